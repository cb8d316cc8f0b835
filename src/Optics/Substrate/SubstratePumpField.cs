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
    readonly double[,] _cMr, _cMi, _cNr, _cNi; // internal coefficients of m = +1 (column 0) and -1 (column 1), index l: re, im
    readonly double[] _ra, _rb, _tc, _norm, _sq;
    readonly double _pi11, _first; // pi_1^1, and pi_2^1 = cos(theta) _first pi_1^1
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
        _cMr = new double[L + 1, 2]; _cMi = new double[L + 1, 2]; _cNr = new double[L + 1, 2]; _cNi = new double[L + 1, 2];
        (_pi11, _first, _ra, _rb, _tc) = new AngularTable(L).Coefficients(1); // the m = 1 recurrence's
        _norm = new double[L + 1]; _sq = new double[L + 1];
        for (int l = 1; l <= L; l++)
        {
            for (int c = 0; c < 2; c++)
            {
                Complex cm = te.Internal.M[VectorWaves.Index(l, 1 - 2 * c)], cn = te.Internal.N[VectorWaves.Index(l, 1 - 2 * c)];
                _cMr[l, c] = cm.Real; _cMi[l, c] = cm.Imaginary; _cNr[l, c] = cn.Real; _cNi[l, c] = cn.Imaginary;
            }
            _norm[l] = VectorWaves.Norm(l);
            _sq[l] = Math.Sqrt(l * (l + 1.0));
        }
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
        pi[1] = _pi11; if (L >= 2) pi[2] = ct * _first * pi[1];
        for (int l = 3; l <= L; l++) pi[l] = _ra[l] * (ct * pi[l - 1] - _rb[l] * pi[l - 2]);
        // F_+1 and F_-1 in (r, theta, phi), the complex arithmetic written out (this loop runs for every source point)
        double prR = 0, prI = 0, ptR = 0, ptI = 0, ppR = 0, ppI = 0, mrR = 0, mrI = 0, mtR = 0, mtI = 0, mpR = 0, mpI = 0;
        double ikR = 0, ikI = 0; // 1 / kr
        if (r > 0) { double d = kr.Real * kr.Real + kr.Imaginary * kr.Imaginary; ikR = kr.Real / d; ikI = -kr.Imaginary / d; }
        for (int l = 1; l <= L; l++)
        {
            double p = pi[l], t = l * ct * p - _tc[l] * (l >= 2 ? pi[l - 1] : 0), q = p * st;
            double nl = _norm[l], sr = _sq[l] * q * InvSqrt2Pi;
            double zR = j[l].Real, zI = j[l].Imaginary, dR, dI, oR, oI; // z_l, (kr z_l)'/(kr), z_l/(kr)
            if (r > 0)
            {
                oR = zR * ikR - zI * ikI; oI = zR * ikI + zI * ikR;
                dR = j[l - 1].Real - l * oR; dI = j[l - 1].Imaginary - l * oI;
            }
            else { oR = l == 1 ? 1.0 / 3 : 0; oI = 0; dR = l == 1 ? 2.0 / 3 : 0; dI = 0; }
            // m = +1: pi, tau, Q; m = -1: pi, -tau, -Q (Q_l^-m = (-1)^m Q_l^m)
            double aPR = _cMr[l, 0] * zR - _cMi[l, 0] * zI, aPI = _cMr[l, 0] * zI + _cMi[l, 0] * zR; // cM z
            double bPR = _cNr[l, 0] * dR - _cNi[l, 0] * dI, bPI = _cNr[l, 0] * dI + _cNi[l, 0] * dR; // cN dz
            double aMR = _cMr[l, 1] * zR - _cMi[l, 1] * zI, aMI = _cMr[l, 1] * zI + _cMi[l, 1] * zR;
            double bMR = _cNr[l, 1] * dR - _cNi[l, 1] * dI, bMI = _cNr[l, 1] * dI + _cNi[l, 1] * dR;
            double uPR = _cNr[l, 0] * oR - _cNi[l, 0] * oI, uPI = _cNr[l, 0] * oI + _cNi[l, 0] * oR; // cN zo
            double uMR = _cNr[l, 1] * oR - _cNi[l, 1] * oI, uMI = _cNr[l, 1] * oI + _cNi[l, 1] * oR;
            ptR += nl * (-p * aPR - t * bPI); ptI += nl * (-p * aPI + t * bPR);   // nl (-p aP + i t bP)
            ppR += nl * (t * aPI - p * bPR); ppI += nl * (-t * aPR - p * bPI);    // nl (-i t aP - p bP)
            prR -= uPI * sr; prI += uPR * sr;                                     // i sq zo Q cN / sqrt(2 pi)
            mtR += nl * (-p * aMR + t * bMI); mtI += nl * (-p * aMI - t * bMR);   // nl (-p aM - i t bM)
            mpR += nl * (-t * aMI - p * bMR); mpI += nl * (t * aMR - p * bMI);    // nl (i t aM - p bM)
            mrR += uMI * sr; mrI -= uMR * sr;                                     // minus the same for m = -1
        }
        Complex pr = new(prR, prI), pt = new(ptR, ptI), pp = new(ppR, ppI), mr = new(mrR, mrI), mt = new(mtR, mtI), mp = new(mpR, mpI);
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
