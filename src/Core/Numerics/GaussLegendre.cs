using System.Collections.Concurrent;

namespace MieCool.Core.Numerics;

/// <summary>
/// Gauss-Legendre nodes and weights, exact for polynomials of degree 2n - 1: the nodes are the roots of P_n, found by
/// Newton's method on the three-term recurrence k P_k = (2k - 1) t P_(k-1) - (k - 1) P_(k-2) (Abramowitz &amp; Stegun
/// 22.7.10, P_n' from 22.8.5) started at cos(pi (i - 1/4) / (n + 1/2)) (Tricomi 1950, Abramowitz &amp; Stegun 22.16.6);
/// the weights are w_i = 2 / ((1 - t_i^2) P_n'(t_i)^2) (Abramowitz &amp; Stegun 25.4.29). Rules are cached by order.
/// The one 1D rule of MieCool: the Mie volume averages use it directly, the FEM's triangle and tetrahedron rules
/// are products of it.
/// </summary>
public static class GaussLegendre
{
    static readonly ConcurrentDictionary<int, (double[] Nodes, double[] Weights)> Cache = new();

    /// <summary>The n-point rule on [-1, 1], nodes increasing. The arrays are shared: do not modify them.</summary>
    public static (double[] Nodes, double[] Weights) Rule(int n)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "at least one node");
        return Cache.GetOrAdd(n, Build);
    }

    /// <summary>The n-point rule mapped to [a, b], nodes increasing when a &lt; b (new arrays).</summary>
    public static (double[] Nodes, double[] Weights) Rule(int n, double a, double b)
    {
        var (x, w) = Rule(n);
        var xs = new double[n]; var ws = new double[n];
        double h = 0.5 * (b - a), c = 0.5 * (b + a);
        for (int i = 0; i < n; i++) { xs[i] = c + h * x[i]; ws[i] = h * w[i]; }
        return (xs, ws);
    }

    static (double[], double[]) Build(int n)
    {
        var x = new double[n]; var w = new double[n];
        for (int i = 0; i < n; i++)
        {
            double t = Math.Cos(Math.PI * (i + 0.75) / (n + 0.5)); // initial guess for the (i+1)-th largest root
            for (int it = 0; it < 100; it++)
            {
                var (p, dp) = Legendre(n, t);
                double dt = p / dp;
                t -= dt;
                if (Math.Abs(dt) < 1e-15) break;
            }
            x[n - 1 - i] = t;
            double d = Legendre(n, t).Derivative;
            w[n - 1 - i] = 2 / ((1 - t * t) * d * d);
        }
        return (x, w);
    }

    // P_n(t) by the recurrence and P_n'(t) = n (t P_n - P_(n-1)) / (t^2 - 1).
    static (double Value, double Derivative) Legendre(int n, double t)
    {
        double p0 = 1, p1 = t;
        for (int k = 2; k <= n; k++) { double p2 = ((2 * k - 1) * t * p1 - (k - 1) * p0) / k; p0 = p1; p1 = p2; }
        return (p1, n * (t * p1 - p0) / (t * t - 1));
    }
}
