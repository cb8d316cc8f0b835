using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Security.Cryptography;
using System.Text;
using MieCool.Mesh;
using MieCool.Thermal.Assembly;
using MieCool.Thermal.LinearAlgebra;

namespace MieCool.Thermal;

/// <summary>
/// Solutions of linear systems solved before, on disk, so that a solve of the very same system is read instead of
/// iterated. The coupled model keeps one kind of solve here: the response of its self-consistent steady state (the field
/// of a uniform 1 W source in the particle), which depends on the mesh and the thermal settings only, so that a rerun, or
/// a sweep over intensity, pump wavelength, emission or absorption, skips that solve on a mesh it has seen. Its final
/// field is always solved.
/// <para>
/// Exact, never approximate: the key is a SHA-256 of everything the unknowns are computed from: the matrix (size, row
/// pointers, column indices, the values' bits), the right-hand side, the fixed values, the start, the preconditioner,
/// tolerance and iteration limit, the kernels' chunking (<see cref="Parallelism.Threads"/>: the order of the partial
/// sums), the processor's vector width and instruction sets, the runtime's version, the file format and the module
/// version id of MieCool.Thermal (a content hash of the solver's code under deterministic builds). So an entry holds
/// bit for bit the unknowns the solve would compute again, and the solution evaluated from them (heat flows, the
/// particle's statistics) is the same. The unknowns are in the solver's node numbering, as solved.
/// </para>
/// <para>
/// File: a header, the solver statistics, the unknowns, and a SHA-256 of all of it; one that does not check out is
/// ignored and replaced. Entries live in the mesh cache's folder (<see cref="MeshCache.Default"/>, with
/// MIECOOL_MESH_CACHE=off no store), as *.solution files of 8 bytes per unknown (0.7 MB for the headline case's 84 000),
/// kept below <see cref="DefaultMaxBytes"/> together (<see cref="CacheFolder"/>). The store only ever saves time: a
/// folder that cannot be read or written is reported as progress, never an error.
/// </para>
/// </summary>
/// <param name="folder">The folder (null: no store, every solve iterates).</param>
/// <param name="maxBytes">Size the folder's solutions are kept below, bytes.</param>
public sealed class SolutionStore(string? folder, long maxBytes = SolutionStore.DefaultMaxBytes)
{
    /// <summary>Size the solutions are kept below, bytes (512 MB: about 700 of the headline case's).</summary>
    public const long DefaultMaxBytes = 512L << 20;

    /// <summary>Version of the file layout below; part of the key.</summary>
    public const int FormatVersion = 1;

    static readonly byte[] Magic = "MCSOLV01"u8.ToArray();

    /// <summary>The folder, or null when there is no store.</summary>
    public string? Folder { get; } = folder;

    /// <summary>The store of this process's environment: the mesh cache's folder (see <see cref="MeshCache.Default"/>).</summary>
    public static SolutionStore Default => new(MeshCache.Default.Folder);

    /// <summary>Solves read from the store.</summary>
    public int Hits { get; private set; }

    /// <summary>Solves written to it.</summary>
    public int Writes { get; private set; }

    /// <summary>
    /// The unknowns and statistics of <paramref name="system"/>, read when stored, else solved by
    /// <paramref name="solve"/> and stored.
    /// </summary>
    internal (double[] Unknowns, SolverStats Stats) Recall(HeatSystem system, PreconditionerKind kind, SolverOptions options,
                                                           double[]? start, Func<(double[], SolverStats)> solve,
                                                           IProgress<string>? progress)
    {
        if (Folder is null) return solve();
        string key = Key(system, kind, options, start);
        string path = Path.Combine(Folder, key + ".solution");
        try
        {
            if (CacheFolder.Read(path) is { } bytes)
            {
                if (Decode(bytes, key, system.Matrix) is { } known)
                {
                    Hits++;
                    progress?.Report($"solution from the store ({path})");
                    return known;
                }
                progress?.Report($"solution store: {path} does not check out; solving again");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            progress?.Report($"solution store: cannot read {path} ({e.Message}); solving");
        }
        var solved = solve();
        try
        {
            CacheFolder.Write(path, "*.solution", maxBytes, Encode(key, solved.Item1, solved.Item2));
            Writes++;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            progress?.Report($"solution store: cannot write {path} ({e.Message}); not stored");
        }
        return solved;
    }

    /// <summary>The key of a solve of <paramref name="system"/> (see the class remarks), hex.</summary>
    internal static string Key(HeatSystem system, PreconditionerKind kind, SolverOptions options, double[]? start)
    {
        static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        string context = string.Join("|",
            "miecool-solution", FormatVersion.ToString(CultureInfo.InvariantCulture),
            typeof(SolutionStore).Assembly.ManifestModule.ModuleVersionId.ToString("N"),
            RuntimeInformation.FrameworkDescription, RuntimeInformation.ProcessArchitecture.ToString(),
            Vector<byte>.Count.ToString(CultureInfo.InvariantCulture), Vector256.IsHardwareAccelerated.ToString(),
            Vector512.IsHardwareAccelerated.ToString(), Fma.IsSupported.ToString(),
            Parallelism.Threads.ToString(CultureInfo.InvariantCulture),
            kind.ToString(), R(options.RelativeTolerance), options.MaxIterations.ToString(CultureInfo.InvariantCulture),
            start is null ? "zero start" : "given start");
        var K = system.Matrix;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(context));
        void Array<T>(T[] a) where T : unmanaged
        {
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(length, a.LongLength);
            hash.AppendData(length);
            hash.AppendData(MemoryMarshal.AsBytes(a.AsSpan()));
        }
        Array(K.RowPointers); Array(K.ColumnIndices); Array(K.Values);
        Array(system.Rhs); Array(system.FixedRise);
        if (start is not null) Array(start);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    // Layout (little-endian): magic[8], key[64 ASCII], unknowns, non-zeros, iterations (int32), relative residual (float64),
    // method (int32 byte count, UTF-8), unknowns (float64 x n), then SHA-256 of everything before it.
    static byte[] Encode(string key, double[] unknowns, SolverStats stats)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("the solution store is written little-endian");
        var method = Encoding.UTF8.GetBytes(stats.Method);
        var b = new byte[8 + 64 + 3 * 4 + 8 + 4 + method.Length + 8 * unknowns.Length + 32];
        Magic.CopyTo(b, 0); Encoding.ASCII.GetBytes(key, b.AsSpan(8));
        int at = 72;
        void Int(int v) { BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(at), v); at += 4; }
        Int(unknowns.Length); Int(stats.NonZeros); Int(stats.Iterations);
        BinaryPrimitives.WriteDoubleLittleEndian(b.AsSpan(at), stats.RelativeResidual); at += 8;
        Int(method.Length);
        method.CopyTo(b, at); at += method.Length;
        MemoryMarshal.AsBytes(unknowns.AsSpan()).CopyTo(b.AsSpan(at)); at += 8 * unknowns.Length;
        SHA256.HashData(b.AsSpan(0, at), b.AsSpan(at));
        return b;
    }

    static (double[], SolverStats)? Decode(byte[] b, string key, CsrMatrix K)
    {
        const int header = 8 + 64 + 3 * 4 + 8 + 4;
        if (!BitConverter.IsLittleEndian || b.Length < header + 32 || !CacheFolder.ChecksOut(b, Magic, key)) return null;
        int at = 72;
        int Int() { int v = BinaryPrimitives.ReadInt32LittleEndian(b.AsSpan(at)); at += 4; return v; }
        int n = Int(), nonZeros = Int(), iterations = Int();
        double residual = BinaryPrimitives.ReadDoubleLittleEndian(b.AsSpan(at)); at += 8;
        int methodBytes = Int();
        if (n != K.Size || nonZeros != K.NonZeros || iterations < 0 || methodBytes < 0
            || b.Length != header + methodBytes + 8L * n + 32) return null;
        string method = Encoding.UTF8.GetString(b, at, methodBytes); at += methodBytes;
        var unknowns = new double[n];
        b.AsSpan(at, 8 * n).CopyTo(MemoryMarshal.AsBytes(unknowns.AsSpan()));
        foreach (double v in unknowns) if (!double.IsFinite(v)) return null;
        return (unknowns, new SolverStats(n, nonZeros, method, iterations, residual));
    }
}
