using MieCool.Core;

namespace MieCool.Core.Tests;

public class UnitsTests
{
    [Theory]
    [InlineData("530 nm", Dimension.Length, 530e-9)]
    [InlineData("530nm", Dimension.Length, 530e-9)]
    [InlineData("0.53 um", Dimension.Length, 530e-9)]
    [InlineData("0.53 µm", Dimension.Length, 530e-9)]
    [InlineData("7e6 W/cm^2", Dimension.Intensity, 7e10)]
    [InlineData("7e6W/cm2", Dimension.Intensity, 7e10)]
    [InlineData("0.5 W/(m K)", Dimension.Conductivity, 0.5)]
    [InlineData("1.38 W/m/K", Dimension.Conductivity, 1.38)]
    [InlineData("293.15 K", Dimension.Temperature, 293.15)]
    [InlineData("20 degC", Dimension.Temperature, 293.15)]
    [InlineData("1 uW", Dimension.Power, 1e-6)]
    [InlineData("1e8 W/(m^2 K)", Dimension.HeatTransferCoefficient, 1e8)]
    public void Parses_to_SI(string text, Dimension d, double expected) =>
        Assert.Equal(expected, Units.Parse(text, d, "test"), 12);

    [Theory]
    [InlineData("530", Dimension.Length, "a unit is required")]
    [InlineData("530 furlongs", Dimension.Length, "unknown unit")]
    [InlineData("abc nm", Dimension.Length, "not a number")]
    [InlineData("7e6 W/cm", Dimension.Intensity, "unknown unit")]
    public void Rejects_with_a_message_naming_source_key_value_and_valid_units(string text, Dimension d, string problem)
    {
        var e = Assert.Throws<InputException>(() => Units.Parse(text, d, "case.toml", "particle.diameter", 4));
        Assert.Contains(problem, e.Message);
        Assert.Contains("case.toml:4", e.Message);
        Assert.Contains("particle.diameter", e.Message);
        Assert.Contains(text, e.Message);
        Assert.Contains("valid:", e.Message);
    }

    [Fact]
    public void Range_includes_both_ends()
    {
        var r = SweepRange.Parse("500:1100:1nm", Dimension.Length, "--wavelengths");
        Assert.Equal(601, r.Count);
        var v = r.Values();
        Assert.Equal(500e-9, v[0], 15);
        Assert.Equal(1100e-9, v[^1], 15);
    }

    [Theory]
    [InlineData("1100:500:1nm", "empty range")]
    [InlineData("500:1100:0nm", "step must be positive")]
    [InlineData("500:1100", "malformed range")]
    public void Range_rejects_bad_input(string text, string problem)
    {
        var e = Assert.Throws<InputException>(() => SweepRange.Parse(text, Dimension.Length, "--wavelengths"));
        Assert.Contains(problem, e.Message);
        Assert.Contains("--wavelengths", e.Message);
    }
}
