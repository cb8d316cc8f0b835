using MieCool.Optics.Cooling;
using MieCool.Thermal;

namespace MieCool.Coupling.Tests;

/// <summary>
/// Temperature-dependent conductivities in the coupled model (coarse mesh, the dielectric sphere of <see cref="Problems"/>):
/// zero exponents are today's path exactly; the linear model does one Picard-iterated solve; the self-consistent state
/// iterates response, balance and field on the conductivities, and agrees with the nonlinear field solved directly.
/// </summary>
public sealed class ConductivityIterationTests(Xunit.Abstractions.ITestOutputHelper output)
{
    static CoupledProblem WithExponents(CoupledProblem p, ConductivityExponents e) =>
        p with { Thermal = p.Thermal with { ConductivityExponent = e } };

    static CoupledProblem SelfConsistent(double etaInt) =>
        Problems.Coupled(etaInt: etaInt) with { SteadyState = new SteadyStateSettings(SteadyStateModel.SelfConsistent) };

    static CoolingInputs Plain(CoupledProblem p, double t) => p.Optics with { TemperatureK = t };

    /// <summary>
    /// Cooling that weakens as the particle cools (eta_int falling with T, as in SteadyStateTests): a stand-in for the
    /// band tail, so that the balance has a temperature dependence.
    /// </summary>
    static Func<double, CoolingInputs> Weakening(CoupledProblem p) =>
        t => p.Optics with { InternalQuantumEfficiency = Math.Clamp(0.99 - 0.004 * (p.Thermal.AmbientK - t), 0, 1) };

    /// <summary>
    /// Exponents 0 (with any reference temperature) take the constant path: the same numbers on the same mesh, for the
    /// self-consistent and the linear model.
    /// </summary>
    [Fact]
    public void Zero_exponents_give_the_constant_numbers_bitwise()
    {
        var p = SelfConsistent(0.99);
        var zero = p with
        {
            Thermal = p.Thermal with { ConductivityExponent = new ConductivityExponents(0, 0, 0, 0), ConductivityReferenceK = 250 },
        };
        var mesh = Conduction.Mesh(p.Mesh, null);
        foreach (var model in new[] { p.SteadyState, SteadyStateSettings.Linear })
        {
            var a = CoupledModel.Solve(p with { SteadyState = model }, Weakening(p), mesh, null, default);
            var b = CoupledModel.Solve(zero with { SteadyState = model }, Weakening(p), mesh, null, default);
            Assert.Equal(a.Thermal.Heat.TemperatureRiseK, b.Thermal.Heat.TemperatureRiseK);
            Assert.Equal(a.SteadyState, b.SteadyState);
            Assert.Equal(0, b.SteadyState.ConductivityIterations);
            Assert.Equal(0, b.Thermal.Heat.ConductivityIterations);
            Assert.Null(b.Thermal.Heat.CellConductivityWPerMK);
        }
    }

    /// <summary>
    /// Pure heating (eta_int = 0, optics independent of T) with conductivities falling as T rises (p = -1, Umklapp-like):
    /// the linear model's one Picard-iterated field is hotter than with constant conductivities, and the self-consistent
    /// state, whose optics do not depend on T here, is that same nonlinear field.
    /// </summary>
    [Fact]
    public void Heating_with_conductivities_that_fall_with_temperature_is_hotter_and_self_consistent_equals_the_nonlinear_field()
    {
        var p = Problems.Coupled(etaInt: 0);
        var exponents = new ConductivityExponents(-1, 0, -1, 0);
        var mesh = Conduction.Mesh(p.Mesh, null);
        var constant = CoupledModel.Solve(p, t => Plain(p, t), mesh, null, default);
        var linear = CoupledModel.Solve(WithExponents(p, exponents), t => Plain(p, t), mesh, null, default);
        var sc = CoupledModel.Solve(WithExponents(SelfConsistent(0), exponents), t => Plain(p, t), mesh, null, default);
        double rise0 = constant.Thermal.Heat.ParticleMeanRiseK, rise = linear.Thermal.Heat.ParticleMeanRiseK;
        output.WriteLine($"constant {rise0:F4} K, k(T) {rise:F4} K ({linear.SteadyState.ConductivityIterations} Picard); " +
                         $"self-consistent {sc.SteadyState.TemperatureK - sc.Problem.Thermal.AmbientK:F4} K after " +
                         $"{sc.SteadyState.ConductivityIterations} conductivity iterations; {sc.SteadyState.Status}");
        Assert.True(rise0 > 5, $"a rise to speak of: {rise0} K");
        // every cell is at or above ambient, where k(T) <= k(T_ambient) (T_k = 300 K is 7 K above ambient: k there is
        // 2.3 % above the constant value, less than the 1/T fall over the tens of kelvin of the rise)
        Assert.True(rise > rise0 * 1.01, $"k falling with T heats more: {rise} vs {rise0} K");
        Assert.InRange(linear.SteadyState.ConductivityIterations, 2, 50);
        Assert.Equal(linear.SteadyState.ConductivityIterations, linear.Thermal.Heat.ConductivityIterations);
        Assert.Contains("Picard", linear.SteadyState.Status);

        var st = sc.SteadyState;
        Assert.True(st.Converged, st.Status);
        Assert.InRange(st.ConductivityIterations, 2, 30);
        Assert.InRange(st.ResidualK, 0, p.SteadyState.ToleranceK);
        Assert.Contains("settled", st.Status);
        Assert.Equal(linear.Thermal.Heat.ParticleMeanTemperatureK, st.TemperatureK!.Value, 2 * p.SteadyState.ToleranceK);
        Assert.Equal(sc.Optics.HeatPowerW, sc.Thermal.Heat.BoundaryHeatFlowW.Values.Sum(), 1e-6 * sc.Optics.AbsorbedPowerW);
    }

    /// <summary>
    /// A cooling particle (every cell at or below ambient, the conductivities' reference temperature here): a substrate
    /// whose conductivity falls on cooling (p = +1, amorphous-silica-like) conducts less heat in everywhere, so the
    /// balance is colder than with constant conductivities; a particle whose conductivity rises on cooling (p = -1,
    /// a crystal) has a smaller internal drop, so it is warmer. Both loops settle with the final field agreeing with T_p.
    /// The substrate, which barely cools, shifts T_p by millikelvin only, even with a wide contact (150 nm) and optics
    /// independent of T: its row runs with tolerances of a microkelvin (Brent) and 1e-10 (Picard). The particle's shift
    /// is shown with the weakening cooling and the default tolerances.
    /// </summary>
    [Theory]
    [InlineData(0.0, 1.0, -1, false)]
    [InlineData(-1.0, 0.0, +1, true)]
    public void A_cooling_particle_settles_colder_or_warmer_as_its_conductivities_fall_or_rise_on_cooling(
        double particle, double substrate, int sign, bool weakening)
    {
        var p = SelfConsistent(0.99);
        p = p with { Thermal = p.Thermal with { ConductivityReferenceK = p.Thermal.AmbientK } };
        if (!weakening)
            p = p with
            {
                Mesh = p.Mesh with { Contact = new Mesh.ContactSpec(Mesh.ContactKind.Radius, 150e-9) },
                Thermal = p.Thermal with { Solver = p.Thermal.Solver with { PicardTolerance = 1e-10 } },
                SteadyState = p.SteadyState with { ToleranceK = 1e-6 },
            };
        var at = weakening ? Weakening(p) : t => Plain(p, t);
        var mesh = Conduction.Mesh(p.Mesh, null);
        var constant = CoupledModel.Solve(p, at, mesh, null, default);
        var varying = CoupledModel.Solve(WithExponents(p, new ConductivityExponents(particle, 0, substrate, 0)), at, mesh, null,
                                         default);
        var st = varying.SteadyState;
        double shift = st.TemperatureK!.Value - constant.SteadyState.TemperatureK!.Value;
        output.WriteLine($"p = ({particle}, {substrate}): constant T_p {constant.SteadyState.TemperatureK:F4} K, k(T) " +
                         $"{st.TemperatureK:F4} K (shift {shift:E3} K), {st.ConductivityIterations} conductivity iterations, " +
                         $"{st.Evaluations} evaluations, residual {st.ResidualK:E2} K");
        Assert.True(st.Converged, st.Status);
        Assert.True(varying.Thermal.Heat.ParticleMaxTemperatureK < p.Thermal.AmbientK);
        Assert.Equal(0, constant.SteadyState.ConductivityIterations);
        Assert.InRange(st.ConductivityIterations, 2, 30);
        Assert.InRange(st.ResidualK, 0, p.SteadyState.ToleranceK);
        Assert.Equal(sign, Math.Sign(shift));
        Assert.True(Math.Abs(shift) > 40 * p.SteadyState.ToleranceK, $"shift {shift} K");
        Assert.Equal(st.TemperatureK!.Value, varying.Thermal.Heat.ParticleMeanTemperatureK, p.SteadyState.ToleranceK);
        Assert.NotNull(varying.Thermal.Heat.CellConductivityWPerMK);
    }
    /// <summary>
    /// A thermal-only study (`miecool heat`) takes the Picard path: 20 uW in the particle heat it by ~80 K, and with
    /// conductivities falling as T rises (p = -1 everywhere, T_k the ambient) it ends hotter, after a few iterations.
    /// </summary>
    [Fact]
    public void A_thermal_only_study_with_exponents_is_Picard_iterated()
    {
        var thermal = Problems.Thermal() with { ConductivityReferenceK = 293.15 };
        var source = new PrescribedSource.Uniform(20e-6);
        var constant = Conduction.Solve(new ConductionProblem(Problems.Mesh(), thermal, source)).Heat;
        var varying = Conduction.Solve(new ConductionProblem(Problems.Mesh(),
            thermal with { ConductivityExponent = new ConductivityExponents(-1, 0, -1, -1) }, source)).Heat;
        output.WriteLine($"constant {constant.ParticleMeanRiseK:F3} K, k(T) {varying.ParticleMeanRiseK:F3} K after " +
                         $"{varying.ConductivityIterations} Picard iterations");
        Assert.Equal(0, constant.ConductivityIterations);
        Assert.InRange(varying.ConductivityIterations, 3, 50);
        Assert.True(varying.ParticleMeanRiseK > 1.05 * constant.ParticleMeanRiseK);
        Assert.True(varying.EnergyBalanceRelativeError < 1e-6);
        Assert.Equal(20e-6, varying.BoundaryHeatFlowW.Values.Sum(), 1e-6 * 20e-6);
    }
}
