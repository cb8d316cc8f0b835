using MieCool.Mesh;
using MieCool.Optics.Cooling;
using MieCool.Thermal;
using MieCool.Thermal.Transient;

namespace MieCool.Coupling.Tests;

/// <summary>
/// The transient coupled model on a coarse mesh: it ends where the steady state is, its source follows the particle
/// temperature, a pump switched off lets the particle return to ambient, and the response times are read off the curve.
/// </summary>
public sealed class TransientModelTests(Xunit.Abstractions.ITestOutputHelper output)
{
    // MAPbI3-like particle, fused-silica substrate, air (the headline case's values)
    static readonly RegionHeatCapacities Capacities = new((4160, 250), null, (2200, 740), (1.16, 1007));

    static CoupledProblem Problem(SteadyStateModel model) => Problems.Coupled() with
    {
        Thermal = Problems.Thermal() with { HeatCapacity = Capacities },
        SteadyState = new SteadyStateSettings(model),
    };

    /// <summary>
    /// Cooling that weakens as the particle cools (eta_int falling with T, as in the steady-state tests): the curve ends at
    /// the self-consistent steady state to 1e-4 of the change, with the steady state's net heat, every step in balance.
    /// </summary>
    [Fact]
    public void ASelfConsistentTransientEndsAtTheSteadyStateWithItsHeat()
    {
        var p = Problem(SteadyStateModel.SelfConsistent);
        double ambient = p.Thermal.AmbientK;
        CoolingInputs At(double t) => p.Optics with { InternalQuantumEfficiency = Math.Clamp(0.99 - 0.004 * (ambient - t), 0, 1) };
        var s = TransientModel.Solve(p, At, new TransientSpec(null, PumpSchedule.Continuous), 1e-3, null, default);
        var steady = s.Steady!;
        output.WriteLine($"end {s.Transient.End.ParticleMeanRiseK:R} K, steady {s.SteadyRiseK:R} K, {s.Transient.Steps.Count} steps, " +
                         $"{s.Transient.SourceEvaluations} source evaluations, {s.FieldSamplings} field samplings; " +
                         $"t50 {s.Times.T50S:e3} s, t90 {s.Times.T90S:e3} s, t99 {s.Times.T99S:e3} s");
        Assert.True(steady.SteadyState.Converged, steady.SteadyState.Status);
        Assert.True(s.SteadyRiseK < 0);
        Assert.Equal(s.SteadyRiseK, s.Transient.End.ParticleMeanRiseK, 1e-4 * Math.Abs(s.SteadyRiseK));
        Assert.Equal(steady.Optics.HeatPowerW, s.Transient.End.SourcePowerW, 1e-4 * steady.Optics.AbsorbedPowerW);
        Assert.Equal(s.Transient.End.SourcePowerW, s.Transient.End.OutflowW, 1e-4 * steady.Optics.AbsorbedPowerW);
        Assert.True(s.Transient.WorstEnergyBalance < 1e-7, $"energy balance {s.Transient.WorstEnergyBalance:e2}");
        // the linear model's transient would cool harder: its source is the ambient one throughout
        Assert.True(s.Transient.Steps[0].SourcePowerW < s.Transient.End.SourcePowerW);
        Assert.True(s.Times.T50S < s.Times.T90S && s.Times.T90S < s.Times.T99S);
    }

    /// <summary>A prescribed source: the curve rises to the steady rise; switched off, the particle returns to ambient.</summary>
    [Fact]
    public void APrescribedSourceReachesItsSteadyRiseAndReturnsToAmbientWhenSwitchedOff()
    {
        var p = new ConductionProblem(Problems.Mesh(), Problems.Thermal() with { HeatCapacity = Capacities },
                                      new PrescribedSource.Uniform(1e-6));
        var on = TransientModel.Solve(p, new TransientSpec(null, PumpSchedule.Continuous), 1e-3);
        Assert.Equal(on.SteadyRiseK, on.Transient.End.ParticleMeanRiseK, 1e-4 * on.SteadyRiseK);
        var off = TransientModel.Solve(p, new TransientSpec(null, new PumpSchedule(OffS: 5e-4)), 1e-3);
        var atOff = off.Transient.Steps.Single(x => x.TimeS == 5e-4);
        Assert.Equal(off.SteadyRiseK, atOff.ParticleMeanRiseK, 1e-4 * off.SteadyRiseK); // its own mesh (HXT: not the same twice)
        Assert.True(Math.Abs(off.Transient.End.ParticleMeanRiseK) < 1e-4 * on.SteadyRiseK,
                    $"{off.Transient.End.ParticleMeanRiseK} K left 0.5 ms after the pump went off");
    }

    /// <summary>On theta = theta_s (1 - exp(-t / tau)) the response times are tau ln 2, tau ln 10 and tau ln 100.</summary>
    [Fact]
    public void ResponseTimesOfAnExponentialApproachAreTauLnTwoTenAndHundred()
    {
        const double tau = 1e-6, rise = -40;
        var steps = Enumerable.Range(1, 20000).Select(k => k * 1e-9)
            .Select(t => new TransientStep(t, rise * (1 - Math.Exp(-t / tau)), 0, 0, 0, 0, 0, 0, true, 1e-9, 1)).ToList();
        var r = ResponseTimes.Of(steps, rise);
        Assert.Equal(tau * Math.Log(2), r.T50S!.Value, 1e-12);
        Assert.Equal(tau * Math.Log(10), r.T90S!.Value, 1e-12);
        Assert.Equal(tau * Math.Log(100), r.T99S!.Value, 1e-11);
        // switched off before 99 %: not reached
        var cut = steps.Select(s => s.TimeS > 3e-6 ? s with { PumpOn = false } : s).ToList();
        Assert.Null(ResponseTimes.Of(cut, rise).T99S);
        Assert.NotNull(ResponseTimes.Of(cut, rise).T90S);
    }

    [Fact]
    public void MissingHeatCapacitiesAreRefusedBeforeAnythingIsComputed()
    {
        var p = Problems.Coupled() with { SteadyState = new SteadyStateSettings(SteadyStateModel.SelfConsistent) };
        var e = Assert.Throws<Core.InputException>(() => TransientModel.Solve(p, new TransientSpec(null, PumpSchedule.Continuous), 1e-3));
        Assert.Contains("density.particle", e.Message);
    }
}
