using System.Diagnostics;
using MieCool.Core;
using MieCool.Mesh;
using MieCool.Mesh.Geometry;
using MieCool.Thermal.Assembly;
using MieCool.Thermal.LinearAlgebra;

namespace MieCool.Thermal.Transient;

/// <summary>
/// When the pump shines: on from t = 0, optionally off for good at <see cref="OffS"/>, or a pulse train of pulses of
/// <see cref="PulseDurationS"/> every <see cref="PulsePeriodS"/> (each starting at k * period). The source is zero while
/// the pump is off: carriers recombine within nanoseconds, so absorption and emission stop with the pump (the carrier
/// lifetime is not modelled).
/// </summary>
/// <param name="OffS">Time the pump is switched off for good, s; null: it stays on.</param>
/// <param name="PulsePeriodS">Period of a pulse train, s; null: no pulses (continuous).</param>
/// <param name="PulseDurationS">On-time of each pulse, s (with <paramref name="PulsePeriodS"/>; shorter than it).</param>
public sealed record PumpSchedule(double? OffS = null, double? PulsePeriodS = null, double? PulseDurationS = null)
{
    /// <summary>On at t = 0 and never switched off.</summary>
    public static PumpSchedule Continuous { get; } = new();

    /// <summary>
    /// Whether the pump shines at <paramref name="timeS"/>, a time strictly between two switches (the integrator asks at the
    /// middle of each step, which never straddles a switch).
    /// </summary>
    public bool IsOn(double timeS)
    {
        if (OffS is double off && timeS > off) return false;
        if (PulsePeriodS is not double period) return true;
        return timeS - period * Math.Floor(timeS / period) < PulseDurationS!.Value;
    }

    /// <summary>The switching times in (0, <paramref name="endS"/>), ascending: the integrator steps onto each of them.</summary>
    public IReadOnlyList<double> Switches(double endS)
    {
        var times = new SortedSet<double>();
        if (OffS is double off && off > 0 && off < endS) times.Add(off);
        if (PulsePeriodS is double period)
        {
            double stop = Math.Min(endS, OffS ?? endS);
            for (long k = 0; k * period < stop; k++)
            {
                double down = k * period + PulseDurationS!.Value, up = (k + 1) * period;
                if (down > 0 && down < stop) times.Add(down);
                if (up < stop) times.Add(up);
            }
        }
        return times.ToList();
    }

    /// <summary>Throws an <see cref="InputException"/> for an unusable schedule (keys pump_off, pulse_period, pulse_duration).</summary>
    public void Validate(string source, double endS)
    {
        if (OffS is double off && !(off > 0 && double.IsFinite(off)))
            throw new InputException(source, "the pump must be switched off after t = 0", "pump_off", Units.Invariant(off), "a time > 0 s");
        if (PulsePeriodS is null != PulseDurationS is null)
            throw new InputException(source, "a pulse train needs both its period and its pulse duration", "pulse_period",
                PulsePeriodS is null ? null : Units.Invariant(PulsePeriodS.Value), "pulse_period and pulse_duration together");
        if (PulsePeriodS is double p)
        {
            double d = PulseDurationS!.Value;
            if (!(p > 0 && double.IsFinite(p)) || !(d > 0 && d < p))
                throw new InputException(source, "pulses need 0 < pulse_duration < pulse_period", "pulse_duration",
                    $"{Units.Invariant(d)} s of {Units.Invariant(p)} s", "0 < duration < period");
            if (Math.Min(endS, OffS ?? endS) / p > TransientSettings.MaxPulses)
                throw new InputException(source, $"more than {TransientSettings.MaxPulses} pulses before the end", "pulse_period",
                    Units.Invariant(p) + " s", $"a period of at least end / {TransientSettings.MaxPulses}");
        }
    }
}

/// <summary>Settings of the time integration.</summary>
/// <param name="EndS">End time, s (the pump is switched on at t = 0).</param>
/// <param name="RelativeTolerance">Local error per step allowed, relative to the largest |rise| of the field.</param>
/// <param name="AbsoluteToleranceK">Local error per step allowed in absolute terms, K (matters while the field is ~0).</param>
/// <param name="FirstStepS">First step (and the first step after each switch), s; null: 1e-3 a^2 / D of the particle.</param>
/// <param name="Snapshots">About how many fields to keep, spread evenly in log(t) over the run (the end always).</param>
/// <param name="MaxSteps">Limit on accepted plus rejected steps.</param>
public sealed record TransientSettings(
    double EndS,
    double RelativeTolerance = 1e-3,
    double AbsoluteToleranceK = 1e-6,
    double? FirstStepS = null,
    int Snapshots = 30,
    int MaxSteps = 20_000)
{
    /// <summary>Most pulses of a pulse train before the end.</summary>
    public const int MaxPulses = 10_000;

    /// <summary>Most snapshots kept.</summary>
    public const int MaxSnapshots = 2_000;

    /// <summary>Throws an <see cref="InputException"/> (keys of the [transient] section) for unusable settings.</summary>
    public void Validate(string source)
    {
        if (!(EndS > 0 && double.IsFinite(EndS)))
            throw new InputException(source, "the end time must be positive and finite", "end", Units.Invariant(EndS), "e.g. \"1 ms\"");
        if (!(RelativeTolerance > 0 && RelativeTolerance <= 0.1))
            throw new InputException(source, "the relative tolerance must lie in (0, 0.1]", "tolerance",
                Units.Invariant(RelativeTolerance), "e.g. 1e-4");
        if (!(AbsoluteToleranceK > 0 && double.IsFinite(AbsoluteToleranceK)))
            throw new InputException(source, "the absolute tolerance must be positive", "absolute_tolerance",
                Units.Invariant(AbsoluteToleranceK), "e.g. \"1e-6 K\"");
        if (FirstStepS is double h && !(h > 0 && h < EndS))
            throw new InputException(source, "the first step must lie between 0 and the end time", "first_step", Units.Invariant(h),
                $"0 < first_step < {Units.Invariant(EndS)} s");
        if (Snapshots < 1 || Snapshots > MaxSnapshots)
            throw new InputException(source, $"between 1 and {MaxSnapshots} snapshots", "snapshots", Units.Invariant(Snapshots),
                $"an integer in [1, {MaxSnapshots}]");
        if (MaxSteps < 10)
            throw new InputException(source, "at least 10 steps must be allowed", "max_steps", Units.Invariant(MaxSteps),
                                     "an integer >= 10");
    }
}

/// <summary>
/// A transient heat-conduction problem: the steady problem's mesh, conductivities and boundaries (its source is not used),
/// the volumetric heat capacity rho c_p of each region, and a source sampled at <paramref name="Points"/> that follows the
/// particle's mean temperature while the pump shines.
/// </summary>
/// <param name="Heat">Mesh, conductivities, outer boundaries, ambient temperature.</param>
/// <param name="HeatCapacityJPerM3K">rho c_p per region tag present in the mesh, J/(m^3 K), &gt; 0.</param>
/// <param name="Points">Where the source is sampled (quadrature points of the source's cells).</param>
/// <param name="SourceAt">q (W/m^3) at <paramref name="Points"/> while the pump shines, for a particle mean temperature (K).</param>
/// <param name="Schedule">When the pump shines.</param>
/// <param name="Settings">Time integration.</param>
public sealed record TransientProblem(HeatProblem Heat, IReadOnlyDictionary<int, double> HeatCapacityJPerM3K, SourcePoints Points,
                                      Func<double, double[]> SourceAt, PumpSchedule Schedule, TransientSettings Settings)
{
    /// <summary>
    /// Whether <see cref="SourceAt"/> depends on the particle temperature (true, the default: the step solves for the
    /// temperature at which source and field agree); false: it is evaluated once per pump state.
    /// </summary>
    public bool SourceDependsOnTemperature { get; init; } = true;

    /// <summary>Throws an <see cref="InputException"/> for a problem the transient solver cannot take.</summary>
    public void Validate()
    {
        Heat.Validate();
        Settings.Validate("[transient]");
        Schedule.Validate("[transient]", Settings.EndS);
        foreach (var region in Heat.Mesh.CellRegion.Distinct())
            if (!HeatCapacityJPerM3K.TryGetValue(region, out var c) || !(c > 0 && double.IsFinite(c)))
                throw new InputException("transient problem", $"no positive heat capacity for region {Tags.RegionName(region)}",
                    "density, specific_heat", HeatCapacityJPerM3K.TryGetValue(region, out var v) ? Units.Invariant(v) : null,
                    "[thermal.density] and [thermal.specific_heat] for every region (rho c_p > 0)");
        RefuseUnsupported("transient problem", Heat.InterfaceConductanceWPerM2K, Heat.IsTemperatureDependent);
    }

    /// <summary>
    /// What the transient solver does not take (an <see cref="InputException"/> from <paramref name="source"/>): an interface
    /// (Kapitza) conductance, temperature-dependent conductivities.
    /// </summary>
    public static void RefuseUnsupported(string source, double? interfaceConductanceWPerM2K, bool temperatureDependent)
    {
        if (interfaceConductanceWPerM2K is double g)
            throw new InputException(source, "the transient solver takes perfect thermal contact only", "interface_conductance",
                                     Units.Invariant(g), "no interface_conductance with `miecool transient`");
        if (temperatureDependent)
            throw new InputException(source, "the transient solver takes constant conductivities only", "conductivity_exponent",
                                     null, "all conductivity exponents 0 with `miecool transient`");
    }
}

/// <summary>One accepted time step.</summary>
/// <param name="TimeS">t at the end of the step, s.</param>
/// <param name="ParticleMeanRiseK">Volume mean of T - T_ambient over the particle, K.</param>
/// <param name="ParticleMinRiseK">Smallest nodal rise in the particle, K.</param>
/// <param name="ParticleMaxRiseK">Largest nodal rise in the particle, K.</param>
/// <param name="SourcePowerW">int q dx at the step's end, W (0 while the pump is off).</param>
/// <param name="OutflowW">Heat leaving through the outer boundary (far-field, convective and fixed-temperature surfaces), W.</param>
/// <param name="StoredHeatJ">int rho c_p (T - T_ambient) dx over the mesh, J.</param>
/// <param name="EnergyResidualW">dE/dt (the step's own BDF difference of E) - (source - outflow), W: zero to round-off.</param>
/// <param name="PumpOn">Whether the pump shone during the step.</param>
/// <param name="StepS">The step's length, s.</param>
/// <param name="Iterations">CG iterations of the step (all its source iterations).</param>
public sealed record TransientStep(double TimeS, double ParticleMeanRiseK, double ParticleMinRiseK, double ParticleMaxRiseK,
                                   double SourcePowerW, double OutflowW, double StoredHeatJ, double EnergyResidualW, bool PumpOn,
                                   double StepS, int Iterations);

/// <summary>A kept field: the rise at every node of the problem's mesh at <paramref name="TimeS"/>.</summary>
public sealed record TransientSnapshot(double TimeS, double[] TemperatureRiseK);

/// <summary>The curve of a transient run, its kept fields and how it was computed.</summary>
/// <param name="Steps">Every accepted step, in time order (t = 0 not included: the field starts at the ambient temperature).</param>
/// <param name="Snapshots">Fields spread in log(t) (the last step's always).</param>
/// <param name="Rejected">Steps rejected by the error estimate and repeated shorter.</param>
/// <param name="SourceEvaluations">Evaluations of the temperature-dependent source.</param>
/// <param name="Preconditioners">Preconditioners built (one per distinct step matrix still in use).</param>
/// <param name="AssemblyTime">Conduction and heat-capacity matrices, loads.</param>
/// <param name="SolveTime">Preconditioners and CG.</param>
/// <param name="SourceTime">The source's evaluations.</param>
public sealed record TransientSolution(IReadOnlyList<TransientStep> Steps, IReadOnlyList<TransientSnapshot> Snapshots, int Rejected,
                                       int SourceEvaluations, int Preconditioners, TimeSpan AssemblyTime, TimeSpan SolveTime,
                                       TimeSpan SourceTime)
{
    /// <summary>The last step: the end state.</summary>
    public TransientStep End => Steps[^1];

    /// <summary>CG iterations of the mean responses z = A^-1 w (one per new step matrix; included in the steps' iterations).</summary>
    public int ResponseIterations { get; init; }

    /// <summary>The largest |energy residual| of any step relative to the step's largest power term.</summary>
    public double WorstEnergyBalance => Steps.Max(s =>
        Math.Abs(s.EnergyResidualW) / Math.Max(Math.Max(Math.Abs(s.SourcePowerW), Math.Abs(s.OutflowW)), double.Epsilon));
}

/// <summary>
/// Transient heat conduction by finite elements, the semi-discrete weak form
/// <code>
///   M dtheta/dt + K theta = f(t, T_p)        M_ij = int rho c_p phi_i phi_j dx,  K, f as in the steady problem
/// </code>
/// for the rise theta = T - T_ambient from theta(0) = 0, integrated by the variable-step BDF2 formula
/// (Hairer, Norsett and Wanner, Solving ODEs I, 2nd ed., III.5, eq. 5.5, omega = h_n / h_{n-1}):
/// <code>
///   (1 + 2 omega)/(1 + omega) theta^{n+1} - (1 + omega) theta^n + omega^2/(1 + omega) theta^{n-1} = h_n M^-1 (f - K theta^{n+1})
/// </code>
/// with backward Euler for the first step and for the first step after each pump switch (where the source jumps); both are
/// unconditionally stable (A- and L-stable). Each step solves (alpha_0 / h M + K) theta = f + M (history) / h by CG; the
/// step matrices and their preconditioners are kept for reuse (the steps come from a ladder of sizes h_0 2^k, so few
/// distinct matrices occur). The step is controlled by Milne's device: the BDF2 solution minus the quadratic extrapolation
/// of the last three states estimates the local error (derivation at <see cref="ErrorFactor"/>), which must stay below
/// <see cref="LocalShare"/> (rtol max|theta| + atol); a rejected step is repeated shorter. The source follows the
/// particle's mean temperature, solved for within each step: the step's mean temperature is linear in its load (through
/// the response z = A^-1 w of the step matrix to the particle mean w), so the temperature at which source and field agree
/// is the root of a scalar balance (secant method), and the field is then solved once with that source.
/// </summary>
public static class TransientHeatSolver
{
    /// <summary>Solves the problem; <see cref="InputException"/> for a problem it cannot take.</summary>
    public static TransientSolution Solve(TransientProblem problem, SolverOptions? options = null, IProgress<string>? progress = null,
                                          CancellationToken cancel = default)
    {
        problem.Validate();
        options ??= new SolverOptions();
        return new Integrator(problem, options, progress, cancel).Run();
    }

    /// <summary>
    /// The factor c with local error = c (theta_BDF2 - theta_predicted). For y''' = 1 the BDF2 step's error is
    /// E_c = -h^3 (1 + omega)^2 / (6 omega (1 + 2 omega)) (the formula applied to (t - t_{n+1})^3 / 6, divided by alpha_0),
    /// the quadratic extrapolation's E_p = h (h + h1)(h + h1 + h2) / 6 (Lagrange remainder), so theta_c - theta_p =
    /// (E_p - E_c) y''' and the error y - theta_c = E_c / (E_p - E_c) (theta_c - theta_p). Constant steps: -2/11.
    /// </summary>
    public static double ErrorFactor(double h, double h1, double h2)
    {
        double omega = h / h1;
        double ec = -h * h * h * (1 + omega) * (1 + omega) / (6 * omega * (1 + 2 * omega));
        double ep = h * (h + h1) * (h + h1 + h2) / 6;
        return ec / (ep - ec);
    }

    /// <summary>
    /// The share of the tolerance one step's local error may take: the errors of many steps add up (measured: the global
    /// error of the curve is about twice the local bound), so each step keeps a quarter of the tolerance and the curve
    /// stays within it.
    /// </summary>
    public const double LocalShare = 0.25;

    sealed class Integrator
    {
        readonly TransientProblem _problem;
        readonly SolverOptions _options;
        readonly IProgress<string>? _progress;
        readonly CancellationToken _cancel;
        readonly TetMesh _mesh;          // renumbered (Morton)
        readonly int[] _newIndex;        // old node -> new
        readonly SourcePoints _points;   // cells renumbered
        readonly HeatSystem _system;     // K and the source-free right-hand side
        readonly CsrMatrix _mass;        // M with the fixed rows and columns removed
        readonly CsrMatrix _massFull;    // M before that (energy balance)
        readonly double[] _capacity;     // m_i = sum_j M_ij = int rho c_p phi_i dx
        readonly double[] _meanWeight;   // int_particle phi_i dx / V_particle
        readonly int[] _particleNodes;
        readonly double _particleVolume;
        readonly bool[] _fixed;
        readonly Dictionary<double, (CsrMatrix A, IPreconditioner M)> _matrices = [];
        readonly LinkedList<double> _recent = new();
        readonly Stopwatch _clock = Stopwatch.StartNew();
        TimeSpan _assembly, _solve, _sourceTime;
        int _preconditioners, _sourceEvaluations;
        double _lastSourceT = double.NaN;
        double[]? _lastSource;

        public Integrator(TransientProblem problem, SolverOptions options, IProgress<string>? progress, CancellationToken cancel)
        {
            _problem = problem; _options = options; _progress = progress; _cancel = cancel;
            var heat = problem.Heat;
            _newIndex = NodeOrdering.Morton(heat.Mesh);
            _mesh = NodeOrdering.Renumber(heat.Mesh, _newIndex, sortCells: true, out var newCell);
            _points = problem.Points with { Cells = problem.Points.Cells.Select(c => newCell![c]).ToArray() };
            var local = heat with { Mesh = _mesh, Source = VolumetricSource.None };
            _system = HeatAssembler.AssembleValidated(local, null);
            var capacity = _mesh.CellRegion.Select(r => problem.HeatCapacityJPerM3K[r]).ToArray();
            _massFull = MassMatrix.Assemble(_mesh, _system.Topology, capacity);
            _capacity = RowSums(_massFull);
            _fixed = _system.FixedRise.Select(v => !double.IsNaN(v)).ToArray();
            _mass = _massFull.CloneValues();
            RemoveFixed(_mass, _fixed);
            (_meanWeight, _particleNodes, _particleVolume) = ParticleMean(_mesh);
            _assembly = _clock.Elapsed;
        }

        static double[] RowSums(CsrMatrix a)
        {
            var s = new double[a.Size];
            for (int i = 0; i < a.Size; i++)
                for (int p = a.RowPointers[i]; p < a.RowPointers[i + 1]; p++) s[i] += a.Values[p];
            return s;
        }

        static void RemoveFixed(CsrMatrix m, bool[] isFixed)
        {
            for (int i = 0; i < m.Size; i++)
                for (int p = m.RowPointers[i]; p < m.RowPointers[i + 1]; p++)
                    if (isFixed[i] || isFixed[m.ColumnIndices[p]]) m.Values[p] = 0;
        }

        /// <summary>The weights of the particle's volume mean (int phi_i over the particle's cells / V), its nodes, V.</summary>
        static (double[] Weights, int[] Nodes, double Volume) ParticleMean(TetMesh mesh)
        {
            var w = new double[mesh.NodeCount];
            var nodes = new HashSet<int>();
            int npc = mesh.NodesPerCell;
            double volume = 0;
            for (int c = 0; c < mesh.CellCount; c++)
            {
                if (!Tags.IsParticle(mesh.CellRegion[c])) continue;
                double v = TetGeometry.Of(mesh, c).Volume;
                volume += v;
                for (int a = 0; a < npc; a++)
                {
                    int i = mesh.Cells[c * npc + a];
                    w[i] += Lagrange.TetIntegral(npc, a, v); // int phi_a dx
                    nodes.Add(i);
                }
            }
            if (volume > 0) for (int i = 0; i < w.Length; i++) w[i] /= volume;
            return (w, nodes.Order().ToArray(), volume);
        }

        double Mean(double[] theta)
        {
            double s = 0;
            foreach (int i in _particleNodes) s += _meanWeight[i] * theta[i];
            return s;
        }

        double DefaultFirstStep()
        {
            var heat = _problem.Heat;
            double volume = _particleVolume;
            if (volume == 0 || !heat.ConductivityWPerMK.TryGetValue(Tags.Particle, out var k)
                            || !_problem.HeatCapacityJPerM3K.TryGetValue(Tags.Particle, out var rc))
                return 1e-6 * _problem.Settings.EndS;
            double a = Math.Cbrt(3 * volume / (4 * Math.PI));
            return Math.Min(1e-3 * a * a * rc / k, 1e-3 * _problem.Settings.EndS); // 1e-3 a^2 / D
        }

        /// <summary>The load f of the source at the particle temperature <paramref name="tK"/> (zero while the pump is off).</summary>
        double[] Load(bool on, double tK, out double power)
        {
            var f = new double[_mesh.NodeCount];
            power = 0;
            if (!on) return f;
            if (_lastSource is null || tK != _lastSourceT)
            {
                var t0 = _clock.Elapsed;
                var q = _problem.SourceAt(tK);
                _sourceTime += _clock.Elapsed - t0;
                if (q.Length != _points.Count)
                    throw new InvalidOperationException($"the transient source gave {q.Length} values for {_points.Count} points");
                foreach (var v in q)
                    if (!double.IsFinite(v)) throw new ComputationException($"the heat source at {tK:G6} K is not finite ({v})");
                _lastSource = q; _lastSourceT = tK; _sourceEvaluations++;
            }
            MassMatrix.AddLoad(_mesh, _points, _lastSource, f);
            for (int i = 0; i < f.Length; i++) { power += f[i]; if (_fixed[i]) f[i] = 0; }
            return f;
        }

        (CsrMatrix A, IPreconditioner M) StepMatrix(double sigma)
        {
            if (_matrices.TryGetValue(sigma, out var known))
            {
                _recent.Remove(sigma); _recent.AddFirst(sigma);
                return known;
            }
            var K = _system.Matrix;
            var A = K.CloneValues();
            var mv = _mass.Values; var av = A.Values;
            for (int p = 0; p < av.Length; p++) av[p] += sigma * mv[p];
            // A kept matrix within 25 % in sigma lends its preconditioner (the first step on a new level of the ladder has
            // alpha_0 = 5/3 instead of 3/2): still a close approximation of A, CG converges to the same tolerance
            var near = _matrices.Where(e => e.Key / sigma is > 0.8 and < 1.25).Select(e => e.Value.M).FirstOrDefault();
            IPreconditioner M = near ?? _options.For(A.Size) switch
            {
                PreconditionerKind.Jacobi => new JacobiPreconditioner(A),
                PreconditionerKind.Amg => new SmoothedAggregationAmg(A),
                _ => new IncompleteCholesky(A),
            };
            if (near is null) _preconditioners++;
            _matrices[sigma] = (A, M);
            _recent.AddFirst(sigma);
            if (_recent.Count > 4) { _matrices.Remove(_recent.Last!.Value); _recent.RemoveLast(); }
            return (A, M);
        }

        readonly Dictionary<double, double[]> _meanResponse = [];
        double[]? _lastResponse;
        int _responseIterations;

        /// <summary>z = (sigma M + K)^-1 w, w the particle-mean weights (kept with the step matrix), and its CG iterations.</summary>
        (double[] Z, int Iterations) MeanResponse(double sigma)
        {
            if (_meanResponse.TryGetValue(sigma, out var z) && _matrices.ContainsKey(sigma)) return (z, 0);
            // from the last step matrix's response (z changes smoothly with sigma), to 1e-7: it only places the source's
            // temperature (the field is then solved to the solver's tolerance)
            z = _lastResponse is null ? new double[_mesh.NodeCount] : (double[])_lastResponse.Clone();
            int it = SolveStep(sigma, _meanWeight, z, Math.Max(_options.RelativeTolerance, 1e-7));
            _lastResponse = z;
            _responseIterations += it;
            foreach (var stale in _meanResponse.Keys.Where(k => !_matrices.ContainsKey(k)).ToList()) _meanResponse.Remove(stale);
            _meanResponse[sigma] = z;
            return (z, it);
        }

        /// <summary>
        /// The root of the decreasing balance <paramref name="balance"/>(T) near <paramref name="start"/> to
        /// <paramref name="tolerance"/> K: accepted at once when |balance| is within the tolerance (times |slope| when the
        /// slope's magnitude is below 1: the error is |balance| / |slope|), else Newton steps with the slope of the previous
        /// solve, then the secant method; <paramref name="slope"/> is updated for the next one (0: not known yet).
        /// </summary>
        static double SolveTemperature(Func<double, double> balance, double start, double tolerance, ref double slope)
        {
            double x0 = start, f0 = balance(x0);
            if (f0 == 0 || (slope < 0 && Math.Abs(f0) <= tolerance * Math.Min(1, -slope))) return x0;
            double x1 = slope < 0 ? x0 - f0 / slope : x0 + Math.Clamp(f0, -50, 50) + (f0 > 0 ? 1e-3 : -1e-3), f1 = balance(x1);
            for (int it = 0; it < 50; it++)
            {
                double secant = (f1 - f0) / (x1 - x0);
                if (secant < 0) slope = secant;
                if (f1 == 0 || Math.Abs(x1 - x0) <= tolerance) return x1;
                double x2 = secant < 0 ? x1 - f1 / secant : x1 + Math.Clamp(f1, -50, 50); // the balance decreases: a secant step
                (x0, f0) = (x1, f1);
                x1 = x2;
                f1 = balance(x1);
            }
            throw new ComputationException(FormattableString.Invariant(
                $"the source's temperature within a time step did not settle (last {x1:G8} K, balance {f1:G3} K)"));
        }

        double _balanceSlope;

        /// <summary>Solves (sigma M + K) theta = rhs from <paramref name="theta"/> (updated); returns the CG iterations.</summary>
        int SolveStep(double sigma, double[] rhs, double[] theta) => SolveStep(sigma, rhs, theta, _options.RelativeTolerance);

        int SolveStep(double sigma, double[] rhs, double[] theta, double tolerance)
        {
            var t0 = _clock.Elapsed;
            if (_options.Preconditioner == PreconditionerKind.DenseDirect)
                throw new InputException("solver options", "the transient solver iterates", "preconditioner", "dense",
                                         "\"ic0\", \"jacobi\" or \"amg\"");
            var (A, M) = StepMatrix(sigma);
            for (int i = 0; i < theta.Length; i++) if (_fixed[i]) theta[i] = _system.FixedRise[i];
            var result = ConjugateGradient.Solve(A, rhs, theta, M, tolerance, _options.MaxIterations, null, _cancel);
            if (!result.Converged) throw new SolverNotConvergedException(result, _options, A.Size);
            _solve += _clock.Elapsed - t0;
            return result.Iterations;
        }

        public TransientSolution Run()
        {
            var s = _problem.Settings;
            var schedule = _problem.Schedule;
            double ambient = _problem.Heat.AmbientTemperatureK;
            double h0 = s.FirstStepS ?? DefaultFirstStep();
            var breaks = new List<double>(schedule.Switches(s.EndS)) { s.EndS };
            int nextBreak = 0;

            int n = _mesh.NodeCount;
            // theta(0) = 0, but at the fixed-temperature nodes their rise from the start (the step rates stay 0 there)
            var initial = _system.FixedRise.Select(v => double.IsNaN(v) ? 0 : v).ToArray();
            // newest last, at most 3
            var history = new List<(double T, double[] Theta, double E)> { (0, initial, Vectors.Dot(_capacity, initial)) };
            var steps = new List<TransientStep>();
            var snapshots = new List<TransientSnapshot>();
            var targets = SnapshotTimes(h0, s.EndS, s.Snapshots);
            int nextTarget = 0, rejected = 0, attempts = 0;
            double t = 0, level = 0; // h = h0 2^(level/2)
            double previousH = double.NaN;
            bool restart = true; // the first step, and the first after a switch: backward Euler from h0

            while (t < s.EndS)
            {
                _cancel.ThrowIfCancellationRequested();
                if (++attempts > s.MaxSteps)
                    throw new ComputationException(FormattableString.Invariant(
                        $"the transient solve needed more than {s.MaxSteps} steps before t = {t:G4} s (end {s.EndS:G4} s): ") +
                        "loosen [transient] tolerance or raise max_steps");
                if (restart) { level = 0; }
                double h = Math.Min(h0 * Math.Pow(2, level), breaks[nextBreak] - t);
                bool lastBeforeBreak = t + h >= breaks[nextBreak] * (1 - 1e-12);
                double tNew = lastBeforeBreak ? breaks[nextBreak] : t + h;
                h = tNew - t;
                bool on = schedule.IsOn(t + h / 2);
                bool bdf2 = !restart && history.Count >= 2;
                double omega = bdf2 ? h / previousH : 0;
                double alpha0 = bdf2 ? (1 + 2 * omega) / (1 + omega) : 1;
                double sigma = alpha0 / h;

                var cur = history[^1];
                // history term M (a1 theta^n + a2 theta^{n-1}) / h, with a1 = 1 + omega, a2 = -omega^2 / (1 + omega) (BDF2)
                var combo = new double[n];
                if (bdf2)
                {
                    var prev = history[^2];
                    double a1 = 1 + omega, a2 = -omega * omega / (1 + omega);
                    for (int i = 0; i < n; i++) combo[i] = (a1 * cur.Theta[i] + a2 * prev.Theta[i]) / h;
                }
                else for (int i = 0; i < n; i++) combo[i] = cur.Theta[i] / h;
                var massTerm = new double[n];
                _mass.Multiply(combo, massTerm);

                // predictor: quadratic (three states) or linear (two) extrapolation, the current state otherwise
                var predicted = Extrapolate(history, tNew, restart);
                double tp = ambient + Mean(predicted);
                var theta = (double[])predicted.Clone();
                int iterations = 0;
                double power;
                double[] f;
                var rhs = new double[n];
                if (on && _problem.SourceDependsOnTemperature)
                {
                    // The step's mean temperature is linear in the load: mean = z . rhs with z = A^-1 w (A symmetric, w the
                    // particle-mean weights). The source's temperature is the root of T_amb + z . (rhs_0 + f(T)) - T,
                    // found by the secant method on that scalar (a fixed-point iteration would diverge for long steps: the
                    // loop gain d(rise)/dT of the optics is several times 1); then one solve with the converged source.
                    var (z, zIterations) = MeanResponse(sigma);
                    iterations += zIterations;
                    double baseMean = 0;
                    for (int i = 0; i < n; i++) if (!_fixed[i]) baseMean += z[i] * (_system.Rhs[i] + massTerm[i]);
                    double Balance(double tK) { var load = Load(true, tK, out _); return ambient + baseMean + Vectors.Dot(z, load) - tK; }
                    tp = SolveTemperature(Balance, tp, 1e-2 * (s.RelativeTolerance * Math.Max(Math.Abs(tp - ambient), 1)
                                                               + s.AbsoluteToleranceK), ref _balanceSlope);
                }
                f = Load(on, tp, out power);
                for (int i = 0; i < n; i++) rhs[i] = _fixed[i] ? _system.Rhs[i] : _system.Rhs[i] + f[i] + massTerm[i];
                iterations += SolveStep(sigma, rhs, theta);

                // Milne's device on the nodal field (from the third state on)
                double scale = 0;
                for (int i = 0; i < n; i++) scale = Math.Max(scale, Math.Abs(theta[i]));
                double err = 0;
                if (bdf2 && history.Count >= 3)
                {
                    double c = ErrorFactor(h, previousH, history[^2].T - history[^3].T);
                    double lte = 0;
                    for (int i = 0; i < n; i++) lte = Math.Max(lte, Math.Abs(c * (theta[i] - predicted[i])));
                    err = lte / (LocalShare * (s.RelativeTolerance * scale + s.AbsoluteToleranceK));
                }
                if (err > 1 && level > 0)
                {
                    rejected++;
                    level = Math.Max(0, level - Math.Max(1, Math.Ceiling(Math.Log2(Math.Pow(err, 1.0 / 3) / 0.9))));
                    continue;
                }

                // accepted
                double stored = Vectors.Dot(_capacity, theta);
                double outflow = Outflow(theta, combo, sigma, on);
                double dEdt = bdf2
                    ? (alpha0 * stored - (1 + omega) * cur.E + omega * omega / (1 + omega) * history[^2].E) / h
                    : (stored - cur.E) / h;
                steps.Add(new TransientStep(tNew, Mean(theta), Min(theta), Max(theta), power, outflow, stored,
                                            dEdt - (power - outflow), on, h, iterations));
                history.Add((tNew, theta, stored));
                if (history.Count > 3) history.RemoveAt(0);
                previousH = h;
                t = tNew;
                while (nextTarget < targets.Length && targets[nextTarget] <= t * (1 + 1e-12))
                {
                    if (snapshots.Count == 0 || snapshots[^1].TimeS != t) snapshots.Add(new(t, ToMesh(theta)));
                    nextTarget++;
                }
                if (lastBeforeBreak)
                {
                    nextBreak = Math.Min(nextBreak + 1, breaks.Count - 1);
                    restart = true; // the source switches: the history is not smooth across it
                    history.RemoveRange(0, history.Count - 1);
                    bool after = schedule.IsOn(t + 0.5 * (breaks[nextBreak] - t));
                    if (t < s.EndS)
                        _progress?.Report(FormattableString.Invariant(
                            $"t = {t:G4} s: pump switched {(after ? "on" : "off")}, particle mean dT {steps[^1].ParticleMeanRiseK:G5} K"));
                    continue;
                }
                restart = false;
                // next step: double when the error allows it, halve when it nearly exceeds it (the ladder h0 2^k: few distinct matrices)
                double grow = err == 0 ? 2 : Math.Min(2, 0.9 * Math.Pow(err, -1.0 / 3));
                level = Math.Max(0, level + Math.Floor(Math.Log2(Math.Max(grow, 0.5))));
                if (steps.Count % 20 == 0)
                    _progress?.Report(FormattableString.Invariant(
                        $"t = {t:G4} s (step {steps.Count}, h {h:G3} s): particle mean dT {steps[^1].ParticleMeanRiseK:G6} K"));
            }
            if (snapshots.Count == 0 || snapshots[^1].TimeS != t) snapshots.Add(new(t, ToMesh(history[^1].Theta)));
            return new TransientSolution(steps, snapshots, rejected, _sourceEvaluations, _preconditioners, _assembly, _solve, _sourceTime)
            {
                ResponseIterations = _responseIterations,
            };
        }

        static double[] Extrapolate(List<(double T, double[] Theta, double E)> history, double t, bool restart)
        {
            int n = history[^1].Theta.Length;
            if (restart || history.Count == 1) return (double[])history[^1].Theta.Clone();
            var result = new double[n];
            if (history.Count == 2)
            {
                var (t0, x0, _) = history[0]; var (t1, x1, _) = history[1];
                double l0 = (t - t1) / (t0 - t1), l1 = (t - t0) / (t1 - t0);
                for (int i = 0; i < n; i++) result[i] = l0 * x0[i] + l1 * x1[i];
                return result;
            }
            var (ta, xa, _) = history[^3]; var (tb, xb, _) = history[^2]; var (tc, xc, _) = history[^1];
            double la = (t - tb) * (t - tc) / ((ta - tb) * (ta - tc));
            double lb = (t - ta) * (t - tc) / ((tb - ta) * (tb - tc));
            double lc = (t - ta) * (t - tb) / ((tc - ta) * (tc - tb));
            for (int i = 0; i < n; i++) result[i] = la * xa[i] + lb * xb[i] + lc * xc[i]; // Lagrange through three states
            return result;
        }

        /// <summary>
        /// Heat leaving through the outer boundary, W: the Robin (far-field, convective) face integrals int h (theta -
        /// theta_inf) ds, plus at fixed-temperature nodes the heat their condition removes, the residual of the
        /// unconstrained equation there, f + g - K theta - M dtheta/dt (dtheta/dt: the step's BDF difference).
        /// </summary>
        double Outflow(double[] theta, double[] combo, double sigma, bool on)
        {
            var mesh = _mesh;
            int npf = mesh.NodesPerFace;
            Span<double> me = stackalloc double[36]; Span<double> ge = stackalloc double[6];
            double q = 0;
            foreach (var face in _system.RobinFaces)
            {
                HeatAssembler.RobinTerms(mesh, face, me, ge);
                int o = face.Face * npf;
                for (int a = 0; a < npf; a++)
                {
                    q -= ge[a];
                    for (int b = 0; b < npf; b++) q += me[a * npf + b] * theta[mesh.BoundaryFaces[o + b]];
                }
            }
            if (_system.UnconstrainedMatrix is { } Ku)
            {
                int n = theta.Length;
                var rate = new double[n];
                for (int i = 0; i < n; i++) rate[i] = sigma * theta[i] - combo[i]; // the discrete dtheta/dt
                var kt = new double[n]; Ku.Multiply(theta, kt);
                var mt = new double[n]; _massFull.Multiply(rate, mt);
                var load = new double[n];
                if (on && _lastSource is not null) MassMatrix.AddLoad(mesh, _points, _lastSource, load);
                for (int i = 0; i < n; i++)
                    if (_fixed[i]) q += load[i] + _system.UnconstrainedRhs![i] - kt[i] - mt[i];
            }
            return q;
        }

        double Min(double[] theta) => _particleNodes.Length == 0 ? double.NaN : _particleNodes.Min(i => theta[i]);
        double Max(double[] theta) => _particleNodes.Length == 0 ? double.NaN : _particleNodes.Max(i => theta[i]);

        double[] ToMesh(double[] theta)
        {
            var original = new double[theta.Length];
            for (int i = 0; i < original.Length; i++) original[i] = theta[_newIndex[i]];
            return original;
        }

        /// <summary>Snapshot times: <paramref name="count"/> points evenly in log(t) from the first step to the end.</summary>
        static double[] SnapshotTimes(double first, double end, int count)
        {
            if (count == 1) return [end];
            double a = Math.Log(first), b = Math.Log(end);
            return Enumerable.Range(0, count).Select(k => Math.Exp(a + (b - a) * k / (count - 1))).ToArray();
        }
    }
}

/// <summary>
/// What a case file's [transient] section asks for: the end time (null: given on the command line), the pump schedule and
/// the time integration's settings.
/// </summary>
/// <param name="EndS">End time, s; null when the section does not give it.</param>
/// <param name="Schedule">When the pump shines.</param>
/// <param name="RelativeTolerance">See <see cref="TransientSettings.RelativeTolerance"/>.</param>
/// <param name="AbsoluteToleranceK">See <see cref="TransientSettings.AbsoluteToleranceK"/>.</param>
/// <param name="FirstStepS">See <see cref="TransientSettings.FirstStepS"/>.</param>
/// <param name="Snapshots">See <see cref="TransientSettings.Snapshots"/>.</param>
/// <param name="MaxSteps">See <see cref="TransientSettings.MaxSteps"/>.</param>
public sealed record TransientSpec(double? EndS, PumpSchedule Schedule, double RelativeTolerance = 1e-3,
                                   double AbsoluteToleranceK = 1e-6, double? FirstStepS = null, int Snapshots = 30,
                                   int MaxSteps = 20_000)
{
    /// <summary>No [transient] section: a continuous pump and the default settings.</summary>
    public static TransientSpec Default { get; } = new(null, PumpSchedule.Continuous);

    /// <summary>The integration settings up to <paramref name="endS"/>.</summary>
    public TransientSettings Settings(double endS) =>
        new(endS, RelativeTolerance, AbsoluteToleranceK, FirstStepS, Snapshots, MaxSteps);
}
