using MieCool.Mesh;
using MieCool.Mesh.Structured;
using MieCool.Thermal.Assembly;

namespace MieCool.Thermal.Tests;

/// <summary>
/// The numbering, operator and preconditioner are reused for the same mesh and matrix only, and reuse leaves the answer
/// bitwise unchanged.
/// </summary>
public class SolverCacheTests
{
    static HeatProblem Sphere(double kParticle, VolumetricSource source)
    {
        double R = 1e-6;
        var mesh = BoxMesher.Cube(3 * R, 6, 2, region: (x, y, z) => x * x + y * y + z * z < R * R ? Tags.Particle : Tags.Air,
                                  particle: new ParticlePlacement(R, R, 0, 0));
        return new HeatProblem(mesh, new Dictionary<int, double> { [Tags.Particle] = kParticle, [Tags.Air] = 1 },
            new Dictionary<int, BoundaryCondition> { [Tags.AirOuter] = new BoundaryCondition.FarField() }, source, 300);
    }

    [Theory]
    [InlineData(PreconditionerKind.IncompleteCholesky)]
    [InlineData(PreconditionerKind.Amg)]
    public void Another_source_on_the_same_operator_reuses_the_preconditioner_and_gives_the_same_field(PreconditionerKind kind)
    {
        var options = new SolverOptions(kind, 1e-12);
        var cache = new SolverCache();
        var uniform = Sphere(3, VolumetricSource.Uniform(1e15, Tags.Particle));
        var graded = Sphere(3, VolumetricSource.FromFunction((x, _, _, _) => 1e15 * (1 + x / 1e-6), Tags.Particle));
        var first = SteadyHeatSolver.Solve(uniform, options, cache);
        var second = SteadyHeatSolver.Solve(graded, options, cache);
        Assert.Equal((1, 1), (cache.Builds, cache.Reuses));
        Assert.Equal(SteadyHeatSolver.Solve(uniform, options).TemperatureRiseK, first.TemperatureRiseK);  // bitwise
        Assert.Equal(SteadyHeatSolver.Solve(graded, options).TemperatureRiseK, second.TemperatureRiseK);
        Assert.NotEqual(first.ParticleMeanRiseK, second.ParticleMeanRiseK);
    }

    [Fact]
    public void A_different_matrix_or_kind_builds_a_new_one()
    {
        var cache = new SolverCache();
        var source = VolumetricSource.Uniform(1e15, Tags.Particle);
        SteadyHeatSolver.Solve(Sphere(3, source), new SolverOptions(), cache);
        SteadyHeatSolver.Solve(Sphere(3.0000000001, source), new SolverOptions(), cache); // one conductivity a hair apart
        SteadyHeatSolver.Solve(Sphere(3.0000000001, source), new SolverOptions(PreconditionerKind.Jacobi), cache);
        Assert.Equal((3, 0), (cache.Builds, cache.Reuses));
    }

    /// <summary>
    /// Two kinds on one matrix are both kept (the AMG that takes over a stalled IC(0) solve keeps the IC(0)): alternating
    /// between them builds each once; another matrix replaces both.
    /// </summary>
    [Fact]
    public void Two_kinds_on_one_matrix_are_both_kept_and_another_matrix_replaces_them()
    {
        var cache = new SolverCache();
        var source = VolumetricSource.Uniform(1e15, Tags.Particle);
        foreach (var kind in new[] { PreconditionerKind.IncompleteCholesky, PreconditionerKind.Amg, PreconditionerKind.IncompleteCholesky,
                                     PreconditionerKind.Amg })
            SteadyHeatSolver.Solve(Sphere(3, source), new SolverOptions(kind), cache);
        Assert.Equal((2, 2), (cache.Builds, cache.Reuses));
        SteadyHeatSolver.Solve(Sphere(2, source), new SolverOptions(PreconditionerKind.Amg), cache);
        SteadyHeatSolver.Solve(Sphere(3, source), new SolverOptions(PreconditionerKind.IncompleteCholesky), cache);
        Assert.Equal((4, 2), (cache.Builds, cache.Reuses));
    }

    /// <summary>
    /// A particle on a substrate with every kind of term: convection on the air's surface, a fixed substrate bottom
    /// (eliminated columns move into the load), an interface conductance (doubled nodes, jump unknowns) and a region
    /// conductivity per cell.
    /// </summary>
    static HeatProblem OnSubstrate(TetMesh mesh, VolumetricSource source, double? g, double[]? cellK = null) =>
        new(mesh, new Dictionary<int, double> { [Tags.Particle] = 0.5, [Tags.Substrate] = 1.38, [Tags.Air] = 0.026 },
            new Dictionary<int, BoundaryCondition>
            {
                [Tags.AirOuter] = new BoundaryCondition.Convection(1e5, 300),
                [Tags.SubstrateOuter] = new BoundaryCondition.FixedTemperature(305),
            },
            source, 300, g) { CellConductivityWPerMK = cellK };

    static TetMesh SubstrateMesh(int order)
    {
        double a = 0.5e-6, p = a / 3;
        return BoxMesher.Cube(a, 6, order,
            region: (_, y, z) => Math.Abs(y) < p && z > 0 && z < 2 * p ? Tags.Particle : z < 0 ? Tags.Substrate : Tags.Air,
            surface: (_, _, z) => z < 0 ? Tags.SubstrateOuter : Tags.AirOuter);
    }

    [Theory]
    [InlineData(1, null)]
    [InlineData(2, null)]
    [InlineData(1, 1e8)]
    [InlineData(2, 1e8)]
    public void A_second_source_on_the_same_mesh_and_operator_reuses_the_assembly_bitwise(int order, double? g)
    {
        var mesh = SubstrateMesh(order);
        var points = HeatAssembler.SourcePoints(mesh, Tags.Particle);
        var sampled = VolumetricSource.Sampled(points, points.Positions.Chunk(3).Select(r => 1e15 * (1 + r[0] / 1e-7)).ToArray());
        var graded = VolumetricSource.FromFunction((x, y, _, _) => 1e15 * (2 + y / 1e-7), Tags.Particle);
        var uniform = VolumetricSource.Uniform(-3e14, Tags.Particle);
        var options = new SolverOptions(PreconditionerKind.IncompleteCholesky, 1e-12);
        var cache = new SolverCache();
        var results = new[] { sampled, graded, uniform }.Select(q => SteadyHeatSolver.Solve(OnSubstrate(mesh, q, g), options, cache))
                                                      .ToArray();
        Assert.Equal(2, cache.OperatorReuses);
        Assert.Equal((1, 2), (cache.Builds, cache.Reuses));
        var fresh = new[] { sampled, graded, uniform }.Select(q => SteadyHeatSolver.Solve(OnSubstrate(mesh, q, g), options)).ToArray();
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(fresh[i].TemperatureRiseK, results[i].TemperatureRiseK); // bitwise
            Assert.Equal(fresh[i].BoundaryHeatFlowW, results[i].BoundaryHeatFlowW);
            Assert.Equal(fresh[i].SourcePowerW, results[i].SourcePowerW);
            Assert.True(results[i].EnergyBalanceRelativeError < 1e-8, $"balance {results[i].EnergyBalanceRelativeError}");
        }
        Assert.NotEqual(results[0].ParticleMeanRiseK, results[1].ParticleMeanRiseK);
    }

    [Fact]
    public void Another_mesh_conductivity_boundary_or_interface_is_assembled_again()
    {
        var mesh = SubstrateMesh(1);
        var q = VolumetricSource.Uniform(1e15, Tags.Particle);
        var cache = new SolverCache();
        var cellK = mesh.CellRegion.Select(r => r == Tags.Particle ? 0.5 : r == Tags.Substrate ? 1.38 : 0.026).ToArray();
        var variants = new[]
        {
            OnSubstrate(mesh, q, null),
            OnSubstrate(mesh, q, 1e8),                                     // an interface conductance
            OnSubstrate(mesh, q, 2e8),                                     // another one
            OnSubstrate(mesh, q, 2e8, cellK),                              // conductivities per cell (the same values)
            OnSubstrate(mesh, q, 2e8, cellK.Select(k => 1.01 * k).ToArray()), // other ones
            OnSubstrate(mesh, q, 2e8) with { AmbientTemperatureK = 301 },
            OnSubstrate(SubstrateMesh(1), q, 2e8),                         // an equal mesh, but another instance
        };
        var last = variants[^1];
        variants = [.. variants, last with { Boundaries = new Dictionary<int, BoundaryCondition>(last.Boundaries)
            { [Tags.AirOuter] = new BoundaryCondition.Convection(2e5, 300) } }];
        foreach (var v in variants) SteadyHeatSolver.Solve(v, new SolverOptions(), cache);
        Assert.Equal(0, cache.OperatorReuses);
        SteadyHeatSolver.Solve(variants[^1] with { Source = VolumetricSource.Uniform(2e15, Tags.Particle) }, new SolverOptions(), cache);
        Assert.Equal(1, cache.OperatorReuses);
    }
}
