using System.Numerics;

namespace MieCool.Optics.Mie;

/// <summary>
/// Yang's (2003) recursive algorithm for a multilayered sphere (Appl. Opt. 42, 1710): the logarithmic
/// derivatives Ha_n, Hb_n of the TM and TE potentials are carried outward from the core through each layer
/// using only bounded quantities (D_n^(1), D_n^(3) and the ratio Q_n, from exponentially scaled psi_n, xi_n), so no Bessel function of a
/// large or absorbing argument is ever formed.
/// </summary>
internal static class Multilayer
{
    /// <summary>
    /// Ha_n, Hb_n (n = 0..nmax) at the outer surface of layer L. Layer l (0 = core) has outer size parameter
    /// x[l] (host wave number times its outer radius, increasing) and relative index m[l].
    /// </summary>
    public static void LogDerivatives(ReadOnlySpan<double> x, ReadOnlySpan<Complex> m, int nmax, Span<Complex> ha, Span<Complex> hb)
    {
        int len = nmax + 1;
        var d1a = new Complex[len]; var d1b = new Complex[len];
        var d3a = new Complex[len]; var d3b = new Complex[len];
        var pa = new Complex[len]; var pb = new Complex[len];
        var xa = new Complex[len]; var xb = new Complex[len];
        MieKernel.LogDerivative(m[0] * x[0], ha[..len]);
        ha[..len].CopyTo(hb);
        for (int l = 1; l < x.Length; l++)
        {
            Complex z1 = m[l] * x[l - 1], z2 = m[l] * x[l];
            RiccatiBessel.EvaluateScaled(z1, nmax, d1a, pa, xa);
            RiccatiBessel.EvaluateScaled(z2, nmax, d1b, pb, xb);
            HankelLogDerivative(z1, xa, d3a);
            HankelLogDerivative(z2, xb, d3b);
            // Q_n = [psi_n/xi_n](z1) / [psi_n/xi_n](z2) (Yang 2003 eq. 19), from the scaled functions:
            // psi_n/xi_n = e^{2 Im z} (e^{-Im z} psi_n)/(e^{Im z} xi_n), so Q_n = e^{2(b1 - b2)} R_n(z1)/R_n(z2)
            double scale = Math.Exp(2 * (z1.Imaginary - z2.Imaginary));
            Complex mIn = m[l - 1], mOut = m[l];
            for (int n = 1; n <= nmax; n++)
            {
                Complex q = scale * (pa[n] / xa[n]) * (xb[n] / pb[n]);
                // Yang 2003 eqs. 12-15: G1 = m_l H - m_{l-1} D1(m_l x_{l-1}), G2 = ... D3; H_l = (G2 D1(z2) - Q G1 D3(z2)) / (G2 - Q G1)
                Complex g1 = mOut * ha[n] - mIn * d1a[n], g2 = mOut * ha[n] - mIn * d3a[n];
                ha[n] = (g2 * d1b[n] - q * g1 * d3b[n]) / (g2 - q * g1);
                g1 = mIn * hb[n] - mOut * d1a[n]; g2 = mIn * hb[n] - mOut * d3a[n];
                hb[n] = (g2 * d1b[n] - q * g1 * d3b[n]) / (g2 - q * g1);
            }
        }
    }

    /// <summary>
    /// D_n^(3)(z) = xi_n'/xi_n = xi_{n-1}/xi_n - n/z from the (scaled) xi_n: finite everywhere, unlike
    /// D1_n + i/(psi_n xi_n) (Yang 2003 eq. 18), which is 0 times infinity at real zeros of psi_n such as z = k pi.
    /// </summary>
    public static void HankelLogDerivative(Complex z, ReadOnlySpan<Complex> xiScaled, Span<Complex> d3)
    {
        d3[0] = Complex.ImaginaryOne;
        for (int n = 1; n < d3.Length; n++) d3[n] = xiScaled[n - 1] / xiScaled[n] - n / z;
    }
}
