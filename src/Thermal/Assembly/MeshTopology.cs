using MieCool.Mesh;
using MieCool.Thermal.LinearAlgebra;

namespace MieCool.Thermal.Assembly;

/// <summary>
/// Connectivity derived once from the cells: node-to-cell lists, the node-to-node sparsity pattern (a CSR
/// pattern built from adjacency with a marker array, no global sort) and a lock-free, deterministic parallel
/// schedule of the cells ("owner computes"): the nodes are split into contiguous ranges, each range's thread owns
/// the matrix rows and load entries of its nodes and visits every cell touching the range, adding only to its own
/// rows. A cell that straddles ranges is thus evaluated by each range it touches (a few per cent of the cells),
/// but no two threads ever write the same entry, and every row receives its contributions in the same cell order
/// as a one-thread assembly, so the matrix is bitwise the same for any number of threads.
/// </summary>
public sealed class MeshTopology
{
    /// <summary>Cells around node i: <c>NodeCells[NodeCellStart[i] .. NodeCellStart[i+1]]</c>.</summary>
    public int[] NodeCellStart { get; }
    /// <summary>The cell indices of every node, node after node (see <see cref="NodeCellStart"/>).</summary>
    public int[] NodeCells { get; }
    /// <summary>Owned node ranges: range r holds the nodes <c>RangeStart[r] .. RangeStart[r+1]</c>.</summary>
    public int[] RangeStart { get; }
    /// <summary>The cells touching range r, in one global order (cells bucketed by their first vertex).</summary>
    public int[][] RangeCells { get; }
    readonly TetMesh mesh;

    /// <summary>
    /// Builds the node-to-cell lists and the schedule: one node range below 20 000 cells, else two per thread of
    /// <see cref="Parallelism.Threads"/> (at most 32, the width of the range bit set).
    /// </summary>
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
        int ranges = nc < 20_000 ? 1 : Math.Min(32, 2 * Parallelism.Threads);
        RangeStart = new int[ranges + 1];
        // Range r holds exactly the nodes with RangeOf(node) == r.
        for (int r = 0; r <= ranges; r++) RangeStart[r] = (int)(((long)r * n + ranges - 1) / ranges);
        RangeCells = Schedule(mesh, ranges);
    }

    static int RangeOf(int node, int ranges, int n) => (int)((long)node * ranges / n);

    /// <summary>The ranges touched by cell c, as a bit set.</summary>
    static uint Touched(int[] cells, int c, int npc, int ranges, int n)
    {
        uint m = 0;
        for (int a = 0; a < npc; a++) m |= 1u << RangeOf(cells[c * npc + a], ranges, n);
        return m;
    }

    static int[][] Schedule(TetMesh mesh, int ranges)
    {
        int n = mesh.NodeCount, nc = mesh.CellCount, npc = mesh.NodesPerCell;
        var cells = mesh.Cells;
        // Visit cells bucketed by their first vertex, so that consecutive cells touch neighbouring rows.
        var bucketStart = new int[n + 1];
        for (int c = 0; c < nc; c++) bucketStart[cells[c * npc] + 1]++;
        for (int i = 0; i < n; i++) bucketStart[i + 1] += bucketStart[i];
        var order = new int[nc];
        for (int c = 0; c < nc; c++) order[bucketStart[cells[c * npc]]++] = c;
        if (ranges == 1) return [order];
        // Range membership of each cell as a bit set (ranges <= 32): counted in parallel, then one exact-size list per
        // range.
        int chunks = Parallelism.Chunks(nc);
        var chunkCount = new int[chunks, ranges];
        Parallel.For(0, chunks, Parallelism.Options, chunk =>
        {
            var (b, e) = Parallelism.Range(chunk, nc);
            var local = new int[ranges];
            for (int c = b; c < e; c++)
                for (uint m = Touched(cells, c, npc, ranges, n); m != 0; m &= m - 1)
                    local[System.Numerics.BitOperations.TrailingZeroCount(m)]++;
            for (int r = 0; r < ranges; r++) chunkCount[chunk, r] = local[r];
        });
        var lists = new int[ranges][];
        var count = new int[ranges];
        for (int r = 0; r < ranges; r++)
        {
            int total = 0;
            for (int chunk = 0; chunk < chunks; chunk++) total += chunkCount[chunk, r];
            lists[r] = new int[total];
        }
        foreach (int c in order)
            for (uint m = Touched(cells, c, npc, ranges, n); m != 0; m &= m - 1)
            {
                int r = System.Numerics.BitOperations.TrailingZeroCount(m);
                lists[r][count[r]++] = c;
            }
        return lists;
    }

    (int[] RowPointers, int[] Columns)? _pattern;
    readonly Lock _patternLock = new();

    /// <summary>
    /// A zero matrix with the node-to-node pattern: (i, j) is present iff some cell holds both i and j. The pattern is
    /// built once (rows in parallel) and shared by every matrix this topology creates, e.g. the assemblies of a nonlinear
    /// iteration; each matrix gets its own values.
    /// </summary>
    public CsrMatrix CreateMatrix()
    {
        lock (_patternLock)
        {
            _pattern ??= Pattern();
            return new CsrMatrix(mesh.NodeCount, _pattern.Value.RowPointers, _pattern.Value.Columns);
        }
    }

    (int[] RowPointers, int[] Columns) Pattern()
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
                for (int s = rowCount[i] + 1; s < p; s++) // insertion sort: rows hold ~15 columns
                {
                    int j = cols[s], t = s - 1;
                    while (t >= rowCount[i] && cols[t] > j) { cols[t + 1] = cols[t]; t--; }
                    cols[t + 1] = j;
                }
            }
        });
        return (rowCount, cols);
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
