using System.Numerics;

namespace MieCool.Optics.Mie;

/// <summary>
/// Yang's (2003) recursive algorithm for a multilayered sphere (Appl. Opt. 42, 1710): the logarithmic
/// derivatives Ha_n, Hb_n of the TM and TE potentials are carried outward from the core through each layer
/// using only bounded quantities (D_n^(1), D_n^(3), psi_n xi_n and the ratio Q_n), so no Bessel function of a
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
        var pxa = new Complex[len]; var pxb = new Complex[len];
        Complex z = m[0] * x[0];
        MieKernel.LogDerivative(z, ha[..len]);
        ha[..len].CopyTo(hb);
        for (int l = 1; l < x.Length; l++)
        {
            Complex z1 = m[l] * x[l - 1], z2 = m[l] * x[l];
            MieKernel.LogDerivative(z1, d1a);
            MieKernel.LogDerivative(z2, d1b);
            HankelLogDerivative(z1, d1a, d3a, pxa);
            HankelLogDerivative(z2, d1b, d3b, pxb);
            // Q_0 = [psi_0/xi_0](z1) / [psi_0/xi_0](z2) = e^{2(b1-b2)} (e^{-2 b1} - e^{-2i a1}) / (e^{-2 b2} - e^{-2i a2}) (Yang 2003 eq. 19)
            Complex q = Math.Exp(2 * (z1.Imaginary - z2.Imaginary)) * ScaledPsiOverXi0(z1) / ScaledPsiOverXi0(z2);
            Complex mIn = m[l - 1], mOut = m[l];
            for (int n = 1; n <= nmax; n++)
            {
                // (psi_n/xi_n) = (psi_{n-1}/xi_{n-1}) (psi_n/psi_{n-1}) / (xi_n/xi_{n-1}), with
                // xi_n/xi_{n-1} = (psi_n xi_n)/(psi_{n-1} xi_{n-1}) (D1_n + n/z): Q_n from Q_{n-1} without cancellation at small |z|
                q *= pxa[n - 1] / pxa[n] / Sq(d1a[n] + n / z1) * (pxb[n] / pxb[n - 1] * Sq(d1b[n] + n / z2));
                // Yang 2003 eqs. 12-15: G1 = m_l H - m_{l-1} D1(m_l x_{l-1}), G2 = ... D3; H_l = (G2 D1(z2) - Q G1 D3(z2)) / (G2 - Q G1)
                Complex g1 = mOut * ha[n] - mIn * d1a[n], g2 = mOut * ha[n] - mIn * d3a[n];
                ha[n] = (g2 * d1b[n] - q * g1 * d3b[n]) / (g2 - q * g1);
                g1 = mIn * hb[n] - mOut * d1a[n]; g2 = mIn * hb[n] - mOut * d3a[n];
                hb[n] = (g2 * d1b[n] - q * g1 * d3b[n]) / (g2 - q * g1);
            }
        }
    }

    static Complex Sq(Complex c) => c * c;

    /// <summary>e^{-2b}(psi_0/xi_0)(z) * 2 = e^{-2b} - e^{-2ia} for z = a + ib, written without cancellation at small |z|.</summary>
    static Complex ScaledPsiOverXi0(Complex z)
    {
        double sa = Math.Sin(z.Real);
        return new Complex(double.ExpM1(-2 * z.Imaginary) + 2 * sa * sa, Math.Sin(2 * z.Real));
    }

    /// <summary>
    /// D_n^(3)(z) = xi_n'/xi_n and psi_n xi_n by upward recurrence (Yang 2003 eqs. 17-18):
    /// psi_0 xi_0 = (1 - e^{2iz})/2, D_0^(3) = i, psi_n xi_n = psi_{n-1} xi_{n-1} (n/z - D1_{n-1})(n/z - D3_{n-1}),
    /// D3_n = D1_n + i / (psi_n xi_n). The factor n/z - D1_{n-1} = psi_n/psi_{n-1} is taken as 1/(D1_n + n/z), and
    /// 1 - e^{2iz} with expm1, so that nothing cancels for small |z|.
    /// </summary>
    public static void HankelLogDerivative(Complex z, ReadOnlySpan<Complex> d1, Span<Complex> d3, Span<Complex> psiXi)
    {
        // 1 - e^{2iz} = 1 - e^{-2b}(cos 2a + i sin 2a) = -expm1(-2b) cos 2a + 2 sin^2 a - i e^{-2b} sin 2a
        double sa = Math.Sin(z.Real), e = Math.Exp(-2 * z.Imaginary);
        psiXi[0] = 0.5 * new Complex(-double.ExpM1(-2 * z.Imaginary) * Math.Cos(2 * z.Real) + 2 * sa * sa, -e * Math.Sin(2 * z.Real));
        d3[0] = Complex.ImaginaryOne;
        for (int n = 1; n < d1.Length; n++)
        {
            Complex nz = n / z;
            psiXi[n] = psiXi[n - 1] / (d1[n] + nz) * (nz - d3[n - 1]);
            d3[n] = d1[n] + Complex.ImaginaryOne / psiXi[n];
        }
    }
}
