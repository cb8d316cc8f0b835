using System.Numerics;

namespace MieCool.Optics.Fields;

/// <summary>
/// Spherical Bessel functions for the field and emitter expansions (the Mie coefficients themselves come from
/// <c>MieSolver</c>): j_n(z) of complex argument (inside the particle, z = m k r), h_n^(1)(x) = j_n + i y_n of
/// real argument (in the host), and the Riccati-Bessel derivatives psi_n'(z) = z j_{n-1} - n j_n,
/// xi_n'(x) = x h_{n-1} - n h_n (Abramowitz &amp; Stegun 10.1.21-22; Bohren &amp; Huffman 1983, section 4.8).
/// All routines fill caller-provided spans: nothing is allocated. <c>Optics.Mie.RiccatiBessel</c> computes psi_n and
/// xi_n together (log-derivative ratios); this j_n-only Miller recurrence is the hot path of the interior field and
/// emitter integrals (no xi needed there) and is tested against it.
/// </summary>
public static class SphericalBessel
{
    /// <summary>Below this |z| the series j_n(z) ~ z^n / (2n+1)!! (1 - z^2/(2(2n+3))) is used.</summary>
    const double SmallArgument = 1e-4;

    /// <summary>
    /// j_0(z) ... j_N(z) into <paramref name="j"/> (N = j.Length - 1) for complex z, by Miller's downward
    /// recurrence j_{n-1} = (2n+1)/z j_n - j_{n+1} (A&amp;S 10.1.19) from an order well above max(N, |z|),
    /// normalised to whichever of j_0 = sin z / z and j_1 = sin z / z^2 - cos z / z is larger in modulus.
    /// </summary>
    public static void J(Complex z, Span<Complex> j)
    {
        int N = j.Length - 1;
        if (N < 0) return;
        double az = Complex.Abs(z);
        if (az < SmallArgument)
        {
            Complex z2 = z * z, zn = Complex.One; double dfact = 1; // z^n, (2n+1)!!
            for (int n = 0; n <= N; n++)
            {
                if (n > 0) { zn *= z; dfact *= 2 * n + 1; }
                j[n] = zn / dfact * (1 - z2 / (2 * (2 * n + 3)));
            }
            return;
        }
        int start = Math.Max(N, (int)az) + 12 + (int)(3 * Math.Cbrt(Math.Max(az, N)));
        // complex arithmetic written out: this loop is the hot path of the field and emitter integrals
        double nr = 0, ni = 0, cr = 1e-30, ci = 0;          // j_{n+1}, j_n (unnormalised)
        double d2 = z.Real * z.Real + z.Imaginary * z.Imaginary;
        double ir = z.Real / d2, ii = -z.Imaginary / d2;    // 1/z
        for (int n = start; n > 0; n--)
        {
            double f = 2 * n + 1;
            double pr = f * (ir * cr - ii * ci) - nr, pi = f * (ir * ci + ii * cr) - ni; // j_{n-1}
            nr = cr; ni = ci; cr = pr; ci = pi;
            if (n - 1 <= N) j[n - 1] = new Complex(cr, ci);
            if (Math.Abs(cr) + Math.Abs(ci) > 1e200) // rescale to avoid overflow (only the ratios matter)
            {
                cr *= 1e-200; ci *= 1e-200; nr *= 1e-200; ni *= 1e-200;
                for (int k = n - 1; k <= N; k++) j[k] *= 1e-200; // the entries filled so far
            }
        }
        Complex cur = new(cr, ci), next = new(nr, ni), inv = new(ir, ii);
        // cur = unnormalised j_0, next = unnormalised j_1
        // sin(a + ib) = sin a cosh b + i cos a sinh b, cos(a + ib) = cos a cosh b - i sin a sinh b
        var (sa, ca) = Math.SinCos(z.Real);
        double eb = Math.Exp(z.Imaginary), emb = 1 / eb, ch = 0.5 * (eb + emb), sh = 0.5 * (eb - emb);
        if (Math.Abs(z.Imaginary) < 1e-3) sh = Math.Sinh(z.Imaginary); // avoid cancellation for small b
        Complex s = new(sa * ch, ca * sh), c = new(ca * ch, -sa * sh);
        Complex j0 = s * inv, j1 = s * inv * inv - c * inv;
        Complex scale = Norm1(j0) >= Norm1(j1) ? j0 / cur : j1 / next;
        for (int n = 0; n <= N; n++) j[n] *= scale;
    }

    static double Norm1(Complex z) => z.Real * z.Real + z.Imaginary * z.Imaginary;

    /// <summary>
    /// h_n^(1)(x) = j_n(x) + i y_n(x), n = 0..N, for real x &gt; 0: j_n from <see cref="J"/>, y_n by the upward
    /// recurrence (stable for the dominant solution) from y_0 = -cos x / x, y_1 = -cos x / x^2 - sin x / x.
    /// </summary>
    public static void H1(double x, Span<Complex> h)
    {
        int N = h.Length - 1;
        if (N < 0) return;
        if (!(x > 0)) throw new ArgumentOutOfRangeException(nameof(x), x, "h_n(x) needs x > 0");
        J(new Complex(x, 0), h); // real parts
        double y0 = -Math.Cos(x) / x, y1 = -Math.Cos(x) / (x * x) - Math.Sin(x) / x;
        h[0] = new Complex(h[0].Real, y0);
        if (N >= 1) h[1] = new Complex(h[1].Real, y1);
        double ym = y0, y = y1;
        for (int n = 1; n < N; n++)
        {
            double yn = (2 * n + 1) / x * y - ym;
            ym = y; y = yn;
            h[n + 1] = new Complex(h[n + 1].Real, yn);
        }
    }
}
