namespace MieCool.Results;

/// <summary>Where a field's values live: one per mesh node (point data) or one per cell (cell data).</summary>
public enum FieldCentering
{
    /// <summary>One value per mesh node: point data, stored under /fields and described as Center="Node" in the XDMF.</summary>
    Node,
    /// <summary>One value per tetrahedron: cell data, stored under /cell_fields and described as Center="Cell" in the XDMF.</summary>
    Cell,
}

/// <summary>
/// A named scalar field on a mesh, as stored in a result file (docs/file-format.md): point data under
/// <c>/fields/NAME</c>, cell data under <c>/cell_fields/NAME</c>, each with its <see cref="Unit"/> and
/// <see cref="LongName"/> as attributes.
/// </summary>
/// <param name="Name">Short name, e.g. "T", "dT", "q"; letters, digits and '_' only.</param>
/// <param name="Centering">Node (point data) or Cell (cell data).</param>
/// <param name="Values">One value per node or per cell, in <see cref="Unit"/>.</param>
/// <param name="Unit">Unit of the values, e.g. "K", "W/m^3", "(V/m)^2"; "1" for dimensionless.</param>
/// <param name="LongName">Human description, e.g. "temperature".</param>
public sealed record ResultField(string Name, FieldCentering Centering, double[] Values, string Unit, string LongName)
{
    /// <summary>
    /// What ParaView shows before the unit, e.g. "|E|^2/|E0|^2" for the field named "E2"; null: the <see cref="Name"/>.
    /// The XDMF attribute is "LABEL [UNIT]" (<see cref="Shown"/>); the HDF5 dataset keeps the plain <see cref="Name"/>.
    /// </summary>
    public string? Label { get; init; }

    /// <summary>The array name ParaView shows: "T [K]", "q [W/m^3]", "|E|^2/|E0|^2 [1]".</summary>
    public string Shown => $"{Label ?? Name} [{Unit}]";

    /// <summary>A point field (one value per node).</summary>
    public static ResultField AtNodes(string name, double[] values, string unit, string longName) =>
        new(name, FieldCentering.Node, values, unit, longName);

    /// <summary>A cell field (one value per cell).</summary>
    public static ResultField AtCells(string name, double[] values, string unit, string longName) =>
        new(name, FieldCentering.Cell, values, unit, longName);
}
