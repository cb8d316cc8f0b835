using MieCool.Core;
using MieCool.Thermal;

namespace MieCool.Cases.Tests;

/// <summary>
/// [thermal]'s temperature-dependent conductivity: the sub-table conductivity_exponent (particle, shell, substrate, air;
/// plain numbers in [-3, 3], default 0) and conductivity_temperature (the temperature of the [thermal.conductivity]
/// values, default 300 K).
/// </summary>
public sealed class ConductivityKeysTests
{
    /// <summary>The full example with <paramref name="thermal"/> lines in [thermal] and <paramref name="table"/> in its own
    /// sub-table [thermal.conductivity_exponent].</summary>
    static string With(string thermal = "", string table = "") => CaseFileTests.Full.Replace("[thermal.solver]",
        thermal + "\n" + (table.Length > 0 ? "[thermal.conductivity_exponent]\n" + table + "\n" : "") + "[thermal.solver]");

    static ThermalSettings Parse(string text) => Case.Parse(text, "t.toml").Thermal!;

    static InputException Fails(string text) => Assert.Throws<InputException>(() => Case.Parse(text, "t.toml"));

    [Fact]
    public void Without_the_keys_or_with_zero_exponents_the_conductivities_are_constant_and_the_settings_unchanged()
    {
        var plain = Parse(CaseFileTests.Full);
        Assert.Same(ConductivityExponents.None, plain.ConductivityExponent);
        Assert.Equal(300, plain.ConductivityReferenceK);
        var zeros = Parse(With(table: "particle = 0\nsubstrate = 0.0\nair = 0"));
        Assert.Equal(plain, zeros);
        Assert.True(zeros.ConductivityExponent.IsConstant);
    }

    [Fact]
    public void The_exponents_and_their_reference_temperature_reach_the_thermal_settings()
    {
        var t = Parse(With("conductivity_temperature = \"250 K\"", "particle = -0.5\nsubstrate = 0.3\nair = 0.8"));
        Assert.Equal(new ConductivityExponents(-0.5, 0, 0.3, 0.8), t.ConductivityExponent);
        Assert.Equal(250, t.ConductivityReferenceK);
        Assert.Equal(new RegionConductivities(0.5, null, 1.38, 0.026), t.Conductivity); // the values at 250 K
        // dotted keys in [thermal] are the same case; the Celsius temperature is converted
        var dotted = Parse(With("conductivity_exponent.substrate = 3\nconductivity_temperature = \"26.85 degC\""));
        Assert.Equal(new ConductivityExponents(0, 0, 3, 0), dotted.ConductivityExponent);
        Assert.Equal(300, dotted.ConductivityReferenceK, 1e-9);
    }

    [Theory]
    [InlineData("", "particle = 3.5", "thermal.conductivity_exponent.particle", "a number in [-3, 3]")]
    [InlineData("", "substrate = -3.01", "thermal.conductivity_exponent.substrate", "a number in [-3, 3]")]
    [InlineData("", "air = \"0.8\"", "thermal.conductivity_exponent.air", "a number in [-3, 3]")]
    [InlineData("", "shell = 1", "thermal.conductivity_exponent.shell", "give particle.shell_thickness")]
    [InlineData("", "particel = -1", "thermal.conductivity_exponent.particel", "particle")]
    [InlineData("conductivity_temperature = \"0 K\"", "", "thermal.conductivity_temperature", "(0, 5000] K")]
    [InlineData("conductivity_temperature = 300", "", "thermal.conductivity_temperature", "a temperature")]
    [InlineData("conductivity_temperature = \"300 nm\"", "", "thermal.conductivity_temperature", "a temperature")]
    public void A_bad_value_is_one_error_naming_the_key_and_what_is_valid(string thermal, string table, string key, string valid)
    {
        var e = Fails(With(thermal, table));
        Assert.Contains(key, e.Message);
        Assert.Contains(valid, e.Message);
        Assert.Contains("t.toml:", e.Message);
        Assert.Single(e.Message.Split('\n'));
    }

    [Fact]
    public void A_shell_exponent_of_zero_without_a_shell_is_the_default_and_accepted()
    {
        Assert.True(Parse(With(table: "shell = 0")).ConductivityExponent.IsConstant);
    }

    /// <summary>`miecool template` writes the keys with their defaults, and its text parses: a template case stays constant.</summary>
    [Fact]
    public void The_template_lists_the_keys_with_their_defaults()
    {
        var template = CaseSchema.Standard.Template();
        Assert.Contains("[thermal.conductivity_exponent]", template);
        Assert.Contains("conductivity_temperature = \"300 K\"", template);
        foreach (var leaf in new[] { "particle", "shell", "substrate", "air" })
            Assert.Contains($"{leaf} = 0\n", template.Replace("\r\n", "\n"));
    }
}
