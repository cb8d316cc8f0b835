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

    // 1 eV = e J with e = 1.602176634e-19 C exactly (SI 2019), written out here rather than taken from PhysicalConstants
    const double JPerEv = 1.602176634e-19;

    [Theory]
    [InlineData("1.600 eV", Dimension.Energy, 1.600 * JPerEv)]
    [InlineData("15 meV", Dimension.Energy, 0.015 * JPerEv)]
    [InlineData("15meV", Dimension.Energy, 0.015 * JPerEv)]
    [InlineData("2.4e-21 J", Dimension.Energy, 2.4e-21)]
    [InlineData("0.30 meV/K", Dimension.EnergyPerTemperature, 3.0e-4 * JPerEv)]
    [InlineData("-4e-4 eV/K", Dimension.EnergyPerTemperature, -4e-4 * JPerEv)]
    [InlineData("1.380649e-23 J/K", Dimension.EnergyPerTemperature, 1.380649e-23)]
    [InlineData("1.5e4 /cm", Dimension.InverseLength, 1.5e6)]
    [InlineData("1.5e4 1/cm", Dimension.InverseLength, 1.5e6)]
    [InlineData("1.5e4 cm-1", Dimension.InverseLength, 1.5e6)]
    [InlineData("1.5e4 cm^-1", Dimension.InverseLength, 1.5e6)]
    [InlineData("10 /m", Dimension.InverseLength, 10)]
    [InlineData("10 1/m", Dimension.InverseLength, 10)]
    [InlineData("10 m-1", Dimension.InverseLength, 10)]
    [InlineData("0.2 /um", Dimension.InverseLength, 2e5)]
    [InlineData("0.2 1/µm", Dimension.InverseLength, 2e5)]
    [InlineData("0.2 um-1", Dimension.InverseLength, 2e5)]
    [InlineData("30 deg", Dimension.Angle, Math.PI / 6)]
    [InlineData("0deg", Dimension.Angle, 0)]
    [InlineData("0.5 rad", Dimension.Angle, 0.5)]
    [InlineData("250 mrad", Dimension.Angle, 0.25)]
    public void Parses_energies_energy_per_temperature_inverse_lengths_and_angles_to_SI(string text, Dimension d, double expected) =>
        Assert.Equal(expected, Units.Parse(text, d, "test"), Math.Abs(expected) * 1e-15);

    [Theory]
    [InlineData("1.6", Dimension.Energy, "a unit is required")]
    [InlineData("1.6 eV/K", Dimension.Energy, "unknown unit")]
    [InlineData("0.3 meV", Dimension.EnergyPerTemperature, "unknown unit")]
    [InlineData("1e4 cm", Dimension.InverseLength, "unknown unit")]
    [InlineData("30", Dimension.Angle, "a unit is required")]
    [InlineData("30 nm", Dimension.Angle, "unknown unit")]
    public void Rejects_a_unit_of_another_dimension(string text, Dimension d, string problem)
    {
        var e = Assert.Throws<InputException>(() => Units.Parse(text, d, "case.toml", "absorption.edge"));
        Assert.Contains(problem, e.Message);
        Assert.Contains($"for a {Units.Describe(d)}", e.Message);
        Assert.Contains(Units.Accepted(d), e.Message);
    }

    [Fact]
    public void New_dimensions_are_described_and_list_their_units()
    {
        Assert.Equal("energy", Units.Describe(Dimension.Energy));
        Assert.Equal("energy per temperature", Units.Describe(Dimension.EnergyPerTemperature));
        Assert.Equal("inverse length", Units.Describe(Dimension.InverseLength));
        Assert.Contains("meV", Units.Accepted(Dimension.Energy));
        Assert.Contains("meV/K", Units.Accepted(Dimension.EnergyPerTemperature));
        Assert.Contains("1/cm", Units.Accepted(Dimension.InverseLength));
        Assert.Equal("angle", Units.Describe(Dimension.Angle));
        Assert.Equal("rad, mrad, deg", Units.Accepted(Dimension.Angle));
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
