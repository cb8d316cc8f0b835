using System.Numerics;
using System.Runtime.CompilerServices;

namespace MieCool.Optics.Mie;

/// <summary>
/// The allocation-free numerical core of the Lorenz-Mie solver: logarithmic derivatives, Riccati-Bessel
/// functions and the sums for efficiencies and amplitudes, on caller-owned spans. Index convention
/// m = n + ik, exp(-i w t) (see <see cref="MieSolver"/>). Coefficient spans are indexed by n - 1
/// (a[0] = a_1); logarithmic-derivative spans by n (d[0] = D_0).
/// </summary>
internal static class MieKernel
{
    /// <summary>Wiscombe (1979) / B&amp;H BHMIE number of terms: nmax = x + 4 x^(1/3) + 2.</summary>
    public static int TermCount(double x) => Math.Max(1, (int)(x + 4 * Math.Cbrt(x) + 2));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Complex Recip(Complex z)
    {
        double s = 1 / (z.Real * z.Real + z.Imaginary * z.Imaginary);
        return new Complex(z.Real * s, -z.Imaginary * s);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Complex Div(Complex p, Complex q)
    {
        // p / q with one real division; |q| here is far from the overflow limits (checked by callers' finiteness tests)
        double s = 1 / (q.Real * q.Real + q.Imaginary * q.Imaginary);
        return new Complex((p.Real * q.Real + p.Imaginary * q.Imaginary) * s, (p.Imaginary * q.Real - p.Real * q.Imaginary) * s);
    }

    /// <summary>Relative accuracy at which the continued fraction for D_N is truncated.</summary>
    const double CfTolerance = 1e-15;   // a few ulps: |delta - 1| can stall at 1 ulp of 1

    /// <summary>
    /// D_N(z) = psi_N'(z)/psi_N(z) by Lentz's (1976) continued fraction, evaluated with the modified Lentz
    /// algorithm (Thompson &amp; Barnett 1986): psi_{N-1}/psi_N = (2N+1)/z - 1/((2N+3)/z - 1/((2N+5)/z - ...)),
    /// D_N = psi_{N-1}/psi_N - N/z (from psi_{n-1} + psi_{n+1} = (2n+1)/z psi_n, B&amp;H eq. 4.11 and 4.89).
    /// As Wiscombe (1979) does in MIEV0, this gives the start of the downward recurrence to full precision
    /// wherever N lies relative to the turning point N ~ |z| (a fixed "D = 0 a few orders above" start is not
    /// accurate when |z| &gt;&gt; 1: at x = 1000, m = 1.5 it costs 4e-4 in Qext).
    /// </summary>
    public static Complex ContinuedFraction(Complex z, int order)
    {
        Complex zi = Recip(z);
        double tiny = 1e-300;
        double zr = zi.Real, zm = zi.Imaginary;
        // f = b0, C = f, D = 0
        double fr = (2 * order + 1) * zr, fm = (2 * order + 1) * zm;
        if (fr == 0 && fm == 0) fr = tiny;
        double cr = fr, cm = fm, dr = 0, dm = 0;
        int maxIter = 1000 + 20 * (int)Math.Min(int.MaxValue / 40.0, z.Magnitude);
        for (int k = 1; ; k++)
        {
            double br = (2 * order + 1 + 2 * k) * zr, bm = (2 * order + 1 + 2 * k) * zm;
            // D = 1/(b - D)
            dr = br - dr; dm = bm - dm;
            double s = dr * dr + dm * dm;
            if (s == 0) { dr = tiny; s = tiny * tiny; }
            s = 1 / s; dr *= s; dm *= -s;
            // C = b - 1/C
            double t = 1 / (cr * cr + cm * cm);
            cr = br - cr * t; cm = bm + cm * t;
            if (cr == 0 && cm == 0) cr = tiny;
            // delta = C D, f *= delta
            double er = cr * dr - cm * dm, em = cr * dm + cm * dr;
            double nfr = fr * er - fm * em; fm = fr * em + fm * er; fr = nfr;
            if (Math.Abs(er - 1) + Math.Abs(em) < CfTolerance) break;
            if (k > maxIter)
                throw new MieCool.Core.ComputationException(
                    $"continued fraction for D_{order}({z}) did not converge in {k} terms " +
                    $"(|delta - 1| = {Math.Abs(er - 1) + Math.Abs(em):G3})");
        }
        return new Complex(fr - order * zr, fm - order * zm);
    }

    /// <summary>Real D_N(x) by the same continued fraction (see the complex overload).</summary>
    public static double ContinuedFraction(double x, int order)
    {
        double xi = 1 / x, tiny = 1e-300;
        double f = (2 * order + 1) * xi, c = f, d = 0;
        if (f == 0) f = c = tiny;
        int maxIter = 1000 + 20 * (int)Math.Min(int.MaxValue / 40.0, x);
        for (int k = 1; ; k++)
        {
            double b = (2 * order + 1 + 2 * k) * xi;
            d = b - d; if (d == 0) d = tiny; d = 1 / d;
            c = b - 1 / c; if (c == 0) c = tiny;
            double delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1) < CfTolerance) break;
            if (k > maxIter)
                throw new MieCool.Core.ComputationException($"continued fraction for D_{order}({x}) did not converge in {k} terms");
        }
        return f - order * xi;
    }

    /// <summary>
    /// D_n(z) = psi_n'(z)/psi_n(z) for n = 0..d.Length-1: D_N from the continued fraction, then the downward
    /// recurrence D_{n-1} = n/z - 1/(D_n + n/z) (B&amp;H eq. 4.89), stable for all complex z (Wiscombe 1979).
    /// </summary>
    public static void LogDerivative(Complex z, Span<Complex> d)
    {
        int top = d.Length - 1;
        Complex dn = ContinuedFraction(z, top);
        d[top] = dn;
        Complex zi = Recip(z);
        double zr = zi.Real, zm = zi.Imaginary, dr = dn.Real, dm = dn.Imaginary;
        for (int n = top; n >= 1; n--)
        {
            double tr = dr + n * zr, tm = dm + n * zm, s = 1 / (tr * tr + tm * tm);
            dr = n * zr - tr * s; dm = n * zm + tm * s;
            d[n - 1] = new Complex(dr, dm);
        }
    }

    /// <summary>
    /// Real D_n(x) for n = lowest..d.Length-1 (continued fraction at the top, then B&amp;H eq. 4.89 downward);
    /// entries below <paramref name="lowest"/> are left untouched.
    /// </summary>
    public static void LogDerivative(double x, Span<double> d, int lowest = 0)
    {
        int top = d.Length - 1;
        double xi = 1 / x, dn = ContinuedFraction(x, top);
        d[top] = dn;
        for (int n = top; n > lowest; n--) { dn = n * xi - 1 / (dn + n * xi); d[n - 1] = dn; }
    }

    /// <summary>
    /// psi_n(x) for real x, one order at a time: upward recurrence psi_n = (2n-1)/x psi_{n-1} - psi_{n-2} while n &lt;= x,
    /// where it is stable (B&amp;H eq. 4.11), and the ratio psi_n = psi_{n-1}/(D_n(x) + n/x) above, where psi_n decays and
    /// has no zeros. (The ratio alone fails at zeros of psi_{n-1}, e.g. psi_0 = sin x at x = k pi.)
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static double NextPsi(int n, double x, double xi, double psiPrev, double psiPrev2, ReadOnlySpan<double> dx) =>
        n <= x ? (2 * n - 1) * xi * psiPrev - psiPrev2 : psiPrev / (dx[n] + n * xi);

    /// <summary>
    /// Homogeneous sphere: a_n, b_n (n = 1..nmax) of size parameter x and relative index m (B&amp;H eq. 4.88),
    /// D_n(mx) stored in dmx[0..nmax]. Scratch dx needs nmax + 1 doubles.
    /// </summary>
    public static void Sphere(double x, Complex m, int nmax, Span<Complex> a, Span<Complex> b, Span<Complex> dmx, Span<double> dx)
    {
        LogDerivative(m * x, dmx[..(nmax + 1)]);
        FromLogDerivatives(x, m, dmx, dmx, nmax, a, b, dx);
    }

    /// <summary>
    /// a_n, b_n from the logarithmic derivatives Ha_n, Hb_n of the TM and TE potentials just inside the outer
    /// surface (relative index mOuter): a_n = [(Ha_n/m + n/x) psi_n - psi_{n-1}] / [(Ha_n/m + n/x) xi_n - xi_{n-1}],
    /// b_n = [(m Hb_n + n/x) psi_n - psi_{n-1}] / [(m Hb_n + n/x) xi_n - xi_{n-1}] (B&amp;H eq. 4.88; Yang 2003 eq. 11).
    /// psi_n(x) upward for n &lt;= x and by the ratio psi_{n-1}/(D_n(x) + n/x) above (<see cref="NextPsi"/>), chi_n upward.
    /// </summary>
    public static void FromLogDerivatives(double x, Complex mOuter, ReadOnlySpan<Complex> ha, ReadOnlySpan<Complex> hb,
                                          int nmax, Span<Complex> a, Span<Complex> b, Span<double> dx)
    {
        LogDerivative(x, dx[..(nmax + 1)], Math.Min(nmax, (int)x));
        Complex mi = Recip(mOuter);
        double xi = 1 / x;
        double psiPrev = Math.Sin(x), psiPrev2 = Math.Cos(x), chiPrev = psiPrev2, chiPrev2 = -psiPrev;   // psi_0, psi_{-1}, chi_0, chi_{-1}
        for (int n = 1; n <= nmax; n++)
        {
            double nx = n * xi;
            double psi = NextPsi(n, x, xi, psiPrev, psiPrev2, dx);
            double chi = (2 * n - 1) * xi * chiPrev - chiPrev2;
            Complex ta = ha[n] * mi + nx, tb = mOuter * hb[n] + nx;
            // numerator t psi_n - psi_{n-1}; denominator t xi_n - xi_{n-1} with xi_n = psi_n - i chi_n
            Complex na = ta * psi - psiPrev, ca = ta * chi - chiPrev;
            Complex nb = tb * psi - psiPrev, cb = tb * chi - chiPrev;
            a[n - 1] = Div(na, new Complex(na.Real + ca.Imaginary, na.Imaginary - ca.Real));
            b[n - 1] = Div(nb, new Complex(nb.Real + cb.Imaginary, nb.Imaginary - cb.Real));
            chiPrev2 = chiPrev; chiPrev = chi; psiPrev2 = psiPrev; psiPrev = psi;
        }
        for (int n = 0; n < nmax; n++)
            if (!double.IsFinite(a[n].Real + a[n].Imaginary + b[n].Real + b[n].Imaginary))
                throw new MieCool.Core.ComputationException(
                    $"Mie coefficients overflow at order n = {n + 1} (x = {x}, nmax = {nmax}): chi_n(x) exceeds the double range; " +
                    "use fewer terms (the default nmax = x + 4 x^(1/3) + 2 is enough)");
    }

    /// <summary>
    /// Internal coefficients of a homogeneous sphere (B&amp;H eq. 4.52 with mu_1 = mu, written with Riccati-Bessel
    /// functions and the Wronskian psi xi' - xi psi' = i):
    /// c_n = i m / [psi_n(mx) xi_n'(x) - m xi_n(x) psi_n'(mx)], d_n = i m / [m psi_n(mx) xi_n'(x) - xi_n(x) psi_n'(mx)].
    /// psi_n(mx) enters scaled by e^{-Im(mx)}, so c_n, d_n underflow gracefully to 0 for a strongly absorbing sphere
    /// instead of overflowing, and psi_n' = psi_{n-1} - n psi_n / z keeps them finite at zeros of psi_n(mx).
    /// Scratch: d1, psiS, xiS need nmax + 1 complex entries, dx nmax + 1 doubles.
    /// </summary>
    public static void Internal(double x, Complex m, int nmax, Span<Complex> c, Span<Complex> d,
                                Span<Complex> d1, Span<Complex> psiS, Span<Complex> xiS, Span<double> dx)
    {
        Complex z = m * x, zi = Recip(z);
        RiccatiBessel.EvaluateScaled(z, nmax, d1, psiS, xiS);
        Complex im = new Complex(-m.Imaginary, m.Real) * Math.Exp(-z.Imaginary);   // i m e^{-Im z}
        LogDerivative(x, dx[..(nmax + 1)], Math.Min(nmax, (int)x));
        double xi = 1 / x;
        double psiPrev = Math.Sin(x), psiPrev2 = Math.Cos(x), chiPrev = psiPrev2, chiPrev2 = -psiPrev;
        for (int n = 1; n <= nmax; n++)
        {
            double nx = n * xi;
            double psi = NextPsi(n, x, xi, psiPrev, psiPrev2, dx);
            double chi = (2 * n - 1) * xi * chiPrev - chiPrev2;
            var xiN = new Complex(psi, -chi);
            var dXi = new Complex(psiPrev - nx * psi, -(chiPrev - nx * chi));       // xi_n' = xi_{n-1} - n xi_n / x
            Complex p = psiS[n], dp = psiS[n - 1] - n * zi * psiS[n];                 // scaled psi_n(mx), psi_n'(mx)
            c[n - 1] = im / (p * dXi - m * xiN * dp);
            d[n - 1] = im / (m * p * dXi - xiN * dp);
            chiPrev2 = chiPrev; chiPrev = chi; psiPrev2 = psiPrev; psiPrev = psi;
        }
    }

    /// <summary>Perfect conductor (m -> infinity): a_n = psi_n'(x)/xi_n'(x), b_n = psi_n(x)/xi_n(x) (B&amp;H eq. 4.88 limit).</summary>
    public static void PerfectConductor(double x, int nmax, Span<Complex> a, Span<Complex> b, Span<double> dx)
    {
        LogDerivative(x, dx[..(nmax + 1)], Math.Min(nmax, (int)x));
        double xi = 1 / x;
        double psiPrev = Math.Sin(x), psiPrev2 = Math.Cos(x), chiPrev = psiPrev2, chiPrev2 = -psiPrev;
        for (int n = 1; n <= nmax; n++)
        {
            double nx = n * xi;
            double psi = NextPsi(n, x, xi, psiPrev, psiPrev2, dx);
            double chi = (2 * n - 1) * xi * chiPrev - chiPrev2;
            double dpsi = psiPrev - nx * psi, dchi = chiPrev - nx * chi;        // f_n' = f_{n-1} - n f_n / x
            a[n - 1] = Div(dpsi, new Complex(dpsi, -dchi));
            b[n - 1] = Div(psi, new Complex(psi, -chi));
            chiPrev2 = chiPrev; chiPrev = chi; psiPrev2 = psiPrev; psiPrev = psi;
        }
    }

    /// <summary>
    /// Totals from the coefficients: Qext = 2/x^2 sum (2n+1) Re(a_n + b_n) (B&amp;H eq. 4.62),
    /// Qsca = 2/x^2 sum (2n+1)(|a_n|^2 + |b_n|^2) (eq. 4.61), Qback = 1/x^2 |sum (2n+1)(-1)^n (a_n - b_n)|^2 (eq. 4.82),
    /// g Qsca = 4/x^2 [sum n(n+2)/(n+1) Re(a_n a*_{n+1} + b_n b*_{n+1}) + sum (2n+1)/(n(n+1)) Re(a_n b*_n)] (B&amp;H p. 120).
    /// </summary>
    public static void Totals(double x, ReadOnlySpan<Complex> a, ReadOnlySpan<Complex> b, int nmax,
                              out double qext, out double qsca, out double qback, out double g)
    {
        double ext = 0, sca = 0, asy = 0, br = 0, bi = 0, sign = -1;
        for (int n = 1; n <= nmax; n++)
        {
            Complex an = a[n - 1], bn = b[n - 1];
            int f = 2 * n + 1;
            ext += f * (an.Real + bn.Real);
            sca += f * (an.Real * an.Real + an.Imaginary * an.Imaginary + bn.Real * bn.Real + bn.Imaginary * bn.Imaginary);
            br += sign * f * (an.Real - bn.Real); bi += sign * f * (an.Imaginary - bn.Imaginary);
            sign = -sign;
            asy += (double)f / (n * (n + 1.0)) * (an.Real * bn.Real + an.Imaginary * bn.Imaginary);
            if (n < nmax)
            {
                Complex an1 = a[n], bn1 = b[n];
                asy += n * (n + 2.0) / (n + 1)
                       * (an.Real * an1.Real + an.Imaginary * an1.Imaginary + bn.Real * bn1.Real + bn.Imaginary * bn1.Imaginary);
            }
        }
        double x2 = x * x;
        qext = 2 * ext / x2; qsca = 2 * sca / x2; qback = (br * br + bi * bi) / x2;
        g = sca > 0 ? 2 * asy / sca : 0;   // (4/x^2 asy) / (2/x^2 sca)
    }

    /// <summary>
    /// S1, S2 at scattering angle theta (B&amp;H eq. 4.74) with pi_n, tau_n by upward recurrence (B&amp;H eq. 4.47):
    /// pi_n = (2n-1)/(n-1) mu pi_{n-1} - n/(n-1) pi_{n-2}, tau_n = n mu pi_n - (n+1) pi_{n-1}.
    /// </summary>
    public static (Complex S1, Complex S2) Amplitudes(ReadOnlySpan<Complex> a, ReadOnlySpan<Complex> b, int nmax, double theta)
    {
        double mu = Math.Cos(theta);
        double piPrev = 0, pi = 1;
        Complex s1 = 0, s2 = 0;
        for (int n = 1; n <= nmax; n++)
        {
            double tau = n * mu * pi - (n + 1) * piPrev;
            double f = (2 * n + 1.0) / (n * (n + 1.0));
            Complex an = a[n - 1], bn = b[n - 1];
            s1 += f * (an * pi + bn * tau);
            s2 += f * (an * tau + bn * pi);
            double next = ((2 * n + 1.0) * mu * pi - (n + 1.0) * piPrev) / n;
            piPrev = pi; pi = next;
        }
        return (s1, s2);
    }
}
