using System.Globalization;
using System.Runtime.InteropServices;
using MieCool.Core;
using MieCool.Mesh;
using PureHDF;
using PureHDF.Filters;
using PureHDF.VOL.Native;

namespace MieCool.Results;

/// <summary>
/// The files written for one result: the HDF5 data, the XDMF3 descriptions beside it (the tetrahedra, the boundary
/// triangles, the particle's sub-grid when it has fields) and the ParaView script view.py.
/// </summary>
public sealed record ResultPaths(string Hdf5, string Xdmf)
{
    /// <summary>NAME_boundary.xdmf: the boundary triangles with their named tags.</summary>
    public string BoundaryXdmf => Sibling(Hdf5, "_boundary.xdmf");
    /// <summary>NAME_particle.xdmf: the particle's sub-grid (written only when the result has particle fields).</summary>
    public string ParticleXdmf => Sibling(Hdf5, "_particle.xdmf");
    /// <summary>view.py beside the .h5: `paraview --script=view.py` opens the standard view.</summary>
    public string ViewScript => Path.Combine(Path.GetDirectoryName(Hdf5) ?? "", ParaViewScript.FileName);

    static string Sibling(string h5, string suffix) =>
        Path.Combine(Path.GetDirectoryName(h5) ?? "", Path.GetFileNameWithoutExtension(h5) + suffix);
}

/// <summary>What a result file holds beside its mesh.</summary>
/// <param name="Fields">Point and cell fields of the whole mesh (names distinct per centring).</param>
public sealed record ResultContent(IReadOnlyList<ResultField> Fields)
{
    /// <summary>
    /// Point fields defined only in the particle, one value per node of its sub-grid (<see cref="ParticleGrid.Of"/>), e.g. q
    /// and |E|^2 as point data; written to /particle and NAME_particle.xdmf. Empty: no sub-grid.
    /// </summary>
    public IReadOnlyList<ResultField> ParticleFields { get; init; } = [];
    /// <summary>The program that writes it ("miecool VERSION"); null: <see cref="BuildInfo.Program"/>.</summary>
    public string? Program { get; init; }
    /// <summary>A time series (each step's fields), or null.</summary>
    public IReadOnlyList<ResultStep>? Series { get; init; }
}

/// <summary>One step of a time series: its time and the fields that change with it.</summary>
/// <param name="TimeS">The step's time, s.</param>
/// <param name="Fields">Its fields (names distinct from the file's fixed fields).</param>
public sealed record ResultStep(double TimeS, IReadOnlyList<ResultField> Fields);

/// <summary>
/// A MieCool result file (docs/file-format.md): a tetrahedral mesh with its region tags and any number of
/// named point and cell fields, each carrying its unit (and optionally a time series of fields, and point fields on the
/// particle's sub-grid). <see cref="Write(string, TetMesh, ResultContent)"/> produces NAME.h5, NAME.xdmf, NAME_boundary.xdmf
/// (NAME_particle.xdmf) for ParaView's XDMF3 reader and view.py; <see cref="Read"/> loads the .h5 back. Every dataset is
/// chunked and deflate-compressed (with the shuffle filter: lossless, read back bit for bit); the connectivity is stored
/// once, as int32, in the node order the XDMF needs.
/// </summary>
public sealed class ResultFile
{
    /// <summary>The mesh, SI (metres), with cell regions, boundary faces and particle placement.</summary>
    public required TetMesh Mesh { get; init; }
    /// <summary>Point and cell fields in file order.</summary>
    public IReadOnlyList<ResultField> Fields { get; init; } = [];
    /// <summary>Point fields on the particle's sub-grid (<see cref="ParticleGrid"/>), e.g. q and E2 as point data.</summary>
    public IReadOnlyList<ResultField> ParticleFields { get; init; } = [];
    /// <summary>The particle's sub-grid the <see cref="ParticleFields"/> live on (null when the file has none).</summary>
    public ParticleGrid? Particle { get; init; }
    /// <summary>The program that wrote the file, e.g. "miecool 0.1.0".</summary>
    public string Program { get; init; } = "";
    /// <summary>The git commit of the build that wrote the file ("unknown" outside git; "" in files older than the key).</summary>
    public string Commit { get; init; } = "";
    /// <summary>When the file was written (UTC), as recorded in the file.</summary>
    public string CreatedUtc { get; init; } = "";

    /// <summary>The field named <paramref name="name"/>; throws naming the fields present when absent.</summary>
    public ResultField Field(string name) =>
        Fields.FirstOrDefault(f => f.Name == name)
        ?? throw new KeyNotFoundException($"no field \"{name}\"; fields: {string.Join(", ", Fields.Select(f => f.Name))}");

    /// <summary>True when a field of that name is present.</summary>
    public bool HasField(string name) => Fields.Any(f => f.Name == name);

    /// <summary>
    /// The bare names of the files <see cref="Write(string, TetMesh, ResultContent)"/> writes for NAME.h5 (a command's list of
    /// files): NAME.h5, NAME.xdmf, NAME_boundary.xdmf, NAME_particle.xdmf when <paramref name="particleFields"/>, view.py.
    /// </summary>
    public static string[] FileNames(string hdf5Name, bool particleFields)
    {
        string n = Path.GetFileNameWithoutExtension(hdf5Name);
        return particleFields
            ? [n + ".h5", n + ".xdmf", n + "_boundary.xdmf", n + "_particle.xdmf", ParaViewScript.FileName]
            : [n + ".h5", n + ".xdmf", n + "_boundary.xdmf", ParaViewScript.FileName];
    }

    /// <summary>
    /// Writes <paramref name="hdf5Path"/> (conventionally NAME.h5) and NAME.xdmf, NAME_boundary.xdmf and view.py beside it.
    /// All are written under temporary names and renamed at the end, so a failure leaves no partial result.
    /// </summary>
    public static ResultPaths Write(string hdf5Path, TetMesh mesh, IEnumerable<ResultField>? fields = null, string? program = null) =>
        Write(hdf5Path, mesh, new ResultContent((fields ?? []).ToList()) { Program = program });

    /// <summary>
    /// <see cref="Write(string, TetMesh, IEnumerable{ResultField}?, string?)"/> with a time series: each step's fields under
    /// /series/step_NNNNN/fields (its time in the group's attribute time_s), and the .xdmf a temporal collection that
    /// ParaView plays as an animation, every step with <paramref name="fields"/> (the fields that do not change) beside its own.
    /// </summary>
    public static ResultPaths Write(string hdf5Path, TetMesh mesh, IEnumerable<ResultField>? fields, string? program,
                                    IReadOnlyList<ResultStep>? series) =>
        Write(hdf5Path, mesh, new ResultContent((fields ?? []).ToList()) { Program = program, Series = series });

    /// <summary>
    /// PureHDF asks <see cref="Marshal.SizeOf(Type)"/> of the scalar types it encodes (a string attribute's bytes, the
    /// datasets' numbers); the native program (NativeAOT) knows the answer only for the types that code names so: these.
    /// The rest of what PureHDF makes by reflection is listed for the native compiler in src/Cli/NativeAot.rd.xml.
    /// </summary>
    static readonly int[] ScalarSizes =
    [
        Marshal.SizeOf<byte>(), Marshal.SizeOf<sbyte>(), Marshal.SizeOf<short>(), Marshal.SizeOf<ushort>(),
        Marshal.SizeOf<int>(), Marshal.SizeOf<uint>(), Marshal.SizeOf<long>(), Marshal.SizeOf<ulong>(),
        Marshal.SizeOf<float>(), Marshal.SizeOf<double>(),
    ];

    /// <summary>Writes the result <paramref name="content"/> on <paramref name="mesh"/>: the .h5, its XDMF files and view.py.</summary>
    public static ResultPaths Write(string hdf5Path, TetMesh mesh, ResultContent content)
    {
        GC.KeepAlive(ScalarSizes);
        var list = content.Fields.ToList();
        var series = content.Series;
        Validate(mesh, list);
        var grid = content.ParticleFields.Count > 0 ? ParticleGrid.Of(mesh) : null;
        if (grid is not null) ValidateParticle(grid, content.ParticleFields);
        if (series is not null)
        {
            double last = double.NegativeInfinity;
            foreach (var step in series)
            {
                if (!(step.TimeS > last) || !double.IsFinite(step.TimeS))
                    throw new ArgumentException($"series times must increase and be finite ({step.TimeS} after {last})");
                last = step.TimeS;
                Validate(mesh, step.Fields.ToList());
                foreach (var f in step.Fields)
                    if (list.Any(g => g.Name == f.Name && g.Centering == f.Centering))
                        throw new ArgumentException($"field \"{f.Name}\" is both a fixed and a series field");
            }
        }
        string full = Path.GetFullPath(hdf5Path);
        var paths = new ResultPaths(full, Path.ChangeExtension(full, ".xdmf"));
        if (string.Equals(full, paths.Xdmf, StringComparison.Ordinal))
            throw new ArgumentException($"result path must not end in .xdmf: {hdf5Path}", nameof(hdf5Path));
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);

        string h5Name = Path.GetFileName(full), name = Path.GetFileNameWithoutExtension(full);
        var texts = new List<(string Path, string Text)>
        {
            (paths.Xdmf, Xdmf.Volume(h5Name, mesh, list, series)),
            (paths.BoundaryXdmf, Xdmf.Boundary(h5Name, mesh, list, series)),
            (paths.ViewScript, ParaViewScript.For(name, mesh, list, series, grid is not null)),
        };
        if (grid is not null) texts.Add((paths.ParticleXdmf, Xdmf.Particle(h5Name, mesh, grid, content.ParticleFields)));

        string tag = $".tmp{Environment.ProcessId}-{Guid.NewGuid():N}";
        var temporary = new List<string> { full + tag };
        try
        {
            var h5 = BuildHdf5(mesh, list, content.Program ?? BuildInfo.Program);
            if (series is not null) h5["series"] = SeriesGroup(series);
            if (grid is not null) h5["particle"] = ParticleGroup(mesh, grid, content.ParticleFields);
            WriteHdf5(h5, full + tag);
            foreach (var (path, text) in texts)
            {
                temporary.Add(path + tag);
                File.WriteAllText(path + tag, text);
            }
            File.Move(full + tag, full, overwrite: true);
            foreach (var (path, _) in texts) File.Move(path + tag, path, overwrite: true);
        }
        finally
        {
            foreach (var t in temporary) if (File.Exists(t)) File.Delete(t);
        }
        return paths;
    }

    /// <summary>
    /// Writes <paramref name="h5"/> to <paramref name="path"/> through a stream that keeps the first I/O fault of the file
    /// (a full disk, say): PureHDF may meet it while flushing a chunk and then fail on its own bookkeeping ("Chunks can
    /// only be written once"), which would hide the cause. That fault is rethrown in place of what PureHDF throws after it.
    /// </summary>
    static void WriteHdf5(H5File h5, string path)
    {
        using var file = new FaultKeepingStream(new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None));
        try
        {
            h5.Write(file);
            file.Flush();
        }
        catch (Exception e) when (file.Fault is { } fault && !ReferenceEquals(e, fault))
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(fault);
        }
    }

    /// <summary>A file stream that remembers the first <see cref="IOException"/> any of its calls threw.</summary>
    sealed class FaultKeepingStream(FileStream inner) : Stream
    {
        public IOException? Fault { get; private set; }

        T Keep<T>(Func<T> call)
        {
            try { return call(); }
            catch (IOException e) { Fault ??= e; throw; }
        }

        void Keep(Action call) => Keep(() => { call(); return 0; });

        public override bool CanRead => inner.CanRead;
        public override bool CanSeek => inner.CanSeek;
        public override bool CanWrite => inner.CanWrite;
        public override long Length => Keep(() => inner.Length);
        public override long Position { get => Keep(() => inner.Position); set => Keep(() => inner.Position = value); }
        public override void Flush() => Keep(inner.Flush);
        public override int Read(byte[] buffer, int offset, int count) => Keep(() => inner.Read(buffer, offset, count));
        public override int Read(Span<byte> buffer)
        {
            try { return inner.Read(buffer); }
            catch (IOException e) { Fault ??= e; throw; }
        }
        public override long Seek(long offset, SeekOrigin origin) => Keep(() => inner.Seek(offset, origin));
        public override void SetLength(long value) => Keep(() => inner.SetLength(value));
        public override void Write(byte[] buffer, int offset, int count) => Keep(() => inner.Write(buffer, offset, count));
        public override void Write(ReadOnlySpan<byte> buffer)
        {
            try { inner.Write(buffer); }
            catch (IOException e) { Fault ??= e; throw; }
        }
        protected override void Dispose(bool disposing)
        {
            if (disposing) Keep(inner.Dispose);
            base.Dispose(disposing);
        }
    }

    static void Validate(TetMesh mesh, List<ResultField> fields)
    {
        if (mesh.NodesPerCell is not (4 or 10))
            throw new ArgumentException($"cells must have 4 or 10 nodes, not {mesh.NodesPerCell}");
        if (mesh.Nodes.Length % 3 != 0 || mesh.Cells.Length % mesh.NodesPerCell != 0)
            throw new ArgumentException("node or cell array length is not a multiple of its row size");
        if (mesh.CellRegion.Length != mesh.CellCount)
            throw new ArgumentException($"CellRegion has {mesh.CellRegion.Length} entries for {mesh.CellCount} cells");
        if (mesh.BoundaryFaces.Length % mesh.NodesPerFace != 0 || mesh.BoundaryRegion.Length != mesh.BoundaryFaceCount)
            throw new ArgumentException("boundary faces and boundary regions do not match");
        int n = mesh.NodeCount;
        foreach (var i in mesh.Cells) if ((uint)i >= (uint)n) throw new ArgumentException($"cell node index {i} outside [0, {n})");
        foreach (var i in mesh.BoundaryFaces) if ((uint)i >= (uint)n) throw new ArgumentException($"face node index {i} outside [0, {n})");
        var seen = new HashSet<(string, FieldCentering)>();
        foreach (var f in fields)
        {
            CheckName(f);
            if (!seen.Add((f.Name, f.Centering))) throw new ArgumentException($"field \"{f.Name}\" given twice");
            int expected = f.Centering == FieldCentering.Node ? n : mesh.CellCount;
            if (f.Values.Length != expected)
                throw new ArgumentException($"field \"{f.Name}\" has {f.Values.Length} values, expected {expected} " +
                                            $"(one per {(f.Centering == FieldCentering.Node ? "node" : "cell")})");
        }
    }

    static void ValidateParticle(ParticleGrid grid, IReadOnlyList<ResultField> fields)
    {
        if (grid.CellCount == 0) throw new ArgumentException("particle fields given, but the mesh has no particle cells");
        var seen = new HashSet<string>();
        foreach (var f in fields)
        {
            CheckName(f);
            if (f.Centering != FieldCentering.Node) throw new ArgumentException($"particle field \"{f.Name}\" must be point data");
            if (!seen.Add(f.Name)) throw new ArgumentException($"particle field \"{f.Name}\" given twice");
            if (f.Values.Length != grid.NodeCount)
                throw new ArgumentException($"particle field \"{f.Name}\" has {f.Values.Length} values, expected {grid.NodeCount} " +
                                            "(one per node of the particle's sub-grid)");
        }
    }

    static void CheckName(ResultField f)
    {
        if (f.Name.Length == 0 || !f.Name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            throw new ArgumentException($"field name \"{f.Name}\" must consist of letters, digits and '_'");
    }

    /// <summary>Target bytes of one chunk: large enough for deflate to work well, small enough to read a part cheaply.</summary>
    const int ChunkBytes = 1 << 20;

    /// <summary>
    /// Shuffle (bytes of equal significance together) then deflate level 1 (PureHDF offers 0, 1, 9): lossless, read by
    /// every HDF5 tool.
    /// </summary>
    static readonly List<H5Filter> Filters =
    [
        new(ShuffleFilter.Id),
        new(DeflateFilter.Id, new Dictionary<string, object> { [DeflateFilter.COMPRESSION_LEVEL] = 1 }),
    ];

    /// <summary>A chunked, compressed dataset of <paramref name="rows"/> x <paramref name="columns"/> (1: a vector).</summary>
    static H5Dataset Compressed<T>(T[] data, int rows, int columns, int elementBytes) where T : unmanaged
    {
        ulong[] dims = columns == 1 ? [(ulong)rows] : [(ulong)rows, (ulong)columns];
        if (rows == 0) return new H5Dataset(data, fileDims: dims); // an empty dataset has no chunks
        uint chunkRows = (uint)Math.Clamp(ChunkBytes / (columns * elementBytes), 1, rows);
        uint[] chunks = columns == 1 ? [chunkRows] : [chunkRows, (uint)columns];
        return new H5Dataset(data, fileDims: dims, chunks: chunks, datasetCreation: new H5DatasetCreation(Filters: Filters));
    }

    static H5Dataset Doubles(double[] v, int columns = 1) => Compressed(v, v.Length / columns, columns, 8);
    static H5Dataset Ints(int[] v, int columns = 1) => Compressed(v, v.Length / columns, columns, 4);

    static H5Dataset FieldDataset(ResultField f) => WithAttributes(Doubles(f.Values), f);

    static H5Dataset WithAttributes(H5Dataset ds, ResultField f)
    {
        ds.Attributes = new Dictionary<string, object> { ["unit"] = f.Unit, ["long_name"] = f.LongName };
        return ds;
    }

    /// <summary>The cells as the XDMF needs them: gmsh's order for P1, VTK's for P2 (local nodes 8 and 9 swapped).</summary>
    static int[] VtkOrder(int[] cells, int nodesPerCell) => nodesPerCell == 10 ? Xdmf.GmshToVtkTet10(cells) : cells;

    static H5File BuildHdf5(TetMesh mesh, List<ResultField> fields, string program)
    {
        var meshGroup = new H5Group
        {
            ["nodes"] = Doubles(mesh.Nodes, 3),
            ["cells"] = Ints(VtkOrder(mesh.Cells, mesh.NodesPerCell), mesh.NodesPerCell),
            ["region"] = Ints(mesh.CellRegion),
            ["boundary_faces"] = Ints(mesh.BoundaryFaces, mesh.NodesPerFace),
            ["boundary_region"] = Ints(mesh.BoundaryRegion),
        };
        meshGroup.Attributes = new Dictionary<string, object> { ["order"] = mesh.Order, ["node_order"] = NodeOrderVtk };
        if (mesh.Particle is { } p)
        {
            meshGroup.Attributes["particle_radius_m"] = p.Radius;
            meshGroup.Attributes["particle_core_radius_m"] = p.CoreRadius;
            meshGroup.Attributes["particle_center_z_m"] = p.CenterZ;
            meshGroup.Attributes["contact_radius_m"] = p.ContactRadius;
        }
        var pointGroup = new H5Group();
        var cellGroup = new H5Group();
        foreach (var f in fields) (f.Centering == FieldCentering.Node ? pointGroup : cellGroup)[f.Name] = FieldDataset(f);
        return new H5File
        {
            ["mesh"] = meshGroup,
            ["fields"] = pointGroup,
            ["cell_fields"] = cellGroup,
            Attributes = new Dictionary<string, object>
            {
                ["program"] = program,
                ["commit"] = BuildInfo.Commit,
                ["created_utc"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            },
        };
    }

    /// <summary>The value of /mesh's node_order attribute: /mesh/cells in VTK order (absent in older files: gmsh's order).</summary>
    const string NodeOrderVtk = "vtk";

    static H5Group ParticleGroup(TetMesh mesh, ParticleGrid grid, IReadOnlyList<ResultField> fields)
    {
        var points = new H5Group();
        foreach (var f in fields) points[f.Name] = FieldDataset(f);
        return new H5Group
        {
            ["nodes"] = Doubles(grid.Coordinates(mesh), 3),
            ["cells"] = Ints(VtkOrder(grid.Cells, mesh.NodesPerCell), mesh.NodesPerCell),
            ["node_ids"] = Ints(grid.NodeIds),
            ["cell_ids"] = Ints(grid.CellIds),
            ["region"] = Ints(grid.CellIds.Select(c => mesh.CellRegion[c]).ToArray()),
            ["fields"] = points,
        };
    }

    /// <summary>The name of step <paramref name="k"/>'s group under /series.</summary>
    public static string StepGroup(int k) => $"step_{k:D5}";

    static H5Group SeriesGroup(IReadOnlyList<ResultStep> series)
    {
        var group = new H5Group();
        for (int k = 0; k < series.Count; k++)
        {
            var points = new H5Group(); var cells = new H5Group();
            foreach (var f in series[k].Fields) (f.Centering == FieldCentering.Node ? points : cells)[f.Name] = FieldDataset(f);
            group[StepGroup(k)] = new H5Group
            {
                ["fields"] = points, ["cell_fields"] = cells,
                Attributes = new Dictionary<string, object> { ["time_s"] = series[k].TimeS },
            };
        }
        group.Attributes = new Dictionary<string, object> { ["steps"] = series.Count };
        return group;
    }

    /// <summary>
    /// Reads a result file written by <see cref="Write(string, TetMesh, ResultContent)"/> (the .h5; a path to an .xdmf is
    /// accepted too; of a time series, the fixed fields and those of its last step: the end state). Files of earlier versions
    /// (int64 cells in gmsh order, uncompressed) are read as well. A missing or malformed file is an
    /// <see cref="InputException"/> naming the file and what is wrong.
    /// </summary>
    public static ResultFile Read(string path)
    {
        if (path.EndsWith(".xdmf", StringComparison.OrdinalIgnoreCase))
        {
            string stem = Path.GetFileNameWithoutExtension(path);
            foreach (var suffix in new[] { "_boundary", "_particle" })
                if (stem.EndsWith(suffix, StringComparison.Ordinal)) stem = stem[..^suffix.Length];
            path = Path.Combine(Path.GetDirectoryName(path) ?? "", stem + ".h5");
        }
        const string valid = "a MieCool result file (.h5 written by miecool, see docs/file-format.md)";
        if (!File.Exists(path)) throw new InputException(path, "file not found", valid: valid);
        try
        {
            using var file = H5File.OpenRead(path);
            var meshGroup = file.Group("mesh");
            var nodes = ReadMatrix<double>(meshGroup, "nodes", 3, out _);
            var cells = ReadIndices(meshGroup, "cells", null, out int nodesPerCell);
            if (nodesPerCell is not (4 or 10)) throw new FormatException($"/mesh/cells has {nodesPerCell} columns, expected 4 or 10");
            bool vtk = meshGroup.AttributeExists("node_order") && meshGroup.Attribute("node_order").Read<string>() == NodeOrderVtk;
            if (vtk && nodesPerCell == 10) cells = Xdmf.GmshToVtkTet10(cells); // the swap is its own inverse
            var region = ReadVector(meshGroup.Dataset("region"));
            var faces = ReadIndices(meshGroup, "boundary_faces", nodesPerCell == 4 ? 3 : 6, out _);
            var faceRegion = ReadVector(meshGroup.Dataset("boundary_region"));

            ParticlePlacement? particle = null;
            if (meshGroup.AttributeExists("particle_radius_m"))
                particle = new ParticlePlacement(
                    ScalarAttribute(meshGroup, "particle_radius_m"), ScalarAttribute(meshGroup, "particle_core_radius_m"),
                    ScalarAttribute(meshGroup, "particle_center_z_m"), ScalarAttribute(meshGroup, "contact_radius_m"));

            var mesh = new TetMesh
            {
                Nodes = nodes, Cells = cells, NodesPerCell = nodesPerCell, CellRegion = region,
                BoundaryFaces = faces, BoundaryRegion = faceRegion, Particle = particle,
            };
            var fields = new List<ResultField>();
            foreach (var (groupName, centering) in Groups)
                if (file.LinkExists(groupName)) fields.AddRange(ReadFields(file.Group(groupName), centering));
            // a time series: its last step's fields beside the fixed ones (the end state, for the viewer and `render`)
            if (file.LinkExists("series") && file.Group("series").Children().OfType<IH5Group>().OrderBy(g => g.Name).LastOrDefault()
                is { } last)
                foreach (var (groupName, centering) in Groups)
                {
                    if (!last.LinkExists(groupName)) continue;
                    fields.AddRange(ReadFields(last.Group(groupName), centering)
                        .Where(f => !fields.Any(g => g.Name == f.Name && g.Centering == centering)).ToList());
                }
            Validate(mesh, fields);
            ParticleGrid? grid = null;
            var particleFields = new List<ResultField>();
            if (file.LinkExists("particle"))
            {
                var pg = file.Group("particle");
                grid = new ParticleGrid(ReadVector(pg.Dataset("node_ids")), ReadVector(pg.Dataset("cell_ids")),
                                        ReadIndices(pg, "cells", nodesPerCell, out _));
                if (nodesPerCell == 10) grid = grid with { Cells = Xdmf.GmshToVtkTet10(grid.Cells) };
                particleFields.AddRange(ReadFields(pg.Group("fields"), FieldCentering.Node));
                ValidateParticle(grid, particleFields);
            }
            return new ResultFile
            {
                Mesh = mesh, Fields = fields, Particle = grid, ParticleFields = particleFields,
                Program = StringAttribute(file, "program"), Commit = StringAttribute(file, "commit"),
                CreatedUtc = StringAttribute(file, "created_utc"),
            };
        }
        catch (Exception e) when (e is not InputException)
        {
            throw new InputException(path, $"cannot read result file: {e.Message}", valid: valid, inner: e);
        }
    }

    static readonly (string Group, FieldCentering Centering)[] Groups =
        [("fields", FieldCentering.Node), ("cell_fields", FieldCentering.Cell)];

    static IEnumerable<ResultField> ReadFields(IH5Group group, FieldCentering centering) =>
        group.Children().OfType<IH5Dataset>().Select(ds => new ResultField(ds.Name, centering, ds.Read<double[]>(),
            StringAttribute(ds, "unit"), StringAttribute(ds, "long_name")));

    static T[] ReadMatrix<T>(IH5Group group, string name, int? columns, out int actualColumns) where T : unmanaged
    {
        var ds = group.Dataset(name);
        var dims = ds.Space.Dimensions;
        if (dims.Length != 2) throw new FormatException($"/{group.Name}/{name} has rank {dims.Length}, expected 2");
        actualColumns = (int)dims[1];
        if (columns is int c && actualColumns != c)
            throw new FormatException($"/{group.Name}/{name} has {actualColumns} columns, expected {c}");
        return ds.Read<T[]>();
    }

    /// <summary>A matrix of node indices: int32 (this version) or int64 (files of earlier versions).</summary>
    static int[] ReadIndices(IH5Group group, string name, int? columns, out int actualColumns) =>
        group.Dataset(name).Type.Size == 8
            ? ToInt(ReadMatrix<long>(group, name, columns, out actualColumns))
            : ReadMatrix<int>(group, name, columns, out actualColumns);

    static int[] ReadVector(IH5Dataset ds) => ds.Type.Size == 8 ? ToInt(ds.Read<long[]>()) : ds.Read<int[]>();

    static int[] ToInt(long[] a)
    {
        var r = new int[a.Length];
        for (int i = 0; i < a.Length; i++) r[i] = checked((int)a[i]);
        return r;
    }

    static double ScalarAttribute(IH5Object o, string name) => o.Attribute(name).Read<double>();

    static string StringAttribute(IH5Object o, string name) =>
        o.AttributeExists(name) ? o.Attribute(name).Read<string>() : "";
}
