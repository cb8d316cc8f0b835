using MieCool.Core;
using MieCool.Optics.Cooling;
using M = MieCool.Optics.Materials.MaterialLibrary;

namespace MieCool.Optics.Tests.Cooling;

/// <summary>The ABC carrier model: its limits, B(T), the maximum of eta_int, and the constant model unchanged.</summary>
public class CarrierModelTests
{
    const string Mapi = "other/perovskite/CH3NH3PbI3/nk/Phillips";
    const double D = 530e-9, Pump = 980e-9;

    static CoolingInputs Inputs(double intensity, CarrierModel? carriers = null, double temperature = 300) =>
        new(M.Resolve(Mapi, "test"), D, 1.0, Pump, intensity, 0.99, EmissionSpectrum.Gaussian(775e-9, 40e-9),
            new TabulatedAbsorption(), TemperatureK: temperature, Carriers: carriers);

    /// <summary>Photons absorbed per second per m^3 of the sphere, written from the radius: P lambda / (h c) / (4/3 pi a^3).</summary>
    static double Generation(double absorbedPowerW)
    {
        double a = D / 2;
        return absorbedPowerW * Pump / (PhysicalConstants.Planck * PhysicalConstants.SpeedOfLight) / (4.0 / 3 * Math.PI * a * a * a);
    }

    /// <summary>The intensity, W/m^2, at which the sphere absorbs <paramref name="g"/> photons per second per m^3.</summary>
    static double IntensityFor(double g)
    {
        double cabs = CoolingModel.Evaluate(Inputs(1)).Pump.CabsM2;
        double a = D / 2;
        return g * (4.0 / 3 * Math.PI * a * a * a) * (PhysicalConstants.Planck * PhysicalConstants.SpeedOfLight / Pump) / cabs;
    }

    [Fact]
    public void Radiative_recombination_alone_gives_eta_int_exactly_one_at_any_intensity()
    {
        foreach (double intensity in (double[])[1e-3, 7e10, 1e20])
        {
            var r = CoolingModel.Evaluate(Inputs(intensity, new CarrierModel.Abc(0, 1e-16, 0)));
            Assert.Equal(1.0, r.InternalQuantumEfficiencyUsed);
            Assert.Equal(1.0, r.ExternalQuantumEfficiency, 1e-15);
            // N = sqrt(G / B) when only B recombines
            Assert.Equal(Math.Sqrt(Generation(r.AbsorbedPowerW) / 1e-16), r.CarrierDensityPerM3!.Value,
                         1e-12 * r.CarrierDensityPerM3.Value);
        }
    }

    [Fact]
    public void At_low_generation_trap_recombination_dominates_and_eta_int_is_B_N_over_A_with_N_G_over_A()
    {
        const double a = 1e7, b = 1e-16, c = 1e-40;
        var r = CoolingModel.Evaluate(Inputs(1e-2, new CarrierModel.Abc(a, b, c)));
        double g = Generation(r.AbsorbedPowerW);
        double n0 = g / a, x = b * n0 / a;          // x: the first-order correction, eta = x (1 - 2 x + ...)
        Assert.InRange(x, 1e-12, 1e-5);
        Assert.Equal(n0, r.CarrierDensityPerM3!.Value, 2 * x * n0);
        Assert.InRange(Math.Abs(r.InternalQuantumEfficiencyUsed / x - 1), 0, 3 * x);
    }

    [Fact]
    public void At_huge_generation_Auger_dominates_and_eta_int_is_B_over_C_N_with_N_the_cube_root_of_G_over_C()
    {
        const double a = 1e7, b = 1e-16, c = 1e-40, gTarget = 1e47; // N ~ 1e29 /m^3 >> B / C = 1e24 /m^3
        var r = CoolingModel.Evaluate(Inputs(IntensityFor(gTarget), new CarrierModel.Abc(a, b, c)));
        double g = Generation(r.AbsorbedPowerW);
        Assert.Equal(gTarget, g, 1e-9 * gTarget);
        double n0 = Math.Pow(g / c, 1.0 / 3), y = b / (c * n0); // y ~ 1e-5: the relative size of the radiative term
        Assert.InRange(y, 1e-7, 1e-4);
        Assert.Equal(n0, r.CarrierDensityPerM3!.Value, y * n0);       // N = n0 (1 - y/3 + ...)
        Assert.InRange(Math.Abs(r.InternalQuantumEfficiencyUsed / y - 1), 0, 2 * y);
        Assert.True(r.CoolingEfficiency < 0); // eta_int ~ 1e-5: it heats
    }

    [Fact]
    public void The_radiative_coefficient_scales_as_T_to_the_minus_three_halves()
    {
        var abc = new CarrierModel.Abc(1e7, 1e-16, 1e-40);
        Assert.Equal(1e-16, abc.RadiativeCoefficientM3PerS(300));
        Assert.Equal(1.5 * Math.Sqrt(1.5), abc.RadiativeCoefficientM3PerS(200) / abc.RadiativeCoefficientM3PerS(300), 1e-14);
        // at fixed N the radiative share follows B(T): B' N^2 / (A N + B' N^2 + C N^3)
        const double n = 1e23;
        double b200 = 1e-16 * Math.Sqrt(1.5 * 1.5 * 1.5);
        Assert.Equal(b200 * n / (1e7 + b200 * n + 1e-40 * n * n), abc.InternalQuantumEfficiency(n, 200), 1e-14);
    }

    [Fact]
    public void Eta_int_rises_then_falls_with_the_intensity_and_peaks_where_A_N_equals_C_N_cubed()
    {
        const double a = 1e6, b = 1e-16, c = 1e-40, t = 300;
        var abc = new CarrierModel.Abc(a, b, c);
        double cabs = CoolingModel.Evaluate(Inputs(1)).Pump.CabsM2;
        const int count = 4001;
        var eta = new double[count]; var n = new double[count];
        for (int i = 0; i < count; i++)
        {
            double intensity = Math.Pow(10, 2 + 14.0 * i / (count - 1)); // 1e2 to 1e16 W/m^2
            n[i] = abc.CarrierDensityPerM3(Generation(cabs * intensity), t);
            eta[i] = abc.InternalQuantumEfficiency(n[i], t);
        }
        int best = Array.IndexOf(eta, eta.Max());
        Assert.InRange(best, 1, count - 2);
        for (int i = 1; i <= best; i++) Assert.True(eta[i] > eta[i - 1], $"rises below the maximum ({i})");
        for (int i = best + 1; i < count; i++) Assert.True(eta[i] < eta[i - 1], $"falls above the maximum ({i})");
        double nStar = Math.Sqrt(a / c); // d/dN [B N / (A + B N + C N^2)] = 0 at A = C N^2
        Assert.InRange(n[best] / nStar, 0.995, 1.005); // the grid step in N is ~ 0.3 % near the maximum
        // and its value there: B / (B + 2 sqrt(A C))
        Assert.Equal(b / (b + 2 * Math.Sqrt(a * c)), eta[best], 1e-5);
    }

    [Fact]
    public void The_constant_model_is_bitwise_the_fixed_eta_int_result()
    {
        var plain = CoolingModel.Evaluate(Inputs(7e10));
        var constant = CoolingModel.Evaluate(Inputs(7e10, new CarrierModel.ConstantEfficiency()));
        double etaExt = CoolingModel.ExternalQuantumEfficiency(plain.Escape.FBulkAverage, 0.99);
        double etaC = CoolingModel.CoolingEfficiency(etaExt, plain.AbsorptionEfficiency, Pump, plain.EscapeWavelengthM);
        foreach (var r in (CoolingResult[])[plain, constant])
        {
            Assert.Equal(etaExt, r.ExternalQuantumEfficiency);
            Assert.Equal(etaC, r.CoolingEfficiency);
            Assert.Equal(-etaC * r.AbsorbedPowerW, r.HeatPowerW);
            Assert.Equal(0.99, r.InternalQuantumEfficiencyUsed);
            Assert.Null(r.CarrierDensityPerM3);
        }
        Assert.Equal(plain.AbsorbedPowerW, constant.AbsorbedPowerW);
    }

    [Fact]
    public void The_ABC_model_enters_the_temperature_functions_as_in_Evaluate()
    {
        var inputs = Inputs(7e10, new CarrierModel.Abc(1e6, 1e-16, 1e-40), temperature: 250);
        var r = CoolingModel.Evaluate(inputs);
        var map = CoolingModel.EfficiencyMap(inputs, [Pump], [250]);
        Assert.Equal(r.CoolingEfficiency, map[0, 0], 1e-12);
        Assert.Throws<InputException>(() => CoolingMap.Compute(inputs, [D], [Pump]));
    }

    [Theory]
    [InlineData(-1, 1e-16, 0, "abc_a")]
    [InlineData(0, 0, 0, "abc_b")]
    [InlineData(0, double.NaN, 0, "abc_b")]
    [InlineData(0, 1e-16, -1e-40, "abc_c")]
    public void Coefficients_outside_their_range_are_refused(double a, double b, double c, string key)
    {
        var e = Assert.Throws<InputException>(() => CoolingModel.Evaluate(Inputs(7e10, new CarrierModel.Abc(a, b, c))));
        Assert.Contains(key, e.Message);
    }

    [Fact]
    public void No_pump_means_no_carriers_and_the_limit_of_eta_int()
    {
        var withTraps = CoolingModel.Evaluate(Inputs(0, new CarrierModel.Abc(1e6, 1e-16, 1e-40)));
        Assert.Equal((0.0, 0.0), (withTraps.CarrierDensityPerM3!.Value, withTraps.InternalQuantumEfficiencyUsed));
        var radiative = CoolingModel.Evaluate(Inputs(0, new CarrierModel.Abc(0, 1e-16, 1e-40)));
        Assert.Equal(1.0, radiative.InternalQuantumEfficiencyUsed);
    }
}
