using MieCool.Mesh;

namespace MieCool.Viewer.Scene;

/// <summary>
/// The triangles worth drawing of a tetrahedral mesh: faces on the outer boundary and faces between cells of
/// different regions (so particle, substrate and air interfaces show when a region is hidden).
/// </summary>
/// <param name="Nodes">Three node indices per face (vertices only, also for quadratic meshes).</param>
/// <param name="CellA">The cell on one side.</param>
/// <param name="CellB">The cell on the other side, or -1 on the outer boundary.</param>
public sealed record SurfaceFaces(int[] Nodes, int[] CellA, int[] CellB)
{
    /// <summary>Number of faces (boundary and interface).</summary>
    public int Count => CellA.Length;
    /// <summary>Number of faces on the outer boundary (counted on each call).</summary>
    public int BoundaryCount => CellB.Count(c => c < 0);
}

/// <summary>Finds the <see cref="SurfaceFaces"/> of a tetrahedral mesh.</summary>
public static class SurfaceExtraction
{
    // The face opposite vertex k of tetrahedron (v0 v1 v2 v3).
    static readonly int[] FaceVertex = [1, 2, 3, 0, 3, 2, 0, 1, 3, 0, 2, 1];

    /// <summary>
    /// Finds boundary and region-interface faces without a global sort or hash map: every face is keyed by its
    /// sorted vertex triple (lo, mid, hi); a counting sort groups faces by lo (linear time), and within each
    /// small group (about 24 faces per node) equal (mid, hi) keys are matched by a short sort. Groups are
    /// independent, so they are processed in parallel in deterministic chunks.
    /// </summary>
    public static SurfaceFaces Extract(TetMesh mesh)
    {
        int cells = mesh.CellCount, npc = mesh.NodesPerCell, nodes = mesh.NodeCount;
        int[] conn = mesh.Cells, region = mesh.CellRegion;
        long faces = 4L * cells;
        if (faces > int.MaxValue) throw new ArgumentException("mesh too large for face extraction");

        // 1. Count faces per lowest vertex.
        var start = new int[nodes + 1];
        for (int c = 0; c < cells; c++)
        {
            int o = c * npc;
            int a = conn[o], b = conn[o + 1], d = conn[o + 2], e = conn[o + 3];
            // The lowest vertex of each face: the face opposite the minimum has the second-smallest as its min.
            int min = Math.Min(Math.Min(a, b), Math.Min(d, e));
            int second = SecondSmallest(a, b, d, e);
            start[min + 1] += 3;
            start[second + 1] += 1;
        }
        for (int i = 0; i < nodes; i++) start[i + 1] += start[i];

        // 2. Scatter (mid, hi) keys and face ids into the groups.
        var keys = new long[faces];
        var ids = new int[faces];
        var fill = new int[nodes];
        Array.Copy(start, fill, nodes);
        for (int c = 0; c < cells; c++)
        {
            int o = c * npc;
            for (int k = 0; k < 4; k++)
            {
                int p = conn[o + FaceVertex[3 * k]], q = conn[o + FaceVertex[3 * k + 1]];
                int r = conn[o + FaceVertex[3 * k + 2]];
                Sort3(ref p, ref q, ref r);
                int slot = fill[p]++;
                keys[slot] = ((long)q << 32) | (uint)r;
                ids[slot] = 4 * c + k;
            }
        }

        // 3. Match within groups, in parallel chunks whose outputs are concatenated in order.
        int chunks = Math.Max(1, Math.Min(64, nodes / 4096));
        var outFace = new List<int>[chunks];
        var outOther = new List<int>[chunks];
        Parallel.For(0, chunks, chunk =>
        {
            int n0 = (int)((long)nodes * chunk / chunks), n1 = (int)((long)nodes * (chunk + 1) / chunks);
            var face = new List<int>();
            var other = new List<int>();
            for (int v = n0; v < n1; v++)
            {
                int s = start[v], e = start[v + 1];
                if (e - s > 1) keys.AsSpan(s, e - s).Sort(ids.AsSpan(s, e - s));
                for (int i = s; i < e;)
                {
                    if (i + 1 < e && keys[i + 1] == keys[i])
                    {
                        int ca = ids[i] >> 2, cb = ids[i + 1] >> 2;
                        if (region[ca] != region[cb]) { face.Add(ids[i]); other.Add(cb); }
                        i += 2;
                        // A third cell on one face means a broken mesh; the extra faces are skipped, not drawn twice.
                        while (i < e && keys[i] == keys[i - 1]) i++;
                    }
                    else { face.Add(ids[i]); other.Add(-1); i++; }
                }
            }
            outFace[chunk] = face; outOther[chunk] = other;
        });

        int total = outFace.Sum(l => l.Count);
        var tri = new int[3 * total];
        var cellA = new int[total];
        var cellB = new int[total];
        int f = 0;
        for (int chunk = 0; chunk < chunks; chunk++)
        {
            var face = outFace[chunk]; var other = outOther[chunk];
            for (int i = 0; i < face.Count; i++, f++)
            {
                int c = face[i] >> 2, k = face[i] & 3, o = c * npc;
                tri[3 * f] = conn[o + FaceVertex[3 * k]];
                tri[3 * f + 1] = conn[o + FaceVertex[3 * k + 1]];
                tri[3 * f + 2] = conn[o + FaceVertex[3 * k + 2]];
                cellA[f] = c; cellB[f] = other[i];
            }
        }
        return new SurfaceFaces(tri, cellA, cellB);
    }

    static int SecondSmallest(int a, int b, int c, int d)
    {
        Sort2(ref a, ref b); Sort2(ref c, ref d);
        // a <= b, c <= d: the smallest is min(a, c), the second is min(max(a, c), min(b, d)).
        return Math.Min(Math.Max(a, c), Math.Min(b, d));
    }

    static void Sort2(ref int a, ref int b) { if (b < a) (a, b) = (b, a); }

    static void Sort3(ref int a, ref int b, ref int c)
    {
        Sort2(ref a, ref b); Sort2(ref b, ref c); Sort2(ref a, ref b);
    }
}
