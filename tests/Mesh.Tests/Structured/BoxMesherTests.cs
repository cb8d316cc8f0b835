using MieCool.Mesh.Geometry;
using MieCool.Mesh.Structured;

namespace MieCool.Mesh.Tests.Structured;

public sealed class BoxMesherTests
{
    static TetMesh Box(int order) => BoxMesher.Generate((-1, 0.5, 2), (3, 2, 2.5), 4, 3, 2, order,
        region: (x, _, _) => x < 1 ? Tags.Substrate : Tags.Air, surface: (_, _, z) => z < 2.05 ? Tags.SubstrateOuter : Tags.AirOuter);

    static (int, int, int) Sorted(int a, int b, int c)
    {
        if (a > b) (a, b) = (b, a);
        if (b > c) (b, c) = (c, b);
        if (a > b) (a, b) = (b, a);
        return (a, b, c);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Counts_volume_and_boundary_area_are_those_of_the_box(int order)
    {
        var m = Box(order);
        Assert.Equal(order == 1 ? 4 : 10, m.NodesPerCell);
        Assert.Equal(6 * 4 * 3 * 2, m.CellCount);
        // order 1: the (n + 1)^3 grid points; order 2: the points of the grid of half the spacing (vertices and edge midpoints)
        Assert.Equal((order * 4 + 1) * (order * 3 + 1) * (order * 2 + 1), m.NodeCount);
        Assert.Equal(2 * 2 * (4 * 3 + 3 * 2 + 2 * 4), m.BoundaryFaceCount);
        double volume = Enumerable.Range(0, m.CellCount).Sum(m.CellVolume);
        Assert.Equal(4 * 1.5 * 0.5, volume, 1e-12);
        double area = Enumerable.Range(0, m.BoundaryFaceCount).Sum(m.BoundaryFaceArea);
        Assert.Equal(2 * (4 * 1.5 + 1.5 * 0.5 + 0.5 * 4), area, 1e-12);
        // every node is used, and lies in the box
        var used = new bool[m.NodeCount];
        foreach (var n in m.Cells) used[n] = true;
        Assert.All(used, Assert.True);
        for (int i = 0; i < m.NodeCount; i++)
        {
            Assert.InRange(m.Nodes[3 * i], -1, 3); Assert.InRange(m.Nodes[3 * i + 1], 0.5, 2); Assert.InRange(m.Nodes[3 * i + 2], 2, 2.5);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Every_cell_is_positively_oriented_with_its_edge_nodes_at_the_midpoints(int order)
    {
        var m = Box(order);
        double cube = 1.0 * 0.5 * 0.25;
        for (int c = 0; c < m.CellCount; c++)
        {
            // six equal tetrahedra per cuboid
            Assert.Equal(cube / 6, TetGeometry.Of(m, c).SignedVolume, 1e-15);
            if (order == 1) continue;
            int o = c * m.NodesPerCell;
            for (int e = 0; e < 6; e++)
            {
                var (a, b) = TetMesh.P2EdgeOrder[e];
                for (int d = 0; d < 3; d++)
                    Assert.Equal(0.5 * (m.Nodes[3 * m.Cells[o + a] + d] + m.Nodes[3 * m.Cells[o + b] + d]),
                                 m.Nodes[3 * m.Cells[o + 4 + e] + d], 1e-15);
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Faces_conform_and_the_boundary_triangles_are_the_faces_of_one_cell(int order)
    {
        var m = Box(order);
        var use = new Dictionary<(int, int, int), int>();
        int[][] local = [[1, 2, 3], [0, 2, 3], [0, 1, 3], [0, 1, 2]];
        for (int c = 0; c < m.CellCount; c++)
            foreach (var f in local)
            {
                int o = c * m.NodesPerCell;
                var key = Sorted(m.Cells[o + f[0]], m.Cells[o + f[1]], m.Cells[o + f[2]]);
                use[key] = use.GetValueOrDefault(key) + 1;
            }
        // a face is shared by two cells inside and belongs to one on the boundary: no hanging faces
        Assert.All(use.Values, n => Assert.InRange(n, 1, 2));
        var outer = use.Where(kv => kv.Value == 1).Select(kv => kv.Key).ToHashSet();
        var boundary = Enumerable.Range(0, m.BoundaryFaceCount).Select(f =>
        {
            int o = f * m.NodesPerFace;
            return Sorted(m.BoundaryFaces[o], m.BoundaryFaces[o + 1], m.BoundaryFaces[o + 2]);
        }).ToList();
        Assert.Equal(boundary.Count, boundary.Distinct().Count());
        Assert.True(outer.SetEquals(boundary));
    }

    [Fact]
    public void Regions_and_surfaces_are_tagged_by_centroid()
    {
        var m = Box(1);
        for (int c = 0; c < m.CellCount; c++)
        {
            double x = Enumerable.Range(0, 4).Average(a => m.Nodes[3 * m.Cells[4 * c + a]]);
            Assert.Equal(x < 1 ? Tags.Substrate : Tags.Air, m.CellRegion[c]);
        }
        for (int f = 0; f < m.BoundaryFaceCount; f++)
        {
            double z = Enumerable.Range(0, 3).Average(a => m.Nodes[3 * m.BoundaryFaces[3 * f + a] + 2]);
            Assert.Equal(z < 2.05 ? Tags.SubstrateOuter : Tags.AirOuter, m.BoundaryRegion[f]);
        }
        Assert.Equal(2 * 4 * 3, m.BoundaryRegion.Count(t => t == Tags.SubstrateOuter)); // the bottom z = 2 only
    }

    [Fact]
    public void Bad_counts_orders_and_boxes_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BoxMesher.Generate((0, 0, 0), (1, 1, 1), 0, 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => BoxMesher.Cube(1, 2, order: 3));
        Assert.Throws<ArgumentException>(() => BoxMesher.Generate((0, 0, 0), (1, 0, 1), 1, 1, 1));
    }
}
