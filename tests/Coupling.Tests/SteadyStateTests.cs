using MieCool.Optics.Cooling;
using MieCool.Thermal;

namespace MieCool.Coupling.Tests;

/// <summary>
/// The self-consistent steady state on a coarse mesh. The optics' temperature dependence is imposed here through the
/// internal quantum efficiency (a stand-in for the band-tail physics, which Optics tests on its own), so that these tests
/// check the balance machinery: the response-field shortcut, the bracketing, the final field and the refusals.
/// </summary>
public sealed class SteadyStateTests
{
    static CoupledProblem SelfConsistent(double etaInt, double validityMinK = 1) =>
        Problems.Coupled(etaInt: etaInt) with { SteadyState = new SteadyStateSettings(SteadyStateModel.SelfConsistent, validityMinK) };

    /// <summary>
    /// Reciprocity of the conduction operator: the particle's mean rise computed from the response field G (a uniform 1 W
    /// source) equals the mean of the FEM field solved directly for the optical source.
    /// </summary>
    [Fact]
    public void The_response_field_gives_the_mean_rise_of_any_source()
    {
        var p = Problems.Coupled();
        var (optics, field) = CoupledModel.Optics(p, null);
        var mesh = Conduction.Mesh(p.Mesh, null).Mesh;
        var source = CoupledModel.Source(p, optics, field, mesh, null);
        var g = SelfConsistency.ResponseAt(p.Thermal, mesh, source.Heat.Points, null, default).Particle;
        double viaResponse = 0;
        for (int i = 0; i < g.Length; i++) viaResponse += source.Heat.DensityWPerM3[i] * source.Heat.Points.Weights[i] * g[i];
        double direct = Conduction.Heat(p.Thermal, mesh, source.Heat, null, default).ParticleMeanRiseK;
        Assert.Equal(direct, viaResponse, Math.Abs(direct) * 1e-7);
        Assert.True(direct < 0);
    }

    /// <summary>
    /// The response G is solved on its own thread while the optics run (it needs only the mesh): the linear rise it gives is
    /// bit for bit that of G solved afterwards on this thread on the same mesh (the kernels' sums do not depend on
    /// scheduling).
    /// </summary>
    [Fact]
    public void The_response_solved_beside_the_optics_is_the_one_solved_after_them()
    {
        var p = SelfConsistent(etaInt: 0.99);
        var mesh = Conduction.Mesh(p.Mesh, null);
        var s = CoupledModel.Solve(p, t => p.Optics with { TemperatureK = t }, mesh, null, default);
        var (optics, field) = CoupledModel.Optics(p, null);
        var source = CoupledModel.Source(p, optics, field, mesh.Mesh, null);
        var g = SelfConsistency.ResponseAt(p.Thermal, mesh.Mesh, source.Heat.Points, source.SubstratePoints, default).Particle;
        double linear = 0;
        for (int i = 0; i < g.Length; i++) linear += source.Heat.DensityWPerM3[i] * source.Heat.Points.Weights[i] * g[i];
        Assert.Equal(linear, s.SteadyState.LinearRiseK);
        Assert.True(s.SteadyState.Converged, s.SteadyState.Status);
    }

    /// <summary>
    /// The response kept in the solution store and read back on the next solve on the mesh gives bit for bit the same
    /// steady state and field as solving it (and as a solve without a store); the final field is solved every time.
    /// </summary>
    [Fact]
    public void A_response_read_from_the_store_gives_bit_for_bit_the_same_state_and_the_final_field_is_still_solved()
    {
        string folder = Directory.CreateTempSubdirectory("miecool-store-").FullName;
        try
        {
            var p = SelfConsistent(etaInt: 0.99);
            var mesh = Conduction.Mesh(p.Mesh, null);
            CoolingInputs At(double t) => p.Optics with { TemperatureK = t };
            var store = new SolutionStore(folder);
            var first = CoupledModel.Solve(p, At, mesh, null, default, store);
            Assert.Equal((0, 1), (store.Hits, store.Writes));
            var lines = new List<StageProgress>();
            var second = CoupledModel.Solve(p, At, mesh, new Collect(lines), default, store);
            Assert.Equal((1, 1), (store.Hits, store.Writes)); // the response read; the final field not stored
            Assert.Contains(lines, l => l.Stage == "steady" && l.Message.StartsWith("solution from the store", StringComparison.Ordinal));
            var none = CoupledModel.Solve(p, At, mesh, null, default);
            foreach (var s in new[] { second, none })
            {
                Assert.Equal(first.SteadyState, s.SteadyState);
                Assert.Equal(first.Thermal.Heat.TemperatureRiseK, s.Thermal.Heat.TemperatureRiseK); // bitwise
                Assert.Equal(first.Thermal.Heat.Solver, s.Thermal.Heat.Solver);
            }
            Assert.True(second.Thermal.Heat.Solver.Iterations > 0);
            Assert.True(first.SteadyState.Converged, first.SteadyState.Status);
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    sealed class Collect(List<StageProgress> lines) : IProgress<StageProgress>
    {
        public void Report(StageProgress value) { lock (lines) lines.Add(value); }
    }

    /// <summary>Temperature-independent optics: the self-consistent state is the linear one (the balance is linear in T).</summary>
    [Fact]
    public void Without_a_temperature_dependence_the_self_consistent_state_is_the_linear_one()
    {
        var p = SelfConsistent(etaInt: 0); // eta_c = -1: pure heating, a positive rise
        var s = CoupledModel.Solve(p);
        var linear = CoupledModel.Solve(p with { SteadyState = SteadyStateSettings.Linear });
        Assert.True(s.SteadyState.Converged, s.SteadyState.Status);
        Assert.Equal(p.Thermal.AmbientK + s.SteadyState.LinearRiseK, s.SteadyState.TemperatureK!.Value, 2e-3);
        Assert.Equal(s.Thermal.Heat.ParticleMeanTemperatureK, s.SteadyState.TemperatureK!.Value, 2e-3);
        Assert.InRange(s.SteadyState.ResidualK, 0, 2e-3);
        // another mesh of the same geometry (gmsh is not bitwise repeatable): the same answer to the mesh's accuracy
        Assert.Equal(linear.Thermal.Heat.ParticleMeanRiseK, s.SteadyState.LinearRiseK, Math.Abs(s.SteadyState.LinearRiseK) * 0.01);
    }

    /// <summary>
    /// Cooling that weakens as the particle cools (eta_int falling with T): the balance lies between the linear answer
    /// and ambient, the final FEM field agrees with it, and its energy balance closes at the final P_heat.
    /// </summary>
    [Fact]
    public void Cooling_that_weakens_with_temperature_settles_where_the_final_field_agrees()
    {
        var p = SelfConsistent(etaInt: 0.99);
        double ambient = p.Thermal.AmbientK;
        CoolingInputs At(double t) => p.Optics with { InternalQuantumEfficiency = Math.Clamp(0.99 - 0.004 * (ambient - t), 0, 1) };
        var s = CoupledModel.Solve(p, At, null, default);
        var linear = CoupledModel.Solve(p with { SteadyState = SteadyStateSettings.Linear });
        var st = s.SteadyState;
        Assert.True(st.Converged, st.Status);
        double tp = st.TemperatureK!.Value;
        Assert.InRange(tp, linear.Thermal.Heat.ParticleMeanTemperatureK, ambient);
        Assert.InRange(st.ResidualK, 0, 2e-3);
        Assert.Equal(tp, s.Thermal.Heat.ParticleMeanTemperatureK, 2e-3);
        Assert.Equal(At(tp).InternalQuantumEfficiency, s.Optics.Inputs.InternalQuantumEfficiency, 1e-12);
        Assert.Equal(s.Optics.HeatPowerW, s.Thermal.Heat.BoundaryHeatFlowW.Values.Sum(), 1e-6 * s.Optics.AbsorbedPowerW);
        Assert.True(st.Evaluations > 3 && st.Evaluations < 60, $"{st.Evaluations} evaluations");
    }

    /// <summary>
    /// Each trial temperature costs one optics evaluation: the state at the balance (one of the search's last two
    /// evaluations) is kept, not evaluated again. The optics and the mesh, run at once, are timed on their own, and the
    /// stages' total is no more than the wall clock of the solve (their overlap counted once), nor much less (no part of the
    /// solve outside the stages).
    /// </summary>
    [Fact]
    public void The_balance_evaluates_each_temperature_once_and_the_stage_times_add_up_to_the_wall_clock()
    {
        var p = SelfConsistent(etaInt: 0.99);
        double ambient = p.Thermal.AmbientK;
        var temperatures = new List<double>();
        CoolingInputs At(double t)
        {
            temperatures.Add(t);
            return p.Optics with { InternalQuantumEfficiency = Math.Clamp(0.99 - 0.004 * (ambient - t), 0, 1) };
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var s = CoupledModel.Solve(p, At, null, default);
        var wall = clock.Elapsed;
        Assert.True(s.SteadyState.Converged, s.SteadyState.Status);
        Assert.Equal(s.SteadyState.Evaluations, temperatures.Count);
        Assert.Equal(temperatures.Count, temperatures.Distinct().Count());
        Assert.Contains(s.SteadyState.TemperatureK!.Value, temperatures);
        var t = s.Thermal.Timings;
        Assert.True(t.Optics > TimeSpan.Zero && t.Mesh > TimeSpan.Zero && t.Overlap >= TimeSpan.Zero);
        // the optics ran beside the mesh and beside the response solve (part of the source stage): at most both overlaps
        static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
        Assert.True(t.Overlap <= Min(t.Optics, t.Mesh) + Min(t.Optics, t.Source),
                    $"overlap {t.Overlap} of {t.Optics}, {t.Mesh} and {t.Source}");
        Assert.True(t.Total <= wall, $"stages {t.Total} against the wall clock {wall}");
        // and every part of the solve is in a stage: what no stage holds is bookkeeping (a few ms at most)
        Assert.True(wall - t.Total < 0.1 * wall + TimeSpan.FromMilliseconds(20), $"stages {t.Total} of the wall clock {wall}");
    }

    [Fact]
    public void A_balance_beyond_the_validity_range_is_reported_as_such_not_as_a_temperature()
    {
        var p = SelfConsistent(etaInt: 0.99, validityMinK: 290);
        var s = CoupledModel.Solve(p);
        Assert.False(s.SteadyState.Converged);
        Assert.Null(s.SteadyState.TemperatureK);
        Assert.Contains("validity", s.SteadyState.Status);
        Assert.True(s.SteadyState.LinearRiseK < 0);
    }

    [Fact]
    public void An_ambient_temperature_outside_the_validity_range_is_no_starting_point()
    {
        var p = Problems.Coupled() with { SteadyState = new SteadyStateSettings(SteadyStateModel.SelfConsistent, 162, 250) };
        var s = CoupledModel.Solve(p);
        Assert.False(s.SteadyState.Converged);
        Assert.Null(s.SteadyState.TemperatureK);
        Assert.Contains("outside the validity range", s.SteadyState.Status);
    }
}

/// <summary>
/// The balance's root search (<see cref="SelfConsistency.Root"/>: Brent on ln(rise / (T - T_ambient))) against roots found
/// by plain bisection of h, and its fall-back to h where the ratio is not positive.
/// </summary>
public sealed class BalanceRootTests
{
    const double Ambient = 293.15;

    static double Bisect(Func<double, double> h, double a, double b)
    {
        double fa = h(a);
        for (int i = 0; i < 200; i++)
        {
            double m = 0.5 * (a + b), fm = h(m);
            if (Math.Sign(fm) == Math.Sign(fa)) (a, fa) = (m, fm); else b = m;
        }
        return 0.5 * (a + b);
    }

    /// <summary>
    /// A rise that grows exponentially away from the balance (a band tail): h(T) = T_a - c e^(b (T - T_a)) - T, as the
    /// default case's (-1800 K at 283 K, -62 K at 231 K), or one that hardly varies: the root of bisection, in no more
    /// evaluations than Brent on h itself (fewer for the band tail). The third known point is the scan's previous one.
    /// </summary>
    [Theory]
    [InlineData(5000.0, 0.07, 283.15, 263.15, 223.15, true)]
    [InlineData(30.0, 0.01, 288.15, 283.15, 263.15, false)]
    [InlineData(-80.0, -0.02, 303.15, 313.15, 333.15, false)] // heating
    public void An_exponential_rise_is_solved_to_the_root_of_bisection_in_no_more_evaluations(double c, double b, double other,
                                                                                             double lo, double hi, bool fewer)
    {
        int calls = 0;
        var known = new Dictionary<double, double>();
        double H(double t) => known.TryGetValue(t, out var v) ? v : known[t] = Count(Ambient - c * Math.Exp(b * (t - Ambient)) - t);
        double Count(double v) { calls++; return v; }
        double exact = Bisect(t => Ambient - c * Math.Exp(b * (t - Ambient)) - t, lo, hi);
        H(other); H(lo); H(hi);
        calls = 0;
        var viaRoot = SelfConsistency.Root(H, Ambient, lo, hi, other, 1e-3, 100);
        int rootCalls = calls;
        calls = 0; known.Clear(); H(lo); H(hi); calls = 0;
        var viaH = MieCool.Core.Numerics.Brent.FindRoot(H, lo, hi, 1e-3, 100);
        Assert.True(viaRoot.Converged);
        Assert.Equal(exact, viaRoot.X, 1e-3);
        Assert.Equal(exact, viaH.X, 1e-3);
        Assert.True(fewer ? rootCalls < calls : rootCalls <= calls, $"{rootCalls} evaluations against {calls} (Brent on h)");
    }

    /// <summary>
    /// A rise that changes sign inside the bracket (the ratio turns negative there) or a bracket that starts at ambient:
    /// the search works on h itself and still finds the root of bisection.
    /// </summary>
    [Theory]
    [InlineData(250.0, 223.15, 283.15)]
    [InlineData(250.0, 223.15, Ambient)]
    public void Where_the_ratio_is_not_positive_the_balance_itself_is_solved(double zeroRiseK, double lo, double hi)
    {
        // rise = 3 (T - zeroRiseK): positive above zeroRiseK, negative below; h = T_a + rise - T
        double H(double t) => Ambient + 3 * (t - zeroRiseK) - t;
        double exact = Bisect(H, lo, hi);
        var root = SelfConsistency.Root(H, Ambient, lo, hi, 203.15, 1e-6, 100);
        Assert.True(root.Converged);
        Assert.Equal(exact, root.X, 1e-6);
    }
}
