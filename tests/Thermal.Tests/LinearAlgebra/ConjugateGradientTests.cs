using MieCool.Thermal.LinearAlgebra;

namespace MieCool.Thermal.Tests.LinearAlgebra;

/// <summary>Preconditioned CG: its criterion |b - A x| &lt;= tolerance |b| reached from any start.</summary>
public class ConjugateGradientTests
{
    /// <summary>
    /// A transient step's matrix on a g x g grid: sigma M + K with the five-point stiffness and a lumped mass, scaled as in
    /// the heat problem (K ~ 1e-6 W/K, sigma M ~ 1e-9); on it IC(0) is not exact.
    /// </summary>
    static CsrMatrix Step(int g)
    {
        const double k = 1e-6, m = 1e-9;
        int n = g * g;
        var rp = new int[n + 1]; var ci = new List<int>(); var v = new List<double>();
        for (int i = 0; i < n; i++)
        {
            int x = i % g, y = i / g;
            void Add(int j, double a) { ci.Add(j); v.Add(a); }
            if (y > 0) Add(i - g, -k); // the row's entries in column order
            if (x > 0) Add(i - 1, -k);
            Add(i, 4 * k + m);
            if (x < g - 1) Add(i + 1, -k);
            if (y < g - 1) Add(i + g, -k);
            rp[i + 1] = ci.Count;
        }
        return new CsrMatrix(n, rp, ci.ToArray(), v.ToArray());
    }

    /// <summary>
    /// A start far larger than the solution (the previous field, 1e-7 K, when the answer is 1e-16 K, as after the pump is
    /// switched off): its residual is 1e5 |b|, and iterates of the start's size leave a round-off floor eps |A| |x0| above
    /// tolerance |b|, so CG from that start never met the criterion (a transient step at 2 197 unknowns diverged to a
    /// relative residual of 1.7e9 in 5 000 iterations; from zero it took 33). From the better of the start and zero, the
    /// solve converges, and its answer agrees with the one from zero.
    /// </summary>
    [Theory]
    [InlineData("jacobi")]
    [InlineData("ic0")]
    public void A_start_worse_than_zero_still_converges_to_the_tolerance(string preconditioner)
    {
        var A = Step(20);
        int n = A.Size;
        IPreconditioner M = preconditioner == "ic0" ? new IncompleteCholesky(A) : new JacobiPreconditioner(A);
        var exact = Enumerable.Range(0, n).Select(i => 1e-16 * Math.Sin(0.37 * i) * Math.Exp(-i / 150.0)).ToArray();
        var b = new double[n];
        A.Multiply(exact, b);
        var rng = new Random(3);
        var x = Enumerable.Range(0, n).Select(_ => 1e-7 * (rng.NextDouble() - 0.5)).ToArray();
        var r0 = new double[n];
        A.Multiply(x, r0);
        for (int i = 0; i < n; i++) r0[i] = b[i] - r0[i];
        Assert.True(Vectors.Norm(r0) > 1e4 * Vectors.Norm(b)); // the start is far worse than zero

        var result = ConjugateGradient.Solve(A, b, x, M, 1e-10, 5000);
        Assert.True(result.Converged, result.ToString());
        var r = new double[n];
        A.Multiply(x, r);
        for (int i = 0; i < n; i++) r[i] = b[i] - r[i];
        Assert.True(Vectors.Norm(r) <= 1e-9 * Vectors.Norm(b), $"true residual {Vectors.Norm(r) / Vectors.Norm(b):e2}");
        for (int i = 0; i < n; i++) Assert.Equal(exact[i], x[i], 1e-6 * 1e-16);
    }

    /// <summary>A start better than zero is kept: from the exact answer CG stops at once, with it unchanged.</summary>
    [Fact]
    public void A_start_better_than_zero_is_kept()
    {
        var A = Step(7);
        int n = A.Size;
        var exact = Enumerable.Range(0, n).Select(i => Math.Cos(0.2 * i)).ToArray();
        var b = new double[n];
        A.Multiply(exact, b);
        var x = (double[])exact.Clone();
        var result = ConjugateGradient.Solve(A, b, x, new JacobiPreconditioner(A), 1e-10, 100);
        Assert.True(result.Converged);
        Assert.Equal(0, result.Iterations);
        Assert.Equal(exact, x);
    }
}
