using System.Numerics;
using MieCool.Optics.Substrate;

namespace MieCool.Optics.Tests.Substrate;

/// <summary>
/// The sphere on a substrate against a second, independent implementation of the same physics (written separately in
/// Python, with its own conventions, derivation and convergence study: validation/substrate-tmatrix/, results.md section
/// 1, converged to the digits given). Our orders are raised until the digits are reached.
/// </summary>
public class IndependentImplementationTests
{
    static readonly Complex Mapi980 = new(2.31719, 0.0133512);

    static SubstrateScattering Solve(double radius, Complex sphere, Complex substrate, double height, double wavelength, double angleDeg,
                                     PlanePolarisation pol, IncidenceSide from, int extra) =>
        SphereOnSubstrate.Solve(new SphereOnSubstrateProblem(radius, sphere, 1.0, new PlanarSubstrate(substrate), height, wavelength,
                                                             new Illumination(angleDeg * Math.PI / 180, pol, from)),
                                new SubstrateSettings(ExtraOrders: extra));

    static void Near(double expected, double actual, double rel) => Assert.Equal(expected, actual, rel * Math.Abs(expected));

    [Fact]
    public void Case_A_the_headline_sphere_touching_glass()
    {
        var r = Solve(265e-9, Mapi980, 1.4507, 265e-9, 980e-9, 0, PlanePolarisation.TM, IncidenceSide.Host, 30);
        Near(0.176566958373, r.Qabs, 1e-9);
        Near(0.545842928589, r.QscaHost, 1e-9);
        Near(4.19775024619, r.QscaSubstrate, 1e-9);
        Near(4.92016013315, r.Qext, 1e-9);
        Near(0.95075377289, r.Qabs / r.QabsFree, 1e-9);
    }

    [Theory]
    [InlineData(PlanePolarisation.TE, 0.161655963227, 1.1336122339, 3.8368036519, 5.13207184902)]
    [InlineData(PlanePolarisation.TM, 0.151650414003, 0.62091347636, 3.5976939003, 4.37025779067)]
    public void Case_B_oblique_incidence(PlanePolarisation pol, double qabs, double host, double sub, double ext)
    {
        var r = Solve(265e-9, Mapi980, 1.4507, 265e-9, 980e-9, 45, pol, IncidenceSide.Host, 20);
        Near(qabs, r.Qabs, 1e-8);
        Near(host, r.QscaHost, 1e-8);
        Near(sub, r.QscaSubstrate, 1e-8);
        Near(ext, r.Qext, 1e-8);
    }

    [Fact]
    public void Case_C_a_lossless_sphere_above_glass()
    {
        var r = Solve(150e-9, 2.0, 1.5, 200e-9, 800e-9, 30, PlanePolarisation.TM, IncidenceSide.Host, 6);
        Near(0.411283706715, r.QscaHost, 1e-9);
        Near(1.2910536073, r.QscaSubstrate, 1e-9);
        Near(1.70233731402, r.Qext, 1e-9);
    }

    [Fact]
    public void Case_D_an_absorbing_sphere_on_silicon()
    {
        var r = Solve(100e-9, new Complex(2.3, 0.1), new Complex(4.22, 0.05), 100e-9, 520e-9, 0, PlanePolarisation.TM,
                      IncidenceSide.Host, 40);
        Near(0.66466360308, r.Qabs, 3e-8);
        Near(3.55251070062, r.QscaHost, 3e-8);
        Near(1.98941777468, r.QscaSubstrate, 3e-8); // absorbed by the silicon near the particle
        Near(6.20659207838, r.Qext, 3e-8);
    }

    [Theory]
    [InlineData(PlanePolarisation.TE, 1.18842810863, 0.412274538894, 1.60070264752)]
    [InlineData(PlanePolarisation.TM, 1.15125323188, 0.480503905001, 1.63175713689)]
    public void Case_E_lit_from_inside_the_glass(PlanePolarisation pol, double host, double sub, double ext)
    {
        var r = Solve(150e-9, 2.0, 1.5, 200e-9, 800e-9, 20, pol, IncidenceSide.Substrate, 6);
        Near(host, r.QscaHost, 1e-9);
        Near(sub, r.QscaSubstrate, 1e-9);
        Near(ext, r.Qext, 1e-9);
    }

    [Fact]
    public void Case_F_a_small_sphere_touching_a_high_index_substrate()
    {
        var r = Solve(10e-9, new Complex(1.5, 0.1), 3.5, 10e-9, 800e-9, 0, PlanePolarisation.TM, IncidenceSide.Host, 30);
        Near(3.61054760e-3, r.Qabs, 1e-8);
        Near(1.5089583996e-7, r.QscaHost, 1e-8);
        Near(5.329518178e-6, r.QscaSubstrate, 1e-8);
        Near(3.61602801e-3, r.Qext, 1e-8);
    }
}
