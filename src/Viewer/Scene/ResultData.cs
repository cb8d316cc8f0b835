using MieCool.Mesh;

namespace MieCool.Viewer.Scene;

/// <summary>Where a field's values live: one per mesh node or one per cell.</summary>
public enum FieldLocation
{
    /// <summary>One value per mesh node, interpolated linearly across each cell (XDMF "Node" centring).</summary>
    Point,
    /// <summary>One value per cell, constant over it (XDMF "Cell" centring).</summary>
    Cell,
}

/// <summary>A named scalar field on a <see cref="TetMesh"/>, SI values, with its unit as written in result files.</summary>
/// <param name="Name">Short name as in the file, e.g. "dT".</param>
/// <param name="Location">Point (per node) or cell data.</param>
/// <param name="Values">One value per node or per cell.</param>
/// <param name="Unit">Unit text, e.g. "K", "W/m^3"; empty when dimensionless.</param>
/// <param name="LongName">Human description, e.g. "temperature change".</param>
/// <param name="DefinedIn">For a cell field: the region tags where it is defined (|E|^2 of the pump is computed in the
/// particle only); its values in other cells are not data and are drawn in <see cref="ColorMap.Undefined"/>. Null: defined
/// everywhere.</param>
public sealed record Field(string Name, FieldLocation Location, double[] Values, string Unit, string LongName,
                           IReadOnlySet<int>? DefinedIn = null)
{
    /// <summary>Whether the field's values in a cell of <paramref name="region"/> are data (always for a point field).</summary>
    public bool Defined(int region) => DefinedIn is null || Location == FieldLocation.Point || DefinedIn.Contains(region);

    /// <summary>
    /// The smallest and largest finite value where the field is defined (cells of other regions of
    /// <paramref name="cellRegion"/> left out; null: every value counts); (inf, -inf) when there is none.
    /// </summary>
    public (double Min, double Max) Range(int[]? cellRegion)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (int i = 0; i < Values.Length; i++)
        {
            double v = Values[i];
            bool outside = DefinedIn is not null && cellRegion is not null && Location == FieldLocation.Cell
                           && !DefinedIn.Contains(cellRegion[i]);
            if (!double.IsFinite(v) || outside)
                continue;
            min = Math.Min(min, v); max = Math.Max(max, v);
        }
        return (min, max);
    }

    /// <summary>"dT (K)" for labels; the name alone when dimensionless.</summary>
    public string Label => string.IsNullOrEmpty(Unit) ? Name : $"{Name} ({Unit})";
}

/// <summary>
/// What the viewer shows: a tetrahedral mesh and its named fields (from a result folder or built in memory).
/// The cell field "region" (the volume tags) is always present.
/// </summary>
public sealed class ResultData
{
    /// <summary>The mesh, node coordinates in metres in the lab frame (substrate surface at z = 0).</summary>
    public TetMesh Mesh { get; }
    /// <summary>The fields in the order given, names unique (a repeated name keeps the first), "region" last if added.</summary>
    public IReadOnlyList<Field> Fields { get; }
    /// <summary>Where the data came from (a folder or file), for titles and messages.</summary>
    public string Source { get; }

    /// <summary>
    /// Checks every field's length against the mesh (an <see cref="ArgumentException"/> when one does not fit)
    /// and adds the cell field "region" from <see cref="TetMesh.CellRegion"/> unless one is given.
    /// </summary>
    public ResultData(TetMesh mesh, IEnumerable<Field> fields, string source)
    {
        Mesh = mesh;
        Source = source;
        var list = new List<Field>();
        foreach (var f in fields)
        {
            int expected = f.Location == FieldLocation.Point ? mesh.NodeCount : mesh.CellCount;
            if (f.Values.Length != expected)
            {
                string what = f.Location == FieldLocation.Point ? "nodes" : "cells";
                throw new ArgumentException($"field {f.Name} has {f.Values.Length} values; the mesh has {expected} {what}");
            }
            if (list.Any(g => g.Name == f.Name)) continue;
            list.Add(f);
        }
        if (!list.Any(f => f.Name == "region"))
        {
            var tags = mesh.CellRegion.Select(r => (double)r).ToArray();
            list.Add(new Field("region", FieldLocation.Cell, tags, "", "volume region tag"));
        }
        Fields = list;
    }

    /// <summary>The field called <paramref name="name"/> (case-sensitive), or null.</summary>
    public Field? Find(string name) => Fields.FirstOrDefault(f => f.Name == name);

    /// <summary>The field shown first: dT, else T, else q, else E2, else the first one.</summary>
    public Field DefaultField =>
        Find("dT") ?? Find("T") ?? Find("q") ?? Find("E2") ?? Fields[0];

    /// <summary>Volume tags present in the mesh, ascending.</summary>
    public int[] Regions => Mesh.CellRegion.Distinct().Order().ToArray();
}
