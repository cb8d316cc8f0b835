using System.Numerics;
using MieCool.Optics.Mie;
using MieCool.Optics.Substrate;

namespace MieCool.Optics.Tests.Substrate;

/// <summary>The sphere on a substrate against independent results: Mie, energy conservation, images, geometry.</summary>
public class SphereOnSubstrateTests
{
    static readonly Complex Mapi980 = new(2.31719, 0.0133512);

    static SubstrateScattering Solve(double radius, Complex sphere, Complex substrate, double height, double wavelength,
                                     double angleDeg = 0, PlanePolarisation pol = PlanePolarisation.TE,
                                     IncidenceSide from = IncidenceSide.Host, Complex? film = null, double filmThickness = 0,
                                     double host = 1.0) =>
        SphereOnSubstrate.Solve(new SphereOnSubstrateProblem(radius, sphere, host, new PlanarSubstrate(substrate, film, filmThickness),
                                                             height, wavelength, new Illumination(angleDeg * Math.PI / 180, pol, from)));

    [Theory]
    [InlineData(0, PlanePolarisation.TE)]
    [InlineData(35, PlanePolarisation.TE)]
    [InlineData(60, PlanePolarisation.TM)]
    public void A_substrate_of_the_host_index_gives_the_plain_Mie_result(double angle, PlanePolarisation pol)
    {
        foreach (double host in new[] { 1.0, 1.33 })
        {
            var r = Solve(265e-9, Mapi980, host, 400e-9, 980e-9, angle, pol, host: host);
            var mie = MieSolver.Sphere(2 * Math.PI * host * 265e-9 / 980e-9, Mapi980 / host).Efficiencies;
            Assert.Equal(mie.Qabs, r.Qabs, 1e-10 * mie.Qabs);
            Assert.Equal(mie.Qsca, r.Qsca, 1e-9 * mie.Qsca);   // the far field over both half-spaces, by quadrature
            Assert.Equal(mie.Qext, r.Qext, 1e-10 * mie.Qext);  // the optical theorem through the two planes
        }
    }

    [Theory]
    [InlineData(30, PlanePolarisation.TM, IncidenceSide.Host)]
    [InlineData(0, PlanePolarisation.TE, IncidenceSide.Host)]
    [InlineData(20, PlanePolarisation.TE, IncidenceSide.Substrate)]
    [InlineData(20, PlanePolarisation.TM, IncidenceSide.Substrate)]
    [InlineData(60, PlanePolarisation.TM, IncidenceSide.Substrate)] // beyond the critical angle: an evanescent wave excites it
    public void A_lossless_sphere_on_a_lossless_substrate_conserves_energy(double angle, PlanePolarisation pol, IncidenceSide from)
    {
        // extinction (cross terms at the specular wavenumber) against the scattered power (integrals over all directions
        // and the evanescent waves that reach the glass): independent up to the coefficients, which must be right for the
        // two to agree
        var r = Solve(150e-9, 2.0, 1.5, 200e-9, 800e-9, angle, pol, from);
        Assert.InRange(Math.Abs(r.Qabs), 0, 1e-12);
        Assert.Equal(r.Qext, r.QscaHost + r.QscaSubstrate, 1e-6 * r.Qext);
        Assert.True(r.QscaSubstrate > 0 && r.QscaHost > 0);
    }

    [Fact]
    public void An_absorbing_sphere_on_silicon_balances_extinction_with_absorption_and_scattering()
    {
        var r = Solve(100e-9, new Complex(2.3, 0.1), new Complex(4.22, 0.05), 100e-9, 520e-9);
        Assert.Equal(r.Qext, r.Qabs + r.QscaHost + r.QscaSubstrate, 1e-6 * r.Qext);
        Assert.True(r.Qabs < r.QabsFree); // silicon reflects with r = -0.62: the sphere sits near a node of the standing wave
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(1.33)]
    public void Below_a_sphere_in_a_homogeneous_medium_the_substrate_side_gains_the_forward_scattering_minus_the_extinction(
        double host)
    {
        // with no interface the "substrate side" is the lower half-space: the pump (along -z) loses Qext to the shadow and
        // gains what the sphere scatters into the forward hemisphere, (1/x^2) int_0^(pi/2) (|S1|^2 + |S2|^2) sin(theta)
        // d(theta) (Bohren & Huffman eq. 3.26 with 4.74, azimuth integrated for linear polarisation)
        double a = 265e-9, x = 2 * Math.PI * host * a / 980e-9;
        var r = Solve(a, Mapi980, host, 400e-9, 980e-9, host: host);
        var mie = MieSolver.Sphere(x, Mapi980 / host);
        double Hemisphere(double lo, double hi)
        {
            const int n = 4000; // Simpson
            double h = (hi - lo) / n, sum = 0;
            for (int i = 0; i <= n; i++)
            {
                double t = lo + i * h;
                var (s1, s2) = mie.Amplitudes(t);
                double f = (s1.Magnitude * s1.Magnitude + s2.Magnitude * s2.Magnitude) * Math.Sin(t);
                sum += f * (i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2);
            }
            return sum * h / 3 / (x * x);
        }
        double forward = Hemisphere(0, Math.PI / 2), backward = Hemisphere(Math.PI / 2, Math.PI);
        Assert.Equal(mie.Efficiencies.Qsca, forward + backward, 1e-9 * mie.Efficiencies.Qsca); // the quadrature itself
        Assert.Equal(forward - mie.Efficiencies.Qext, r.QabsSubstrate, 1e-8 * mie.Efficiencies.Qext);
        Assert.True(r.QabsSubstrate < 0); // the shadow wins: a sphere removes more from the forward beam than it sends on
    }

    [Fact]
    public void A_small_sphere_above_a_substrate_is_an_image_dipole()
    {
        // quasi-static: p = 4 pi eps0 alpha E_exc, alpha = a^3 (eps - 1)/(eps + 2); the image of a dipole parallel to the
        // interface, -beta p at 2h, beta = (eps_s - 1)/(eps_s + 1), adds beta alpha E_exc / (8 h^3) at the dipole, so
        // E_exc = E_init / (1 - beta alpha / (8 h^3)), E_init = e^{-ikh} + r e^{ikh}, and Cabs = 4 pi k Im(alpha) |E_exc|^2
        double a = 1e-9, h = 2 * a, wl = 800e-9, k = 2 * Math.PI / wl;
        Complex m = new(1.5, 0.1), eps = m * m, ns = 3.5;
        var r = Solve(a, m, ns, h, wl);
        Complex alpha = a * a * a * (eps - 1) / (eps + 2), beta = (ns * ns - 1) / (ns * ns + 1), refl = (1 - ns) / (1 + ns);
        Complex init = Complex.Exp(-Complex.ImaginaryOne * k * h) + refl * Complex.Exp(Complex.ImaginaryOne * k * h);
        Complex exc = init / (1 - beta * alpha / (8 * h * h * h));
        double qabs = 4 * Math.PI * k * alpha.Imaginary * exc.Magnitude * exc.Magnitude / (Math.PI * a * a);
        Assert.Equal(qabs, r.Qabs, 2e-3 * qabs); // corrections O((ka)^2, (a/2h)^5)
        Assert.True(r.Qabs < 0.5 * r.QabsFree);  // the high-index substrate makes a node at the surface
    }

    [Theory]
    [InlineData(IncidenceSide.Host, 0)]
    [InlineData(IncidenceSide.Host, 40)]
    [InlineData(IncidenceSide.Substrate, 25)]
    public void A_film_of_the_host_index_moves_the_interface_down(IncidenceSide from, double angle)
    {
        // a film with the host's index of thickness t is the bare substrate t further down: only the phase reference moves
        double t = 120e-9;
        Complex m = new(2.0, 0.05);
        var film = Solve(150e-9, m, 1.5, 160e-9, 700e-9, angle, PlanePolarisation.TM, from, film: 1.0, filmThickness: t);
        var bare = Solve(150e-9, m, 1.5, 160e-9 + t, 700e-9, angle, PlanePolarisation.TM, from);
        Assert.Equal(bare.Qabs, film.Qabs, 1e-8 * bare.Qabs);
        Assert.Equal(bare.QscaHost, film.QscaHost, 1e-7 * bare.QscaHost);
        // and a film of the substrate's own index changes nothing
        var same = Solve(150e-9, m, 1.5, 160e-9, 700e-9, angle, PlanePolarisation.TM, from, film: 1.5, filmThickness: t);
        var plain = Solve(150e-9, m, 1.5, 160e-9, 700e-9, angle, PlanePolarisation.TM, from);
        Assert.Equal(plain.Qabs, same.Qabs, 1e-8 * plain.Qabs);
    }

    [Fact]
    public void The_headline_sphere_on_glass_converges_in_the_multipole_order()
    {
        int[] extra = [4, 8, 16];
        var settings = extra.Select(e => SphereOnSubstrate.Solve(new SphereOnSubstrateProblem(265e-9, Mapi980, 1.0,
            new PlanarSubstrate(1.4507), 265e-9, 980e-9, Illumination.NormalFromHost), new SubstrateSettings(ExtraOrders: e))).ToArray();
        Assert.Equal(settings[2].Qabs, settings[1].Qabs, 1e-5 * settings[2].Qabs);
        Assert.True(Math.Abs(settings[2].Qabs - settings[0].Qabs) > Math.Abs(settings[2].Qabs - settings[1].Qabs));
        Assert.Equal(settings[2].Qext, settings[2].Qabs + settings[2].Qsca, 1e-6 * settings[2].Qext);
    }

    [Fact]
    public void The_internal_field_integrates_to_the_absorbed_power()
    {
        // a second route to Qabs: k0 Im(eps) / n_inc times the volume integral of |E|^2 over the sphere (Gauss in r, theta, phi)
        double a = 120e-9, wl = 700e-9;
        Complex m = new(2.2, 0.08);
        var r = Solve(a, m, 1.5, a, wl, 30, PlanePolarisation.TM);
        var (xr, wr) = MieCool.Core.Numerics.GaussLegendre.Rule(24);
        var (xt, wt) = MieCool.Core.Numerics.GaussLegendre.Rule(24);
        const int nphi = 32;
        double sum = 0;
        for (int i = 0; i < xr.Length; i++)
        {
            double rr = 0.5 * a * (xr[i] + 1), w1 = 0.5 * a * wr[i] * rr * rr;
            for (int j = 0; j < xt.Length; j++)
            {
                double ct = xt[j], st = Math.Sqrt(1 - ct * ct);
                for (int p = 0; p < nphi; p++)
                {
                    double phi = 2 * Math.PI * p / nphi;
                    var e = r.InternalField(rr * st * Math.Cos(phi), rr * st * Math.Sin(phi), rr * ct);
                    sum += w1 * wt[j] * (2 * Math.PI / nphi) * e.Norm2;
                }
            }
        }
        double k0 = 2 * Math.PI / wl;
        double qabs = k0 * (m * m).Imaginary * sum / (Math.PI * a * a); // n_inc = 1 (from the host)
        Assert.Equal(r.Qabs, qabs, 1e-6 * r.Qabs);
    }

    [Fact]
    public void The_pump_field_sums_the_same_waves_as_the_general_evaluator()
    {
        var r = Solve(265e-9, Mapi980, 1.4507, 265e-9, 980e-9);
        var field = new SubstratePumpField(r);
        var rng = new Random(3);
        for (int i = 0; i < 50; i++)
        {
            double x = (rng.NextDouble() - 0.5) * 500e-9, y = (rng.NextDouble() - 0.5) * 500e-9, z = (rng.NextDouble() - 0.5) * 500e-9;
            double ey = r.InternalField(x, y, z).Norm2, ex = r.InternalField(-y, x, z).Norm2;
            Assert.Equal(ey, field.Intensity(x, y, z, MieCool.Optics.Fields.Polarisation.Y), 1e-11 * ey);
            Assert.Equal(ex, field.Intensity(x, y, z, MieCool.Optics.Fields.Polarisation.X), 1e-11 * ex);
        }
        Assert.Equal(r.InternalField(0, 0, 0).Norm2, field.Intensity(0, 0, 0, MieCool.Optics.Fields.Polarisation.Y), 1e-12);
    }
}
