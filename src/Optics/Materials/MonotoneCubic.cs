namespace MieCool.Optics.Materials;

/// <summary>
/// Piecewise cubic Hermite interpolation with shape-preserving slopes (PCHIP): Fritsch &amp; Carlson,
/// SIAM J. Numer. Anal. 17, 238 (1980), with the weighted-harmonic-mean interior slopes of Fritsch &amp; Butland,
/// SIAM J. Sci. Stat. Comput. 5, 300 (1984) and the one-sided end slopes of Moler, "Numerical Computing with
/// MATLAB" (2004) section 3.4. It passes through every knot exactly, has a continuous first derivative, and on
/// each interval stays between the two knot values (no overshoot), so non-negative data (an extinction
/// coefficient k) never interpolates to a negative value.
/// </summary>
public sealed class MonotoneCubic
{
    readonly double[] _x, _y;
    // on interval i, with t = x - x_i:  y(x) = y_i + t (c1_i + t (c2_i + t c3_i))
    readonly double[] _c1, _c2, _c3;

    /// <param name="x">Strictly increasing abscissae (at least two).</param>
    /// <param name="y">Values at <paramref name="x"/>.</param>
    public MonotoneCubic(double[] x, double[] y)
    {
        if (x.Length != y.Length) throw new ArgumentException("x and y differ in length");
        if (x.Length < 2) throw new ArgumentException("at least two knots are needed");
        for (int i = 1; i < x.Length; i++)
            if (!(x[i] > x[i - 1])) throw new ArgumentException($"abscissae must increase strictly (index {i})");
        _x = (double[])x.Clone(); _y = (double[])y.Clone();
        int n = x.Length, last = n - 1;
        var h = new double[last]; var delta = new double[last];
        for (int i = 0; i < last; i++) { h[i] = x[i + 1] - x[i]; delta[i] = (y[i + 1] - y[i]) / h[i]; }

        var d = new double[n]; // slopes at the knots
        if (n == 2) { d[0] = d[1] = delta[0]; }
        else
        {
            for (int i = 1; i < last; i++)
            {
                double a = delta[i - 1], b = delta[i];
                if (a == 0 || b == 0 || Math.Sign(a) != Math.Sign(b)) { d[i] = 0; continue; } // local extremum: flat
                double w1 = 2 * h[i] + h[i - 1], w2 = h[i] + 2 * h[i - 1];
                d[i] = (w1 + w2) / (w1 / a + w2 / b);
            }
            d[0] = EndSlope(h[0], h[1], delta[0], delta[1]);
            d[last] = EndSlope(h[last - 1], h[last - 2], delta[last - 1], delta[last - 2]);
        }

        _c1 = new double[last]; _c2 = new double[last]; _c3 = new double[last];
        for (int i = 0; i < last; i++)
        {
            _c1[i] = d[i];
            _c2[i] = (3 * delta[i] - 2 * d[i] - d[i + 1]) / h[i];
            _c3[i] = (d[i] - 2 * delta[i] + d[i + 1]) / (h[i] * h[i]);
        }
    }

    /// <summary>Non-centred three-point end slope, limited to keep the shape (Moler 2004, pchip).</summary>
    static double EndSlope(double h0, double h1, double del0, double del1)
    {
        double d = ((2 * h0 + h1) * del0 - h0 * del1) / (h0 + h1);
        if (Math.Sign(d) != Math.Sign(del0)) return 0;
        if (Math.Sign(del0) != Math.Sign(del1) && Math.Abs(d) > Math.Abs(3 * del0)) return 3 * del0;
        return d;
    }

    /// <summary>The first knot: the lower end of the domain.</summary>
    public double Min => _x[0];
    /// <summary>The last knot: the upper end of the domain.</summary>
    public double Max => _x[^1];
    /// <summary>The number of knots (table points).</summary>
    public int Count => _x.Length;
    /// <summary>The knots' abscissae, strictly increasing (for a material table: vacuum wavelengths, m).</summary>
    public ReadOnlySpan<double> X => _x;
    /// <summary>The values at the knots, which the interpolant reproduces exactly.</summary>
    public ReadOnlySpan<double> Y => _y;

    /// <summary>The interpolant at <paramref name="x"/>, which must lie in [Min, Max] (the caller checks).</summary>
    public double At(double x)
    {
        int i = Interval(x);
        if (i < 0) return _y[^1];
        double t = x - _x[i];
        return _y[i] + t * (_c1[i] + t * (_c2[i] + t * _c3[i]));
    }

    /// <summary>
    /// Index i with x_i &lt;= x &lt; x_{i+1}; -1 for x at (or beyond) the last knot. Binary search, starting from
    /// <paramref name="hint"/> when it already brackets x (spectra are evaluated in increasing order).
    /// </summary>
    internal int Interval(double x, int hint = -1)
    {
        var xs = _x;
        if (x >= xs[^1]) return -1;
        if (hint >= 0 && hint < xs.Length - 1 && xs[hint] <= x)
        {
            if (x < xs[hint + 1]) return hint;
            if (hint + 2 < xs.Length && x < xs[hint + 2]) return hint + 1;
        }
        int lo = 0, hi = xs.Length - 1; // invariant: xs[lo] <= x < xs[hi] (x below xs[0] gives 0)
        while (hi - lo > 1)
        {
            int mid = (lo + hi) >>> 1;
            if (xs[mid] <= x) lo = mid; else hi = mid;
        }
        return lo;
    }

    /// <summary>The interpolant at <paramref name="x"/> reusing and updating the interval <paramref name="hint"/>.</summary>
    internal double At(double x, ref int hint)
    {
        int i = Interval(x, hint);
        if (i < 0) return _y[^1];
        hint = i;
        double t = x - _x[i];
        return _y[i] + t * (_c1[i] + t * (_c2[i] + t * _c3[i]));
    }
}
