using MieCool.Optics.Fields;

namespace MieCool.Optics.Tests.Fields;

public class GaussLegendreTests
{
    [Theory]
    [InlineData(1)]
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
}
