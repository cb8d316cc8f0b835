using MieCool.Mesh;

namespace MieCool.Viewer.Scene;

/// <summary>
/// A particle on a substrate in a box, on a structured mesh, with analytic fields: for tests and benchmarks of
/// the viewer without a mesher or solver. The box [-L, L]^2 x [R - L, R + L] (L = <paramref name="halfBoxRadii"/> R)
/// is cut into n^3 cubes, each into 6 tetrahedra around its main diagonal (Kuhn's subdivision, conforming).
/// Cells whose centroid lies within R of the centre (0, 0, R) are particle, below z = 0 substrate, else air.
/// </summary>
public static class SyntheticResult
{
    /// <summary>
    /// Builds the mesh and the fields T = 300 K + dT, dT (the steady temperature of a uniformly heated sphere
    /// in a medium of equal conductivity: dT = dT0 (3/2 - r^2 / 2R^2) inside, dT0 R / r outside; Carslaw and
    /// Jaeger 1959, section 9.2), q (cell data: q0 in the particle, 0 elsewhere) and E2 (|E|^2 = 1 + x / R).
    /// </summary>
    public static ResultData Build(int n, double radius = 265e-9, double halfBoxRadii = 4, double dT0 = -2, double q0 = -1e15)
    {
        double L = halfBoxRadii * radius, zc = radius, h = 2 * L / n;
        int np = n + 1;
        var nodes = new double[3 * np * np * np];
        int Id(int i, int j, int k) => (k * np + j) * np + i;
        for (int k = 0; k <= n; k++)
            for (int j = 0; j <= n; j++)
                for (int i = 0; i <= n; i++)
                {
                    int id = Id(i, j, k);
                    nodes[3 * id] = -L + i * h; nodes[3 * id + 1] = -L + j * h; nodes[3 * id + 2] = zc - L + k * h;
                }
        // Kuhn: the tetrahedra 0 -> e_a -> e_a + e_b -> (1,1,1) for the 6 orders (a, b, c) of the axes.
        int[][] orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
        var cells = new int[4 * 6 * n * n * n];
        var region = new int[6 * n * n * n];
        int c = 0;
        Span<int> off = stackalloc int[3];
        for (int k = 0; k < n; k++)
            for (int j = 0; j < n; j++)
                for (int i = 0; i < n; i++)
                    foreach (var ord in orders)
                    {
                        off.Clear();
                        cells[4 * c] = Id(i, j, k);
                        for (int s = 0; s < 3; s++)
                        {
                            off[ord[s]] = 1;
                            cells[4 * c + 1 + s] = Id(i + off[0], j + off[1], k + off[2]);
                        }
                        double cx = 0, cy = 0, cz = 0;
                        for (int v = 0; v < 4; v++)
                        {
                            int nd = cells[4 * c + v];
                            cx += nodes[3 * nd] / 4; cy += nodes[3 * nd + 1] / 4; cz += nodes[3 * nd + 2] / 4;
                        }
                        double r = Math.Sqrt(cx * cx + cy * cy + (cz - zc) * (cz - zc));
                        region[c] = r < radius ? Tags.Particle : cz < 0 ? Tags.Substrate : Tags.Air;
                        c++;
                    }
        var volume = new TetMesh
        {
            Nodes = nodes, Cells = cells, NodesPerCell = 4, CellRegion = region,
            BoundaryFaces = [], BoundaryRegion = [],
        };
        // Boundary triangles: the bottom (z = zc - L) is substrate_outer, the other sides air_outer.
        var faces = SurfaceExtraction.Extract(volume);
        var boundary = new List<int>(); var boundaryTag = new List<int>();
        for (int f = 0; f < faces.Count; f++)
        {
            if (faces.CellB[f] >= 0) continue;
            boundary.AddRange(faces.Nodes.AsSpan(3 * f, 3));
            bool bottom = true;
            for (int v = 0; v < 3; v++) bottom &= nodes[3 * faces.Nodes[3 * f + v] + 2] < zc - L + 0.5 * h;
            boundaryTag.Add(bottom ? Tags.SubstrateOuter : Tags.AirOuter);
        }
        var mesh = new TetMesh
        {
            Nodes = nodes, Cells = cells, NodesPerCell = 4, CellRegion = region,
            BoundaryFaces = boundary.ToArray(), BoundaryRegion = boundaryTag.ToArray(),
            Particle = new ParticlePlacement(radius, radius, zc, 0),
        };
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
        var q = region.Select(t => t == Tags.Particle ? q0 : 0.0).ToArray();
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
