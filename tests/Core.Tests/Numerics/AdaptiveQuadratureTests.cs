using System.Numerics;
using MieCool.Core.Numerics;

namespace MieCool.Core.Tests.Numerics;

public class AdaptiveQuadratureTests
{
    [Fact]
    public void Integrates_several_complex_components_to_their_closed_forms()
    {
        // int_0^pi e^{i t} dt = 2i; int_0^pi t^2 dt = pi^3/3; int_0^pi sqrt(t) dt = (2/3) pi^1.5 (an end-point singularity)
        var sum = new Complex[3];
        var report = AdaptiveQuadrature.Integrate((t, v) =>
        {
            v[0] = Complex.Exp(Complex.ImaginaryOne * t); v[1] = t * t; v[2] = Math.Sqrt(t);
        }, 0, Math.PI, sum, 1e-10);
        Assert.True(report.Converged);
        Assert.Equal(0, (sum[0] - 2 * Complex.ImaginaryOne).Magnitude, 1e-10);
        Assert.Equal(Math.Pow(Math.PI, 3) / 3, sum[1].Real, 1e-9);
        Assert.Equal(2.0 / 3 * Math.Pow(Math.PI, 1.5), sum[2].Real, 1e-8);
    }

    [Fact]
    public void Adds_to_what_the_sum_holds_and_reports_its_cost()
    {
        var sum = new Complex[] { 1 };
        var report = AdaptiveQuadrature.Integrate((t, v) => v[0] = Math.Cos(t), 0, Math.PI / 2, sum, 1e-12);
        Assert.Equal(2.0, sum[0].Real, 1e-13);
        Assert.Equal(30, report.Evaluations); // one panel: 10 + 20 nodes suffice for a smooth integrand
        Assert.Equal(1, report.Panels);
    }

    [Fact]
    public void Stops_at_the_panel_limit_and_says_it_did_not_converge()
    {
        var sum = new Complex[1];
        var report = AdaptiveQuadrature.Integrate((t, v) => v[0] = 1 / Math.Sqrt(Math.Abs(t - 0.3) + 1e-300), 0, 1, sum, 1e-15,
                                                  maxPanels: 8);
        Assert.False(report.Converged);
        Assert.True(double.IsFinite(sum[0].Real));
    }
}
