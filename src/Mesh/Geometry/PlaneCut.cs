namespace MieCool.Mesh.Geometry;

/// <summary>
/// A true plane section of a tetrahedral mesh ("marching tetrahedra" with one iso-value): every tetrahedron
/// cut by the plane contributes a triangle (one vertex on one side) or a quadrilateral as two triangles (two
/// on each side), with point values interpolated linearly along the cut edges, so the cut is crisp. Nodes exactly
/// on the plane count as the kept side; a face lying in the plane is then produced once, by the tetrahedron on the
/// removed side. Quadratic cells are cut through their four vertices.
/// </summary>
public static class PlaneCut
{
    /// <summary>One section vertex per entry, in triangles of three.</summary>
    /// <param name="Positions">x y z per vertex, metres.</param>
    /// <param name="Values">Value per vertex (node values interpolated; cell values constant per cell).</param>
    /// <param name="Cells">The cut cell of each triangle.</param>
    public sealed record Section(double[] Positions, double[] Values, int[] Cells)
    {
        /// <summary>Number of section triangles (one per entry of <see cref="Cells"/>).</summary>
        public int TriangleCount => Cells.Length;

        /// <summary>Total area of the triangles, m^2.</summary>
        public double Area()
        {
            double a = 0;
            for (int t = 0; t < TriangleCount; t++) a += Triangles.Area(Positions, 3 * t, 3 * t + 1, 3 * t + 2);
            return a;
        }
    }

    /// <summary>
    /// Cuts <paramref name="mesh"/> by the plane x_axis = <paramref name="offset"/> (m); <paramref name="sign"/> +1 keeps the
    /// side x_axis &gt;= offset, -1 the side x_axis &lt;= offset. Values from <paramref name="values"/>, one per node or, when
    /// <paramref name="perCell"/>, one per cell; the cells' region tags when null.
    /// </summary>
    public static Section Cut(TetMesh mesh, int axis, double offset, int sign = 1, double[]? values = null,
                              bool perCell = false)
    {
        if (axis is < 0 or > 2) throw new ArgumentOutOfRangeException(nameof(axis), axis, "0 (x), 1 (y) or 2 (z)");
        if (sign is not (1 or -1)) throw new ArgumentOutOfRangeException(nameof(sign), sign, "+1 or -1");
        int nodes = mesh.NodeCount, cells = mesh.CellCount, npc = mesh.NodesPerCell;
        if (values is not null && values.Length != (perCell ? cells : nodes))
            throw new ArgumentException(
                $"{values.Length} values for {(perCell ? cells : nodes)} {(perCell ? "cells" : "nodes")}", nameof(values));
        var xyz = mesh.Nodes;
        int[] conn = mesh.Cells;
        // Signed distance of every node once: each node is shared by ~20 cells.
        var dist = new double[nodes];
        for (int i = 0; i < nodes; i++) dist[i] = sign * (xyz[3 * i + axis] - offset);

        bool pointValues = values is not null && !perCell;

        // Parallel over cell chunks; each chunk writes its own lists, concatenated in order (deterministic).
        int chunks = Math.Max(1, Math.Min(64, cells / 16384));
        var parts = new (List<double> P, List<double> V, List<int> C)[chunks];
        Parallel.For(0, chunks, chunk =>
        {
            int c0 = (int)((long)cells * chunk / chunks), c1 = (int)((long)cells * (chunk + 1) / chunks);
            var P = new List<double>(); var V = new List<double>(); var C = new List<int>();
            Span<int> below = stackalloc int[4], above = stackalloc int[4];
            for (int c = c0; c < c1; c++)
            {
                int o = c * npc;
                int nb = 0, na = 0;
                for (int k = 0; k < 4; k++)
                {
                    int n = conn[o + k];
                    if (dist[n] < 0) below[nb++] = n; else above[na++] = n;
                }
                if (nb == 0 || na == 0) continue;
                double cellValue = values is null ? mesh.CellRegion[c] : pointValues ? 0 : values[c];
                if (nb == 1 || na == 1)
                {
                    // One vertex alone: the section is the triangle on its three edges.
                    bool lonelyBelow = nb == 1;
                    int apex = lonelyBelow ? below[0] : above[0];
                    var others = lonelyBelow ? above : below;
                    for (int k = 0; k < 3; k++) Emit(P, V, apex, others[k], cellValue);
                    C.Add(c);
                }
                else
                {
                    // Two and two: the quadrilateral b0-a0, b0-a1, b1-a1, b1-a0 (in cyclic order), as two triangles.
                    int b0 = below[0], b1 = below[1], a0 = above[0], a1 = above[1];
                    Emit(P, V, b0, a0, cellValue); Emit(P, V, b0, a1, cellValue); Emit(P, V, b1, a1, cellValue);
                    Emit(P, V, b0, a0, cellValue); Emit(P, V, b1, a1, cellValue); Emit(P, V, b1, a0, cellValue);
                    C.Add(c); C.Add(c);
                }
            }
            parts[chunk] = (P, V, C);
        });

        void Emit(List<double> P, List<double> V, int i, int j, double cellValue)
        {
            // The zero of the linear distance along edge i-j.
            double di = dist[i], dj = dist[j];
            double t = di == dj ? 0 : di / (di - dj);
            for (int a = 0; a < 3; a++) P.Add(xyz[3 * i + a] + t * (xyz[3 * j + a] - xyz[3 * i + a]));
            V.Add(pointValues ? values![i] + t * (values[j] - values[i]) : cellValue);
        }

        var pos = new double[parts.Sum(p => p.P.Count)];
        var val = new double[parts.Sum(p => p.V.Count)];
        var cel = new int[parts.Sum(p => p.C.Count)];
        int ip = 0, iv = 0, ic = 0;
        foreach (var (P, V, C) in parts)
        {
            P.CopyTo(pos, ip); ip += P.Count;
            V.CopyTo(val, iv); iv += V.Count;
            C.CopyTo(cel, ic); ic += C.Count;
        }
        return new Section(pos, val, cel);
    }
}
