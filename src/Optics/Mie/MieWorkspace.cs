using System.Numerics;

namespace MieCool.Optics.Mie;

/// <summary>
/// Reusable scratch buffers for evaluating many homogeneous spheres without allocating: call
/// <see cref="Sphere"/>, then read the totals, coefficients and multipoles until the next call. Not thread-safe:
/// use one workspace per thread (as <see cref="MieSpectrum"/> does). Same conventions and numerics as
/// <see cref="MieSolver.Sphere"/> (m = n + ik, exp(-i w t)).
/// </summary>
public sealed class MieWorkspace
{
    Complex[] _a = new Complex[16], _b = new Complex[16], _dmx = new Complex[17], _psiS = new Complex[17], _xiS = new Complex[17];
    double[] _dx = new double[17];
    Complex _m;

    /// <summary>Number of terms of the last evaluation.</summary>
    public int NMax { get; private set; }
    /// <summary>Size parameter of the last evaluation.</summary>
    public double X { get; private set; }
    /// <summary>Extinction efficiency Cext / (pi r^2) of the last evaluation (B&amp;H eq. 4.62).</summary>
    public double Qext { get; private set; }
    /// <summary>Scattering efficiency Csca / (pi r^2) of the last evaluation (B&amp;H eq. 4.61).</summary>
    public double Qsca { get; private set; }
    /// <summary>Backscattering (radar) efficiency of the last evaluation (B&amp;H eq. 4.82).</summary>
    public double Qback { get; private set; }
    /// <summary>Asymmetry parameter g = &lt;cos theta&gt; of the last evaluation (B&amp;H p. 120).</summary>
    public double G { get; private set; }
    /// <summary>Absorption efficiency Qext - Qsca of the last evaluation.</summary>
    public double Qabs => Qext - Qsca;
    /// <summary>Radiation-pressure efficiency Qext - g Qsca of the last evaluation (B&amp;H chapter 4).</summary>
    public double Qpr => Qext - G * Qsca;

    /// <summary>a_n (index n - 1) of the last evaluation.</summary>
    public ReadOnlySpan<Complex> A => _a.AsSpan(0, NMax);
    /// <summary>b_n (index n - 1) of the last evaluation.</summary>
    public ReadOnlySpan<Complex> B => _b.AsSpan(0, NMax);

    /// <summary>The totals of the last evaluation as a record (allocates one object).</summary>
    public MieEfficiencies Efficiencies => new(Qext, Qsca, Qback, G, Qpr);

    /// <summary>Solves the homogeneous sphere (x, m) into this workspace; nmax defaults to Wiscombe's criterion.</summary>
    public void Sphere(double x, Complex m, int? nmax = null)
    {
        if (!(x > 0) || !double.IsFinite(x)) throw new ArgumentOutOfRangeException(nameof(x), x, "size parameter must be finite and > 0");
        if (!(m.Imaginary >= 0) || !double.IsFinite(m.Real) || !double.IsFinite(m.Imaginary) || m == Complex.Zero)
            throw new ArgumentOutOfRangeException(nameof(m), m, "relative index must be finite, non-zero, with Im(m) >= 0 (m = n + ik)");
        int n = nmax ?? MieKernel.TermCount(x);
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(nmax), n, "number of terms must be >= 1");
        Ensure(n);
        MieKernel.Sphere(x, m, n, _a, _b, _dmx, _dx);
        MieKernel.Totals(x, _a, _b, n, out double qext, out double qsca, out double qback, out double g);
        NMax = n; X = x; _m = m; Qext = qext; Qsca = qsca; Qback = qback; G = g;
    }

    /// <summary>Part of order n (1..NMax) and type of the last evaluation.</summary>
    public MultipoleEfficiencies Multipole(int n, MultipoleType type)
    {
        if (n < 1 || n > NMax) throw new ArgumentOutOfRangeException(nameof(n), n, $"multipole order must be in 1..{NMax}");
        return MieResult.MultipoleOf(X, n, type == MultipoleType.Electric ? _a[n - 1] : _b[n - 1]);
    }

    /// <summary>S1, S2 of the last evaluation at scattering angle theta (B&amp;H eq. 4.74).</summary>
    public (Complex S1, Complex S2) Amplitudes(double thetaRadians) => MieKernel.Amplitudes(_a, _b, NMax, thetaRadians);

    /// <summary>
    /// Internal coefficients c_n, d_n (n = 1..NMax at index n - 1) of the last sphere, B&amp;H eq. 4.52-4.53
    /// normalisation as <see cref="MieResult.c"/>, without allocating. Spans need NMax entries.
    /// </summary>
    public void InternalCoefficients(Span<Complex> c, Span<Complex> d)
    {
        if (NMax == 0) throw new InvalidOperationException("no sphere evaluated yet");
        if (c.Length < NMax || d.Length < NMax) throw new ArgumentException($"c and d need {NMax} entries");
        MieKernel.Internal(X, _m, NMax, c, d, _dmx, _psiS, _xiS, _dx);
    }

    void Ensure(int n)
    {
        if (_a.Length >= n) return;
        int size = Math.Max(n, 2 * _a.Length);
        _a = new Complex[size]; _b = new Complex[size]; _dmx = new Complex[size + 1]; _dx = new double[size + 1];
        _psiS = new Complex[size + 1]; _xiS = new Complex[size + 1];
    }
}
