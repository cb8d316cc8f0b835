using System.Globalization;
using MieCool.Core;
using MieCool.Mesh;
using PureHDF;

namespace MieCool.Results;

/// <summary>The two files written for one result: the HDF5 data and the XDMF3 description beside it.</summary>
public sealed record ResultPaths(string Hdf5, string Xdmf);

/// <summary>One step of a time series: its time and the fields that change with it.</summary>
/// <param name="TimeS">The step's time, s.</param>
/// <param name="Fields">Its fields (names distinct from the file's fixed fields).</param>
public sealed record ResultStep(double TimeS, IReadOnlyList<ResultField> Fields);

/// <summary>
/// A MieCool result file (docs/file-format.md): a tetrahedral mesh with its region tags and any number of
/// named point and cell fields, each carrying its unit (and optionally a time series of fields).
/// <see cref="Write(string, TetMesh, IEnumerable{ResultField}?, string?)"/> produces NAME.h5 and NAME.xdmf (for ParaView's
/// XDMF3 reader); <see cref="Read"/> loads the .h5 back.
/// </summary>
public sealed class ResultFile
{
    /// <summary>The mesh, SI (metres), with cell regions, boundary faces and particle placement.</summary>
    public required TetMesh Mesh { get; init; }
    /// <summary>Point and cell fields in file order.</summary>
    public IReadOnlyList<ResultField> Fields { get; init; } = [];
    /// <summary>The program that wrote the file, e.g. "miecool 0.1.0".</summary>
    public string Program { get; init; } = "";
    /// <summary>When the file was written (UTC), as recorded in the file.</summary>
    public string CreatedUtc { get; init; } = "";

    /// <summary>The field named <paramref name="name"/>; throws naming the fields present when absent.</summary>
    public ResultField Field(string name) =>
        Fields.FirstOrDefault(f => f.Name == name)
        ?? throw new KeyNotFoundException($"no field \"{name}\"; fields: {string.Join(", ", Fields.Select(f => f.Name))}");

    /// <summary>True when a field of that name is present.</summary>
    public bool HasField(string name) => Fields.Any(f => f.Name == name);

    /// <summary>
    /// Writes <paramref name="hdf5Path"/> (conventionally NAME.h5) and NAME.xdmf beside it. Both are written under
    /// temporary names and renamed at the end, so a failure leaves no partial result.
    /// </summary>
    public static ResultPaths Write(string hdf5Path, TetMesh mesh, IEnumerable<ResultField>? fields = null, string? program = null) =>
        Write(hdf5Path, mesh, fields, program, null);

    /// <summary>
    /// <see cref="Write(string, TetMesh, IEnumerable{ResultField}?, string?)"/> with a time series: each step's fields under
    /// /series/step_NNNNN/fields (its time in the group's attribute time_s), and the .xdmf a temporal collection that
    /// ParaView plays as an animation, every step with <paramref name="fields"/> (the fields that do not change) beside its own.
    /// </summary>
    public static ResultPaths Write(string hdf5Path, TetMesh mesh, IEnumerable<ResultField>? fields, string? program,
                                    IReadOnlyList<ResultStep>? series)
    {
        var list = (fields ?? []).ToList();
        Validate(mesh, list);
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
        string xdmf = Path.ChangeExtension(full, ".xdmf");
        if (string.Equals(full, xdmf, StringComparison.Ordinal))
            throw new ArgumentException($"result path must not end in .xdmf: {hdf5Path}", nameof(hdf5Path));
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);

        string tag = $".tmp{Environment.ProcessId}-{Guid.NewGuid():N}";
        string h5Tmp = full + tag, xdmfTmp = xdmf + tag;
        try
        {
            var h5 = BuildHdf5(mesh, list, program ?? DefaultProgram());
            if (series is not null) h5["series"] = SeriesGroup(series);
            h5.Write(h5Tmp);
            File.WriteAllText(xdmfTmp, series is null
                ? Xdmf.Describe(Path.GetFileName(full), mesh, list)
                : Xdmf.DescribeSeries(Path.GetFileName(full), mesh, list, series));
            File.Move(h5Tmp, full, overwrite: true);
            File.Move(xdmfTmp, xdmf, overwrite: true);
        }
        finally
        {
            if (File.Exists(h5Tmp)) File.Delete(h5Tmp);
            if (File.Exists(xdmfTmp)) File.Delete(xdmfTmp);
        }
        return new ResultPaths(full, xdmf);
    }

    static string DefaultProgram() =>
        $"miecool {typeof(ResultFile).Assembly.GetName().Version?.ToString(3) ?? "?"}";

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
            if (f.Name.Length == 0 || !f.Name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
                throw new ArgumentException($"field name \"{f.Name}\" must consist of letters, digits and '_'");
            if (!seen.Add((f.Name, f.Centering))) throw new ArgumentException($"field \"{f.Name}\" given twice");
            int expected = f.Centering == FieldCentering.Node ? n : mesh.CellCount;
            if (f.Values.Length != expected)
                throw new ArgumentException($"field \"{f.Name}\" has {f.Values.Length} values, expected {expected} " +
                                            $"(one per {(f.Centering == FieldCentering.Node ? "node" : "cell")})");
        }
    }

    static H5File BuildHdf5(TetMesh mesh, List<ResultField> fields, string program)
    {
        ulong nNodes = (ulong)mesh.NodeCount, nCells = (ulong)mesh.CellCount, nFaces = (ulong)mesh.BoundaryFaceCount;
        var meshGroup = new H5Group
        {
            ["nodes"] = new H5Dataset(mesh.Nodes, fileDims: [nNodes, 3]),
            ["cells"] = new H5Dataset(ToLong(mesh.Cells), fileDims: [nCells, (ulong)mesh.NodesPerCell]),
            ["region"] = new H5Dataset(mesh.CellRegion, fileDims: [nCells]),
            ["boundary_faces"] = new H5Dataset(ToLong(mesh.BoundaryFaces), fileDims: [nFaces, (ulong)mesh.NodesPerFace]),
            ["boundary_region"] = new H5Dataset(mesh.BoundaryRegion, fileDims: [nFaces]),
        };
        if (mesh.NodesPerCell == 10)
            meshGroup[Xdmf.QuadraticCellsDataset] = new H5Dataset(ToLong(Xdmf.GmshToVtkTet10(mesh.Cells)), fileDims: [nCells, 10]);
        meshGroup.Attributes = new Dictionary<string, object> { ["order"] = mesh.Order };
        if (mesh.Particle is { } p)
        {
            meshGroup.Attributes["particle_radius_m"] = p.Radius;
            meshGroup.Attributes["particle_core_radius_m"] = p.CoreRadius;
            meshGroup.Attributes["particle_center_z_m"] = p.CenterZ;
            meshGroup.Attributes["contact_radius_m"] = p.ContactRadius;
        }
        var pointGroup = new H5Group();
        var cellGroup = new H5Group();
        foreach (var f in fields)
        {
            var ds = new H5Dataset(f.Values, fileDims: [(ulong)f.Values.Length])
            {
                Attributes = new Dictionary<string, object> { ["unit"] = f.Unit, ["long_name"] = f.LongName },
            };
            (f.Centering == FieldCentering.Node ? pointGroup : cellGroup)[f.Name] = ds;
        }
        return new H5File
        {
            ["mesh"] = meshGroup,
            ["fields"] = pointGroup,
            ["cell_fields"] = cellGroup,
            Attributes = new Dictionary<string, object>
            {
                ["program"] = program,
                ["created_utc"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            },
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
            foreach (var f in series[k].Fields)
                (f.Centering == FieldCentering.Node ? points : cells)[f.Name] = new H5Dataset(f.Values, fileDims: [(ulong)f.Values.Length])
                {
                    Attributes = new Dictionary<string, object> { ["unit"] = f.Unit, ["long_name"] = f.LongName },
                };
            group[StepGroup(k)] = new H5Group
            {
                ["fields"] = points, ["cell_fields"] = cells,
                Attributes = new Dictionary<string, object> { ["time_s"] = series[k].TimeS },
            };
        }
        group.Attributes = new Dictionary<string, object> { ["steps"] = series.Count };
        return group;
    }

    static long[] ToLong(int[] a)
    {
        var r = new long[a.Length];
        for (int i = 0; i < a.Length; i++) r[i] = a[i];
        return r;
    }

    /// <summary>
    /// Reads a result file written by <see cref="Write(string, TetMesh, IEnumerable{ResultField}?, string?)"/> (the .h5; a
    /// path to the .xdmf is accepted too; of a time series, the fixed fields and those of its last step: the end state).
    /// A missing or malformed file is an <see cref="InputException"/> naming the file and what is wrong.
    /// </summary>
    public static ResultFile Read(string path)
    {
        if (path.EndsWith(".xdmf", StringComparison.OrdinalIgnoreCase)) path = Path.ChangeExtension(path, ".h5");
        const string valid = "a MieCool result file (.h5 written by miecool, see docs/file-format.md)";
        if (!File.Exists(path)) throw new InputException(path, "file not found", valid: valid);
        try
        {
            using var file = H5File.OpenRead(path);
            var meshGroup = file.Group("mesh");
            var nodes = ReadMatrix<double>(meshGroup, "nodes", 3, out _);
            var cells = ReadMatrix<long>(meshGroup, "cells", null, out int nodesPerCell);
            if (nodesPerCell is not (4 or 10)) throw new FormatException($"/mesh/cells has {nodesPerCell} columns, expected 4 or 10");
            var region = meshGroup.Dataset("region").Read<int[]>();
            var faces = ReadMatrix<long>(meshGroup, "boundary_faces", nodesPerCell == 4 ? 3 : 6, out _);
            var faceRegion = meshGroup.Dataset("boundary_region").Read<int[]>();

            ParticlePlacement? particle = null;
            if (meshGroup.AttributeExists("particle_radius_m"))
                particle = new ParticlePlacement(
                    ScalarAttribute(meshGroup, "particle_radius_m"), ScalarAttribute(meshGroup, "particle_core_radius_m"),
                    ScalarAttribute(meshGroup, "particle_center_z_m"), ScalarAttribute(meshGroup, "contact_radius_m"));

            var mesh = new TetMesh
            {
                Nodes = nodes, Cells = ToInt(cells), NodesPerCell = nodesPerCell, CellRegion = region,
                BoundaryFaces = ToInt(faces), BoundaryRegion = faceRegion, Particle = particle,
            };
            var fields = new List<ResultField>();
            foreach (var (groupName, centering) in new[] { ("fields", FieldCentering.Node), ("cell_fields", FieldCentering.Cell) })
            {
                if (!file.LinkExists(groupName)) continue;
                foreach (var child in file.Group(groupName).Children())
                {
                    if (child is not IH5Dataset ds) continue;
                    fields.Add(new ResultField(child.Name, centering, ds.Read<double[]>(),
                        StringAttribute(ds, "unit"), StringAttribute(ds, "long_name")));
                }
            }
            // a time series: its last step's fields beside the fixed ones (the end state, for the viewer and `render`)
            if (file.LinkExists("series") && file.Group("series").Children().OfType<IH5Group>().OrderBy(g => g.Name).LastOrDefault()
                is { } last)
                foreach (var (groupName, centering) in new[] { ("fields", FieldCentering.Node), ("cell_fields", FieldCentering.Cell) })
                {
                    if (!last.LinkExists(groupName)) continue;
                    foreach (var child in last.Group(groupName).Children())
                        if (child is IH5Dataset ds && !fields.Any(f => f.Name == child.Name && f.Centering == centering))
                            fields.Add(new ResultField(child.Name, centering, ds.Read<double[]>(),
                                StringAttribute(ds, "unit"), StringAttribute(ds, "long_name")));
                }
            Validate(mesh, fields);
            return new ResultFile
            {
                Mesh = mesh, Fields = fields,
                Program = StringAttribute(file, "program"), CreatedUtc = StringAttribute(file, "created_utc"),
            };
        }
        catch (Exception e) when (e is not InputException)
        {
            throw new InputException(path, $"cannot read result file: {e.Message}", valid: valid, inner: e);
        }
    }

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
