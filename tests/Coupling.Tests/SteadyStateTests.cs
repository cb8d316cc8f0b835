using MieCool.Optics.Cooling;

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
