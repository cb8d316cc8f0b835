using MieCool.Mesh.Geometry;
using MieCool.Mesh.Structured;

namespace MieCool.Mesh.Tests.Geometry;

public sealed class PlaneCutTests
{
    const double R = 265e-9;

    /// <summary>The box [-4R, 4R]^2 x [-3R, 5R] in n^3 cubes.</summary>
    static TetMesh Box(int n, int order = 1) =>
        BoxMesher.Generate((-4 * R, -4 * R, -3 * R), (4 * R, 4 * R, 5 * R), n, n, n, order,
                           region: (_, _, z) => z < 0 ? Tags.Substrate : Tags.Air);

    [Theory]
    [InlineData(1, 0.0, 1)]      // through the centre: a plane of grid nodes (degenerate cuts)
    [InlineData(1, 0.0, -1)]     // the same plane keeping the other side
    [InlineData(1, 0.37e-6, 1)]  // between grid planes
    [InlineData(0, -0.8e-6, 1)]
    [InlineData(2, 0.1e-6, -1)]
    public void Section_of_the_box_covers_its_cross_section_once(int axis, double offset, int sign)
    {
        var m = Box(8);
        var s = PlaneCut.Cut(m, axis, offset, sign);
        Assert.Equal(64 * R * R, s.Area(), 1e-6 * 64 * R * R);
        // every vertex lies on the plane
        for (int i = 0; i < s.Values.Length; i++) Assert.Equal(offset, s.Positions[3 * i + axis], 1e-18);
    }

    [Fact]
    public void Quadratic_cells_are_cut_through_their_vertices()
    {
        var s = PlaneCut.Cut(Box(4, order: 2), 0, 0.3e-6);
        Assert.Equal(64 * R * R, s.Area(), 1e-6 * 64 * R * R);
    }

    [Fact]
    public void A_plane_outside_the_mesh_cuts_nothing()
    {
        var s = PlaneCut.Cut(Box(4), 2, 6 * R);
        Assert.Equal(0, s.TriangleCount);
        Assert.Empty(s.Positions);
    }

    [Fact]
    public void Linear_node_values_are_interpolated_exactly()
    {
        var m = Box(6);
        var e2 = Enumerable.Range(0, m.NodeCount).Select(i => 1 + m.Nodes[3 * i] / R).ToArray(); // 1 + x / R, linear
        var s = PlaneCut.Cut(m, 2, 0.4e-6, values: e2);
        Assert.True(s.TriangleCount > 0);
        for (int i = 0; i < s.Values.Length; i++)
            Assert.Equal(1 + s.Positions[3 * i] / R, s.Values[i], 1e-9);
    }

    [Fact]
    public void Cell_values_and_region_tags_are_constant_over_each_cut_cell()
    {
        var m = Box(6);
        var q = Enumerable.Range(0, m.CellCount).Select(c => 1e15 * c).ToArray();
        var s = PlaneCut.Cut(m, 1, 1e-9, values: q, perCell: true);
        var tags = PlaneCut.Cut(m, 1, 1e-9);
        Assert.Equal(s.Cells, tags.Cells);
        for (int t = 0; t < s.TriangleCount; t++)
            for (int k = 0; k < 3; k++)
            {
                Assert.Equal(q[s.Cells[t]], s.Values[3 * t + k]);
                Assert.Equal(m.CellRegion[s.Cells[t]], tags.Values[3 * t + k]);
            }
    }

    [Fact]
    public void Values_of_the_wrong_length_and_bad_planes_are_refused()
    {
        var m = Box(2);
        Assert.Throws<ArgumentException>(() => PlaneCut.Cut(m, 0, 0, values: new double[m.CellCount]));
        Assert.Throws<ArgumentOutOfRangeException>(() => PlaneCut.Cut(m, 3, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => PlaneCut.Cut(m, 0, 0, sign: 0));
    }
}
