using MieCool.Mesh;
using MieCool.Mesh.Structured;

namespace MieCool.Viewer.Scene;

/// <summary>
/// A particle on a substrate in a box, on a structured mesh, with analytic fields: for tests and benchmarks of
/// the viewer without a mesher or solver. The box [-L, L]^2 x [R - L, R + L] (L = <c>halfBoxRadii</c> R)
/// is cut into n^3 cubes, each into 6 tetrahedra around its main diagonal (<see cref="BoxMesher"/>).
/// Cells whose centroid lies within R of the centre (0, 0, R) are particle, below z = 0 substrate, else air.
/// </summary>
public static class SyntheticResult
{
    /// <summary>
    /// Builds the mesh and the fields T = 300 K + dT, dT (the steady temperature of a uniformly heated sphere
    /// in a medium of equal conductivity: dT = dT0 (3/2 - r^2 / 2R^2) inside, dT0 R / r outside; Carslaw and
    /// Jaeger 1959, section 9.2), q (cell data: q0 in the particle, 0 elsewhere) and E2 (|E|^2 = 1 + x / R).
    /// </summary>
    /// <param name="n">Cubes along each edge of the box: 6 n^3 tetrahedra, (n + 1)^3 nodes.</param>
    /// <param name="radius">Particle radius R, metres; the particle centre is (0, 0, R), touching z = 0.</param>
    /// <param name="halfBoxRadii">Half the box edge L in particle radii.</param>
    /// <param name="dT0">Temperature change at the particle surface (r = R; 1.5 dT0 at the centre), kelvin.</param>
    /// <param name="q0">Heat-source density in the particle, W/m^3 (negative: a heat sink, as in cooling).</param>
    public static ResultData Build(int n, double radius = 265e-9, double halfBoxRadii = 4, double dT0 = -2,
        double q0 = -1e15)
    {
        double L = halfBoxRadii * radius, zc = radius, h = 2 * L / n;
        var mesh = BoxMesher.Generate((-L, -L, zc - L), (L, L, zc + L), n, n, n,
            region: (x, y, z) =>
                Math.Sqrt(x * x + y * y + (z - zc) * (z - zc)) < radius ? Tags.Particle : z < 0 ? Tags.Substrate : Tags.Air,
            // the bottom is substrate_outer; side triangles' centroids lie h/3 or more above it
            surface: (_, _, z) => z < zc - L + 0.25 * h ? Tags.SubstrateOuter : Tags.AirOuter,
            particle: new ParticlePlacement(radius, radius, zc, 0));
        var nodes = mesh.Nodes;
        int N = mesh.NodeCount;
        var dT = new double[N];
        var E2 = new double[N];
        for (int i = 0; i < N; i++)
        {
            double x = nodes[3 * i], y = nodes[3 * i + 1], z = nodes[3 * i + 2] - zc;
            double rho = Math.Sqrt(x * x + y * y + z * z) / radius;
            dT[i] = rho <= 1 ? dT0 * (1.5 - 0.5 * rho * rho) : dT0 / rho;
            E2[i] = 1 + x / radius;
        }
        var q = mesh.CellRegion.Select(t => t == Tags.Particle ? q0 : 0.0).ToArray();
        return new ResultData(mesh,
        [
            new Field("T", FieldLocation.Point, dT.Select(d => 300 + d).ToArray(), "K", "temperature"),
            new Field("dT", FieldLocation.Point, dT, "K", "temperature change"),
            new Field("q", FieldLocation.Cell, q, "W/m^3", "heat-source density"),
            new Field("E2", FieldLocation.Point, E2, "(V/m)^2", "|E|^2"),
        ], $"synthetic {n}^3 x 6 tetrahedra");
    }

    /// <summary>The analytic dT of <see cref="Build"/> at distance r from the particle centre.</summary>
    public static double DeltaT(double r, double radius, double dT0) =>
        r <= radius ? dT0 * (1.5 - 0.5 * r * r / (radius * radius)) : dT0 * radius / r;
}
