using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MieCool.Thermal.LinearAlgebra;

/// <summary>z = M^-1 r for a symmetric positive definite approximation M of the matrix.</summary>
public interface IPreconditioner
{
    /// <summary>Short name for reports and solver statistics ("jacobi", "ic0", "amg").</summary>
    string Name { get; }

    /// <summary>z = M^-1 r; <paramref name="z"/> is overwritten, <paramref name="r"/> is left unchanged.</summary>
    void Apply(double[] r, double[] z);
}

/// <summary>How an iterative solve ended.</summary>
public enum SolveStatus
{
    /// <summary>The relative residual reached the tolerance (confirmed with the true residual).</summary>
    Converged,
    /// <summary>The iteration limit was reached before the tolerance.</summary>
    MaxIterationsReached,
    /// <summary>p . A p &lt;= 0 (or NaN): A or the preconditioner is not symmetric positive definite.</summary>
    Breakdown,
}

/// <summary>Outcome of an iterative solve: status, iterations and the final relative residual |b - A x| / |b|.</summary>
public sealed record IterativeResult(SolveStatus Status, int Iterations, double RelativeResidual, string Preconditioner)
{
    /// <summary>True when <see cref="Status"/> is <see cref="SolveStatus.Converged"/>.</summary>
    public bool Converged => Status == SolveStatus.Converged;
}

/// <summary>Preconditioned conjugate gradients (Hestenes and Stiefel 1952; Saad, Iterative Methods, Alg. 9.1).</summary>
public static class ConjugateGradient
{
    /// <summary>
    /// Solves A x = b for SPD A, starting from x (updated in place; from zero when x is worse, |b - A x| &gt; |b|), until
    /// |r| &lt;= tolerance |b|.
    /// <paramref name="progress"/> receives (iteration, relative residual) every few iterations.
    /// </summary>
    public static IterativeResult Solve(CsrMatrix A, double[] b, double[] x, IPreconditioner M, double tolerance,
                                        int maxIterations, IProgress<(int Iteration, double Residual)>? progress = null,
                                        CancellationToken cancel = default)
    {
        int n = A.Size;
        var r = new double[n]; var z = new double[n]; var p = new double[n]; var q = new double[n];
        A.Multiply(x, q);
        for (int i = 0; i < n; i++) r[i] = b[i] - q[i];
        double bnorm = Vectors.Norm(b);
        if (bnorm == 0) { Array.Clear(x); return new(SolveStatus.Converged, 0, 0, M.Name); }
        double rnorm = Vectors.Norm(r);
        if (rnorm <= tolerance * bnorm) return new(SolveStatus.Converged, 0, rnorm / bnorm, M.Name);
        if (rnorm > bnorm)
        {
            // A start worse than zero (a previous field much larger than the answer, as after the pump is switched off) is
            // replaced by zero: iterates of the start's size leave round-off of eps |A| |x0| in the residual, which can lie
            // above tolerance |b| (a transient step at 2 197 unknowns with |x0| 2e-8 K, |b - A x0| 2e5 |b|: CG with IC(0)
            // diverged to 1.7e9 |b| in 5 000 iterations, from zero it converged in 33). Zero has the residual b itself.
            Array.Clear(x);
            Array.Copy(b, r, n);
            rnorm = bnorm;
        }
        M.Apply(r, z);
        Array.Copy(z, p, n);
        double rz = Vectors.Dot(r, z);
        for (int it = 1; it <= maxIterations; it++)
        {
            cancel.ThrowIfCancellationRequested();
            double pq = A.MultiplyDot(p, q); // q = A p, p . q
            if (!(pq > 0)) return new(SolveStatus.Breakdown, it, rnorm / bnorm, M.Name); // A or M not SPD
            double alpha = rz / pq;
            rnorm = Math.Sqrt(Vectors.Step(alpha, p, q, x, r)); // x += alpha p, r -= alpha q, |r|
            if (it % 10 == 0) progress?.Report((it, rnorm / bnorm));
            if (rnorm <= tolerance * bnorm)
            {
                // Confirm with the true residual (the recursive one drifts in long runs).
                A.Multiply(x, q);
                for (int i = 0; i < n; i++) r[i] = b[i] - q[i];
                double trueNorm = Vectors.Norm(r);
                if (trueNorm <= 10 * tolerance * bnorm) return new(SolveStatus.Converged, it, trueNorm / bnorm, M.Name);
                rnorm = trueNorm;
            }
            M.Apply(r, z);
            double rzNew = Vectors.Dot(r, z);
            Vectors.Xpby(z, rzNew / rz, p);
            rz = rzNew;
        }
        return new(SolveStatus.MaxIterationsReached, maxIterations, rnorm / bnorm, M.Name);
    }
}

/// <summary>Diagonal (Jacobi) preconditioner z_i = r_i / a_ii.</summary>
public sealed class JacobiPreconditioner : IPreconditioner
{
    readonly double[] inverseDiagonal;
    /// <inheritdoc/>
    public string Name => "jacobi";

    /// <summary>Stores 1 / a_ii; throws <see cref="Core.ComputationException"/> for a diagonal entry that is not positive.</summary>
    public JacobiPreconditioner(CsrMatrix A)
    {
        inverseDiagonal = A.Diagonal();
        for (int i = 0; i < inverseDiagonal.Length; i++)
        {
            if (!(inverseDiagonal[i] > 0))
                throw new Core.ComputationException($"Jacobi preconditioner: diagonal entry {i} is {inverseDiagonal[i]:g3}, " +
                                                    "not positive; the matrix is not SPD (check conductivities and boundary conditions)");
            inverseDiagonal[i] = 1 / inverseDiagonal[i];
        }
    }

    /// <summary>z_i = r_i / a_ii, in parallel.</summary>
    public void Apply(double[] r, double[] z) =>
        Vectors.For(r.Length, (b, e) => { for (int i = b; i < e; i++) z[i] = r[i] * inverseDiagonal[i]; });
}

/// <summary>
/// Incomplete Cholesky IC(0): A ~ L L^T with L restricted to the lower pattern of A (Meijerink and van der Vorst 1977).
/// If a pivot fails (A not an M-matrix, e.g. P2), the factorisation restarts on A + alpha diag(A) with growing
/// alpha (Manteuffel 1980). The factor is stored for the two triangular solves: the strictly lower rows of L for the
/// forward solve, the strictly upper rows of L^T (its transpose, contiguous) for the backward one, each a gather (a sparse
/// dot product per row, no scatter), and the inverse diagonal.
/// </summary>
/// <remarks>
/// The triangular solves are sequential along a row order; to run them on several cores the factor is that of the matrix
/// in a domain-separator order (one level of nested dissection, George 1973, SIAM J. Numer. Anal. 10, 345; the inner-rows-
/// then-interface order of parallel ILU, Saad, Iterative Methods for Sparse Linear Systems, 2nd ed., ch. 12): the
/// rows are cut into <see cref="Domains"/> contiguous blocks of about equal nonzeros (the solver's node numbering is a
/// Morton order, so a block is a compact piece of the mesh), a row joins the separator when it couples to a later block,
/// and the order is block 1's other rows, ..., block D's other rows, the separator. No entry couples the inner rows of two
/// blocks, so each triangular solve does the blocks at once (forward: blocks, then the separator; backward: separator,
/// then blocks) and only the separator (a few per cent of the rows) one row after another. The blocks are a property of
/// the matrix alone, not of the thread count: the factor and every solve are bitwise the same on any number of threads.
/// </remarks>
public sealed class IncompleteCholesky : IPreconditioner
{
    readonly int n;
    readonly int[] lowerStart, lowerCols, upperStart, upperCols; // strict lower triangle of L, strict upper of L^T
    readonly double[] lowerValues, upperValues, inverseDiagonal;
    readonly int[]? order;     // factor row k is the matrix's row order[k] (null: the matrix's own order)
    readonly int[] blockStart; // factor rows blockStart[b] .. blockStart[b + 1] are block b's; the last range is the separator
    double[]? spare;           // the solve's vector in factor order, kept between calls (taken by one call at a time)

    /// <summary>
    /// A pivot fails when it is not above this share of its row's diagonal entry: one that has lost nearly all of it to
    /// cancellation (a sliver's P2 couplings) is positive, but its tiny square root makes L^-1 blow up in one direction and
    /// conjugate gradients stall far from the tolerance (seen on coarse meshes made with several gmsh threads: 1e-3 after
    /// 5 000 iterations at 2 200 unknowns); the shift then takes over.
    /// </summary>
    public const double PivotFloor = 1e-6;

    /// <summary>
    /// The alpha of the factorised A + alpha diag(A): 0 when IC(0) of A itself succeeded, else the first of
    /// 1e-3, 4e-3, 1.6e-2, 6.4e-2, 0.256 for which every pivot was above <see cref="PivotFloor"/> of its diagonal.
    /// </summary>
    public double Shift { get; }
    /// <inheritdoc/>
    public string Name => Shift == 0 ? "ic0" : $"ic0(shift {Shift:g2})";
    /// <summary>Blocks whose triangular solves run at once (1: one sequential solve, below <see cref="BlockedFrom"/> rows).</summary>
    public int Domains => blockStart.Length - 2;
    /// <summary>The factor's row order: row k is the matrix's row Order[k] (null: the matrix's own order, one block).</summary>
    internal int[]? Order => order;
    /// <summary>The factor rows of block b: BlockStart[b] .. BlockStart[b + 1]; the last range is the separator's.</summary>
    internal int[] BlockStart => blockStart;
    /// <summary>Rows of the separator, solved one after another after (forward) or before (backward) the blocks.</summary>
    public int SeparatorRows => blockStart[^1] - blockStart[^2];

    /// <summary>Matrices from this many rows on are factorised in blocks (<see cref="DefaultDomains"/>); smaller ones in one.</summary>
    public const int BlockedFrom = 20_000;
    /// <summary>The number of blocks of a large matrix: a fixed number, so that the answer does not depend on the cores.</summary>
    public const int DefaultDomains = 2;

    /// <summary>
    /// Factorises <paramref name="A"/> (symmetric, sorted rows with a diagonal entry each), shifting as needed; throws
    /// <see cref="Core.ComputationException"/> when a row has no diagonal or even a shift of 1 fails.
    /// </summary>
    public IncompleteCholesky(CsrMatrix A) : this(A, A.Size >= BlockedFrom ? DefaultDomains : 1) { }

    /// <summary>IC(0) of <paramref name="A"/> in <paramref name="domains"/> blocks and their separator (1: in A's own order).</summary>
    public IncompleteCholesky(CsrMatrix A, int domains)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(domains, 1);
        n = A.Size;
        (order, blockStart) = domains == 1 || n < 2 * domains ? (null, [0, n, n]) : DomainOrder(A, domains);
        if (order is not null)
        {
            var position = new int[n];
            for (int k = 0; k < n; k++) position[order[k]] = k;
            A = Ordering.Permute(A, position);
        }
        var rowStart = new int[n + 1]; // lower triangle of each row, diagonal last
        for (int i = 0; i < n; i++)
        {
            int c = 0;
            for (int p = A.RowPointers[i]; p < A.RowPointers[i + 1] && A.ColumnIndices[p] <= i; p++) c++;
            rowStart[i + 1] = rowStart[i] + c;
        }
        var cols = new int[rowStart[n]]; var values = new double[rowStart[n]];
        for (int i = 0; i < n; i++)
        {
            int q = rowStart[i];
            for (int p = A.RowPointers[i]; p < A.RowPointers[i + 1] && A.ColumnIndices[p] <= i; p++)
                cols[q++] = A.ColumnIndices[p];
            if (q == rowStart[i] || cols[rowStart[i + 1] - 1] != i)
                throw new Core.ComputationException(
                    $"IC(0): row {(order is null ? i : order[i])} has no diagonal entry; the matrix is singular");
        }
        double shift = 0;
        while (!TryFactor(A, shift, rowStart, cols, values))
        {
            shift = shift == 0 ? 1e-3 : 4 * shift;
            if (shift > 1)
                throw new Core.ComputationException("IC(0) breaks down even with a diagonal shift of 1; the matrix is not SPD " +
                                                    "(check conductivities and boundary conditions) or use preconditioner \"jacobi\"");
        }
        Shift = shift;

        // The solve's layout: L without its diagonal, row by row; L^T without its diagonal, row by row; 1 / l_ii.
        lowerStart = new int[n + 1];
        for (int i = 0; i < n; i++) lowerStart[i + 1] = rowStart[i + 1] - (i + 1);
        int m = lowerStart[n];
        lowerCols = new int[m]; lowerValues = new double[m]; inverseDiagonal = new double[n];
        var count = new int[n + 1];
        for (int i = 0; i < n; i++)
        {
            int re = rowStart[i + 1] - 1, q = lowerStart[i];
            for (int p = rowStart[i]; p < re; p++, q++) { lowerCols[q] = cols[p]; lowerValues[q] = values[p]; count[cols[p] + 1]++; }
            inverseDiagonal[i] = 1 / values[re];
        }
        for (int j = 0; j < n; j++) count[j + 1] += count[j];
        upperStart = (int[])count.Clone();
        upperCols = new int[m]; upperValues = new double[m];
        for (int i = 0; i < n; i++) // rows in increasing order: the columns of each row of L^T come out sorted
            for (int q = lowerStart[i]; q < lowerStart[i + 1]; q++)
            {
                int at = count[lowerCols[q]]++;
                upperCols[at] = i; upperValues[at] = lowerValues[q];
            }
    }

    /// <summary>
    /// The domain-separator order of <paramref name="A"/> (see the remarks): the rows cut into <paramref name="domains"/>
    /// contiguous ranges of about equal nonzeros; a row with a column in a later range is a separator row.
    /// </summary>
    static (int[] Order, int[] BlockStart) DomainOrder(CsrMatrix A, int domains)
    {
        int n = A.Size;
        var rp = A.RowPointers; var ci = A.ColumnIndices;
        var rangeEnd = new int[domains];
        for (int d = 0, i = 0; d < domains; d++)
        {
            long target = (long)rp[n] * (d + 1) / domains;
            while (i < n && rp[i] < target) i++;
            rangeEnd[d] = d == domains - 1 ? n : Math.Max(i, d == 0 ? 1 : rangeEnd[d - 1] + 1);
        }
        var separator = new bool[n];
        int separatorRows = 0;
        for (int d = 0, first = 0; d < domains; first = rangeEnd[d++])
            for (int i = first; i < rangeEnd[d]; i++)
                if (ci[rp[i + 1] - 1] >= rangeEnd[d]) { separator[i] = true; separatorRows++; } // sorted row: its last column
        var order = new int[n];
        var blockStart = new int[domains + 2];
        int k = 0;
        for (int d = 0, first = 0; d < domains; first = rangeEnd[d++])
        {
            blockStart[d] = k;
            for (int i = first; i < rangeEnd[d]; i++) if (!separator[i]) order[k++] = i;
        }
        blockStart[domains] = k;
        for (int i = 0; i < n; i++) if (separator[i]) order[k++] = i;
        blockStart[domains + 1] = k;
        return (order, blockStart);
    }

    bool TryFactor(CsrMatrix A, double shift, int[] rowStart, int[] cols, double[] values)
    {
        for (int i = 0; i < n; i++)
        {
            int q = rowStart[i];
            for (int p = A.RowPointers[i]; p < A.RowPointers[i + 1] && A.ColumnIndices[p] <= i; p++)
                values[q++] = A.ColumnIndices[p] == i ? A.Values[p] * (1 + shift) : A.Values[p];
        }
        for (int i = 0; i < n; i++)
        {
            int ri = rowStart[i], re = rowStart[i + 1] - 1; // re: diagonal position
            for (int p = ri; p < re; p++)
            {
                int j = cols[p];
                // l_ij = (a_ij - sum_{m<j} l_im l_jm) / l_jj, sparse dot of rows i and j over m < j.
                double s = values[p];
                int a = ri, b = rowStart[j], bEnd = rowStart[j + 1] - 1;
                while (a < p && b < bEnd)
                {
                    int ca = cols[a], cb = cols[b];
                    if (ca == cb) { s -= values[a] * values[b]; a++; b++; }
                    else if (ca < cb) a++; else b++;
                }
                values[p] = s / values[bEnd];
            }
            double d = values[re], diagonal = d;
            for (int p = ri; p < re; p++) d -= values[p] * values[p];
            if (!(d > PivotFloor * diagonal)) return false;
            values[re] = Math.Sqrt(d);
        }
        return true;
    }

    /// <summary>
    /// z = (L L^T)^-1 r by a forward and a backward triangular solve: the blocks' rows at once, the separator's one after
    /// another (see the remarks).
    /// </summary>
    public void Apply(double[] r, double[] z)
    {
        if (r.Length < n || z.Length < n) throw new ArgumentException("vector length below matrix size");
        // L y = r (forward, rows of L), then L^T z = y (backward, rows of L^T): y_i = (r_i - sum_j<i l_ij y_j) / l_ii.
        if (order is null)
        {
            Sweep(lowerStart, lowerCols, lowerValues, r, z, 0, n, forward: true, null);
            Sweep(upperStart, upperCols, upperValues, z, z, 0, n, forward: false, null);
            return;
        }
        var y = Interlocked.Exchange(ref spare, null) ?? new double[n]; // a concurrent call gets a vector of its own
        int blocks = Domains, sepFirst = blockStart[blocks];
        // forward: y = L^-1 P r (P r gathered as the rows go), blocks at once, then the separator
        Blocks(b => Sweep(lowerStart, lowerCols, lowerValues, r, y, blockStart[b], blockStart[b + 1], forward: true, order));
        Sweep(lowerStart, lowerCols, lowerValues, r, y, sepFirst, n, forward: true, order);
        // backward: y = L^-T y, the separator, then the blocks at once; z = P^T y scattered as the rows go
        Sweep(upperStart, upperCols, upperValues, y, y, sepFirst, n, forward: false, null, z, order);
        Blocks(b => Sweep(upperStart, upperCols, upperValues, y, y, blockStart[b], blockStart[b + 1], forward: false, null, z, order));
        spare = y;
    }

    /// <summary>Runs <paramref name="block"/> for every block: the first on this thread, the others beside it.</summary>
    void Blocks(Action<int> block)
    {
        int blocks = Domains;
        if (Parallelism.Threads == 1) { for (int b = 0; b < blocks; b++) block(b); return; }
        Parallel.For(0, blocks, Parallelism.Options, block);
    }

    /// <summary>
    /// Rows <paramref name="from"/> .. <paramref name="to"/> of a triangular solve, upwards or (backward) downwards; the
    /// right-hand side of row i is rhs[gather[i]] (null: rhs[i]), and each result is also stored at
    /// <paramref name="scatterTo"/>[scatter[i]] when given.
    /// </summary>
    void Sweep(int[] start, int[] cols, double[] values, double[] rhs, double[] z, int from, int to, bool forward,
               int[]? gather, double[]? scatterTo = null, int[]? scatter = null)
    {
        ref int s0 = ref MemoryMarshal.GetArrayDataReference(start);
        ref int c0 = ref MemoryMarshal.GetArrayDataReference(cols);
        ref double v0 = ref MemoryMarshal.GetArrayDataReference(values);
        ref double z0 = ref MemoryMarshal.GetArrayDataReference(z);
        ref double b0 = ref MemoryMarshal.GetArrayDataReference(rhs);
        ref double d0 = ref MemoryMarshal.GetArrayDataReference(inverseDiagonal);
        for (int k = from; k < to; k++)
        {
            int i = forward ? k : to - 1 - (k - from);
            int p = Unsafe.Add(ref s0, i), e = Unsafe.Add(ref s0, i + 1);
            double a0 = 0, a1 = 0;
            for (; p + 1 < e; p += 2)
            {
                a0 += Unsafe.Add(ref v0, p) * Unsafe.Add(ref z0, Unsafe.Add(ref c0, p));
                a1 += Unsafe.Add(ref v0, p + 1) * Unsafe.Add(ref z0, Unsafe.Add(ref c0, p + 1));
            }
            if (p < e) a0 += Unsafe.Add(ref v0, p) * Unsafe.Add(ref z0, Unsafe.Add(ref c0, p));
            double b = gather is null ? Unsafe.Add(ref b0, i) : rhs[gather[i]];
            double zi = (b - (a0 + a1)) * Unsafe.Add(ref d0, i);
            Unsafe.Add(ref z0, i) = zi;
            if (scatterTo is not null) scatterTo[scatter![i]] = zi;
        }
    }
}
