using System.Numerics;
using MieCool.Core.Numerics;
using MieCool.Optics.Mie;
using MieCool.Optics.Substrate;

namespace MieCool.Optics.Tests.Substrate;

/// <summary>
/// The far-field amplitude of <see cref="SubstrateFarField"/>: against Bohren &amp; Huffman's S1, S2 without a substrate,
/// against the code's own far-field flux integral (Qsca_host), and the reciprocity of the scattering amplitude.
/// </summary>
public class SubstrateReciprocityTests(Xunit.Abstractions.ITestOutputHelper output)
{
    static readonly Complex Mapi980 = new(2.31719, 0.0133512);
    static readonly Complex Silicon = new(3.6, 0.01);

    static SubstrateScattering Solve(double radius, Complex sphere, Complex substrate, double height, double wavelength,
                                     double angleDeg, PlanePolarisation pol, double host = 1.0) =>
        SphereOnSubstrate.Solve(new SphereOnSubstrateProblem(radius, sphere, host, new PlanarSubstrate(substrate), height, wavelength,
                                                             new Illumination(angleDeg * Math.PI / 180, pol, IncidenceSide.Host)));

    static double Rad(double deg) => deg * Math.PI / 180;

    static Vector3C Direction(double theta, double phi) =>
        new(Math.Sin(theta) * Math.Cos(phi), Math.Sin(theta) * Math.Sin(phi), Math.Cos(theta));

    /// <summary>e_TE = phi^, e_TM = theta^ of the direction (theta, phi) (the basis of VectorWaves).</summary>
    static (Vector3C Te, Vector3C Tm) Basis(double theta, double phi) =>
        (new(-Math.Sin(phi), Math.Cos(phi), 0),
         new(Math.Cos(theta) * Math.Cos(phi), Math.Cos(theta) * Math.Sin(phi), -Math.Sin(theta)));

    [Theory]
    [InlineData(1.0, 35, 50, 0)]
    [InlineData(1.0, 35, 20, 140)]
    [InlineData(1.33, 60, 70, 250)]
    [InlineData(1.0, 0, 40, 30)]
    public void A_substrate_of_the_host_index_gives_Bohren_and_Huffman_S1_S2(double host, double incidenceDeg, double thetaDeg,
                                                                               double phiDeg)
    {
        // the free sphere's amplitude matrix (B&H Eq. 3.12, S1 and S2 of Eq. 4.74 at the scattering angle): with
        // e_perp = k_out x k_in / |.|, e_par = k x e_perp for each wave, E_s = e^{ikr}/(-ikr) (S2 E_par e_par,s + S1 E_perp
        // e_perp), about the centre; the amplitude about the lab origin gains e^{i k (k_in - k_out) . c}
        double a = 265e-9, wl = 980e-9, h = 400e-9, k = 2 * Math.PI * host / wl;
        var mie = MieSolver.Sphere(k * a, Mapi980 / host);
        double thIn = Rad(incidenceDeg), theta = Rad(thetaDeg), phi = Rad(phiDeg);
        var kIn = Direction(Math.PI - thIn, 0); var kOut = Direction(theta, phi);
        var (inTe, inTm) = Basis(Math.PI - thIn, 0); var (outTe, outTm) = Basis(theta, phi);
        double cosScat = kIn.Dot(kOut).Real;
        var (s1, s2) = mie.Amplitudes(Math.Acos(cosScat));
        var perp = kOut.Cross(kIn).Normalised();
        var parIn = kIn.Cross(perp); var parOut = kOut.Cross(perp);
        Complex shift = Complex.Exp(Complex.ImaginaryOne * k * h * (kIn.Z - kOut.Z).Real);
        foreach (var pol in new[] { PlanePolarisation.TE, PlanePolarisation.TM })
        {
            var e = pol == PlanePolarisation.TE ? inTe : inTm;
            var r = Solve(a, Mapi980, host, h, wl, incidenceDeg, pol, host);
            var (te, tm) = SubstrateFarField.Amplitude(r, theta, phi);
            Complex ePerp = perp.Dot(e), ePar = parIn.Dot(e);
            Complex Expected(Vector3C o) => Complex.ImaginaryOne / k * shift * (s1 * ePerp * perp.Dot(o) + s2 * ePar * parOut.Dot(o));
            Complex wantTe = Expected(outTe), wantTm = Expected(outTm);
            double scale = Math.Sqrt(Norm(wantTe) + Norm(wantTm));
            output.WriteLine($"{pol}: |dS_TE| {(te - wantTe).Magnitude / scale:G3}, |dS_TM| {(tm - wantTm).Magnitude / scale:G3} of |S|");
            Assert.True((te - wantTe).Magnitude < 1e-10 * scale, $"{pol} -> TE: {te} vs {wantTe}");
            Assert.True((tm - wantTm).Magnitude < 1e-10 * scale, $"{pol} -> TM: {tm} vs {wantTm}");
        }
    }

    [Theory]
    [InlineData(1.4507, 0, 265e-9, PlanePolarisation.TE)]   // the headline sphere touching glass
    [InlineData(1.4507, 45, 265e-9, PlanePolarisation.TM)]
    [InlineData(0, 30, 150e-9, PlanePolarisation.TE)]       // silicon-like (0: Silicon), 50 nm above it
    [InlineData(0, 30, 100e-9, PlanePolarisation.TM)]
    public void The_amplitude_over_the_upper_hemisphere_gives_the_host_scattering(double substrate, double incidenceDeg,
                                                                                   double height, PlanePolarisation pol)
    {
        // int |S|^2 dOmega over the upper hemisphere is the host's Csca: against the code's flux integral of the upgoing
        // spectrum (adaptive, in beta). Gauss-Legendre in theta; in phi the trapezoid rule, exact for the e^{i(m - m') phi}
        // of |S|^2 with more than 2 lmax + 1 points
        Complex ns = substrate == 0 ? Silicon : substrate;
        double a = substrate == 0 ? 100e-9 : 265e-9, wl = substrate == 0 ? 600e-9 : 980e-9;
        var r = Solve(a, substrate == 0 ? new Complex(2.5, 0.1) : Mapi980, ns, height, wl, incidenceDeg, pol);
        int nPhi = 2 * r.Lmax + 4;
        var (nodes, weights) = GaussLegendre.Rule(96, 0, Math.PI / 2);
        double total = 0;
        for (int i = 0; i < nodes.Length; i++)
        {
            double ring = 0;
            for (int j = 0; j < nPhi; j++)
            {
                var (te, tm) = SubstrateFarField.Amplitude(r, nodes[i], 2 * Math.PI * j / nPhi);
                ring += Norm(te) + Norm(tm);
            }
            total += weights[i] * Math.Sin(nodes[i]) * ring * 2 * Math.PI / nPhi;
        }
        double csca = r.QscaHost * Math.PI * a * a;
        output.WriteLine($"hemisphere {total / (Math.PI * a * a):R} vs Qsca_host {r.QscaHost:R}: {(total - csca) / csca:G3}");
        Assert.True(Math.Abs(total - csca) < 1e-8 * csca, $"{total / (Math.PI * a * a)} vs Qsca_host {r.QscaHost}");
    }

    public static TheoryData<double, double, double, double, double> Geometries => new()
    {
        // substrate (0: silicon-like 3.6 + 0.01i), centre height / radius, incidence, observation theta, phi (degrees)
        { 1.4507, 1.0, 30, 55, 0 },     // in the plane of incidence, forward side
        { 1.4507, 1.0, 30, 20, 180 },   // in the plane of incidence, back side
        { 1.4507, 1.3, 40, 65, 115 },   // incidence and observation in different planes
        { 0, 1.0, 25, 60, 0 },
        { 0, 1.2, 50, 35, 230 },
    };

    [Theory]
    [MemberData(nameof(Geometries))]
    public void The_scattering_amplitude_is_reciprocal(double substrate, double heightOverRadius, double incidenceDeg,
                                                        double thetaDeg, double phiDeg)
    {
        // reciprocity of a reciprocal (symmetric-epsilon) scatterer in a reciprocal background (Saxon, Phys. Rev. 100, 1771
        // (1955); Mishchenko, Travis & Lacis 2002): with E_s = F(k_out, k_in) . E0 e^{ikr} / r about a common origin,
        // F(-k_in, -k_out) = F(k_out, k_in)^T. In the basis of VectorWaves, e_TE(-k) = -e_TE(k) and e_TM(-k) = e_TM(k), so
        //   S(k_in, p -> k_out, q) = s_p s_q S(-k_out, q -> -k_in, p),  s_TE = -1, s_TM = +1.
        // k_in = (pi - th, 0), k_out = (theta, phi): the reversed wave comes in along (pi - theta, phi + pi) and leaves along
        // (th, pi); turned about z by -(phi + pi) (the geometry's symmetry, under which the basis turns with the
        // directions) it is the code's incidence at angle theta, observed along (th, -phi)
        Complex ns = substrate == 0 ? Silicon : substrate;
        double a = 150e-9, wl = 700e-9, h = heightOverRadius * a;
        Complex sphere = new(2.5, 0.08);
        double th = Rad(incidenceDeg), theta = Rad(thetaDeg), phi = Rad(phiDeg);
        var pols = new[] { PlanePolarisation.TE, PlanePolarisation.TM };
        var forward = pols.Select(p => Solve(a, sphere, ns, h, wl, incidenceDeg, p)).ToArray();
        var reverse = pols.Select(p => Solve(a, sphere, ns, h, wl, thetaDeg, p)).ToArray();
        var s = new Complex[2, 2]; var t = new Complex[2, 2]; // [p, q]
        for (int p = 0; p < 2; p++)
        {
            var f = SubstrateFarField.Amplitude(forward[p], theta, phi);
            s[p, 0] = f.Te; s[p, 1] = f.Tm;
            var b = SubstrateFarField.Amplitude(reverse[p], th, -phi); // t[p, q]: the reversed wave in p, observed in q
            t[p, 0] = b.Te; t[p, 1] = b.Tm;
        }
        double scale = 0;
        foreach (var z in s) scale = Math.Max(scale, z.Magnitude);
        for (int p = 0; p < 2; p++)
            for (int q = 0; q < 2; q++)
            {
                double sign = (p == 0 ? -1 : 1) * (q == 0 ? -1 : 1);
                Complex want = sign * t[q, p];
                output.WriteLine($"{pols[p]} -> {pols[q]}: |S| {s[p, q].Magnitude / scale:G3} of the largest, "
                                 + $"reciprocity {(s[p, q] - want).Magnitude / scale:G3}");
                Assert.True((s[p, q] - want).Magnitude < 1e-8 * scale,
                            $"{pols[p]} -> {pols[q]}: {s[p, q]} vs {want} (scale {scale:G3})");
            }
        // not trivially so: the substrate makes the amplitude differ from the free sphere's
        var free = Solve(a, sphere, 1.0, h, wl, incidenceDeg, PlanePolarisation.TE);
        var ff = SubstrateFarField.Amplitude(free, theta, phi);
        Assert.True((ff.Te - s[0, 0]).Magnitude + (ff.Tm - s[0, 1]).Magnitude > 0.05 * scale);
    }

    static double Norm(Complex z) => z.Real * z.Real + z.Imaginary * z.Imaginary;

    /// <summary>A complex 3-vector (the test's own algebra).</summary>
    readonly record struct Vector3C(Complex X, Complex Y, Complex Z)
    {
        public Complex Dot(Vector3C o) => X * o.X + Y * o.Y + Z * o.Z;
        public Vector3C Cross(Vector3C o) => new(Y * o.Z - Z * o.Y, Z * o.X - X * o.Z, X * o.Y - Y * o.X);
        public Vector3C Normalised()
        {
            double n = Math.Sqrt(Norm(X) + Norm(Y) + Norm(Z));
            return new(X / n, Y / n, Z / n);
        }
    }
}
