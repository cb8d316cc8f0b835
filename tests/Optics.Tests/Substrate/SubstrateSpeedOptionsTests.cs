using System.Numerics;
using MieCool.Optics.Materials;
using MieCool.Optics.Substrate;

namespace MieCool.Optics.Tests.Substrate;

/// <summary>The options that skip or loosen work for the coupled model: they change nothing it uses.</summary>
public class SubstrateSpeedOptionsTests
{
    static readonly SphereOnSubstrateProblem Headline = new(265e-9, new Complex(2.31719, 0.0133512), 1.0, new PlanarSubstrate(1.4507),
                                                            265e-9, 980e-9, Illumination.NormalFromHost);

    [Fact]
    public void Without_the_scattered_powers_the_absorption_and_the_coefficients_are_the_same()
    {
        var full = SphereOnSubstrate.Solve(Headline);
        var light = SphereOnSubstrate.Solve(Headline, SubstrateSettings.Default with { ScatteredPowers = false });
        Assert.Equal(full.Qabs, light.Qabs);
        Assert.Equal(full.Lmax, light.Lmax);
        Assert.Equal(full.Internal.M, light.Internal.M);
        Assert.Equal(full.Internal.N, light.Internal.N);
        Assert.Equal(full.Multipoles.Select(t => t.Qabs), light.Multipoles.Select(t => t.Qabs));
        Assert.True(double.IsNaN(light.QscaHost) && double.IsNaN(light.QscaSubstrate) && double.IsNaN(light.Qext));
        Assert.True(light.Integrals < full.Integrals);
        var optics = new SubstrateOptics(new ConstantIndex(1.4507));
        Assert.False(optics.PumpSettings(980e-9).ScatteredPowers);
        Assert.Equal(SubstrateSettings.Default.Tolerance, optics.PumpSettings(980e-9).Tolerance);
        Assert.True(new SubstrateOptics(new ConstantIndex(new Complex(3.6, 0.01))).PumpSettings(980e-9).ScatteredPowers); // heat
    }

    [Fact]
    public void The_escape_ratio_at_its_looser_tolerance_is_the_tight_one_to_1e_8()
    {
        // a grid node (776 nm), where the interpolation returns the node's value
        var optics = new SubstrateOptics(new ConstantIndex(1.4537));
        Complex Index(double wl) => new(2.55 - 2e6 * (wl - 775e-9), 0.1);
        double wl = 776e-9;
        double ratio = optics.EscapeRatio(265e-9, 1.0, Index, 0, wl);
        var tight = SphereOnSubstrate.Emission(265e-9, Index(wl), 1.0, new PlanarSubstrate(1.4537), 265e-9, wl,
                                               new SubstrateSettings(Tolerance: 1e-12));
        Assert.Equal(tight.FLeaving / tight.FHostFree, ratio, 1e-8);
    }

    [Fact]
    public void A_sphere_too_large_for_the_interface_is_refused_before_any_work()
    {
        // x = 2 pi r / lambda = 2 pi 10 um / 0.60 um = 104 at the line's shortest wavelength: the all-order T-matrix would
        // take hours
        var inputs = new MieCool.Optics.Cooling.CoolingInputs(new ConstantIndex(new Complex(2.5, 0.01)), 20e-6, HostIndex: 1.0,
            PumpWavelengthM: 800e-9, IntensityWPerM2: 1e9, InternalQuantumEfficiency: 0.99,
            Emission: MieCool.Optics.Cooling.EmissionSpectrum.Gaussian(700e-9, 40e-9),
            Absorption: new MieCool.Optics.Cooling.TabulatedAbsorption(), Substrate: new SubstrateOptics(new ConstantIndex(1.45)));
        var e = Assert.Throws<MieCool.Core.InputException>(inputs.Validate);
        Assert.Equal("diameter", e.Key);
        Assert.Contains("optics.substrate = \"none\"", e.Message);
        (inputs with { Substrate = null }).Validate(); // in a homogeneous host the same sphere is fine
        (inputs with { DiameterM = 8e-6 }).Validate(); // x = 42
    }
}

/// <summary>The emitters' rate into the substrate side as the flux that leaves the sphere less the host's far field.</summary>
public class EmissionFluxTests
{
    [Theory]
    [InlineData(265e-9, 2.55, 0.1, 1.45, 0.0, 0.0, 0.0)]        // on glass
    [InlineData(100e-9, 2.55, 0.1, 4.22, 0.05, 0.0, 0.0)]       // on silicon: absorbed there, evanescent waves too
    [InlineData(150e-9, 2.3, 0.05, 3.7, 0.005, 1.45, 60e-9)]    // a film on silicon
    public void The_substrate_side_is_what_leaves_the_sphere_less_the_hosts_share(double radius, double n, double k, double ns,
                                                                                 double ks, double film, double thickness)
    {
        var substrate = film > 0 ? new PlanarSubstrate(new Complex(ns, ks), film, thickness) : new PlanarSubstrate(new Complex(ns, ks));
        var flux = SphereOnSubstrate.Emission(radius, new Complex(n, k), 1.0, substrate, radius, 775e-9);
        var integral = SphereOnSubstrate.EmissionByIntegrals(radius, new Complex(n, k), 1.0, substrate, radius, 775e-9);
        Assert.Equal(integral.FHost, flux.FHost);
        Assert.Equal(integral.FSubstrate, flux.FSubstrate, 1e-10 * integral.FSubstrate);
        Assert.True(flux.Integrals < integral.Integrals);
    }

}
