using MieCool.Thermal.LinearAlgebra;

namespace MieCool.Thermal.Tests.LinearAlgebra;

/// <summary>The fused kernels of conjugate gradients against their unfused steps.</summary>
public class FusedKernelTests
{
    [Theory]
    [InlineData(1000)] [InlineData(60_000)] // one chunk; several chunks in parallel
    public void MultiplyDot_and_Step_equal_multiply_then_dot_and_two_axpys_then_a_norm(int n)
    {
        var rp = new int[n + 1]; var ci = new List<int>(); var v = new List<double>();
        for (int i = 0; i < n; i++)
        {
            foreach (int j in new[] { i - 7, i - 1, i, i + 1, i + 7 })
                if (j >= 0 && j < n) { ci.Add(j); v.Add(j == i ? 4.5 : -1 - 0.1 * Math.Sin(i + j)); }
            rp[i + 1] = ci.Count;
        }
        var A = new CsrMatrix(n, rp, ci.ToArray(), v.ToArray());
        var p = Enumerable.Range(0, n).Select(i => Math.Cos(0.01 * i)).ToArray();
        var q1 = new double[n]; var q2 = new double[n];
        A.Multiply(p, q1);
        double pq = A.MultiplyDot(p, q2);
        Assert.Equal(q1, q2);
        Assert.Equal(Vectors.Dot(p, q1), pq, 1e-12 * Math.Abs(pq));

        var x1 = p.Select(t => 2 * t).ToArray(); var x2 = (double[])x1.Clone();
        var r1 = p.Select(t => t * t).ToArray(); var r2 = (double[])r1.Clone();
        Vectors.Axpy(0.3, p, x1); Vectors.Axpy(-0.3, q1, r1);
        double rr = Vectors.Step(0.3, p, q1, x2, r2);
        Assert.Equal(x1, x2);
        Assert.Equal(r1, r2);
        Assert.Equal(Vectors.Dot(r1, r1), rr, 1e-12 * rr);
    }
}
