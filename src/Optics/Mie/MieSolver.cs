using System.Numerics;
using MieCool.Core;

namespace MieCool.Optics.Mie;

/// <summary>
/// Lorenz-Mie scattering by a homogeneous, core-shell or multilayered sphere in a non-absorbing host.
/// Convention (stated once for all of MieCool.Optics.Mie): relative refractive index m = n + ik with k &gt;= 0
/// absorbing, time factor exp(-i w t), as in Bohren &amp; Huffman (1983) "Absorption and Scattering of Light by
/// Small Particles" (B&amp;H). Wiscombe's MIEV0 (1979) uses m = n - ik: its S1, S2 are the complex conjugates
/// of ours. x = 2 pi n_host r / lambda0 is the size parameter in the host (<see cref="Convention.SizeParameter"/>).
/// Numerics: logarithmic derivative D_n(mx) by downward recurrence from D_nmax given by Lentz's continued fraction (as in
/// Wiscombe's 1979 MIEV0),
/// psi_n(x) by the stable ratio psi_n = psi_{n-1}/(D_n(x) + n/x), chi_n by upward recurrence, and Yang's (2003)
/// recursion for layered spheres. Validated for x in [1e-3, 1e4] and |m| up to |10+10i|.
/// </summary>
public static class MieSolver
{
    /// <summary>Wiscombe's (1979) number of terms nmax = x + 4 x^(1/3) + 2 (as in B&amp;H's BHMIE).</summary>
    public static int TermCount(double x) => MieKernel.TermCount(x);

    /// <summary>Homogeneous sphere of size parameter x (in the host) and relative index m.</summary>
    public static MieResult Sphere(double x, Complex m, int? nmax = null)
    {
        CheckX(x, "x"); CheckM(m, "m");
        int n = Terms(x, nmax);
        var a = new Complex[n]; var b = new Complex[n];
        MieKernel.Sphere(x, m, n, a, b, new Complex[n + 1], new double[n + 1]);
        return new MieResult([x], [m], a, b);
    }

    /// <summary>Core (size parameter xCore, index mCore) inside a shell (outer size parameter xShell, index mShell), Yang 2003.</summary>
    public static MieResult CoreShell(double xCore, Complex mCore, double xShell, Complex mShell, int? nmax = null) =>
        Multilayer([xCore, xShell], [mCore, mShell], nmax);

    /// <summary>
    /// Concentric layers, core first: layer l has outer size parameter x[l] (strictly increasing) and relative
    /// index m[l]. Yang (2003) Appl. Opt. 42, 1710.
    /// </summary>
    public static MieResult Multilayer(IReadOnlyList<double> x, IReadOnlyList<Complex> m, int? nmax = null)
    {
        if (x.Count == 0 || x.Count != m.Count)
            throw new ArgumentException($"need as many layer size parameters as indices and at least one (got {x.Count} and {m.Count})");
        for (int l = 0; l < x.Count; l++)
        {
            CheckX(x[l], $"x[{l}]"); CheckM(m[l], $"m[{l}]");
            if (l > 0 && !(x[l] > x[l - 1]))
                throw new ArgumentOutOfRangeException(nameof(x), x[l],
                    $"layer size parameters must increase outward (x[{l}] = {x[l]} <= x[{l - 1}] = {x[l - 1]})");
        }
        double xo = x[^1];
        int n = Terms(xo, nmax);
        var xs = x.ToArray(); var ms = m.ToArray();
        var a = new Complex[n]; var b = new Complex[n];
        if (xs.Length == 1)
        {
            MieKernel.Sphere(xo, ms[0], n, a, b, new Complex[n + 1], new double[n + 1]);
        }
        else
        {
            var ha = new Complex[n + 1]; var hb = new Complex[n + 1];
            Mie.Multilayer.LogDerivatives(xs, ms, n, ha, hb);
            MieKernel.FromLogDerivatives(xo, ms[^1], ha, hb, n, a, b, new double[n + 1]);
        }
        return new MieResult(xs, ms, a, b);
    }

    /// <summary>Perfectly conducting sphere, the limit m -> infinity: a_n = psi_n'(x)/xi_n'(x), b_n = psi_n(x)/xi_n(x).</summary>
    public static MieResult PerfectConductor(double x, int? nmax = null)
    {
        CheckX(x, "x");
        int n = Terms(x, nmax);
        var a = new Complex[n]; var b = new Complex[n];
        MieKernel.PerfectConductor(x, n, a, b, new double[n + 1]);
        return new MieResult([x], [new Complex(0, double.PositiveInfinity)], a, b, perfectConductor: true);
    }

    static int Terms(double x, int? nmax)
    {
        if (nmax is int n)
        {
            if (n < 1) throw new ArgumentOutOfRangeException(nameof(nmax), n, "number of terms must be >= 1");
            return n;
        }
        return TermCount(x);
    }

    static void CheckX(double x, string name)
    {
        if (!(x > 0) || !double.IsFinite(x))
            throw new ArgumentOutOfRangeException(name, x, "size parameter must be finite and > 0");
    }

    static void CheckM(Complex m, string name)
    {
        if (!double.IsFinite(m.Real) || !double.IsFinite(m.Imaginary) || m.Imaginary < 0 || m == Complex.Zero)
            throw new ArgumentOutOfRangeException(name, m,
                "relative index must be finite, non-zero, with Im(m) >= 0 (m = n + ik, exp(-i w t); conjugate n - ik tables)");
    }
}
