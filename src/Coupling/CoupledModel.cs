using System.Diagnostics;
using MieCool.Core;
using MieCool.Mesh;
using MieCool.Optics.Cooling;
using MieCool.Optics.Fields;
using MieCool.Optics.Substrate;
using MieCool.Thermal;
using MieCool.Thermal.Assembly;
using MieCool.Thermal.LinearAlgebra;

namespace MieCool.Coupling;

/// <summary>A stage's progress message: <see cref="Stage"/> is "optics", "mesh", "source", "assemble" or "solve".</summary>
public readonly record struct StageProgress(string Stage, string Message);

/// <summary>
/// Wall-clock time of each stage of a solve (optics is zero for a thermal-only study), each as measured on its own; the
/// optics and the mesh may run at once (<see cref="Overlap"/>).
/// </summary>
public sealed record StageTimings(TimeSpan Optics, TimeSpan Mesh, TimeSpan Source, TimeSpan Assemble, TimeSpan Solve)
{
    /// <summary>
    /// The time two stages ran at once, counted in each of them (the optics beside gmsh, and beside the self-consistent
    /// response solve, which is part of the source stage): the stages' sum less the wall clock of the solve, zero when they
    /// ran one after the other. Taken from the one clock of the solve, so that <see cref="Total"/> is never more than it.
    /// </summary>
    public TimeSpan Overlap { get; init; }

    /// <summary>The wall clock of the stages: their sum less the time two of them ran at once.</summary>
    public TimeSpan Total => Optics + Mesh + Source + Assemble + Solve - Overlap;
}

/// <summary>The thermal half of a solve: the mesh, the source as sampled on it, the temperature field, the timings.</summary>
/// <param name="Mesh">The mesh and its quality report.</param>
/// <param name="Source">q at the particle's quadrature points.</param>
/// <param name="Heat">Temperature rise, particle statistics, heat flows, energy balance, solver statistics.</param>
/// <param name="Timings">Stage timings.</param>
public sealed record ThermalSolution(MeshResult Mesh, HeatSource Source, HeatSolution Heat, StageTimings Timings);

/// <summary>Everything the coupled model computes for one particle.</summary>
/// <param name="Problem">The problem as solved.</param>
/// <param name="Optics">Mie absorption at the pump, Purcell factor over the emission, eta_ext, lambda_f, eta_c, P_abs, P_heat,
/// at the steady particle temperature (at the ambient temperature for the linear model or without a steady state).</param>
/// <param name="PumpField">The pump's field in and around the sphere (from the same Mie coefficients as the absorption).</param>
/// <param name="Source">The heat source with its bookkeeping (scale, P_lum, |E|^2).</param>
/// <param name="Thermal">Mesh, temperature field and timings.</param>
/// <param name="SteadyState">How the steady state was found: model, convergence, evaluations, residual, the linear answer.</param>
public sealed record CoupledSolution(CoupledProblem Problem, CoolingResult Optics, IPumpField PumpField, OpticalSource Source,
                                     ThermalSolution Thermal, SteadyState SteadyState);

/// <summary>
/// The coupled model, stage by stage: <see cref="Optics"/> (Mie at the pump, once; Purcell factor over the emission;
/// eta_c) -> <see cref="Conduction.Mesh"/> (gmsh) -> <see cref="Source"/> (the absorbed-power density minus the escaping
/// luminescence at every quadrature point of the particle) -> <see cref="Conduction.Heat"/> (FEM). It knows no console
/// and no case file: progress goes to an <see cref="IProgress{T}"/>, bad input is an <see cref="InputException"/> thrown
/// by <see cref="CoupledProblem.Validate"/> before any computation, a solver that stops early a
/// <see cref="SolverNotConvergedException"/>.
/// <code>
///   CoupledSolution s = CoupledModel.Solve(problem, progress, cancellation);
///   double dT = s.Thermal.Heat.ParticleMeanRiseK;
/// </code>
/// </summary>
public static class CoupledModel
{
    /// <summary>
    /// Validates <paramref name="problem"/> once, then runs the four stages; for the self-consistent steady state the
    /// source stage is iterated on the particle temperature (<see cref="SelfConsistency"/>) before the final heat solve.
    /// </summary>
    public static CoupledSolution Solve(CoupledProblem problem, IProgress<StageProgress>? progress = null,
                                        CancellationToken cancellation = default) =>
        Solve(problem, t => problem.Optics with { TemperatureK = t }, null, progress, cancellation, SolutionStore.Default);

    /// <summary>
    /// <see cref="Solve(CoupledProblem, IProgress{StageProgress}?, CancellationToken)"/> that hands the optics of the
    /// solution (at the steady particle temperature) to <paramref name="opticsFound"/> as soon as they are known, before
    /// the final heat solve, so that a caller can start what depends on them alone (`miecool run`: the spectra) beside it.
    /// </summary>
    public static CoupledSolution Solve(CoupledProblem problem, IProgress<StageProgress>? progress, Action<CoolingResult> opticsFound,
                                        CancellationToken cancellation = default) =>
        Solve(problem, t => problem.Optics with { TemperatureK = t }, null, progress, cancellation, SolutionStore.Default,
              opticsFound);

    /// <summary>
    /// <see cref="Solve(CoupledProblem, IProgress{StageProgress}?, CancellationToken)"/> with the optical inputs at a
    /// particle temperature given by <paramref name="opticsAt"/> (tests use it to impose a temperature dependence).
    /// </summary>
    internal static CoupledSolution Solve(CoupledProblem problem, Func<double, CoolingInputs> opticsAt,
                                          IProgress<StageProgress>? progress, CancellationToken cancellation) =>
        Solve(problem, opticsAt, null, progress, cancellation);

    /// <summary>
    /// <see cref="Solve(CoupledProblem, Func{double, CoolingInputs}, IProgress{StageProgress}?, CancellationToken)"/> on a
    /// given mesh of <c>problem.Mesh</c> (null: meshed here; tests compare two problems on one mesh, also one made with
    /// several gmsh threads), with the self-consistent response (constant conductivities) kept in and found again in
    /// <paramref name="store"/> (<see cref="SolutionStore"/>; null: solved every time), and the solution's optics handed to
    /// <paramref name="opticsFound"/> before the final heat solve.
    /// </summary>
    internal static CoupledSolution Solve(CoupledProblem problem, Func<double, CoolingInputs> opticsAt, MeshResult? given,
                                          IProgress<StageProgress>? progress, CancellationToken cancellation,
                                          SolutionStore? store = null, Action<CoolingResult>? opticsFound = null)
    {
        problem.Validate();
        var clock = Stopwatch.StartNew();
        var cache = new SolverCache(); // the response field and the final field share their matrix
        // with constant conductivities the response G needs only the mesh: it is solved while the optics run
        EarlyResponse? early = problem.SteadyState.Model == SteadyStateModel.SelfConsistent
                               && problem.Thermal.ConductivityExponent.IsConstant
            ? new EarlyResponse(problem, cache, store, clock, progress, cancellation)
            : null;
        var (optics, field, mesh, opticsTime, meshTime) = OpticsAndMesh(problem, given, early, progress, cancellation);
        var before = clock.Elapsed; // the wall clock of the two stages
        OpticalSource source;
        try
        {
            cancellation.ThrowIfCancellationRequested();
            source = SourceAt(problem, optics, field, mesh.Mesh, early?.Points, progress);
        }
        catch
        {
            early?.Abandon(); // no solve left running
            throw;
        }
        SteadyState steady;
        HeatSolution? heat = null; // the final field when the steady state already solved it
        if (problem.SteadyState.Model == SteadyStateModel.SelfConsistent)
        {
            if (early is not null)
            {
                try { (optics, field, source, steady) = SelfConsistent(problem, opticsAt, mesh.Mesh, source, early.Result(), progress); }
                catch
                {
                    early.Abandon(); // nothing left running
                    throw;
                }
            }
            else
                (optics, field, source, steady, heat) = SelfConsistentWithConductivities(problem, opticsAt, mesh.Mesh, source, cache,
                                                                                          progress, cancellation);
        }
        else
            steady = new SteadyState(SteadyStateModel.Linear, true, null, 0, 0, double.NaN, null,
                                     "constant properties at the ambient temperature");
        // the response solve (and its points) is part of the source stage, also where it ran before the optics and the mesh
        // were done
        var sourceTime = clock.Elapsed - before - (heat is null ? TimeSpan.Zero : heat.AssemblyTime + heat.SolveTime)
                         + (early?.Before(before) ?? TimeSpan.Zero);

        opticsFound?.Invoke(optics);
        early?.Settle(); // the solver cache is this thread's again
        heat ??= Conduction.Heat(problem.Thermal, mesh.Mesh, source.Heat, progress, cancellation, cache);
        steady = Final(problem, steady, heat);
        var stages = opticsTime + meshTime + sourceTime + heat.AssemblyTime + heat.SolveTime;
        var overlap = stages - clock.Elapsed; // what ran at once was counted twice (StageTimings.Overlap)
        var timings = new StageTimings(opticsTime, meshTime, sourceTime, heat.AssemblyTime, heat.SolveTime)
        {
            Overlap = overlap > TimeSpan.Zero ? overlap : TimeSpan.Zero,
        };
        return new CoupledSolution(problem, optics, field, source, new ThermalSolution(mesh, source.Heat, heat, timings), steady);
    }

    /// <summary>
    /// Stages 1 and 2: the optics on this thread while a thread of its own waits for the mesh (gmsh in its worker process,
    /// <see cref="MeshWorker"/>; the mesh does not depend on the optics), each stage timed on its own. A failure is rethrown as it was,
    /// but only once the other stage has finished (gmsh is never left running); when both fail, the optics' failure is the
    /// one reported, as when they ran one after the other. Cancelled before it starts, gmsh does not start; once started,
    /// it finishes. With a <paramref name="given"/> mesh only the optics run.
    /// </summary>
    static (CoolingResult, IPumpField, MeshResult, TimeSpan OpticsTime, TimeSpan MeshTime) OpticsAndMesh(
        CoupledProblem problem, MeshResult? given, EarlyResponse? early, IProgress<StageProgress>? progress,
        CancellationToken cancellation)
    {
        if (given is not null)
        {
            var clock = Stopwatch.StartNew();
            early?.Start(given.Mesh);
            var (o, f) = BesideResponse(() => Optics(problem, progress), early);
            return (o, f, given, clock.Elapsed, TimeSpan.Zero);
        }
        AnnounceOptics(problem, progress); // the optics' line first, then gmsh's
        cancellation.ThrowIfCancellationRequested(); // cancelled before: gmsh does not start
        var initClock = Stopwatch.StartNew();
        if (ParticleMesher.TryCached(problem.Mesh, progress is null ? null : new Conduction.Forward(progress, "mesh")) is { } cached)
        {
            // a mesh made before with these settings: no gmsh, no second thread
            var readTime = initClock.Elapsed;
            early?.Start(cached.Mesh);
            var oc = Stopwatch.StartNew();
            var (o, f) = BesideResponse(() => OpticsAt(problem.Optics), early);
            return (o, f, cached, oc.Elapsed, readTime);
        }
        TimeSpan meshTime = initClock.Elapsed; // part of the mesh stage
        var opticsClock = Stopwatch.StartNew();
        var meshing = Task.Factory.StartNew(() =>
        {
            var clock = Stopwatch.StartNew();
            var m = Conduction.Mesh(problem.Mesh, progress);
            meshTime += clock.Elapsed;
            early?.Start(m.Mesh);
            return m;
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        CoolingResult optics;
        IPumpField field;
        try
        {
            (optics, field) = BesideResponse(() => OpticsAt(problem.Optics), early);
        }
        catch
        {
            // the optics failed: wait for gmsh, and let its failure, if any, go (the optics' is the one reported)
            try { meshing.Wait(CancellationToken.None); } catch (AggregateException) { }
            early?.Abandon();
            throw;
        }
        var opticsTime = opticsClock.Elapsed;
        var mesh = meshing.GetAwaiter().GetResult(); // the mesh's own exception, not an AggregateException
        return (optics, field, mesh, opticsTime, meshTime);
    }

    /// <summary>
    /// The optics <paramref name="f"/>, beside the response solve when there is one (<see cref="EarlyResponse.Beside"/>).
    /// </summary>
    static T BesideResponse<T>(Func<T> f, EarlyResponse? early) => early is null ? f() : early.Beside(f);

    /// <summary>
    /// The response G of <see cref="SelfConsistent"/> (constant conductivities), solved on its own thread from the moment the
    /// mesh exists, beside the optics: G depends on the mesh and the conductivities only. Its time on the run's clock is part
    /// of the source stage (<see cref="Before"/>); what of it ran beside the optics is in <see cref="StageTimings.Overlap"/>.
    /// </summary>
    sealed class EarlyResponse(CoupledProblem problem, SolverCache cache, SolutionStore? store, Stopwatch clock,
                               IProgress<StageProgress>? progress, CancellationToken cancellation)
    {
        Task<SelfConsistency.Response>? _task;
        Task? _preconditioner;
        TimeSpan _start, _end;

        /// <summary>
        /// The particle's and the substrate's quadrature points the response is sampled at, for the source too (null before
        /// <see cref="Start"/>).
        /// </summary>
        public (SourcePoints Particle, SourcePoints? Substrate)? Points { get; private set; }

        /// <summary>Starts the solve on <paramref name="mesh"/> (on a thread of its own).</summary>
        public void Start(TetMesh mesh)
        {
            _start = clock.Elapsed; // the points are part of the response's time (the source stage)
            var points = Conduction.ParticlePoints(mesh);
            var below = Conduction.SubstratePoints(problem, mesh);
            Points = (points, below);
            progress?.Report(new("steady", "response of the particle's mean temperature to a uniform 1 W source"));
            _task = Task.Factory.StartNew(() =>
            {
                try { return SelfConsistency.ResponseAt(problem.Thermal, mesh, points, below, cancellation, cache, store, progress); }
                finally { _end = clock.Elapsed; }
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            // then, while the balance is found on the caller's thread, the final solve's preconditioner (a response read
            // from the store built none)
            _preconditioner = _task.ContinueWith(_ => SteadyHeatSolver.Precondition(cache, problem.Thermal.Solver),
                                                 CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion,
                                                 TaskScheduler.Default);
        }

        /// <summary>
        /// Waits until the cache is this thread's again: the preconditioner built (its failure, were there one, would be the
        /// final solve's own again).
        /// </summary>
        public void Settle()
        {
            try { _preconditioner?.Wait(CancellationToken.None); } catch (AggregateException) { }
        }

        /// <summary>The response, once solved (its own exception, not an AggregateException).</summary>
        public SelfConsistency.Response Result() =>
            (_task ?? throw new InvalidOperationException("the response solve was not started")).GetAwaiter().GetResult();

        /// <summary>Waits for a started solve whose result is no longer wanted, letting its failure go.</summary>
        public void Abandon()
        {
            try { _task?.Wait(CancellationToken.None); } catch (AggregateException) { }
            Settle();
        }

        /// <summary>
        /// Runs the optics <paramref name="optics"/> on this thread; when it fails, the solve started beside it is waited for
        /// first (its own failure, if any, goes: the optics' is the one reported), so that no solve is left running.
        /// </summary>
        public T Beside<T>(Func<T> optics)
        {
            try { return optics(); }
            catch
            {
                Abandon();
                throw;
            }
        }

        /// <summary>The part of the (finished) solve that ran before <paramref name="until"/> on the run's clock.</summary>
        public TimeSpan Before(TimeSpan until) => Span(_start, _end < until ? _end : until);

        static TimeSpan Span(TimeSpan from, TimeSpan to) => to > from ? to - from : TimeSpan.Zero;
    }

    /// <summary>The optics and source at the self-consistent particle temperature (or at ambient without a balance).</summary>
    static (CoolingResult, IPumpField, OpticalSource, SteadyState) SelfConsistent(CoupledProblem problem,
        Func<double, CoolingInputs> opticsAt, TetMesh mesh, OpticalSource atAmbient, SelfConsistency.Response response,
        IProgress<StageProgress>? progress)
    {
        var points = atAmbient.Heat.Points;
        var below = atAmbient.SubstratePoints;
        var balance = new SelfConsistency.Balance(problem, points, below, ParticleGeometry.Place(problem.Mesh).Center, response,
                                                  opticsAt);
        double linear = balance.RiseOf(atAmbient.Heat);
        progress?.Report(new("steady", FormattableString.Invariant($"linear mean rise {linear:G5} K; scanning for the balance")));
        var (t, converged, status) = SelfConsistency.Solve(balance, problem.SteadyState, linear);
        var steady = new SteadyState(SteadyStateModel.SelfConsistent, converged, t, balance.Evaluations, double.NaN, linear, null, status);
        var (optics, field, source) = balance.At(t ?? balance.AmbientK); // without a balance: the ambient state, not a result
        if (t is null) return (optics, field, atAmbient, steady);
        progress?.Report(new("steady", status));
        return (optics, field, source, steady);
    }

    /// <summary>
    /// The self-consistent state with temperature-dependent conductivities: the balance of
    /// <see cref="SelfConsistent"/> is solved on a frozen conductivity field (the response G of that field, Brent on
    /// T_p), then the field of the source at T_p is solved with the conductivities k(T) (Picard, from the frozen field),
    /// and its conductivities freeze the next response; until T_p changes by less than the tolerance and the field's mean
    /// agrees with T_p to the tolerance. The first frozen field is the region conductivities at the ambient temperature,
    /// so the first balance is that of constant conductivities. Returns the final field too (no further solve).
    /// </summary>
    static (CoolingResult, IPumpField, OpticalSource, SteadyState, HeatSolution) SelfConsistentWithConductivities(
        CoupledProblem problem, Func<double, CoolingInputs> opticsAt, TetMesh mesh, OpticalSource atAmbient,
        SolverCache cache, IProgress<StageProgress>? progress, CancellationToken cancellation)
    {
        var points = atAmbient.Heat.Points;
        var below = atAmbient.SubstratePoints;
        var centre = ParticleGeometry.Place(problem.Mesh).Center;
        var settings = problem.SteadyState;
        double[]? k = null; // the frozen conductivity per cell; null: the region values at the ambient temperature
        double linear = double.NaN, previous = double.NaN;
        OpticalSource? previousSource = null;
        string first = "";
        int evaluations = 0;
        for (int n = 1; ; n++)
        {
            progress?.Report(new("steady", $"conductivity iteration {n}: response of the particle's mean temperature to 1 W"));
            var response = SelfConsistency.ResponseAt(problem.Thermal, mesh, points, below, k, cancellation, cache);
            var balance = new SelfConsistency.Balance(problem, points, below, centre, response, opticsAt);
            double rise = balance.RiseOf(atAmbient.Heat);
            if (n == 1) linear = rise; // constant conductivities at ambient: the linear answer
            // from the second iteration on, the balance moves little: bracket it next to the previous one
            double? t = previousSource is null ? null : SelfConsistency.SolveNear(balance, settings, previous, previousSource.Heat);
            string status = "";
            if (t is null) (t, _, status) = SelfConsistency.Solve(balance, settings, rise); // a temperature only when converged
            if (n == 1) first = status;
            evaluations += balance.Evaluations;
            SteadyState Steady(bool done, string text) =>
                new(SteadyStateModel.SelfConsistent, done, t, evaluations, double.NaN, linear, null, text) { ConductivityIterations = n };
            if (t is not double tp)
            {
                // no balance: the ambient state on the frozen conductivities, for the record, not a result
                var (optics0, field0, _) = balance.At(balance.AmbientK);
                var frozen = Conduction.HeatWithConductivity(problem.Thermal, mesh, atAmbient.Heat, k, iterate: false, progress,
                                                             cancellation, cache);
                return (optics0, field0, atAmbient, Steady(false, status), frozen);
            }
            var (optics, field, source) = balance.At(tp);
            var heat = Conduction.HeatWithConductivity(problem.Thermal, mesh, source.Heat, k, iterate: true, progress,
                                                       cancellation, cache);
            double change = Math.Abs(tp - previous), residual = Math.Abs(tp - heat.ParticleMeanTemperatureK);
            progress?.Report(new("steady", FormattableString.Invariant(
                $"conductivity iteration {n}: T_p {tp:F4} K (change {change:G3} K), field mean {heat.ParticleMeanTemperatureK:F4} K, ") +
                $"{heat.ConductivityIterations} Picard iterations"));
            if (change < settings.ToleranceK && residual < settings.ToleranceK)
                return (optics, field, source, Steady(true, FormattableString.Invariant(
                    $"balance at {tp:F3} K, conductivities k(T) settled in {n} iterations (last T_p change {change:G2} K); ") +
                    "at the ambient conductivities: " + first), heat);
            if (n >= settings.MaxConductivityIterations)
                return (optics, field, source, Steady(false, FormattableString.Invariant(
                    $"the temperature-dependent conductivities did not settle within {n} iterations: T_p still changes by ") +
                    FormattableString.Invariant($"{change:G3} K (tolerance {settings.ToleranceK:G3} K)")), heat);
            previous = tp;
            previousSource = source;
            k = heat.CellConductivityWPerMK;
        }
    }

    /// <summary>The steady state's residual against the final FEM field and its place in the validity range.</summary>
    static SteadyState Final(CoupledProblem problem, SteadyState steady, HeatSolution heat)
    {
        if (steady.Model == SteadyStateModel.Linear)
        {
            double tLinear = heat.ParticleMeanTemperatureK;
            // the linear answer is always "converged" (one solve); below 0 K it is no temperature, which the status says
            return steady with
            {
                TemperatureK = tLinear > 0 ? tLinear : null, LinearRiseK = heat.ParticleMeanRiseK,
                ConductivityIterations = heat.ConductivityIterations,
                Status = tLinear <= 0
                    ? "the linear steady state lies below absolute zero: constant properties do not hold so far from ambient"
                    : heat.ConductivityIterations > 0
                    ? $"optics at the ambient temperature, conductivities k(T) iterated on the field ({heat.ConductivityIterations} " +
                      "Picard iterations)"
                    : steady.Status,
            };
        }
        if (steady.TemperatureK is not double tp) return steady;
        var s = problem.SteadyState;
        bool inside = tp >= s.ValidityMinK && tp <= s.ValidityMaxK;
        return steady with
        {
            ResidualK = Math.Abs(tp - heat.ParticleMeanTemperatureK), InsideValidity = inside,
            Converged = steady.Converged && inside,
        };
    }

    /// <summary>
    /// Stage 1: the cooling model (<see cref="CoolingModel.Evaluate"/>) with <see cref="SphereField.ExtraTerms"/> more Mie
    /// terms at the pump, whose coefficients then give the pump's field: Mie at the pump is solved once.
    /// </summary>
    public static (CoolingResult Optics, IPumpField PumpField) Optics(CoupledProblem problem, IProgress<StageProgress>? progress)
    {
        AnnounceOptics(problem, progress);
        return OpticsAt(problem.Optics);
    }

    static void AnnounceOptics(CoupledProblem problem, IProgress<StageProgress>? progress)
    {
        var inputs = problem.Optics;
        progress?.Report(new("optics",
            FormattableString.Invariant($"Mie absorption at {inputs.PumpWavelengthM * 1e9:G5} nm, ") +
            FormattableString.Invariant($"Purcell factor over {inputs.Emission.Wavelengths.Length} emission wavelengths")));
    }

    /// <summary>The cooling model and the pump's field from the same Mie solution at the pump (solved once).</summary>
    internal static (CoolingResult Optics, IPumpField PumpField) OpticsAt(CoolingInputs inputs)
    {
        var optics = CoolingModel.Evaluate(inputs, SphereField.ExtraTerms);
        IPumpField field = optics.Pump.OnSubstrate is { } onSubstrate
            ? new SubstratePumpField(onSubstrate)
            : new SphereField(SphereCoefficients.From(optics.Pump.Mie), inputs.RadiusM, inputs.PumpWavelengthM, inputs.HostIndex);
        return (optics, field);
    }

    /// <summary>Stage 3: q = s p - P_lum g at the particle's quadrature points (see <see cref="OpticalSource"/>).</summary>
    public static OpticalSource Source(CoupledProblem problem, CoolingResult optics, IPumpField field, TetMesh mesh,
                                       IProgress<StageProgress>? progress) =>
        SourceAt(problem, optics, field, mesh, null, progress);

    /// <summary><see cref="Source(CoupledProblem, CoolingResult, IPumpField, TetMesh, IProgress{StageProgress}?)"/> at the
    /// particle's and the substrate's quadrature points of <paramref name="mesh"/> when already made (null: made here).</summary>
    static OpticalSource SourceAt(CoupledProblem problem, CoolingResult optics, IPumpField field, TetMesh mesh,
                                  (SourcePoints Particle, SourcePoints? Substrate)? made, IProgress<StageProgress>? progress)
    {
        var (points, below) = made ?? (Conduction.ParticlePoints(mesh), Conduction.SubstratePoints(problem, mesh));
        var centre = ParticleGeometry.Place(problem.Mesh).Center;
        var source = OpticalSource.Build(points, centre, optics, field, problem.Polarisation, problem.Emitters, below);
        progress?.Report(new("source", source.Heat.Description));
        return source;
    }
}

/// <summary>
/// The thermal stages shared by the coupled model and thermal-only studies: <see cref="Mesh"/> (gmsh),
/// <see cref="ParticlePoints"/> (where a source is evaluated) and <see cref="Heat"/> (assembly and solve);
/// <see cref="Solve"/> chains them for a <see cref="ConductionProblem"/>.
/// </summary>
public static class Conduction
{
    /// <summary>A thermal-only study: mesh, the prescribed source, the FEM solve.</summary>
    public static ThermalSolution Solve(ConductionProblem problem, IProgress<StageProgress>? progress = null,
                                        CancellationToken cancellation = default)
    {
        problem.Validate();
        var clock = Stopwatch.StartNew();
        var mesh = Mesh(problem.Mesh, progress);
        var meshTime = clock.Elapsed;
        cancellation.ThrowIfCancellationRequested();
        var points = ParticlePoints(mesh.Mesh);
        var source = HeatSource.Sampled(problem.Source.Description, points, problem.Source.Evaluate(points));
        progress?.Report(new("source", source.Description));
        var sourceTime = clock.Elapsed - meshTime;
        var heat = Heat(problem.Thermal, mesh.Mesh, source, progress, cancellation);
        var timings = new StageTimings(TimeSpan.Zero, meshTime, sourceTime, heat.AssemblyTime, heat.SolveTime);
        return new ThermalSolution(mesh, source, heat, timings);
    }

    /// <summary>Stage: the gmsh mesh of the particle on its substrate.</summary>
    public static MeshResult Mesh(MeshSpec spec, IProgress<StageProgress>? progress)
    {
        var report = progress is null ? null : new Forward(progress, "mesh");
        report?.Report(
            FormattableString.Invariant($"gmsh: R = {spec.Radius * 1e9:G4} nm, h_min = {spec.HMin * 1e9:G4} nm, ") +
            FormattableString.Invariant($"grading {spec.Grading:G3}, box {spec.BoxHalfSize:G4} R, order {spec.Order}"));
        return ParticleMesher.Generate(spec, report);
    }

    /// <summary>The quadrature points of the particle's cells (core and shell), where a source is evaluated.</summary>
    public static SourcePoints ParticlePoints(TetMesh mesh)
    {
        var points = HeatAssembler.SourcePoints(mesh, Tags.ParticleRegions);
        if (points.Count == 0) throw new ComputationException("the mesh has no particle cells to carry the heat source");
        return points;
    }

    /// <summary>
    /// The quadrature points of the substrate's cells when the particle heats an absorbing substrate
    /// (<see cref="SubstrateHeat.Absorbs"/>) and the problem deposits that heat, else null.
    /// </summary>
    public static SourcePoints? SubstratePoints(CoupledProblem problem, TetMesh mesh) =>
        problem.SubstrateHeat && SubstrateHeat.Absorbs(problem.Optics) ? HeatAssembler.SourcePoints(mesh, Tags.Substrate) : null;

    /// <summary>
    /// Stage: the heat problem on <paramref name="mesh"/>, assembled and solved by preconditioned CG; with
    /// temperature-dependent conductivities (<see cref="ThermalSettings.ConductivityExponent"/>) Picard-iterated on the field.
    /// </summary>
    /// <param name="thermal">Conductivities, boundaries, ambient, solver.</param>
    /// <param name="mesh">The mesh.</param>
    /// <param name="source">The heat source.</param>
    /// <param name="progress">Progress, or null.</param>
    /// <param name="cancellation">Cancellation.</param>
    /// <param name="cache">Reuses the preconditioner of an earlier solve with the same matrix (null: built here).</param>
    public static HeatSolution Heat(ThermalSettings thermal, TetMesh mesh, HeatSource source, IProgress<StageProgress>? progress,
                                    CancellationToken cancellation, SolverCache? cache = null)
    {
        var problem = thermal.Problem(mesh, source.ToVolumetric());
        var report = progress is null ? null : new Forward(progress, "solve");
        return SteadyHeatSolver.Solve(problem, thermal.Solver, cache, report, cancellation);
    }

    /// <summary>
    /// The field of <paramref name="source"/> on <paramref name="mesh"/>, as <see cref="Heat"/>, read from
    /// <paramref name="store"/> when it holds this very solve. Of its progress only the store's lines ("solution from the
    /// store (PATH)", "solution store: ...") go on, to "steady": the solve itself stays quiet, as the response solve always was.
    /// </summary>
    internal static HeatSolution Recalled(ThermalSettings thermal, TetMesh mesh, HeatSource source, SolutionStore? store,
                                          SolverCache? cache, IProgress<StageProgress>? progress, CancellationToken cancellation)
    {
        var problem = thermal.Problem(mesh, source.ToVolumetric());
        var report = progress is null ? null : new StoreLines(progress);
        return SteadyHeatSolver.Solve(problem, thermal.Solver, cache, store, report, cancellation);
    }

    sealed class StoreLines(IProgress<StageProgress> inner) : IProgress<string>
    {
        public void Report(string value)
        {
            if (value.StartsWith("solution ", StringComparison.Ordinal)) inner.Report(new("steady", value));
        }
    }

    /// <summary>
    /// <see cref="Heat"/> with a conductivity per cell (null: the region values at the ambient temperature): frozen
    /// (<paramref name="iterate"/> false, one linear solve on that conductivity field) or the start of the Picard iteration
    /// of temperature-dependent conductivities.
    /// </summary>
    internal static HeatSolution HeatWithConductivity(ThermalSettings thermal, TetMesh mesh, HeatSource source,
                                                      double[]? cellConductivityWPerMK, bool iterate,
                                                      IProgress<StageProgress>? progress, CancellationToken cancellation,
                                                      SolverCache? cache = null)
    {
        var problem = thermal.Problem(mesh, source.ToVolumetric()) with { CellConductivityWPerMK = cellConductivityWPerMK };
        if (!iterate) problem = problem with { ConductivityExponent = null };
        var report = progress is null ? null : new Forward(progress, "solve");
        return SteadyHeatSolver.Solve(problem, thermal.Solver, cache, report, cancellation);
    }

    internal sealed class Forward(IProgress<StageProgress> inner, string stage) : IProgress<string>
    {
        public void Report(string value) => inner.Report(new(stage, value));
    }
}
