using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MieCool.Thermal.LinearAlgebra;

/// <summary>
/// A sparse matrix (square unless <see cref="Columns"/> says otherwise) in compressed sparse row storage: row i holds the columns
/// <c>ColumnIndices[RowPointers[i] .. RowPointers[i+1]]</c> in ascending order with their <see cref="Values"/>.
/// The pattern is fixed at construction; assembly adds into <see cref="Values"/>.
/// </summary>
public sealed class CsrMatrix
{
    /// <summary>Number of rows.</summary>
    public int Size { get; }
    /// <summary>Number of columns (equal to <see cref="Size"/> for the FEM matrices; prolongators are rectangular).</summary>
    public int Columns { get; }
    /// <summary>Row starts, <see cref="Size"/> + 1 entries: row i is positions RowPointers[i] .. RowPointers[i+1] - 1.</summary>
    public int[] RowPointers { get; }
    /// <summary>Column of each stored entry, row after row.</summary>
    public int[] ColumnIndices { get; }
    /// <summary>Value of each stored entry, aligned with <see cref="ColumnIndices"/>.</summary>
    public double[] Values { get; }
    /// <summary>Number of stored entries (explicit zeros included).</summary>
    public int NonZeros => RowPointers[Size];

    /// <summary>
    /// A matrix on the given pattern, which it keeps (no copy). <paramref name="values"/> null gives zeros;
    /// <paramref name="columns"/> -1 a square matrix. The pattern is checked once here (row pointers non-decreasing from 0,
    /// every column index inside the matrix, arrays long enough), because the products and triangular solves read it
    /// without bounds checks.
    /// </summary>
    public CsrMatrix(int size, int[] rowPointers, int[] columnIndices, double[]? values = null, int columns = -1)
        : this(size, rowPointers, columnIndices, values, columns, check: true) { }

    CsrMatrix(int size, int[] rowPointers, int[] columnIndices, double[]? values, int columns, bool check)
    {
        if (rowPointers.Length != size + 1) throw new ArgumentException("rowPointers must have size + 1 entries");
        Size = size; RowPointers = rowPointers; ColumnIndices = columnIndices; Columns = columns < 0 ? size : columns;
        Values = values ?? new double[rowPointers[size]];
        if (!check) return;
        if (rowPointers[0] != 0 || rowPointers[size] > columnIndices.Length || Values.Length < rowPointers[size])
            throw new ArgumentException("row pointers must start at 0 and end within the column and value arrays");
        for (int i = 0; i < size; i++)
            if (rowPointers[i + 1] < rowPointers[i]) throw new ArgumentException($"row pointers decrease at row {i}");
        uint limit = (uint)Columns;
        for (int p = 0; p < rowPointers[size]; p++)
            if ((uint)columnIndices[p] >= limit)
                throw new ArgumentException($"column index {columnIndices[p]} at entry {p} outside [0, {Columns})");
    }

    /// <summary>A copy sharing the (immutable, already checked) pattern, with its own values.</summary>
    public CsrMatrix CloneValues() => new(Size, RowPointers, ColumnIndices, (double[])Values.Clone(), Columns, check: false);

    /// <summary>Index into <see cref="Values"/> of entry (i, j); -1 if (i, j) is not in the pattern.</summary>
    public int Find(int i, int j)
    {
        int lo = RowPointers[i], hi = RowPointers[i + 1] - 1;
        var cols = ColumnIndices;
        while (lo <= hi)
        {
            int mid = (lo + hi) >> 1, c = cols[mid];
            if (c == j) return mid;
            if (c < j) lo = mid + 1; else hi = mid - 1;
        }
        return -1;
    }

    /// <summary>Entry a_ij; 0 when (i, j) is not in the pattern (a binary search: for tests and checks, not for loops).</summary>
    public double this[int i, int j] { get { int k = Find(i, j); return k < 0 ? 0 : Values[k]; } }

    /// <summary>y = A x, rows in parallel (arrays, no copies).</summary>
    public void Multiply(double[] x, double[] y)
    {
        if (x.Length < Columns || y.Length < Size) throw new ArgumentException("vector length below matrix size");
        var rp = RowPointers; var ci = ColumnIndices; var v = Values;
        Parallel.For(0, Parallelism.Chunks(Size), Parallelism.Options, chunk =>
        {
            var (begin, end) = Parallelism.Range(chunk, Size);
            for (int i = begin; i < end; i++) y[i] = RowDot(rp, ci, v, x, i);
        });
    }

    /// <summary>
    /// y = A x and returns x . y in the same pass (conjugate gradients' p . A p): partial sums per chunk of rows, added
    /// in chunk order, so that the result depends on <see cref="Parallelism.Threads"/> but not on scheduling.
    /// </summary>
    public double MultiplyDot(double[] x, double[] y)
    {
        if (Size != Columns) throw new InvalidOperationException("x . A x needs a square matrix");
        if (x.Length < Size || y.Length < Size) throw new ArgumentException("vector length below matrix size");
        var rp = RowPointers; var ci = ColumnIndices; var v = Values;
        int chunks = Parallelism.Chunks(Size);
        var partial = new double[chunks];
        Parallel.For(0, chunks, Parallelism.Options, chunk =>
        {
            var (begin, end) = Parallelism.Range(chunk, Size, chunks);
            double dot = 0;
            for (int i = begin; i < end; i++)
            {
                double s = RowDot(rp, ci, v, x, i);
                y[i] = s;
                dot += x[i] * s;
            }
            partial[chunk] = dot;
        });
        double sum = 0;
        foreach (var p in partial) sum += p;
        return sum;
    }

    /// <summary>
    /// Row i of A times x, with two partial sums and no bounds checks (the callers check the vector lengths; the pattern's
    /// columns lie below <see cref="Columns"/>).
    /// </summary>
    static double RowDot(int[] rp, int[] ci, double[] v, double[] x, int i)
    {
        ref int c0 = ref MemoryMarshal.GetArrayDataReference(ci);
        ref double v0 = ref MemoryMarshal.GetArrayDataReference(v);
        ref double x0 = ref MemoryMarshal.GetArrayDataReference(x);
        int k = rp[i], e = rp[i + 1];
        double s0 = 0, s1 = 0;
        for (; k + 1 < e; k += 2)
        {
            s0 += Unsafe.Add(ref v0, k) * Unsafe.Add(ref x0, Unsafe.Add(ref c0, k));
            s1 += Unsafe.Add(ref v0, k + 1) * Unsafe.Add(ref x0, Unsafe.Add(ref c0, k + 1));
        }
        if (k < e) s0 += Unsafe.Add(ref v0, k) * Unsafe.Add(ref x0, Unsafe.Add(ref c0, k));
        return s0 + s1;
    }

    /// <summary>The diagonal entries (zero where absent; rows need not be sorted).</summary>
    public double[] Diagonal()
    {
        var d = new double[Size];
        for (int i = 0; i < Size; i++)
            for (int k = RowPointers[i]; k < RowPointers[i + 1]; k++)
                if (ColumnIndices[k] == i) { d[i] = Values[k]; break; }
        return d;
    }

    /// <summary>Largest |a_ij - a_ji| relative to the largest |a_ij|.</summary>
    public double RelativeAsymmetry()
    {
        double maxDiff = 0, maxAbs = 0;
        for (int i = 0; i < Size; i++)
            for (int k = RowPointers[i]; k < RowPointers[i + 1]; k++)
            {
                int j = ColumnIndices[k];
                maxAbs = Math.Max(maxAbs, Math.Abs(Values[k]));
                int t = Find(j, i);
                double aji = t < 0 ? 0 : Values[t];
                maxDiff = Math.Max(maxDiff, Math.Abs(Values[k] - aji));
            }
        return maxAbs == 0 ? 0 : maxDiff / maxAbs;
    }

    /// <summary>Dense copy (small matrices only: tests and direct cross-checks).</summary>
    public double[,] ToDense()
    {
        if ((long)Size * Size > 25_000_000) throw new InvalidOperationException($"matrix of size {Size} too large for a dense copy");
        var a = new double[Size, Size];
        for (int i = 0; i < Size; i++)
            for (int k = RowPointers[i]; k < RowPointers[i + 1]; k++) a[i, ColumnIndices[k]] += Values[k];
        return a;
    }

    /// <summary>Transpose (pattern and values; rows come out sorted).</summary>
    public CsrMatrix Transpose()
    {
        int nc = Columns;
        var count = new int[nc + 1];
        for (int k = 0; k < NonZeros; k++) count[ColumnIndices[k] + 1]++;
        for (int j = 0; j < nc; j++) count[j + 1] += count[j];
        var ci = new int[NonZeros]; var v = new double[NonZeros];
        var next = (int[])count.Clone();
        for (int i = 0; i < Size; i++)
            for (int k = RowPointers[i]; k < RowPointers[i + 1]; k++)
            {
                int p = next[ColumnIndices[k]]++;
                ci[p] = i; v[p] = Values[k];
            }
        return new CsrMatrix(nc, count, ci, v, Size);
    }

    /// <summary>
    /// C = A B (Gustavson's row-by-row product): a symbolic pass counts each row of C, a numeric pass fills the
    /// exact-size result in place, both with a dense marker per thread (no temporary copies of C). Rows of C come
    /// out sorted only if <paramref name="sortRows"/> (needed by <see cref="Find"/>, not by products and SpMV).
    /// </summary>
    public static CsrMatrix Multiply(CsrMatrix A, CsrMatrix B, bool sortRows = true)
    {
        if (A.Columns != B.Size) throw new ArgumentException("inner dimensions differ");
        int m = A.Size, n = B.Columns;
        int chunks = Math.Max(1, Math.Min(4 * Parallelism.Threads, m / 2000));
        var rp = new int[m + 1];
        var arp = A.RowPointers; var aci = A.ColumnIndices; var av = A.Values;
        var brp = B.RowPointers; var bci = B.ColumnIndices; var bv = B.Values;
        Parallel.For(0, chunks, Parallelism.Options, chunk =>
        {
            var (b, e) = Parallelism.Range(chunk, m, chunks);
            var mark = new int[n]; Array.Fill(mark, -1);
            for (int i = b; i < e; i++)
            {
                int count = 0;
                for (int p = arp[i]; p < arp[i + 1]; p++)
                {
                    int k = aci[p];
                    for (int q = brp[k]; q < brp[k + 1]; q++) { int j = bci[q]; if (mark[j] != i) { mark[j] = i; count++; } }
                }
                rp[i + 1] = count;
            }
        });
        for (int i = 0; i < m; i++) rp[i + 1] += rp[i];
        var ci = new int[rp[m]]; var v = new double[rp[m]];
        Parallel.For(0, chunks, Parallelism.Options, chunk =>
        {
            var (b, e) = Parallelism.Range(chunk, m, chunks);
            var pos = new int[n]; Array.Fill(pos, -1); // position of column j in the current row, or -1
            for (int i = b; i < e; i++)
            {
                int start = rp[i], count = start;
                for (int p = arp[i]; p < arp[i + 1]; p++)
                {
                    int k = aci[p]; double a = av[p];
                    for (int q = brp[k]; q < brp[k + 1]; q++)
                    {
                        int j = bci[q], at = pos[j];
                        if (at < start) { at = count++; pos[j] = at; ci[at] = j; v[at] = 0; }
                        v[at] += a * bv[q];
                    }
                }
                if (sortRows) Array.Sort(ci, v, start, count - start);
            }
        });
        return new CsrMatrix(m, rp, ci, v, n);
    }
}

/// <summary>How the numeric kernels split work over the cores.</summary>
public static class Parallelism
{
    /// <summary>Degree of parallelism of all kernels (defaults to the processor count).</summary>
    public static int Threads { get; set; } = Environment.ProcessorCount;

    internal static ParallelOptions Options => new() { MaxDegreeOfParallelism = Threads };

    /// <summary>Number of contiguous chunks for a loop of n items (a few per thread for balance; 1 for small n).</summary>
    internal static int Chunks(int n) => n < 20_000 ? 1 : Math.Min(4 * Threads, n / 5_000);

    internal static (int Begin, int End) Range(int chunk, int n, int chunks) =>
        ((int)((long)chunk * n / chunks), (int)((long)(chunk + 1) * n / chunks));

    internal static (int Begin, int End) Range(int chunk, int n) => Range(chunk, n, Chunks(n));
}
