using System.Diagnostics;
using MieCool.Core;
using MieCool.Mesh;
using MieCool.Mesh.Geometry;
using MieCool.Thermal.Assembly;
using MieCool.Thermal.LinearAlgebra;

namespace MieCool.Thermal;

/// <summary>Preconditioner of the conjugate-gradient solve, or a dense direct solve for tiny meshes.</summary>
public enum PreconditionerKind
{
    /// <summary>Incomplete Cholesky IC(0) (default): robust, sequential triangular solves.</summary>
    IncompleteCholesky,
    /// <summary>Diagonal scaling: cheapest per iteration, most iterations.</summary>
    Jacobi,
    /// <summary>Smoothed-aggregation algebraic multigrid V-cycle: fewest iterations, fastest on large meshes.</summary>
    Amg,
    /// <summary>Dense Cholesky factorisation (no iterations); a cross-check for at most a few thousand unknowns.</summary>
    DenseDirect,
    /// <summary>
    /// Chosen by the system's size (<see cref="SolverOptions.For"/>): IC(0) below
    /// <see cref="SolverOptions.AmgFromUnknowns"/> unknowns, AMG from there.
    /// </summary>
    Auto,
}

/// <summary>Options of <see cref="SteadyHeatSolver.Solve(HeatProblem, SolverOptions?, IProgress{string}?, CancellationToken)"/>.</summary>
/// <param name="Preconditioner">Preconditioner of conjugate gradients.</param>
/// <param name="RelativeTolerance">Stop when |b - K theta| &lt;= tolerance |b|.</param>
/// <param name="MaxIterations">Give up (with a <see cref="ComputationException"/>) after this many iterations.</param>
public sealed record SolverOptions(
    PreconditionerKind Preconditioner = PreconditionerKind.Auto,
    double RelativeTolerance = 1e-10,
    int MaxIterations = 20_000)
{
    /// <summary>
    /// The size from which <see cref="PreconditionerKind.Auto"/> takes AMG, from the headline case's systems (bench
    /// `timed solver`, docs/known-issues.md): at 84 000 unknowns (the default mesh; 109 against 17 iterations) one solve
    /// takes the same time with either (0.94 against 1.0 s with AMG's set-up), and so does the self-consistent run (1.8 s of
    /// source and solve stages); at 769 000 AMG is 2.1 times faster (18 against 232 iterations, 4.2 against 8.7 s). IC(0)'s
    /// iterations grow as N^(1/3), AMG's stay.
    /// </summary>
    public const int AmgFromUnknowns = 200_000;

    /// <summary>The preconditioner for a system of <paramref name="unknowns"/>: <see cref="Preconditioner"/>, with
    /// <see cref="PreconditionerKind.Auto"/> resolved by <see cref="AmgFromUnknowns"/>.</summary>
    public PreconditionerKind For(int unknowns) => Preconditioner != PreconditionerKind.Auto ? Preconditioner
        : unknowns >= AmgFromUnknowns ? PreconditionerKind.Amg : PreconditionerKind.IncompleteCholesky;

    /// <summary>
    /// The fixed-point (Picard) iteration of a temperature-dependent conductivity stops when the largest nodal change of
    /// the field between two iterates is at most this fraction of the largest nodal |rise| (1e-6: a micro-kelvin per
    /// kelvin of rise).
    /// </summary>
    public double PicardTolerance { get; init; } = 1e-6;
    /// <summary>Give up (with a <see cref="PicardNotConvergedException"/>) after this many Picard iterations (linear solves).</summary>
    public int MaxPicardIterations { get; init; } = 100;
}

/// <summary>
/// The fixed-point (Picard) iteration on a temperature-dependent conductivity stopped before the field settled: the
/// conductivities are too steep for the heat load (or the field has no steady state). The remedy is in the input.
/// </summary>
public sealed class PicardNotConvergedException(int iterations, double changeK, double maxRiseK, SolverOptions options, int raised)
    : ComputationException(FormattableString.Invariant(
        $"heat solve with temperature-dependent conductivities did not converge: after {iterations} Picard iterations the ") +
        FormattableString.Invariant($"field still changes by {changeK:G3} K (max rise {maxRiseK:G4} K, tolerance ") +
        FormattableString.Invariant($"{options.PicardTolerance:G2} of it)") +
        (raised > 0 ? FormattableString.Invariant($", {raised} cells below {HeatProblem.LowestConductivityTemperatureK} K") : "") +
        ". Lower the conductivity exponents or the heat load.")
{
    /// <summary>Picard iterations done (linear solves).</summary>
    public int Iterations { get; } = iterations;
    /// <summary>Largest nodal change of the field in the last iteration, K.</summary>
    public double ChangeK { get; } = changeK;
}

/// <summary>
/// A temperature-dependent conductivity evaluated outside its range: the converged field lies below
/// <see cref="HeatProblem.LowestConductivityTemperatureK"/> somewhere (the power law has no steady state there: with the
/// conductivities at ambient the particle would cool past absolute zero), or a conductivity ran away.
/// </summary>
public sealed class ConductivityRangeException(string message, int cells, double temperatureK) : ComputationException(message)
{
    /// <summary>The number of cells outside the range.</summary>
    public int Cells { get; } = cells;
    /// <summary>The temperature at which the (first) offending conductivity was evaluated, K.</summary>
    public double TemperatureK { get; } = temperatureK;
}

/// <summary>
/// The conjugate-gradient iteration stopped before reaching the tolerance. The remedy is in the input (more iterations,
/// a looser tolerance, the amg preconditioner, a better mesh), so callers report it like bad input.
/// </summary>
public sealed class SolverNotConvergedException(IterativeResult result, SolverOptions options, int unknowns) : ComputationException(
    $"heat solve did not converge: CG with {result.Preconditioner} stopped ({result.Status}) after {result.Iterations} iterations " +
    $"at relative residual {result.RelativeResidual:e2} > tolerance {options.RelativeTolerance:e1} ({unknowns} unknowns). " +
    "Raise max_iterations, loosen the tolerance, use preconditioner \"amg\", or improve the mesh (fewer slivers, gentler grading).")
{
    /// <summary>What the iteration reached.</summary>
    public IterativeResult Result { get; } = result;
    /// <summary>The options it ran with.</summary>
    public SolverOptions Options { get; } = options;
}

/// <summary>Linear-solver statistics.</summary>
public sealed record SolverStats(int Unknowns, int NonZeros, string Method, int Iterations, double RelativeResidual);

/// <summary>
/// The steady temperature field and its derived quantities. Heat flows are positive outwards (leaving the
/// domain through a surface, or leaving the particle across its surface), W.
/// </summary>
/// <param name="TemperatureRiseK">theta = T - T_ambient at every node of the problem's mesh, K. With an interface
/// conductance the temperature jumps across the particle/substrate interface: its nodes carry the particle side's value
/// (the substrate side's is theta minus the local jump, whose mean is <see cref="InterfaceMeanJumpK"/>).</param>
/// <param name="AmbientTemperatureK">T_ambient, K.</param>
/// <param name="ParticleMeanRiseK">Volume-weighted mean rise over the particle (core and shell), K; NaN without a particle
/// region.</param>
/// <param name="ParticleMinRiseK">Smallest nodal rise in the particle, K.</param>
/// <param name="ParticleMaxRiseK">Largest nodal rise in the particle, K.</param>
/// <param name="SourcePowerW">Total heat source int q dx (as integrated by the assembly), W.</param>
/// <param name="BoundaryHeatFlowW">Heat leaving through each surface tag that has a fixed-temperature, convection or far-field
/// condition, W.</param>
/// <param name="ParticleHeatFlowW">Heat leaving the particle across its surface (computed from the cells outside it, plus
/// <see cref="InterfaceHeatFlowW"/> with an interface conductance), W.</param>
/// <param name="EnergyBalanceRelativeError">|sum of boundary outflows - source| / max(|source|, sum |outflows|).</param>
/// <param name="Solver">Linear-solver statistics.</param>
/// <param name="AssemblyTime">Renumbering, sparsity pattern, parallel schedule and element loops.</param>
/// <param name="SolveTime">Preconditioner setup and iterations.</param>
public sealed record HeatSolution(
    double[] TemperatureRiseK,
    double AmbientTemperatureK,
    double ParticleMeanRiseK,
    double ParticleMinRiseK,
    double ParticleMaxRiseK,
    double SourcePowerW,
    IReadOnlyDictionary<int, double> BoundaryHeatFlowW,
    double ParticleHeatFlowW,
    double EnergyBalanceRelativeError,
    SolverStats Solver,
    TimeSpan AssemblyTime,
    TimeSpan SolveTime)
{
    /// <summary>
    /// Heat crossing the particle/substrate interface from the particle to the substrate, int G [theta] ds, W (0 when the
    /// mesh has no such interface); null for perfect contact (no interface conductance).
    /// </summary>
    public double? InterfaceHeatFlowW { get; init; }
    /// <summary>
    /// Area-weighted mean temperature jump theta_particle - theta_substrate across the interface, K (0 when the mesh has no
    /// interface); null for perfect contact.
    /// </summary>
    public double? InterfaceMeanJumpK { get; init; }
    /// <summary>
    /// Picard iterations (linear solves) of a temperature-dependent conductivity; 0 for constant conductivities (one solve).
    /// </summary>
    public int ConductivityIterations { get; init; }
    /// <summary>
    /// With temperature-dependent conductivities: each cell's conductivity at its mean temperature in this field (the
    /// problem mesh's cell order), W/(m K), the start of a further iteration; null for constant conductivities.
    /// </summary>
    public double[]? CellConductivityWPerMK { get; init; }
    /// <summary>Absolute temperature T = T_ambient + theta at every node, K.</summary>
    public double[] TemperatureK => TemperatureRiseK.Select(t => t + AmbientTemperatureK).ToArray();
    /// <summary>Volume-weighted mean absolute temperature of the particle, T_ambient + <see cref="ParticleMeanRiseK"/>, K.</summary>
    public double ParticleMeanTemperatureK => AmbientTemperatureK + ParticleMeanRiseK;
    /// <summary>Smallest nodal absolute temperature in the particle, T_ambient + <see cref="ParticleMinRiseK"/>, K.</summary>
    public double ParticleMinTemperatureK => AmbientTemperatureK + ParticleMinRiseK;
    /// <summary>Largest nodal absolute temperature in the particle, T_ambient + <see cref="ParticleMaxRiseK"/>, K.</summary>
    public double ParticleMaxTemperatureK => AmbientTemperatureK + ParticleMaxRiseK;
}

/// <summary>
/// Steady heat conduction by finite elements:
/// <code>
///   var problem = new HeatProblem(mesh,
///       new Dictionary&lt;int, double&gt; { [Tags.Particle] = 0.5, [Tags.Substrate] = 1.38, [Tags.Air] = 0.026 },
///       new Dictionary&lt;int, BoundaryCondition&gt; { [Tags.AirOuter] = new BoundaryCondition.FarField(),
///                                                   [Tags.SubstrateOuter] = new BoundaryCondition.FarField() },
///       VolumetricSource.Uniform(1e15, Tags.Particle), AmbientTemperatureK: 293.15);
///   HeatSolution s = SteadyHeatSolver.Solve(problem, new SolverOptions(PreconditionerKind.Amg));
/// </code>
/// For a sampled source (the Mie absorbed-power density), take <see cref="HeatAssembler.SourcePoints"/> of the
/// particle's cells, evaluate p(r) at its positions and pass <see cref="VolumetricSource.Sampled"/>.
/// </summary>
public static class SteadyHeatSolver
{
    /// <summary>
    /// Assembles and solves. Throws <see cref="InputException"/> for an ill-posed problem and
    /// <see cref="ComputationException"/> when the iteration does not converge. Progress reports name the stage.
    /// With temperature-dependent conductivities (<see cref="HeatProblem.ConductivityExponent"/>) the field is found by a
    /// Picard (fixed-point) iteration: solve with the conductivity of every cell at its mean temperature of the previous
    /// iterate (the first with <see cref="HeatProblem.CellConductivityWPerMK"/>, or the region values at ambient), until
    /// the largest nodal change is at most <see cref="SolverOptions.PicardTolerance"/> of the largest |rise|; the
    /// sparsity pattern, schedule and interface doubling are built once, each iterate's CG starts from the previous
    /// field. Not settling within <see cref="SolverOptions.MaxPicardIterations"/> is a
    /// <see cref="PicardNotConvergedException"/>, a converged field colder than
    /// <see cref="HeatProblem.LowestConductivityTemperatureK"/> a <see cref="ConductivityRangeException"/>.
    /// </summary>
    public static HeatSolution Solve(HeatProblem problem, SolverOptions? options = null, IProgress<string>? progress = null,
                                     CancellationToken cancel = default) =>
        Solve(problem, options, null, progress, cancel);

    /// <summary>
    /// <see cref="Solve(HeatProblem, SolverOptions?, IProgress{string}?, CancellationToken)"/> with a preconditioner that
    /// is reused from <paramref name="cache"/> when the assembled matrix is the one it was built for (null: built here).
    /// </summary>
    public static HeatSolution Solve(HeatProblem problem, SolverOptions? options, SolverCache? cache,
                                     IProgress<string>? progress = null, CancellationToken cancel = default) =>
        Solve(problem, options, cache, null, progress, cancel);

    /// <summary>
    /// <see cref="Solve(HeatProblem, SolverOptions?, SolverCache?, IProgress{string}?, CancellationToken)"/> with constant
    /// conductivities the unknowns read from <paramref name="store"/> when it holds this very system's solve (else solved
    /// and stored; null: solved).
    /// </summary>
    public static HeatSolution Solve(HeatProblem problem, SolverOptions? options, SolverCache? cache, SolutionStore? store,
                                     IProgress<string>? progress = null, CancellationToken cancel = default)
    {
        options ??= new SolverOptions();
        progress?.Report($"assembling {problem.Mesh.NodeCount} unknowns (P{problem.Mesh.Order})");
        // Solve in a spatially coherent node numbering (cache-friendly), report in the mesh's own.
        var clock = Stopwatch.StartNew();
        problem.Validate();
        var (local, newIndex, newCell) = Renumbered(problem, cache);
        HeatSolution s;
        if (problem.IsTemperatureDependent) s = Picard(local, options, cache, progress, clock, cancel);
        else
        {
            var system = cache is null ? HeatAssembler.AssembleValidated(local, null) : cache.Assemble(local);
            system.AssemblyTime = clock.Elapsed;
            cancel.ThrowIfCancellationRequested();
            var t0 = clock.Elapsed;
            var start = Start(system, local.InitialRiseK);
            var (unknowns, stats) = store is null
                ? SolveUnknowns(system, options, start, cache, progress, cancel)
                : store.Recall(system, options.For(system.Matrix.Size), options, start,
                               () => SolveUnknowns(system, options, start, cache, progress, cancel), progress);
            s = Evaluate(system, unknowns, stats, clock.Elapsed - t0);
        }
        var theta = new double[newIndex.Length];
        for (int i = 0; i < theta.Length; i++) theta[i] = s.TemperatureRiseK[newIndex[i]];
        s = s with { TemperatureRiseK = theta };
        if (s.CellConductivityWPerMK is { } k)
        {
            var original = new double[k.Length];
            for (int c = 0; c < k.Length; c++) original[c] = k[newCell[c]];
            s = s with { CellConductivityWPerMK = original };
        }
        return s;
    }

    /// <summary>
    /// The problem in the solver's node numbering (<see cref="NodeOrdering.Morton"/>, cells sorted by their smallest new
    /// node): the sampled source's cells, the per-cell conductivities and the initial field follow the renumbering. The
    /// numbering of the mesh is <paramref name="cache"/>'s when it holds this mesh's.
    /// </summary>
    static (HeatProblem Local, int[] NewIndex, int[] NewCell) Renumbered(HeatProblem problem, SolverCache? cache = null)
    {
        static (TetMesh, int[], int[]) Number(TetMesh m)
        {
            var newIndex = NodeOrdering.Morton(m);
            var local = NodeOrdering.Renumber(m, newIndex, sortCells: true, out var mapped);
            return (local, newIndex, mapped!);
        }
        var (mesh, newIndex, newCell) = cache is null ? Number(problem.Mesh) : cache.Numbering(problem.Mesh, Number);
        var source = problem.Source is VolumetricSource.SampledSource sampled
            ? sampled with { Points = sampled.Points with { Cells = sampled.Points.Cells.Select(c => newCell[c]).ToArray() } }
            : problem.Source;
        var local = problem with { Mesh = mesh, Source = source };
        if (problem.CellConductivityWPerMK is { } kc)
        {
            var renumbered = new double[kc.Length];
            for (int c = 0; c < kc.Length; c++) renumbered[newCell[c]] = kc[c];
            local = local with { CellConductivityWPerMK = renumbered };
        }
        if (problem.InitialRiseK is { } init) local = local with { InitialRiseK = Ordering.Forward(init, newIndex) };
        return (local, newIndex, newCell);
    }

    /// <summary>
    /// The linear system that <see cref="Solve(HeatProblem, SolverOptions?, IProgress{string}?, CancellationToken)"/> solves
    /// for <paramref name="problem"/> with its conductivities as given (the first Picard iterate of a temperature-dependent
    /// one), in the solver's node numbering: for benchmarks and comparisons with other solvers.
    /// </summary>
    public static HeatSystem AssembleInSolverOrder(HeatProblem problem)
    {
        problem.Validate();
        return HeatAssembler.AssembleValidated(Renumbered(problem).Local, null);
    }

    /// <summary>
    /// The Picard iteration of <see cref="Solve(HeatProblem, SolverOptions?, IProgress{string}?, CancellationToken)"/> on a
    /// validated, renumbered problem: k^(n+1)_c = k_r(T_ambient + mean_c theta^(n)), K(k^(n)) theta^(n) = f.
    /// </summary>
    static HeatSolution Picard(HeatProblem problem, SolverOptions options, SolverCache? cache, IProgress<string>? progress,
                               Stopwatch clock, CancellationToken cancel)
    {
        var prepared = HeatAssembler.Prepare(problem, null);
        var split = prepared.Problem; // the doubled mesh with an interface conductance: its cells as the problem's
        var k = problem.CellConductivityWPerMK
                ?? problem.Mesh.CellRegion.Select(r => problem.ConductivityWPerMK[r]).ToArray();
        var assembly = clock.Elapsed;
        var solve = TimeSpan.Zero;
        double[]? previous = null, start = null;
        double change = double.PositiveInfinity, scale = 0;
        int raised = 0;
        for (int it = 1; it <= options.MaxPicardIterations; it++)
        {
            var t0 = clock.Elapsed;
            var system = HeatAssembler.AssemblePrepared(prepared, k);
            assembly += clock.Elapsed - t0;
            cancel.ThrowIfCancellationRequested();
            t0 = clock.Elapsed;
            if (it == 1) start = Start(system, problem.InitialRiseK);
            var (unknowns, stats) = SolveUnknowns(system, options, start, cache, progress, cancel);
            solve += clock.Elapsed - t0;
            var nodal = system.Interface is { } kapitza ? kapitza.ToNodal(unknowns) : unknowns;
            var next = split.CellConductivities(CellMeanRise(split.Mesh, nodal), out raised);
            scale = 0; change = 0;
            for (int i = 0; i < nodal.Length; i++)
            {
                scale = Math.Max(scale, Math.Abs(nodal[i]));
                if (previous is not null) change = Math.Max(change, Math.Abs(nodal[i] - previous[i]));
            }
            progress?.Report(FormattableString.Invariant(
                $"Picard iteration {it}: max change {(previous is null ? double.NaN : change):e2} K, max |rise| {scale:G4} K"));
            if (previous is not null && change <= options.PicardTolerance * scale)
            {
                if (raised > 0)
                    throw new ConductivityRangeException(FormattableString.Invariant(
                        $"the steady field lies below {HeatProblem.LowestConductivityTemperatureK} K in {raised} cells: the ") +
                        "temperature-dependent conductivity has no steady state for this source (the field cools past " +
                        "absolute zero). Lower the conductivity exponents or the heat load.",
                        raised, HeatProblem.LowestConductivityTemperatureK);
                system.AssemblyTime = assembly;
                return Evaluate(system, unknowns, stats, solve) with { ConductivityIterations = it, CellConductivityWPerMK = next };
            }
            previous = nodal; // the next solve starts from a copy: unknowns stay this iterate's
            start = unknowns;
            k = next;
        }
        throw new PicardNotConvergedException(options.MaxPicardIterations, change, scale, options, raised);
    }

    /// <summary>The mean of a nodal field over each cell (<see cref="Lagrange.TetIntegral"/>), in cell order.</summary>
    static double[] CellMeanRise(TetMesh mesh, double[] theta)
    {
        int npc = mesh.NodesPerCell;
        var mean = new double[mesh.CellCount];
        var cells = mesh.Cells;
        for (int c = 0; c < mean.Length; c++)
        {
            double s = 0;
            int o = c * npc;
            if (npc == 4) s = (theta[cells[o]] + theta[cells[o + 1]] + theta[cells[o + 2]] + theta[cells[o + 3]]) / 4;
            else for (int a = 0; a < npc; a++) s += Lagrange.TetIntegral(npc, a, theta[cells[o + a]]); // int theta dx / |T|
            mean[c] = s;
        }
        return mean;
    }

    /// <summary>
    /// The unknowns of <paramref name="system"/> that start the iteration from the nodal field <paramref name="init"/>
    /// (null: null, start from zero): the field at the mesh's nodes, no jump at the copies of a doubled interface.
    /// </summary>
    static double[]? Start(HeatSystem system, double[]? init)
    {
        if (init is null) return null;
        var start = new double[system.Matrix.Size];
        Array.Copy(init, start, init.Length);
        return start;
    }

    /// <summary>
    /// Solves an assembled system (see <see cref="Solve(HeatProblem, SolverOptions?, IProgress{string}?, CancellationToken)"/>).
    /// The temperatures are those of the nodes of the problem's mesh before any interface doubling (the particle side on
    /// the interface), so that they match the mesh the caller gave.
    /// </summary>
    public static HeatSolution Solve(HeatSystem system, SolverOptions options, IProgress<string>? progress = null,
                                     CancellationToken cancel = default)
    {
        var clock = Stopwatch.StartNew();
        var (theta, stats) = SolveUnknowns(system, options, null, null, progress, cancel);
        var solveTime = clock.Elapsed;
        return Evaluate(system, theta, stats, solveTime);
    }

    /// <summary>
    /// The unknowns of the system (CG from <paramref name="start"/>, else from zero, with the fixed values set); the
    /// preconditioner from <paramref name="cache"/> when it holds this matrix's.
    /// </summary>
    static (double[] Unknowns, SolverStats Stats) SolveUnknowns(HeatSystem system, SolverOptions options, double[]? start,
                                                                 SolverCache? cache, IProgress<string>? progress,
                                                                 CancellationToken cancel)
    {
        var K = system.Matrix;
        var theta = start is null ? new double[K.Size] : (double[])start.Clone();
        for (int i = 0; i < theta.Length; i++) if (!double.IsNaN(system.FixedRise[i])) theta[i] = system.FixedRise[i];
        SolverStats stats;
        var kind = options.For(K.Size);
        if (kind == PreconditionerKind.DenseDirect)
        {
            if (K.Size > 6000)
                throw new InputException("solver options", "the dense direct solve is only for small meshes", "preconditioner", "dense",
                                         "at most 6000 unknowns, or \"ic0\", \"jacobi\", \"amg\"");
            var dense = MathNet.Numerics.LinearAlgebra.Double.DenseMatrix.OfArray(K.ToDense());
            var x = dense.Cholesky().Solve(MathNet.Numerics.LinearAlgebra.Double.DenseVector.OfArray(system.Rhs));
            theta = x.ToArray();
            stats = new SolverStats(K.Size, K.NonZeros, "dense cholesky", 0, RelativeResidual(K, system.Rhs, theta));
        }
        else
        {
            progress?.Report($"preconditioner {kind}");
            IPreconditioner M = cache is null ? Build(K, kind) : cache.For(K, kind.ToString(), k => Build(k, kind));
            var report = progress is null
                ? null
                : new Progress<(int It, double Res)>(p => progress.Report($"CG iteration {p.It}: residual {p.Res:e2}"));
            var first = (double[])theta.Clone();
            var result = ConjugateGradient.Solve(K, system.Rhs, theta, M, options.RelativeTolerance, options.MaxIterations,
                                                 report, cancel);
            string method = "cg+" + result.Preconditioner;
            if (!result.Converged && kind != PreconditionerKind.Amg && result.Status == SolveStatus.MaxIterationsReached)
            {
                // IC(0) and Jacobi can stall on a mesh with slivers (a coarse mesh made with several gmsh threads: IC(0)
                // at 1e-8 after 5 000 iterations at 2 200 unknowns, now and then); smoothed-aggregation AMG does not. The
                // same system is solved again from the same start with AMG: any preconditioner that converges gives the
                // field to the same tolerance; the method says what happened (summary.json solver.method).
                progress?.Report($"CG with {result.Preconditioner} stopped after {result.Iterations} iterations at " +
                                 $"{result.RelativeResidual:e2}; solving again with amg");
                var amg = cache is null ? Build(K, PreconditionerKind.Amg)
                    : cache.For(K, nameof(PreconditionerKind.Amg), k => Build(k, PreconditionerKind.Amg));
                var stalled = result;
                theta = first;
                result = ConjugateGradient.Solve(K, system.Rhs, theta, amg, options.RelativeTolerance, options.MaxIterations,
                                                 report, cancel);
                method = $"cg+{result.Preconditioner} (after cg+{stalled.Preconditioner} stopped at {stalled.RelativeResidual:e2} " +
                         $"in {stalled.Iterations} iterations)";
            }
            if (!result.Converged) throw new SolverNotConvergedException(result, options, K.Size);
            stats = new SolverStats(K.Size, K.NonZeros, method, result.Iterations, result.RelativeResidual);
        }
        return (theta, stats);
    }

    static IPreconditioner Build(CsrMatrix k, PreconditionerKind kind) => kind switch
    {
        PreconditionerKind.Jacobi => new JacobiPreconditioner(k),
        PreconditionerKind.Amg => new SmoothedAggregationAmg(k),
        _ => new IncompleteCholesky(k),
    };

    /// <summary>
    /// Builds into <paramref name="cache"/> the preconditioner of the operator it assembled last (with constant
    /// conductivities), which the next solve of that operator then reuses: e.g. beside other work, when the solve that
    /// assembled it was read from a <see cref="SolutionStore"/> and built none. Nothing when the cache holds no operator,
    /// already holds that preconditioner, or the options take the dense direct solve.
    /// </summary>
    public static void Precondition(SolverCache cache, SolverOptions options)
    {
        if (cache.LastMatrix is not { } K) return;
        var kind = options.For(K.Size);
        if (kind != PreconditionerKind.DenseDirect) cache.For(K, kind.ToString(), k => Build(k, kind), solve: false);
    }

    static double RelativeResidual(CsrMatrix K, double[] b, double[] x)
    {
        var r = new double[K.Size];
        K.Multiply(x, r);
        for (int i = 0; i < r.Length; i++) r[i] = b[i] - r[i];
        double bn = Vectors.Norm(b);
        return bn == 0 ? Vectors.Norm(r) : Vectors.Norm(r) / bn;
    }

    /// <summary>
    /// Particle statistics, boundary flows (reactions and Robin integrals) and the energy balance from the solution
    /// <paramref name="unknowns"/> of the system (the nodal rise, but jumps at the copies of a doubled interface).
    /// </summary>
    static HeatSolution Evaluate(HeatSystem system, double[] unknowns, SolverStats stats, TimeSpan solveTime)
    {
        var problem = system.Problem; var mesh = problem.Mesh;
        var kapitza = system.Interface;
        var theta = kapitza is null ? unknowns : kapitza.ToNodal(unknowns);
        double source = system.SourceLoad.Sum();

        // Outflow through convection and far-field faces: int h (theta - theta_inf) ds, the same terms as assembled.
        var flows = new Dictionary<int, double>();
        foreach (var (tag, bc) in problem.Boundaries)
            if (bc is not BoundaryCondition.Insulated) flows[tag] = 0;
        int npf = mesh.NodesPerFace;
        Span<double> me = stackalloc double[36]; Span<double> ge = stackalloc double[6];
        foreach (var face in system.RobinFaces)
        {
            HeatAssembler.RobinTerms(mesh, face, me, ge);
            double q = 0; int o = face.Face * npf;
            for (int a = 0; a < npf; a++)
            {
                q -= ge[a];
                for (int b = 0; b < npf; b++) q += me[a * npf + b] * theta[mesh.BoundaryFaces[o + b]];
            }
            flows[face.Tag] += q;
        }

        // Fixed-temperature surfaces: the reactions f - K theta of the unconstrained system at their nodes, shared
        // between the fixed tags meeting at a node in proportion to the lumped face area.
        if (system.UnconstrainedMatrix is { } Ku)
        {
            var r = new double[mesh.NodeCount];
            Ku.Multiply(unknowns, r);
            for (int i = 0; i < r.Length; i++) r[i] = system.UnconstrainedRhs![i] - r[i]; // f - K theta: heat removed at i
            if (kapitza is not null) r = kapitza.ToNodalResidual(r);
            var fixedTags = problem.Boundaries.Where(p => p.Value is BoundaryCondition.FixedTemperature).Select(p => p.Key).ToArray();
            var weight = fixedTags.ToDictionary(t => t, _ => new Dictionary<int, double>());
            var total = new Dictionary<int, double>();
            for (int face = 0; face < mesh.BoundaryFaceCount; face++)
            {
                int tag = mesh.BoundaryRegion[face];
                if (!weight.TryGetValue(tag, out var w)) continue;
                double area = mesh.BoundaryFaceArea(face);
                for (int a = 0; a < npf; a++)
                {
                    int i = mesh.BoundaryFaces[face * npf + a];
                    w[i] = w.GetValueOrDefault(i) + area;
                    total[i] = total.GetValueOrDefault(i) + area;
                }
            }
            foreach (var (tag, w) in weight)
            {
                double q = 0;
                foreach (var (i, area) in w) q += r[i] * area / total[i];
                flows[tag] = q;
            }
        }
        double outflow = flows.Values.Sum(), scale = Math.Max(Math.Abs(source), flows.Values.Sum(Math.Abs));
        double balance = scale == 0 ? 0 : Math.Abs(outflow - source) / scale;

        var (mean, min, max) = ParticleStatistics(mesh, theta);
        double particleFlow = ParticleOutflow(system, theta);
        double? interfaceFlow = null, meanJump = null;
        if (kapitza is not null)
        {
            // The substrate cells hold the copies: the heat they take from the particle is what crosses the interface.
            var (q, jump) = kapitza.Flow(unknowns);
            interfaceFlow = q; meanJump = jump / kapitza.Area;
            particleFlow += q;
            theta = theta[..kapitza.OriginalNodeCount];
        }
        else if (problem.InterfaceConductanceWPerM2K is not null) { interfaceFlow = 0; meanJump = 0; }
        return new HeatSolution(theta, problem.AmbientTemperatureK, mean, min, max, source, flows, particleFlow, balance,
                                stats, system.AssemblyTime, solveTime)
        {
            InterfaceHeatFlowW = interfaceFlow, InterfaceMeanJumpK = meanJump,
        };
    }

    /// <summary>Mean int theta dx / V over the particle (<see cref="Lagrange.TetIntegral"/>), nodal min and max.</summary>
    static (double Mean, double Min, double Max) ParticleStatistics(TetMesh mesh, double[] theta)
    {
        double integral = 0, volume = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        int npc = mesh.NodesPerCell;
        for (int c = 0; c < mesh.CellCount; c++)
        {
            if (!Tags.IsParticle(mesh.CellRegion[c])) continue;
            double v = mesh.CellVolume(c), s = 0;
            int o = c * npc;
            for (int a = 0; a < npc; a++)
            {
                double t = theta[mesh.Cells[o + a]];
                min = Math.Min(min, t); max = Math.Max(max, t);
                s += Lagrange.TetIntegral(npc, a, t);
            }
            integral += s * v; volume += v;
        }
        return volume == 0 ? (double.NaN, double.NaN, double.NaN) : (integral / volume, min, max);
    }

    /// <summary>
    /// Heat leaving the particle: the residual sum_i (K_e theta - f_e)_i over the cells outside the particle at the
    /// particle's surface nodes i, i.e. the heat those cells receive there (consistent with the discrete balance).
    /// </summary>
    static double ParticleOutflow(HeatSystem system, double[] theta)
    {
        var problem = system.Problem; var mesh = problem.Mesh;
        int npc = mesh.NodesPerCell;
        var inParticle = new bool[mesh.NodeCount];
        bool any = false;
        for (int c = 0; c < mesh.CellCount; c++)
            if (Tags.IsParticle(mesh.CellRegion[c]))
            {
                any = true;
                for (int a = 0; a < npc; a++) inParticle[mesh.Cells[c * npc + a]] = true;
            }
        if (!any) return double.NaN;
        var function = problem.Source as VolumetricSource.FunctionSource;
        Dictionary<int, int>? sampledIndex = null;
        if (problem.Source is VolumetricSource.SampledSource s)
        {
            sampledIndex = new Dictionary<int, int>();
            for (int i = 0; i < s.Points.Cells.Length; i++) sampledIndex[s.Points.Cells[i]] = i;
        }
        var rule = HeatAssembler.SourceRule(mesh.Order);
        Span<double> ke = stackalloc double[100]; Span<double> fe = stackalloc double[10]; Span<double> phi = stackalloc double[10];
        double q = 0;
        for (int c = 0; c < mesh.CellCount; c++)
        {
            int region = mesh.CellRegion[c], o = c * npc;
            if (Tags.IsParticle(region)) continue;
            bool touches = false;
            for (int a = 0; a < npc; a++) touches |= inParticle[mesh.Cells[o + a]];
            if (!touches) continue;
            var g = TetGeometry.Of(mesh, c);
            HeatAssembler.Conduction(npc, g, problem.CellConductivityWPerMK?[c] ?? problem.ConductivityWPerMK[region], ke); // k of the cell
            fe[..npc].Clear();
            if (function is not null && (function.Regions.Length == 0 || function.Regions.Contains(region)))
                HeatAssembler.SourceFromFunction(mesh, c, g, rule, function, fe);
            else if (sampledIndex is not null && sampledIndex.TryGetValue(c, out int si))
            {
                var sp = ((VolumetricSource.SampledSource)problem.Source);
                for (int p = 0; p < rule.Count; p++)
                {
                    Lagrange.TetValues(npc, rule.Barycentric.AsSpan(4 * p, 4), phi);
                    for (int a = 0; a < npc; a++) fe[a] += sp.Values[si * rule.Count + p] * sp.Points.Weights[si * rule.Count + p] * phi[a];
                }
            }
            for (int a = 0; a < npc; a++)
            {
                if (!inParticle[mesh.Cells[o + a]]) continue;
                double row = -fe[a];
                for (int b = 0; b < npc; b++) row += ke[a * npc + b] * theta[mesh.Cells[o + b]];
                q += row;
            }
        }
        return q;
    }
}
