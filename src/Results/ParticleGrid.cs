using MieCool.Mesh;

namespace MieCool.Results;

/// <summary>
/// The particle's sub-grid: the cells of the particle (core and shell) with their own node numbering, where fields that are
/// defined only in the particle (the pump's |E|^2, the heat source as point data) live. Outside the particle such a field
/// has no value; a sub-grid carries it without a filler (no NaN, no misleading zero) beside the whole mesh.
/// </summary>
/// <param name="NodeIds">Global index (into the mesh's nodes) of each sub-grid node, increasing.</param>
/// <param name="CellIds">Global index of each sub-grid cell, increasing.</param>
/// <param name="Cells">The sub-grid's cells in local node indices, gmsh order as <see cref="TetMesh.Cells"/>.</param>
public sealed record ParticleGrid(int[] NodeIds, int[] CellIds, int[] Cells)
{
    /// <summary>Nodes of the sub-grid.</summary>
    public int NodeCount => NodeIds.Length;
    /// <summary>Cells of the sub-grid.</summary>
    public int CellCount => CellIds.Length;

    /// <summary>True for the volume tags of the particle: <see cref="Tags.Particle"/> and <see cref="Tags.Shell"/>.</summary>
    public static bool InParticle(int region) => Tags.IsParticle(region);

    /// <summary>The sub-grid of the cells tagged particle or shell (empty when the mesh has none).</summary>
    public static ParticleGrid Of(TetMesh mesh)
    {
        int npc = mesh.NodesPerCell;
        var cellIds = Enumerable.Range(0, mesh.CellCount).Where(c => InParticle(mesh.CellRegion[c])).ToArray();
        var local = new int[mesh.NodeCount];
        Array.Fill(local, -1);
        foreach (int c in cellIds)
            for (int k = 0; k < npc; k++) local[mesh.Cells[c * npc + k]] = 0;
        var nodeIds = new List<int>();
        for (int i = 0; i < local.Length; i++)
            if (local[i] == 0) { local[i] = nodeIds.Count; nodeIds.Add(i); }
        var cells = new int[cellIds.Length * npc];
        for (int j = 0; j < cellIds.Length; j++)
            for (int k = 0; k < npc; k++) cells[j * npc + k] = local[mesh.Cells[cellIds[j] * npc + k]];
        return new ParticleGrid([.. nodeIds], cellIds, cells);
    }

    /// <summary>The sub-grid's node coordinates, x0 y0 z0 x1 ..., metres.</summary>
    public double[] Coordinates(TetMesh mesh)
    {
        var xyz = new double[3 * NodeCount];
        for (int i = 0; i < NodeCount; i++)
            for (int d = 0; d < 3; d++) xyz[3 * i + d] = mesh.Nodes[3 * NodeIds[i] + d];
        return xyz;
    }
}
