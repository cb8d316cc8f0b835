using System.Diagnostics;
using MieCool.Core;
using MieCool.Cases;
using MieCool.Results;
using MieCool.Mesh;
using MieCool.Thermal;
using MieCool.Thermal.Assembly;

namespace MieCool.Cli.Pipeline;

/// <summary>
/// The heat source of a thermal run: q (W/m^3) at the quadrature points of the particle's cells (core and shell).
/// The uniform source of `miecool heat` and the Mie absorbed-power density of `miecool run` are both one of these.
/// </summary>
/// <param name="Description">One line for the echo and summary.json, with units, e.g. "1 uW uniform in the particle".</param>
/// <param name="Evaluate">Values of q in W/m^3, one per point of the given <see cref="SourcePoints"/> (in its order).</param>
public sealed record HeatSourceModel(string Description, Func<SourcePoints, double[]> Evaluate)
{
    /// <summary>
    /// A total power spread uniformly over the particle as meshed: q = P / V_mesh, so that int q dx = P exactly on the
    /// mesh (the polyhedral particle is slightly smaller than the sphere; the total power is what the user gave).
    /// </summary>
    public static HeatSourceModel Uniform(double powerW) => new(
        FormattableString.Invariant($"{powerW * 1e6:G6} uW uniform in the particle"),
        points =>
        {
            double volume = points.Weights.Sum();
            if (!(volume > 0)) throw new ComputationException("the mesh has no particle cells to carry the heat source");
            var q = new double[points.Count];
            Array.Fill(q, powerW / volume);
            return q;
        })
    { TotalPowerW = powerW };

    /// <summary>A density q(x, y, z) in W/m^3 (metres, substrate top at z = 0), evaluated at each quadrature point.</summary>
    public static HeatSourceModel FromDensity(string description, Func<double, double, double, double> densityWPerM3) => new(
        description,
        points =>
        {
            var q = new double[points.Count];
            for (int p = 0; p < q.Length; p++)
                q[p] = densityWPerM3(points.Positions[3 * p], points.Positions[3 * p + 1], points.Positions[3 * p + 2]);
            return q;
        });

    /// <summary>The prescribed total power when the model has one (uniform source), else null; W.</summary>
    public double? TotalPowerW { get; init; }
}

/// <summary>Wall-clock time of each stage of a thermal run.</summary>
public sealed record StageTimings(TimeSpan Mesh, TimeSpan Assemble, TimeSpan Solve, TimeSpan Export)
{
    public TimeSpan Total => Mesh + Assemble + Solve + Export;
}

/// <summary>A stage's progress message: <see cref="Stage"/> is "mesh", "source", "assemble", "solve" or "export".</summary>
public readonly record struct StageProgress(string Stage, string Message);

/// <summary>
/// The result of a thermal run: the mesh, the problem as solved, the temperature field with its derived quantities,
/// the source density per cell (for export) and the stage timings.
/// </summary>
/// <param name="Mesh">The mesh and its quality report.</param>
/// <param name="Problem">The heat problem that was solved (conductivities, boundary conditions, source).</param>
/// <param name="Solution">Temperature rise, particle statistics, heat flows, energy balance, solver statistics.</param>
/// <param name="SourcePoints">The particle's quadrature points where the source was evaluated.</param>
/// <param name="SourceWPerM3">q at each of <see cref="SourcePoints"/>, W/m^3.</param>
/// <param name="CellSourceWPerM3">Cell average of q (0 outside the particle), W/m^3.</param>
/// <param name="Timings">Stage timings (export is zero until <see cref="ThermalPipeline.Export"/>).</param>
public sealed record ThermalRun(
    MeshResult Mesh,
    HeatProblem Problem,
    HeatSolution Solution,
    SourcePoints SourcePoints,
    double[] SourceWPerM3,
    double[] CellSourceWPerM3,
    StageTimings Timings);

/// <summary>
/// The thermal pipeline, stage by stage: <see cref="MeshStage"/> (gmsh) -> <see cref="ProblemStage"/> (conductivities,
/// boundary conditions, the source evaluated at the particle's quadrature points) -> <see cref="SolveStage"/> (FEM) ->
/// <see cref="Export"/> (HDF5 + XDMF). <see cref="Run"/> chains the first three. It knows no console: progress goes to
/// an <see cref="IProgress{T}"/> (the Cli's <see cref="ProgressDisplay"/>), failures are exceptions
/// (<see cref="InputException"/> for bad input, <see cref="SolverNotConvergedException"/> when CG stops early).
/// <code>
///   var pipeline = new ThermalPipeline(progress);
///   ThermalRun run = pipeline.Run(c, c.ToMeshSpec(), HeatSourceModel.Uniform(1e-6));
///   pipeline.Export(run, Path.Combine(tempDir, "heat.h5"));
/// </code>
/// </summary>
public sealed class ThermalPipeline(IProgress<StageProgress>? progress = null)
{
    /// <summary>Regions that carry the heat source: the particle's core and shell.</summary>
    public static readonly int[] ParticleRegions = [Tags.Particle, Tags.Shell];

    /// <summary>The line that `--coarse` echoes: the mesh settings used instead of [mesh].</summary>
    public static string CoarseNote(MeshSpec m) => FormattableString.Invariant(
        $"# --coarse: mesh h_min = {m.HMin * 1e9:G4} nm, grading = {m.Grading:G3}, box_half_size = {m.BoxHalfSize:G4}, order = {m.Order} (instead of [mesh])");

    /// <summary>
    /// The mesh settings of a quick, coarse run (the `--coarse` option of `miecool heat` and `miecool run`, for tests and
    /// first looks): h_min at least R/6, grading at least 0.35, box at most 10 R (the far-field condition keeps the
    /// monopole exact), linear elements. Results move by a few per cent against the case's own settings.
    /// </summary>
    public static MeshSpec Coarse(MeshSpec spec) => spec with
    {
        HMin = Math.Max(spec.HMin, spec.Radius / 6),
        Grading = Math.Max(spec.Grading, 0.35),
        BoxHalfSize = Math.Min(spec.BoxHalfSize, 10),
        Order = 1,
    };

    /// <summary>All stages up to the solution (no files written): <paramref name="c"/>'s [thermal] settings on the mesh of
    /// <paramref name="mesh"/> (the case's own, or <see cref="Coarse"/> of it) with the heat source <paramref name="source"/>.</summary>
    public ThermalRun Run(Case c, MeshSpec mesh, HeatSourceModel source)
    {
        var thermal = Preflight(c);
        var clock = Stopwatch.StartNew();
        var meshResult = MeshStage(mesh, c.Source);
        var meshTime = clock.Elapsed;
        var (problem, points, q) = ProblemStage(c, meshResult.Mesh, source);
        var solution = SolveStage(problem, thermal, c.Source);
        return new ThermalRun(meshResult, problem, solution, points, q, CellAverages(meshResult.Mesh, points, q),
                              new StageTimings(meshTime, solution.AssemblyTime, solution.SolveTime, TimeSpan.Zero));
    }

    /// <summary>
    /// The [thermal] section, refusing before any meshing what the heat problem would refuse after it (an interface
    /// conductance, which the FEM does not model yet; the same error as <see cref="HeatProblemFromCase.Build"/>).
    /// </summary>
    public static ThermalSpec Preflight(Case c)
    {
        var thermal = c.Require<ThermalSpec>("the heat solve");
        if (thermal.InterfaceConductanceWPerM2K is double g)
            throw new InputException(c.Source, "an interface (Kapitza) conductance is not supported by the heat solver yet",
                "thermal.interface_conductance", Units.Invariant(g) + " W/(m^2 K)",
                "remove it: the particle and substrate are then in perfect thermal contact", c.LineOf("thermal.interface_conductance"));
        return thermal;
    }

    /// <summary>Stage 1: the gmsh mesh of the particle on its substrate.</summary>
    public MeshResult MeshStage(MeshSpec spec, string caseSource)
    {
        var report = progress is null ? null : new Forward(progress, "mesh");
        report?.Report(FormattableString.Invariant(
            $"gmsh: R = {spec.Radius * 1e9:G4} nm, h_min = {spec.HMin * 1e9:G4} nm, grading {spec.Grading:G3}, box {spec.BoxHalfSize:G4} R, order {spec.Order}"));
        try { return ParticleMesher.Generate(spec, report); }
        catch (InputException e) { throw e.At(caseSource, e.Key); }
    }

    /// <summary>
    /// Stage 2: the heat problem on <paramref name="mesh"/>: region conductivities and the outer boundary of the case's
    /// [thermal] section (<see cref="HeatProblemFromCase"/>: unsupported inputs are refused at their line), and the
    /// source evaluated at the particle's quadrature points.
    /// </summary>
    public (HeatProblem Problem, SourcePoints Points, double[] SourceWPerM3) ProblemStage(Case c, TetMesh mesh, HeatSourceModel source)
    {
        progress?.Report(new("source", source.Description));
        var points = HeatAssembler.SourcePoints(mesh, ParticleRegions);
        if (points.Count == 0)
            throw new InputException(c.Source, "the mesh has no particle cells to carry the heat source", valid: "a [particle] meshed with at least one cell");
        var q = source.Evaluate(points);
        if (q.Length != points.Count)
            throw new InvalidOperationException($"heat source \"{source.Description}\" returned {q.Length} values for {points.Count} points");
        for (int p = 0; p < q.Length; p++)
            if (!double.IsFinite(q[p]))
                throw new ComputationException($"heat source \"{source.Description}\" is {q[p]} at ({points.Positions[3 * p]:G4}, " +
                                               $"{points.Positions[3 * p + 1]:G4}, {points.Positions[3 * p + 2]:G4}) m");

        var problem = HeatProblemFromCase.Build(c, mesh, VolumetricSource.Sampled(points, q));
        problem.Validate();
        return (problem, points, q);
    }

    /// <summary>
    /// Stage 3: assembly and the preconditioned CG solve with the [thermal.solver] settings. Non-convergence is a
    /// <see cref="SolverNotConvergedException"/> that names the case-file keys to change.
    /// </summary>
    public HeatSolution SolveStage(HeatProblem problem, ThermalSpec thermal, string caseSource)
    {
        var settings = thermal.Solver;
        var report = progress is null ? null : new Forward(progress, "solve");
        try { return SteadyHeatSolver.Solve(problem, HeatProblemFromCase.Solver(thermal), report); }
        catch (ComputationException e) when (e.Message.Contains("did not converge", StringComparison.Ordinal))
        {
            throw new SolverNotConvergedException(
                $"{caseSource}: {e.Message} In the case file: [thermal] solver.max_iterations (now {settings.MaxIterations}), " +
                $"solver.tolerance (now {settings.RelativeTolerance:G3}), solver.preconditioner = \"amg\".", e);
        }
    }

    /// <summary>
    /// Stage 4: writes <paramref name="hdf5Path"/> (e.g. DIR/heat.h5) and the .xdmf beside it: T and dT (K) as point data,
    /// q (W/m^3) as cell data, next to the mesh and its region tags (docs/file-format.md). Returns the paths and the time taken.
    /// </summary>
    public (ResultPaths Paths, TimeSpan Time) Export(ThermalRun run, string hdf5Path)
    {
        progress?.Report(new("export", Path.GetFileName(hdf5Path)));
        var clock = Stopwatch.StartNew();
        var s = run.Solution;
        var paths = ResultFile.Write(hdf5Path, run.Mesh.Mesh,
        [
            ResultField.AtNodes("T", s.TemperatureK, "K", "temperature"),
            ResultField.AtNodes("dT", s.TemperatureRiseK, "K", "temperature rise above ambient"),
            ResultField.AtCells("q", run.CellSourceWPerM3, "W/m^3", "heat-source density (cell average)"),
        ]);
        return (paths, clock.Elapsed);
    }

    /// <summary>Cell averages sum_p q_p w_p / sum_p w_p of the sampled source; 0 in cells without points.</summary>
    public static double[] CellAverages(TetMesh mesh, SourcePoints points, double[] q)
    {
        var cell = new double[mesh.CellCount];
        int n = points.PointsPerCell;
        for (int i = 0; i < points.Cells.Length; i++)
        {
            double sum = 0, w = 0;
            for (int p = i * n; p < (i + 1) * n; p++) { sum += q[p] * points.Weights[p]; w += points.Weights[p]; }
            cell[points.Cells[i]] = w > 0 ? sum / w : 0;
        }
        return cell;
    }

    sealed class Forward(IProgress<StageProgress> inner, string stage) : IProgress<string>
    {
        public void Report(string value) => inner.Report(new(stage, value));
    }
}

/// <summary>
/// The heat solve's CG iteration stopped before reaching the tolerance. The message names the case-file keys that
/// change this; `miecool heat` exits 2 on it (the remedy is in the input), like other bad input.
/// </summary>
public sealed class SolverNotConvergedException(string message, Exception inner) : ComputationException(message, inner);
