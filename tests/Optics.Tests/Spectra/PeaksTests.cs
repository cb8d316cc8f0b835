using MieCool.Optics.Spectra;

namespace MieCool.Optics.Tests.Spectra;

public class PeaksTests
{
    static double Lorentz(double x, double x0, double width, double height) => height / (1 + Math.Pow((x - x0) / width, 2));

    /// <summary>The true maximum of f near x0 (golden-section search), which backgrounds and tails shift off x0.</summary>
    static double ArgMax(Func<double, double> f, double a, double b)
    {
        double g = (Math.Sqrt(5) - 1) / 2;
        while (b - a > 1e-9) { double c = b - g * (b - a), d = a + g * (b - a); if (f(c) > f(d)) b = d; else a = c; }
        return (a + b) / 2;
    }

    [Fact]
    public void Finds_resonances_at_their_maxima_between_samples()
    {
        var x = Enumerable.Range(0, 601).Select(i => 500.0 + i).ToArray();
        Func<double, double> f = v => Lorentz(v, 640.3, 12, 3.0) + Lorentz(v, 812.7, 30, 1.5) + 0.2;
        var peaks = Peaks.Find(x, x.Select(f).ToArray());
        Assert.Equal(2, peaks.Count);
        Assert.Equal(ArgMax(f, 630, 650), peaks[0].Position, 0.02);
        Assert.Equal(ArgMax(f, 800, 830), peaks[1].Position, 0.02);
        Assert.True(peaks[0].Prominence > 2.5);
    }

    [Fact]
    public void Ignores_ripples_below_the_prominence_and_the_ends()
    {
        var x = Enumerable.Range(0, 401).Select(i => 400.0 + i).ToArray();
        // a falling background with a tiny ripple, and one real resonance
        Func<double, double> f = v => 5 - v / 200 + 0.001 * Math.Sin(v) + Lorentz(v, 700, 10, 1);
        var peaks = Peaks.Find(x, x.Select(f).ToArray(), 0.05);
        Assert.Equal(ArgMax(f, 690, 710), Assert.Single(peaks).Position, 0.05);
    }

    [Fact]
    public void A_flat_or_monotone_curve_has_no_peaks()
    {
        double[] x = [1, 2, 3, 4];
        Assert.Empty(Peaks.Find(x, [1, 1, 1, 1]));
        Assert.Empty(Peaks.Find(x, [1, 2, 3, 4]));
    }

    [Fact]
    public void A_plateau_top_is_one_peak_at_its_middle()
    {
        double[] x = [0, 1, 2, 3, 4, 5, 6];
        var p = Assert.Single(Peaks.Find(x, [0, 1, 2, 2, 2, 1, 0]));
        Assert.Equal(3, p.Index);
    }
}
