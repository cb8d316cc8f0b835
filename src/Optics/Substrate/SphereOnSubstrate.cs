using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MieCool.Core;
using MieCool.Core.Numerics;
using MieCool.Optics.Emitters;
using MieCool.Optics.Fields;
using MieCool.Optics.Mie;

namespace MieCool.Optics.Substrate;

/// <summary>The side of the interface the incident plane wave comes from.</summary>
public enum IncidenceSide
{
    /// <summary>From the host (above), propagating downwards onto the particle and the substrate.</summary>
    Host,
    /// <summary>From inside the substrate (below), propagating upwards; beyond the critical angle the host sees an evanescent
    /// wave.</summary>
    Substrate,
}

/// <summary>Polarisation of a plane wave relative to its plane of incidence.</summary>
public enum PlanePolarisation
{
    /// <summary>E perpendicular to the plane of incidence (s).</summary>
    TE,
    /// <summary>E in the plane of incidence (p).</summary>
    TM,
}

/// <summary>The incident plane wave: its angle from the interface normal, polarisation and side (plane of incidence xz).</summary>
/// <param name="AngleRad">Angle between the propagation direction and the normal, in the medium the wave comes from, [0, pi/2).</param>
/// <param name="Polarisation">TE or TM.</param>
/// <param name="From">Host (above) or substrate (below).</param>
public sealed record Illumination(double AngleRad, PlanePolarisation Polarisation, IncidenceSide From)
{
    /// <summary>Normal incidence from the host (the pump of the coupled model), TE (any polarisation is equivalent).</summary>
    public static Illumination NormalFromHost { get; } = new(0, PlanePolarisation.TE, IncidenceSide.Host);
}

/// <summary>A homogeneous sphere above (or touching) a planar substrate.</summary>
/// <param name="RadiusM">Sphere radius a, m.</param>
/// <param name="SphereIndex">Complex index of the sphere, n + ik.</param>
/// <param name="HostIndex">Real index of the host above the substrate.</param>
/// <param name="Substrate">The substrate (and its film).</param>
/// <param name="CentreHeightM">Height h of the sphere's centre above the interface, m, h &gt;= a (h = a: touching).</param>
/// <param name="VacuumWavelengthM">Vacuum wavelength, m.</param>
/// <param name="Illumination">The incident plane wave.</param>
public sealed record SphereOnSubstrateProblem(double RadiusM, Complex SphereIndex, double HostIndex, PlanarSubstrate Substrate,
                                              double CentreHeightM, double VacuumWavelengthM, Illumination Illumination)
{
    /// <summary>
    /// The largest size parameter solved at oblique incidence, where every azimuthal order is coupled (normal incidence
    /// excites m = +-1 only and has no such limit); the emission's limit is <c>CoolingInputs.MaxSubstrateSizeParameter</c>.
    /// </summary>
    public const double MaxObliqueSizeParameter = 50;

    /// <summary>Throws an <see cref="InputException"/> naming the quantity that is out of range.</summary>
    public void Validate(string source)
    {
        static void Positive(string source, string key, double v, string unit)
        {
            if (!(v > 0) || !double.IsFinite(v))
                throw new InputException(source, $"{key} must be positive and finite", key, Units.Invariant(v) + unit, "> 0");
        }
        Positive(source, "radius", RadiusM, " m");
        Positive(source, "wavelength", VacuumWavelengthM, " m");
        Positive(source, "host", HostIndex, "");
        if (!(SphereIndex.Real > 0) || !(SphereIndex.Imaginary >= 0) || !double.IsFinite(SphereIndex.Real)
            || !double.IsFinite(SphereIndex.Imaginary))
            throw new InputException(source, "the sphere index must have n > 0 and k >= 0", "index", IndexParser.Format(SphereIndex),
                                     "n + ik with n > 0, k >= 0");
        Substrate.Validate(source);
        if (!(CentreHeightM >= RadiusM * (1 - 1e-12)) || !double.IsFinite(CentreHeightM))
            throw new InputException(source, "the sphere's centre must be at least one radius above the interface (touching or above)",
                                     "centre-height", Units.Invariant(CentreHeightM * 1e9) + " nm",
                                     FormattableString.Invariant($">= the radius, {RadiusM * 1e9:G6} nm"));
        if (!(Illumination.AngleRad >= 0 && Illumination.AngleRad < Math.PI / 2))
            throw new InputException(source, "the incidence angle must lie in [0, 90) degrees", "incidence",
                                     Units.Invariant(Illumination.AngleRad * 180 / Math.PI) + " deg", "0 <= angle < 90 deg");
        // oblique incidence couples every azimuthal order: the work grows as x^4 (a few minutes at x = 50)
        double x = 2 * Math.PI * HostIndex * RadiusM / VacuumWavelengthM;
        if (Illumination.AngleRad != 0 && x > MaxObliqueSizeParameter)
            throw new InputException(source, FormattableString.Invariant(
                $"at oblique incidence the sphere is too large for the T-matrix with the interface (size parameter {x:G3}, ") +
                "every azimuthal order coupled: the work grows as x^4)", "radius", Units.Invariant(RadiusM * 1e9) + " nm",
                FormattableString.Invariant($"x = 2 pi n_host a / lambda <= {MaxObliqueSizeParameter}, or normal incidence"));
        if (Illumination.From == IncidenceSide.Substrate && Substrate.Absorbs)
            throw new InputException(source, "a plane wave from inside an absorbing substrate is not defined", "from", "substrate",
                                     "from = host for an absorbing substrate or film");
    }
}

/// <summary>Convergence controls of the T-matrix solution with the substrate.</summary>
/// <param name="Lmax">Multipole order; null: Wiscombe's count for the sphere plus <paramref name="ExtraOrders"/>.</param>
/// <param name="ExtraOrders">Orders beyond Wiscombe's count (the interaction with the interface needs more than the free
/// sphere; 6 gives 1e-4 relative on Qabs touching, see docs/substrate.md).</param>
/// <param name="Tolerance">Relative tolerance of the Sommerfeld and far-field integrals.</param>
/// <param name="Deflection">Depth of the contour's excursion below the real kappa axis, in units of the host wavenumber.</param>
public sealed record SubstrateSettings(int? Lmax = null, int ExtraOrders = 6, double Tolerance = 1e-10, double Deflection = 0.1)
{
    /// <summary>The default settings.</summary>
    public static SubstrateSettings Default { get; } = new();

    /// <summary>
    /// Whether <see cref="SphereOnSubstrate.Solve"/> computes the scattered powers (the far-field integrals of
    /// <see cref="SubstrateScattering.QscaHost"/> and <see cref="SubstrateScattering.QscaSubstrate"/>, and
    /// <see cref="SubstrateScattering.Qext"/>); false leaves them NaN, for a caller that needs only the absorption, its
    /// multipoles and the coefficients (the coupled model's pump). Default true.
    /// </summary>
    public bool ScatteredPowers { get; init; } = true;
}

/// <summary>The absorption of one multipole of the sphere on the substrate.</summary>
/// <param name="Order">l = 1 dipole, 2 quadrupole, ...</param>
/// <param name="Type">Electric (TM, a_n) or magnetic (TE, b_n).</param>
/// <param name="Label">ED, MD, EQ, ...</param>
/// <param name="Qabs">Its absorption efficiency (sum over m).</param>
public sealed record SubstrateMultipole(int Order, MultipoleType Type, string Label, double Qabs);

/// <summary>
/// The sphere on its substrate under one plane wave: efficiencies (cross sections over pi a^2; a cross section is a power
/// over the incident irradiance in the medium the wave comes from), the multipole split of the absorption, and the
/// expansion coefficients (about the sphere's centre, lab frame: z up, interface at z = 0) that give the fields.
/// </summary>
/// <param name="Problem">What was solved.</param>
/// <param name="Lmax">Multipole order used.</param>
/// <param name="Qabs">Absorbed by the sphere.</param>
/// <param name="QscaHost">Scattered into the far field of the host.</param>
/// <param name="QscaSubstrate">Scattered into the substrate side (through the plane just above the interface): into the
/// substrate's far field when it is transparent, absorbed by it when it absorbs.</param>
/// <param name="Qext">Extinction, from the layered-media optical theorem (interference of the scattered field with the
/// specular reflected and transmitted initial waves); equals Qabs + QscaHost + QscaSubstrate.</param>
/// <param name="QabsFree">The same sphere's Qabs in the infinite host (plain Mie), for comparison.</param>
/// <param name="Multipoles">Qabs per multipole, largest first.</param>
/// <param name="ExcitingM">Coefficients of the field that excites the sphere (initial plus interface-reflected), magnetic
/// type, flat index <see cref="VectorWaves.Index"/>, in units of the incident amplitude E0.</param>
/// <param name="ExcitingN">The electric-type coefficients of the exciting field.</param>
/// <param name="Scattered">The sphere's scattered coefficients (magnetic, electric).</param>
/// <param name="Internal">The internal field's coefficients (magnetic c_l a^M, electric d_l a^N), regular waves of the sphere.</param>
/// <param name="Integrals">Integrand evaluations of the Sommerfeld and far-field integrals.</param>
public sealed record SubstrateScattering(SphereOnSubstrateProblem Problem, int Lmax, double Qabs, double QscaHost, double QscaSubstrate,
    double Qext, double QabsFree, IReadOnlyList<SubstrateMultipole> Multipoles, Complex[] ExcitingM, Complex[] ExcitingN,
    (Complex[] M, Complex[] N) Scattered, (Complex[] M, Complex[] N) Internal, int Integrals)
{
    /// <summary>Total scattering, host plus substrate side.</summary>
    public double Qsca => QscaHost + QscaSubstrate;

    /// <summary>
    /// What the particle adds to the power that enters the substrate side, over I0 pi a^2: the scattered flux
    /// <see cref="QscaSubstrate"/> plus its interference with the transmitted initial wave (the forward shadow, negative)
    /// through the plane just above the interface. For an absorbing substrate it is the extra power the substrate absorbs
    /// because of the particle (negative where the shadow wins); the transmitted wave's own absorption, the same with or
    /// without the particle, is not in it. By energy conservation Qabs + QabsSubstrate + (the change of the upgoing power)
    /// = 0. NaN without <see cref="SubstrateSettings.ScatteredPowers"/>.
    /// </summary>
    public double QabsSubstrate { get; init; }

    /// <summary>Cabs = Qabs pi a^2, m^2.</summary>
    public double CabsM2 => Qabs * Math.PI * Problem.RadiusM * Problem.RadiusM;

    /// <summary>
    /// The internal electric field at (x, y, z) relative to the sphere's centre, m (lab frame), in units of E0; |E|^2 times
    /// k0 Im(eps) / n_inc is the absorbed-power density over the incident irradiance.
    /// </summary>
    public FieldVector InternalField(double x, double y, double z)
    {
        Complex k1 = Problem.SphereIndex * 2 * Math.PI / Problem.VacuumWavelengthM;
        return VectorWaves.Field(Internal.M, Internal.N, Lmax, k1, true, x, y, z);
    }
}

/// <summary>The radiative rates of emitters filling the sphere on its substrate, relative to the dipole in the infinite host.</summary>
/// <param name="FHostFree">F of the same sphere in the infinite host (<see cref="DipoleInSphere"/>).</param>
/// <param name="FHost">Into the far field of the host.</param>
/// <param name="FSubstrate">Through the plane just above the interface into the substrate side: its far field when it is
/// transparent (light that escapes), absorbed in it when it absorbs (heat in the substrate).</param>
/// <param name="SubstrateAbsorbs">Whether the substrate (or its film) absorbs.</param>
/// <param name="Lmax">Multipole order.</param>
/// <param name="Integrals">Integrand evaluations.</param>
public sealed record SubstrateEmission(double FHostFree, double FHost, double FSubstrate, bool SubstrateAbsorbs, int Lmax, int Integrals)
{
    /// <summary>What leaves the particle: into the host and into the substrate side.</summary>
    public double FLeaving => FHost + FSubstrate;
}

/// <summary>
/// Light scattering and absorption by a sphere on a planar substrate, exact within the T-matrix method for layered media
/// (Egel &amp; Lemmer, JQSRT 138, 117 (2014); Egel et al., JQSRT 273, 107846 (2021), SMUTHI), in the wave functions of
/// <see cref="VectorWaves"/>:
/// <list type="bullet">
/// <item>the sphere's T-matrix is diagonal, t_l = -b_l (magnetic) and -a_l (electric) (Bohren &amp; Huffman Eq. 4.53);</item>
/// <item>the initial field (incident plus specularly reflected plane waves, or the wave transmitted from the substrate) is
/// expanded in regular waves about the centre, a = 4 pi i^l (V^* . e) E0 e^{i k.c};</item>
/// <item>the sphere's outgoing waves, reflected by the substrate, return as regular waves a_R = W b. From the Weyl
/// spectrum of the outgoing waves, reflection r_j(kappa) of each downgoing plane wave and the plane-wave expansion of the
/// upgoing one, with the azimuthal integral giving 2 pi delta_mm':
///   W^m_(tau' l', tau l) = (4 pi i^(l'-l) / k) int_0^inf dkappa (kappa / k_z) e^{2 i k_z h}
///                           sum_(j = TE, TM) r_j V^j_(tau l m)(beta-) V^*j_(tau' l' m)(beta+),
/// sin(beta+-) = kappa / k, cos(beta+-) = +-k_z / k; the integral runs on a contour dipping below the real axis (past the
/// branch points of the host, film and substrate and any guided-mode pole, which lie on or above it for exp(-i w t)), then
/// along the real axis until the evanescent factor e^{2 i k_z h} has damped it;</item>
/// <item>b = T (a + W b) is solved for each azimuthal order m (normal incidence only excites m = +-1).</item>
/// </list>
/// Powers follow from the flux of the field through planes: the absorbed power from the exciting coefficients,
/// P_abs = I0 / k^2 sum |a_tot|^2 (-Re t - |t|^2); the host's far field from the upgoing spectrum; the substrate side from
/// the downward flux just above the interface (the host's downgoing spectrum D and its reflection r D), which for
/// evanescent waves is 2 |k_z| Im(r) |D|^2; the extinction from the cross terms of the scattered with the initial field on
/// the same planes (Parseval), so that Qext = Qabs + QscaHost + QscaSubstrate is a check, not a definition.
/// </summary>
public static class SphereOnSubstrate
{
    static readonly Complex I = Complex.ImaginaryOne;

    /// <summary>The integrals' panel rule: the same error estimate as G10/G20 (the 10-point rule's) at 21 evaluations, not 30.</summary>
    const PanelRule Rule = PanelRule.Kronrod21;

    /// <summary>Solves <paramref name="problem"/> (validated first) with <paramref name="settings"/> (default if null).</summary>
    public static SubstrateScattering Solve(SphereOnSubstrateProblem problem, SubstrateSettings? settings = null)
    {
        problem.Validate("substrate optics");
        settings ??= SubstrateSettings.Default;
        var ctx = new Context(problem, settings);
        return ctx.Run();
    }

    /// <summary>
    /// The radiative rates of dipole emitters filling the sphere on its substrate (volume- and orientation-averaged,
    /// incoherent), relative to the same dipole in the infinite host. The free sphere's emitters radiate outgoing waves
    /// of covariance diag(sigma_(tau l)), uncorrelated between modes (the vector waves are orthogonal over the sphere's
    /// volume) and independent of m, with sum_m sigma_(tau l) / k^2 the order's share of F (<see cref="DipoleInSphere"/>);
    /// on the substrate the sphere re-scatters what the interface reflects back, b = q + T W b, so the covariance is
    /// B_m = M_m Sigma M_m^+, M_m = (I - T W_m)^-1. The power into the host's far field is the quadratic form of B with the
    /// same plane-wave spectra as the scattered power of a plane wave; what leaves the sphere is the outward flux of b and
    /// the returned W b through its surface, (tr B_m + Re sum conj(W_m) B_m) / k^2, and the rest of it crosses the plane
    /// above the interface into the substrate side (the host between is lossless).
    /// </summary>
    /// <param name="radiusM">Sphere radius, m.</param>
    /// <param name="sphereIndex">Complex index of the sphere at the emission wavelength.</param>
    /// <param name="hostIndex">Real host index.</param>
    /// <param name="substrate">The substrate at the emission wavelength.</param>
    /// <param name="centreHeightM">Height of the centre above the interface, m (&gt;= the radius).</param>
    /// <param name="vacuumWavelengthM">Emission vacuum wavelength, m.</param>
    /// <param name="settings">Convergence settings (default if null).</param>
    public static SubstrateEmission Emission(double radiusM, Complex sphereIndex, double hostIndex, PlanarSubstrate substrate,
                                             double centreHeightM, double vacuumWavelengthM, SubstrateSettings? settings = null)
    {
        var problem = new SphereOnSubstrateProblem(radiusM, sphereIndex, hostIndex, substrate, centreHeightM, vacuumWavelengthM,
                                                   Illumination.NormalFromHost);
        problem.Validate("substrate emission");
        return new Context(problem, settings ?? SubstrateSettings.Default, allOrders: true).Emission();
    }

    /// <summary><see cref="Emission"/> with the substrate side integrated over its plane-wave spectrum (a check of the flux).</summary>
    internal static SubstrateEmission EmissionByIntegrals(double radiusM, Complex sphereIndex, double hostIndex,
                                                          PlanarSubstrate substrate, double centreHeightM, double vacuumWavelengthM,
                                                          SubstrateSettings? settings = null)
    {
        var problem = new SphereOnSubstrateProblem(radiusM, sphereIndex, hostIndex, substrate, centreHeightM, vacuumWavelengthM,
                                                   Illumination.NormalFromHost);
        problem.Validate("substrate emission");
        return new Context(problem, settings ?? SubstrateSettings.Default, allOrders: true).Emission(substrateIntegral: true);
    }

    /// <summary>Everything one solve needs, built once.</summary>
    sealed class Context
    {
        readonly SphereOnSubstrateProblem _p;
        readonly SubstrateSettings _s;
        readonly double _k0, _k, _h, _a;
        readonly int _L;
        readonly SphereCoefficients _mie;
        readonly Complex[] _tM, _tN; // t_l, index l
        readonly int[] _orders;       // the azimuthal orders the illumination excites
        readonly Complex[] _iPow, _iPowNeg; // i^l, i^-l
        readonly double[] _norm;            // VectorWaves.Norm(l)
        readonly AngularTable _angular;
        int _evaluations;

        public Context(SphereOnSubstrateProblem p, SubstrateSettings s, bool allOrders = false)
        {
            _p = p; _s = s;
            _k0 = 2 * Math.PI / p.VacuumWavelengthM; _k = p.HostIndex * _k0; _h = p.CentreHeightM; _a = p.RadiusM;
            double x = _k * _a;
            _L = s.Lmax ?? MieSolver.TermCount(x) + s.ExtraOrders;
            _mie = SphereCoefficients.Sphere(x, p.SphereIndex / p.HostIndex, _L);
            _tM = new Complex[_L + 1]; _tN = new Complex[_L + 1];
            for (int l = 1; l <= _L; l++) { _tM[l] = -_mie.B[l - 1]; _tN[l] = -_mie.A[l - 1]; }
            _orders = p.Illumination.AngleRad == 0 && !allOrders ? [-1, 1] : Enumerable.Range(-_L, 2 * _L + 1).ToArray();
            _iPow = new Complex[_L + 1]; _iPowNeg = new Complex[_L + 1]; _norm = new double[_L + 1];
            _angular = new AngularTable(_L);
            for (int l = 1; l <= _L; l++) _norm[l] = VectorWaves.Norm(l);
            for (int l = 0; l <= _L; l++)
            {
                _iPow[l] = (l % 4) switch { 0 => 1, 1 => I, 2 => -1, _ => -I };
                _iPowNeg[l] = Complex.Conjugate(_iPow[l]);
            }
        }

        static int Lmin(int m) => Math.Max(1, Math.Abs(m));
        int Size(int m) => _L - Lmin(m) + 1;

        public SubstrateScattering Run()
        {
            int count = VectorWaves.Count(_L);
            var aM = new Complex[count]; var aN = new Complex[count];
            double incidentIndex = Initial(aM, aN);
            var bM = new Complex[count]; var bN = new Complex[count];
            var totM = new Complex[count]; var totN = new Complex[count];
            var blocks = Couplings(_orders.Where(m => m >= 0).ToArray());
            foreach (int m in _orders)
                Solve(m, m >= 0 ? blocks[m] : Mirror(blocks[-m], Size(m)), aM, aN, bM, bN, totM, totN);

            // absorption, per multipole: P_abs / I0 = 1/k^2 sum |a_tot|^2 (-Re t - |t|^2)
            double area = Math.PI * _a * _a, toIncident = _p.HostIndex / incidentIndex;
            var perM = new double[_L + 1]; var perN = new double[_L + 1];
            for (int l = 1; l <= _L; l++)
                for (int m = -l; m <= l; m++)
                {
                    int i = VectorWaves.Index(l, m);
                    perM[l] += totM[i].Magnitude * totM[i].Magnitude * (-_tM[l].Real - _tM[l].Magnitude * _tM[l].Magnitude);
                    perN[l] += totN[i].Magnitude * totN[i].Magnitude * (-_tN[l].Real - _tN[l].Magnitude * _tN[l].Magnitude);
                }
            double norm = toIncident / (_k * _k * area);
            var multipoles = new List<SubstrateMultipole>(2 * _L);
            double qabs = 0;
            for (int l = 1; l <= _L; l++)
            {
                multipoles.Add(new(l, MultipoleType.Electric, MultipoleNames.Label(l, MultipoleType.Electric), perN[l] * norm));
                multipoles.Add(new(l, MultipoleType.Magnetic, MultipoleNames.Label(l, MultipoleType.Magnetic), perM[l] * norm));
                qabs += (perM[l] + perN[l]) * norm;
            }
            multipoles.Sort((u, v) => v.Qabs.CompareTo(u.Qabs));

            var coherent = Coherent(bM, bN);
            bool powers = _s.ScatteredPowers;
            double host = powers ? HostFarField(coherent) * toIncident / area : double.NaN;
            double below = powers ? SubstrateSide(coherent) * toIncident / area : double.NaN;
            var (extinction, crossBelow) = powers ? Extinction(bM, bN) : (double.NaN, double.NaN);
            double ext = extinction * toIncident / area;

            var cM = new Complex[count]; var cN = new Complex[count];
            for (int l = 1; l <= _L; l++)
                for (int m = -l; m <= l; m++)
                {
                    int i = VectorWaves.Index(l, m);
                    cM[i] = _mie.C[l - 1] * totM[i]; cN[i] = _mie.D[l - 1] * totN[i];
                }
            double qabsFree = MieSolver.Sphere(_k * _a, _p.SphereIndex / _p.HostIndex).Efficiencies.Qabs;
            return new SubstrateScattering(_p, _L, qabs, host, below, ext, qabsFree, multipoles, totM, totN, (bM, bN), (cM, cN),
                                           _evaluations) { QabsSubstrate = below + crossBelow * toIncident / area };
        }

        /// <summary>
        /// The emitters' rates (see <see cref="SphereOnSubstrate.Emission"/>); the substrate side by its own integrals
        /// when <paramref name="substrateIntegral"/> (a check), else as what leaves the sphere less what reaches the host.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public SubstrateEmission Emission(bool substrateIntegral = false)
        {
            var electric = new double[_L]; var magnetic = new double[_L];
            var (free, _, _) = DipoleInSphere.VolumeAverage(_mie.X, _mie.M, _mie.C, _mie.D, electric, magnetic);
            var blocks = Couplings(_orders.Where(m => m >= 0).ToArray());
            var covariance = new Dictionary<int, Complex[]>();
            double leaving = 0;
            foreach (int m in _orders)
            {
                int n = Size(m), size = 2 * n, lmin = Lmin(m);
                var w = m >= 0 ? blocks[m] : Mirror(blocks[-m], n);
                // balanced: (I - T W)^-1 = D A^-1 D^-1, A = I - phase D W D, D = diag(sqrt|t|)
                var d = new double[size]; var phase = new Complex[size]; var sigma = new double[size];
                for (int l = lmin; l <= _L; l++)
                {
                    for (int type = 0; type < 2; type++)
                    {
                        int r = type * n + l - lmin;
                        Complex t = type == 0 ? _tM[l] : _tN[l];
                        d[r] = Math.Max(Math.Sqrt(t.Magnitude), 1e-150);
                        phase[r] = t.Magnitude > 0 ? t / t.Magnitude : Complex.Zero;
                        sigma[r] = _k * _k * (type == 0 ? magnetic[l - 1] : electric[l - 1]) / (2 * l + 1);
                    }
                }
                var a = new Complex[size * size];
                for (int r = 0; r < size; r++)
                    for (int q = 0; q < size; q++) a[r * size + q] = (r == q ? 1 : 0) - phase[r] * d[r] * w[r * size + q] * d[q];
                var inv = Inverse(a, size);
                // M = D inv D^-1; B = M Sigma M^+ = D inv S inv^+ D with S = diag(sigma / d^2); Hermitian, so its upper
                // triangle (all that Incoherent reads)
                var b = new Complex[size * size];
                var row = new Complex[size];
                for (int r = 0; r < size; r++)
                {
                    for (int k = 0; k < size; k++) row[k] = inv[r * size + k] * (sigma[k] / (d[k] * d[k]));
                    for (int q = r; q < size; q++)
                    {
                        Complex sum = 0;
                        for (int k = 0; k < size; k++) sum += row[k] * Complex.Conjugate(inv[q * size + k]);
                        b[r * size + q] = d[r] * sum * d[q];
                    }
                }
                covariance[m] = b;
                // the outward flux through the sphere's surface of the outgoing waves b and the regular waves W b that the
                // interface returns: (|b|^2 + Re(conj(W b) b)) / k^2 summed, as the absorption is the inward flux of a + W b
                // and b; in covariances tr B + Re sum_rq conj(W_rq) B_rq, with B_qr = conj(B_rq)
                double flux = 0;
                for (int r = 0; r < size; r++)
                {
                    flux += b[r * size + r].Real * (1 + w[r * size + r].Real);
                    for (int q = r + 1; q < size; q++)
                    {
                        Complex br = b[r * size + q];
                        flux += (Complex.Conjugate(w[r * size + q]) * br + Complex.Conjugate(w[q * size + r] * br)).Real;
                    }
                }
                leaving += flux / (_k * _k);
            }
            var source = Incoherent(covariance);
            double host = HostFarField(source);
            // what leaves the sphere goes into the host's far field or through the plane above the interface (the host
            // between is lossless): the substrate side is the rest, which saves its integrals (the evanescent ones too)
            double below = substrateIntegral ? SubstrateSide(source) : leaving - host;
            return new SubstrateEmission(free, host, below, _p.Substrate.Absorbs, _L, _evaluations);
        }

        /// <summary>The initial field's regular coefficients; returns the index of the medium the wave comes from.</summary>
        double Initial(Complex[] aM, Complex[] aN)
        {
            var ill = _p.Illumination;
            int j = ill.Polarisation == PlanePolarisation.TE ? 0 : 1;
            double th = ill.AngleRad;
            if (ill.From == IncidenceSide.Host)
            {
                double kappa = _k * Math.Sin(th), kz = _k * Math.Cos(th);
                var (rte, rtm) = _p.Substrate.Reflection(_p.HostIndex, _k0, kappa);
                AddPlaneWave(aM, aN, -Math.Cos(th), Math.Sin(th), j, Complex.Exp(-I * kz * _h));              // incident
                AddPlaneWave(aM, aN, Math.Cos(th), Math.Sin(th), j, (j == 0 ? rte : rtm) * Complex.Exp(I * kz * _h)); // reflected
                return _p.HostIndex;
            }
            double ns = _p.Substrate.Index.Real;
            double kap = ns * _k0 * Math.Sin(th);
            Complex kzh = PlanarSubstrate.Kz(_k, kap);
            var (tte, ttm) = _p.Substrate.TransmissionUp(_p.HostIndex, _k0, kap);
            AddPlaneWave(aM, aN, kzh / _k, kap / _k, j, (j == 0 ? tte : ttm) * Complex.Exp(I * kzh * _h));
            return ns;
        }

        /// <summary>Adds amplitude * e_j e^{i k.(r - c)} (direction cos, sin of beta; azimuth 0) to the regular coefficients.</summary>
        void AddPlaneWave(Complex[] aM, Complex[] aN, Complex cosBeta, Complex sinBeta, int j, Complex amplitude)
        {
            Span<Complex> pi = stackalloc Complex[_L + 1], tau = stackalloc Complex[_L + 1];
            foreach (int m in _orders)
            {
                if (m < 0) continue;
                AngularFunctions.Evaluate(m, _L, cosBeta, sinBeta, pi, tau);
                foreach (int sm in m == 0 ? [0] : (ReadOnlySpan<int>)[m, -m])
                    for (int l = Lmin(sm); l <= _L; l++)
                    {
                        var (p, t) = VectorWaves.OfSignedOrder(sm, pi[l], tau[l]);
                        Complex f = 4 * Math.PI * _iPow[l] * amplitude;
                        var x = VectorWaves.ConjugateComponents(0, l, p, t);
                        var z = VectorWaves.ConjugateComponents(1, l, p, t);
                        aM[VectorWaves.Index(l, sm)] += f * (j == 0 ? x.Te : x.Tm);
                        aN[VectorWaves.Index(l, sm)] += f * (j == 0 ? z.Te : z.Tm);
                    }
            }
        }

        /// <summary>
        /// The columns V^j(beta-) i^-l of block m (m &gt;= 0) at kappa, scaled: e_j[r] = sc[r] V^j_r(beta-) i^-l, as interleaved
        /// (re, im) doubles in <paramref name="e"/> (TE, then TM, each 2 size long) and the same rotated by i, (-im, re), in
        /// <paramref name="rotated"/>; index r = tau * n + (l - lmin). The rows V^*j(beta+) i^l are sigma_r e_j[r] / sc[r]
        /// (<see cref="Sigma"/>). <paramref name="g"/> holds what multiplies tau or pi (<see cref="ColumnFactors"/>).
        /// </summary>
        void Columns(int m, Complex cosBeta, Complex sinBeta, Complex[] g, double[] e, double[] rotated,
                     Span<Complex> pi, Span<Complex> tau)
        {
            int lmin = Lmin(m), n = Size(m), size = 2 * n;
            _angular.Evaluate(m, cosBeta, sinBeta, pi, tau);
            void Put(int j, int r, Complex z)
            {
                int o = 2 * (j * size + r);
                e[o] = z.Real; e[o + 1] = z.Imaginary; rotated[o] = -z.Imaginary; rotated[o + 1] = z.Real;
            }
            for (int l = lmin; l <= _L; l++)
            {
                Complex p = pi[l], t = tau[l];
                int rM = l - lmin, rN = n + l - lmin;
                // X = N_l (-i tau e_TE - pi e_TM), Z = N_l (-i pi e_TE - tau e_TM) (VectorWaves.Components)
                Put(0, rM, t * g[rM]); Put(1, rM, p * g[size + rM]);
                Put(0, rN, p * g[rN]); Put(1, rN, t * g[size + rN]);
            }
        }

        /// <summary>
        /// The factors of tau or pi in the scaled columns of block m (TE entries, then TM): X's TE part -i N_l i^-l tau and TM
        /// part -N_l i^-l pi, Z's -i N_l i^-l pi and -N_l i^-l tau, times the scale sc[r].
        /// </summary>
        Complex[] ColumnFactors(int m, double[] sc)
        {
            int lmin = Lmin(m), n = Size(m), size = 2 * n;
            var g = new Complex[2 * size];
            for (int l = lmin; l <= _L; l++)
            {
                Complex f = _iPowNeg[l] * _norm[l];
                int rM = l - lmin, rN = n + l - lmin;
                g[rM] = -I * f * sc[rM]; g[size + rM] = -f * sc[rM];
                g[rN] = -I * f * sc[rN]; g[size + rN] = -f * sc[rN];
            }
            return g;
        }

        /// <summary>
        /// V^*j(beta+) i^l = sigma_r V^j(beta-) i^-l: by the parity of pi and tau in cos(beta) (<see cref="AngularTable"/>),
        /// the conjugate components' sign of the TE part and i^2l = (-1)^l, sigma = (-1)^m for the magnetic rows and
        /// -(-1)^m for the electric ones, for both polarisations. So W_rq = sigma_r S_rq with S symmetric (reciprocity).
        /// </summary>
        static double Sigma(int m, bool electric) => (((m & 1) == 0) ^ electric) ? 1 : -1;

        /// <summary>
        /// The layer-mediated coupling W of the azimuthal orders <paramref name="orders"/> (each 2n x 2n, row-major), by one
        /// Sommerfeld integral for all of them: the reflection coefficients and the contour are shared. The integrand is the
        /// upper triangle of the symmetric S (W_rq = sigma_r S_rq, <see cref="Sigma"/>), filled in SIMD lanes.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        Dictionary<int, Complex[]> Couplings(int[] orders)
        {
            // block offsets in one vector integrand (packed upper triangles); rows and columns scaled by sqrt|t| so that the
            // tolerance acts on T W
            var offset = new int[orders.Length + 1];
            for (int b = 0; b < orders.Length; b++) offset[b + 1] = offset[b] + Size(orders[b]) * (2 * Size(orders[b]) + 1);
            var scale = new double[orders.Length][];
            for (int b = 0; b < orders.Length; b++)
            {
                int m = orders[b], n = Size(m), lmin = Lmin(m);
                scale[b] = new double[2 * n];
                for (int l = lmin; l <= _L; l++)
                {
                    scale[b][l - lmin] = Math.Sqrt(_tM[l].Magnitude) + 1e-300;
                    scale[b][n + l - lmin] = Math.Sqrt(_tN[l].Magnitude) + 1e-300;
                }
            }
            var factors = new Complex[orders.Length][];
            for (int b = 0; b < orders.Length; b++) factors[b] = ColumnFactors(orders[b], scale[b]);
            int most = 2 * Size(orders.Min(Math.Abs));
            var e = new double[4 * most]; var rotated = new double[4 * most];
            var pi = new Complex[_L + 1]; var tau = new Complex[_L + 1];
            var sub = _p.Substrate;
            double nMax = Math.Max(_p.HostIndex, Math.Max(sub.Index.Real, sub.FilmIndex?.Real ?? 0));
            double kd = (nMax + 0.5) * _k0, delta = _s.Deflection * _k;
            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            void Integrand(Complex kappa, Complex dk, Span<Complex> values)
            {
                Complex kz = PlanarSubstrate.Kz(_k, kappa);
                var (rte, rtm) = sub.Reflection(_p.HostIndex, _k0, kappa);
                Complex c = 4 * Math.PI / _k * kappa / kz * Complex.Exp(2 * I * kz * _h) * dk;
                Complex cte = c * rte, ctm = c * rtm;
                var all = MemoryMarshal.Cast<Complex, double>(values);
                for (int b = 0; b < orders.Length; b++)
                {
                    int m = orders[b], size = 2 * Size(m);
                    Columns(m, -kz / _k, kappa / _k, factors[b], e, rotated, pi, tau);
                    var v = all[(2 * offset[b])..(2 * offset[b + 1])];
                    ReadOnlySpan<double> eTe = e.AsSpan(0, 2 * size), eTm = e.AsSpan(2 * size, 2 * size);
                    ReadOnlySpan<double> rTe = rotated.AsSpan(0, 2 * size), rTm = rotated.AsSpan(2 * size, 2 * size);
                    int o = 0;
                    for (int r = 0; r < size; r++)
                    {
                        // S_rq = A e_TE[q] + B e_TM[q], q >= r: (a + ib)(x + iy) = a (x, y) + b (-y, x)
                        Complex A = cte * new Complex(eTe[2 * r], eTe[2 * r + 1]), B = ctm * new Complex(eTm[2 * r], eTm[2 * r + 1]);
                        int len = 2 * (size - r);
                        Fill(A, B, eTe[(2 * r)..], rTe[(2 * r)..], eTm[(2 * r)..], rTm[(2 * r)..], v.Slice(o, len));
                        o += len;
                    }
                }
            }
            var w = new Complex[offset[^1]];
            var report = AdaptiveQuadrature.Integrate((t, v) =>
            {
                double arg = Math.PI * t / kd;
                Complex kappa = new(t, -delta * Math.Sin(arg));
                Integrand(kappa, new Complex(1, -delta * Math.PI / kd * Math.Cos(arg)), v);
            }, 0, kd, w, _s.Tolerance, rule: Rule);
            _evaluations += report.Evaluations;
            // the real-axis tail, panel by panel, until the evanescent decay has taken it below the tolerance; the tolerance
            // is the contour's, on the largest entry of W (each panel to 1e-1 of it); past the peak of the highest order the
            // integrand only decays, and a panel that needed no halving doubles the next one's width
            var panel = new Complex[w.Length];
            double width = Math.Max(_k, 1 / _h), start = kd, peak = kd + (_L + 1) / (2 * _h);
            double big2 = 0; // squared moduli (the entries are of order one: the scaled T W)
            for (int q = 0; q < w.Length; q++) big2 = Math.Max(big2, Norm(w[q]));
            for (int i = 0; i < 400; i++)
            {
                Array.Clear(panel);
                var rep = AdaptiveQuadrature.Integrate((t, v) => Integrand(t, 1, v), start, start + width, panel, _s.Tolerance,
                                                       0.1 * _s.Tolerance * Math.Sqrt(big2), rule: Rule);
                _evaluations += rep.Evaluations;
                double add2 = 0;
                for (int q = 0; q < w.Length; q++)
                {
                    w[q] += panel[q];
                    big2 = Math.Max(big2, Norm(w[q])); add2 = Math.Max(add2, Norm(panel[q]));
                }
                start += width;
                if (start > peak && Math.Sqrt(add2) <= _s.Tolerance * 1e-2 * Math.Sqrt(big2)) break;
                if (start > peak && rep.Panels == 1) width *= 2;
            }
            var blocks = new Dictionary<int, Complex[]>();
            for (int b = 0; b < orders.Length; b++)
            {
                int m = orders[b], n = Size(m), size = 2 * n, o = offset[b];
                var block = new Complex[size * size];
                var sc = scale[b];
                for (int r = 0; r < size; r++)
                    for (int q = r; q < size; q++)
                    {
                        Complex sv = w[o++] / (sc[r] * sc[q]);
                        block[r * size + q] = Sigma(m, r >= n) * sv;
                        block[q * size + r] = Sigma(m, q >= n) * sv;
                    }
                blocks[m] = block;
            }
            return blocks;
        }

        /// <summary>
        /// One row of S: v = Re(A) x + Im(A) x' + Re(B) y + Im(B) y' on interleaved doubles, x' = i x (the rotated copy).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static void Fill(Complex A, Complex B, ReadOnlySpan<double> x, ReadOnlySpan<double> xr, ReadOnlySpan<double> y,
                         ReadOnlySpan<double> yr, Span<double> v)
        {
            double ar = A.Real, ai = A.Imaginary, br = B.Real, bi = B.Imaginary;
            int i = 0, n = v.Length;
            if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
            {
                var va = new Vector<double>(ar); var vb = new Vector<double>(ai);
                var vc = new Vector<double>(br); var vd = new Vector<double>(bi);
                for (; i <= n - Vector<double>.Count; i += Vector<double>.Count)
                {
                    var r = va * new Vector<double>(x[i..]) + vb * new Vector<double>(xr[i..])
                            + vc * new Vector<double>(y[i..]) + vd * new Vector<double>(yr[i..]);
                    r.CopyTo(v[i..]);
                }
            }
            for (; i < n; i++) v[i] = ar * x[i] + ai * xr[i] + br * y[i] + bi * yr[i];
        }

        /// <summary>
        /// W of order -m from that of m: pi_l^-m = (-1)^(m+1) pi_l^m and tau_l^-m = (-1)^m tau_l^m flip the sign of the
        /// mixed (magnetic-electric) entries and keep the others.
        /// </summary>
        static Complex[] Mirror(Complex[] w, int n)
        {
            int size = 2 * n;
            var v = new Complex[w.Length];
            for (int r = 0; r < size; r++)
                for (int q = 0; q < size; q++) v[r * size + q] = (r < n) == (q < n) ? w[r * size + q] : -w[r * size + q];
            return v;
        }

        /// <summary>b = T (a + W b) for block m, and the exciting coefficients a + W b.</summary>
        void Solve(int m, Complex[] w, Complex[] aM, Complex[] aN, Complex[] bM, Complex[] bN, Complex[] totM, Complex[] totN)
        {
            int n = Size(m), size = 2 * n, lmin = Lmin(m);
            var t = new Complex[size]; var a = new Complex[size];
            for (int l = lmin; l <= _L; l++)
            {
                int i = VectorWaves.Index(l, m);
                t[l - lmin] = _tM[l]; t[n + l - lmin] = _tN[l];
                a[l - lmin] = aM[i]; a[n + l - lmin] = aN[i];
            }
            // balanced: b = D c with D = diag(sqrt|t|), t = D^2 phase, so (I - phase D W D) c = phase D a (entries of T W
            // span hundreds of orders of magnitude between low and high l when the sphere touches the interface)
            var d = new double[size]; var phase = new Complex[size];
            for (int r = 0; r < size; r++)
            {
                double mag = t[r].Magnitude;
                d[r] = Math.Sqrt(mag);
                phase[r] = mag > 0 ? t[r] / mag : Complex.Zero;
            }
            var matrix = new Complex[size * size]; var rhs = new Complex[size];
            for (int r = 0; r < size; r++)
            {
                for (int q = 0; q < size; q++) matrix[r * size + q] = (r == q ? 1 : 0) - phase[r] * d[r] * w[r * size + q] * d[q];
                rhs[r] = phase[r] * d[r] * a[r];
            }
            var inverse = Inverse(matrix, size);
            var c = new Complex[size];
            for (int r = 0; r < size; r++)
                for (int q = 0; q < size; q++) c[r] += inverse[r * size + q] * rhs[q];
            var b = new Complex[size];
            for (int r = 0; r < size; r++) b[r] = d[r] * c[r];
            for (int l = lmin; l <= _L; l++)
            {
                int i = VectorWaves.Index(l, m);
                bM[i] = b[l - lmin]; bN[i] = b[n + l - lmin];
                Complex rM = 0, rN = 0;
                for (int q = 0; q < size; q++) { rM += w[(l - lmin) * size + q] * b[q]; rN += w[(n + l - lmin) * size + q] * b[q]; }
                totM[i] = aM[i] + rM; totN[i] = aN[i] + rN;
            }
        }

        /// <summary>
        /// The rows that map block m's outgoing coefficients (index tau * n + (l - lmin)) to the host's upgoing and downgoing
        /// plane-wave amplitudes of the scattered field at kappa, multiplied by k_z:
        /// kz A+ = sum b i^-l / (2 pi k) e^{-i k_z h} [V(beta+) + r V(beta-) e^{2 i k_z h}] and
        /// kz D = sum b i^-l / (2 pi k) V(beta-) e^{i k_z h}, (TE, TM) each.
        /// </summary>
        void SpectrumRows(int m, Complex kappa, Complex rte, Complex rtm, Span<Complex> pi, Span<Complex> tau, Span<Complex> upTe,
                          Span<Complex> upTm, Span<Complex> dnTe, Span<Complex> dnTm)
        {
            Complex kz = PlanarSubstrate.Kz(_k, kappa);
            int lmin = Lmin(m), n = Size(m);
            Complex pre = 1 / (2 * Math.PI * _k), eUp = pre * Complex.Exp(-I * kz * _h), eDn = pre * Complex.Exp(I * kz * _h);
            // downgoing; the upgoing direction's functions by parity (AngularTable), which flips the signs of the TE part of X
            // and the TM part of Z by -(-1)^(l+m) and of the others by (-1)^(l+m)
            _angular.Evaluate(Math.Abs(m), -kz / _k, kappa / _k, pi, tau);
            for (int l = lmin; l <= _L; l++)
            {
                var (p, t) = VectorWaves.OfSignedOrder(m, pi[l], tau[l]);
                // X = N_l (-i tau e_TE - pi e_TM), Z = N_l (-i pi e_TE - tau e_TM) (VectorWaves.Components), times i^-l e^{-+i kz h}
                Complex f = _iPowNeg[l] * _norm[l], ft = f * eDn * t, fp = f * eDn * p, gt = f * eUp * t, gp = f * eUp * p;
                double par = AngularTable.Parity(l, Math.Abs(m));
                int iM = l - lmin, iN = n + l - lmin;
                dnTe[iM] = NegI(ft); dnTm[iM] = -fp; dnTe[iN] = NegI(fp); dnTm[iN] = -ft;
                upTe[iM] = -par * NegI(gt) + rte * dnTe[iM]; upTe[iN] = par * NegI(gp) + rte * dnTe[iN];
                upTm[iM] = -par * gp + rtm * dnTm[iM]; upTm[iN] = par * gt + rtm * dnTm[iN];
            }
        }

        /// <summary>The four amplitudes of <see cref="SpectrumRows"/> for the coherent coefficients b of block m.</summary>
        (Complex UpTe, Complex UpTm, Complex DownTe, Complex DownTm) Spectrum(int m, Complex kappa, Complex[] bM, Complex[] bN,
                                                                              Complex rte, Complex rtm, Span<Complex> pi, Span<Complex> tau)
        {
            int size = 2 * Size(m);
            Span<Complex> rows = stackalloc Complex[4 * size];
            SpectrumRows(m, kappa, rte, rtm, pi, tau, rows[..size], rows[size..(2 * size)], rows[(2 * size)..(3 * size)],
                         rows[(3 * size)..]);
            Span<Complex> b = stackalloc Complex[size];
            Block(m, bM, bN, b);
            return (Dot(rows[..size], b), Dot(rows[size..(2 * size)], b), Dot(rows[(2 * size)..(3 * size)], b), Dot(rows[(3 * size)..], b));
        }

        /// <summary>Block m of flat coefficient arrays, index tau * n + (l - lmin).</summary>
        void Block(int m, Complex[] cM, Complex[] cN, Span<Complex> block)
        {
            int lmin = Lmin(m), n = Size(m);
            for (int l = lmin; l <= _L; l++)
            {
                block[l - lmin] = cM[VectorWaves.Index(l, m)]; block[n + l - lmin] = cN[VectorWaves.Index(l, m)];
            }
        }

        static Complex Dot(ReadOnlySpan<Complex> row, ReadOnlySpan<Complex> b)
        {
            Complex s = 0;
            for (int i = 0; i < row.Length; i++) s += row[i] * b[i];
            return s;
        }

        /// <summary>
        /// The powers |kz A+_TE|^2, |kz A+_TM|^2, |kz D_TE|^2, |kz D_TM|^2 of block m at kappa; those of the upgoing (downgoing)
        /// waves only when <paramref name="up"/> (<paramref name="down"/>) is set, 0 otherwise.
        /// </summary>
        delegate (double UpTe, double UpTm, double DownTe, double DownTm) SpectralPower(int m, Complex kappa, Complex rte, Complex rtm,
                                                                                         bool up, bool down);

        /// <summary>The spectral powers of the coherent scattered coefficients b.</summary>
        SpectralPower Coherent(Complex[] bM, Complex[] bN)
        {
            var pi = new Complex[_L + 1]; var tau = new Complex[_L + 1];
            return (m, kappa, rte, rtm, _, _) =>
            {
                var sp = Spectrum(m, kappa, bM, bN, rte, rtm, pi, tau);
                return (Norm(sp.UpTe), Norm(sp.UpTm), Norm(sp.DownTe), Norm(sp.DownTm));
            };
        }

        /// <summary>
        /// The spectral powers of incoherent sources of covariance B_m = &lt;b b^+&gt; per block: v B v^+ per row, from B's upper
        /// triangle (it is Hermitian), the two rows of one direction in one pass.
        /// </summary>
        SpectralPower Incoherent(Dictionary<int, Complex[]> covariance)
        {
            var pi = new Complex[_L + 1]; var tau = new Complex[_L + 1];
            int most = 2 * _L;
            var rows = new Complex[4 * most];
            var v = new double[4 * most]; var vs = new double[4 * most]; // the two rows interleaved, and as (-im, re)
            return (m, kappa, rte, rtm, up, down) =>
            {
                int size = 2 * Size(m);
                var span = rows.AsSpan();
                SpectrumRows(m, kappa, rte, rtm, pi, tau, span[..size], span[size..(2 * size)], span[(2 * size)..(3 * size)],
                             span[(3 * size)..(4 * size)]);
                var b = covariance[m];
                (double, double) Forms(int o)
                {
                    for (int q = 0; q < size; q++)
                        for (int j = 0; j < 2; j++)
                        {
                            Complex z = rows[o + j * size + q];
                            int i = 2 * (j * size + q);
                            v[i] = z.Real; v[i + 1] = z.Imaginary; vs[i] = -z.Imaginary; vs[i + 1] = z.Real;
                        }
                    return HermitianForms(b, size, v, vs);
                }
                var (upTe, upTm) = up ? Forms(0) : (0, 0);
                var (dnTe, dnTm) = down ? Forms(2 * size) : (0, 0);
                return (upTe, upTm, dnTe, dnTm);
            };
        }

        /// <summary>
        /// Re(x B x^+) for the two rows x = v[0 .. 2 size) and v[2 size .. 4 size) (interleaved re, im; vs the same as
        /// (-im, re)) of a Hermitian B (row-major, its upper triangle read): sum_r B_rr |x_r|^2 + 2 Re sum_r x_r w_r,
        /// w_r = sum_(q &gt; r) B_rq conj(x_q), whose real and imaginary parts are the lane sums of B x and B vs (SIMD).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        static (double, double) HermitianForms(Complex[] b, int size, double[] v, double[] vs)
        {
            var bd = MemoryMarshal.Cast<Complex, double>(b.AsSpan());
            double f0 = 0, f1 = 0;
            int w = Vector<double>.Count;
            for (int r = 0; r < size; r++)
            {
                int row = 2 * r * size, lo = 2 * (r + 1), hi = 2 * size, q = lo;
                double re0 = 0, im0 = 0, re1 = 0, im1 = 0;
                if (Vector.IsHardwareAccelerated && hi - lo >= w)
                {
                    Vector<double> a0 = default, c0 = default, a1 = default, c1 = default;
                    for (; q <= hi - w; q += w)
                    {
                        var bv = new Vector<double>(bd[(row + q)..]);
                        a0 += bv * new Vector<double>(v.AsSpan(q)); c0 += bv * new Vector<double>(vs.AsSpan(q));
                        a1 += bv * new Vector<double>(v.AsSpan(hi + q)); c1 += bv * new Vector<double>(vs.AsSpan(hi + q));
                    }
                    re0 = Vector.Sum(a0); im0 = Vector.Sum(c0); re1 = Vector.Sum(a1); im1 = Vector.Sum(c1);
                }
                for (; q < hi; q++)
                {
                    re0 += bd[row + q] * v[q]; im0 += bd[row + q] * vs[q];
                    re1 += bd[row + q] * v[hi + q]; im1 += bd[row + q] * vs[hi + q];
                }
                double diag = bd[row + 2 * r];
                int i = 2 * r;
                f0 += diag * (v[i] * v[i] + v[i + 1] * v[i + 1]) + 2 * (v[i] * re0 - v[i + 1] * im0);
                f1 += diag * (v[hi + i] * v[hi + i] + v[hi + i + 1] * v[hi + i + 1]) + 2 * (v[hi + i] * re1 - v[hi + i + 1] * im1);
            }
            return (f0, f1);
        }

        /// <summary>Scattered power into the host's far field over I0: 8 pi^3 int_0^(pi/2) sin(beta) sum_m |k_z A+|^2 d(beta).</summary>
        double HostFarField(SpectralPower power)
        {
            var sum = new Complex[1];
            var rep = AdaptiveQuadrature.Integrate((beta, v) =>
            {
                double kappa = _k * Math.Sin(beta);
                var (rte, rtm) = _p.Substrate.Reflection(_p.HostIndex, _k0, kappa);
                double s = 0;
                foreach (int m in _orders)
                {
                    var sp = power(m, kappa, rte, rtm, true, false);
                    s += sp.UpTe + sp.UpTm;
                }
                v[0] = 8 * Math.Pow(Math.PI, 3) * Math.Sin(beta) * s;
            }, 0, Math.PI / 2, sum, _s.Tolerance, rule: Rule);
            _evaluations += rep.Evaluations;
            return sum[0].Real;
        }

        /// <summary>
        /// Scattered power through the plane just above the interface (downwards) over I0:
        /// (8 pi^3 / k) int kappa dkappa sum |D|^2 phi_j, phi = k_z (1 - |r|^2) for propagating and 2 |k_z| Im r for
        /// evanescent waves; [0, k] in beta (kappa = k sin beta), beyond in u (kappa = k cosh u), split at the branch points.
        /// </summary>
        double SubstrateSide(SpectralPower power)
        {
            var sum = new Complex[1];
            double c = 8 * Math.Pow(Math.PI, 3) / _k;
            var rep = AdaptiveQuadrature.Integrate((beta, v) =>
            {
                double kappa = _k * Math.Sin(beta), kz = _k * Math.Cos(beta);
                var (rte, rtm) = _p.Substrate.Reflection(_p.HostIndex, _k0, kappa);
                double s = 0;
                foreach (int m in _orders)
                {
                    var sp = power(m, kappa, rte, rtm, false, true);
                    s += sp.DownTe * (1 - Norm(rte)) + sp.DownTm * (1 - Norm(rtm)); // |kz D|^2 (1 - |r|^2)
                }
                v[0] = c * _k * Math.Sin(beta) * s; // kappa dkappa / kz = k sin(beta) dbeta; |D|^2 kz = |kz D|^2 / kz
            }, 0, Math.PI / 2, sum, _s.Tolerance, rule: Rule);
            _evaluations += rep.Evaluations;
            double total = sum[0].Real;
            // evanescent in the host: kappa = k cosh u, k_z = i q, q = k sinh u, dkappa = q du
            var sub = _p.Substrate;
            var breaks = new List<double> { 0 };
            foreach (double n in new[] { sub.Index.Real, sub.FilmIndex?.Real ?? 0 })
                if (n * _k0 > _k * (1 + 1e-12)) breaks.Add(Acosh(n * _k0 / _k));
            breaks.Sort();
            double uEnd = breaks[^1]; // the last branch point (0 when the substrate is not denser than the host)
            void Evanescent(double u, Span<Complex> v)
            {
                double kappa = _k * Math.Cosh(u);
                var (rte, rtm) = sub.Reflection(_p.HostIndex, _k0, kappa);
                double s = 0;
                foreach (int m in _orders)
                {
                    var sp = power(m, kappa, rte, rtm, false, true);
                    s += 2 * (sp.DownTe * rte.Imaginary + sp.DownTm * rtm.Imaginary);
                }
                v[0] = c * kappa * s; // kappa dkappa |D|^2 phi = kappa q du (|kz D|^2 / q^2) 2 q Im r
            }
            for (int i = 0; i + 1 < breaks.Count; i++)
            {
                // u = lo + (hi - lo) sin^2(pi v / 2): the square-root kinks of k_z at the branch points become smooth
                double lo = breaks[i], hi = breaks[i + 1];
                Array.Clear(sum);
                var r = AdaptiveQuadrature.Integrate((v, values) =>
                {
                    double sn = Math.Sin(0.5 * Math.PI * v), cs = Math.Cos(0.5 * Math.PI * v);
                    Evanescent(lo + (hi - lo) * sn * sn, values);
                    values[0] *= (hi - lo) * Math.PI * sn * cs;
                }, 0, 1, sum, _s.Tolerance, 1e-16 * Math.Abs(total), rule: Rule);
                _evaluations += r.Evaluations; total += sum[0].Real;
            }
            if (sub.Absorbs)
            {
                // an absorbing substrate takes evanescent waves of any kappa: on until e^{-2 q h} has damped them
                double start = uEnd, width = 0.25;
                for (int i = 0; i < 400; i++)
                {
                    Array.Clear(sum);
                    var r = AdaptiveQuadrature.Integrate(Evanescent, start, start + width, sum, _s.Tolerance, 1e-16 * Math.Abs(total),
                                                         rule: Rule);
                    _evaluations += r.Evaluations;
                    total += sum[0].Real; start += width;
                    if (_k * Math.Cosh(start) > (_L + 1) / (2 * _h) + _k && Math.Abs(sum[0].Real) <= 1e-3 * _s.Tolerance * Math.Abs(total))
                        break;
                }
            }
            return total;
        }

        /// <summary>
        /// Extinction over I0 from the cross terms of the initial and scattered fields: upward through a plane above the
        /// sphere and downward through the plane just above the interface, at the specular in-plane wavenumber
        /// (Parseval: (2 pi)^2 times the spectral amplitudes there), with the sign that makes it the power taken out; and
        /// the downward part alone (the cross term's flux into the substrate side, over I0, with its own sign).
        /// </summary>
        (double Extinction, double CrossBelow) Extinction(Complex[] bM, Complex[] bN)
        {
            var ill = _p.Illumination;
            int j = ill.Polarisation == PlanePolarisation.TE ? 0 : 1;
            double kappa = ill.From == IncidenceSide.Host ? _k * Math.Sin(ill.AngleRad)
                                                          : _p.Substrate.Index.Real * _k0 * Math.Sin(ill.AngleRad);
            Complex kz = PlanarSubstrate.Kz(_k, kappa);
            var (rte, rtm) = _p.Substrate.Reflection(_p.HostIndex, _k0, kappa);
            Complex r = j == 0 ? rte : rtm;
            var pi = new Complex[_L + 1]; var tau = new Complex[_L + 1];
            Complex up = 0, down = 0; // the spectrum at azimuth 0: sum over m (e^{i m 0} = 1), divided by kz
            foreach (int m in _orders)
            {
                var sp = Spectrum(m, kappa, bM, bN, rte, rtm, pi, tau);
                up += (j == 0 ? sp.UpTe : sp.UpTm) / kz; down += (j == 0 ? sp.DownTe : sp.DownTm) / kz;
            }
            // initial field in the host at kappa: downgoing D1, upgoing U1
            Complex d1, u1;
            if (ill.From == IncidenceSide.Host) { d1 = 1; u1 = r; }
            else
            {
                var (tte, ttm) = _p.Substrate.TransmissionUp(_p.HostIndex, _k0, kappa);
                d1 = 0; u1 = j == 0 ? tte : ttm;
            }
            // top: upgoing waves only (a propagating initial wave), flux k_z Re(U1 conj(U2))
            double top = kz.Imaginary == 0 ? kz.Real * (u1 * Complex.Conjugate(up)).Real : 0;
            // bottom, just above the interface: the scattered field there is D2 = down, U2 = r down
            Complex d2 = down, u2 = r * down;
            double bottom = j == 0
                ? 0.5 * (Complex.Conjugate(kz) * ((d1 + u1) * Complex.Conjugate(d2 - u2) + (d2 + u2) * Complex.Conjugate(d1 - u1))).Real
                : 0.5 * (kz * ((d1 - u1) * Complex.Conjugate(d2 + u2) + (d2 - u2) * Complex.Conjugate(d1 + u1))).Real;
            double c = 8 * Math.PI * Math.PI / _k;
            return (-c * (top + bottom), c * bottom); // the power the cross terms carry out, with a minus; the downward flux
        }

        static double Norm(Complex z) => z.Real * z.Real + z.Imaginary * z.Imaginary;
        static Complex NegI(Complex z) => new(z.Imaginary, -z.Real); // -i z
        static double Acosh(double x) => Math.Log(x + Math.Sqrt(x * x - 1));
    }

    /// <summary>
    /// The inverse of a small dense complex matrix (row-major) by Gauss-Jordan elimination with partial pivoting, in place:
    /// <paramref name="a"/> becomes its inverse (each eliminated column's slot holds the inverse's column; the row
    /// interchanges are undone as column interchanges in reverse order; Press et al., Numerical Recipes, 3rd ed., Sec. 2.1).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static Complex[] Inverse(Complex[] a, int n)
    {
        var swapped = new int[n];
        for (int c = 0; c < n; c++)
        {
            int piv = c; double best = a[c * n + c].Magnitude;
            for (int r = c + 1; r < n; r++) if (a[r * n + c].Magnitude > best) { best = a[r * n + c].Magnitude; piv = r; }
            if (best == 0) throw new ComputationException("the sphere-substrate system is singular");
            swapped[c] = piv;
            if (piv != c)
                for (int q = 0; q < n; q++) (a[c * n + q], a[piv * n + q]) = (a[piv * n + q], a[c * n + q]);
            Complex p = 1 / a[c * n + c];
            a[c * n + c] = 1;
            var pivotRow = a.AsSpan(c * n, n);
            for (int q = 0; q < n; q++) pivotRow[q] *= p;
            for (int r = 0; r < n; r++)
            {
                if (r == c) continue;
                Complex f = a[r * n + c];
                if (f == Complex.Zero) continue;
                a[r * n + c] = 0;
                var target = a.AsSpan(r * n, n);
                for (int q = 0; q < n; q++) target[q] -= f * pivotRow[q];
            }
        }
        for (int c = n - 1; c >= 0; c--)
            if (swapped[c] != c)
                for (int r = 0; r < n; r++) (a[r * n + c], a[r * n + swapped[c]]) = (a[r * n + swapped[c]], a[r * n + c]);
        return a;
    }
}
