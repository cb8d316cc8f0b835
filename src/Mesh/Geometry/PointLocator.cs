namespace MieCool.Mesh.Geometry;

/// <summary>
/// Finds the tetrahedron of a mesh that contains a point, within an axis-aligned window (which may be flat, e.g. a
/// plane section): the cells whose bounding boxes meet the window are binned into a uniform grid of buckets over it
/// (about one bucket per cell), and a query tests the barycentric coordinates (<see cref="TetGeometry.Barycentric"/>)
/// of the cells in its bucket. The cells must not overlap (a conforming mesh): a query stops at the first cell that holds the
/// point by more than the tolerance. Suits meshes whose cells are of similar size within the window. Thread-safe for queries.
/// </summary>
public sealed class PointLocator
{
    readonly TetMesh _mesh;
    readonly double _tolerance;
    readonly double[] _min = new double[3], _max = new double[3], _inverseStep = new double[3];
    readonly int[] _buckets = new int[3];
    readonly int[] _start, _cells; // CSR: the cells of bucket b are _cells[_start[b] .. _start[b + 1]), increasing

    /// <summary>The whole mesh.</summary>
    public PointLocator(TetMesh mesh, double tolerance = 1e-9) : this(mesh, Bounds(mesh).Min, Bounds(mesh).Max, tolerance) { }

    /// <summary>
    /// The cells that meet the window [<paramref name="min"/>, <paramref name="max"/>] (m; a flat window is fine). A point
    /// is in a cell when all four barycentric coordinates are at least -<paramref name="tolerance"/>.
    /// </summary>
    public PointLocator(TetMesh mesh, (double X, double Y, double Z) min, (double X, double Y, double Z) max, double tolerance = 1e-9)
    {
        if (!(min.X <= max.X && min.Y <= max.Y && min.Z <= max.Z))
            throw new ArgumentException($"an empty window from {min} to {max}", nameof(max));
        if (!(tolerance >= 0)) throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "a non-negative barycentric tolerance");
        _mesh = mesh; _tolerance = tolerance;
        _min[0] = min.X; _min[1] = min.Y; _min[2] = min.Z;
        _max[0] = max.X; _max[1] = max.Y; _max[2] = max.Z;

        // The cells whose bounding boxes meet the window, and their bucket ranges.
        int cellCount = mesh.CellCount, npc = mesh.NodesPerCell;
        var inWindow = new List<int>();
        for (int c = 0; c < cellCount; c++) if (Meets(c, npc)) inWindow.Add(c);

        // About one bucket per cell, cubic buckets over the window's extended axes (one bucket across a flat axis).
        double volume = 1; int extended = 0;
        for (int d = 0; d < 3; d++) if (_max[d] > _min[d]) { volume *= _max[d] - _min[d]; extended++; }
        double step = extended == 0 ? 0 : Math.Pow(volume / Math.Max(1, inWindow.Count), 1.0 / extended);
        for (int d = 0; d < 3; d++)
        {
            double extent = _max[d] - _min[d];
            _buckets[d] = extent > 0 ? (int)Math.Clamp(Math.Ceiling(extent / step), 1, 1024) : 1;
            _inverseStep[d] = extent > 0 ? _buckets[d] / extent : 0;
        }

        int total = _buckets[0] * _buckets[1] * _buckets[2];
        _start = new int[total + 1];
        Span<int> lo = stackalloc int[3], hi = stackalloc int[3];
        foreach (int c in inWindow)
        {
            BucketRange(c, npc, lo, hi);
            for (int k = lo[2]; k <= hi[2]; k++)
                for (int j = lo[1]; j <= hi[1]; j++)
                    for (int i = lo[0]; i <= hi[0]; i++) _start[Bucket(i, j, k) + 1]++;
        }
        for (int b = 0; b < total; b++) _start[b + 1] += _start[b];
        _cells = new int[_start[total]];
        var fill = _start[..total];
        foreach (int c in inWindow)
        {
            BucketRange(c, npc, lo, hi);
            for (int k = lo[2]; k <= hi[2]; k++)
                for (int j = lo[1]; j <= hi[1]; j++)
                    for (int i = lo[0]; i <= hi[0]; i++) _cells[fill[Bucket(i, j, k)]++] = c;
        }
    }

    /// <summary>
    /// The cell that contains the point (x, y, z), m, with its barycentric coordinates written to <paramref name="lambda"/>;
    /// -1 when no cell does (or the point is outside the window). A point on a face, edge or vertex shared by several cells
    /// goes to the one it lies deepest in (the largest smallest barycentric coordinate; ties to the lowest cell index).
    /// </summary>
    public int Locate(double x, double y, double z, Span<double> lambda)
    {
        Span<double> p = [x, y, z];
        Span<int> b = stackalloc int[3];
        for (int d = 0; d < 3; d++)
        {
            if (!(p[d] >= _min[d] && p[d] <= _max[d])) return -1;
            b[d] = Math.Min(_buckets[d] - 1, (int)((p[d] - _min[d]) * _inverseStep[d]));
        }
        int bucket = Bucket(b[0], b[1], b[2]), best = -1;
        double deepest = double.NegativeInfinity;
        Span<double> l = stackalloc double[4];
        for (int s = _start[bucket]; s < _start[bucket + 1]; s++)
        {
            int c = _cells[s];
            TetGeometry.Of(_mesh, c).Barycentric(x, y, z, l);
            double m = Math.Min(Math.Min(l[0], l[1]), Math.Min(l[2], l[3]));
            // NaN (a flat cell) fails both comparisons
            if (m >= -_tolerance && m > deepest) { deepest = m; best = c; l.CopyTo(lambda); }
            // Cells do not overlap: a point inside one by more than the tolerance lies outside every other.
            if (deepest > _tolerance) break;
        }
        return best;
    }

    /// <summary>The axis-aligned bounding box of the mesh's nodes, m.</summary>
    public static ((double X, double Y, double Z) Min, (double X, double Y, double Z) Max) Bounds(TetMesh mesh)
    {
        if (mesh.NodeCount == 0) throw new ArgumentException("a mesh without nodes", nameof(mesh));
        Span<double> lo = [double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity];
        Span<double> hi = [double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity];
        var x = mesh.Nodes;
        for (int i = 0; i < x.Length; i++) { lo[i % 3] = Math.Min(lo[i % 3], x[i]); hi[i % 3] = Math.Max(hi[i % 3], x[i]); }
        return ((lo[0], lo[1], lo[2]), (hi[0], hi[1], hi[2]));
    }

    int Bucket(int i, int j, int k) => i + _buckets[0] * (j + _buckets[1] * k);

    // Whether the bounding box of cell c's vertices meets the window (closed boxes).
    bool Meets(int c, int npc)
    {
        var x = _mesh.Nodes; int o = c * npc;
        for (int d = 0; d < 3; d++)
        {
            double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
            for (int a = 0; a < 4; a++) { double v = x[3 * _mesh.Cells[o + a] + d]; lo = Math.Min(lo, v); hi = Math.Max(hi, v); }
            if (hi < _min[d] || lo > _max[d]) return false;
        }
        return true;
    }

    // The buckets that the bounding box of cell c's vertices overlaps, clamped to the window.
    void BucketRange(int c, int npc, Span<int> lo, Span<int> hi)
    {
        var x = _mesh.Nodes; int o = c * npc;
        for (int d = 0; d < 3; d++)
        {
            double vlo = double.PositiveInfinity, vhi = double.NegativeInfinity;
            for (int a = 0; a < 4; a++) { double v = x[3 * _mesh.Cells[o + a] + d]; vlo = Math.Min(vlo, v); vhi = Math.Max(vhi, v); }
            lo[d] = Index(vlo, d); hi[d] = Index(vhi, d);
        }
    }

    int Index(double v, int d) => (int)Math.Clamp(Math.Floor((v - _min[d]) * _inverseStep[d]), 0, _buckets[d] - 1);
}
