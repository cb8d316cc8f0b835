using System.Collections.Concurrent;

namespace MieCool.Core.Numerics;

/// <summary>
/// Gauss-Kronrod rules on [-1, 1]: the n Gauss-Legendre nodes plus the n + 1 roots of the Stieltjes polynomial E_(n+1),
/// with weights that make the 2n + 1 point rule exact for polynomials of degree 3n + 1 (3n + 2 for odd n; Kronrod 1965; Gautschi,
/// Orthogonal Polynomials, Sec. 3.1.2; Laurie, Math. Comp. 66, 1133 (1997) for their existence and interlacing). Computed
/// here, not tabulated: E_(n+1) = P_(n+1) + sum_(k &lt;= n) c_k P_k with int P_n E_(n+1) P_j dx = 0 for j = 0..n (the
/// triple products by a Gauss-Legendre rule exact for them; only the coefficients of the parity of n + 1 are non-zero);
/// its roots by bisection in the gaps between the Gauss nodes (they interlace), and the weights from the moment
/// equations sum_i w_i P_k(x_i) = 2 delta_k0, k = 0..2n (Gaussian elimination with partial pivoting, then symmetrised).
/// Rules are cached by n.
/// </summary>
public static class GaussKronrod
{
    static readonly ConcurrentDictionary<int, Rule> Cache = new();

    /// <summary>A Gauss-Kronrod rule: 2n + 1 nodes increasing, their Kronrod weights and the Gauss weights (zero at the
    /// Kronrod-only nodes, which are the even positions 0, 2, ..., 2n). The arrays are shared: do not modify them.</summary>
    /// <param name="Nodes">The 2n + 1 nodes on [-1, 1], increasing.</param>
    /// <param name="KronrodWeights">Weights of the 2n + 1 point rule.</param>
    /// <param name="GaussWeights">Weights of the embedded n point Gauss-Legendre rule at the same nodes (0 where it has none).</param>
    public sealed record Rule(double[] Nodes, double[] KronrodWeights, double[] GaussWeights);

    /// <summary>The rule extending the n-point Gauss-Legendre rule (n &gt;= 1).</summary>
    public static Rule Of(int n)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "at least one Gauss node");
        return Cache.GetOrAdd(n, Build);
    }

    static Rule Build(int n)
    {
        var (gx, gw) = GaussLegendre.Rule(n);
        // E_(n+1): unknowns c_k, k <= n, k = n + 1 (mod 2); the equations with n + j + k even (j odd) are the non-trivial ones
        var (qx, qw) = GaussLegendre.Rule(2 * n + 2);
        var ks = Enumerable.Range(0, n + 1).Where(k => (k - n - 1) % 2 == 0).ToArray();
        var js = Enumerable.Range(0, n + 1).Where(j => (j + n + n + 1) % 2 == 0).ToArray();
        int u = ks.Length;
        var a = new double[u, u + 1];
        var p = new double[n + 2];
        for (int q = 0; q < qx.Length; q++)
        {
            Legendre(qx[q], p);
            for (int r = 0; r < u; r++)
            {
                double f = qw[q] * p[n] * p[js[r]];
                for (int c = 0; c < u; c++) a[r, c] += f * p[ks[c]];
                a[r, u] -= f * p[n + 1];
            }
        }
        var coeff = new double[n + 2];
        coeff[n + 1] = 1;
        var sol = Solve(a, u);
        for (int c = 0; c < u; c++) coeff[ks[c]] = sol[c];
        double E(double x)
        {
            Legendre(x, p);
            double s = 0;
            for (int k = 0; k <= n + 1; k++) s += coeff[k] * p[k];
            return s;
        }
        // the n + 1 roots, one in each gap of -1 < g_1 < ... < g_n < 1
        var nodes = new double[2 * n + 1];
        for (int i = 0; i <= n; i++)
        {
            double lo = i == 0 ? -1 : gx[i - 1], hi = i == n ? 1 : gx[i];
            double flo = E(lo);
            for (int it = 0; it < 200; it++)
            {
                double mid = 0.5 * (lo + hi);
                if (mid <= lo || mid >= hi) break;
                double fm = E(mid);
                if (fm == 0) { lo = hi = mid; break; }
                if ((fm < 0) == (flo < 0)) { lo = mid; flo = fm; } else hi = mid;
            }
            nodes[2 * i] = 0.5 * (lo + hi);
            if (i < n) nodes[2 * i + 1] = gx[i];
        }
        if (n % 2 == 0) nodes[n] = 0; // the middle Kronrod node of an even n is the origin by symmetry
        // weights: sum_i w_i P_k(x_i) = 2 delta_k0, k = 0..2n
        int m = 2 * n + 1;
        var v = new double[m, m + 1];
        var pk = new double[m];
        for (int i = 0; i < m; i++)
        {
            Legendre(nodes[i], pk);
            for (int k = 0; k < m; k++) v[k, i] = pk[k];
        }
        v[0, m] = 2;
        var w = Solve(v, m);
        var gauss = new double[m];
        for (int i = 0; i < n; i++) gauss[2 * i + 1] = gw[i];
        for (int i = 0; i < m / 2; i++)
        {
            double s = 0.5 * (w[i] + w[m - 1 - i]);
            w[i] = w[m - 1 - i] = s;
            double x = 0.5 * (nodes[m - 1 - i] - nodes[i]);
            nodes[i] = -x; nodes[m - 1 - i] = x;
        }
        return new Rule(nodes, w, gauss);
    }

    /// <summary>P_0..P_(len-1) at x by the recurrence k P_k = (2k - 1) x P_(k-1) - (k - 1) P_(k-2).</summary>
    static void Legendre(double x, double[] p)
    {
        p[0] = 1;
        if (p.Length > 1) p[1] = x;
        for (int k = 2; k < p.Length; k++) p[k] = ((2 * k - 1) * x * p[k - 1] - (k - 1) * p[k - 2]) / k;
    }

    /// <summary>Solves the n x n system with its right-hand side in column n, by elimination with partial pivoting.</summary>
    static double[] Solve(double[,] a, int n)
    {
        for (int c = 0; c < n; c++)
        {
            int piv = c;
            for (int r = c + 1; r < n; r++) if (Math.Abs(a[r, c]) > Math.Abs(a[piv, c])) piv = r;
            if (a[piv, c] == 0) throw new InvalidOperationException("singular system in the Gauss-Kronrod construction");
            if (piv != c)
                for (int q = 0; q <= n; q++) (a[c, q], a[piv, q]) = (a[piv, q], a[c, q]);
            for (int r = c + 1; r < n; r++)
            {
                double f = a[r, c] / a[c, c];
                if (f == 0) continue;
                for (int q = c; q <= n; q++) a[r, q] -= f * a[c, q];
            }
        }
        var x = new double[n];
        for (int r = n - 1; r >= 0; r--)
        {
            double s = a[r, n];
            for (int q = r + 1; q < n; q++) s -= a[r, q] * x[q];
            x[r] = s / a[r, r];
        }
        return x;
    }
}
