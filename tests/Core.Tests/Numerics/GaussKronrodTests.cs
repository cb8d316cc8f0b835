using System.Numerics;
using MieCool.Core.Numerics;

namespace MieCool.Core.Tests.Numerics;

public class GaussKronrodTests
{
    [Theory]
    [InlineData(7)]
    [InlineData(10)]
    [InlineData(15)]
    public void Integrates_polynomials_to_degree_3n_plus_1_and_keeps_the_Gauss_rule(int n)
    {
        var r = GaussKronrod.Of(n);
        Assert.Equal(2 * n + 1, r.Nodes.Length);
        int degree = 3 * n + 1 + n % 2;
        for (int d = 0; d <= degree; d++)
        {
            double k = 0, g = 0;
            for (int i = 0; i < r.Nodes.Length; i++)
            {
                k += r.KronrodWeights[i] * Math.Pow(r.Nodes[i], d);
                g += r.GaussWeights[i] * Math.Pow(r.Nodes[i], d);
            }
            double exact = d % 2 == 1 ? 0 : 2.0 / (d + 1);
            Assert.Equal(exact, k, 1e-14);
            if (d < 2 * n) Assert.Equal(exact, g, 1e-14);
        }
        var (gx, _) = GaussLegendre.Rule(n);
        for (int i = 0; i < n; i++) Assert.Equal(gx[i], r.Nodes[2 * i + 1], 1e-15); // the Gauss nodes at the odd positions
        for (int i = 0; i + 1 < r.Nodes.Length; i++) Assert.True(r.Nodes[i] < r.Nodes[i + 1]);
        Assert.True(r.Nodes[0] > -1 && r.Nodes[^1] < 1);
    }

    [Fact]
    public void The_21_point_rule_has_the_published_outer_node_and_weight()
    {
        // Piessens et al., QUADPACK (1983), the 21-point Kronrod rule (routine qk21): xgk(1), wgk(1)
        var r = GaussKronrod.Of(10);
        Assert.Equal(0.995657163025808080735527280689003, r.Nodes[^1], 1e-15);
        Assert.Equal(0.011694638867371874278064396062192, r.KronrodWeights[^1], 1e-15);
        Assert.Equal(0.149445554002916905664936468389821, r.KronrodWeights[10], 1e-15); // the centre
    }

    [Fact]
    public void The_adaptive_integral_with_the_Kronrod_pair_needs_21_evaluations_a_panel()
    {
        var sum = new Complex[2];
        var report = AdaptiveQuadrature.Integrate((t, v) => { v[0] = Math.Cos(t); v[1] = Complex.Exp(Complex.ImaginaryOne * t); },
                                                  0, Math.PI / 2, sum, 1e-12, rule: PanelRule.Kronrod21);
        Assert.Equal(1.0, sum[0].Real, 1e-14);
        Assert.Equal(0, (sum[1] - (1 + Complex.ImaginaryOne)).Magnitude, 1e-14);
        Assert.Equal(21, report.Evaluations);
        Assert.True(report.Converged);
        var peaked = new Complex[1];
        var many = AdaptiveQuadrature.Integrate((t, v) => v[0] = 1 / (1e-4 + t * t), -1, 1, peaked, 1e-12, rule: PanelRule.Kronrod21);
        Assert.Equal(2 / 1e-2 * Math.Atan(1 / 1e-2), peaked[0].Real, 1e-10 * peaked[0].Real);
        Assert.True(many.Panels > 1 && many.Evaluations == 21 * (2 * many.Panels - 1));
    }
}
