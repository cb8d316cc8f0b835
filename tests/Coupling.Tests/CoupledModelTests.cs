using MieCool.Core;
using MieCool.Optics.Emitters;

namespace MieCool.Coupling.Tests;

/// <summary>The coupled model end to end on a coarse mesh: one Mie solution at the pump, energy balance, validation once.</summary>
public sealed class CoupledModelTests
{
    [Fact]
    public void The_pump_is_solved_once_and_its_coefficients_give_the_field()
    {
        var (optics, pumpField) = CoupledModel.Optics(Problems.Coupled(), null);
        var field = Assert.IsType<Optics.Fields.SphereField>(pumpField); // no substrate optics: the homogeneous host's field
        Assert.Equal(optics.Pump.Mie.NMax, field.Coefficients.NMax);
        Assert.Equal(Optics.Mie.MieSolver.TermCount(optics.Pump.Mie.X) + Optics.Fields.SphereField.ExtraTerms, field.Coefficients.NMax);
        Assert.True(optics.Pump.Mie.A.SequenceEqual(field.Coefficients.A));
        // the extra terms do not move Qabs beyond round-off against the plain cooling model
        var plain = Optics.Cooling.CoolingModel.Evaluate(Problems.Optics());
        Assert.Equal(plain.Pump.Qabs, optics.Pump.Qabs, 1e-13 * plain.Pump.Qabs);
    }

    /// <summary>
    /// Energy balance of the final field: the FEM's source equals P_heat = -eta_c P_abs, and in the steady state the
    /// same power crosses the particle's surface and the outer boundary. A cooling particle is colder than ambient.
    /// </summary>
    [Theory]
    [InlineData(EmitterDistribution.Uniform)]
    [InlineData(EmitterDistribution.Absorbed)]
    public void The_steady_field_balances_P_heat(EmitterDistribution emitters)
    {
        var s = CoupledModel.Solve(Problems.Coupled(emitters));
        double pHeat = s.Optics.HeatPowerW, pAbs = s.Optics.AbsorbedPowerW;
        Assert.True(s.Optics.CoolingEfficiency > 0);
        Assert.Equal(pHeat, s.Thermal.Source.IntegralW, 1e-9 * pAbs);
        Assert.Equal(pHeat, s.Thermal.Heat.SourcePowerW, 1e-9 * pAbs);
        Assert.Equal(pHeat, s.Thermal.Heat.BoundaryHeatFlowW.Values.Sum(), 1e-6 * pAbs);
        Assert.Equal(pHeat, s.Thermal.Heat.ParticleHeatFlowW, 1e-6 * pAbs);
        Assert.True(s.Thermal.Heat.ParticleMaxRiseK < 0);
        Assert.Same(s.Source.Heat, s.Thermal.Source);
        Assert.True(s.Source.Scale > 1, "the meshed particle is cut flat at the contact, so it is smaller than the Mie sphere");
        var t = s.Thermal.Timings;
        Assert.True(t.Optics > TimeSpan.Zero && t.Mesh > TimeSpan.Zero && t.Solve > TimeSpan.Zero);
        Assert.Equal(t.Optics + t.Mesh + t.Source + t.Assemble + t.Solve - t.Overlap, t.Total);
    }

    [Fact]
    public void The_stages_report_in_order()
    {
        var stages = new List<string>();
        CoupledModel.Solve(Problems.Coupled(), new Sync(p =>
        {
            lock (stages) if (stages.Count == 0 || stages[^1] != p.Stage) stages.Add(p.Stage);
        }));
        Assert.Equal(["optics", "mesh", "source", "solve"], stages);
    }

    [Fact]
    public void Bad_input_is_refused_before_any_computation_with_the_models_own_parameter_names()
    {
        var p = Problems.Coupled();
        var shell = Assert.Throws<InputException>(() => CoupledModel.Solve(p with { Mesh = p.Mesh with { ShellThickness = 10e-9 } }));
        Assert.Equal("shell_thickness", shell.Key);
        var radius = Assert.Throws<InputException>(() => CoupledModel.Solve(p with { Mesh = p.Mesh with { Radius = 150e-9 } }));
        Assert.Equal("radius", radius.Key);
        var kapitza = Assert.Throws<InputException>(() =>
            CoupledModel.Solve(p with { Thermal = Problems.Thermal(interfaceConductance: 0) }));
        Assert.Equal("interface_conductance", kapitza.Key);
        var eta = Assert.Throws<InputException>(() =>
            CoupledModel.Solve(p with { Optics = p.Optics with { InternalQuantumEfficiency = 1.5 } }));
        Assert.DoesNotContain("--", eta.Message);
        Assert.Equal(p.Optics.DiameterM * 0.75, p.WithDiameter(p.Optics.DiameterM * 0.75).Mesh.Radius * 2, 1e-20);
    }

    [Fact]
    public void A_cancelled_solve_stops_before_meshing()
    {
        using var cts = new CancellationTokenSource();
        var seen = new List<string>();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            CoupledModel.Solve(Problems.Coupled(), new Sync(p => { lock (seen) seen.Add(p.Stage); }), cts.Token));
        Assert.DoesNotContain("mesh", seen);
    }

    sealed class Sync(Action<StageProgress> report) : IProgress<StageProgress>
    {
        public void Report(StageProgress value) => report(value);
    }
}
