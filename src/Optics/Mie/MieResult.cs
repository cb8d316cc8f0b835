using System.Numerics;

namespace MieCool.Optics.Mie;

/// <summary>
/// The Lorenz-Mie solution for one sphere (homogeneous, core-shell or multilayer) at one size parameter,
/// in the convention m = n + ik, exp(-i w t) (Bohren &amp; Huffman 1983). Coefficients are indexed n = 1..NMax.
/// </summary>
public sealed class MieResult
{
    readonly Complex[] _a, _b;
    readonly double[] _x;
    readonly Complex[] _m;
    readonly bool _perfectConductor;
    LayerCoefficients[]? _layers;
    double _coreResidual = double.NaN;

    internal MieResult(double[] layerX, Complex[] layerM, Complex[] a, Complex[] b, bool perfectConductor = false)
    {
        _x = layerX; _m = layerM; _a = a; _b = b; _perfectConductor = perfectConductor;
        NMax = a.Length;
        X = layerX[^1];
        MieKernel.Totals(X, a, b, NMax, out double qext, out double qsca, out double qback, out double g);
        Efficiencies = new MieEfficiencies(qext, qsca, qback, g, qext - g * qsca);
    }

    /// <summary>Number of terms of the series.</summary>
    public int NMax { get; }
    /// <summary>Size parameter of the outer surface, x = 2 pi n_host r / lambda0.</summary>
    public double X { get; }
    /// <summary>Number of layers (1 for a homogeneous sphere, 2 for core-shell).</summary>
    public int LayerCount => _x.Length;
    /// <summary>Relative index of the outer layer (or of the homogeneous sphere); 0 + inf i for a perfect conductor.</summary>
    public Complex RelativeIndex => _perfectConductor ? new Complex(0, double.PositiveInfinity) : _m[^1];
    /// <summary>
    /// True for the perfectly conducting sphere of <see cref="MieSolver.PerfectConductor"/> (the limit m -&gt; infinity):
    /// no field inside, so its internal coefficients are zero.
    /// </summary>
    public bool IsPerfectConductor => _perfectConductor;

    /// <summary>
    /// External (scattering) coefficient a_n, electric, B&amp;H eq. 4.53 (Im a_n &lt;= 0 for small x in this convention).
    /// </summary>
    public Complex a(int n) => _a[Check(n)];
    /// <summary>External (scattering) coefficient b_n, magnetic, B&amp;H eq. 4.53.</summary>
    public Complex b(int n) => _b[Check(n)];
    /// <summary>All a_n, electric: n = 1..<see cref="NMax"/> at index n - 1 (see <see cref="a(int)"/>).</summary>
    public ReadOnlySpan<Complex> A => _a;
    /// <summary>All b_n, magnetic: n = 1..<see cref="NMax"/> at index n - 1 (see <see cref="b(int)"/>).</summary>
    public ReadOnlySpan<Complex> B => _b;

    /// <summary>
    /// Internal coefficient c_n (TE, multiplies M1_o1n with j_n(m k r)) of the homogeneous sphere or of the regular
    /// part of the outermost layer, B&amp;H eq. 4.52-4.53 normalisation: E_1 = sum E_n (c_n M1_o1n - i d_n N1_e1n),
    /// E_n = i^n E0 (2n+1)/(n(n+1)). For a homogeneous sphere c_n = i m / [psi_n(mx) xi_n'(x) - m xi_n(x) psi_n'(mx)].
    /// Zero for a perfect conductor. See <see cref="LayerCoefficients"/>.
    /// </summary>
    public Complex c(int n) => Layers[^1].c(n);
    /// <summary>
    /// Internal coefficient d_n (TM, multiplies -i N1_e1n); homogeneous sphere
    /// d_n = i m / [m psi_n(mx) xi_n'(x) - xi_n(x) psi_n'(mx)].
    /// </summary>
    public Complex d(int n) => Layers[^1].d(n);

    /// <summary>
    /// Field coefficients of every layer, core first (see <see cref="LayerCoefficients"/> for the normalisation).
    /// Computed on first use.
    /// </summary>
    public IReadOnlyList<LayerCoefficients> Layers
    {
        get
        {
            if (_layers is null)
            {
                if (_perfectConductor)
                {
                    var z = new Complex[NMax];
                    _layers = [new LayerCoefficients(0, RelativeIndex, 0, X, z, z, z, z)];
                    _coreResidual = 0;
                }
                else if (_x.Length == 1)
                {
                    // homogeneous sphere: B&H's closed form (robust for any absorption), no transfer needed
                    int n = NMax;
                    var c = new Complex[n]; var d = new Complex[n];
                    MieKernel.Internal(X, _m[0], n, c, d,
                        new Complex[n + 1], new Complex[n + 1], new Complex[n + 1], new double[n + 1]);
                    _layers = [new LayerCoefficients(0, _m[0], 0, X, c, d, new Complex[n], new Complex[n])];
                    _coreResidual = 0;
                }
                else
                {
                    _layers = LayerCoefficients.FromScattering(_x, _m, _a, _b, NMax, out _coreResidual);
                }
            }
            return _layers;
        }
    }

    /// <summary>
    /// Consistency check of the layer coefficients of a layered sphere: the irregular part that the inward transfer
    /// leaves in the core, relative to the regular part (exactly zero in theory; ~1e-13 in practice). Zero for a
    /// homogeneous sphere, whose c_n, d_n come from the closed form.
    /// </summary>
    public double CoreIrregularResidual { get { _ = Layers; return _coreResidual; } }

    /// <summary>Qext, Qsca, Qback, g, Qpr (and Qabs) of B&amp;H eqs. 4.61-4.62, 4.82 and p. 120.</summary>
    public MieEfficiencies Efficiencies { get; }

    /// <summary>
    /// Part of order n and the given type: Qext_n = 2/x^2 (2n+1) Re c, Qsca_n = 2/x^2 (2n+1) |c|^2, c = a_n or b_n.
    /// </summary>
    public MultipoleEfficiencies Multipole(int n, MultipoleType type)
    {
        Complex c = type == MultipoleType.Electric ? a(n) : b(n);
        return MultipoleOf(X, n, c);
    }

    internal static MultipoleEfficiencies MultipoleOf(double x, int n, Complex coefficient)
    {
        double f = 2.0 * (2 * n + 1) / (x * x);   // MieSpectrum repeats this arithmetic inline
        double ext = f * coefficient.Real,
            sca = f * (coefficient.Real * coefficient.Real + coefficient.Imaginary * coefficient.Imaginary);
        return new MultipoleEfficiencies(ext, sca, ext - sca);
    }

    /// <summary>Scattering amplitudes S1 (perpendicular) and S2 (parallel) at scattering angle theta, B&amp;H eq. 4.74.</summary>
    public (Complex S1, Complex S2) Amplitudes(double thetaRadians) => MieKernel.Amplitudes(_a, _b, NMax, thetaRadians);

    int Check(int n) => n >= 1 && n <= NMax ? n - 1
        : throw new ArgumentOutOfRangeException(nameof(n), n, $"multipole order must be in 1..{NMax}");
}
