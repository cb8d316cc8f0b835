using System.Numerics;
using System.Runtime.Intrinsics;

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
        int start = StartOrder(az, N);
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
        Complex scale = Normalisation(z, new(ir, ii), new(cr, ci), new(nr, ni));
        for (int n = 0; n <= N; n++) j[n] *= scale;
    }

    /// <summary>The order Miller's recurrence for j_0..j_N(z) starts from, |z| = <paramref name="az"/>.</summary>
    static int StartOrder(double az, int N) => Math.Max(N, (int)az) + 12 + (int)(3 * Math.Cbrt(Math.Max(az, N)));

    /// <summary>
    /// The factor that turns the recurrence's unnormalised j_0 (<paramref name="cur"/>) and j_1 (<paramref name="next"/>) into
    /// the true ones, j_0 = sin z / z or j_1 = sin z / z^2 - cos z / z, whichever is larger; <paramref name="inv"/> = 1/z.
    /// </summary>
    static Complex Normalisation(Complex z, Complex inv, Complex cur, Complex next)
    {
        // sin(a + ib) = sin a cosh b + i cos a sinh b, cos(a + ib) = cos a cosh b - i sin a sinh b
        var (sa, ca) = Math.SinCos(z.Real);
        double eb = Math.Exp(z.Imaginary), emb = 1 / eb, ch = 0.5 * (eb + emb), sh = 0.5 * (eb - emb);
        if (Math.Abs(z.Imaginary) < 1e-3) sh = Math.Sinh(z.Imaginary); // avoid cancellation for small b
        Complex s = new(sa * ch, ca * sh), c = new(ca * ch, -sa * sh);
        Complex j0 = s * inv, j1 = s * inv * inv - c * inv;
        return Norm1(j0) >= Norm1(j1) ? j0 / cur : j1 / next;
    }

    /// <summary>
    /// <see cref="J"/> for four arguments at once, lane k of (<paramref name="zr"/>, <paramref name="zi"/>) holding z_k:
    /// j_n(z_k) into lane k of (<paramref name="jr"/>[n], <paramref name="ji"/>[n]), n = 0..N = jr.Length - 1. The same
    /// operations as <see cref="J"/> lane by lane, so the same values to the last bit: a lane whose recurrence starts lower
    /// waits at its start values (1e-30, 0) until the loop reaches its order, and a rescale multiplies the other lanes by 1.
    /// The latency of the recurrence's dependent products is paid once for four points. Returns false, and writes nothing,
    /// when a lane's |z| is below the series switch: the caller then uses <see cref="J"/> for it.
    /// </summary>
    public static bool J4(Vector256<double> zr, Vector256<double> zi, Span<Vector256<double>> jr, Span<Vector256<double>> ji)
    {
        int N = jr.Length - 1;
        if (N < 0 || ji.Length != jr.Length) throw new ArgumentException("jr and ji need the same length >= 1");
        Span<int> start = stackalloc int[Lanes];
        int top = 0, bottom = int.MaxValue, inner = StartOrder(N, N);
        var d2 = zr * zr + zi * zi;
        for (int k = 0; k < Lanes; k++)
        {
            // |z|^2 well inside (SmallArgument, N) decides without |z| (Complex.Abs is within an ulp of sqrt(|z|^2)):
            // then StartOrder(|z|, N) is that of |z| = N
            if (d2[k] > 1.01 * SmallArgument * SmallArgument && d2[k] < 0.99 * N * N) start[k] = inner;
            else
            {
                double az = Complex.Abs(new Complex(zr[k], zi[k]));
                if (!(az >= SmallArgument)) return false;
                start[k] = StartOrder(az, N);
            }
            top = Math.Max(top, start[k]); bottom = Math.Min(bottom, start[k]);
        }
        var startV = Vector256.Create((long)start[0], start[1], start[2], start[3]);
        var ir = zr / d2;
        var ii = -zi / d2; // 1/z
        Vector256<double> nr = Vector256<double>.Zero, ni = Vector256<double>.Zero, cr = Vector256.Create(1e-30),
                          ci = Vector256<double>.Zero; // j_{n+1}, j_n (unnormalised)
        var big = Vector256.Create(1e200);
        for (int n = top; n > 0; n--)
        {
            var f = Vector256.Create(2.0 * n + 1);
            var pr = f * (ir * cr - ii * ci) - nr;
            var pi = f * (ir * ci + ii * cr) - ni; // j_{n-1}
            if (n <= bottom) { nr = cr; ni = ci; cr = pr; ci = pi; }
            else
            {
                var on = Vector256.LessThanOrEqual(Vector256.Create((long)n), startV).AsDouble(); // lanes whose recurrence runs
                nr = Vector256.ConditionalSelect(on, cr, nr); ni = Vector256.ConditionalSelect(on, ci, ni);
                cr = Vector256.ConditionalSelect(on, pr, cr); ci = Vector256.ConditionalSelect(on, pi, ci);
            }
            if (n - 1 <= N) { jr[n - 1] = cr; ji[n - 1] = ci; }
            var over = Vector256.GreaterThan(Vector256.Abs(cr) + Vector256.Abs(ci), big);
            if (over != Vector256<double>.Zero) // rescale to avoid overflow, lane by lane (x 1 elsewhere: exact)
            {
                var s = Vector256.ConditionalSelect(over, Vector256.Create(1e-200), Vector256.Create(1.0));
                cr *= s; ci *= s; nr *= s; ni *= s;
                for (int k = n - 1; k <= N; k++) { jr[k] *= s; ji[k] *= s; }
            }
        }
        Span<double> sr = stackalloc double[Lanes], si = stackalloc double[Lanes];
        for (int k = 0; k < Lanes; k++)
        {
            Complex scale = Normalisation(new(zr[k], zi[k]), new(ir[k], ii[k]), new(cr[k], ci[k]), new(nr[k], ni[k]));
            sr[k] = scale.Real; si[k] = scale.Imaginary;
        }
        var scr = Vector256.Create(sr[0], sr[1], sr[2], sr[3]);
        var sci = Vector256.Create(si[0], si[1], si[2], si[3]);
        for (int n = 0; n <= N; n++)
        {
            var a = jr[n]; var b = ji[n]; // (a + ib)(scr + i sci), as Complex multiplies
            jr[n] = a * scr - b * sci; ji[n] = b * scr + a * sci;
        }
        return true;
    }

    /// <summary>The number of arguments <see cref="J4"/> takes at once.</summary>
    public const int Lanes = 4;

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
