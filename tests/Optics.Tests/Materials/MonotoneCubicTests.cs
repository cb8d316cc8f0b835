using FsCheck;
using FsCheck.Fluent;
using MieCool.Optics.Materials;

namespace MieCool.Optics.Tests.Materials;

public class MonotoneCubicTests
{
    static (double[] X, double[] Y) Random(int seed, int n, bool nonNegative)
    {
        var rng = new System.Random(seed);
        var x = new double[n]; var y = new double[n];
        double at = rng.NextDouble();
        for (int i = 0; i < n; i++)
        {
            at += 0.01 + rng.NextDouble();
            x[i] = at;
            // spiky data with exact zeros, the worst case for overshoot
            y[i] = rng.NextDouble() < 0.3 ? 0 : Math.Pow(rng.NextDouble(), 4) * (nonNegative ? 1 : rng.NextDouble() - 0.5);
        }
        return (x, y);
    }

    [Fact]
    public void Reproduces_the_knots_exactly()
    {
        for (int seed = 0; seed < 20; seed++)
        {
            var (x, y) = Random(seed, 2 + seed * 7, nonNegative: false);
            var f = new MonotoneCubic(x, y);
            for (int i = 0; i < x.Length; i++) Assert.Equal(y[i], f.At(x[i]));
        }
    }

    [Fact]
    public void Never_goes_negative_for_non_negative_data_nor_leaves_the_bracketing_values() =>
        Prop.ForAll(Gen.Choose(0, 100000).ToArbitrary(), seed =>
        {
            var (x, y) = Random(seed, 3 + seed % 40, nonNegative: true);
            var f = new MonotoneCubic(x, y);
            for (int i = 0; i + 1 < x.Length; i++)
                for (int s = 1; s < 16; s++)
                {
                    double v = f.At(x[i] + (x[i + 1] - x[i]) * s / 16.0);
                    if (v < 0 || v < Math.Min(y[i], y[i + 1]) - 1e-15 || v > Math.Max(y[i], y[i + 1]) + 1e-15) return false;
                }
            return true;
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Is_exact_for_straight_lines()
    {
        double[] x = [0.3, 0.35, 0.5, 0.51, 0.9, 1.4];
        var f = new MonotoneCubic(x, x.Select(v => 2 - 3 * v).ToArray());
        for (double t = 0.3; t <= 1.4; t += 0.0137) Assert.Equal(2 - 3 * t, f.At(t), 1e-13);
    }

    [Fact]
    public void Converges_at_third_order_on_a_smooth_curve()
    {
        // n(lambda) of a Lorentz oscillator tail: smooth and monotone on [0.5, 1.5]
        static double F(double l) => Math.Sqrt(1 + 4 * l * l / (l * l - 0.09));
        var errors = new List<double>(); var hs = new List<double>();
        foreach (int n in new[] { 41, 81, 161, 321 })
        {
            var x = Enumerable.Range(0, n).Select(i => 0.5 + i / (n - 1.0)).ToArray();
            var f = new MonotoneCubic(x, x.Select(F).ToArray());
            double max = 0;
            for (int i = 0; i <= 2000; i++) { double t = 0.5 + i / 2000.0; max = Math.Max(max, Math.Abs(f.At(t) - F(t))); }
            errors.Add(max); hs.Add(1 / (n - 1.0));
        }
        // least-squares slope of log(error) against log(h)
        var lx = hs.Select(h => Math.Log(h)).ToArray(); var ly = errors.Select(e => Math.Log(e)).ToArray();
        double mx = lx.Average(), my = ly.Average();
        double order = lx.Zip(ly).Sum(p => (p.First - mx) * (p.Second - my)) / lx.Sum(v => (v - mx) * (v - mx));
        Assert.True(order is > 2.8 and < 4.5, $"order {order}, errors {string.Join(", ", errors)}");
    }

    [Fact]
    public void Has_a_continuous_slope_at_the_knots()
    {
        var (x, y) = Random(7, 30, nonNegative: true);
        var f = new MonotoneCubic(x, y);
        for (int i = 1; i + 1 < x.Length; i++)
        {
            // second-order one-sided differences from either side of the knot
            double e = 1e-6, y0 = f.At(x[i]);
            double left = (3 * y0 - 4 * f.At(x[i] - e) + f.At(x[i] - 2 * e)) / (2 * e);
            double right = (-3 * y0 + 4 * f.At(x[i] + e) - f.At(x[i] + 2 * e)) / (2 * e);
            Assert.True(Math.Abs(left - right) <= 1e-4 * (1 + Math.Abs(left)), $"knot {i}: {left} vs {right}");
        }
    }
}
