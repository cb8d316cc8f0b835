using System.Numerics;
using System.Runtime.CompilerServices;

namespace MieCool.Optics.Substrate;

/// <summary>
/// The angular functions of the vector spherical harmonics for one azimuthal order m &gt;= 0, at a direction of polar angle
/// beta given by cos(beta) and sin(beta), which may be complex (evanescent plane waves: sin(beta) = kappa / k &gt; 1).
/// With Q_l^m the associated Legendre functions normalised to int_-1^1 (Q_l^m)^2 dx = 1 (Condon-Shortley phase), so that
/// Y_lm = Q_l^m(cos beta) e^{i m alpha} / sqrt(2 pi):
///   pi_l^m = m Q_l^m / sin(beta),   tau_l^m = dQ_l^m / d(beta).
/// Recurrences (no division by sin beta, so beta = 0 is regular): pi_m^m = m c_m sin^(m-1), c_0 = 1/sqrt(2),
/// c_m = -c_(m-1) sqrt((2m+1)/(2m)); the three-term recurrence in l of the normalised functions,
/// Q_l^m = A (x Q_(l-1)^m - B Q_(l-2)^m), A = sqrt((4l^2 - 1)/(l^2 - m^2)), B = sqrt(((l-1)^2 - m^2)/(4(l-1)^2 - 1)), which
/// pi obeys too; and tau_l^m = (l x pi_l^m - sqrt((2l+1)(l^2-m^2)/(2l-1)) pi_(l-1)^m) / m for m &gt;= 1, from
/// (1 - x^2) dP_l^m/dx = (l+m) P_(l-1)^m - l x P_l^m (Abramowitz &amp; Stegun 8.5.4), and tau_l^0 = sqrt(l(l+1)) sin(beta)
/// pi_l^1 (dP_l/d(beta) = P_l^1). These are polynomials in cos and sin, so they continue analytically to complex angles.
/// </summary>
public static class AngularFunctions
{
    /// <summary>
    /// pi_l^m and tau_l^m for l = 0..lmax (index l; entries with l &lt; max(m, 1) are zero) at cos = x, sin = s.
    /// </summary>
    public static void Evaluate(int m, int lmax, Complex x, Complex s, Span<Complex> pi, Span<Complex> tau)
    {
        if (m < 0) throw new ArgumentOutOfRangeException(nameof(m), m, "m >= 0 (use the parity of -m)");
        pi[..(lmax + 1)].Clear(); tau[..(lmax + 1)].Clear();
        if (m > lmax) return;
        if (m == 0)
        {
            // pi^0 = 0; tau_l^0 = sqrt(l(l+1)) s pi_l^1
            Span<Complex> p1 = stackalloc Complex[lmax + 1], t1 = stackalloc Complex[lmax + 1];
            if (lmax >= 1) Evaluate(1, lmax, x, s, p1, t1);
            for (int l = 1; l <= lmax; l++) tau[l] = Math.Sqrt(l * (l + 1.0)) * s * p1[l];
            return;
        }
        double c = 1 / Math.Sqrt(2);
        for (int k = 1; k <= m; k++) c *= -Math.Sqrt((2 * k + 1.0) / (2 * k));
        Complex sm1 = Complex.One;
        for (int k = 1; k < m; k++) sm1 *= s;
        pi[m] = m * c * sm1;
        if (m + 1 <= lmax) pi[m + 1] = x * Math.Sqrt(2 * m + 3.0) * pi[m];
        for (int l = m + 2; l <= lmax; l++)
        {
            double a = Math.Sqrt((4.0 * l * l - 1) / ((double)l * l - (double)m * m));
            double b = Math.Sqrt(((l - 1.0) * (l - 1) - (double)m * m) / (4.0 * (l - 1) * (l - 1) - 1));
            pi[l] = a * (x * pi[l - 1] - b * pi[l - 2]);
        }
        for (int l = m; l <= lmax; l++)
        {
            Complex prev = l - 1 >= m ? pi[l - 1] : Complex.Zero;
            tau[l] = (l * x * pi[l] - Math.Sqrt((2 * l + 1.0) * ((double)l * l - (double)m * m) / (2 * l - 1.0)) * prev) / m;
        }
    }
}

/// <summary>
/// <see cref="AngularFunctions.Evaluate"/> with the recurrences' coefficients tabulated once for all m &lt;= lmax (the same
/// products in the same order, but for tau's 1/m, a product here: the same values to an ulp), and the functions at
/// -cos(beta) from those at cos(beta) by parity: Q_l^m(-x) = (-1)^(l+m) Q_l^m(x), so pi_l^m changes by (-1)^(l+m) and
/// tau_l^m by -(-1)^(l+m) (exact: only signs flip).
/// </summary>
internal sealed class AngularTable
{
    readonly int _lmax;
    readonly double[] _head, _first;  // m c_m; sqrt(2m + 3)
    readonly double[][] _a, _b, _t;    // per m, index l: the recurrence's A, B and tau's coefficient
    readonly double[] _sq;             // sqrt(l(l+1)) for m = 0

    public AngularTable(int lmax)
    {
        _lmax = lmax;
        _head = new double[lmax + 1]; _first = new double[lmax + 1];
        _a = new double[lmax + 1][]; _b = new double[lmax + 1][]; _t = new double[lmax + 1][];
        _sq = new double[lmax + 1];
        for (int l = 1; l <= lmax; l++) _sq[l] = Math.Sqrt(l * (l + 1.0));
        for (int m = 1; m <= lmax; m++)
        {
            double c = 1 / Math.Sqrt(2);
            for (int k = 1; k <= m; k++) c *= -Math.Sqrt((2 * k + 1.0) / (2 * k));
            _head[m] = m * c;
            _first[m] = Math.Sqrt(2 * m + 3.0);
            _a[m] = new double[lmax + 1]; _b[m] = new double[lmax + 1]; _t[m] = new double[lmax + 1];
            for (int l = m + 2; l <= lmax; l++)
            {
                _a[m][l] = Math.Sqrt((4.0 * l * l - 1) / ((double)l * l - (double)m * m));
                _b[m][l] = Math.Sqrt(((l - 1.0) * (l - 1) - (double)m * m) / (4.0 * (l - 1) * (l - 1) - 1));
            }
            for (int l = m; l <= lmax; l++) _t[m][l] = Math.Sqrt((2 * l + 1.0) * ((double)l * l - (double)m * m) / (2 * l - 1.0));
        }
    }

    /// <summary>
    /// The tabulated coefficients of order m &gt;= 1 (index l): pi_m^m = Head sin^(m-1), pi_(m+1)^m = First x pi_m^m,
    /// pi_l^m = A_l (x pi_(l-1)^m - B_l pi_(l-2)^m), m tau_l^m = l x pi_l^m - T_l pi_(l-1)^m; for a caller that evaluates them
    /// in its own arithmetic (real arguments at many points).
    /// </summary>
    public (double Head, double First, double[] A, double[] B, double[] T) Coefficients(int m) =>
        (_head[m], _first[m], _a[m], _b[m], _t[m]);

    /// <summary>pi_l^m, tau_l^m for l = 0..lmax at cos = x, sin = s (m &gt;= 0; entries below max(m, 1) zero).</summary>
    public void Evaluate(int m, Complex x, Complex s, Span<Complex> pi, Span<Complex> tau)
    {
        if (m == 0)
        {
            Span<Complex> p1 = stackalloc Complex[_lmax + 1];
            tau[..(_lmax + 1)].Clear(); pi[..(_lmax + 1)].Clear();
            if (_lmax >= 1) Pi(1, x, s, p1);
            for (int l = 1; l <= _lmax; l++) tau[l] = _sq[l] * s * p1[l];
            return;
        }
        pi[..(_lmax + 1)].Clear(); tau[..(_lmax + 1)].Clear();
        if (m > _lmax) return;
        Pi(m, x, s, pi);
        var t = _t[m];
        double inv = 1.0 / m;
        for (int l = m; l <= _lmax; l++)
        {
            Complex prev = l - 1 >= m ? pi[l - 1] : Complex.Zero;
            Complex z = l * x * pi[l] - t[l] * prev;
            tau[l] = new Complex(z.Real * inv, z.Imaginary * inv);
        }
    }

    void Pi(int m, Complex x, Complex s, Span<Complex> pi)
    {
        Complex sm1 = Complex.One;
        for (int k = 1; k < m; k++) sm1 *= s;
        pi[m] = _head[m] * sm1;
        if (m + 1 <= _lmax) pi[m + 1] = x * _first[m] * pi[m];
        double[] a = _a[m], b = _b[m];
        for (int l = m + 2; l <= _lmax; l++) pi[l] = a[l] * (x * pi[l - 1] - b[l] * pi[l - 2]);
    }

    /// <summary>(-1)^(l+m): the parity of pi_l^m in cos(beta) (tau has the opposite one).</summary>
    public static double Parity(int l, int m) => ((l + m) & 1) == 0 ? 1 : -1;
}
