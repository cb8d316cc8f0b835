using MieCool.Core;
using MieCool.Optics.Cooling;

namespace MieCool.Cases.Tests;

/// <summary>[emission]'s carrier keys: carriers = "constant" | "abc" and the ABC coefficients, with units in their names.</summary>
public sealed class CarrierKeysTests
{
    static string Emission(string keys) => CaseFileTests.Full.Replace("[source]\n        power = \"1 uW\"", "") + $$"""

        [optics]
        pump_wavelength = "980 nm"
        intensity = "7e6 W/cm^2"
        [emission]
        peak = "775 nm"
        internal_quantum_efficiency = 0.99
        {{keys}}
        """;

    static EmissionSpec Parse(string keys) => Case.Parse(Emission(keys), "t.toml").Require<EmissionSpec>("test");

    [Fact]
    public void Without_carriers_the_constant_model_is_used()
    {
        var e = Parse("");
        Assert.IsType<CarrierModel.ConstantEfficiency>(e.Carriers);
        Assert.Equal(0.99, e.InternalQuantumEfficiency);
        Assert.IsType<CarrierModel.ConstantEfficiency>(Parse("carriers = \"constant\"").Carriers);
    }

    [Fact]
    public void The_abc_coefficients_are_converted_from_cgs_to_SI()
    {
        var abc = Assert.IsType<CarrierModel.Abc>(
            Parse("carriers = \"abc\"\nabc_a_per_s = 1e7\nabc_b_cm3_per_s = 1e-10\nabc_c_cm6_per_s = 1e-28").Carriers);
        Assert.Equal(1e7, abc.AS);
        Assert.Equal(1e-16, abc.B300M3PerS, 1e-30);  // 1 cm^3 = (1e-2 m)^3
        Assert.Equal(1e-40, abc.CM6PerS, 1e-54);     // 1 cm^6 = (1e-2 m)^6
        Assert.Equal(0.0, Assert.IsType<CarrierModel.Abc>(
            Parse("carriers = \"abc\"\nabc_a_per_s = 0\nabc_b_cm3_per_s = 2e-10\nabc_c_cm6_per_s = 0").Carriers).CM6PerS);
    }

    [Theory]
    [InlineData("carriers = \"abc\"\nabc_b_cm3_per_s = 1e-10\nabc_c_cm6_per_s = 1e-28", "emission.abc_a_per_s")]
    [InlineData("carriers = \"abc\"\nabc_a_per_s = 1e7\nabc_c_cm6_per_s = 1e-28", "emission.abc_b_cm3_per_s")]
    [InlineData("carriers = \"abc\"\nabc_a_per_s = 1e7\nabc_b_cm3_per_s = 1e-10", "emission.abc_c_cm6_per_s")]
    [InlineData("abc_a_per_s = 1e7", "emission.abc_a_per_s")]
    [InlineData("carriers = \"constant\"\nabc_c_cm6_per_s = 1e-28", "emission.abc_c_cm6_per_s")]
    [InlineData("carriers = \"abc\"\nabc_a_per_s = 1e7\nabc_b_cm3_per_s = 0\nabc_c_cm6_per_s = 1e-28", "emission.abc_b_cm3_per_s")]
    [InlineData("carriers = \"abc\"\nabc_a_per_s = -1\nabc_b_cm3_per_s = 1e-10\nabc_c_cm6_per_s = 1e-28", "emission.abc_a_per_s")]
    [InlineData("carriers = \"abc\"\nabc_a_per_s = 1\nabc_b_cm3_per_s = 1e-10\nabc_c_cm6_per_s = -1e-28", "emission.abc_c_cm6_per_s")]
    [InlineData("carriers = \"srh\"", "emission.carriers")]
    public void Missing_misplaced_and_out_of_range_coefficients_are_refused(string keys, string key) =>
        Assert.Contains(key, Assert.Throws<InputException>(() => Parse(keys)).Message);
}
