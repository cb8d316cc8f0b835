using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace MieCool.Mesh;

/// <summary>
/// Meshes already made, on disk, so that a run whose geometry and mesh settings did not change (a rerun, a sweep over
/// intensity or pump wavelength, a transient after its steady state) skips gmsh. Only reproducible meshes are kept (one
/// gmsh thread: the bit-identical mesh every run), so a cached mesh is exactly the mesh gmsh would make again.
/// <para>
/// Key: SHA-256 of the spec's mesh-shaping values (radius, shell, contact, box, h_min, grading, order) written with "R"
/// formatting, the file format version and the module version id of MieCool.Mesh (a content hash of the mesher's code
/// under deterministic builds: any change to the mesher invalidates every entry). File: a header, the arrays, and a
/// SHA-256 of all of it; a file that does not check out is ignored and replaced. Writes go to a unique temporary name
/// and are renamed into place, so concurrent runs never read half a file. The cache only ever saves time: a folder that
/// cannot be read or written is skipped (once, with a progress line), never an error.
/// </para>
/// <para>
/// Folder: the environment variable MIECOOL_MESH_CACHE (a folder, or "off"), else $XDG_CACHE_HOME/miecool/meshes, else
/// ~/.cache/miecool/meshes. Entries are about 1 MB per 10 000 nodes; delete the folder to clear it.
/// </para>
/// </summary>
public sealed class MeshCache(string? folder, long maxBytes = MeshCache.DefaultMaxBytes)
{
    /// <summary>
    /// Size the folder's meshes are kept below, bytes (2 GB): after each write the least recently used meshes go first (a
    /// read marks an entry used), so that a long sweep over diameters does not fill the disk (<see cref="CacheFolder"/>).
    /// </summary>
    public const long DefaultMaxBytes = 2L << 30;

    /// <summary>Version of the file layout below; part of the key.</summary>
    public const int FormatVersion = 2;

    static readonly byte[] Magic = "MCMESH02"u8.ToArray();

    /// <summary>The folder, or null when caching is off.</summary>
    public string? Folder { get; } = folder;

    /// <summary>The cache of this process's environment (see the class remarks); read anew on each call.</summary>
    public static MeshCache Default
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("MIECOOL_MESH_CACHE");
            if (string.Equals(env, "off", StringComparison.OrdinalIgnoreCase)) return new MeshCache(null);
            if (!string.IsNullOrWhiteSpace(env)) return new MeshCache(env);
            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            string? root = !string.IsNullOrWhiteSpace(xdg) ? xdg : string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".cache");
            return new MeshCache(root is null ? null : Path.Combine(root, "miecool", "meshes"));
        }
    }

    /// <summary>Whether meshes of <paramref name="spec"/> are kept: caching is on and the mesh is reproducible.</summary>
    public bool Keeps(MeshSpec spec) => Folder is not null && ParticleMesher.IsReproducible(spec);

    /// <summary>The key of <paramref name="spec"/>'s mesh, hex.</summary>
    public static string Key(MeshSpec spec)
    {
        static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        var text = string.Join("|",
            "miecool-mesh", FormatVersion.ToString(CultureInfo.InvariantCulture),
            typeof(MeshCache).Assembly.ManifestModule.ModuleVersionId.ToString("N"),
            R(spec.Radius), R(spec.ShellThickness), spec.Contact.Kind.ToString(), R(spec.Contact.Value), R(spec.BoxHalfSize),
            R(spec.HMin), R(spec.Grading), spec.Order.ToString(CultureInfo.InvariantCulture));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Path of the entry for <paramref name="spec"/> (null when caching is off).</summary>
    public string? PathOf(MeshSpec spec) => Folder is null ? null : System.IO.Path.Combine(Folder, Key(spec) + ".mesh");

    /// <summary>The cached mesh of <paramref name="spec"/>, or null (not kept, missing, or not checking out).</summary>
    public TetMesh? TryRead(MeshSpec spec, IProgress<string>? progress = null)
    {
        if (!Keeps(spec) || PathOf(spec) is not { } path || !File.Exists(path)) return null;
        try
        {
            var bytes = CacheFolder.Read(path);
            var mesh = bytes is null ? null : Decode(bytes, Key(spec));
            if (bytes is not null && mesh is null) progress?.Report($"mesh cache: {path} does not check out; meshing again");
            return mesh;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            progress?.Report($"mesh cache: cannot read {path} ({e.Message}); meshing again");
            return null;
        }
    }

    /// <summary>
    /// Keeps <paramref name="mesh"/> as the mesh of <paramref name="spec"/> (when kept; failures are reported, not thrown).
    /// </summary>
    public void Write(MeshSpec spec, TetMesh mesh, IProgress<string>? progress = null)
    {
        if (Keeps(spec)) WriteEntry(spec, Encode(mesh, Key(spec)), progress);
    }

    /// <summary>
    /// <see cref="Write(MeshSpec, TetMesh, IProgress{string}?)"/> of a mesh already in this file layout under this spec's key
    /// (<paramref name="entry"/>: the mesh worker's answer, checked by <see cref="Decode"/>), written as it is.
    /// </summary>
    internal void WriteEntry(MeshSpec spec, ReadOnlyMemory<byte> entry, IProgress<string>? progress = null)
    {
        if (!Keeps(spec) || PathOf(spec) is not { } path) return;
        try
        {
            CacheFolder.Write(path, "*.mesh", maxBytes, entry);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            progress?.Report($"mesh cache: cannot write {path} ({e.Message}); not cached");
        }
    }

    // Layout (little-endian): magic[8], key[64 ASCII], nodesPerCell, nodeCount, cellCount, faceCount (int32), particle
    // (int32: 0 none, 1 flattened, 2 embedded; version 1 lost the difference), particle radius, core radius, centre z,
    // contact radius (float64), nodes (float64 x 3N), cells (int32), cell regions (int32), faces (int32), face regions
    // (int32), then SHA-256 of everything before it.
    internal static byte[] Encode(TetMesh m, string key)
    {
        using var s = new MemoryStream();
        s.Write(Magic);
        s.Write(Encoding.ASCII.GetBytes(key));
        void Int(int v) { Span<byte> b = stackalloc byte[4]; BinaryPrimitives.WriteInt32LittleEndian(b, v); s.Write(b); }
        void Dbl(double v) { Span<byte> b = stackalloc byte[8]; BinaryPrimitives.WriteDoubleLittleEndian(b, v); s.Write(b); }
        Int(m.NodesPerCell); Int(m.NodeCount); Int(m.CellCount); Int(m.BoundaryFaceCount);
        Int(m.Particle is null ? 0 : m.Particle.Embedded ? 2 : 1);
        var p = m.Particle;
        Dbl(p?.Radius ?? 0); Dbl(p?.CoreRadius ?? 0); Dbl(p?.CenterZ ?? 0); Dbl(p?.ContactRadius ?? 0);
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("the mesh cache is written little-endian");
        s.Write(MemoryMarshal.AsBytes(m.Nodes.AsSpan()));
        s.Write(MemoryMarshal.AsBytes(m.Cells.AsSpan()));
        s.Write(MemoryMarshal.AsBytes(m.CellRegion.AsSpan()));
        s.Write(MemoryMarshal.AsBytes(m.BoundaryFaces.AsSpan()));
        s.Write(MemoryMarshal.AsBytes(m.BoundaryRegion.AsSpan()));
        s.Write(SHA256.HashData(s.GetBuffer().AsSpan(0, (int)s.Length)));
        return s.ToArray();
    }

    internal static TetMesh? Decode(ReadOnlyMemory<byte> entry, string key)
    {
        const int header = 8 + 64 + 5 * 4 + 4 * 8;
        if (!BitConverter.IsLittleEndian || entry.Length < header + 32 || !CacheFolder.ChecksOut(entry.Span, Magic, key)) return null;
        int at = 72;
        int Int() { int v = BinaryPrimitives.ReadInt32LittleEndian(entry.Span[at..]); at += 4; return v; }
        double Dbl() { double v = BinaryPrimitives.ReadDoubleLittleEndian(entry.Span[at..]); at += 8; return v; }
        int npc = Int(), nodes = Int(), cells = Int(), faces = Int(), hasParticle = Int();
        double radius = Dbl(), core = Dbl(), centre = Dbl(), contact = Dbl();
        if (npc is not (4 or 10) || nodes < 0 || cells < 0 || faces < 0) return null;
        int npf = npc == 4 ? 3 : 6;
        long expected = header + 8L * 3 * nodes + 4L * (npc * (long)cells + cells + npf * (long)faces + faces) + 32;
        if (entry.Length != expected) return null;
        T[] Array<T>(long count) where T : unmanaged
        {
            var a = new T[count];
            int bytes = (int)(count * Marshal.SizeOf<T>());
            entry.Span.Slice(at, bytes).CopyTo(MemoryMarshal.AsBytes(a.AsSpan()));
            at += bytes;
            return a;
        }
        var mesh = new TetMesh
        {
            Nodes = Array<double>(3L * nodes), Cells = Array<int>((long)npc * cells), NodesPerCell = npc,
            CellRegion = Array<int>(cells), BoundaryFaces = Array<int>((long)npf * faces), BoundaryRegion = Array<int>(faces),
            Particle = hasParticle is 1 or 2 ? new ParticlePlacement(radius, core, centre, contact) { Embedded = hasParticle == 2 } : null,
        };
        foreach (int i in mesh.Cells) if ((uint)i >= (uint)nodes) return null;
        foreach (int i in mesh.BoundaryFaces) if ((uint)i >= (uint)nodes) return null;
        return mesh;
    }
}
