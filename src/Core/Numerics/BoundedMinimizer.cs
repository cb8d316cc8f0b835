namespace MieCool.Core.Numerics;

/// <summary>One evaluation of the objective, in the order the minimiser asked for it.</summary>
/// <param name="X">The point, in the caller's units (inside the box).</param>
/// <param name="F">The value the minimiser used: f(X), or +infinity when the evaluation failed.</param>
/// <param name="Failure">Null for a finite value; otherwise why the point counts as +infinity (the exception's message,
/// or "returned NaN" / "returned +Infinity" / "returned -Infinity").</param>
public sealed record MinimizerEvaluation(IReadOnlyList<double> X, double F, string? Failure);

/// <summary>The outcome of a bounded minimisation.</summary>
/// <param name="X">The best point found, in the caller's units.</param>
/// <param name="F">f(X) (+infinity when every evaluation failed). It is the lowest value evaluated, except that a poll point
/// lower by no more than valueTolerance (noise) is not taken.</param>
/// <param name="Evaluations">How many times f was called (distinct points: a repeated point is answered from the cache).</param>
/// <param name="Converged">True when the tolerance in every coordinate was reached within the evaluation limit at a finite
/// value; false at the evaluation limit, or when no evaluation gave a finite value. Never ignore a false.</param>
/// <param name="ToleranceReached">Per coordinate, in the caller's units: the half-width of the final bracket around X (one
/// dimension), or the extent of the final simplex around X (several). On a smooth function the optimum lies within about
/// this distance of X; at convergence each entry is at most the requested tolerance.</param>
/// <param name="History">Every evaluation in order (its count is <paramref name="Evaluations"/>).</param>
/// <param name="Method">"Brent" (one dimension) or "Nelder-Mead" (several).</param>
public sealed record MinimizerResult(
    IReadOnlyList<double> X, double F, int Evaluations, bool Converged, IReadOnlyList<double> ToleranceReached,
    IReadOnlyList<MinimizerEvaluation> History, string Method);

/// <summary>
/// A derivative-free minimiser of an expensive, smooth (possibly slightly noisy) function on a box
/// lower &lt;= x &lt;= upper, for one to a handful of coordinates. One coordinate: Brent's method (golden section with
/// parabolic interpolation). Several: a bounded Nelder-Mead simplex search in the scaled box [0, 1]^n with the box enforced
/// by projection, stopped when the simplex is smaller than the tolerance in each coordinate's own units and confirmed by a
/// compass poll (below).
/// <para>Guarantees. Deterministic: the same f gives the same evaluation sequence on every run (no randomness, ties broken by
/// vertex order). Each distinct point is evaluated once (results are cached bit-exactly by x). At most
/// <c>maxEvaluations</c> calls of f.</para>
/// <para>Failed evaluations. A value that is not finite (NaN, +-infinity), or a <see cref="ComputationException"/> thrown by f
/// (a solver that did not converge, a mesher that failed), makes the point count as +infinity: it is recorded in the history
/// with the reason and the search moves away from it. Any other exception (bad input, cancellation, a bug) propagates
/// unchanged.</para>
/// <para>Noise. Choose tolerances the noise allows: near a minimum of curvature f'' a noise of amplitude e in f blurs x over
/// about sqrt(2 e / f''); set <c>valueTolerance</c> to the noise amplitude so that the final poll does not chase it.</para>
/// </summary>
public static class BoundedMinimizer
{
    /// <summary>The minimiser's choice of method: Brent for one coordinate, Nelder-Mead for more.</summary>
    /// <param name="f">The objective; called with a fresh array inside the box (it may keep it).</param>
    /// <param name="lower">Lower bounds, in the caller's units (SI).</param>
    /// <param name="upper">Upper bounds; each strictly above its lower bound.</param>
    /// <param name="tolerance">Absolute tolerance on x per coordinate, in the same units (&gt; 0).</param>
    /// <param name="maxEvaluations">The limit on calls of f (&gt;= 1).</param>
    /// <param name="start">Where to start (inside the box); null starts at the golden-section point (one coordinate) or the
    /// centre of the box (several).</param>
    /// <param name="valueTolerance">The decrease of f that counts as an improvement in the final poll (several coordinates;
    /// &gt;= 0): the noise amplitude of f.</param>
    /// <param name="cancellation">Checked before every evaluation.</param>
    /// <returns>The best point with its value, the tolerance reached and every evaluation.</returns>
    /// <exception cref="ArgumentException">Bounds, tolerances or start of the wrong length, not finite, empty, or outside
    /// the box; a limit below 1 or a negative value tolerance.</exception>
    public static MinimizerResult Minimize(
        Func<double[], double> f, double[] lower, double[] upper, double[] tolerance, int maxEvaluations,
        double[]? start = null, double valueTolerance = 0, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(f);
        Validate(lower, upper, tolerance, maxEvaluations, start, valueTolerance);
        var run = new Objective(f, lower, upper, maxEvaluations, cancellation);
        return lower.Length == 1
            ? BrentMinimize(run, tolerance[0], start?[0])
            : NelderMead(run, tolerance, start, valueTolerance);
    }

    static void Validate(double[] lower, double[] upper, double[] tolerance, int maxEvaluations, double[]? start, double valueTolerance)
    {
        ArgumentNullException.ThrowIfNull(lower);
        ArgumentNullException.ThrowIfNull(upper);
        ArgumentNullException.ThrowIfNull(tolerance);
        int n = lower.Length;
        if (n == 0) throw new ArgumentException("at least one coordinate", nameof(lower));
        if (upper.Length != n || tolerance.Length != n || (start is not null && start.Length != n))
            throw new ArgumentException($"lower has {n} coordinates, upper {upper.Length}, tolerance {tolerance.Length}"
                + (start is null ? "" : $", start {start.Length}"));
        for (int i = 0; i < n; i++)
        {
            if (!double.IsFinite(lower[i]) || !double.IsFinite(upper[i]) || !(lower[i] < upper[i]))
                throw new ArgumentException($"coordinate {i}: the bounds [{lower[i]}, {upper[i]}] must be finite with lower < upper");
            if (!double.IsFinite(tolerance[i]) || !(tolerance[i] > 0))
                throw new ArgumentException($"coordinate {i}: the tolerance {tolerance[i]} must be finite and > 0", nameof(tolerance));
            if (start is not null && !(start[i] >= lower[i] && start[i] <= upper[i]))
                throw new ArgumentException($"coordinate {i}: the start {start[i]} is outside [{lower[i]}, {upper[i]}]", nameof(start));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEvaluations, 1);
        if (!(valueTolerance >= 0) || double.IsPositiveInfinity(valueTolerance))
            throw new ArgumentOutOfRangeException(nameof(valueTolerance), valueTolerance, "finite and >= 0");
    }

    /// <summary>The evaluation budget ran out; caught by the methods, which return what they have.</summary>
    sealed class BudgetExhausted : Exception;

    /// <summary>f on the scaled box u in [0, 1]^n, x = lower + u (upper - lower), with the cache, the history and the budget.</summary>
    sealed class Objective(
        Func<double[], double> f, double[] lower, double[] upper, int maxEvaluations, CancellationToken cancellation)
    {
        readonly Dictionary<double[], double> cache = new(BitwiseComparer.Instance);
        public readonly List<MinimizerEvaluation> History = [];
        public int Dimension => lower.Length;
        public double Width(int i) => upper[i] - lower[i];

        /// <summary>The caller's x of a scaled point (projected onto the box; the bounds exactly at u = 0 and 1).</summary>
        public double[] ToX(double[] u)
        {
            var x = new double[u.Length];
            for (int i = 0; i < u.Length; i++)
                x[i] = u[i] <= 0 ? lower[i] : u[i] >= 1 ? upper[i] : Math.Clamp(lower[i] + u[i] * Width(i), lower[i], upper[i]);
            return x;
        }

        public double ToU(int i, double x) => (x - lower[i]) / Width(i);

        /// <summary>f at the scaled point u, from the cache when x was evaluated before.</summary>
        public double At(double[] u)
        {
            var x = ToX(u);
            if (cache.TryGetValue(x, out double cached)) return cached;
            if (History.Count >= maxEvaluations) throw new BudgetExhausted();
            cancellation.ThrowIfCancellationRequested();
            double value;
            string? failure = null;
            try { value = f((double[])x.Clone()); }
            catch (ComputationException e) { value = double.NaN; failure = e.Message; }
            if (!double.IsFinite(value))
            {
                failure ??= $"returned {value}";
                value = double.PositiveInfinity;
            }
            cache[x] = value;
            History.Add(new MinimizerEvaluation(x, value, failure));
            return value;
        }

        public MinimizerResult Result(double[] uBest, double fBest, bool converged, double[] tolU, string method) =>
            ResultAt(ToX(uBest), fBest, converged, tolU, method);

        /// <summary>The result at a point given in the caller's units (exactly as it was evaluated).</summary>
        public MinimizerResult ResultAt(IReadOnlyList<double> xBest, double fBest, bool converged, double[] tolU, string method)
        {
            var tol = new double[tolU.Length];
            for (int i = 0; i < tol.Length; i++) tol[i] = tolU[i] * Width(i);
            return new MinimizerResult(xBest, fBest, History.Count, converged && double.IsFinite(fBest), tol, History, method);
        }
    }

    /// <summary>Equality of points bit by bit (the cache key), with a hash of the bits.</summary>
    sealed class BitwiseComparer : IEqualityComparer<double[]>
    {
        public static readonly BitwiseComparer Instance = new();

        public bool Equals(double[]? a, double[]? b)
        {
            if (a is null || b is null || a.Length != b.Length) return ReferenceEquals(a, b);
            for (int i = 0; i < a.Length; i++)
                if (BitConverter.DoubleToInt64Bits(a[i]) != BitConverter.DoubleToInt64Bits(b[i])) return false;
            return true;
        }

        public int GetHashCode(double[] x)
        {
            var h = new HashCode();
            foreach (double v in x) h.Add(BitConverter.DoubleToInt64Bits(v));
            return h.ToHashCode();
        }
    }

    /// <summary>
    /// Brent's method for a minimum on [0, 1] (scaled), after R. P. Brent, Algorithms for Minimization without Derivatives,
    /// Prentice-Hall 1973, chapter 5, procedure localmin: golden-section steps, replaced by the minimum of the parabola through
    /// the three best points (x, w, v) when it falls inside the bracket and the step is less than half the step before last.
    /// It stops when max(x - a, b - x) &lt;= 2 tol with tol = t/2 (+ a rounding term), so the minimum of a unimodal f lies
    /// within t of x. A bound that the bracket never left is evaluated at the end (localmin never evaluates a, b), so a
    /// minimum at a bound is returned as the bound itself.
    /// </summary>
    static MinimizerResult BrentMinimize(Objective run, double toleranceX, double? startX)
    {
        double c = 0.5 * (3 - Math.Sqrt(5));                                    // golden section ratio, (3 - sqrt 5)/2
        double t = toleranceX / run.Width(0);                                    // scaled absolute tolerance
        double a = 0, b = 1;
        double x = startX is double s ? run.ToU(0, s) : a + c * (b - a), w = x, v = x;
        double d = 0, e = 0, fx = double.PositiveInfinity;
        bool converged = false;
        try
        {
            fx = F(x);
            double fw = fx, fv = fx;
            while (true)
            {
                double m = 0.5 * (a + b), tol = 0.5 * t + 4 * double.Epsilon + 2.2e-16 * Math.Abs(x), t2 = 2 * tol;
                if (Math.Abs(x - m) <= t2 - 0.5 * (b - a)) { converged = true; break; }
                double p = 0, q = 0, r = 0;
                if (Math.Abs(e) > tol)
                {                                                                 // parabola through (v, fv), (w, fw), (x, fx)
                    r = (x - w) * (fx - fv);
                    q = (x - v) * (fx - fw);
                    p = (x - v) * q - (x - w) * r;
                    q = 2 * (q - r);
                    if (q > 0) p = -p; else q = -q;
                    r = e; e = d;
                }
                if (Math.Abs(p) < Math.Abs(0.5 * q * r) && p > q * (a - x) && p < q * (b - x))
                {
                    d = p / q;                                                    // parabolic interpolation step
                    double trial = x + d;
                    if (trial - a < t2 || b - trial < t2) d = x < m ? tol : -tol; // f is not evaluated too close to a or b
                }
                else
                {
                    e = (x < m ? b : a) - x;                                      // golden section step into the larger part
                    d = c * e;
                }
                double u = x + (Math.Abs(d) >= tol ? d : d > 0 ? tol : -tol);
                double fu = F(u);
                if (fu <= fx)
                {
                    if (u < x) b = x; else a = x;
                    (v, fv, w, fw, x, fx) = (w, fw, x, fx, u, fu);
                }
                else
                {
                    if (u < x) a = u; else b = u;
                    if (fu <= fw || w == x) { (v, fv, w, fw) = (w, fw, u, fu); }
                    else if (fu <= fv || v == x || v == w) { v = u; fv = fu; }
                }
            }
            // the bound itself: for a unimodal f with f(bound) <= f(x) the minimum lies between them, within 2 tol <= t
            if (a == 0 && F(0) <= fx) return run.Result([0], F(0), true, [x], "Brent");
            if (b == 1 && F(1) <= fx) return run.Result([1], F(1), true, [1 - x], "Brent");
        }
        catch (BudgetExhausted) { }
        return run.Result([x], fx, converged, [Math.Max(x - a, b - x)], "Brent");

        double F(double u) => run.At([u]);
    }

    /// <summary>
    /// Nelder-Mead on the scaled box [0, 1]^n (J. A. Nelder and R. Mead, Comput. J. 7, 308 (1965)), in the form of
    /// J. C. Lagarias, J. A. Reeds, M. H. Wright and P. E. Wright, SIAM J. Optim. 9, 112 (1998), section 2: reflection rho,
    /// expansion chi, outside and inside contraction gamma, shrink sigma, with the dimension-dependent coefficients of
    /// F. Gao and L. Han, Comput. Optim. Appl. 51, 259 (2012): rho = 1, chi = 1 + 2/n, gamma = 3/4 - 1/(2n),
    /// sigma = 1 - 1/n (for n = 2 these are the standard 1, 2, 1/2, 1/2). Trial points outside the box are projected onto it.
    /// The initial simplex is the start and n points a quarter of the box away along the axes (inward at a bound).
    /// <para>Stop: when every vertex is within the tolerance of the best in each coordinate, a compass poll evaluates the
    /// best point +- the tolerance along each axis (projected; T. G. Kolda, R. M. Lewis and V. Torczon, SIAM Rev. 45, 385
    /// (2003), section 3: no poll point better means the projected gradient is of the order of the tolerance). If none is
    /// lower by more than valueTolerance the search has converged; otherwise it restarts from the best poll point with a
    /// simplex of ten tolerances, which also repairs a simplex that collapsed on a face of the box or stagnated
    /// (K. I. M. McKinnon, SIAM J. Optim. 9, 148 (1998)).</para>
    /// </summary>
    static MinimizerResult NelderMead(Objective run, double[] toleranceX, double[]? startX, double valueTolerance)
    {
        int n = run.Dimension;
        double rho = 1, chi = 1 + 2.0 / n, gamma = 0.75 - 0.5 / n, sigma = 1 - 1.0 / n;
        var tol = new double[n];
        for (int i = 0; i < n; i++) tol[i] = toleranceX[i] / run.Width(i);
        var start = new double[n];
        for (int i = 0; i < n; i++) start[i] = startX is null ? 0.5 : run.ToU(i, startX[i]);

        // vertices sorted by value (best first); a new vertex goes after those of equal value (deterministic ties)
        var simplex = new double[n + 1][];
        var values = new double[n + 1];
        int filled = 0;
        bool converged = false;
        try
        {
            var steps = new double[n];
            Array.Fill(steps, 0.25);
            Initial(start, steps);
            while (true)
            {
                if (WithinTolerance(Extent()))
                {
                    var (uPoll, fPoll) = Poll();
                    if (!(fPoll < values[0] - valueTolerance)) { converged = true; break; }
                    for (int i = 0; i < n; i++) steps[i] = Math.Min(0.25, 10 * tol[i]);
                    Initial(uPoll, steps);
                    continue;
                }
                Iterate();
            }
        }
        catch (BudgetExhausted)
        {
            // the best point evaluated (a poll point may be lower than the simplex); before the first simplex was complete
            // nothing is known about the tolerance beyond the box itself
            var extent = filled == n + 1 ? Extent() : [.. Enumerable.Repeat(1.0, n)];
            if (run.History.Count == 0) return run.Result(start, double.PositiveInfinity, false, extent, "Nelder-Mead");
            var best = run.History.MinBy(e => e.F)!;
            return run.ResultAt(best.X, best.F, false, extent, "Nelder-Mead");
        }
        return run.Result(simplex[0], values[0], converged, Extent(), "Nelder-Mead");

        void Initial(double[] u0, double[] step)
        {
            var vertices = new double[n + 1][];
            vertices[0] = (double[])u0.Clone();
            for (int i = 0; i < n; i++)
            {
                vertices[i + 1] = (double[])u0.Clone();
                vertices[i + 1][i] += u0[i] + step[i] <= 1 ? step[i] : -step[i];
            }
            Rebuild(vertices);
        }

        // the simplex of these vertices, all evaluated before the old simplex is replaced
        void Rebuild(double[][] vertices)
        {
            var f = new double[vertices.Length];
            for (int j = 0; j < vertices.Length; j++) f[j] = run.At(vertices[j]);
            filled = 0;
            for (int j = 0; j < vertices.Length; j++) Insert(vertices[j], f[j]);
        }

        void Insert(double[] u, double fu)
        {
            int k = filled;
            while (k > 0 && values[k - 1] > fu) { simplex[k] = simplex[k - 1]; values[k] = values[k - 1]; k--; }
            simplex[k] = u; values[k] = fu;
            filled++;
        }

        void ReplaceWorst(double[] u, double fu) { filled = n; Insert(u, fu); }

        bool WithinTolerance(double[] extent)
        {
            for (int i = 0; i < n; i++)
                if (!(extent[i] <= tol[i])) return false;
            return true;
        }

        double[] Extent()
        {
            var extent = new double[n];
            for (int j = 1; j < filled; j++)
                for (int i = 0; i < n; i++) extent[i] = Math.Max(extent[i], Math.Abs(simplex[j][i] - simplex[0][i]));
            return extent;
        }

        // one Nelder-Mead step (Lagarias et al. 1998, section 2, steps 2-5)
        void Iterate()
        {
            var centroid = new double[n];                                         // x_bar of the n best vertices
            for (int j = 0; j < n; j++)
                for (int i = 0; i < n; i++) centroid[i] += simplex[j][i] / n;
            var worst = simplex[n];
            double fBest = values[0], fSecondWorst = values[n - 1], fWorst = values[n];
            double[] Along(double coefficient)                                    // x_bar + coefficient (x_bar - x_worst), projected
            {
                var u = new double[n];
                for (int i = 0; i < n; i++) u[i] = Math.Clamp(centroid[i] + coefficient * (centroid[i] - worst[i]), 0, 1);
                return u;
            }
            var ur = Along(rho);
            double fr = run.At(ur);
            if (fBest <= fr && fr < fSecondWorst) { ReplaceWorst(ur, fr); return; }  // reflect
            if (fr < fBest)
            {                                                                     // expand
                var ue = Along(rho * chi);
                double fe = run.At(ue);
                if (fe < fr) ReplaceWorst(ue, fe); else ReplaceWorst(ur, fr);
                return;
            }
            if (fr < fWorst)
            {                                                                     // outside contraction
                var uc = Along(rho * gamma);
                double fc = run.At(uc);
                if (fc <= fr) { ReplaceWorst(uc, fc); return; }
            }
            else
            {                                                                     // inside contraction
                var ucc = Along(-gamma);
                double fcc = run.At(ucc);
                if (fcc < fWorst) { ReplaceWorst(ucc, fcc); return; }
            }
            var shrunk = new double[n + 1][];                                     // shrink towards the best vertex
            shrunk[0] = simplex[0];
            for (int j = 1; j <= n; j++)
            {
                shrunk[j] = new double[n];
                for (int i = 0; i < n; i++) shrunk[j][i] = simplex[0][i] + sigma * (simplex[j][i] - simplex[0][i]);
            }
            Rebuild(shrunk);
        }

        // the compass poll around the best vertex: its best point (the best vertex itself when none is lower)
        (double[] U, double F) Poll()
        {
            var best = simplex[0];
            double fBest = values[0];
            var uBest = best;
            for (int i = 0; i < n; i++)
                foreach (int sign in (ReadOnlySpan<int>)[1, -1])
                {
                    var u = (double[])best.Clone();
                    u[i] = Math.Clamp(u[i] + sign * tol[i], 0, 1);
                    double fu = run.At(u);
                    if (fu < fBest) { fBest = fu; uBest = u; }
                }
            return (uBest, fBest);
        }
    }
}
