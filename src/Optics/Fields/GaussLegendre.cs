using System.Collections.Concurrent;

namespace MieCool.Optics.Fields;

/// <summary>
/// Gauss-Legendre nodes and weights on [-1, 1] (Newton iteration on P_n from the Tricomi initial guess,
/// Abramowitz &amp; Stegun 25.4.29); exact for polynomials of degree 2n - 1. Rules are cached by order.
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

    /// <summary>The n-point rule mapped to [a, b] (new arrays).</summary>
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
            double dp = 0;
            for (int it = 0; it < 100; it++)
            {
                double p0 = 1, p1 = t;
                for (int k = 2; k <= n; k++) { double p2 = ((2 * k - 1) * t * p1 - (k - 1) * p0) / k; p0 = p1; p1 = p2; }
                dp = n * (t * p1 - p0) / (t * t - 1); // P_n'(t)
                double dt = p1 / dp;
                t -= dt;
                if (Math.Abs(dt) < 1e-15) break;
            }
            {
                double p0 = 1, p1 = t;
                for (int k = 2; k <= n; k++) { double p2 = ((2 * k - 1) * t * p1 - (k - 1) * p0) / k; p0 = p1; p1 = p2; }
                dp = n * (t * p1 - p0) / (t * t - 1);
            }
            x[n - 1 - i] = t;
            w[n - 1 - i] = 2 / ((1 - t * t) * dp * dp);
        }
        return (x, w);
    }
}
