using MieCool.Mesh;

namespace MieCool.Thermal.Assembly;

/// <summary>
/// Spatially coherent node numbering: nodes sorted along a Morton (Z-order) curve of their coordinates, so that
/// the rows a cell touches lie close in memory (the mesher's numbering can be far from it, which makes assembly
/// and sparse products miss the cache several times over).
/// </summary>
public static class NodeOrdering
{
    /// <summary>New index of every old node along the Morton curve (21 bits per axis).</summary>
    public static int[] Morton(TetMesh mesh)
    {
        int n = mesh.NodeCount; var x = mesh.Nodes;
        Span<double> lo = [double.MaxValue, double.MaxValue, double.MaxValue], hi = [double.MinValue, double.MinValue, double.MinValue];
        for (int i = 0; i < n; i++)
            for (int d = 0; d < 3; d++) { lo[d] = Math.Min(lo[d], x[3 * i + d]); hi[d] = Math.Max(hi[d], x[3 * i + d]); }
        var keys = new ulong[n]; var old = new int[n];
        double sx = ((1 << 21) - 1) / Math.Max(hi[0] - lo[0], 1e-300), sy = ((1 << 21) - 1) / Math.Max(hi[1] - lo[1], 1e-300),
               sz = ((1 << 21) - 1) / Math.Max(hi[2] - lo[2], 1e-300);
        double lx = lo[0], ly = lo[1], lz = lo[2];
        Parallel.For(0, n, i =>
        {
            keys[i] = Spread((uint)((x[3 * i] - lx) * sx))
                      | Spread((uint)((x[3 * i + 1] - ly) * sy)) << 1
                      | Spread((uint)((x[3 * i + 2] - lz) * sz)) << 2;
            old[i] = i;
        });
        Array.Sort(keys, old);
        var newIndex = new int[n];
        for (int k = 0; k < n; k++) newIndex[old[k]] = k;
        return newIndex;
    }

    /// <summary>Spreads the low 21 bits of v to every third bit.</summary>
    static ulong Spread(uint v)
    {
        ulong x = v & 0x1fffff;
        x = (x | x << 32) & 0x1f00000000ffffUL;
        x = (x | x << 16) & 0x1f0000ff0000ffUL;
        x = (x | x << 8) & 0x100f00f00f00f00fUL;
        x = (x | x << 4) & 0x10c30c30c30c30c3UL;
        x = (x | x << 2) & 0x1249249249249249UL;
        return x;
    }

    /// <summary>The same mesh with node i renamed newIndex[i] (cells keep their order and tags).</summary>
    public static TetMesh Renumber(TetMesh mesh, int[] newIndex) => Renumber(mesh, newIndex, sortCells: false, out _);

    /// <summary>
    /// The same mesh with node i renamed newIndex[i]; with <paramref name="sortCells"/> the cells are also reordered by
    /// their smallest new vertex (stable), so that the cells around a node lie close in memory too, and
    /// <paramref name="newCell"/> gives the new index of every old cell (null without reordering).
    /// </summary>
    public static TetMesh Renumber(TetMesh mesh, int[] newIndex, bool sortCells, out int[]? newCell)
    {
        int n = mesh.NodeCount, npc = mesh.NodesPerCell, nc = mesh.CellCount;
        var nodes = new double[3 * n];
        for (int i = 0; i < n; i++)
        {
            int j = newIndex[i];
            nodes[3 * j] = mesh.Nodes[3 * i]; nodes[3 * j + 1] = mesh.Nodes[3 * i + 1]; nodes[3 * j + 2] = mesh.Nodes[3 * i + 2];
        }
        var cells = new int[mesh.Cells.Length];
        var region = mesh.CellRegion;
        newCell = null;
        if (sortCells)
        {
            var key = new int[nc];
            Parallel.For(0, nc / 4096 + 1, b =>
            {
                for (int c = b * 4096; c < Math.Min(nc, (b + 1) * 4096); c++)
                {
                    int m = int.MaxValue;
                    for (int a = 0; a < npc; a++) m = Math.Min(m, newIndex[mesh.Cells[c * npc + a]]);
                    key[c] = m;
                }
            });
            var start = new int[n + 1];
            foreach (var m in key) start[m + 1]++;
            for (int i = 0; i < n; i++) start[i + 1] += start[i];
            var map = key; // reused in place: key[c] becomes the new index of cell c
            for (int c = 0; c < nc; c++) map[c] = start[map[c]]++;
            region = new int[nc];
            var sorted = region;
            Parallel.For(0, nc / 4096 + 1, b =>
            {
                for (int c = b * 4096; c < Math.Min(nc, (b + 1) * 4096); c++)
                {
                    int to = map[c];
                    sorted[to] = mesh.CellRegion[c];
                    for (int a = 0; a < npc; a++) cells[to * npc + a] = newIndex[mesh.Cells[c * npc + a]];
                }
            });
            newCell = map;
        }
        else
            Parallel.For(0, cells.Length / 4096 + 1, b =>
            {
                for (int k = b * 4096; k < Math.Min(cells.Length, (b + 1) * 4096); k++) cells[k] = newIndex[mesh.Cells[k]];
            });
        var faces = mesh.BoundaryFaces.Select(v => newIndex[v]).ToArray();
        return new TetMesh
        {
            Nodes = nodes, Cells = cells, NodesPerCell = npc, CellRegion = region,
            BoundaryFaces = faces, BoundaryRegion = mesh.BoundaryRegion, Particle = mesh.Particle,
        };
    }
}
