using MieCool.Core;
using MieCool.Core.Numerics;
using MieCool.Mesh;
using MieCool.Optics.Cooling;
using MieCool.Optics.Fields;
using MieCool.Thermal;
using MieCool.Thermal.Assembly;
using MieCool.Thermal.LinearAlgebra;

namespace MieCool.Coupling;

/// <summary>How the particle's steady temperature is found.</summary>
public enum SteadyStateModel
{
    /// <summary>Constant properties: the optics at the ambient temperature, one heat solve (the first MieCool answer).</summary>
    Linear,
    /// <summary>The optics at the particle's mean temperature, iterated to the temperature where heat balances.</summary>
    SelfConsistent,
}

/// <summary>
/// The settings of the steady state. The self-consistent state is the particle mean temperature T_p at which the heat
/// conducted away balances the net optical heat -eta_c(T_p) P_abs(T_p), with the optical properties evaluated at T_p.
/// </summary>
/// <param name="Model">Linear (today's constant-property answer) or self-consistent.</param>
/// <param name="ValidityMinK">Lowest temperature at which the material model holds (e.g. MAPbI3's tetragonal phase from
/// about 162 K), K; the search does not go below it, and a balance below it is reported as outside the model.</param>
/// <param name="ValidityMaxK">Highest such temperature (MAPbI3: about 327 K, the tetragonal-cubic transition), K.</param>
/// <param name="ToleranceK">Absolute tolerance on T_p, K.</param>
/// <param name="MaxEvaluations">Limit on evaluations of the balance (each is one optics solve and one source sampling).</param>
/// <param name="ScanStepK">First step of the scan away from ambient that brackets the first balance the particle
/// reaches, K; each further step doubles.</param>
public sealed record SteadyStateSettings(
    SteadyStateModel Model,
    double ValidityMinK = 1,
    double ValidityMaxK = 5000,
    double ToleranceK = 1e-3,
    int MaxEvaluations = 200,
    double ScanStepK = 10)
{
    /// <summary>The constant-property model.</summary>
    public static SteadyStateSettings Linear { get; } = new(SteadyStateModel.Linear);

    /// <summary>
    /// Limit on the conductivity iterations of the self-consistent state with temperature-dependent conductivities (each
    /// one response solve, one balance and one Picard-iterated field solve); not settling within it is reported as not
    /// converged.
    /// </summary>
    public int MaxConductivityIterations { get; init; } = 30;

    /// <summary>Throws an <see cref="InputException"/> (keys "validity", "tolerance", ...) for unusable settings.</summary>
    public void Validate()
    {
        const string source = "steady-state settings";
        if (!(ValidityMinK > 0) || !(ValidityMaxK > ValidityMinK) || !double.IsFinite(ValidityMaxK))
            throw new InputException(source, "the validity range must be 0 < min < max, finite", "validity",
                $"{Units.Invariant(ValidityMinK)} to {Units.Invariant(ValidityMaxK)} K", "e.g. 162 K to 327 K");
        if (!(ToleranceK > 0) || !(ScanStepK > 0) || MaxEvaluations < 3)
            throw new InputException(source, "tolerance and scan step must be > 0 K and at least 3 evaluations allowed",
                "tolerance", Units.Invariant(ToleranceK), "e.g. 1e-3 K");
        if (MaxConductivityIterations < 2)
            throw new InputException(source, "the conductivity iteration needs at least 2 iterations", "max_conductivity_iterations",
                Units.Invariant(MaxConductivityIterations), "an integer >= 2, e.g. 30");
    }
}

/// <summary>How the steady state was found, and whether it is one.</summary>
/// <param name="Model">Which model.</param>
/// <param name="Converged">True when T_p balances to within the tolerance inside the validity range (always for linear).</param>
/// <param name="TemperatureK">T_p, the particle mean temperature at the balance, K; null when there is none to report.</param>
/// <param name="Evaluations">Evaluations of the balance (optics at a trial temperature, the source and its mean response).</param>
/// <param name="ResidualK">|T_p - (T_ambient + mean rise of the final field)|, K: how well the final FEM field agrees.</param>
/// <param name="LinearRiseK">The constant-property (linear) mean rise, for comparison, K.</param>
/// <param name="InsideValidity">Whether the balance lies inside the material's validity range (null without a balance).</param>
/// <param name="Status">One sentence: what was found, or why there is no steady state to report.</param>
public sealed record SteadyState(SteadyStateModel Model, bool Converged, double? TemperatureK, int Evaluations, double ResidualK,
                                 double LinearRiseK, bool? InsideValidity, string Status)
{
    /// <summary>
    /// Iterations on the temperature-dependent conductivities; 0 with constant conductivities. Self-consistent: the outer
    /// iterations (response field for the conductivity field, balance, Picard-iterated field at T_p, conductivities from
    /// that field). Linear: the Picard iterations of its one field solve.
    /// </summary>
    public int ConductivityIterations { get; init; }
}

/// <summary>
/// The self-consistent steady state. With constant conductivities the particle's mean rise is linear in the source, and
/// by the symmetry of the conduction operator it is the source weighted by one response field: mean rise =
/// sum_p q_p w_p G(x_p), where G is the temperature field of a uniform 1 W source in the particle (G(x) is the mean
/// particle rise per watt put in at x: reciprocity of the Green's function). One extra solve gives G; each trial
/// temperature then costs an optics evaluation and a source sampling, no FEM solve. The balance
/// h(T) = T_ambient + rise(T) - T is scanned from the ambient temperature towards the side the particle moves to (steps
/// of ScanStepK, doubling), so the balance it reaches is bracketed, then solved by Brent's method; one final FEM solve at
/// T_p gives the field. With temperature-dependent conductivities the response is that of a frozen conductivity field,
/// and CoupledModel iterates: response, balance, the Picard-iterated field at T_p, the conductivities of that field.
/// </summary>
static class SelfConsistency
{
    /// <summary>The balance h(T) for the problem on the sampled particle.</summary>
    internal sealed class Balance(CoupledProblem problem, SourcePoints points, SourcePoints? substratePoints,
                                  (double X, double Y, double Z) centre, Response response, Func<double, CoolingInputs> inputsAt)
    {
        public int Evaluations { get; private set; }
        public double AmbientK => problem.Thermal.AmbientK;

        // the last two states: Brent's answer is its last or its second last evaluation (the step of the tolerance after it)
        readonly (double TemperatureK, (CoolingResult, IPumpField, OpticalSource) State)?[] _recent = new (double, (CoolingResult,
            IPumpField, OpticalSource))?[2];

        /// <summary>
        /// The optics, pump field and source at a trial particle temperature. The last two are kept, so that the state at
        /// the balance, one of the root search's last two evaluations, is not computed again.
        /// </summary>
        public (CoolingResult Optics, IPumpField Field, OpticalSource Source) At(double temperatureK)
        {
            foreach (var kept in _recent)
                if (kept is { } k && k.TemperatureK.Equals(temperatureK)) return k.State;
            var (optics, field) = CoupledModel.OpticsAt(inputsAt(temperatureK));
            var source = OpticalSource.Build(points, centre, optics, field, problem.Polarisation, problem.Emitters, substratePoints);
            _recent[1] = _recent[0];
            _recent[0] = (temperatureK, (optics, field, source));
            return (optics, field, source);
        }

        /// <summary>The particle's mean rise for the source at a trial temperature, K (sum_p q_p w_p G_p).</summary>
        public double Rise(double temperatureK)
        {
            Evaluations++;
            return RiseOf(At(temperatureK).Source.Heat);
        }

        /// <summary>
        /// The particle's mean rise for a source sampled at the balance's points, K (sum_p q_p w_p G_p), its heat in the
        /// substrate included.
        /// </summary>
        public double RiseOf(HeatSource source)
        {
            double rise = Sum(source.DensityWPerM3, points.Weights, response.Particle);
            if (source.Substrate is { } below)
                rise += Sum(below.DensityWPerM3, below.Points.Weights, response.Substrate
                    ?? throw new InvalidOperationException("a substrate source without the substrate's response"));
            return rise;
        }

        static double Sum(double[] q, double[] w, double[] g)
        {
            double sum = 0;
            for (int p = 0; p < q.Length; p++) sum += q[p] * w[p] * g[p];
            return sum;
        }

        /// <summary>h(T) = T_ambient + rise(T) - T: positive where the particle would end up warmer than T.</summary>
        public double H(double temperatureK) => AmbientK + Rise(temperatureK) - temperatureK;
    }

    /// <summary>The response G (K/W) at the particle's points and at the substrate's points (null: none).</summary>
    internal sealed record Response(double[] Particle, double[]? Substrate);

    /// <summary>
    /// The response G at the particle's points and at <paramref name="substratePoints"/>: the FEM field of a uniform 1 W
    /// source in the particle, K/W; read from <paramref name="store"/> when it holds this solve (then no CG iteration).
    /// </summary>
    internal static Response ResponseAt(ThermalSettings thermal, TetMesh mesh, SourcePoints points, SourcePoints? substratePoints,
                                        CancellationToken cancellation, SolverCache? cache = null, SolutionStore? store = null,
                                        IProgress<StageProgress>? progress = null)
    {
        var heat = Conduction.Recalled(thermal, mesh, UnitSource(points), store, cache, progress, cancellation);
        return At(mesh, points, substratePoints, heat.TemperatureRiseK);
    }

    static Response At(TetMesh mesh, SourcePoints points, SourcePoints? substratePoints, double[] field) =>
        new(HeatAssembler.AtPoints(mesh, points, field),
            substratePoints is null ? null : HeatAssembler.AtPoints(mesh, substratePoints, field));

    /// <summary>
    /// The response G for a frozen conductivity field (temperature-dependent conductivities): the linear problem with the
    /// conductivity <paramref name="cellConductivityWPerMK"/> per cell (null: the region values at the ambient
    /// temperature), which by reciprocity gives the mean rise of any source on that conductivity field, K/W.
    /// </summary>
    internal static Response ResponseAt(ThermalSettings thermal, TetMesh mesh, SourcePoints points, SourcePoints? substratePoints,
                                        double[]? cellConductivityWPerMK, CancellationToken cancellation,
                                        SolverCache? cache = null)
    {
        var heat = Conduction.HeatWithConductivity(thermal, mesh, UnitSource(points), cellConductivityWPerMK, iterate: false, null,
                                                   cancellation, cache);
        return At(mesh, points, substratePoints, heat.TemperatureRiseK);
    }

    static HeatSource UnitSource(SourcePoints points)
    {
        double volume = points.Weights.Sum();
        var unit = new double[points.Count];
        Array.Fill(unit, 1 / volume);
        return HeatSource.Sampled("1 W uniform in the particle (response)", points, unit);
    }

    /// <summary>
    /// Brent's method for the balance h(T) = 0 on the bracket [t0, t1] (h known or cached at its ends), in the variable
    /// that is the more nearly linear: h itself, or ln r with the ratio r(T) = rise(T) / (T - T_ambient), since
    /// h = (T - T_ambient) (r - 1), so that on a bracket on one side of the ambient temperature, with r &gt; 0, h = 0
    /// exactly where ln r = 0. Where the optical rise varies about exponentially with T (the absorption's band tail, an
    /// Urbach edge) ln r is nearly linear and the interpolation steps land close at once (default case: 4 evaluations in
    /// the bracket instead of 6); where the rise hardly varies, h is. Which is judged at a third known point
    /// <paramref name="tOther"/> (the scan's previous one; NaN: none, h): the one whose value there lies closer to the line
    /// through the bracket's ends, relative to its range. The roots in the bracket are the same; where r is not positive,
    /// or turns so inside, Brent works on h (the values already found are reused through <paramref name="h"/>'s cache).
    /// </summary>
    internal static RootResult Root(Func<double, double> h, double ambient, double t0, double t1, double tOther, double tolerance,
                                    int maxEvaluations)
    {
        double Ratio(double t) => (h(t) + t - ambient) / (t - ambient); // rise / (T - T_ambient); 1 at a balance
        double Bend(Func<double, double> f) // |f(tOther) - the chord's value there| / |f(t1) - f(t0)|
        {
            double f0 = f(t0), f1 = f(t1);
            return Math.Abs(f(tOther) - (f0 + (f1 - f0) * (tOther - t0) / (t1 - t0))) / Math.Abs(f1 - f0);
        }
        double side = Math.Sign(t0 - ambient);
        if (double.IsFinite(tOther) && side != 0 && Math.Sign(t1 - ambient) == side && Math.Sign(tOther - ambient) == side
            && Ratio(t0) > 0 && Ratio(t1) > 0 && Ratio(tOther) > 0 && Bend(t => Math.Log(Ratio(t))) < Bend(h))
        {
            try
            {
                return Brent.FindRoot(t => Ratio(t) is var r && r > 0 ? Math.Log(r) : throw new RatioNotPositive(),
                                      t0, t1, tolerance, maxEvaluations);
            }
            catch (RatioNotPositive) { } // rise and T - T_ambient of opposite sign inside: solve h itself
        }
        return Brent.FindRoot(h, t0, t1, tolerance, maxEvaluations);
    }

    sealed class RatioNotPositive : Exception;

    /// <summary>
    /// Brackets and solves h(T) = 0 near a previous balance <paramref name="previousK"/> whose source is known (a
    /// conductivity iteration moves the balance by little): h there costs no optics evaluation, the first step is
    /// 1.5 |h| (past the root whenever |dh/dT| &gt;= 1, i.e. when the rise does not grow towards the side the particle
    /// moves to), then doubling, and Brent's method (to a hundredth of the tolerance) reuses the bracket's values. Null
    /// when no bracket is found before the validity limit or the evaluation limit (the caller then scans from ambient).
    /// </summary>
    internal static double? SolveNear(Balance balance, SteadyStateSettings s, double previousK, HeatSource previousSource)
    {
        var known = new Dictionary<double, double>();
        double H(double t) => known.TryGetValue(t, out var v) ? v : known[t] = balance.H(t);
        double h0 = known[previousK] = balance.AmbientK + balance.RiseOf(previousSource) - previousK;
        if (h0 == 0) return previousK;
        double direction = Math.Sign(h0), edge = direction < 0 ? s.ValidityMinK : s.ValidityMaxK;
        double t0 = previousK, step = 1.5 * Math.Abs(h0) + s.ToleranceK;
        int start = balance.Evaluations;
        while (t0 != edge && balance.Evaluations - start < s.MaxEvaluations)
        {
            double t1 = direction < 0 ? Math.Max(t0 - step, edge) : Math.Min(t0 + step, edge);
            step *= 2;
            double h1 = H(t1);
            if (Math.Sign(h1) != Math.Sign(h0) || h1 == 0)
            {
                // a hundredth of the tolerance (a step or two more): the conductivity loop compares T_p with the field to it
                var root = Brent.FindRoot(H, t0, t1, s.ToleranceK / 100, s.MaxEvaluations);
                return root.Converged ? root.X : null;
            }
            t0 = t1;
        }
        return null;
    }

    /// <summary>Brackets and solves h(T) = 0; returns the balance temperature or why there is none, K.</summary>
    internal static (double? TemperatureK, bool Converged, string Status) Solve(Balance balance, SteadyStateSettings s,
                                                                                double linearRiseK)
    {
        double ambient = balance.AmbientK;
        if (ambient < s.ValidityMinK || ambient > s.ValidityMaxK)
            return (null, false, FormattableString.Invariant(
                $"the ambient temperature {ambient:G5} K lies outside the validity range {s.ValidityMinK:G5}-{s.ValidityMaxK:G5} K"));
        double h0 = linearRiseK; // h(T_ambient) = rise at ambient: the linear answer
        if (h0 == 0) return (ambient, true, "no net heat: the particle stays at the ambient temperature");
        double direction = Math.Sign(h0), edge = direction < 0 ? s.ValidityMinK : s.ValidityMaxK;
        double t0 = ambient, ht0 = h0, step = s.ScanStepK, tPrevious = double.NaN;
        // Brent starts from the bracket's ends, which the scan has evaluated: each costs an optics evaluation, so once
        var known = new Dictionary<double, double> { [ambient] = h0 };
        double H(double t) => known.TryGetValue(t, out var v) ? v : known[t] = balance.H(t);
        while (true)
        {
            double t1 = direction < 0 ? Math.Max(t0 - step, edge) : Math.Min(t0 + step, edge);
            step *= 2; // a far balance is bracketed in a few steps; the first steps stay fine near ambient
            double ht1 = H(t1);
            if (Math.Sign(ht1) != Math.Sign(ht0) || ht1 == 0)
            {
                var root = Root(H, ambient, t0, t1, tPrevious, s.ToleranceK, s.MaxEvaluations);
                return root.Converged
                    ? (root.X, true, FormattableString.Invariant(
                        $"balance at {root.X:F3} K (bracketed in [{Math.Min(t0, t1):F1}, {Math.Max(t0, t1):F1}] K)"))
                    : (null, false, $"Brent's method did not reach {s.ToleranceK} K within {s.MaxEvaluations} evaluations");
            }
            if (t1 == edge)
                return (null, false, FormattableString.Invariant(
                    $"no balance between the ambient {ambient:F2} K and the validity limit {edge:G5} K: the particle would ") +
                    (direction < 0 ? "cool past" : "heat past") + " the range where the material model holds");
            if (balance.Evaluations >= s.MaxEvaluations)
                return (null, false, $"no sign change of the balance within {s.MaxEvaluations} evaluations");
            (tPrevious, t0, ht0) = (t0, t1, ht1);
        }
    }
}
