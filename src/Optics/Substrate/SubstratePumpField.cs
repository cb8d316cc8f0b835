using System.Numerics;
using System.Runtime.Intrinsics;
using MieCool.Optics.Fields;

using V = System.Runtime.Intrinsics.Vector256<double>;

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
    readonly double[] _coefficients; // per l at 8 l: the columns of _cMr, _cMi, _cNr, _cNi of m = +1, then of m = -1
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
        _coefficients = new double[8 * (L + 1)];
        for (int l = 1; l <= L; l++)
        {
            for (int c = 0; c < 2; c++)
            {
                Complex cm = te.Internal.M[VectorWaves.Index(l, 1 - 2 * c)], cn = te.Internal.N[VectorWaves.Index(l, 1 - 2 * c)];
                _cMr[l, c] = cm.Real; _cMi[l, c] = cm.Imaginary; _cNr[l, c] = cn.Real; _cNi[l, c] = cn.Imaginary;
                _coefficients[8 * l + 4 * c] = cm.Real; _coefficients[8 * l + 4 * c + 1] = cm.Imaginary;
                _coefficients[8 * l + 4 * c + 2] = cn.Real; _coefficients[8 * l + 4 * c + 3] = cn.Imaginary;
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
    /// <remarks>
    /// Four points at a time (<see cref="Intensities4"/>: the same operations as <see cref="Intensity"/> lane by lane, so the
    /// same values to the last bit), in parallel over fixed chunks of points, each point's value written to its own entry:
    /// the result does not depend on the number of threads or on which thread took which chunk. Groups of four with a point
    /// at the centre or too near it for the recurrence (|k_1 r| &lt; 1e-4), and the last n mod 4 points, go one at a time.
    /// No allocation per point.
    /// </remarks>
    public void AbsorbedPowerDensity(double[] positionsXyz, double[] p, double intensityWPerM2, (double X, double Y, double Z) centre,
                                     bool downward, Polarisation polarisation) =>
        AbsorbedPowerDensity(positionsXyz, p, intensityWPerM2, centre, downward, polarisation, Environment.ProcessorCount);

    /// <summary>
    /// <see cref="AbsorbedPowerDensity(double[], double[], double, ValueTuple{double, double, double}, bool, Polarisation)"/> on
    /// at most <paramref name="threads"/> threads; the same values for any number. One per core: with no limit (-1) the pool's
    /// extra workers spent twice the CPU time for the same wall clock on the 2-core machine (bench `timed pump-field`).
    /// </summary>
    internal void AbsorbedPowerDensity(double[] positionsXyz, double[] p, double intensityWPerM2, (double X, double Y, double Z) centre,
                                       bool downward, Polarisation polarisation, int threads)
    {
        if (!downward) throw new ArgumentException("the substrate is below: the pump comes from above (downward)", nameof(downward));
        int n = p.Length;
        if (positionsXyz.Length != 3 * n) throw new ArgumentException($"expected {3 * n} coordinates for {n} values");
        double factor = PowerDensityFactor(intensityWPerM2), a = _te.Problem.RadiusM, a2 = a * a;
        const int chunk = 1024, lanes = SphericalBessel.Lanes; // a chunk is a whole number of groups of four
        Parallel.For(0, (n + chunk - 1) / chunk, new ParallelOptions { MaxDegreeOfParallelism = threads }, ci =>
        {
            int lo = ci * chunk, hi = Math.Min(n, lo + chunk), L = _te.Lmax;
            Span<V> work = stackalloc V[3 * L + 5]; // j_l (re, im), l = 0..L+1, and pi_l, l = 0..L
            Span<double> x = stackalloc double[lanes], y = stackalloc double[lanes], z = stackalloc double[lanes];
            int i = lo;
            for (; i + lanes <= hi; i += lanes)
            {
                bool regular = true;
                for (int k = 0; k < lanes; k++)
                {
                    x[k] = positionsXyz[3 * (i + k)] - centre.X; y[k] = positionsXyz[3 * (i + k) + 1] - centre.Y;
                    z[k] = positionsXyz[3 * (i + k) + 2] - centre.Z;
                    regular &= x[k] * x[k] + y[k] * y[k] + z[k] * z[k] > 0;
                }
                V ix = V.Zero, iy = V.Zero;
                bool vector = regular && Intensities4(Vector256.Create<double>(x), Vector256.Create<double>(y),
                                                      Vector256.Create<double>(z), work, out ix, out iy);
                for (int k = 0; k < lanes; k++)
                {
                    double intensity = !vector ? Intensity(x[k], y[k], z[k], polarisation) : polarisation switch
                    {
                        Polarisation.X => ix[k], Polarisation.Y => iy[k], _ => 0.5 * (ix[k] + iy[k]),
                    };
                    p[i + k] = x[k] * x[k] + y[k] * y[k] + z[k] * z[k] > a2 ? 0 : factor * intensity;
                }
            }
            for (; i < hi; i++)
            {
                double px = positionsXyz[3 * i] - centre.X, py = positionsXyz[3 * i + 1] - centre.Y,
                       pz = positionsXyz[3 * i + 2] - centre.Z;
                p[i] = px * px + py * py + pz * pz > a2 ? 0 : factor * Intensity(px, py, pz, polarisation);
            }
        });
    }

    /// <summary>
    /// <see cref="Intensities"/> at four points (lanes) at once, none at the centre, with the same operations in the same
    /// order lane by lane (the complex products of <see cref="Complex"/> written out as it computes them); false when a point
    /// is too near the centre for <see cref="SphericalBessel.J4"/>. <paramref name="work"/>: 3 L + 5 vectors.
    /// </summary>
    bool Intensities4(V x, V y, V z, Span<V> work, out V ix, out V iy)
    {
        int L = _te.Lmax;
        Span<V> jr = work[..(L + 2)], ji = work[(L + 2)..(2 * L + 4)], pi = work[(2 * L + 4)..(3 * L + 5)];
        V r = Vector256.Sqrt(x * x + y * y + z * z), rho = Vector256.Sqrt(x * x + y * y);
        V ct = z / r, st = rho / r;
        V round = Vector256.GreaterThan(rho, V.Zero); // e^{i phi} = 1 on the axis
        V eR = Vector256.ConditionalSelect(round, x / rho, V.One), eI = Vector256.ConditionalSelect(round, y / rho, V.Zero);
        V krR = Vector256.Create(_k1.Real) * r, krI = Vector256.Create(_k1.Imaginary) * r;
        ix = iy = V.Zero;
        if (!SphericalBessel.J4(krR, krI, jr, ji)) return false;
        pi[1] = Vector256.Create(_pi11); if (L >= 2) pi[2] = ct * Vector256.Create(_first) * pi[1];
        for (int l = 3; l <= L; l++) pi[l] = Vector256.Create(_ra[l]) * (ct * pi[l - 1] - Vector256.Create(_rb[l]) * pi[l - 2]);
        V prR = V.Zero, prI = V.Zero, ptR = V.Zero, ptI = V.Zero, ppR = V.Zero, ppI = V.Zero;
        V mrR = V.Zero, mrI = V.Zero, mtR = V.Zero, mtI = V.Zero, mpR = V.Zero, mpI = V.Zero;
        V d = krR * krR + krI * krI, ikR = krR / d, ikI = -krI / d; // 1 / kr
        var c = _coefficients;
        for (int l = 1; l <= L; l++)
        {
            V p = pi[l], t = Vector256.Create((double)l) * ct * p - Vector256.Create(_tc[l]) * (l >= 2 ? pi[l - 1] : V.Zero), q = p * st;
            V nl = Vector256.Create(_norm[l]), sr = Vector256.Create(_sq[l]) * q * Vector256.Create(InvSqrt2Pi);
            V zR = jr[l], zI = ji[l];
            V oR = zR * ikR - zI * ikI, oI = zR * ikI + zI * ikR;
            V dR = jr[l - 1] - Vector256.Create((double)l) * oR, dI = ji[l - 1] - Vector256.Create((double)l) * oI;
            int b = 8 * l;
            V cMr0 = Vector256.Create(c[b]), cMi0 = Vector256.Create(c[b + 1]);     // cM of m = +1
            V cNr0 = Vector256.Create(c[b + 2]), cNi0 = Vector256.Create(c[b + 3]); // cN of m = +1
            V cMr1 = Vector256.Create(c[b + 4]), cMi1 = Vector256.Create(c[b + 5]); // m = -1
            V cNr1 = Vector256.Create(c[b + 6]), cNi1 = Vector256.Create(c[b + 7]);
            V aPR = cMr0 * zR - cMi0 * zI, aPI = cMr0 * zI + cMi0 * zR;
            V bPR = cNr0 * dR - cNi0 * dI, bPI = cNr0 * dI + cNi0 * dR;
            V aMR = cMr1 * zR - cMi1 * zI, aMI = cMr1 * zI + cMi1 * zR;
            V bMR = cNr1 * dR - cNi1 * dI, bMI = cNr1 * dI + cNi1 * dR;
            V uPR = cNr0 * oR - cNi0 * oI, uPI = cNr0 * oI + cNi0 * oR;
            V uMR = cNr1 * oR - cNi1 * oI, uMI = cNr1 * oI + cNi1 * oR;
            ptR += nl * (-p * aPR - t * bPI); ptI += nl * (-p * aPI + t * bPR);
            ppR += nl * (t * aPI - p * bPR); ppI += nl * (-t * aPR - p * bPI);
            prR -= uPI * sr; prI += uPR * sr;
            mtR += nl * (-p * aMR + t * bMI); mtI += nl * (-p * aMI - t * bMR);
            mpR += nl * (-t * aMI - p * bMR); mpI += nl * (t * aMR - p * bMI);
            mrR += uMI * sr; mrI -= uMR * sr;
        }
        // e^{i phi} F_+ and e^{-i phi} F_- as Complex multiplies them: (a + ib)(c + id) = (ac - bd) + i(bc + ad)
        V fR = -eI; // Im e^{-i phi}
        V aR = eR * prR - eI * prI, aI = eI * prR + eR * prI, bR = eR * mrR - fR * mrI, bI = fR * mrR + eR * mrI;
        V cR = eR * ptR - eI * ptI, cI = eI * ptR + eR * ptI, gR = eR * mtR - fR * mtI, gI = fR * mtR + eR * mtI;
        V hR = eR * ppR - eI * ppI, hI = eI * ppR + eR * ppI, kR = eR * mpR - fR * mpI, kI = fR * mpR + eR * mpI;
        // y: the sums; x: i times the differences, whose |.|^2 is that of the difference (im^2 + re^2, exactly)
        iy = Norm(aR + bR, aI + bI) + Norm(cR + gR, cI + gI) + Norm(hR + kR, hI + kI);
        ix = Norm2(aR - bR, aI - bI) + Norm2(cR - gR, cI - gI) + Norm2(hR - kR, hI - kI);
        return true;
    }

    static V Norm(V re, V im) => re * re + im * im;
    static V Norm2(V re, V im) => im * im + re * re; // |i (re + i im)|^2 as Norm computes it: (-im)^2 + re^2
}
