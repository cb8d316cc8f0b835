using FsCheck;
using FsCheck.Fluent;
using MieCool.Mesh.Geometry;

namespace MieCool.Mesh.Tests.Geometry;

public sealed class TetGeometryTests
{
    static TetMesh One(params double[] nodes) => new()
    {
        Nodes = nodes, Cells = [0, 1, 2, 3], NodesPerCell = 4, CellRegion = [Tags.Particle], BoundaryFaces = [], BoundaryRegion = [],
    };

    [Fact]
    public void Volume_of_a_right_corner_tetrahedron_is_abc_over_6_and_its_sign_follows_the_orientation()
    {
        // edges 2, 3, 4 along x, y, z from (1, 2, 3)
        var right = One(1, 2, 3, 3, 2, 3, 1, 5, 3, 1, 2, 7);
        Assert.Equal(4, TetGeometry.Of(right, 0).SignedVolume, 1e-14);
        Assert.Equal(4, right.CellVolume(0), 1e-14);
        var left = One(1, 2, 3, 1, 5, 3, 3, 2, 3, 1, 2, 7); // vertices 1 and 2 swapped
        Assert.Equal(-4, TetGeometry.Of(left, 0).SignedVolume, 1e-14);
        Assert.Equal(4, TetGeometry.Of(left, 0).Volume, 1e-14);
    }

    [Fact]
    public void Volume_of_the_regular_tetrahedron_is_a_cubed_over_6_sqrt_2()
    {
        // alternate corners of the cube [-1, 1]^3: edge a = 2 sqrt 2, V = a^3 / (6 sqrt 2) = 8/3
        var m = One(1, 1, 1, 1, -1, -1, -1, 1, -1, -1, -1, 1);
        Assert.Equal(8.0 / 3, TetGeometry.Of(m, 0).Volume, 1e-14);
    }

    [Fact]
    public void Barycentric_coordinates_are_one_at_their_vertex_and_a_quarter_at_the_centroid()
    {
        var m = One(0.1, -0.2, 0.3, 1.4, 0.1, 0.2, 0.3, 1.2, -0.1, 0.2, 0.3, 0.9);
        var g = TetGeometry.Of(m, 0);
        Span<double> l = stackalloc double[4];
        for (int a = 0; a < 4; a++)
        {
            g.Barycentric(m.Nodes[3 * a], m.Nodes[3 * a + 1], m.Nodes[3 * a + 2], l);
            for (int b = 0; b < 4; b++) Assert.Equal(a == b ? 1 : 0, l[b], 1e-14);
        }
        double cx = 0, cy = 0, cz = 0;
        for (int a = 0; a < 4; a++) { cx += m.Nodes[3 * a] / 4; cy += m.Nodes[3 * a + 1] / 4; cz += m.Nodes[3 * a + 2] / 4; }
        g.Barycentric(cx, cy, cz, l);
        for (int b = 0; b < 4; b++) Assert.Equal(0.25, l[b], 1e-14);
        // the gradients sum to zero: the coordinates sum to one everywhere
        double sx = 0, sy = 0, sz = 0;
        for (int a = 0; a < 4; a++) { var (x, y, z) = g.GradLambda(a); sx += x; sy += y; sz += z; }
        Assert.Equal(0, Math.Abs(sx) + Math.Abs(sy) + Math.Abs(sz), 1e-13);
    }

    [Fact]
    public void Barycentric_coordinates_sum_to_one_and_give_the_point_back()
    {
        var m = One(0.1, -0.2, 0.3, 1.4, 0.1, 0.2, 0.3, 1.2, -0.1, 0.2, 0.3, 0.9);
        var g = TetGeometry.Of(m, 0);
        var coordinate = Gen.Choose(-2000, 2000).Select(i => i / 1000.0);
        Prop.ForAll(Gen.Three(coordinate).ToArbitrary(), p =>
        {
            Span<double> l = stackalloc double[4];
            g.Barycentric(p.Item1, p.Item2, p.Item3, l);
            var (x, y, z) = TetGeometry.PointAt(m, 0, l);
            return Math.Abs(l[0] + l[1] + l[2] + l[3] - 1) < 1e-14
                   && Math.Abs(x - p.Item1) < 1e-13 && Math.Abs(y - p.Item2) < 1e-13 && Math.Abs(z - p.Item3) < 1e-13;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_flat_cell_has_zero_volume_and_no_finite_coordinates()
    {
        var flat = One(0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 0);
        var g = TetGeometry.Of(flat, 0);
        Assert.Equal(0, g.Volume);
        Span<double> l = stackalloc double[4];
        g.Barycentric(0.2, 0.2, 0, l);
        Assert.False(double.IsFinite(l[1]) && double.IsFinite(l[2]) && double.IsFinite(l[3]));
    }
}
