using MieCool.Mesh;
using MieCool.Mesh.Structured;
using MieCool.Thermal.LinearAlgebra;

namespace MieCool.Thermal.Tests;

/// <summary>
/// A solve is read from the store only when it is the very same system with the same solver settings, what is read is
/// bit for bit what the solve computes, and a store that cannot be used only costs the solve.
/// </summary>
public sealed class SolutionStoreTests : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("miecool-solutions-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    static HeatProblem Sphere(double kParticle, VolumetricSource source, BoundaryCondition? outer = null)
    {
        double R = 1e-6;
        var mesh = BoxMesher.Cube(3 * R, 6, 2, region: (x, y, z) => x * x + y * y + z * z < R * R ? Tags.Particle : Tags.Air,
                                  particle: new ParticlePlacement(R, R, 0, 0));
        return new HeatProblem(mesh, new Dictionary<int, double> { [Tags.Particle] = kParticle, [Tags.Air] = 1 },
            new Dictionary<int, BoundaryCondition> { [Tags.AirOuter] = outer ?? new BoundaryCondition.FarField() }, source, 300);
    }

    static readonly VolumetricSource Uniform = VolumetricSource.Uniform(1e15, Tags.Particle);

    [Fact]
    public void The_same_system_is_read_back_bit_for_bit_with_its_statistics()
    {
        var store = new SolutionStore(_folder);
        var options = new SolverOptions(PreconditionerKind.IncompleteCholesky, 1e-12);
        var solved = SteadyHeatSolver.Solve(Sphere(3, Uniform), options, null, store);
        Assert.Equal((0, 1), (store.Hits, store.Writes));
        Assert.Single(Directory.GetFiles(_folder, "*.solution"));
        var read = new SolutionStore(_folder);
        var again = SteadyHeatSolver.Solve(Sphere(3, Uniform), options, null, read); // a new mesh object, the same values
        Assert.Equal((1, 0), (read.Hits, read.Writes));
        Assert.Equal(solved.TemperatureRiseK, again.TemperatureRiseK); // bitwise
        Assert.Equal(solved.Solver, again.Solver);
        Assert.Equal(solved.ParticleMeanRiseK, again.ParticleMeanRiseK);
        Assert.Equal(solved.BoundaryHeatFlowW, again.BoundaryHeatFlowW);
        Assert.True(solved.Solver.Iterations > 0);
        Assert.Equal(SteadyHeatSolver.Solve(Sphere(3, Uniform), options).TemperatureRiseK, again.TemperatureRiseK);
    }

    [Fact]
    public void Any_change_of_matrix_load_boundary_solver_settings_or_thread_count_solves_again()
    {
        var store = new SolutionStore(_folder);
        var options = new SolverOptions(PreconditionerKind.IncompleteCholesky, 1e-12);
        SteadyHeatSolver.Solve(Sphere(3, Uniform), options, null, store);
        SteadyHeatSolver.Solve(Sphere(3.0000000001, Uniform), options, null, store); // a conductivity a hair apart
        SteadyHeatSolver.Solve(Sphere(3, VolumetricSource.Uniform(1.0000000001e15, Tags.Particle)), options, null, store);
        SteadyHeatSolver.Solve(Sphere(3, Uniform, new BoundaryCondition.Convection(1e5, 300)), options, null, store);
        SteadyHeatSolver.Solve(Sphere(3, Uniform), options with { RelativeTolerance = 1e-11 }, null, store);
        SteadyHeatSolver.Solve(Sphere(3, Uniform), options with { MaxIterations = 19_999 }, null, store);
        SteadyHeatSolver.Solve(Sphere(3, Uniform), options with { Preconditioner = PreconditionerKind.Jacobi }, null, store);
        int threads = Parallelism.Threads;
        try
        {
            Parallelism.Threads = threads + 1; // another chunking of the partial sums: other bits
            SteadyHeatSolver.Solve(Sphere(3, Uniform), options, null, store);
        }
        finally { Parallelism.Threads = threads; }
        Assert.Equal((0, 8), (store.Hits, store.Writes));
        Assert.Equal(8, Directory.GetFiles(_folder, "*.solution").Length);
        SteadyHeatSolver.Solve(Sphere(3, Uniform), options, null, store);
        Assert.Equal(1, store.Hits);
    }

    /// <summary>
    /// A solve read from the store builds no preconditioner; <see cref="SteadyHeatSolver.Precondition"/> builds the one of
    /// its operator ahead of the next solve, which reuses it and gives bit for bit a fresh solve's field.
    /// </summary>
    [Fact]
    public void A_read_solve_builds_no_preconditioner_and_one_built_ahead_serves_the_next_solve()
    {
        var options = new SolverOptions(PreconditionerKind.IncompleteCholesky, 1e-12);
        SteadyHeatSolver.Solve(Sphere(3, Uniform), options, null, new SolutionStore(_folder));
        var cache = new SolverCache();
        var problem = Sphere(3, Uniform);
        SteadyHeatSolver.Solve(problem, options, cache, new SolutionStore(_folder));
        Assert.Equal((0, 0), (cache.Builds, cache.Reuses));
        SteadyHeatSolver.Precondition(cache, options);
        SteadyHeatSolver.Precondition(cache, options); // already there
        Assert.Equal((1, 0), (cache.Builds, cache.Reuses));
        var graded = problem with { Source = VolumetricSource.FromFunction((x, _, _, _) => 1e15 * (1 + x / 1e-6), Tags.Particle) };
        var next = SteadyHeatSolver.Solve(graded, options, cache);
        Assert.Equal((1, 1), (cache.Builds, cache.Reuses));
        Assert.Equal(SteadyHeatSolver.Solve(graded, options).TemperatureRiseK, next.TemperatureRiseK); // bitwise
    }

    [Fact]
    public void Temperature_dependent_conductivities_are_never_stored()
    {
        var store = new SolutionStore(_folder);
        var problem = Sphere(3, Uniform) with { ConductivityExponent = new Dictionary<int, double> { [Tags.Particle] = -1 } };
        SteadyHeatSolver.Solve(problem, new SolverOptions(), null, store);
        Assert.Equal((0, 0), (store.Hits, store.Writes));
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public void An_entry_that_does_not_check_out_is_solved_again_and_replaced()
    {
        var options = new SolverOptions(PreconditionerKind.IncompleteCholesky, 1e-12);
        var solved = SteadyHeatSolver.Solve(Sphere(3, Uniform), options, null, new SolutionStore(_folder));
        string entry = Directory.GetFiles(_folder, "*.solution").Single();
        var bytes = File.ReadAllBytes(entry);
        bytes[bytes.Length / 2] ^= 1; // one bit of one unknown
        File.WriteAllBytes(entry, bytes);
        var lines = new List<string>();
        var store = new SolutionStore(_folder);
        var again = SteadyHeatSolver.Solve(Sphere(3, Uniform), options, null, store, new Collect(lines));
        Assert.Equal((0, 1), (store.Hits, store.Writes));
        Assert.Contains(lines, l => l.Contains("does not check out", StringComparison.Ordinal));
        Assert.Equal(solved.TemperatureRiseK, again.TemperatureRiseK);
        var fresh = new SolutionStore(_folder);
        SteadyHeatSolver.Solve(Sphere(3, Uniform), options, null, fresh);
        Assert.Equal(1, fresh.Hits);
    }

    [Fact]
    public void A_folder_that_cannot_be_written_costs_the_solve_only()
    {
        string blocked = Path.Combine(_folder, "file");
        File.WriteAllText(blocked, "a file where the folder should be");
        var store = new SolutionStore(Path.Combine(blocked, "solutions"));
        var lines = new List<string>();
        var s = SteadyHeatSolver.Solve(Sphere(3, Uniform), new SolverOptions(), null, store, new Collect(lines));
        Assert.Equal((0, 0), (store.Hits, store.Writes));
        Assert.Contains(lines, l => l.StartsWith("solution store: cannot write", StringComparison.Ordinal));
        Assert.True(s.ParticleMeanRiseK > 0);
        Assert.Equal([blocked], Directory.GetFileSystemEntries(_folder)); // no temporary file left
    }

    [Fact]
    public void The_folder_is_kept_below_its_size_least_recently_used_first()
    {
        var options = new SolverOptions(PreconditionerKind.IncompleteCholesky, 1e-12);
        long one = new FileInfo(Write(new SolutionStore(_folder), 1.0, options)).Length;
        var store = new SolutionStore(_folder, maxBytes: 2 * one + one / 2); // room for two
        string second = Write(store, 2.0, options);
        File.SetLastWriteTimeUtc(second, DateTime.UtcNow.AddMinutes(-10)); // the oldest now
        Write(store, 3.0, options);
        var left = Directory.GetFiles(_folder, "*.solution");
        Assert.Equal(2, left.Length);
        Assert.DoesNotContain(second, left);
    }

    string Write(SolutionStore store, double k, SolverOptions options)
    {
        var before = Directory.GetFiles(_folder, "*.solution").ToHashSet();
        SteadyHeatSolver.Solve(Sphere(k, Uniform), options, null, store);
        return Directory.GetFiles(_folder, "*.solution").Single(f => !before.Contains(f));
    }

    sealed class Collect(List<string> lines) : IProgress<string>
    {
        public void Report(string value) { lock (lines) lines.Add(value); }
    }
}
