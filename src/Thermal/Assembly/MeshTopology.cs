using MieCool.Mesh;
using MieCool.Thermal.LinearAlgebra;

namespace MieCool.Thermal.Assembly;

/// <summary>
/// Connectivity derived once from the cells: node-to-cell lists, the node-to-node sparsity pattern (a CSR
/// pattern built from adjacency with a marker array, no global sort) and a lock-free parallel schedule of the
/// cells. The schedule splits the nodes into contiguous ranges: a cell whose nodes all lie in one range is
/// assembled by that range's thread (rows stay in cache); the few cells that straddle ranges are coloured so
/// that no two cells of a colour share a node, and each colour is assembled in parallel.
/// </summary>
public sealed class MeshTopology
{
    /// <summary>Cells around node i: <c>NodeCells[NodeCellStart[i] .. NodeCellStart[i+1]]</c>.</summary>
    public int[] NodeCellStart { get; }
    public int[] NodeCells { get; }
    /// <summary>
    /// The schedule: phases run one after another; the cell lists within a phase share no node and may run in
    /// parallel. Phase 0 holds the cells inside each node range, the other phases one colour of straddling cells each.
    /// </summary>
    public int[][][] Phases { get; }
    /// <summary>Number of colours among the cells that straddle node ranges.</summary>
    public int ColourCount => Phases.Length - 1;
    readonly TetMesh mesh;

    public MeshTopology(TetMesh mesh)
    {
        this.mesh = mesh;
        int n = mesh.NodeCount, nc = mesh.CellCount, npc = mesh.NodesPerCell;
        var cells = mesh.Cells;
        var start = new int[n + 1];
        foreach (var v in cells) start[v + 1]++;
        for (int i = 0; i < n; i++) start[i + 1] += start[i];
        var next = (int[])start.Clone();
        var list = new int[cells.Length];
        for (int c = 0; c < nc; c++)
            for (int a = 0; a < npc; a++) list[next[cells[c * npc + a]]++] = c;
        NodeCellStart = start; NodeCells = list;
        Phases = Schedule(mesh, start);
    }

    static int[][][] Schedule(TetMesh mesh, int[] nodeCellStart)
    {
        int n = mesh.NodeCount, nc = mesh.CellCount, npc = mesh.NodesPerCell;
        int ranges = nc < 20_000 ? 1 : 2 * Parallelism.Threads;
        var inside = Enumerable.Range(0, ranges).Select(_ => new List<int>()).ToArray();
        var straddling = new List<int>();
        var cells = mesh.Cells;
        // Visit cells bucketed by their first vertex, so that consecutive cells touch neighbouring rows.
        var bucketStart = new int[n + 1];
        for (int c = 0; c < nc; c++) bucketStart[cells[c * npc] + 1]++;
        for (int i = 0; i < n; i++) bucketStart[i + 1] += bucketStart[i];
        var order = new int[nc];
        for (int c = 0; c < nc; c++) order[bucketStart[cells[c * npc]]++] = c;
        foreach (int c in order)
        {
            int r = (int)((long)cells[c * npc] * ranges / n);
            bool same = true;
            for (int a = 1; a < npc && same; a++) same = (int)((long)cells[c * npc + a] * ranges / n) == r;
            if (same) inside[r].Add(c); else straddling.Add(c);
        }
        var phases = new List<int[][]> { inside.Select(l => l.ToArray()).ToArray() };
        var (colourStart, coloured) = Colour(mesh, nodeCellStart, straddling.ToArray());
        for (int k = 0; k + 1 < colourStart.Length; k++)
        {
            int b = colourStart[k], e = colourStart[k + 1];
            int chunks = Math.Max(1, Math.Min(4 * Parallelism.Threads, (e - b) / 2000));
            phases.Add(Enumerable.Range(0, chunks).Select(ch =>
            {
                var (cb, ce) = Parallelism.Range(ch, e - b, chunks);
                return coloured[(b + cb)..(b + ce)];
            }).ToArray());
        }
        return phases.ToArray();
    }

    /// <summary>Greedy colouring of <paramref name="subset"/>: each cell takes the lowest colour not used by a cell sharing one of its nodes.</summary>
    static (int[] Start, int[] Cells) Colour(TetMesh mesh, int[] nodeCellStart, int[] subset)
    {
        int n = mesh.NodeCount, npc = mesh.NodesPerCell;
        int maxDegree = 0;
        for (int i = 0; i < n; i++) maxDegree = Math.Max(maxDegree, nodeCellStart[i + 1] - nodeCellStart[i]);
        int words = (npc * maxDegree) / 64 + 1; // a cell has fewer than npc*maxDegree neighbours
        var used = new ulong[(long)n * words];
        var colour = new int[subset.Length];
        int colours = 0;
        var cells = mesh.Cells;
        for (int s = 0; s < subset.Length; s++)
        {
            int c = subset[s];
            int chosen = -1;
            for (int w = 0; w < words && chosen < 0; w++)
            {
                ulong forbidden = 0;
                for (int a = 0; a < npc; a++) forbidden |= used[(long)cells[c * npc + a] * words + w];
                if (forbidden != ulong.MaxValue) chosen = 64 * w + System.Numerics.BitOperations.TrailingZeroCount(~forbidden);
            }
            colour[s] = chosen;
            colours = Math.Max(colours, chosen + 1);
            for (int a = 0; a < npc; a++) used[(long)cells[c * npc + a] * words + chosen / 64] |= 1UL << (chosen % 64);
        }
        var start = new int[colours + 1];
        foreach (var k in colour) start[k + 1]++;
        for (int k = 0; k < colours; k++) start[k + 1] += start[k];
        var next = (int[])start.Clone();
        var sorted = new int[subset.Length];
        for (int s = 0; s < subset.Length; s++) sorted[next[colour[s]]++] = subset[s];
        return (start, sorted);
    }

    /// <summary>The node-to-node pattern: (i, j) is present iff some cell holds both i and j. Rows in parallel.</summary>
    public CsrMatrix CreateMatrix()
    {
        int n = mesh.NodeCount, npc = mesh.NodesPerCell;
        var cells = mesh.Cells;
        var rowCount = new int[n + 1];
        int chunks = Math.Max(1, Math.Min(4 * Parallelism.Threads, n / 2000));
        // Pass 1: count distinct neighbours of each node with a per-chunk marker array.
        Parallel.For(0, chunks, Parallelism.Options, chunk =>
        {
            var (b, e) = Parallelism.Range(chunk, n, chunks);
            var mark = new int[n]; Array.Fill(mark, -1);
            for (int i = b; i < e; i++)
            {
                int count = 0;
                for (int k = NodeCellStart[i]; k < NodeCellStart[i + 1]; k++)
                {
                    int o = NodeCells[k] * npc;
                    for (int a = 0; a < npc; a++) { int j = cells[o + a]; if (mark[j] != i) { mark[j] = i; count++; } }
                }
                rowCount[i + 1] = count;
            }
        });
        for (int i = 0; i < n; i++) rowCount[i + 1] += rowCount[i];
        var cols = new int[rowCount[n]];
        // Pass 2: fill and sort each (short) row.
        Parallel.For(0, chunks, Parallelism.Options, chunk =>
        {
            var (b, e) = Parallelism.Range(chunk, n, chunks);
            var mark = new int[n]; Array.Fill(mark, -1);
            for (int i = b; i < e; i++)
            {
                int p = rowCount[i];
                for (int k = NodeCellStart[i]; k < NodeCellStart[i + 1]; k++)
                {
                    int o = NodeCells[k] * npc;
                    for (int a = 0; a < npc; a++) { int j = cells[o + a]; if (mark[j] != i) { mark[j] = i; cols[p++] = j; } }
                }
                Array.Sort(cols, rowCount[i], p - rowCount[i]);
            }
        });
        return new CsrMatrix(n, rowCount, cols);
    }

    /// <summary>The cells whose vertices include all three of a, b, c (one for an outer face, two for an interior one).</summary>
    public void CellsOfFace(int a, int b, int c, List<int> result)
    {
        result.Clear();
        int npc = mesh.NodesPerCell;
        for (int k = NodeCellStart[a]; k < NodeCellStart[a + 1]; k++)
        {
            int cell = NodeCells[k], o = cell * npc;
            bool hasB = false, hasC = false;
            for (int v = 0; v < 4; v++) { int x = mesh.Cells[o + v]; hasB |= x == b; hasC |= x == c; }
            if (hasB && hasC) result.Add(cell);
        }
    }
}
