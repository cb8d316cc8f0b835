using MieCool.Core.Numerics;

namespace MieCool.Core.Tests.Numerics;

public class GaussLegendreTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(40)]
    public void Exact_for_polynomials_up_to_degree_2n_minus_1(int n)
    {
        var (x, w) = GaussLegendre.Rule(n);
        for (int k = 0; k <= 2 * n - 1; k++)
        {
            double s = 0;
            for (int i = 0; i < n; i++) s += w[i] * Math.Pow(x[i], k);
            double exact = k % 2 == 1 ? 0 : 2.0 / (k + 1);
            Assert.Equal(exact, s, 1e-13);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    public void Not_exact_for_degree_2n(int n)
    {
        // int t^2n dt over [-1, 1] = 2 / (2n + 1); the n-point rule misses it (its error constant is positive).
        var (x, w) = GaussLegendre.Rule(n);
        double s = 0;
        for (int i = 0; i < n; i++) s += w[i] * Math.Pow(x[i], 2 * n);
        Assert.True(2.0 / (2 * n + 1) - s > 1e-6, $"n = {n}: {s}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    public void Weights_are_positive_and_sum_to_two_and_nodes_increase_symmetrically(int n)
    {
        var (x, w) = GaussLegendre.Rule(n);
        Assert.All(w, v => Assert.True(v > 0));
        Assert.Equal(2, w.Sum(), 1e-14);
        for (int i = 0; i < n; i++)
        {
            Assert.InRange(x[i], -1, 1);
            if (i > 0) Assert.True(x[i] > x[i - 1]);
            Assert.Equal(-x[n - 1 - i], x[i], 1e-15);
            Assert.Equal(w[n - 1 - i], w[i], 1e-15);
        }
    }

    /// <summary>The positive nodes and their weights, Abramowitz &amp; Stegun table 25.4 (15 digits given there).</summary>
    [Theory]
    [InlineData(2, 0.577350269189626, 1.000000000000000)]
    [InlineData(3, 0.774596669241483, 0.555555555555556)]
    [InlineData(3, 0.000000000000000, 0.888888888888889)]
    [InlineData(4, 0.339981043584856, 0.652145154862546)]
    [InlineData(4, 0.861136311594053, 0.347854845137454)]
    [InlineData(5, 0.538469310105683, 0.478628670499366)]
    [InlineData(5, 0.906179845938664, 0.236926885056189)]
    [InlineData(8, 0.183434642495650, 0.362683783378362)]
    [InlineData(8, 0.960289856497536, 0.101228536290376)]
    [InlineData(16, 0.989400934991650, 0.027152459411754)]
    public void Nodes_and_weights_match_Abramowitz_and_Stegun_table_25_4(int n, double node, double weight)
    {
        var (x, w) = GaussLegendre.Rule(n);
        int i = Array.FindIndex(x, t => Math.Abs(t - node) < 1e-9);
        Assert.True(i >= 0, $"no node near {node} in the {n}-point rule");
        Assert.Equal(node, x[i], 1e-15);
        Assert.Equal(weight, w[i], 1e-15);
    }

    [Fact]
    public void The_mapped_rule_integrates_on_its_interval()
    {
        // int_0^1 x^5 dx = 1/6 with 3 points; int_2^5 e^x dx with 12 points to machine precision.
        var (x, w) = GaussLegendre.Rule(3, 0, 1);
        Assert.Equal(1.0, w.Sum(), 1e-15);
        Assert.All(x, t => Assert.InRange(t, 0, 1));
        Assert.Equal(1.0 / 6, x.Zip(w).Sum(p => p.Second * Math.Pow(p.First, 5)), 1e-15);
        var (y, v) = GaussLegendre.Rule(12, 2, 5);
        Assert.Equal(Math.Exp(5) - Math.Exp(2), y.Zip(v).Sum(p => p.Second * Math.Exp(p.First)), 1e-12);
    }

    [Fact]
    public void Fewer_than_one_node_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => GaussLegendre.Rule(0));
}
