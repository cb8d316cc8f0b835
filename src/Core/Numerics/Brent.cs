namespace MieCool.Core.Numerics;

/// <summary>The result of a bracketing root search.</summary>
/// <param name="X">The root's abscissa (the best estimate found).</param>
/// <param name="Value">f(X).</param>
/// <param name="Evaluations">How many times f was evaluated, the two bracket ends included.</param>
/// <param name="Converged">True when the bracket shrank below the tolerance within the evaluation limit.</param>
public sealed record RootResult(double X, double Value, int Evaluations, bool Converged);

/// <summary>
/// Brent's method for a root of a continuous function inside a bracket [a, b] with f(a) f(b) &lt;= 0: inverse quadratic
/// interpolation and secant steps, falling back to bisection whenever they do not shrink the bracket fast enough, so it
/// never does worse than bisection (R. P. Brent, Algorithms for Minimization without Derivatives, Prentice-Hall 1973,
/// chapter 4, procedure zero).
/// </summary>
public static class Brent
{
    /// <summary>A root of <paramref name="f"/> in [<paramref name="a"/>, <paramref name="b"/>].</summary>
    /// <param name="f">The function; it must be continuous on the bracket.</param>
    /// <param name="a">One end of the bracket.</param>
    /// <param name="b">The other end; f(a) and f(b) must not have the same strict sign.</param>
    /// <param name="tolerance">Absolute tolerance on the root (&gt; 0).</param>
    /// <param name="maxEvaluations">Evaluation limit, the ends included.</param>
    /// <returns>The root, or the best estimate with <see cref="RootResult.Converged"/> false at the limit.</returns>
    public static RootResult FindRoot(Func<double, double> f, double a, double b, double tolerance, int maxEvaluations = 100)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tolerance);
        double fa = f(a), fb = f(b);
        int evaluations = 2;
        if (fa == 0) return new RootResult(a, 0, evaluations, true);
        if (fb == 0) return new RootResult(b, 0, evaluations, true);
        if (Math.Sign(fa) == Math.Sign(fb) || !double.IsFinite(fa) || !double.IsFinite(fb))
            throw new ArgumentException($"[{a}, {b}] does not bracket a root: f = {fa} and {fb}");
        double c = a, fc = fa, d = b - a, e = d;
        while (true)
        {
            if (Math.Sign(fb) == Math.Sign(fc)) { c = a; fc = fa; d = b - a; e = d; }
            if (Math.Abs(fc) < Math.Abs(fb)) { (a, b, c) = (b, c, b); (fa, fb, fc) = (fb, fc, fb); }
            double tol = 2 * double.Epsilon + 0.5 * tolerance + 2 * 1e-16 * Math.Abs(b), m = 0.5 * (c - b);
            if (Math.Abs(m) <= tol || fb == 0) return new RootResult(b, fb, evaluations, true);
            if (evaluations >= maxEvaluations) return new RootResult(b, fb, evaluations, false);
            if (Math.Abs(e) < tol || Math.Abs(fa) <= Math.Abs(fb)) { d = m; e = m; }             // bisection
            else
            {
                double s = fb / fa, p, q;
                if (a == c) { p = 2 * m * s; q = 1 - s; }                                         // secant
                else
                {
                    double r = fb / fc; q = fa / fc;                                              // inverse quadratic
                    p = s * (2 * m * q * (q - r) - (b - a) * (r - 1));
                    q = (q - 1) * (r - 1) * (s - 1);
                }
                if (p > 0) q = -q; else p = -p;
                if (2 * p < Math.Min(3 * m * q - Math.Abs(tol * q), Math.Abs(e * q))) { e = d; d = p / q; }
                else { d = m; e = m; }                                                            // interpolation refused
            }
            a = b; fa = fb;
            b += Math.Abs(d) > tol ? d : (m > 0 ? tol : -tol);
            fb = f(b); evaluations++;
        }
    }
}
