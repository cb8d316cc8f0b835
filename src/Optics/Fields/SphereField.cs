using System.Numerics;
using MieCool.Core;

namespace MieCool.Optics.Fields;

/// <summary>A complex Cartesian field vector (phasor, exp(-i w t)).</summary>
public readonly record struct FieldVector(Complex X, Complex Y, Complex Z)
{
    /// <summary>
    /// The squared length |X|^2 + |Y|^2 + |Z|^2, e.g. |E|^2 in units of E0^2; the time average of E^2 is half of it.
    /// </summary>
    public double Norm2 => X.Real * X.Real + X.Imaginary * X.Imaginary + Y.Real * Y.Real + Y.Imaginary * Y.Imaginary
                           + Z.Real * Z.Real + Z.Imaginary * Z.Imaginary;
    /// <summary>The component-wise sum: the superposition of two fields at the same point.</summary>
    public static FieldVector operator +(FieldVector a, FieldVector b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);
}

/// <summary>Polarisation of the incident plane wave (propagating along +z).</summary>
public enum Polarisation
{
    /// <summary>Incident E along x: the frame in which the fields are expanded.</summary>
    X,
    /// <summary>Incident E along y: the x solution turned by 90 degrees about z.</summary>
    Y,
    /// <summary>The mean of the x and y results: unpolarised light (intensities and absorbed power only).</summary>
    Average,
}

/// <summary>
/// The electric and magnetic fields of a homogeneous sphere (centre at the origin) illuminated by a plane wave
/// travelling along +z, x-polarised, with unit amplitude E0 = 1 in the host: E_inc = x e^{ikz}. Inside,
/// E_1 = sum_n E_n (c_n M_o1n^(1) - i d_n N_e1n^(1)) and H_1 = -(k_1/(w mu)) sum_n E_n (d_n M_e1n^(1) + i c_n N_o1n^(1));
/// outside, the scattered E_s = sum_n E_n (i a_n N_e1n^(3) - b_n M_o1n^(3)), H_s = (k/(w mu)) sum_n E_n (i b_n N_o1n^(3)
/// + a_n M_e1n^(3)), with E_n = i^n E0 (2n+1)/(n(n+1)) (Bohren &amp; Huffman 1983, Eqs. 4.40-4.46, the vector
/// spherical harmonics of Eq. 4.50 and pi_n, tau_n of Eq. 4.47). E is in units of E0, H in units of
/// n_host E0 / Z0 (so the incident H is y e^{ikz}). Non-magnetic media (mu = mu0).
/// Thread-safe; evaluation allocates nothing.
/// </summary>
public sealed class SphereField : IPumpField
{
    readonly SphereCoefficients _c;
    readonly Complex[] _En; // E_n / E0 = i^n (2n+1)/(n(n+1)), index n - 1
    // alpha_n (M) and beta_n (N) coefficients of the four expansions, precomputed (see Sum)
    readonly Complex[] _inEa, _inEb, _inHa, _inHb, _scEa, _scEb, _scHa, _scHb;
    /// <summary>Sphere radius, m.</summary>
    public double Radius { get; }
    /// <summary>Vacuum wavelength, m.</summary>
    public double VacuumWavelength { get; }
    /// <summary>Real refractive index of the host.</summary>
    public double HostIndex { get; }
    /// <summary>Wavenumber in the host, 1/m.</summary>
    public double K { get; }
    /// <summary>The Mie coefficients the fields are summed from (x and m relative to the host).</summary>
    public SphereCoefficients Coefficients => _c;
    /// <inheritdoc/>
    public int MultipoleOrders => _c.NMax;

    /// <summary>The fields of the sphere described by <paramref name="coefficients"/>, placed in physical units.</summary>
    /// <param name="coefficients">Mie coefficients of a homogeneous sphere; their x must match the next three arguments.</param>
    /// <param name="radius">Sphere radius, m.</param>
    /// <param name="vacuumWavelength">Vacuum wavelength of the incident wave, m.</param>
    /// <param name="hostIndex">Real refractive index of the host.</param>
    public SphereField(SphereCoefficients coefficients, double radius, double vacuumWavelength, double hostIndex)
    {
        if (!(radius > 0) || !(vacuumWavelength > 0) || !(hostIndex > 0))
            throw new ArgumentOutOfRangeException(nameof(radius), "radius, wavelength and host index must be positive");
        _c = coefficients; Radius = radius; VacuumWavelength = vacuumWavelength; HostIndex = hostIndex;
        K = 2 * Math.PI * hostIndex / vacuumWavelength;
        double x = Convention.SizeParameter(radius, vacuumWavelength, hostIndex);
        if (Math.Abs(x - coefficients.X) > 1e-9 * x)
            throw new ArgumentException($"coefficients are for x = {coefficients.X}, but radius and wavelength give x = {x}");
        _En = new Complex[coefficients.NMax];
        Complex ipow = Complex.One;
        for (int n = 1; n <= _En.Length; n++) { ipow *= Complex.ImaginaryOne; _En[n - 1] = ipow * (2.0 * n + 1) / (n * (n + 1.0)); }
        Complex i = Complex.ImaginaryOne, m = coefficients.M;
        Complex[] Make(Complex[] src, Complex factor)
        {
            var v = new Complex[_En.Length];
            for (int k = 0; k < v.Length; k++) v[k] = factor * _En[k] * src[k];
            return v;
        }
        var c = coefficients;
        _inEa = Make(c.C, 1); _inEb = Make(c.D, -i);        // E_1 = sum E_n (c_n M_o1n - i d_n N_e1n)
        _inHa = Make(c.D, -m); _inHb = Make(c.C, -i * m);   // H_1 = -m sum E_n (d_n M_e1n + i c_n N_o1n)
        _scEa = Make(c.B, -1); _scEb = Make(c.A, i);        // E_s = sum E_n (i a_n N_e1n - b_n M_o1n)
        _scHa = Make(c.A, 1); _scHb = Make(c.B, i);         // H_s = sum E_n (a_n M_e1n + i b_n N_o1n)
    }

    /// <summary>
    /// The field of a sphere of absolute index <paramref name="sphereIndex"/> (n + ik) and radius (m) in a host of real
    /// index <paramref name="hostIndex"/> at a vacuum wavelength (m): solves the Mie coefficients (Wiscombe's number of
    /// terms plus <paramref name="extraTerms"/>, which makes pointwise fields near the surface accurate to ~1e-8).
    /// </summary>
    public static SphereField Create(double radiusM, double vacuumWavelengthM, Complex sphereIndex, double hostIndex,
                                     int extraTerms = ExtraTerms)
    {
        double x = Convention.SizeParameter(radiusM, vacuumWavelengthM, hostIndex);
        var coefficients = SphereCoefficients.Sphere(x, sphereIndex / hostIndex,
                                                     MieCool.Optics.Mie.MieSolver.TermCount(x) + extraTerms);
        return new SphereField(coefficients, radiusM, vacuumWavelengthM, hostIndex);
    }

    /// <summary>Mie terms beyond Wiscombe's count that make pointwise fields near the surface accurate to ~1e-8.</summary>
    public const int ExtraTerms = 4;

    /// <summary>E(r) / E0 for x polarisation at the Cartesian point (m); inside for r &lt;= a.</summary>
    public FieldVector E(double x, double y, double z) => Evaluate(x, y, z, magnetic: false);

    /// <summary>H(r) in units of n_host E0 / Z0 for x polarisation.</summary>
    public FieldVector H(double x, double y, double z) => Evaluate(x, y, z, magnetic: true);

    /// <summary>|E(r)|^2 / E0^2 for the given polarisation (Average: the mean of x and y polarisation).</summary>
    public double Intensity(double x, double y, double z, Polarisation polarisation = Polarisation.Average)
    {
        double r = Math.Sqrt(x * x + y * y + z * z);
        double rho = Math.Sqrt(x * x + y * y);
        double cosT = r > 0 ? z / r : 1, sinT = r > 0 ? rho / r : 0;
        double cosP = rho > 0 ? x / rho : 1, sinP = rho > 0 ? y / rho : 0;
        Span<Complex> work = stackalloc Complex[WorkLength];
        Span<double> ang = stackalloc double[2 * (_c.NMax + 1)];
        var (ar, at, ap) = r <= Radius ? InternalAmplitudes(r, cosT, sinT, false, work, ang)
                                       : ExternalScatteredAmplitudes(r, cosT, sinT, false, work, ang);
        if (r > Radius)
        {
            // add the incident x e^{ikz} in spherical components, written in the same cos/sin(phi) factorisation
            Complex inc = Complex.Exp(new Complex(0, K * z));
            ar += inc * sinT; at += inc * cosT; ap += inc; // x = sinT cosP r + cosT cosP theta - sinP phi
        }
        double rt = ar.Real * ar.Real + ar.Imaginary * ar.Imaginary + at.Real * at.Real + at.Imaginary * at.Imaginary;
        double pp = ap.Real * ap.Real + ap.Imaginary * ap.Imaginary;
        return polarisation switch
        {
            Polarisation.X => cosP * cosP * rt + sinP * sinP * pp,
            Polarisation.Y => sinP * sinP * rt + cosP * cosP * pp,
            _ => 0.5 * (rt + pp),
        };
    }

    /// <summary>
    /// Absorbed power density inside the sphere, W/m^3: p = 1/2 w eps0 Im(eps_1) |E|^2 with eps_1 = (m n_host)^2
    /// (Jackson 1999, Eq. 6.127 time average of J.E), for an incident intensity I (W/m^2) with E0^2 = 2 I /(c eps0 n_host).
    /// Zero outside (the host does not absorb).
    /// </summary>
    public double AbsorbedPowerDensity(double x, double y, double z, double intensityWPerM2,
                                       Polarisation polarisation = Polarisation.Average)
    {
        if (x * x + y * y + z * z > Radius * Radius) return 0;
        return PowerDensityFactor(intensityWPerM2) * Intensity(x, y, z, polarisation);
    }

    /// <summary>p / (|E|^2/E0^2) = 1/2 w eps0 Im(eps_1) E0^2 = w Im(eps_1) I / (c n_host), W/m^3.</summary>
    public double PowerDensityFactor(double intensityWPerM2) =>
        DensityFactor(VacuumWavelength, _c.M * HostIndex, HostIndex, intensityWPerM2);

    /// <summary>
    /// p / (|E|^2/E0^2) = 1/2 w eps0 Im(eps_1) E0^2 = w Im(eps_1) I / (c n_inc), W/m^3, for a particle of index
    /// <paramref name="particleIndex"/> lit with intensity I (W/m^2) by a wave of unit amplitude E0 in a medium of real index
    /// <paramref name="incidentIndex"/> (E0^2 = 2 I / (c eps0 n_inc)); Jackson 1999, Eq. 6.127.
    /// </summary>
    public static double DensityFactor(double vacuumWavelengthM, Complex particleIndex, double incidentIndex, double intensityWPerM2)
    {
        double omega = 2 * Math.PI * PhysicalConstants.SpeedOfLight / vacuumWavelengthM;
        return omega * (particleIndex * particleIndex).Imaginary * intensityWPerM2 / (PhysicalConstants.SpeedOfLight * incidentIndex);
    }

    /// <summary>
    /// The absorbed power density (W/m^3) at many points, in parallel over cores, without allocating per point:
    /// p[i] at (x[i], y[i], z[i]); points outside the sphere get 0. This is what the FEM calls for its quadrature points.
    /// </summary>
    public void AbsorbedPowerDensity(double[] x, double[] y, double[] z, double[] p, double intensityWPerM2,
                                     Polarisation polarisation = Polarisation.Average)
    {
        int n = p.Length;
        if (x.Length != n || y.Length != n || z.Length != n) throw new ArgumentException("x, y, z and p differ in length");
        double factor = PowerDensityFactor(intensityWPerM2);
        double a2 = Radius * Radius;
        const int chunk = 4096;
        int chunks = (n + chunk - 1) / chunk;
        Parallel.For(0, chunks, ci =>
        {
            int lo = ci * chunk, hi = Math.Min(n, lo + chunk);
            for (int i = lo; i < hi; i++)
                p[i] = x[i] * x[i] + y[i] * y[i] + z[i] * z[i] > a2 ? 0 : factor * Intensity(x[i], y[i], z[i], polarisation);
        });
    }

    /// <summary>
    /// The absorbed power density (W/m^3) at interleaved points <paramref name="positionsXyz"/> = [x0, y0, z0, x1, ...]
    /// (m, e.g. the FEM's SourcePoints.Positions) of a sphere centred at <paramref name="centre"/>; points outside get 0.
    /// <paramref name="downward"/>: the pump travels along -z (from the air above a substrate at z = 0 into it); by the
    /// mirror symmetry z -> -z of the sphere, |E(x, y, z)|^2 is then the +z solution at (x, y, -z) about the centre.
    /// Multiply by -eta_c for the net heat density under the uniform-efficiency assumption of the cooling model.
    /// Parallel, no allocation per point.
    /// </summary>
    public void AbsorbedPowerDensity(double[] positionsXyz, double[] p, double intensityWPerM2, (double X, double Y, double Z) centre,
                                     bool downward, Polarisation polarisation)
    {
        int n = p.Length;
        if (positionsXyz.Length != 3 * n) throw new ArgumentException($"expected {3 * n} coordinates for {n} values");
        double factor = PowerDensityFactor(intensityWPerM2), a2 = Radius * Radius, sz = downward ? -1 : 1;
        const int chunk = 4096;
        Parallel.For(0, (n + chunk - 1) / chunk, ci =>
        {
            int lo = ci * chunk, hi = Math.Min(n, lo + chunk);
            for (int i = lo; i < hi; i++)
            {
                double x = positionsXyz[3 * i] - centre.X, y = positionsXyz[3 * i + 1] - centre.Y,
                       z = sz * (positionsXyz[3 * i + 2] - centre.Z);
                p[i] = x * x + y * y + z * z > a2 ? 0 : factor * Intensity(x, y, z, polarisation);
            }
        });
    }

    int WorkLength => 2 * (_c.NMax + 2);

    FieldVector Evaluate(double x, double y, double z, bool magnetic)
    {
        double r = Math.Sqrt(x * x + y * y + z * z);
        double rho = Math.Sqrt(x * x + y * y);
        double cosT = r > 0 ? z / r : 1, sinT = r > 0 ? rho / r : 0;
        double cosP = rho > 0 ? x / rho : 1, sinP = rho > 0 ? y / rho : 0;
        Span<Complex> work = stackalloc Complex[WorkLength];
        Span<double> ang = stackalloc double[2 * (_c.NMax + 1)];
        bool inside = r <= Radius;
        var (ar, at, ap) = inside ? InternalAmplitudes(r, cosT, sinT, magnetic, work, ang)
                                  : ExternalScatteredAmplitudes(r, cosT, sinT, magnetic, work, ang);
        // E: (E_r, E_theta, E_phi) = (cosP ar, cosP at, -sinP ap); H: (sinP ar, sinP at, cosP ap)
        Complex er, et, ep;
        if (!magnetic) { er = cosP * ar; et = cosP * at; ep = -sinP * ap; }
        else { er = sinP * ar; et = sinP * at; ep = cosP * ap; }
        var v = ToCartesian(er, et, ep, cosT, sinT, cosP, sinP);
        if (!inside)
        {
            Complex inc = Complex.Exp(new Complex(0, K * z));
            v = magnetic ? v + new FieldVector(0, inc, 0) : v + new FieldVector(inc, 0, 0);
        }
        return v;
    }

    static FieldVector ToCartesian(Complex er, Complex et, Complex ep, double cosT, double sinT, double cosP, double sinP) =>
        new(er * sinT * cosP + et * cosT * cosP - ep * sinP,
            er * sinT * sinP + et * cosT * sinP + ep * cosP,
            er * cosT - et * sinT);

    /// <summary>pi_n and tau_n (B&amp;H Eq. 4.47) for n = 1..N into ang[n] and ang[N + 1 + n].</summary>
    static void Angular(double mu, int N, Span<double> ang)
    {
        Span<double> pi = ang[..(N + 1)], tau = ang[(N + 1)..];
        pi[0] = 0; tau[0] = 0;
        if (N >= 1) { pi[1] = 1; tau[1] = mu; }
        for (int n = 2; n <= N; n++)
        {
            pi[n] = ((2 * n - 1) * mu * pi[n - 1] - n * pi[n - 2]) / (n - 1);
            tau[n] = n * mu * pi[n] - (n + 1) * pi[n - 1];
        }
    }

    /// <summary>
    /// phi-free amplitudes inside: E = (cosP A_r, cosP A_theta, -sinP A_phi), H = (sinP A_r, sinP A_theta, cosP A_phi).
    /// Radial functions z_n = j_n(m k r); (rho z_n)'/rho = j_{n-1} - n j_n / rho.
    /// </summary>
    (Complex, Complex, Complex) InternalAmplitudes(double r, double cosT, double sinT, bool magnetic,
                                                   Span<Complex> work, Span<double> ang)
    {
        int N = _c.NMax;
        r = Math.Max(r, 1e-9 * Radius); // the series limits j_n/rho, (rho j_n)'/rho are finite at the centre
        Complex rho = _c.M * K * r;
        Span<Complex> j = work[..(N + 1)];
        SphericalBessel.J(rho, j);
        Angular(cosT, N, ang);
        Complex invRho = 1 / rho;
        return magnetic ? Sum(N, sinT, ang, j, invRho, _inHa, _inHb, electric: false)
                        : Sum(N, sinT, ang, j, invRho, _inEa, _inEb, electric: true);
    }

    (Complex, Complex, Complex) ExternalScatteredAmplitudes(double r, double cosT, double sinT, bool magnetic,
                                                            Span<Complex> work, Span<double> ang)
    {
        int N = _c.NMax;
        double kr = K * r;
        Span<Complex> h = work[..(N + 1)];
        SphericalBessel.H1(kr, h);
        Angular(cosT, N, ang);
        Complex invRho = 1 / kr;
        return magnetic ? Sum(N, sinT, ang, h, invRho, _scHa, _scHb, electric: false)
                        : Sum(N, sinT, ang, h, invRho, _scEa, _scEb, electric: true);
    }

    /// <summary>
    /// Sums alpha_n M + beta_n N over n with radial function z_n. Electric (M_o1n, N_e1n):
    /// A_r = sum beta n(n+1) sinT pi z/rho, A_theta = sum (alpha pi z + beta tau dz), A_phi = sum (alpha tau z + beta pi dz).
    /// Magnetic (M_e1n, N_o1n): A_r = same, A_theta = sum (-alpha pi z + beta tau dz), A_phi = sum (-alpha tau z + beta pi dz).
    /// </summary>
    static (Complex, Complex, Complex) Sum(int N, double sinT, Span<double> ang, Span<Complex> z, Complex invRho,
                                           Complex[] alphas, Complex[] betas, bool electric)
    {
        Complex ar = 0, at = 0, ap = 0;
        double s = electric ? 1 : -1;
        for (int n = 1; n <= N; n++)
        {
            double pi = ang[n], tau = ang[N + 1 + n];
            Complex zn = z[n], zOverRho = zn * invRho;
            Complex dz = z[n - 1] - n * zOverRho; // (rho z_n)'/rho
            Complex alpha = alphas[n - 1], beta = betas[n - 1];
            ar += beta * (n * (n + 1.0) * sinT * pi) * zOverRho;
            at += s * alpha * pi * zn + beta * tau * dz;
            ap += s * alpha * tau * zn + beta * pi * dz;
        }
        return (ar, at, ap);
    }
}
