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

    [Fact]
    public void On_a_full_pattern_IC0_is_the_Cholesky_factorisation_and_its_application_solves_the_system()
    {
        var A = Dense(9, out var a);
        var ic = new IncompleteCholesky(A);
        Assert.Equal(0, ic.Shift);
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
}
