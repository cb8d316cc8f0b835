using MieCool.Mesh;
using MieCool.Mesh.Geometry;
using MieCool.Thermal.Assembly;

namespace MieCool.Thermal.Tests;

/// <summary>Helpers shared by the thermal tests.</summary>
static class Fem
{
    /// <summary>L2 norm of (theta_h - exact) over the mesh, with a degree-6 rule per cell.</summary>
    public static double L2Error(TetMesh mesh, double[] theta, Func<double, double, double, double> exact)
    {
        var rule = QuadratureRule.Tetrahedron(6);
        int npc = mesh.NodesPerCell;
        Span<double> phi = stackalloc double[10];
        double sum = 0;
        for (int c = 0; c < mesh.CellCount; c++)
        {
            double vol = mesh.CellVolume(c);
            int o = c * npc;
            for (int q = 0; q < rule.Count; q++)
            {
                var l = rule.Barycentric.AsSpan(4 * q, 4);
                Lagrange.TetValues(npc, l, phi);
                var (x, y, z) = TetGeometry.PointAt(mesh, c, l);
                double th = 0;
                for (int a = 0; a < npc; a++) th += phi[a] * theta[mesh.Cells[o + a]];
                double e = th - exact(x, y, z);
                sum += e * e * rule.Weights[q] * vol;
            }
        }
        return Math.Sqrt(sum);
    }

    /// <summary>Least-squares slope of log(error) against log(h).</summary>
    public static double FittedOrder(double[] h, double[] error)
    {
        var lx = h.Select(v => Math.Log(v)).ToArray(); var ly = error.Select(v => Math.Log(v)).ToArray();
        double mx = lx.Average(), my = ly.Average();
        return lx.Zip(ly).Sum(p => (p.First - mx) * (p.Second - my)) / lx.Sum(x => (x - mx) * (x - mx));
    }

    public static Dictionary<int, double> Conductivity(double k, params int[] regions) => regions.ToDictionary(r => r, _ => k);
}
