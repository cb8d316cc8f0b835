using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MieCool.Core.Numerics;

/// <summary>The pair of rules that integrates a panel and estimates its error.</summary>
public enum PanelRule
{
    /// <summary>Gauss-Legendre with 10 and 20 nodes (30 evaluations a panel; the 20-node value is kept).</summary>
    Gauss10Gauss20,
    /// <summary>Gauss-Kronrod 7/15 (<see cref="GaussKronrod"/>; 15 evaluations, the Kronrod value kept, degree 23).</summary>
    Kronrod15,
    /// <summary>Gauss-Kronrod 10/21 (21 evaluations, the Kronrod value kept, degree 31).</summary>
    Kronrod21,
    /// <summary>Gauss-Kronrod 15/31 (31 evaluations, the Kronrod value kept, degree 47).</summary>
    Kronrod31,
}

/// <summary>
/// Adaptive quadrature of a vector of complex integrands over [a, b]: each panel is integrated by a pair of rules, by
/// default the Gauss-Legendre rules of 10 and 20 nodes (<see cref="GaussLegendre"/>), or a Gauss-Kronrod pair
/// (<see cref="GaussKronrod"/>, whose Gauss nodes are among the Kronrod ones: fewer evaluations for the same error
/// estimate); the difference is the panel's error estimate, and panels whose estimate exceeds their share of the
/// tolerance are halved (Davis &amp; Rabinowitz, Methods of Numerical Integration, 2nd ed., Sec. 6.2). The tolerance
/// applies to the largest component: max_i |err_i| &lt;= max(absTol, relTol max_i |I_i|).
/// </summary>
public static class AdaptiveQuadrature
{
    /// <summary>What an integration cost and reached.</summary>
    /// <param name="Evaluations">Integrand evaluations.</param>
    /// <param name="Panels">Accepted panels.</param>
    /// <param name="ErrorEstimate">Sum over panels of the largest component's error estimate.</param>
    /// <param name="Converged">Whether every panel met its tolerance before the panel limit.</param>
    public readonly record struct Report(int Evaluations, int Panels, double ErrorEstimate, bool Converged);

    /// <summary>
    /// Adds int_a^b f(t) dt to <paramref name="sum"/> (length = the number of components); f(t, values) writes the integrand.
    /// </summary>
    /// <param name="f">The integrand: f(t, values) writes the components at t.</param>
    /// <param name="a">Lower limit.</param>
    /// <param name="b">Upper limit.</param>
    /// <param name="sum">Receives the integral (added to its contents).</param>
    /// <param name="relTol">Relative tolerance on the largest component.</param>
    /// <param name="absTol">Absolute tolerance (the larger of the two applies).</param>
    /// <param name="maxPanels">Panel limit.</param>
    /// <param name="rule">The panel rule: the error estimate is the difference of its two results (for Gauss-Kronrod the
    /// embedded Gauss rule's error, so the kept Kronrod value is usually far better than the estimate).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Report Integrate(Action<double, Span<Complex>> f, double a, double b, Span<Complex> sum, double relTol,
                                   double absTol = 0, int maxPanels = 4000, PanelRule rule = PanelRule.Gauss10Gauss20)
    {
        int n = sum.Length;
        double[] x10, w10, x20, w20;
        if (rule == PanelRule.Gauss10Gauss20)
        {
            (x10, w10) = GaussLegendre.Rule(10);
            (x20, w20) = GaussLegendre.Rule(20);
        }
        else
        {
            // the Kronrod nodes, with the Gauss weights (zero at the Kronrod-only nodes) and the Kronrod weights
            var gk = GaussKronrod.Of(rule switch { PanelRule.Kronrod15 => 7, PanelRule.Kronrod21 => 10, _ => 15 });
            (x10, w10, x20, w20) = (gk.Nodes, gk.GaussWeights, gk.Nodes, gk.KronrodWeights);
        }
        bool shared = rule != PanelRule.Gauss10Gauss20;
        var value = new Complex[n];
        var g10 = new Complex[n]; var g20 = new Complex[n];
        var pending = new Stack<(double A, double B)>();
        pending.Push((a, b));
        int evaluations = 0, panels = 0;
        double error = 0, scale = 0;
        bool converged = true;
        while (pending.Count > 0)
        {
            var (pa, pb) = pending.Pop();
            double h = 0.5 * (pb - pa), c = 0.5 * (pb + pa);
            Array.Clear(g10); Array.Clear(g20);
            if (!shared)
            {
                for (int q = 0; q < 10; q++)
                {
                    f(c + h * x10[q], value); evaluations++;
                    AddScaled(w10[q] * h, value, g10);
                }
            }
            for (int q = 0; q < x20.Length; q++)
            {
                f(c + h * x20[q], value); evaluations++;
                AddScaled(w20[q] * h, value, g20);
                if (shared && w10[q] != 0) AddScaled(w10[q] * h, value, g10);
            }
            var (err, mag) = Largest(g10, g20);
            scale = Math.Max(scale, mag);
            double allowed = Math.Max(absTol, relTol * scale) * (pb - pa) / (b - a);
            if (err <= allowed || panels + pending.Count >= maxPanels || h < 1e-14 * Math.Abs(b - a))
            {
                if (err > allowed) converged = false;
                for (int i = 0; i < n; i++) sum[i] += g20[i]; // accepted panels add up in the order they are accepted
                error += err;
                panels++;
                continue;
            }
            pending.Push((c, pb)); pending.Push((pa, c));
        }
        return new Report(evaluations, panels, error, converged);
    }

    /// <summary>
    /// max_i |fine_i - coarse_i| and max_i |fine_i|: from the squared moduli (no scaled hypot per component), and by
    /// <see cref="Complex.Magnitude"/> when a square could have under- or overflowed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static (double Error, double Magnitude) Largest(Complex[] coarse, Complex[] fine)
    {
        double e2 = 0, m2 = 0;
        for (int i = 0; i < fine.Length; i++)
        {
            double dr = fine[i].Real - coarse[i].Real, di = fine[i].Imaginary - coarse[i].Imaginary;
            double fr = fine[i].Real, fi = fine[i].Imaginary;
            e2 = Math.Max(e2, dr * dr + di * di); m2 = Math.Max(m2, fr * fr + fi * fi);
        }
        const double Low = 1e-280, High = 1e280;
        if (e2 > Low && e2 < High && m2 > Low && m2 < High) return (Math.Sqrt(e2), Math.Sqrt(m2));
        double err = 0, mag = 0;
        for (int i = 0; i < fine.Length; i++)
        {
            err = Math.Max(err, (fine[i] - coarse[i]).Magnitude); mag = Math.Max(mag, fine[i].Magnitude);
        }
        return (err, mag);
    }

    /// <summary>y += s x, component by component (as doubles, in SIMD lanes: the same products and sums as one by one).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void AddScaled(double s, Complex[] x, Complex[] y)
    {
        var xs = MemoryMarshal.Cast<Complex, double>(x.AsSpan());
        var ys = MemoryMarshal.Cast<Complex, double>(y.AsSpan());
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var sv = new Vector<double>(s);
            var xv = MemoryMarshal.Cast<double, Vector<double>>(xs);
            var yv = MemoryMarshal.Cast<double, Vector<double>>(ys);
            for (int j = 0; j < xv.Length; j++) yv[j] += sv * xv[j];
            i = xv.Length * Vector<double>.Count;
        }
        for (; i < xs.Length; i++) ys[i] += s * xs[i];
    }
}
