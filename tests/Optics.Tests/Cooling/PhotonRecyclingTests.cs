using System.Numerics;
using MieCool.Optics.Cooling;
using MieCool.Optics.Materials;
using MieCool.Optics.Mie;
using M = MieCool.Optics.Materials.MaterialLibrary;

namespace MieCool.Optics.Tests.Cooling;

/// <summary>Escape and re-absorption of the luminescence (p_e, p_r) and the background's share of the re-absorption.</summary>
public class PhotonRecyclingTests
{
    const string Mapi = "other/perovskite/CH3NH3PbI3/nk/Phillips";
    static readonly EmissionSpectrum Line = EmissionSpectrum.Gaussian(775e-9, 40e-9);

    static CoolingInputs Inputs(double backgroundPerM, double etaInt = 0.99, double diameter = 530e-9) =>
        new(M.Resolve(Mapi, "test"), diameter, 1.0, 980e-9, 7e10, etaInt, Line, new TabulatedAbsorption(), backgroundPerM);

    /// <summary>A one-wavelength emission line (a narrow table line: all its weight at 775 nm).</summary>
    static EmissionSpectrum Monochromatic(double wavelengthM) =>
        EmissionSpectrum.Table([wavelengthM * (1 - 1e-9), wavelengthM * (1 + 1e-9)], [1, 1], "test line");

    [Fact]
    public void Without_background_absorption_eta_ext_is_the_full_recycling_value_exactly()
    {
        var r = CoolingModel.Evaluate(Inputs(0));
        double f = r.Escape.FBulkAverage, eta = r.InternalQuantumEfficiencyUsed;
        Assert.Equal(f * eta / (f * eta + 1 - eta), r.ExternalQuantumEfficiency); // bitwise: issue 11's requirement
        Assert.Equal(0.0, r.Escape.Recycling.BackgroundReabsorption);
        Assert.Equal(1.0, r.Escape.Recycling.Escape + r.Escape.Recycling.Reabsorption, 15);
    }

    [Theory]
    [InlineData(0.0, 0.99)]
    [InlineData(1e4, 0.99)]   // 100 /cm
    [InlineData(1e5, 0.9)]    // 1000 /cm
    [InlineData(1e6, 0.5)]
    public void Eta_ext_is_the_sum_over_generations_of_recycled_photons(double backgroundPerM, double etaInt)
    {
        // a second route: follow the excitations generation by generation. Each one makes a photon with probability
        // eta' = F_tot eta / (F_tot eta + 1 - eta); the photon escapes (p_e), makes a new excitation (p_r - p_r,b) or heats.
        var r = CoolingModel.Evaluate(Inputs(backgroundPerM, etaInt));
        var rc = r.Escape.Recycling;
        double etaPrime = rc.TotalRate * etaInt / (rc.TotalRate * etaInt + 1 - etaInt);
        double alive = 1, escaped = 0;
        for (int generation = 0; generation < 100_000 && alive > 1e-18; generation++)
        {
            double photons = alive * etaPrime;
            escaped += photons * rc.Escape;
            alive = photons * (rc.Reabsorption - rc.BackgroundReabsorption);
        }
        Assert.Equal(escaped, r.ExternalQuantumEfficiency, 12);
    }

    [Fact]
    public void Background_absorption_takes_its_share_of_the_reabsorbed_photons()
    {
        // one wavelength, k_b = k_r: half of what the sphere re-absorbs goes to the background
        var material = new ConstantIndex(new Complex(2.55, 0.05));
        double wl = 775e-9, alphaB = 4 * Math.PI * 0.05 / wl;
        var line = Monochromatic(wl);
        var withB = CoolingModel.Escape(material, 530e-9, 1.0, line, alphaB, withPeak: false).Recycling;
        Assert.Equal(withB.Reabsorption / 2, withB.BackgroundReabsorption, 12);
        Assert.InRange(withB.Reabsorption, 0.05, 0.95);

        // and it lowers eta_ext below the sphere's whose k is all gap absorption (the same n + 0.1i, the same F)
        var gapOnly = CoolingModel.Escape(new ConstantIndex(new Complex(2.55, 0.10)), 530e-9, 1.0, line, 0, withPeak: false);
        var mixed = CoolingModel.Escape(material, 530e-9, 1.0, line, alphaB, withPeak: false);
        Assert.Equal(gapOnly.FBulkAverage, mixed.FBulkAverage, 12);
        Assert.True(mixed.ExternalQuantumEfficiency(0.99) < gapOnly.ExternalQuantumEfficiency(0.99));
        Assert.True(mixed.ExternalQuantumEfficiency(1.0) < 1); // even a perfect emitter loses photons to the background
        Assert.Equal(1.0, gapOnly.ExternalQuantumEfficiency(1.0), 15);
    }

    [Fact]
    public void Escape_probability_is_the_Kirchhoff_ratio_of_absorption_to_bulk_emission()
    {
        // detailed balance (Wurfel 1982): a body emitting at the bulk rate n^2 alpha V lets out n_host^2 Cabs of it.
        // F comes from the internal coefficients c_n, d_n integrated over the volume; Qabs from a_n, b_n.
        foreach (var (n, k, d, host) in new[] { (2.55, 0.05, 530e-9, 1.0), (2.3, 0.2, 300e-9, 1.33), (2.6, 0.01, 900e-9, 1.5) })
        {
            double wl = 775e-9;
            var escape = CoolingModel.Escape(new ConstantIndex(new Complex(n, k)), d, host, Monochromatic(wl), 0, withPeak: false);
            double a = d / 2, alpha = 4 * Math.PI * k / wl, volume = 4 * Math.PI * a * a * a / 3;
            var mie = MieSolver.Sphere(Convention.SizeParameter(a, wl, host), new Complex(n, k) / host);
            double cabs = mie.Efficiencies.Qabs * Math.PI * a * a;
            double kirchhoff = host * host * cabs / (n * n * alpha * volume);
            Assert.Equal(kirchhoff, escape.FBulkAverage, 8);
            Assert.Equal(Math.Min(kirchhoff, 1), escape.Recycling.Escape, 8);
        }
    }

    [Fact]
    public void A_large_absorbing_sphere_reabsorbs_almost_everything_a_resonant_clear_one_nothing()
    {
        var thick = CoolingModel.Escape(new ConstantIndex(new Complex(2.55, 0.3)), 5e-6, 1.0, Monochromatic(775e-9), 0, false);
        Assert.True(thick.Recycling.Escape < 0.05, $"p_e = {thick.Recycling.Escape}");
        // a nearly lossless 530 nm sphere at its magnetic-octupole resonance: F = 1.85 > 1, the emission is Purcell-enhanced
        // and (almost) nothing is absorbed: every photon escapes (an independent value: 1.847 from a Python evaluation of
        // the same sums with mpmath-free recurrences, and F_tot of the reflected Green's function, equal without loss)
        var clear = CoolingModel.Escape(new ConstantIndex(new Complex(2.55, 1e-7)), 530e-9, 1.0, Monochromatic(775e-9), 0, false);
        Assert.Equal(1.847, clear.FBulkAverage, 3);
        Assert.Equal(1.0, clear.Recycling.Escape);
        Assert.Equal(0.0, clear.Recycling.Reabsorption);
    }

    [Fact]
    public void Background_reabsorption_heats_the_particle_beyond_the_pump_background_alone()
    {
        // alpha_b at 100 /cm: the pump's share eta_abs and now also the luminescence's background share lower eta_c
        var none = CoolingModel.Evaluate(Inputs(0));
        var some = CoolingModel.Evaluate(Inputs(1e4));
        Assert.True(some.Escape.Recycling.BackgroundReabsorption > 0);
        Assert.True(some.ExternalQuantumEfficiency < none.ExternalQuantumEfficiency);
        double pumpOnly = none.ExternalQuantumEfficiency * some.AbsorptionEfficiency * 980e-9 / some.EscapeWavelengthM - 1;
        Assert.True(some.CoolingEfficiency < pumpOnly);
    }
}
