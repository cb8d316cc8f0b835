using MieCool.Core.Numerics;
using Xunit.Abstractions;

namespace MieCool.Core.Tests.Numerics;

/// <summary>
/// The bounded minimiser against optima known in closed form: each test states the tolerance asked for, the distance to
/// the true optimum it must reach, and the evaluation budget it must stay within (the counts measured when the test was
/// written are in the comments).
/// </summary>
public sealed class BoundedMinimizerTests(ITestOutputHelper output)
{
    MinimizerResult Report(string name, MinimizerResult r)
    {
        output.WriteLine($"{name}: {r.Method} X = [{string.Join(", ", r.X.Select(x => x.ToString("R")))}] F = {r.F:R} "
            + $"evaluations {r.Evaluations} converged {r.Converged} tolerance [{string.Join(", ", r.ToleranceReached)}]");
        return r;
    }

    static double Rosenbrock(double[] x) => (1 - x[0]) * (1 - x[0]) + 100 * Math.Pow(x[1] - x[0] * x[0], 2);

    /// <summary>A deterministic pseudo-random number in [-1, 1] from the bits of x (SplitMix64 finaliser, Steele et al. 2014).</summary>
    static double Noise(double[] x)
    {
        ulong z = 0x9E3779B97F4A7C15;
        foreach (double v in x)
        {
            z ^= (ulong)BitConverter.DoubleToInt64Bits(v);
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
            z ^= z >> 31;
        }
        return (z >> 11) * (2.0 / (1UL << 53)) - 1;
    }

    // ---- one dimension: Brent

    /// <summary>A parabola: Brent's parabolic step hits the vertex once it has three points.</summary>
    [Fact]
    public void Finds_the_vertex_of_a_parabola()
    {
        var r = Report("parabola", BoundedMinimizer.Minimize(x => 1 + Math.Pow(x[0] - 0.3, 2), [-1], [2], [1e-6], 50));
        Assert.True(r.Converged);
        Assert.Equal("Brent", r.Method);
        Assert.Equal(0.3, r.X[0], 1e-6);
        Assert.Equal(1.0, r.F, 1e-12);
        Assert.InRange(r.ToleranceReached[0], 0, 1e-6);
        Assert.InRange(r.Evaluations, 3, 12);                                      // 6

        var fromStart = BoundedMinimizer.Minimize(x => 1 + Math.Pow(x[0] - 0.3, 2), [-1], [2], [1e-6], 50, start: [2]);
        Assert.True(fromStart.Converged);
        Assert.Equal(0.3, fromStart.X[0], 1e-6);
        Assert.Equal(2.0, fromStart.History[0].X[0]);
    }

    /// <summary>-x e^-x is not symmetric about its minimum: d/dx = (x - 1) e^-x vanishes at x = 1, f = -1/e.</summary>
    [Fact]
    public void Finds_the_minimum_of_a_skewed_function()
    {
        var r = Report("-x exp(-x)", BoundedMinimizer.Minimize(x => -x[0] * Math.Exp(-x[0]), [0], [4], [1e-5], 50));
        Assert.True(r.Converged);
        Assert.Equal(1.0, r.X[0], 1e-5);
        Assert.Equal(-1 / Math.E, r.F, 1e-12);
        Assert.InRange(r.Evaluations, 3, 20);
    }

    /// <summary>x e^-x increases on [-0.5, 0.8] (its derivative (1 - x) e^-x is positive): the minimum is the lower bound.
    /// A parabola with its vertex at 3 on [0, 2]: the upper bound. Both are returned as the bound itself.</summary>
    [Fact]
    public void Returns_the_bound_when_the_minimum_is_at_a_bound()
    {
        var lower = Report("x exp(-x) on [-0.5, 0.8]", BoundedMinimizer.Minimize(x => x[0] * Math.Exp(-x[0]), [-0.5], [0.8], [1e-6], 60));
        Assert.True(lower.Converged);
        Assert.Equal(-0.5, lower.X[0]);
        Assert.Equal(-0.5 * Math.Exp(0.5), lower.F);
        Assert.InRange(lower.ToleranceReached[0], 0, 1e-6);
        Assert.InRange(lower.Evaluations, 3, 40);

        var upper = Report("(x - 3)^2 on [0, 2]", BoundedMinimizer.Minimize(x => Math.Pow(x[0] - 3, 2), [0], [2], [1e-6], 60));
        Assert.True(upper.Converged);
        Assert.Equal(2.0, upper.X[0]);
        Assert.Equal(1.0, upper.F);
        Assert.InRange(upper.Evaluations, 3, 40);
    }

    /// <summary>A parabola in nanometres (SI metres) with noise of 1e-7 of its depth: the minimum within 1 nm.</summary>
    [Fact]
    public void Converges_within_tolerance_on_a_noisy_function_in_one_dimension()
    {
        static double F(double[] x) => 1 + Math.Pow((x[0] - 531.3e-9) / 100e-9, 2) + 1e-7 * Noise(x);
        var r = Report("noisy parabola 1D", BoundedMinimizer.Minimize(F, [400e-9], [700e-9], [1e-9], 40));
        Assert.True(r.Converged);
        Assert.Equal(531.3e-9, r.X[0], 1e-9);
        Assert.InRange(r.Evaluations, 3, 25);
    }

    // ---- several dimensions: Nelder-Mead

    /// <summary>Rosenbrock's valley, minimum 0 at (1, 1), from the classic start (-1.2, 1) in the box [-2, 2] x [-1, 3].</summary>
    [Fact]
    public void Finds_the_minimum_of_Rosenbrock_in_a_box()
    {
        var r = Report("Rosenbrock", BoundedMinimizer.Minimize(Rosenbrock, [-2, -1], [2, 3], [1e-6, 1e-6], 400, start: [-1.2, 1]));
        Assert.True(r.Converged);
        Assert.Equal("Nelder-Mead", r.Method);
        Assert.Equal(1.0, r.X[0], 1e-5);
        Assert.Equal(1.0, r.X[1], 1e-5);
        Assert.InRange(r.F, 0, 1e-10);
        Assert.All(r.ToleranceReached, t => Assert.InRange(t, 0, 1e-6));
        Assert.InRange(r.Evaluations, 50, 250);
    }

    /// <summary>f = (x - 2)^2 + 3 (y - 1/2)^2 + (x - 2)(y - 1/2) has its minimum at (2, 1/2), outside [0, 1]^2. On the box
    /// the bound x = 1 is active (df/dx = -2 + 1/6 &lt; 0 there) and along it df/dy = 6 (y - 1/2) - 1 = 0 gives y = 2/3:
    /// the constrained minimum is (1, 2/3), f = 1 - 1/12.</summary>
    [Fact]
    public void Converges_to_the_boundary_point_when_the_minimum_is_outside_the_box()
    {
        static double F(double[] x) => Math.Pow(x[0] - 2, 2) + 3 * Math.Pow(x[1] - 0.5, 2) + (x[0] - 2) * (x[1] - 0.5);
        var r = Report("quadratic outside the box", BoundedMinimizer.Minimize(F, [0, 0], [1, 1], [1e-6, 1e-6], 200));
        Assert.True(r.Converged);
        Assert.Equal(1.0, r.X[0]);
        Assert.Equal(2.0 / 3, r.X[1], 2e-6);
        Assert.Equal(1 - 1.0 / 12, r.F, 1e-11);
        Assert.InRange(r.Evaluations, 10, 120);
    }

    /// <summary>
    /// 200 convex quadratics f = (x - x0)^2 + a (y - y0)^2 + c sqrt(a) (x - x0)(y - y0) on [0, 1]^2, with x0, y0 in
    /// [-0.2, 1.2] (minima inside, on and outside the box), a in [0.03, 30], |c| &lt; 0.8 and a random start. The reference
    /// is the constrained minimum in closed form: the vertex if inside, else the best of the edge minima (the
    /// one-dimensional vertex along each edge, clamped to it) and the corners. Without the final compass poll 77 of 400
    /// such runs stop on a face or corner short of it (projection collapses the simplex); with it none does (largest
    /// error 5.0e-7 for a tolerance of 1e-6, 88 evaluations median, 224 at most, when the test was written).
    /// </summary>
    [Fact]
    public void Finds_the_constrained_minimum_of_random_quadratics_on_the_box()
    {
        var evaluations = new List<int>();
        for (int seed = 0; seed < 200; seed++)
        {
            var random = new Random(seed);
            double x0 = random.NextDouble() * 1.4 - 0.2, y0 = random.NextDouble() * 1.4 - 0.2;
            double c = random.NextDouble() * 1.6 - 0.8, a = Math.Pow(10, random.NextDouble() * 3 - 1.5);
            double F(double[] x) => Math.Pow(x[0] - x0, 2) + a * Math.Pow(x[1] - y0, 2) + c * Math.Sqrt(a) * (x[0] - x0) * (x[1] - y0);
            double[] start = [random.NextDouble(), random.NextDouble()];
            var r = BoundedMinimizer.Minimize(F, [0, 0], [1, 1], [1e-6, 1e-6], 1000, start);

            double best = double.PositiveInfinity, bx = 0, by = 0;
            void Candidate(double x, double y)
            {
                x = Math.Clamp(x, 0, 1); y = Math.Clamp(y, 0, 1);
                if (F([x, y]) < best) (best, bx, by) = (F([x, y]), x, y);
            }
            if (x0 is >= 0 and <= 1 && y0 is >= 0 and <= 1) Candidate(x0, y0);
            foreach (double edge in (ReadOnlySpan<double>)[0, 1])
            {
                Candidate(edge, y0 - c * (edge - x0) / (2 * Math.Sqrt(a)));                // df/dy = 0 on x = edge
                Candidate(x0 - c * Math.Sqrt(a) * (edge - y0) / 2, edge);                  // df/dx = 0 on y = edge
            }
            Assert.True(r.Converged, $"seed {seed}");
            Assert.True(Math.Abs(r.X[0] - bx) <= 1e-6 && Math.Abs(r.X[1] - by) <= 1e-6,
                $"seed {seed}: ({r.X[0]}, {r.X[1]}) instead of ({bx}, {by})");
            evaluations.Add(r.Evaluations);
        }
        output.WriteLine($"random quadratics: evaluations median {evaluations.Order().ElementAt(100)}, max {evaluations.Max()}");
        Assert.True(evaluations.Max() <= 300, $"{evaluations.Max()} evaluations");
    }

    /// <summary>
    /// A rotated, anisotropic quadratic in four coordinates of different units, f = (x - x*)^T A (x - x*) in scaled units
    /// with A = Q^T diag(1, 4, 16, 64) Q (Q a product of plane rotations): the Gao-Han coefficients (n = 4) find x*.
    /// </summary>
    [Fact]
    public void Finds_the_minimum_of_a_rotated_quadratic_in_four_dimensions()
    {
        double[] lower = [400e-9, 0.9e-6, 1e8, 0], upper = [700e-9, 1.1e-6, 1e10, 2];
        double[] optimum = [512e-9, 1.03e-6, 3.1e9, 0.4];
        double[] eigen = [1, 4, 16, 64];
        double F(double[] x)
        {
            var z = new double[4];
            for (int i = 0; i < 4; i++) z[i] = (x[i] - optimum[i]) / (upper[i] - lower[i]);
            for (int i = 0; i < 3; i++)
            {                                                                      // rotation by 0.5 rad in the plane (i, i + 1)
                double c = Math.Cos(0.5), s = Math.Sin(0.5), a = z[i], b = z[i + 1];
                z[i] = c * a - s * b; z[i + 1] = s * a + c * b;
            }
            double sum = 0;
            for (int i = 0; i < 4; i++) sum += eigen[i] * z[i] * z[i];
            return sum;
        }
        double[] tolerance = [0.01e-9, 0.01e-9, 1e4, 1e-5];
        var r = Report("rotated quadratic 4D", BoundedMinimizer.Minimize(F, lower, upper, tolerance, 2000));
        Assert.True(r.Converged);
        for (int i = 0; i < 4; i++) Assert.Equal(optimum[i], r.X[i], 10 * tolerance[i]);
        Assert.InRange(r.Evaluations, 50, 1500);
    }

    /// <summary>
    /// A cooling map in SI units: diameter (m) x wavelength (m), minimum at (531.3 nm, 1012.7 nm), with a correlated term
    /// and noise of 1e-7 (the depth is 1): the minimum within the tolerance (1 nm, 2 nm) in each coordinate.
    /// </summary>
    [Fact]
    public void Converges_within_tolerance_on_a_noisy_function_in_two_dimensions()
    {
        static double F(double[] x)
        {
            double d = (x[0] - 531.3e-9) / 100e-9, w = (x[1] - 1012.7e-9) / 50e-9;
            return -1 + d * d + 0.5 * w * w + 0.3 * d * w + 1e-7 * Noise(x);
        }
        var r = Report("noisy map 2D", BoundedMinimizer.Minimize(F, [400e-9, 900e-9], [700e-9, 1100e-9], [1e-9, 2e-9], 150,
            valueTolerance: 2e-7));
        Assert.True(r.Converged);
        Assert.Equal(531.3e-9, r.X[0], 1e-9);
        Assert.Equal(1012.7e-9, r.X[1], 2e-9);
        Assert.InRange(r.Evaluations, 10, 80);
    }

    // ---- the contract: evaluation limit, cache, determinism, failures, input

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 1)]
    [InlineData(2, 2)]
    [InlineData(2, 7)]
    [InlineData(2, 40)]
    public void Honours_the_evaluation_limit(int dimension, int limit)
    {
        int calls = 0;
        double F(double[] x) { calls++; return dimension == 1 ? Math.Pow(x[0] - 0.3, 2) : Rosenbrock(x); }
        double[] lower = [.. Enumerable.Repeat(-2.0, dimension)], upper = [.. Enumerable.Repeat(2.0, dimension)];
        var r = BoundedMinimizer.Minimize(F, lower, upper, [.. Enumerable.Repeat(1e-12, dimension)], limit);
        Assert.False(r.Converged);
        Assert.Equal(limit, r.Evaluations);
        Assert.Equal(limit, calls);
        Assert.Equal(limit, r.History.Count);
        var lowest = r.History.MinBy(e => e.F)!;
        Assert.Equal(lowest.F, r.F);
        Assert.Equal(lowest.X, r.X);                                               // the point as evaluated, bit for bit
        Assert.True(r.ToleranceReached.All(t => t > 1e-12), "an unconverged run reports a tolerance above the one asked for");
    }

    /// <summary>The minimum outside the box makes many trial points project onto the same boundary points: each is
    /// evaluated once, and f is called exactly as often as the history says.</summary>
    [Fact]
    public void Never_evaluates_the_same_point_twice()
    {
        int calls = 0;
        double F(double[] x) { calls++; return Math.Pow(x[0] - 2, 2) + Math.Pow(x[1] + 3, 2) + x[0] * x[1]; }
        var r = BoundedMinimizer.Minimize(F, [0, 0], [1, 1], [1e-8, 1e-8], 300);
        Assert.True(r.Converged);
        Assert.Equal(1.0, r.X[0]);
        Assert.Equal(0.0, r.X[1]);                                     // df/dx = -2 + y < 0, df/dy = 6 + x > 0 on the box
        Assert.Equal(r.Evaluations, calls);
        var distinct = r.History.Select(e => (BitConverter.DoubleToInt64Bits(e.X[0]), BitConverter.DoubleToInt64Bits(e.X[1])))
            .Distinct().Count();
        Assert.Equal(r.Evaluations, distinct);
    }

    [Fact]
    public void Two_runs_evaluate_the_same_sequence()
    {
        static double F(double[] x) => Rosenbrock(x) + 1e-7 * Noise(x);
        var first = BoundedMinimizer.Minimize(F, [-2, -1], [2, 3], [1e-6, 1e-6], 300, start: [-1.2, 1], valueTolerance: 1e-7);
        var second = BoundedMinimizer.Minimize(F, [-2, -1], [2, 3], [1e-6, 1e-6], 300, start: [-1.2, 1], valueTolerance: 1e-7);
        Assert.Equal(first.Evaluations, second.Evaluations);
        for (int k = 0; k < first.Evaluations; k++)
        {
            Assert.Equal(first.History[k].X, second.History[k].X);
            Assert.Equal(BitConverter.DoubleToInt64Bits(first.History[k].F), BitConverter.DoubleToInt64Bits(second.History[k].F));
        }
        Assert.Equal(first.X, second.X);
    }

    /// <summary>NaN (x &gt; 0.8) and a <see cref="ComputationException"/> (y &lt; 0.35) count as +infinity: the search
    /// records them and still finds the minimum at (0.75, 0.4), next to both failing regions.</summary>
    [Fact]
    public void Treats_NaN_and_computation_failures_as_infinity_and_records_them()
    {
        static double F(double[] x)
        {
            if (x[1] < 0.35) throw new ComputationException("the mesher failed");
            if (x[0] > 0.8) return double.NaN;
            return Math.Pow(x[0] - 0.75, 2) + Math.Pow(x[1] - 0.4, 2);
        }
        var r = Report("failing regions 2D", BoundedMinimizer.Minimize(F, [0, 0], [1, 1], [1e-6, 1e-6], 300));
        Assert.True(r.Converged);
        Assert.Equal(0.75, r.X[0], 1e-5);
        Assert.Equal(0.4, r.X[1], 1e-5);
        Assert.Contains(r.History, e => e.Failure == "returned NaN" && double.IsPositiveInfinity(e.F) && e.X[0] > 0.8);
        Assert.Contains(r.History, e => e.Failure == "the mesher failed" && double.IsPositiveInfinity(e.F) && e.X[1] < 0.35);
        Assert.All(r.History.Where(e => e.Failure is null), e => Assert.True(double.IsFinite(e.F)));

        var oneD = Report("failing region 1D", BoundedMinimizer.Minimize(
            x => x[0] < 0.2 ? double.NaN : Math.Pow(x[0] - 0.25, 2), [0], [1], [1e-6], 60));
        Assert.True(oneD.Converged);
        Assert.Equal(0.25, oneD.X[0], 1e-6);
    }

    [Fact]
    public void Reports_no_convergence_when_every_evaluation_fails()
    {
        var r = BoundedMinimizer.Minimize(_ => double.NaN, [0, 0], [1, 1], [1e-3, 1e-3], 50);
        Assert.False(r.Converged);
        Assert.True(double.IsPositiveInfinity(r.F));
        Assert.All(r.History, e => Assert.Equal("returned NaN", e.Failure));
    }

    [Fact]
    public void Propagates_other_exceptions_and_cancellation()
    {
        Assert.Throws<InvalidOperationException>(() =>
            BoundedMinimizer.Minimize(_ => throw new InvalidOperationException("bug"), [0, 0], [1, 1], [1e-3, 1e-3], 50));
        Assert.Throws<InputException>(() =>
            BoundedMinimizer.Minimize(_ => throw new InputException("--set", "bad key"), [0], [1], [1e-3], 50));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            BoundedMinimizer.Minimize(x => x[0], [0], [1], [1e-3], 50, cancellation: cancelled.Token));
    }

    [Fact]
    public void Rejects_bad_input_with_the_coordinate_named()
    {
        static double F(double[] x) => x[0];
        Assert.Contains("coordinate 1", Assert.Throws<ArgumentException>(() =>
            BoundedMinimizer.Minimize(F, [0, 1], [1, 1], [1e-3, 1e-3], 50)).Message);
        Assert.Contains("tolerance", Assert.Throws<ArgumentException>(() =>
            BoundedMinimizer.Minimize(F, [0], [1], [0], 50)).Message);
        Assert.Contains("start", Assert.Throws<ArgumentException>(() =>
            BoundedMinimizer.Minimize(F, [0, 0], [1, 1], [1e-3, 1e-3], 50, start: [0.5, 1.5])).Message);
        Assert.Throws<ArgumentException>(() => BoundedMinimizer.Minimize(F, [0, 0], [1], [1e-3, 1e-3], 50));
        Assert.Throws<ArgumentOutOfRangeException>(() => BoundedMinimizer.Minimize(F, [0], [1], [1e-3], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => BoundedMinimizer.Minimize(F, [0], [1], [1e-3], 5, valueTolerance: -1));
    }
}
