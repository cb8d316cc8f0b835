using MieCool.Core.Numerics;
using MieCool.Mesh;
using MieCool.Thermal.Assembly;
using MieCool.Thermal.Transient;

namespace MieCool.Thermal.Tests.Transient;

/// <summary>
/// The mean temperature of a sphere of radius a with a uniform source q switched on at t = 0, in an infinite medium of the
/// same conductivity k and diffusivity D (Carslaw and Jaeger 1959, sec. 9.10 and 10.4): by superposition of instantaneous
/// sources, theta_mean(t) = q / (rho c) int_0^t u_mean(s) ds, with u(r, s) the temperature of a sphere initially at 1 in
/// a medium at 0 (C and J, sec. 9.10, eq. (4)):
/// <code>
///   u = 1/2 [erf((a - r)/(2 sqrt(D s))) + erf((a + r)/(2 sqrt(D s)))]
///       - sqrt(D s / pi) / r [exp(-(a - r)^2 / (4 D s)) - exp(-(a + r)^2 / (4 D s))]
/// </code>
/// averaged over the sphere, u_mean(s) = 3/a^3 int_0^a u r^2 dr. Evaluated here by composite Gauss-Legendre quadrature in r
/// (panels refined towards the surface layer of width sqrt(D s)) and in v = sqrt(s / t).
/// </summary>
static class SphereSwitchedOn
{
    public static double Mean(double t, double a, double q, double rhoC, double d)
    {
        var (v, wv) = GaussLegendre.Rule(16);
        double sum = 0;
        // panels [2^-(k+1), 2^-k] down to 2^-30 (u_mean falls from 1 to 0 around s ~ a^2 / D, anywhere in (0, t)), then [0, 2^-30]
        for (int k = 0; k <= 30; k++)
        {
            double hi = Math.Pow(2, -k), lo = k == 30 ? 0 : hi / 2;
            for (int i = 0; i < v.Length; i++)
            {
                double x = lo + (hi - lo) * (v[i] + 1) / 2, w = (hi - lo) / 2 * wv[i];
                double s = t * x * x; // s = t v^2, ds = 2 t v dv
                sum += w * 2 * t * x * UMean(s, a, d);
            }
        }
        return q / rhoC * sum;
    }

    static double UMean(double s, double a, double d)
    {
        if (s == 0) return 1;
        double width = 2 * Math.Sqrt(d * s);
        var edges = new List<double> { 0 };
        for (double k = 64; k >= 1; k /= 2) if (a - k * width > 0) edges.Add(a - k * width);
        edges.Add(a);
        var (x, wx) = GaussLegendre.Rule(16);
        double sum = 0;
        for (int e = 0; e + 1 < edges.Count; e++)
        {
            double lo = edges[e], hi = edges[e + 1];
            for (int i = 0; i < x.Length; i++)
            {
                double r = lo + (hi - lo) * (x[i] + 1) / 2, w = (hi - lo) / 2 * wx[i];
                sum += w * U(r, s, a, d) * r * r;
            }
        }
        return 3 * sum / (a * a * a);
    }

    static double U(double r, double s, double a, double d)
    {
        double g = 2 * Math.Sqrt(d * s);
        double erfs = 0.5 * (Erf((a - r) / g) + Erf((a + r) / g));
        if (r < 1e-12 * a) return erfs - 2 * a / (g * Math.Sqrt(Math.PI)) * Math.Exp(-a * a / (g * g)); // the limit r -> 0
        return erfs - Math.Sqrt(d * s / Math.PI) / r * (Math.Exp(-(a - r) * (a - r) / (g * g)) - Math.Exp(-(a + r) * (a + r) / (g * g)));
    }

    /// <summary>erf to ~1e-15 (series for |x| &lt; 3, continued fraction of erfc beyond; Abramowitz and Stegun 7.1.5, 7.1.14).</summary>
    public static double Erf(double x)
    {
        if (x < 0) return -Erf(-x);
        if (x < 3)
        {
            double term = x, sum = x;
            for (int n = 1; n < 200; n++)
            {
                term *= -x * x / n;
                double add = term / (2 * n + 1);
                sum += add;
                if (Math.Abs(add) < 1e-17 * Math.Abs(sum)) break;
            }
            return 2 / Math.Sqrt(Math.PI) * sum;
        }
        // erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + 1/2/(x + 1/(x + 3/2/(x + ...))))
        double f = x;
        for (int k = 60; k >= 1; k--) f = x + k / 2.0 / f;
        return 1 - Math.Exp(-x * x) / Math.Sqrt(Math.PI) / f;
    }
}

public sealed class SphereSwitchedOnReferenceTests
{
    const double A = 265e-9, Q = 1e15, K = 1, RhoC = 1e6, D = K / RhoC;

    [Fact]
    public void ErfMatchesKnownValues()
    {
        Assert.Equal(0.8427007929497149, SphereSwitchedOn.Erf(1), 14);   // A and S table 7.1
        Assert.Equal(0.9953222650189527, SphereSwitchedOn.Erf(2), 14);
        Assert.Equal(0.9999779095030014, SphereSwitchedOn.Erf(3), 14);
        Assert.Equal(1 - 1.5374597944280349e-12, SphereSwitchedOn.Erf(5), 15);
    }

    /// <summary>
    /// Early on, the sphere heats as q t / (rho c) less what crosses its surface as from a half-space: the step profile
    /// releases sqrt(D s / pi) per unit area in time s, so a continuous source has lost (2/3) t sqrt(D t / pi) q / (rho c)
    /// per area, a fraction (3 / a)(2/3) sqrt(D t / pi) = 2 sqrt(D t / pi) / a of the sphere's heat (curvature: O(D t / a^2)).
    /// </summary>
    static readonly double[] EarlyTimes = [1e-6, 1e-5];

    [Fact]
    public void AtEarlyTimesTheSphereLosesHeatAsAHalfSpace()
    {
        foreach (double tau in EarlyTimes)
        {
            double t = tau * A * A / D;
            double expected = 1 - 2 * Math.Sqrt(D * t / Math.PI) / A;
            Assert.Equal(expected, SphereSwitchedOn.Mean(t, A, Q, RhoC, D) / (Q * t / RhoC), 3 * tau + 1e-9);
        }
    }

    /// <summary>
    /// Late: the steady mean 2 q a^2 / (5 k) less the tail of a point source, (P / (4 pi k a)) a / sqrt(pi D t)
    /// (erfc(r / 2 sqrt(D t)) ~ 1 - r / sqrt(pi D t)).
    /// </summary>
    static readonly double[] LateTimes = [1e3, 1e4];

    [Fact]
    public void AtLateTimesTheMeanApproachesTheSteadyValueWithTheSqrtTail()
    {
        double p = Q * 4 * Math.PI * A * A * A / 3, steady = 0.4 * Q * A * A / K;
        foreach (double tau in LateTimes)
        {
            double t = tau * A * A / D;
            double deficit = steady - SphereSwitchedOn.Mean(t, A, Q, RhoC, D);
            double tail = p / (4 * Math.PI * K * A) * A / Math.Sqrt(Math.PI * D * t);
            Assert.Equal(1, deficit / tail, 0.02 * Math.Sqrt(1e3 / tau) + 1e-3);
        }
    }
}

/// <summary>The transient solver against the closed form, its energy bookkeeping, its end state and its time steps.</summary>
public sealed class TransientHeatSolverTests(SphereMeshes meshes, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<SphereMeshes>
{
    const double Q = 1e15, K = 1, RhoC = 1e6, D = K / RhoC;

    static readonly Dictionary<int, BoundaryCondition> FarField = new()
    {
        [Tags.AirOuter] = new BoundaryCondition.FarField(), [Tags.SubstrateOuter] = new BoundaryCondition.FarField(),
    };

    static readonly int[] Regions = [Tags.Particle, Tags.Substrate, Tags.Air];

    static TransientProblem Problem(TetMesh mesh, IReadOnlyDictionary<int, BoundaryCondition> bcs, TransientSettings settings,
                                    PumpSchedule? schedule = null, Func<double, double>? q = null)
    {
        var heat = new HeatProblem(mesh, Fem.Conductivity(K, Regions), bcs, VolumetricSource.None, 300);
        var points = HeatAssembler.SourcePoints(mesh, Tags.Particle);
        var capacity = Regions.ToDictionary(r => r, _ => RhoC);
        return new TransientProblem(heat, capacity, points, t =>
        {
            var v = new double[points.Count];
            Array.Fill(v, q?.Invoke(t) ?? Q);
            return v;
        }, schedule ?? PumpSchedule.Continuous, settings);
    }

    static double EquivalentRadius(TetMesh mesh) => Math.Cbrt(3 * mesh.RegionVolumes()[Tags.Particle] / (4 * Math.PI));

    [Fact]
    public void ASphereSwitchedOnFollowsCarslawAndJaegerWithinOnePercentFromASquaredOverD()
    {
        var mesh = meshes.Get(20, 2);
        double a = EquivalentRadius(mesh), tau = a * a / D;
        var s = TransientHeatSolver.Solve(Problem(mesh, FarField, new TransientSettings(30 * tau, RelativeTolerance: 1e-4)));
        double worst = 0;
        foreach (var step in s.Steps.Where(x => x.TimeS >= tau))
        {
            double exact = SphereSwitchedOn.Mean(step.TimeS, a, Q, RhoC, D);
            worst = Math.Max(worst, Math.Abs(step.ParticleMeanRiseK / exact - 1));
        }
        output.WriteLine($"{mesh.NodeCount} nodes, {s.Steps.Count} steps ({s.Rejected} rejected), worst {worst:P3} from a^2/D on");
        Assert.True(worst < 0.01, $"worst relative error {worst:P2}");
        // the a / sqrt(pi D t) tail: the deficit against the steady mean, in units of the point-source tail
        double p = s.End.SourcePowerW, steady = 0.4 * Q * a * a / K;
        foreach (var step in s.Steps.Where(x => x.TimeS >= 10 * tau))
        {
            double ratio = (steady - step.ParticleMeanRiseK) / (p / (4 * Math.PI * K * a) * a / Math.Sqrt(Math.PI * D * step.TimeS));
            Assert.InRange(ratio, 0.8, 1.2);
        }
        Assert.True(s.WorstEnergyBalance < 1e-7, $"energy balance {s.WorstEnergyBalance:e2}");
    }

    [Fact]
    public void EveryStepConservesEnergyWithFarFieldAndWithFixedTemperatureBoundaries()
    {
        var mesh = meshes.Get(10, 1);
        double a = EquivalentRadius(mesh), tau = a * a / D;
        var fixedT = new Dictionary<int, BoundaryCondition>
        {
            [Tags.AirOuter] = new BoundaryCondition.FixedTemperature(300),
            [Tags.SubstrateOuter] = new BoundaryCondition.FixedTemperature(301),
        };
        foreach (var bcs in new[] { FarField, fixedT })
        {
            var s = TransientHeatSolver.Solve(Problem(mesh, bcs, new TransientSettings(200 * tau)));
            output.WriteLine($"{bcs.Values.First().GetType().Name}: {s.Steps.Count} steps, worst balance {s.WorstEnergyBalance:e2}, " +
                             $"end outflow {s.End.OutflowW:G6} W vs source {s.End.SourcePowerW:G6} W");
            Assert.True(s.WorstEnergyBalance < 1e-7, $"energy balance {s.WorstEnergyBalance:e2}");
            foreach (var step in s.Steps) Assert.True(double.IsFinite(step.ParticleMeanRiseK));
        }
    }

    [Fact]
    public void TheEndStateEqualsTheSteadySolutionAndAPumpSwitchedOffReturnsToAmbient()
    {
        var mesh = meshes.Get(10, 1);
        double a = EquivalentRadius(mesh), tau = a * a / D;
        var steady = SteadyHeatSolver.Solve(new HeatProblem(mesh, Fem.Conductivity(K, Regions), FarField,
                                                            VolumetricSource.Uniform(Q, Tags.Particle), 300));
        var on = TransientHeatSolver.Solve(Problem(mesh, FarField, new TransientSettings(2000 * tau)));
        output.WriteLine($"end {on.End.ParticleMeanRiseK:R} K vs steady {steady.ParticleMeanRiseK:R} K after {on.Steps.Count} steps");
        Assert.Equal(1, on.End.ParticleMeanRiseK / steady.ParticleMeanRiseK, 1e-4);

        var off = TransientHeatSolver.Solve(Problem(mesh, FarField, new TransientSettings(4000 * tau), new PumpSchedule(OffS: 2000 * tau)));
        var atOff = off.Steps.Single(x => x.TimeS == 2000 * tau);
        Assert.Equal(1, atOff.ParticleMeanRiseK / steady.ParticleMeanRiseK, 1e-4);
        Assert.False(off.Steps[^1].PumpOn);
        Assert.True(Math.Abs(off.End.ParticleMeanRiseK) < 1e-4 * steady.ParticleMeanRiseK,
                    $"{off.End.ParticleMeanRiseK} K left at the end");
        Assert.All(off.Steps.Where(x => x.TimeS > 2000 * tau), x => Assert.Equal(0, x.SourcePowerW));
    }

    /// <summary>
    /// Halving the tolerance changes the curve (at the pump switch and at the end, where every run lands exactly) by less
    /// than the tolerance (relative to the peak), and the error against a tight reference falls as N^-2 with the number of
    /// steps N (BDF2).
    /// </summary>
    static readonly double[] Tolerances = [1e-3, 5e-4, 2.5e-4, 1.25e-4, 6.25e-5];

    [Fact]
    public void HalvingTheToleranceChangesTheCurveByLessThanTheToleranceAtSecondOrder()
    {
        var mesh = meshes.Get(10, 1);
        double a = EquivalentRadius(mesh), tau = a * a / D;
        var schedule = new PumpSchedule(OffS: 3 * tau);
        TransientSolution Run(double tol) => TransientHeatSolver.Solve(Problem(mesh, FarField,
            new TransientSettings(6 * tau, RelativeTolerance: tol, AbsoluteToleranceK: 1e-12), schedule));
        double[] Curve(TransientSolution s) => [s.Steps.Single(x => x.TimeS == 3 * tau).ParticleMeanRiseK, s.End.ParticleMeanRiseK];
        var reference = Curve(Run(1e-7));
        double peak = Math.Abs(reference[0]);
        var errors = new List<(int Steps, double Error)>();
        double[]? previous = null;
        foreach (double tol in Tolerances)
        {
            var s = Run(tol);
            var curve = Curve(s);
            double e = curve.Zip(reference, (x, y) => Math.Abs(x - y)).Max() / peak;
            errors.Add((s.Steps.Count, e));
            output.WriteLine($"tolerance {tol:e1}: {s.Steps.Count} steps, error {e:e2} of the peak");
            if (previous is not null)
            {
                double change = curve.Zip(previous, (x, y) => Math.Abs(x - y)).Max() / peak;
                Assert.True(change < tol, $"halving the tolerance to {tol:e1} changed the curve by {change:e2} of the peak");
            }
            previous = curve;
        }
        double order = Math.Log(errors[0].Error / errors[^1].Error) / Math.Log((double)errors[^1].Steps / errors[0].Steps);
        output.WriteLine($"observed order in the number of steps: {order:F2}");
        Assert.InRange(order, 1.6, 2.6);
    }

    static readonly double[] PulseEdges = [2e-9, 10e-9, 12e-9, 20e-9, 22e-9];

    [Fact]
    public void APulseTrainSwitchesOnAndOffAtItsEdges()
    {
        var schedule = new PumpSchedule(PulsePeriodS: 10e-9, PulseDurationS: 2e-9);
        Assert.Equal(PulseEdges, schedule.Switches(25e-9).Select(x => Math.Round(x * 1e18) / 1e18));
        Assert.True(schedule.IsOn(1e-9));
        Assert.True(schedule.IsOn(1.99e-9));
        Assert.False(schedule.IsOn(5e-9));
        Assert.False(schedule.IsOn(9.99e-9));
        Assert.True(schedule.IsOn(11e-9));
        var off = new PumpSchedule(OffS: 1e-6);
        Assert.Equal(1e-6, Assert.Single(off.Switches(1e-3)));
        Assert.True(off.IsOn(0.9e-6));
        Assert.False(off.IsOn(1.1e-6));
        Assert.Throws<Core.InputException>(() => new PumpSchedule(PulsePeriodS: 1e-9).Validate("t", 1));
        Assert.Throws<Core.InputException>(() => new PumpSchedule(PulsePeriodS: 1e-9, PulseDurationS: 2e-9).Validate("t", 1));
    }

    /// <summary>The reference mass matrix against the exact integrals of barycentric monomials, 3! prod k_i! / (3 + sum k_i)!.</summary>
    [Theory]
    [InlineData(4)]
    [InlineData(10)]
    public void TheReferenceMassMatrixIsTheExactIntegralOfTheShapeFunctionProducts(int nodes)
    {
        var m = MassMatrix.Reference(nodes);
        // shape functions as polynomials in the barycentric coordinates: {exponents -> coefficient}
        var edges = new[] { (0, 1), (1, 2), (0, 2), (0, 3), (2, 3), (1, 3) }; // gmsh's 10-node tetrahedron edge order
        List<(int[] E, double C)> Phi(int a)
        {
            if (nodes == 4 || a < 4)
            {
                var one = new int[4]; one[a] = 1;
                if (nodes == 4) return [(one, 1)];
                var two = new int[4]; two[a] = 2;
                return [(two, 2), (one, -1)];
            }
            var (i, j) = edges[a - 4];
            var e = new int[4]; e[i] = 1; e[j] = 1;
            return [(e, 4)];
        }
        static double Fact(int n) => n <= 1 ? 1 : n * Fact(n - 1);
        static double Integral(int[] e) => 6 * e.Aggregate(1.0, (p, k) => p * Fact(k)) / Fact(3 + e.Sum());
        double total = 0;
        for (int a = 0; a < nodes; a++)
            for (int b = 0; b < nodes; b++)
            {
                double exact = 0;
                foreach (var (ea, ca) in Phi(a))
                    foreach (var (eb, cb) in Phi(b))
                        exact += ca * cb * Integral(ea.Zip(eb, (x, y) => x + y).ToArray());
                Assert.Equal(exact, m[a * nodes + b], 14);
                total += m[a * nodes + b];
            }
        Assert.Equal(1, total, 13); // sum_ab int phi_a phi_b = int 1
    }

    [Fact]
    public void TheErrorFactorOfConstantStepsIsMinusTwoElevenths() =>
        Assert.Equal(-2.0 / 11, TransientHeatSolver.ErrorFactor(1, 1, 1), 14);
}
