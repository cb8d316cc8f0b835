using MieCool.Core;

namespace MieCool.Mesh;

/// <summary>
/// Straight-sided quadratic (P2) tetrahedra from linear ones: one new node at the midpoint (a + b) / 2 of every edge,
/// shared by all cells and boundary triangles on that edge. This is what gmsh's SetOrder(2) with Mesh.SecondOrderLinear = 1
/// makes, built in managed code from the linear mesh in a few tens of milliseconds instead of gmsh's half second.
/// <para>
/// Numbering: the vertices keep their indices 0 ... V-1; edge e (counted in order of first appearance over the cells,
/// each cell's edges in <see cref="TetMesh.P2EdgeOrder"/> order) becomes node V + e. So the same linear mesh always
/// gives the same quadratic one. Local orderings are gmsh's: the 10-node tetrahedron's node 4 + k lies on edge
/// <see cref="TetMesh.P2EdgeOrder"/>[k]; the 6-node triangle's nodes 3, 4, 5 on its edges (0, 1), (1, 2), (2, 0)
/// (gmsh reference manual, "Node ordering").
/// </para>
/// </summary>
public static class QuadraticElevation
{
    /// <summary>The 6-node triangle: node 3 + k lies on the edge (FaceEdgeOrder[k].A, FaceEdgeOrder[k].B).</summary>
    public static readonly (int A, int B)[] FaceEdgeOrder = [(0, 1), (1, 2), (2, 0)];

    /// <summary>
    /// The quadratic mesh on the cells of <paramref name="linear"/> (4 nodes per cell): V + E nodes (vertices, then one
    /// per edge), 10 per cell, 6 per boundary triangle; regions and the particle placement unchanged.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="linear"/> is not a linear mesh.</exception>
    /// <exception cref="ComputationException">A boundary triangle has an edge that no cell has (it is no cell face).</exception>
    public static TetMesh Elevate(TetMesh linear)
    {
        ArgumentNullException.ThrowIfNull(linear);
        if (linear.NodesPerCell != 4)
            throw new ArgumentException($"a linear mesh (4 nodes per cell) is elevated, not one of {linear.NodesPerCell}", nameof(linear));
        int nv = linear.NodeCount, nc = linear.CellCount;
        var p1 = linear.Cells;

        // Edges are listed at their smaller vertex: slots for every cell edge (an upper bound), filled without repeats.
        var start = new int[nv + 1];
        for (int i = 0; i < 4 * nc; i += 4)
            foreach (var (a, b) in TetMesh.P2EdgeOrder) start[Math.Min(p1[i + a], p1[i + b]) + 1]++;
        for (int v = 0; v < nv; v++) start[v + 1] += start[v];
        var other = new int[start[nv]]; // the larger vertex of each listed edge
        var id = new int[start[nv]];    // its edge number
        var used = new int[nv];
        int edges = 0;

        var cells = GC.AllocateUninitializedArray<int>(10 * nc);
        for (int c = 0; c < nc; c++)
        {
            int i = 4 * c, o = 10 * c;
            for (int k = 0; k < 4; k++) cells[o + k] = p1[i + k];
            for (int k = 0; k < 6; k++)
            {
                var (a, b) = TetMesh.P2EdgeOrder[k];
                int va = p1[i + a], vb = p1[i + b], lo = Math.Min(va, vb), hi = Math.Max(va, vb);
                int s = start[lo], e = s + used[lo], at = s;
                while (at < e && other[at] != hi) at++;
                if (at == e) { other[at] = hi; id[at] = edges++; used[lo]++; }
                cells[o + 4 + k] = nv + id[at];
            }
        }

        var x = linear.Nodes;
        var nodes = GC.AllocateUninitializedArray<double>(3 * (nv + edges));
        Array.Copy(x, nodes, 3 * nv);
        for (int lo = 0; lo < nv; lo++)
            for (int at = start[lo]; at < start[lo] + used[lo]; at++)
            {
                int m = 3 * (nv + id[at]), a = 3 * lo, b = 3 * other[at];
                for (int d = 0; d < 3; d++) nodes[m + d] = 0.5 * (x[a + d] + x[b + d]); // straight edge: its midpoint
            }

        int nf = linear.BoundaryFaceCount;
        var f1 = linear.BoundaryFaces;
        var faces = GC.AllocateUninitializedArray<int>(6 * nf);
        for (int f = 0; f < nf; f++)
        {
            int i = 3 * f, o = 6 * f;
            for (int k = 0; k < 3; k++) faces[o + k] = f1[i + k];
            for (int k = 0; k < 3; k++)
            {
                var (a, b) = FaceEdgeOrder[k];
                int va = f1[i + a], vb = f1[i + b], lo = Math.Min(va, vb), hi = Math.Max(va, vb);
                int s = start[lo], e = s + used[lo], at = s;
                while (at < e && other[at] != hi) at++;
                if (at == e)
                    throw new ComputationException(
                        $"boundary triangle {f} (surface {Tags.RegionName(linear.BoundaryRegion[f])}) has the edge ({va}, {vb}), " +
                        "which no tetrahedron has: it is not a face of the mesh");
                faces[o + 3 + k] = nv + id[at];
            }
        }

        return new TetMesh
        {
            Nodes = nodes,
            Cells = cells,
            NodesPerCell = 10,
            CellRegion = linear.CellRegion,
            BoundaryFaces = faces,
            BoundaryRegion = linear.BoundaryRegion,
            Particle = linear.Particle,
        };
    }
}
