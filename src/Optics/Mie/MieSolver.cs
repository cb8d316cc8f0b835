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

    /// <summary>
    /// Largest size parameter the one-call <see cref="Efficiencies(Complex, double, double, double)"/> accepts (about 1e5
    /// series terms; the command line's `mie --x` has the same bound).
    /// </summary>
    public const double MaxSizeParameter = 1e5;

    /// <summary>
    /// The efficiencies of a homogeneous sphere in one call, as miepython's <c>efficiencies(m, d, lambda0, n_env)</c>: the
    /// sphere's own (absolute) index <paramref name="m"/>, its <paramref name="diameter"/> and the vacuum wavelength
    /// <paramref name="lambda0"/> in metres, in a non-absorbing medium of real index <paramref name="nEnv"/>. The series
    /// gets x = pi d n_env / lambda0 and m / n_env (<see cref="Convention"/>). Unlike miepython, m = n + ik with k &gt;= 0
    /// absorbing (B&amp;H); miepython's n - ik is its complex conjugate. Q's are relative to pi d^2 / 4.
    /// </summary>
    /// <param name="m">Complex refractive index of the sphere, n + ik, k &gt;= 0.</param>
    /// <param name="diameter">Sphere diameter, m (&gt; 0).</param>
    /// <param name="lambda0">Vacuum wavelength, m (&gt; 0).</param>
    /// <param name="nEnv">Real refractive index of the medium around the sphere (&gt; 0), 1 for vacuum.</param>
    /// <returns>Qext, Qsca, Qback, g (<see cref="MieEfficiencies.G"/>), Qpr and Qabs = Qext - Qsca.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is not finite, not positive, k &lt; 0, or
    /// x &gt; <see cref="MaxSizeParameter"/>; the message names the argument and its valid range.</exception>
    public static MieEfficiencies Efficiencies(Complex m, double diameter, double lambda0, double nEnv = 1.0) =>
        Efficiencies(m, diameter, [lambda0], nEnv)[0];

    /// <summary>
    /// <see cref="Efficiencies(Complex, double, double, double)"/> at each vacuum wavelength of <paramref name="lambda0"/>
    /// (m), with the same index <paramref name="m"/> at all of them (a constant index; pass an
    /// <see cref="IRefractiveIndex"/> for a dispersive material). Every argument is checked before any is computed.
    /// </summary>
    /// <returns>One record per wavelength, in the order of <paramref name="lambda0"/>.</returns>
    public static MieEfficiencies[] Efficiencies(Complex m, double diameter, ReadOnlySpan<double> lambda0, double nEnv = 1.0)
    {
        if (!double.IsFinite(m.Real) || !double.IsFinite(m.Imaginary) || m.Imaginary < 0 || m == Complex.Zero)
            throw new ArgumentOutOfRangeException(nameof(m), m,
                "refractive index must be finite, non-zero, m = n + ik with k >= 0 absorbing (conjugate miepython's n - ik)");
        var index = new Complex[lambda0.Length];
        index.AsSpan().Fill(m);
        return Efficiencies(index, diameter, lambda0, nEnv);
    }

    /// <summary>
    /// <see cref="Efficiencies(Complex, double, double, double)"/> of a sphere of a <paramref name="material"/> (e.g.
    /// <c>MaterialLibrary.Resolve("MAPbI3/Phillips", "material")</c>), its index taken at <paramref name="lambda0"/>.
    /// </summary>
    /// <exception cref="MieCool.Core.InputException">The wavelength is outside the material's data (the message states the
    /// range).</exception>
    public static MieEfficiencies Efficiencies(IRefractiveIndex material, double diameter, double lambda0, double nEnv = 1.0) =>
        Efficiencies(material, diameter, [lambda0], nEnv)[0];

    /// <summary>
    /// <see cref="Efficiencies(IRefractiveIndex, double, double, double)"/> at each vacuum wavelength of
    /// <paramref name="lambda0"/> (m): the material's index at each, one record per wavelength in their order.
    /// </summary>
    public static MieEfficiencies[] Efficiencies(IRefractiveIndex material, double diameter, ReadOnlySpan<double> lambda0,
                                                 double nEnv = 1.0)
    {
        ArgumentNullException.ThrowIfNull(material);
        CheckWavelengths(lambda0);   // before the material is asked, so that a NaN is named as the argument it is
        var index = new Complex[lambda0.Length];
        material.At(lambda0, index);
        for (int i = 0; i < index.Length; i++)
            if (!double.IsFinite(index[i].Real) || !double.IsFinite(index[i].Imaginary) || index[i].Imaginary < 0 || index[i] == 0)
                throw new ArgumentOutOfRangeException(nameof(material), index[i],
                    $"{material.Name} at lambda0{Item(i, index.Length)} = {lambda0[i]} m: index must be finite, non-zero, with k >= 0");
        return Efficiencies(index, diameter, lambda0, nEnv);
    }

    /// <summary>The one-call entry's boundary: every argument checked once, then x = pi d n_env / lambda0, m / n_env.</summary>
    static MieEfficiencies[] Efficiencies(Complex[] index, double diameter, ReadOnlySpan<double> lambda0, double nEnv)
    {
        if (!(diameter > 0) || !double.IsFinite(diameter))
            throw new ArgumentOutOfRangeException(nameof(diameter), diameter, "diameter must be finite and > 0 (metres)");
        if (!(nEnv > 0) || !double.IsFinite(nEnv))
            throw new ArgumentOutOfRangeException(nameof(nEnv), nEnv,
                "the medium's index must be real, finite and > 0 (a non-absorbing medium; 1 for vacuum)");
        CheckWavelengths(lambda0);
        var x = new double[lambda0.Length];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = Convention.SizeParameter(diameter / 2, lambda0[i], nEnv);
            if (!(x[i] <= MaxSizeParameter))
                throw new ArgumentOutOfRangeException(nameof(lambda0), lambda0[i],
                    $"size parameter x = pi d n_env / lambda0 = {x[i]:G3} at lambda0{Item(i, x.Length)} (diameter {diameter} m) " +
                    $"is too large for the Mie series; valid: x <= {MaxSizeParameter:G3}");
        }
        var result = new MieEfficiencies[x.Length];
        var workspace = new MieWorkspace();
        for (int i = 0; i < x.Length; i++)
        {
            workspace.Sphere(x[i], index[i] / nEnv);
            result[i] = workspace.Efficiencies;
        }
        return result;
    }

    static void CheckWavelengths(ReadOnlySpan<double> lambda0)
    {
        for (int i = 0; i < lambda0.Length; i++)
            if (!(lambda0[i] > 0) || !double.IsFinite(lambda0[i]))
                throw new ArgumentOutOfRangeException(nameof(lambda0), lambda0[i],
                    $"vacuum wavelength lambda0{Item(i, lambda0.Length)} must be finite and > 0 (metres)");
    }

    /// <summary>"[i]" naming one of several wavelengths in a message; "" for the one wavelength of a single call.</summary>
    static string Item(int i, int count) => count == 1 ? "" : $"[{i}]";

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
