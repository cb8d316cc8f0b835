using System.Numerics;
using MieCool.Optics.Fields;

namespace MieCool.Optics.Substrate;

/// <summary>
/// The pump's field inside a sphere on its substrate, at normal incidence from the host (along -z, lab frame), as the heat
/// source needs it. One solution suffices: the y-polarised (TE at azimuth 0) one; the geometry is symmetric about z, so the
/// x-polarised field is it turned by 90 degrees, |E_x(x, y, z)|^2 = |E_y(-y, x, z)|^2.
/// </summary>
public sealed class SubstratePumpField : IPumpField
{
    readonly SubstrateScattering _te;
    readonly Complex _k1;
    readonly Complex[,] _cM, _cN; // internal coefficients of m = +1 (column 0) and -1 (column 1), index l
    readonly double[] _ra, _rb, _tc, _norm, _sq;
    readonly double _pi11;
    static readonly double InvSqrt2Pi = 1 / Math.Sqrt(2 * Math.PI);

    /// <summary>The field of <paramref name="te"/>, a normal-incidence TE solution from the host.</summary>
    public SubstratePumpField(SubstrateScattering te)
    {
        var ill = te.Problem.Illumination;
        if (ill.AngleRad != 0 || ill.From != IncidenceSide.Host || ill.Polarisation != PlanePolarisation.TE)
            throw new ArgumentException("the pump field needs the normal-incidence TE solution from the host", nameof(te));
        _te = te;
        int L = te.Lmax;
        _k1 = te.Problem.SphereIndex * 2 * Math.PI / te.Problem.VacuumWavelengthM;
        _cM = new Complex[L + 1, 2]; _cN = new Complex[L + 1, 2];
        _ra = new double[L + 1]; _rb = new double[L + 1]; _tc = new double[L + 1]; _norm = new double[L + 1]; _sq = new double[L + 1];
        for (int l = 1; l <= L; l++)
        {
            _cM[l, 0] = te.Internal.M[VectorWaves.Index(l, 1)]; _cM[l, 1] = te.Internal.M[VectorWaves.Index(l, -1)];
            _cN[l, 0] = te.Internal.N[VectorWaves.Index(l, 1)]; _cN[l, 1] = te.Internal.N[VectorWaves.Index(l, -1)];
            _ra[l] = Math.Sqrt((4.0 * l * l - 1) / ((double)l * l - 1));
            _rb[l] = Math.Sqrt(((l - 1.0) * (l - 1) - 1) / (4.0 * (l - 1) * (l - 1) - 1));
            _tc[l] = Math.Sqrt((2 * l + 1.0) * ((double)l * l - 1) / (2 * l - 1.0));
            _norm[l] = VectorWaves.Norm(l);
            _sq[l] = Math.Sqrt(l * (l + 1.0));
        }
        _pi11 = -Math.Sqrt(3.0 / 4); // m c_1 sin^0: c_1 = -sqrt(1/2) sqrt(3/2)
    }

    /// <summary>The solution the field is summed from.</summary>
    public SubstrateScattering Solution => _te;

    /// <inheritdoc/>
    public int MultipoleOrders => _te.Lmax;

    /// <inheritdoc/>
    public double PowerDensityFactor(double intensityWPerM2) =>
        SphereField.DensityFactor(_te.Problem.VacuumWavelengthM, _te.Problem.SphereIndex, _te.Problem.HostIndex, intensityWPerM2);

    /// <summary>|E|^2 / E0^2 at (x, y, z) relative to the centre (lab frame) for the given polarisation.</summary>
    public double Intensity(double x, double y, double z, Polarisation polarisation)
    {
        var (ix, iy) = Intensities(x, y, z);
        return polarisation switch { Polarisation.X => ix, Polarisation.Y => iy, _ => 0.5 * (ix + iy) };
    }

    /// <summary>
    /// |E|^2 for x and y polarisation in one pass: normal incidence excites m = +-1 only, so
    /// E = sum_(m = +-1) e^{i m phi} F_m(r, theta), and the x-polarised field at (x, y, z) is the y-polarised one at azimuth
    /// phi + 90 degrees: sum_m i^m e^{i m phi} F_m. Same sums as <see cref="VectorWaves.Field"/>, with the Legendre
    /// recurrence's coefficients tabulated.
    /// </summary>
    (double X, double Y) Intensities(double x, double y, double z)
    {
        int L = _te.Lmax;
        double r = Math.Sqrt(x * x + y * y + z * z), rho = Math.Sqrt(x * x + y * y);
        double ct = r > 0 ? z / r : 1, st = r > 0 ? rho / r : 0;
        Complex eip = rho > 0 ? new Complex(x / rho, y / rho) : Complex.One; // e^{i phi}
        Complex kr = _k1 * r;
        Span<Complex> j = stackalloc Complex[L + 2];
        if (r == 0) { j.Clear(); j[0] = 1; } else SphericalBessel.J(kr, j);
        // pi_l^1 by the recurrence with tabulated coefficients; tau_l^1 = l x pi_l - c_l pi_(l-1)
        Span<double> pi = stackalloc double[L + 1];
        pi[1] = _pi11; if (L >= 2) pi[2] = ct * Math.Sqrt(5.0) * pi[1];
        for (int l = 3; l <= L; l++) pi[l] = _ra[l] * (ct * pi[l - 1] - _rb[l] * pi[l - 2]);
        Complex pr = 0, pt = 0, pp = 0, mr = 0, mt = 0, mp = 0; // F_+1 and F_-1 in (r, theta, phi)
        for (int l = 1; l <= L; l++)
        {
            double p = pi[l], t = l * ct * p - _tc[l] * (l >= 2 ? pi[l - 1] : 0), q = p * st;
            double nl = _norm[l];
            Complex zl = j[l], dz = r > 0 ? j[l - 1] - l * j[l] / kr : (l == 1 ? 2.0 / 3 : 0);
            Complex zo = r > 0 ? j[l] / kr : (l == 1 ? 1.0 / 3 : 0);
            // m = +1: pi, tau, Q; m = -1: pi, -tau, -Q (Q_l^-m = (-1)^m Q_l^m)
            Complex aP = _cM[l, 0] * zl, bP = _cN[l, 0] * dz, aM = _cM[l, 1] * zl, bM = _cN[l, 1] * dz;
            pt += nl * (-p * aP + Complex.ImaginaryOne * t * bP);
            pp += nl * (-Complex.ImaginaryOne * t * aP - p * bP);
            pr += _cN[l, 0] * Complex.ImaginaryOne * _sq[l] * zo * q * InvSqrt2Pi;
            mt += nl * (-p * aM - Complex.ImaginaryOne * t * bM);
            mp += nl * (Complex.ImaginaryOne * t * aM - p * bM);
            mr -= _cN[l, 1] * Complex.ImaginaryOne * _sq[l] * zo * q * InvSqrt2Pi;
        }
        Complex eim = Complex.Conjugate(eip), i = Complex.ImaginaryOne;
        // y polarisation: e^{i phi} F_+ + e^{-i phi} F_-; x: i e^{i phi} F_+ - i e^{-i phi} F_-
        Complex yr = eip * pr + eim * mr, yt = eip * pt + eim * mt, yp = eip * pp + eim * mp;
        Complex xr = i * (eip * pr - eim * mr), xt = i * (eip * pt - eim * mt), xp = i * (eip * pp - eim * mp);
        return (Norm(xr) + Norm(xt) + Norm(xp), Norm(yr) + Norm(yt) + Norm(yp));
    }

    static double Norm(Complex z) => z.Real * z.Real + z.Imaginary * z.Imaginary;

    /// <inheritdoc/>
    public void AbsorbedPowerDensity(double[] positionsXyz, double[] p, double intensityWPerM2, (double X, double Y, double Z) centre,
                                     bool downward, Polarisation polarisation)
    {
        if (!downward) throw new ArgumentException("the substrate is below: the pump comes from above (downward)", nameof(downward));
        int n = p.Length;
        if (positionsXyz.Length != 3 * n) throw new ArgumentException($"expected {3 * n} coordinates for {n} values");
        double factor = PowerDensityFactor(intensityWPerM2), a = _te.Problem.RadiusM, a2 = a * a;
        const int chunk = 1024;
        Parallel.For(0, (n + chunk - 1) / chunk, ci =>
        {
            int lo = ci * chunk, hi = Math.Min(n, lo + chunk);
            for (int i = lo; i < hi; i++)
            {
                double x = positionsXyz[3 * i] - centre.X, y = positionsXyz[3 * i + 1] - centre.Y, z = positionsXyz[3 * i + 2] - centre.Z;
                p[i] = x * x + y * y + z * z > a2 ? 0 : factor * Intensity(x, y, z, polarisation);
            }
        });
    }
}
