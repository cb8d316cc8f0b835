using MieCool.Core;

namespace MieCool.Cases.Tests;

/// <summary>[optics] substrate: the sphere on the substrate by default, the homogeneous host on request.</summary>
public class SubstrateOpticsKeyTests
{
    static string Optical(string optics = "", string substrate = "main/SiO2/nk/Malitson") => CaseFileTests.Full
        .Replace("[source]\n        power = \"1 uW\"", "", StringComparison.Ordinal)
        .Replace("main/SiO2/nk/Malitson", substrate, StringComparison.Ordinal) + $$"""

        [optics]
        pump_wavelength = "980 nm"
        intensity = "7e6 W/cm^2"
        {{optics}}
        """;

    static Case Load(string text) => Case.Parse(text, "t.toml");

    [Fact]
    public void The_interface_is_the_default_and_resolves_the_substrate_page()
    {
        var spec = Load(Optical()).Find<OpticsSpec>()!;
        Assert.Equal(SubstrateOpticsModel.Interface, spec.Substrate);
        Assert.NotNull(spec.SubstrateMaterial);
        Assert.Equal(1.4507, spec.SubstrateMaterial!.At(980e-9).Real, 3e-3); // fused silica (Malitson) at 980 nm
    }

    [Fact]
    public void None_keeps_the_homogeneous_host()
    {
        var spec = Load(Optical("substrate = \"none\"")).Find<OpticsSpec>()!;
        Assert.Equal(SubstrateOpticsModel.None, spec.Substrate);
        Assert.Null(spec.SubstrateMaterial);
    }

    [Fact]
    public void An_unknown_substrate_page_is_refused_against_its_key()
    {
        var e = Assert.Throws<InputException>(() => Load(Optical(substrate: "main/SiO2/nk/Nobody")));
        Assert.Contains("substrate.material", e.Message + e.Key);
    }

    [Fact]
    public void An_unknown_model_lists_the_choices()
    {
        var e = Assert.Throws<InputException>(() => Load(Optical("substrate = \"mirror\"")));
        Assert.Contains("interface", e.Valid ?? e.Message);
    }
}
