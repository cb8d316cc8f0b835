using MieCool.Core;
using MieCool.Mesh;
using MieCool.Results.Tests;
using MieCool.Thermal;

namespace MieCool.Cases.Tests;

public sealed class HeatProblemFromCaseTests
{
    static Case Thermal(string extra = "", string solver = "") => Case.Parse($$"""
        [particle]
        material = "p"
        radius = "100 nm"
        [substrate]
        material = "s"
        contact_radius = "20 nm"
        [thermal]
        ambient = "300 K"
        conductivity = { particle = "0.5 W/(m K)", substrate = "1.38 W/(m K)", air = "0.026 W/(m K)" }
        {{extra}}
        [thermal.solver]
        {{solver}}
        [source]
        power = "2 uW"
        """, "heat.toml");

    [Fact]
    public void Regions_boundaries_and_ambient_reach_the_heat_problem()
    {
        var mesh = TestMeshes.Box(3);
        var p = HeatProblemFromCase.Build(Thermal(), mesh);
        Assert.Equal(new Dictionary<int, double> { [Tags.Particle] = 0.5, [Tags.Substrate] = 1.38, [Tags.Air] = 0.026 }, p.ConductivityWPerMK);
        Assert.Equal([Tags.AirOuter, Tags.SubstrateOuter], p.Boundaries.Keys.Order());
        Assert.All(p.Boundaries.Values, b => Assert.IsType<BoundaryCondition.FarField>(b));
        Assert.Equal(300, p.AmbientTemperatureK);
        p.Validate();

        var fixedT = HeatProblemFromCase.Build(Thermal("outer_boundary = \"fixed\""), mesh);
        Assert.All(fixedT.Boundaries.Values, b => Assert.Equal(new BoundaryCondition.FixedTemperature(300), b));
        var conv = HeatProblemFromCase.Build(Thermal("outer_boundary = \"convection\"\nheat_transfer_coefficient = \"15 W/(m^2 K)\""), mesh);
        Assert.All(conv.Boundaries.Values, b => Assert.Equal(new BoundaryCondition.Convection(15, 300), b));
    }

    /// <summary>Energy balance: in steady state the [source] power P leaves through the fixed-temperature boundary.</summary>
    [Fact]
    public void The_source_power_is_deposited_exactly_and_leaves_through_the_boundary()
    {
        var c = Thermal("outer_boundary = \"fixed\"", "preconditioner = \"dense\"");
        var mesh = TestMeshes.Box(3);
        var s = SteadyHeatSolver.Solve(HeatProblemFromCase.Build(c, mesh), HeatProblemFromCase.Solver(c.Thermal!));
        Assert.Equal(2e-6, s.SourcePowerW, 2e-6 * 1e-12);
        Assert.Equal(2e-6, s.BoundaryHeatFlowW.Values.Sum(), 2e-6 * 1e-8);
        Assert.True(s.ParticleMaxRiseK > 0);
    }

    [Fact]
    public void Solver_settings_map_one_to_one()
    {
        var o = HeatProblemFromCase.Solver(Thermal(solver: "preconditioner = \"amg\"\ntolerance = 1e-8\nmax_iterations = 77").Thermal!);
        Assert.Equal(new SolverOptions(PreconditionerKind.Amg, 1e-8, 77), o);
    }

    [Fact]
    public void An_interface_conductance_is_refused_at_its_line_not_dropped()
    {
        var e = Assert.Throws<InputException>(() => HeatProblemFromCase.Build(Thermal("interface_conductance = \"1e8 W/(m^2 K)\""), TestMeshes.Box(2)));
        Assert.Equal(("heat.toml", "thermal.interface_conductance", 10), (e.Origin, e.Key, e.Line));
        Assert.Contains("not supported", e.Message);
    }

    [Fact]
    public void A_thermal_study_without_thermal_or_source_section_names_what_is_missing()
    {
        var noThermal = Case.Parse("[particle]\nmaterial = \"p\"\nradius = \"100 nm\"\n[substrate]\nmaterial = \"s\"\ncontact_radius = \"20 nm\"\n", "x.toml");
        var e = Assert.Throws<InputException>(() => HeatProblemFromCase.Build(noThermal, TestMeshes.Box(2), neededBy: "`miecool solve`"));
        Assert.Contains("missing section [thermal], needed by `miecool solve`", e.Message);
        var noSource = Case.Parse(Thermal().Effective().Replace("power = ", "# power = ").Replace("[source]", ""), "y.toml");
        var e2 = Assert.Throws<InputException>(() => HeatProblemFromCase.Build(noSource, TestMeshes.Box(2)));
        Assert.Contains("missing section [source]", e2.Message);
    }
}
