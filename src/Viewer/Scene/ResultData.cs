using MieCool.Mesh;

namespace MieCool.Viewer.Scene;

/// <summary>Where a field's values live: one per mesh node or one per cell.</summary>
public enum FieldLocation { Point, Cell }

/// <summary>A named scalar field on a <see cref="TetMesh"/>, SI values, with its unit as written in result files.</summary>
/// <param name="Name">Short name as in the file, e.g. "dT".</param>
/// <param name="Location">Point (per node) or cell data.</param>
/// <param name="Values">One value per node or per cell.</param>
/// <param name="Unit">Unit text, e.g. "K", "W/m^3"; empty when dimensionless.</param>
/// <param name="LongName">Human description, e.g. "temperature change".</param>
public sealed record Field(string Name, FieldLocation Location, double[] Values, string Unit, string LongName)
{
    /// <summary>"dT (K)" for labels; the name alone when dimensionless.</summary>
    public string Label => string.IsNullOrEmpty(Unit) ? Name : $"{Name} ({Unit})";
}

/// <summary>
/// What the viewer shows: a tetrahedral mesh and its named fields (from a result folder or built in memory).
/// The cell field "region" (the volume tags) is always present.
/// </summary>
public sealed class ResultData
{
    public TetMesh Mesh { get; }
    public IReadOnlyList<Field> Fields { get; }
    /// <summary>Where the data came from (a folder or file), for titles and messages.</summary>
    public string Source { get; }

    public ResultData(TetMesh mesh, IEnumerable<Field> fields, string source)
    {
        Mesh = mesh;
        Source = source;
        var list = new List<Field>();
        foreach (var f in fields)
        {
            int expected = f.Location == FieldLocation.Point ? mesh.NodeCount : mesh.CellCount;
            if (f.Values.Length != expected)
                throw new ArgumentException($"field {f.Name} has {f.Values.Length} values; the mesh has {expected} {(f.Location == FieldLocation.Point ? "nodes" : "cells")}");
            if (list.Any(g => g.Name == f.Name)) continue;
            list.Add(f);
        }
        if (!list.Any(f => f.Name == "region"))
            list.Add(new Field("region", FieldLocation.Cell, mesh.CellRegion.Select(r => (double)r).ToArray(), "", "volume region tag"));
        Fields = list;
    }

    public Field? Find(string name) => Fields.FirstOrDefault(f => f.Name == name);

    /// <summary>The field shown first: dT, else T, else q, else E2, else the first one.</summary>
    public Field DefaultField =>
        Find("dT") ?? Find("T") ?? Find("q") ?? Find("E2") ?? Fields[0];

    /// <summary>Volume tags present in the mesh, ascending.</summary>
    public int[] Regions => Mesh.CellRegion.Distinct().Order().ToArray();
}
