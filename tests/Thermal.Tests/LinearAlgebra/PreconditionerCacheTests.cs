using MieCool.Mesh;
using MieCool.Mesh.Structured;
using MieCool.Thermal.LinearAlgebra;

namespace MieCool.Thermal.Tests.LinearAlgebra;

/// <summary>The preconditioner is reused for the same matrix only, and reuse leaves the answer bitwise unchanged.</summary>
public class PreconditionerCacheTests
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
        var cache = new PreconditionerCache();
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
        var cache = new PreconditionerCache();
        var source = VolumetricSource.Uniform(1e15, Tags.Particle);
        SteadyHeatSolver.Solve(Sphere(3, source), new SolverOptions(), cache);
        SteadyHeatSolver.Solve(Sphere(3.0000000001, source), new SolverOptions(), cache); // one conductivity a hair apart
        SteadyHeatSolver.Solve(Sphere(3.0000000001, source), new SolverOptions(PreconditionerKind.Jacobi), cache);
        Assert.Equal((3, 0), (cache.Builds, cache.Reuses));
    }
}
