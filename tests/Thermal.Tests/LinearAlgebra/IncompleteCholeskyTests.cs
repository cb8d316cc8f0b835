using MieCool.Thermal.LinearAlgebra;

namespace MieCool.Thermal.Tests.LinearAlgebra;

/// <summary>IC(0) against a dense Cholesky solve, where IC(0) is exact; the orderings as permutations.</summary>
public class IncompleteCholeskyTests
{
    /// <summary>A dense SPD matrix (all entries stored), diagonally dominant with negative off-diagonals (an M-matrix).</summary>
    static CsrMatrix Dense(int n, out double[,] a)
    {
        var rng = new Random(7);
        a = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < i; j++) a[i, j] = a[j, i] = -rng.NextDouble();
        for (int i = 0; i < n; i++)
        {
            double s = 0;
            for (int j = 0; j < n; j++) if (j != i) s -= a[i, j];
            a[i, i] = s + 0.5 + rng.NextDouble();
        }
        var rp = new int[n + 1]; var ci = new int[n * n]; var v = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            rp[i + 1] = (i + 1) * n;
            for (int j = 0; j < n; j++) { ci[i * n + j] = j; v[i * n + j] = a[i, j]; }
        }
        return new CsrMatrix(n, rp, ci, v);
    }

    /// <summary>
    /// On a full pattern IC(0) is the Cholesky factorisation (in any row order, blocked or not): its application solves
    /// the system, as MathNet's dense Cholesky solve does, also when applied again into a used vector.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void On_a_full_pattern_IC0_is_the_Cholesky_factorisation_and_its_application_solves_the_system(int domains)
    {
        var A = Dense(9, out var a);
        var ic = new IncompleteCholesky(A, domains);
        Assert.Equal(0, ic.Shift);
        Assert.Equal(domains, ic.Domains);
        var r = Enumerable.Range(0, 9).Select(i => Math.Sin(i + 1.0)).ToArray();
        var z = new double[9];
        ic.Apply(r, z);
        var exact = MathNet.Numerics.LinearAlgebra.Double.DenseMatrix.OfArray(a).Cholesky()
            .Solve(MathNet.Numerics.LinearAlgebra.Double.DenseVector.OfArray(r)).ToArray();
        for (int i = 0; i < 9; i++) Assert.Equal(exact[i], z[i], 1e-12 * exact.Max(Math.Abs));
        var y = new double[9]; // r is left unchanged, z overwritten: apply again into a used vector
        ic.Apply(r, z);
        A.Multiply(z, y);
        for (int i = 0; i < 9; i++) Assert.Equal(r[i], y[i], 1e-12);
    }

    /// <summary>The 1D Laplacian tridiag(-1, 2, -1) of n nodes, its rows renamed by <paramref name="scramble"/>.</summary>
    static CsrMatrix Path(int n, int[] scramble)
    {
        var entries = new List<(int, int, double)>();
        for (int i = 0; i < n; i++)
        {
            entries.Add((scramble[i], scramble[i], 2));
            if (i + 1 < n) { entries.Add((scramble[i], scramble[i + 1], -1)); entries.Add((scramble[i + 1], scramble[i], -1)); }
        }
        var sorted = entries.OrderBy(e => e.Item1).ThenBy(e => e.Item2).ToArray();
        var rp = new int[n + 1];
        foreach (var e in sorted) rp[e.Item1 + 1]++;
        for (int i = 0; i < n; i++) rp[i + 1] += rp[i];
        return new CsrMatrix(n, rp, sorted.Select(e => e.Item2).ToArray(), sorted.Select(e => e.Item3).ToArray());
    }

    [Fact]
    public void Reverse_Cuthill_McKee_recovers_the_bandwidth_one_of_a_scrambled_path_and_Permute_is_P_A_Pt()
    {
        int n = 50;
        var scramble = Enumerable.Range(0, n).OrderBy(i => (i * 37) % n).ToArray();
        var A = Path(n, scramble);
        int Bandwidth(CsrMatrix m) =>
            Enumerable.Range(0, m.Size).Max(i => Enumerable.Range(m.RowPointers[i], m.RowPointers[i + 1] - m.RowPointers[i])
                                                           .Max(k => Math.Abs(m.ColumnIndices[k] - i)));
        Assert.True(Bandwidth(A) > 10);
        var p = Ordering.ReverseCuthillMcKee(A);
        Assert.Equal(Enumerable.Range(0, n), p.Order());
        var B = Ordering.Permute(A, p);
        Assert.Equal(1, Bandwidth(B));
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) Assert.Equal(A[i, j], B[p[i], p[j]]);
        var x = Enumerable.Range(0, n).Select(i => i * 0.5).ToArray();
        Assert.Equal(x, Ordering.Backward(Ordering.Forward(x, p), p));
    }

    /// <summary>The 7-point Laplacian of an m^3 grid plus a small mass term, rows in the grid's lexicographic order.</summary>
    static CsrMatrix Grid(int m)
    {
        int n = m * m * m;
        var rp = new int[n + 1]; var ci = new List<int>(); var v = new List<double>();
        for (int i = 0; i < n; i++)
        {
            int x = i % m, y = i / m % m, z = i / (m * m);
            void Add(int j, double value) { ci.Add(j); v.Add(value); }
            if (z > 0) Add(i - m * m, -1);
            if (y > 0) Add(i - m, -1);
            if (x > 0) Add(i - 1, -1);
            Add(i, 6.01);
            if (x < m - 1) Add(i + 1, -1);
            if (y < m - 1) Add(i + m, -1);
            if (z < m - 1) Add(i + m * m, -1);
            rp[i + 1] = ci.Count;
        }
        return new CsrMatrix(n, rp, [.. ci], [.. v]);
    }

    /// <summary>
    /// The blocked IC(0) of a large matrix is IC(0) of the matrix in its domain-separator order: applied, it gives bit for
    /// bit what the one-block IC(0) of the explicitly permuted matrix P A P^T gives for P r (the plain sequential solve, a
    /// second code path); no entry couples the inner rows of two blocks; the result is the same with 1 and 2 threads; and CG
    /// with it converges to the solution.
    /// </summary>
    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void Blocked_IC0_is_IC0_in_the_domain_separator_order_on_any_number_of_threads(int domains)
    {
        var A = Grid(30); // 27 000 rows: blocked by default
        int n = A.Size;
        var ic = new IncompleteCholesky(A, domains);
        Assert.Equal(domains, ic.Domains);
        var order = ic.Order!;
        Assert.Equal(Enumerable.Range(0, n), order.Order());
        Assert.InRange(ic.SeparatorRows, 1, n / 5);
        var p = new int[n];
        for (int k = 0; k < n; k++) p[order[k]] = k;
        // no coupling of two blocks' inner rows
        int BlockOf(int row) => Array.FindLastIndex(ic.BlockStart, s => s <= p[row]);
        for (int i = 0; i < n; i++)
            for (int q = A.RowPointers[i]; q < A.RowPointers[i + 1]; q++)
            {
                int bi = BlockOf(i), bj = BlockOf(A.ColumnIndices[q]);
                Assert.True(bi == bj || bi == domains || bj == domains, $"rows {i} and {A.ColumnIndices[q]} couple two blocks");
            }
        var plain = new IncompleteCholesky(Ordering.Permute(A, p), 1);
        Assert.Equal(1, plain.Domains);
        var r = Enumerable.Range(0, n).Select(i => Math.Sin(0.37 * i) + 0.1).ToArray();
        var reference = new double[n];
        plain.Apply(Ordering.Forward(r, p), reference);
        int saved = Parallelism.Threads;
        try
        {
            foreach (int threads in new[] { 1, 2 })
            {
                Parallelism.Threads = threads;
                var z = new double[n];
                ic.Apply(r, z);
                Assert.Equal(reference, Ordering.Forward(z, p)); // bitwise
            }
        }
        finally { Parallelism.Threads = saved; }
        var x = new double[n];
        var result = ConjugateGradient.Solve(A, r, x, ic, 1e-10, 500);
        Assert.True(result.Converged);
        var ax = new double[n];
        A.Multiply(x, ax);
        Assert.True(Math.Sqrt(ax.Zip(r, (a, b) => (a - b) * (a - b)).Sum()) <= 1e-9 * Math.Sqrt(r.Sum(b => b * b)));
    }

    /// <summary>
    /// A pivot that cancels to nearly nothing fails as a negative one does: [[1, c], [c, 1]] with c = 1 - delta has the
    /// second pivot 1 - c^2 = 2 delta - delta^2 (exact Cholesky on this full pattern), positive for every delta > 0; below
    /// <see cref="IncompleteCholesky.PivotFloor"/> of its diagonal (1) the factor is that of the shifted matrix (the first
    /// shift, 1e-3, whose pivot 1.001 - c^2 / 1.001 is about 2e-3), above it the matrix's own.
    /// </summary>
    [Theory]
    [InlineData(1e-1, 0.0)]
    [InlineData(1e-6, 0.0)]   // pivot 2.0e-6: above the floor 1e-6
    [InlineData(4e-7, 1e-3)]  // pivot 8.0e-7: below it
    [InlineData(1e-9, 1e-3)]  // pivot 2e-9: positive, but all but lost
    public void A_pivot_below_the_floor_is_shifted(double delta, double shift)
    {
        double c = 1 - delta;
        var A = new CsrMatrix(2, [0, 2, 4], [0, 1, 0, 1], [1, c, c, 1]);
        var ic = new IncompleteCholesky(A);
        Assert.Equal(shift, ic.Shift);
        // either way an SPD preconditioner: CG solves the system
        var b = new[] { 1.0, -1.0 };
        var x = new double[2];
        var result = ConjugateGradient.Solve(A, b, x, ic, 1e-6, 50); // cond(A) = 1 / delta
        Assert.True(result.Converged, result.Status.ToString());
    }
}
