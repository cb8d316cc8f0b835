using MieCool.Mesh.Geometry;
using MieCool.Mesh.Structured;

namespace MieCool.Mesh.Tests.Geometry;

public sealed class PointLocatorTests
{
    const double Tolerance = 1e-9;

    /// <summary>
    /// The box [-1, 2] x [0, 1] x [-0.5, 0.5] in 6 x 4 x 4 cubes, interior nodes moved by up to 0.15 of a cube at random.
    /// </summary>
    static TetMesh Jittered(int seed)
    {
        var box = BoxMesher.Generate((-1, 0, -0.5), (2, 1, 0.5), 6, 4, 4);
        var rng = new Random(seed);
        var nodes = (double[])box.Nodes.Clone();
        double[] lo = [-1, 0, -0.5], hi = [2, 1, 0.5], step = [0.5, 0.25, 0.25];
        for (int i = 0; i < box.NodeCount; i++)
        {
            bool interior = true;
            for (int d = 0; d < 3; d++) interior &= nodes[3 * i + d] > lo[d] + 1e-12 && nodes[3 * i + d] < hi[d] - 1e-12;
            if (interior) for (int d = 0; d < 3; d++) nodes[3 * i + d] += 0.15 * step[d] * (2 * rng.NextDouble() - 1);
        }
        return new TetMesh
        {
            Nodes = nodes, Cells = box.Cells, NodesPerCell = 4, CellRegion = box.CellRegion,
            BoundaryFaces = box.BoundaryFaces, BoundaryRegion = box.BoundaryRegion,
        };
    }

    /// <summary>Every cell tried: the one the point lies deepest in (ties to the lowest index), or -1.</summary>
    static int BruteForce(TetMesh m, double x, double y, double z)
    {
        int best = -1; double deepest = double.NegativeInfinity;
        Span<double> l = stackalloc double[4];
        for (int c = 0; c < m.CellCount; c++)
        {
            TetGeometry.Of(m, c).Barycentric(x, y, z, l);
            double min = Math.Min(Math.Min(l[0], l[1]), Math.Min(l[2], l[3]));
            if (min >= -Tolerance && min > deepest) { deepest = min; best = c; }
        }
        return best;
    }

    static IEnumerable<(double X, double Y, double Z)> Points(TetMesh m, int seed, int count)
    {
        var rng = new Random(seed);
        for (int k = 0; k < count; k++) // the box and a margin around it
            yield return (-1.2 + 3.4 * rng.NextDouble(), -0.1 + 1.2 * rng.NextDouble(), -0.6 + 1.2 * rng.NextDouble());
        for (int i = 0; i < m.NodeCount; i += 7) // on nodes, shared by many cells
            yield return (m.Nodes[3 * i], m.Nodes[3 * i + 1], m.Nodes[3 * i + 2]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Finds_the_cell_that_brute_force_finds(int seed)
    {
        var m = Jittered(seed);
        Assert.All(Enumerable.Range(0, m.CellCount), c => Assert.True(TetGeometry.Of(m, c).SignedVolume > 0)); // jitter keeps cells valid
        var locator = new PointLocator(m, Tolerance);
        Span<double> l = stackalloc double[4];
        int found = 0, missed = 0;
        foreach (var (x, y, z) in Points(m, seed, 2000))
        {
            int c = locator.Locate(x, y, z, l);
            Assert.Equal(BruteForce(m, x, y, z), c);
            if (c < 0) { missed++; continue; }
            found++;
            var p = TetGeometry.PointAt(m, c, l);
            Assert.Equal(x, p.X, 1e-12); Assert.Equal(y, p.Y, 1e-12); Assert.Equal(z, p.Z, 1e-12);
        }
        Assert.True(found > 1000 && missed > 100, $"{found} found, {missed} outside"); // both kinds were tried
    }

    [Fact]
    public void A_flat_window_knows_the_cells_that_meet_its_plane()
    {
        var m = Jittered(3);
        var locator = new PointLocator(m, (-1, 0.5, -0.5), (2, 0.5, 0.5), Tolerance);
        Span<double> l = stackalloc double[4];
        var rng = new Random(3);
        for (int k = 0; k < 500; k++)
        {
            double x = -1 + 3 * rng.NextDouble(), z = -0.5 + rng.NextDouble();
            Assert.Equal(BruteForce(m, x, 0.5, z), locator.Locate(x, 0.5, z, l));
        }
        Assert.Equal(-1, locator.Locate(0, 0.6, 0, l)); // off the window
        Assert.Equal(-1, locator.Locate(2.5, 0.5, 0, l)); // outside the mesh
    }

    [Fact]
    public void An_empty_window_is_refused() =>
        Assert.Throws<ArgumentException>(() => new PointLocator(Jittered(1), (0, 1, 0), (1, 0, 1)));
}
