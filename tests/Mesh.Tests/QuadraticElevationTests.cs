using MieCool.Core;
using MieCool.Mesh.Structured;

namespace MieCool.Mesh.Tests;

public sealed class QuadraticElevationTests
{
    const double R = Meshes.R;

    // One thread (gmsh's Delaunay): the same linear mesh every run, so that the two elevations can be compared cell by cell.
    static readonly MeshSpec Small = new(R, 0, new ContactSpec(ContactKind.Radius, 50e-9), BoxHalfSize: 5, HMin: 50e-9,
                                         Grading: 0.3, Order: 2, Threads: 1);

    [Fact]
    public void The_edge_nodes_are_those_of_gmsh_SetOrder_2_node_by_node()
    {
        var ours = ParticleMesher.Generate(Small, null, gmshSetOrder: false).Mesh;
        var gmsh = ParticleMesher.Generate(Small, null, gmshSetOrder: true).Mesh;
        Assert.Equal(gmsh.NodeCount, ours.NodeCount);
        Assert.Equal(gmsh.CellRegion, ours.CellRegion);
        Assert.Equal(gmsh.BoundaryRegion, ours.BoundaryRegion);
        double worst = 0;
        void Same(int mine, int theirs)
        {
            for (int d = 0; d < 3; d++)
                worst = Math.Max(worst, Math.Abs(ours.Nodes[3 * mine + d] - gmsh.Nodes[3 * theirs + d]));
        }
        // Each local node of each cell and boundary triangle at the same place: gmsh's local orderings are kept.
        for (int i = 0; i < ours.Cells.Length; i++) Same(ours.Cells[i], gmsh.Cells[i]);
        for (int i = 0; i < ours.BoundaryFaces.Length; i++) Same(ours.BoundaryFaces[i], gmsh.BoundaryFaces[i]);
        // Both take the midpoints in gmsh's model units (nm) before converting to metres: the same bits.
        Assert.True(worst == 0, $"largest coordinate difference {worst:E3} m");
        // The same numbering pattern: two local nodes share a node in our mesh exactly when they do in gmsh's.
        var map = new Dictionary<int, int>();
        for (int i = 0; i < ours.Cells.Length; i++)
            Assert.Equal(gmsh.Cells[i], map.TryGetValue(ours.Cells[i], out int g) ? g : map[ours.Cells[i]] = gmsh.Cells[i]);
        for (int i = 0; i < ours.BoundaryFaces.Length; i++) Assert.Equal(map[ours.BoundaryFaces[i]], gmsh.BoundaryFaces[i]);
    }

    [Fact]
    public void A_particle_mesh_gets_one_node_per_edge_as_Euler_counts_them_each_at_the_exact_midpoint()
    {
        var result = ParticleMesher.Generate(Small with { Order = 1 });
        var linear = result.Mesh;
        var quadratic = QuadraticElevation.Elevate(linear);
        MeshQuality.CheckConforming(quadratic, "the elevation");

        // Euler's formula for a tetrahedrized ball (the box): V - E + F - T = 1, each face in two cells or on the box.
        long v = linear.NodeCount, t = linear.CellCount;
        long outer = linear.BoundaryRegion.Count(tag => tag is Tags.AirOuter or Tags.SubstrateOuter);
        Assert.Equal(0, (4 * t + outer) % 2);
        long f = (4 * t + outer) / 2, e = v + f - t - 1;
        Assert.Equal(v + e, quadratic.NodeCount);

        Assert.Equal(linear.Nodes, quadratic.Nodes.AsSpan(0, linear.Nodes.Length).ToArray());
        Assert.Equal(linear.CellRegion, quadratic.CellRegion);
        Assert.Equal(linear.BoundaryRegion, quadratic.BoundaryRegion);
        var x = quadratic.Nodes;
        var edges = new Dictionary<(int, int), int>();
        for (int c = 0; c < quadratic.CellCount; c++)
        {
            for (int k = 0; k < 4; k++) Assert.Equal(linear.Cells[4 * c + k], quadratic.Cells[10 * c + k]);
            for (int k = 0; k < 6; k++)
            {
                var (a, b) = TetMesh.P2EdgeOrder[k];
                int va = quadratic.Cells[10 * c + a], vb = quadratic.Cells[10 * c + b], mid = quadratic.Cells[10 * c + 4 + k];
                Assert.Equal(mid, edges.TryGetValue((Math.Min(va, vb), Math.Max(va, vb)), out int seen)
                                      ? seen : edges[(Math.Min(va, vb), Math.Max(va, vb))] = mid);
                for (int d = 0; d < 3; d++) Assert.Equal((x[3 * va + d] + x[3 * vb + d]) / 2, x[3 * mid + d]); // exactly
            }
        }
        Assert.Equal(e, edges.Count);
        Assert.Equal(quadratic.NodeCount, edges.Values.Distinct().Count() + (int)v);
        // The boundary triangles share the cells' edge nodes: 3 + k on edge (k, k + 1 mod 3).
        for (int b = 0; b < quadratic.BoundaryFaceCount; b++)
            for (int k = 0; k < 3; k++)
            {
                int va = quadratic.BoundaryFaces[6 * b + k], vb = quadratic.BoundaryFaces[6 * b + (k + 1) % 3];
                Assert.Equal(linear.BoundaryFaces[3 * b + k], va);
                Assert.Equal(edges[(Math.Min(va, vb), Math.Max(va, vb))], quadratic.BoundaryFaces[6 * b + 3 + k]);
            }
        // And the same mesh again: the numbering depends on the linear mesh only.
        var again = QuadraticElevation.Elevate(linear);
        Assert.Equal(quadratic.Cells, again.Cells);
        Assert.Equal(quadratic.BoundaryFaces, again.BoundaryFaces);
        Assert.Equal(quadratic.Nodes, again.Nodes);
    }

    [Fact]
    public void A_structured_box_elevates_to_the_quadratic_box_of_the_box_mesher()
    {
        // Dyadic coordinates: the box mesher's grid points of half spacing are the exact midpoints.
        static int Side(double x, double y, double z) => z > 0 ? Tags.AirOuter : Tags.SubstrateOuter;
        var p1 = BoxMesher.Generate((-2, -2, -1), (2, 2, 1), 4, 4, 2, order: 1, surface: Side);
        var p2 = BoxMesher.Generate((-2, -2, -1), (2, 2, 1), 4, 4, 2, order: 2, surface: Side);
        var ours = QuadraticElevation.Elevate(p1);
        Assert.Equal(p2.NodeCount, ours.NodeCount);
        Assert.Equal(p2.Cells.Length, ours.Cells.Length);
        for (int i = 0; i < ours.Cells.Length; i++)
            for (int d = 0; d < 3; d++) Assert.Equal(p2.Nodes[3 * p2.Cells[i] + d], ours.Nodes[3 * ours.Cells[i] + d]);
        Assert.Equal(p2.BoundaryFaces.Length, ours.BoundaryFaces.Length);
        for (int i = 0; i < ours.BoundaryFaces.Length; i++)
            for (int d = 0; d < 3; d++)
                Assert.Equal(p2.Nodes[3 * p2.BoundaryFaces[i] + d], ours.Nodes[3 * ours.BoundaryFaces[i] + d]);
    }

    [Fact]
    public void Two_tetrahedra_on_a_face_have_nine_edges_and_a_foreign_boundary_triangle_is_refused()
    {
        var twin = new TetMesh
        {
            Nodes = [0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1],
            Cells = [0, 1, 2, 3, 1, 2, 3, 4],
            NodesPerCell = 4,
            CellRegion = [Tags.Particle, Tags.Air],
            BoundaryFaces = [1, 2, 3],
            BoundaryRegion = [Tags.ParticleSurface],
        };
        var q = QuadraticElevation.Elevate(twin);
        Assert.Equal(5 + 9, q.NodeCount);
        // Edges numbered in order of first appearance: cell 0's six (0-1, 1-2, 2-0, 3-0, 3-2, 3-1) are 5 ... 10; cell 1 meets
        // 1-2, 2-3 and 3-1 again on the shared face and adds 4-1, 4-3, 4-2.
        Assert.Equal([0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 1, 2, 3, 4, 6, 9, 10, 11, 12, 13], q.Cells);
        Assert.Equal([1, 2, 3, 6, 9, 10], q.BoundaryFaces); // edges 1-2, 2-3, 3-1 of the shared face
        Assert.Equal([1, 0.5, 0.5], q.Nodes.AsSpan(3 * 11, 3).ToArray()); // between (1, 1, 1) and (1, 0, 0)
        Assert.Equal([0, 0.5, 0.5], q.Nodes.AsSpan(3 * 9, 3).ToArray());  // between (0, 0, 1) and (0, 1, 0)

        var foreign = new TetMesh
        {
            Nodes = twin.Nodes, Cells = twin.Cells, NodesPerCell = 4, CellRegion = twin.CellRegion,
            BoundaryFaces = [0, 1, 4], BoundaryRegion = [Tags.AirOuter],
        };
        var error = Assert.Throws<ComputationException>(() => QuadraticElevation.Elevate(foreign));
        Assert.Contains("air_outer", error.Message);
        Assert.Throws<ArgumentException>(() => QuadraticElevation.Elevate(q));
    }
}
