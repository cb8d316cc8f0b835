using System.Numerics;

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
