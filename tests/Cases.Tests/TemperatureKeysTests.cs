using MieCool.Core;
using MieCool.Coupling;
using MieCool.Optics.Cooling;

namespace MieCool.Cases.Tests;

/// <summary>The case keys of the temperature-dependent model: [absorption]'s band tail, [emission]'s shift, [steady_state].</summary>
public sealed class TemperatureKeysTests
{
    const double Mev = 1e-3 * PhysicalConstants.ElementaryCharge;

    static string Optical(string absorption, string steady = "", string emission = "") => CaseFileTests.Full.Replace(
        "[source]\n        power = \"1 uW\"", "") + $$"""

        [optics]
        pump_wavelength = "980 nm"
        intensity = "7e6 W/cm^2"
        [emission]
        peak = "775 nm"
        internal_quantum_efficiency = 0.99
        {{emission}}
        [absorption]
        {{absorption}}
        {{steady}}
        """;

    static Case Parse(string text) => Case.Parse(text, "t.toml");

    [Fact]
    public void The_band_tail_keys_become_a_BandTail_in_SI_and_the_data_temperature_defaults_to_the_ambient()
    {
        var c = Parse(Optical("""
            model = "tabulated"
            band_edge = "1.600 eV"
            band_edge_shift = "0.30 meV/K"
            urbach_energy = "15 meV"
            urbach_static = "3.8 meV"
            phonon_energy = "11.5 meV"
            """));
        var t = Assert.IsType<TabulatedAbsorption>(c.Require<AbsorptionSpec>("test").Model);
        Assert.Equal(293.15, t.DataTemperatureK);
        var tail = t.Tail!;
        Assert.Equal(1.6 * PhysicalConstants.ElementaryCharge, tail.EdgeJ, 1e-30);
        Assert.Equal(0.30 * Mev, tail.EdgeShiftJPerK, 1e-33);
        Assert.Equal((15 * Mev, 3.8 * Mev, 11.5 * Mev), (tail.UrbachEnergyJ, tail.UrbachStaticJ, tail.PhononEnergyJ));
        // without band-tail keys the page's k is used at every temperature
        Assert.Null(Assert.IsType<TabulatedAbsorption>(Parse(Optical("model = \"tabulated\"")).Require<AbsorptionSpec>("t").Model).Tail);
    }

    [Fact]
    public void The_urbach_model_needs_its_edge_energy_and_alpha0_and_a_constant_tail_by_default()
    {
        var c = Parse(Optical("model = \"urbach\"\nband_edge = \"1.61 eV\"\nurbach_energy = \"15 meV\"\nalpha0 = \"1.5e4 /cm\""));
        var u = Assert.IsType<UrbachAbsorption>(c.Require<AbsorptionSpec>("test").Model);
        Assert.Equal(1.5e6, u.Alpha0PerM, 1e-6);
        Assert.True(u.Tail.IsConstant);
        Assert.Contains("absorption.alpha0", Assert.Throws<InputException>(() =>
            Parse(Optical("model = \"urbach\"\nband_edge = \"1.61 eV\"\nurbach_energy = \"15 meV\""))).Message);
        Assert.Contains("absorption.phonon_energy", Assert.Throws<InputException>(() =>
            Parse(Optical("band_edge = \"1.6 eV\"\nurbach_energy = \"15 meV\"\nurbach_static = \"3.8 meV\""))).Message);
        Assert.Contains("absorption.urbach_static", Assert.Throws<InputException>(() =>
            Parse(Optical("band_edge = \"1.6 eV\"\nurbach_energy = \"15 meV\"\nurbach_static = \"20 meV\"\n" +
                          "phonon_energy = \"10 meV\""))).Message);
        Assert.Contains("absorption.data_temperature", Assert.Throws<InputException>(() =>
            Parse(Optical("model = \"urbach\"\nband_edge = \"1.61 eV\"\nurbach_energy = \"15 meV\"\nalpha0 = \"1e4 /cm\"\n" +
                          "data_temperature = \"300 K\""))).Message);
    }

    [Fact]
    public void The_steady_state_defaults_to_self_consistent_and_its_validity_range_must_increase()
    {
        var d = Parse(Optical("model = \"tabulated\"")).Require<SteadyStateSettings>("test");
        Assert.Equal(SteadyStateModel.SelfConsistent, d.Model);
        var s = Parse(Optical("model = \"tabulated\"",
                              "[steady_state]\nmodel = \"linear\"\nvalidity_min = \"162 K\"\nvalidity_max = \"327 K\""))
            .Require<SteadyStateSettings>("test");
        Assert.Equal((SteadyStateModel.Linear, 162.0, 327.0), (s.Model, s.ValidityMinK, s.ValidityMaxK));
        Assert.Contains("steady_state.validity_max", Assert.Throws<InputException>(() =>
            Parse(Optical("model = \"tabulated\"", "[steady_state]\nvalidity_min = \"300 K\"\nvalidity_max = \"200 K\""))).Message);
    }

    [Fact]
    public void The_emission_peak_shift_is_an_energy_per_kelvin()
    {
        var e = Parse(Optical("model = \"tabulated\"", emission: "peak_shift = \"0.35 meV/K\"\nline_shape = \"given\""))
            .Require<EmissionSpec>("test");
        Assert.Equal(0.35 * Mev, e.PeakShiftJPerK, 1e-33);
        Assert.Equal(EmissionLineShape.Given, e.LineShape);
    }
}
