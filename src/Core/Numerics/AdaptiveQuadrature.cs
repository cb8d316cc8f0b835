using System.Numerics;

namespace MieCool.Core.Numerics;

/// <summary>
/// Adaptive quadrature of a vector of complex integrands over [a, b]: each panel is integrated by the Gauss-Legendre
/// rules of 10 and 20 nodes (<see cref="GaussLegendre"/>); the difference is the panel's error estimate, and panels whose
/// estimate exceeds their share of the tolerance are halved (Davis &amp; Rabinowitz, Methods of Numerical Integration,
/// 2nd ed., Sec. 6.2). The tolerance applies to the largest component: max_i |err_i| &lt;= max(absTol, relTol max_i |I_i|).
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
    public static Report Integrate(Action<double, Span<Complex>> f, double a, double b, Span<Complex> sum, double relTol,
                                   double absTol = 0, int maxPanels = 4000)
    {
        int n = sum.Length;
        var (x10, w10) = GaussLegendre.Rule(10);
        var (x20, w20) = GaussLegendre.Rule(20);
        var value = new Complex[n];
        var g10 = new Complex[n]; var g20 = new Complex[n];
        var pending = new Stack<(double A, double B)>();
        pending.Push((a, b));
        int evaluations = 0, panels = 0;
        double error = 0, scale = 0;
        bool converged = true;
        var accepted = new List<(double A, double B, Complex[] I, double Err)>();
        while (pending.Count > 0)
        {
            var (pa, pb) = pending.Pop();
            double h = 0.5 * (pb - pa), c = 0.5 * (pb + pa);
            Array.Clear(g10); Array.Clear(g20);
            for (int q = 0; q < 10; q++)
            {
                f(c + h * x10[q], value); evaluations++;
                for (int i = 0; i < n; i++) g10[i] += w10[q] * h * value[i];
            }
            for (int q = 0; q < 20; q++)
            {
                f(c + h * x20[q], value); evaluations++;
                for (int i = 0; i < n; i++) g20[i] += w20[q] * h * value[i];
            }
            double err = 0, mag = 0;
            for (int i = 0; i < n; i++) { err = Math.Max(err, (g20[i] - g10[i]).Magnitude); mag = Math.Max(mag, g20[i].Magnitude); }
            scale = Math.Max(scale, mag);
            double allowed = Math.Max(absTol, relTol * scale) * (pb - pa) / (b - a);
            if (err <= allowed || accepted.Count + pending.Count >= maxPanels || h < 1e-14 * Math.Abs(b - a))
            {
                if (err > allowed) converged = false;
                accepted.Add((pa, pb, (Complex[])g20.Clone(), err));
                panels++;
                continue;
            }
            pending.Push((c, pb)); pending.Push((pa, c));
        }
        foreach (var p in accepted)
        {
            for (int i = 0; i < n; i++) sum[i] += p.I[i];
            error += p.Err;
        }
        return new Report(evaluations, panels, error, converged);
    }
}
