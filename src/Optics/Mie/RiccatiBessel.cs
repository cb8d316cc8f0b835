using System.Numerics;

namespace MieCool.Optics.Mie;

/// <summary>
/// Riccati-Bessel functions psi_n(z) = z j_n(z) and xi_n(z) = z h_n^(1)(z) = psi_n(z) - i chi_n(z) for complex z
/// (B&amp;H section 4.8: psi_n = z j_n, chi_n = -z y_n), and the logarithmic derivative D_n = psi_n'/psi_n, for evaluating fields
/// from <see cref="LayerCoefficients"/>: the radial functions of M and N are psi_n(rho)/rho and psi_n'(rho)/rho,
/// with f_n'(z) = f_{n-1}(z) - n f_n(z)/z. psi_n by upward recurrence from psi_{-1} = cos z, psi_0 = sin z for
/// n &lt;= |z| and by the ratio psi_n = psi_{n-1}/(D_n + n/z) above; xi_n by upward recurrence
/// xi_n = (2n-1)/z xi_{n-1} - xi_{n-2} from xi_{-1} = e^{iz}, xi_0 = -i e^{iz} (B&amp;H eq. 4.11).
/// The unscaled values overflow once |Im z| exceeds ~700.
/// </summary>
public static class RiccatiBessel
{
    /// <summary>psi_n(z) and xi_n(z) for n = 0..nmax into spans of length at least nmax + 1.</summary>
    public static void Evaluate(Complex z, int nmax, Span<Complex> psi, Span<Complex> xi)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nmax);
        if (z == Complex.Zero) throw new ArgumentOutOfRangeException(nameof(z), "z must be non-zero");
        Span<Complex> dn = nmax < 256 ? stackalloc Complex[nmax + 1] : new Complex[nmax + 1];
        EvaluateScaled(z, nmax, dn, psi, xi);
        double up = Math.Exp(z.Imaginary), down = Math.Exp(-z.Imaginary);
        for (int n = 0; n <= nmax; n++) { psi[n] *= up; xi[n] *= down; }
    }

    /// <summary>
    /// Scaled functions e^{-Im z} psi_n(z) and e^{Im z} xi_n(z) (both O(1) however large Im z is), with D_n(z) in d1.
    /// psi_n by upward recurrence while n &lt;= |z| (stable there, and immune to zeros of psi_n), by the ratio
    /// psi_n = psi_{n-1}/(D_n + n/z) above, where psi_n is the decaying solution without zeros; xi_n upward.
    /// </summary>
    internal static void EvaluateScaled(Complex z, int nmax, Span<Complex> d1, Span<Complex> psi, Span<Complex> xi)
    {
        MieKernel.LogDerivative(z, d1[..(nmax + 1)]);
        double a = z.Real, b = z.Imaginary;
        Complex psiM1;   // e^{-b} cos z
        if (Math.Abs(b) < 300)
        {
            double s = Math.Exp(-b);
            psi[0] = Complex.Sin(z) * s; psiM1 = Complex.Cos(z) * s;
        }
        else
        {
            // sin z = (e^{iz} - e^{-iz})/(2i), cos z = (e^{iz} + e^{-iz})/2 with e^{iz} = e^{ia} e^{-b}
            Complex p = Complex.FromPolarCoordinates(Math.Exp(-2 * b), a), q = Complex.FromPolarCoordinates(1, -a);
            if (b < 0) { p = Complex.FromPolarCoordinates(1, a); q = Complex.FromPolarCoordinates(Math.Exp(2 * b), -a); }
            psi[0] = (p - q) / new Complex(0, 2); psiM1 = (p + q) / 2;
        }
        Complex eia = Complex.FromPolarCoordinates(1, a);
        Complex xiPrev = eia;                         // e^{b} xi_{-1} = e^{b} e^{iz}
        xi[0] = -Complex.ImaginaryOne * eia;          // e^{b} xi_0 = -i e^{b} e^{iz}
        Complex psiPrev = psiM1;
        double absZ = z.Magnitude;
        for (int n = 1; n <= nmax; n++)
        {
            Complex f = (2 * n - 1) / z;
            Complex nextPsi = n <= absZ ? f * psi[n - 1] - psiPrev : psi[n - 1] / (d1[n] + n / z);
            psiPrev = psi[n - 1];
            psi[n] = nextPsi;
            Complex nextXi = f * xi[n - 1] - xiPrev;
            xiPrev = xi[n - 1];
            xi[n] = nextXi;
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
