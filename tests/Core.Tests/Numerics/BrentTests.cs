using MieCool.Core.Numerics;

namespace MieCool.Core.Tests.Numerics;

public sealed class BrentTests
{
    /// <summary>The Dottie number, the fixed point of cos (cos x = x): 0.739085133215160641655312...</summary>
    [Fact]
    public void Finds_the_fixed_point_of_cosine()
    {
        var r = Brent.FindRoot(x => Math.Cos(x) - x, 0, 1, 1e-14);
        Assert.True(r.Converged);
        Assert.Equal(0.7390851332151606, r.X, 1e-14);
        Assert.InRange(r.Evaluations, 3, 12);
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(1e-3)]
    [InlineData(1e4)]
    public void Finds_square_roots_on_wide_brackets_in_few_evaluations(double a)
    {
        var r = Brent.FindRoot(x => x * x - a, 0, Math.Max(1, a), 1e-12 * Math.Sqrt(a));
        Assert.Equal(Math.Sqrt(a), r.X, 1e-11 * Math.Sqrt(a));
        Assert.True(r.Evaluations < 60, $"{r.Evaluations} evaluations");
    }

    /// <summary>A step function is not smooth: the method must still converge (by bisection) onto the jump.</summary>
    [Fact]
    public void Converges_on_a_discontinuous_sign_change_like_bisection()
    {
        var r = Brent.FindRoot(x => x < 0.3 ? -1 : 1, 0, 1, 1e-9);
        Assert.True(r.Converged);
        Assert.Equal(0.3, r.X, 1e-8);
    }

    [Fact]
    public void Refuses_an_interval_without_a_sign_change_and_stops_at_the_limit()
    {
        Assert.Throws<ArgumentException>(() => Brent.FindRoot(x => x * x + 1, -1, 1, 1e-9));
        var limited = Brent.FindRoot(x => Math.Cos(x) - x, 0, 1, 1e-15, maxEvaluations: 3);
        Assert.False(limited.Converged);
        Assert.Equal(3, limited.Evaluations);
        Assert.Equal(1.0, Brent.FindRoot(x => x - 1, 1, 2, 1e-9).X);
    }
}
