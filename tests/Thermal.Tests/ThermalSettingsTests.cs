using MieCool.Core;
using MieCool.Mesh;
using MieCool.Mesh.Structured;

namespace MieCool.Thermal.Tests;

/// <summary>The case-free thermal settings put on a mesh: regions, outer boundaries, ambient, refusals.</summary>
public sealed class ThermalSettingsTests
{
    /// <summary>A 1 um cube: glass below z = 0, air above, a particle cube at the centre; outer faces tagged by side.</summary>
    static TetMesh Box() => BoxMesher.Cube(0.5e-6, 3,
        region: (x, y, z) => Math.Max(Math.Abs(x), Math.Max(Math.Abs(y), Math.Abs(z))) < 0.5e-6 / 3 ? Tags.Particle
                             : z < 0 ? Tags.Substrate
                             : Tags.Air,
        surface: (_, _, z) => z < 0 ? Tags.SubstrateOuter : Tags.AirOuter);

    static ThermalSettings Settings(OuterBoundary outer = OuterBoundary.FarField, double? h = null, double? g = null,
                                    double? shell = null) =>
        new(300, new RegionConductivities(0.5, shell, 1.38, 0.026), outer, h, g, new SolverOptions(PreconditionerKind.DenseDirect));

    [Fact]
    public void Regions_boundaries_and_ambient_reach_the_heat_problem()
    {
        var mesh = Box();
        var p = Settings().Problem(mesh, VolumetricSource.None);
        Assert.Equal(new Dictionary<int, double> { [Tags.Particle] = 0.5, [Tags.Substrate] = 1.38, [Tags.Air] = 0.026 },
                     p.ConductivityWPerMK);
        Assert.Equal([Tags.AirOuter, Tags.SubstrateOuter], p.Boundaries.Keys.Order());
        Assert.All(p.Boundaries.Values, b => Assert.IsType<BoundaryCondition.FarField>(b));
        Assert.Equal(300, p.AmbientTemperatureK);
        p.Validate();

        var fixedT = Settings(OuterBoundary.Fixed).Problem(mesh, VolumetricSource.None);
        Assert.All(fixedT.Boundaries.Values, b => Assert.Equal(new BoundaryCondition.FixedTemperature(300), b));
        var conv = Settings(OuterBoundary.Convection, h: 15).Problem(mesh, VolumetricSource.None);
        Assert.All(conv.Boundaries.Values, b => Assert.Equal(new BoundaryCondition.Convection(15, 300), b));
    }

    /// <summary>Energy balance: in steady state the source power P leaves through the fixed-temperature boundary.</summary>
    [Fact]
    public void A_source_power_leaves_through_the_outer_boundary()
    {
        var mesh = Box();
        double v = mesh.RegionVolumes()[Tags.Particle];
        var s = SteadyHeatSolver.Solve(Settings(OuterBoundary.Fixed).Problem(mesh, VolumetricSource.Uniform(2e-6 / v, Tags.Particle)),
                                       Settings().Solver);
        Assert.Equal(2e-6, s.SourcePowerW, 2e-6 * 1e-12);
        Assert.Equal(2e-6, s.BoundaryHeatFlowW.Values.Sum(), 2e-6 * 1e-8);
        Assert.True(s.ParticleMaxRiseK > 0);
    }

    [Fact]
    public void Settings_the_solver_cannot_honour_are_refused_by_name()
    {
        foreach (var g in new[] { 0, -1e8, double.PositiveInfinity, double.NaN })
            Assert.Equal("interface_conductance", Assert.Throws<InputException>(() => Settings(g: g).Validate()).Key);
        Assert.Equal("heat_transfer_coefficient", Assert.Throws<InputException>(() => Settings(OuterBoundary.Convection).Validate()).Key);
        var shell = BoxMesher.Cube(0.5e-6, 2, region: (_, _, _) => Tags.Shell);
        Assert.Equal("conductivity.shell", Assert.Throws<InputException>(() => Settings().Problem(shell, VolumetricSource.None)).Key);
        Assert.Equal(1.4, Settings(shell: 1.4).Problem(shell, VolumetricSource.None).ConductivityWPerMK[Tags.Shell]);
        Settings().Validate();
    }

    /// <summary>A positive finite Kapitza conductance is an input: validated, and handed to the heat problem.</summary>
    [Fact]
    public void An_interface_conductance_reaches_the_heat_problem()
    {
        Settings(g: 1e8).Validate();
        var p = Settings(g: 1e8).Problem(Box(), VolumetricSource.None);
        Assert.Equal(1e8, p.InterfaceConductanceWPerM2K);
        p.Validate();
        Assert.Null(Settings().Problem(Box(), VolumetricSource.None).InterfaceConductanceWPerM2K);
        Assert.Equal("interface_conductance",
                     Assert.Throws<InputException>(() => (p with { InterfaceConductanceWPerM2K = 0 }).Validate()).Key);
    }
    /// <summary>
    /// Exponents put the conductivities at the ambient temperature, k_r (T_ambient / T_k)^p_r, and carry the exponents to
    /// the problem; zero exponents leave the problem as without them.
    /// </summary>
    [Fact]
    public void Conductivity_exponents_give_the_conductivities_at_ambient_and_zero_ones_change_nothing()
    {
        var mesh = Box();
        var law = Settings() with { ConductivityExponent = new ConductivityExponents(-1, 0, 0.5, 0), ConductivityReferenceK = 600 };
        law.Validate();
        var p = law.Problem(mesh, VolumetricSource.None);
        Assert.Equal(1.0, p.ConductivityWPerMK[Tags.Particle], 1e-15);                 // 0.5 (300 / 600)^-1
        Assert.Equal(1.38 * Math.Sqrt(0.5), p.ConductivityWPerMK[Tags.Substrate], 1e-15); // 1.38 (300 / 600)^0.5
        Assert.Equal(0.026, p.ConductivityWPerMK[Tags.Air]);
        Assert.Equal(new Dictionary<int, double> { [Tags.Particle] = -1, [Tags.Substrate] = 0.5, [Tags.Air] = 0 }, p.ConductivityExponent);
        Assert.True(p.IsTemperatureDependent);

        var zero = (Settings() with { ConductivityExponent = new ConductivityExponents(0, 0, 0, 0), ConductivityReferenceK = 250 })
            .Problem(mesh, VolumetricSource.None);
        var plain = Settings().Problem(mesh, VolumetricSource.None);
        Assert.Null(zero.ConductivityExponent);
        Assert.Equal(plain.ConductivityWPerMK, zero.ConductivityWPerMK);
    }

    [Theory]
    [InlineData(3.5, 0, "conductivity_exponent.particle")]
    [InlineData(0, double.NaN, "conductivity_exponent.substrate")]
    [InlineData(0, -3.01, "conductivity_exponent.substrate")]
    public void Exponents_outside_their_range_are_refused_by_name(double particle, double substrate, string key)
    {
        var e = Assert.Throws<InputException>(() =>
            (Settings() with { ConductivityExponent = new ConductivityExponents(particle, 0, substrate, 0) }).Validate());
        Assert.Equal(key, e.Key);
        Assert.Contains("[-3, 3]", e.Message);
        Assert.Equal("conductivity_temperature",
                     Assert.Throws<InputException>(() => (Settings() with { ConductivityReferenceK = 0 }).Validate()).Key);
    }
}
