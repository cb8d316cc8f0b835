using System.Numerics;

namespace MieCool.Optics.Mie;

/// <summary>
/// Riccati-Bessel functions psi_n(z) = z j_n(z) and xi_n(z) = z h_n^(1)(z) = psi_n(z) - i chi_n(z) for complex z
/// (B&amp;H section 4.8, chi_n = -z y_n), and the logarithmic derivative D_n = psi_n'/psi_n, for evaluating fields
/// from <see cref="LayerCoefficients"/>: the radial functions of M and N are psi_n(rho)/rho and psi_n'(rho)/rho,
/// with f_n'(z) = f_{n-1}(z) - n f_n(z)/z. psi_n is formed by the stable ratio psi_n = psi_{n-1}/(D_n + n/z) from
/// psi_0 = sin z, xi_n by upward recurrence xi_n = (2n-1)/z xi_{n-1} - xi_{n-2} from xi_{-1} = e^{iz},
/// xi_0 = -i e^{iz} (B&amp;H eq. 4.11). Both overflow once |Im z| exceeds ~700.
/// </summary>
public static class RiccatiBessel
{
    /// <summary>psi_n(z) and xi_n(z) for n = 0..nmax into spans of length at least nmax + 1.</summary>
    public static void Evaluate(Complex z, int nmax, Span<Complex> psi, Span<Complex> xi)
    {
        if (nmax < 0) throw new ArgumentOutOfRangeException(nameof(nmax));
        if (z == Complex.Zero) throw new ArgumentOutOfRangeException(nameof(z), "z must be non-zero");
        Span<Complex> dn = nmax < 256 ? stackalloc Complex[nmax + 1] : new Complex[nmax + 1];
        MieKernel.LogDerivative(z, dn);
        psi[0] = Complex.Sin(z);
        Complex eiz = Complex.Exp(Complex.ImaginaryOne * z);
        Complex xiPrev = eiz;
        xi[0] = -Complex.ImaginaryOne * eiz;
        for (int n = 1; n <= nmax; n++)
        {
            psi[n] = psi[n - 1] / (dn[n] + n / z);
            Complex next = (2 * n - 1) / z * xi[n - 1] - xiPrev;
            xiPrev = xi[n - 1];
            xi[n] = next;
        }
    }

    /// <summary>
    /// D_n(z) = psi_n'(z)/psi_n(z) for n = 0..d.Length-1: Lentz's continued fraction for the top order, then the
    /// downward recurrence D_{n-1} = n/z - 1/(D_n + n/z) (B&amp;H eq. 4.89; Wiscombe 1979).
    /// </summary>
    public static void LogDerivative(Complex z, Span<Complex> d)
    {
        if (d.Length == 0) return;
        if (z == Complex.Zero) throw new ArgumentOutOfRangeException(nameof(z), "z must be non-zero");
        MieKernel.LogDerivative(z, d);
    }
}
