using MieCool.Mesh;
using MieCool.Mesh.Geometry;
using MieCool.Thermal.LinearAlgebra;

namespace MieCool.Thermal.Assembly;

/// <summary>
/// The heat-capacity (mass) matrix of transient conduction, from the weak form's time term
/// <code>
///   M_ij = int rho c_p phi_i phi_j dx      (rho c_p constant per cell)
/// </code>
/// on the sparsity pattern of the conduction matrix, and the load f_i = int q phi_i dx of a sampled source.
/// </summary>
public static class MassMatrix
{
    /// <summary>
    /// The element matrix on the reference tetrahedron, int phi_a phi_b dx / V (10 x 10 for P2, 4 x 4 for P1): computed
    /// once with the degree-4 rule, exact because phi_a phi_b is a polynomial of degree 2 p.
    /// </summary>
    public static double[] Reference(int nodesPerCell)
    {
        var rule = QuadratureRule.Tetrahedron(nodesPerCell == 4 ? 2 : 4);
        int n = nodesPerCell;
        var m = new double[n * n];
        Span<double> phi = stackalloc double[10];
        for (int q = 0; q < rule.Count; q++)
        {
            Lagrange.TetValues(n, rule.Barycentric.AsSpan(4 * q, 4), phi);
            for (int a = 0; a < n; a++)
                for (int b = 0; b < n; b++) m[a * n + b] += rule.Weights[q] * phi[a] * phi[b];
        }
        return m;
    }

    /// <summary>
    /// M on <paramref name="topology"/>'s pattern (the conduction matrix's) with the volumetric heat capacity
    /// <paramref name="cellHeatCapacity"/> rho c_p of each cell, J/(m^3 K).
    /// </summary>
    public static CsrMatrix Assemble(TetMesh mesh, MeshTopology topology, double[] cellHeatCapacity)
    {
        if (cellHeatCapacity.Length != mesh.CellCount)
            throw new ArgumentException($"{cellHeatCapacity.Length} heat capacities for {mesh.CellCount} cells", nameof(cellHeatCapacity));
        var M = topology.CreateMatrix();
        int n = mesh.NodesPerCell;
        var reference = Reference(n);
        var conn = mesh.Cells;
        Parallel.For(0, topology.RangeCells.Length, Parallelism.Options, r =>
        {
            int begin = topology.RangeStart[r], end = topology.RangeStart[r + 1];
            foreach (int c in topology.RangeCells[r])
            {
                double scale = cellHeatCapacity[c] * TetGeometry.Of(mesh, c).Volume; // rho c_p dx
                int o = c * n;
                for (int a = 0; a < n; a++)
                {
                    int i = conn[o + a];
                    if (i < begin || i >= end) continue; // each range adds to its own rows only
                    for (int b = 0; b < n; b++) M.Values[M.Find(i, conn[o + b])] += scale * reference[a * n + b];
                }
            }
        });
        return M;
    }

    /// <summary>
    /// Adds f_i = sum_p q_p w_p phi_i(x_p) (the quadrature of int q phi_i dx) of the density <paramref name="q"/>
    /// sampled at <paramref name="points"/> to <paramref name="load"/>.
    /// </summary>
    public static void AddLoad(TetMesh mesh, SourcePoints points, double[] q, double[] load)
    {
        int npc = mesh.NodesPerCell, ppc = points.PointsPerCell;
        Span<double> phi = stackalloc double[10];
        var table = new double[ppc * npc];
        for (int p = 0; p < ppc; p++)
        {
            Lagrange.TetValues(npc, points.Rule.Barycentric.AsSpan(4 * p, 4), phi);
            for (int a = 0; a < npc; a++) table[p * npc + a] = phi[a];
        }
        for (int i = 0; i < points.Cells.Length; i++)
        {
            int o = points.Cells[i] * npc;
            for (int p = 0; p < ppc; p++)
            {
                int k = i * ppc + p;
                double qw = q[k] * points.Weights[k]; // q(x_p) dx
                for (int a = 0; a < npc; a++) load[mesh.Cells[o + a]] += qw * table[p * npc + a];
            }
        }
    }
}
