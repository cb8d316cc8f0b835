using MieCool.Core;
using MieCool.Coupling;
using MieCool.Mesh;
using MieCool.Results;
using MieCool.Thermal;

namespace MieCool.Cli.Output;

/// <summary>The one list of fields a thermal or coupled result exports to HDF5 + XDMF (docs/file-format.md).</summary>
public static class ExportedFields
{
    /// <summary>T and dT (K) at the nodes, q (W/m^3) per cell, and for a coupled run |E|^2 / |E0|^2 per cell.</summary>
    public static IReadOnlyList<ResultField> Of(ThermalSolution t, CoupledSolution? coupled = null)
    {
        var mesh = t.Mesh.Mesh; var s = t.Heat;
        var fields = new List<ResultField>();
        // an absolute temperature below 0 K (a linear model far outside its range) is not written: dT still is
        if (s.AmbientTemperatureK + s.TemperatureRiseK.Min() >= 0)
            fields.Add(ResultField.AtNodes("T", s.TemperatureK, "K", "temperature"));
        fields.AddRange(
        [
            ResultField.AtNodes("dT", s.TemperatureRiseK, "K", "temperature change from ambient"),
            ResultField.AtCells("q", t.Source.CellAverages(mesh), "W/m^3",
                coupled is null
                    ? "heat-source density (cell average)"
                    : "heat-source density (cell average): absorbed minus escaping luminescence"),
        ]);
        if (coupled is not null)
            fields.Add(ResultField.AtCells("E2", HeatSource.CellAverages(mesh, t.Source.Points, coupled.Source.FieldIntensity), "1",
                "|E|^2 / |E0|^2 of the pump in the particle (cell average; 0 outside, where it is not computed)") with { Label = E2Label });
        return fields;
    }

    /// <summary>What ParaView shows for E2: "|E|^2/|E0|^2 [1]".</summary>
    const string E2Label = "|E|^2/|E0|^2";

    /// <summary>
    /// The whole result: <see cref="Of"/> on the mesh, and as point data on the particle's sub-grid q (W/m^3) and, for a
    /// coupled run, |E|^2 / |E0|^2, which are defined only inside the particle (<see cref="ParticleGrid"/>).
    /// </summary>
    public static ResultContent Content(ThermalSolution t, CoupledSolution? coupled, string file)
    {
        var mesh = t.Mesh.Mesh; var points = t.Source.Points;
        var grid = ParticleGrid.Of(mesh);
        var particle = new List<ResultField>();
        if (grid.CellCount > 0 && points.Count > 0)
        {
            particle.Add(ResultField.AtNodes("q", AtParticleNodes(mesh, grid, points, t.Source.DensityWPerM3), "W/m^3",
                "heat-source density at the particle's nodes (lumped L2 projection of its quadrature values)"));
            if (coupled is not null)
                particle.Add(ResultField.AtNodes("E2", AtParticleNodes(mesh, grid, points, coupled.Source.FieldIntensity), "1",
                    "|E|^2 / |E0|^2 of the pump at the particle's nodes (lumped L2 projection)") with { Label = E2Label });
        }
        return new ResultContent(FiniteOutput.Check(Of(t, coupled), file))
        {
            ParticleFields = FiniteOutput.Check(particle, file), Program = SummaryFile.ProgramVersion,
        };
    }

    /// <summary>
    /// Node values on the particle's sub-grid from values at its quadrature points: the lumped L2 projection onto the linear
    /// hat functions, v_i = sum_p w_p phi_i(x_p) v_p / sum_p w_p phi_i(x_p) (phi_i = the barycentric coordinate of the cell's
    /// vertex i; e.g. Zienkiewicz and Zhu 1992 for recovery by projection), a weighted mean of the values around the node:
    /// exact for a constant, never outside their range, and only over the particle's cells, so nothing of the outside (where
    /// the field is not defined) is mixed in. On P2 meshes an edge's middle node takes the mean of its two vertices.
    /// </summary>
    public static double[] AtParticleNodes(TetMesh mesh, ParticleGrid grid, SourcePoints points, double[] values)
    {
        int npc = mesh.NodesPerCell, n = points.PointsPerCell;
        var local = new int[mesh.NodeCount];
        Array.Fill(local, -1);
        for (int i = 0; i < grid.NodeCount; i++) local[grid.NodeIds[i]] = i;
        var sum = new double[grid.NodeCount]; var weight = new double[grid.NodeCount];
        var bary = points.Rule.Barycentric;
        for (int g = 0; g < points.Cells.Length; g++)
        {
            int c = points.Cells[g];
            if (!ParticleGrid.InParticle(mesh.CellRegion[c])) continue;
            for (int q = 0; q < n; q++)
            {
                int p = g * n + q;
                for (int v = 0; v < 4; v++)
                {
                    int node = local[mesh.Cells[c * npc + v]];
                    double w = points.Weights[p] * bary[4 * q + v]; // w_p phi_i(x_p)
                    sum[node] += w * values[p];
                    weight[node] += w;
                }
            }
        }
        var result = new double[grid.NodeCount];
        var isVertex = new bool[grid.NodeCount];
        foreach (int c in grid.CellIds)
            for (int v = 0; v < 4; v++) isVertex[local[mesh.Cells[c * npc + v]]] = true;
        for (int i = 0; i < result.Length; i++)
        {
            if (!isVertex[i]) continue;
            if (!(weight[i] > 0))
                throw new ComputationException($"particle node {grid.NodeIds[i]} has no source point in its cells: the mesh's " +
                                               "particle cells and the source's points disagree");
            result[i] = sum[i] / weight[i];
        }
        if (npc == 10)
            foreach (int c in grid.CellIds)
                for (int e = 0; e < 6; e++)
                {
                    var (a, b) = TetMesh.P2EdgeOrder[e];
                    result[local[mesh.Cells[c * npc + 4 + e]]] =
                        0.5 * (result[local[mesh.Cells[c * npc + a]]] + result[local[mesh.Cells[c * npc + b]]]);
                }
        return result;
    }
}
