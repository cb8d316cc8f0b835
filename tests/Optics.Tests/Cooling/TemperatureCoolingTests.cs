using MieCool.Core;
using MieCool.Optics.Cooling;
using static MieCool.Optics.Tests.Cooling.Tails;
using M = MieCool.Optics.Materials.MaterialLibrary;

namespace MieCool.Optics.Tests.Cooling;

public class TemperatureCoolingTests
{
    static readonly IRefractiveIndex Phillips = M.Resolve("other/perovskite/CH3NH3PbI3/nk/Phillips", "test");

    static CoolingInputs Inputs(SubGapAbsorption absorption, double background = 0, double beta = 0, double t = 300) =>
        new(Phillips, 530e-9, 1.0, 980e-9, 7e10, 0.99, EmissionSpectrum.Gaussian(775e-9, 40e-9), absorption, background,
            TemperatureK: t, EmissionPeakShiftJPerK: beta);

    /// <summary>alpha of the Phillips page at 980 nm, 1/m.</summary>
    static double PageAlpha980 => 4 * Math.PI * Phillips.At(980e-9).Imaginary / 980e-9;

    public static TheoryData<int> Models => [0, 1, 2];

    static SubGapAbsorption LinearModel(int i) => i switch
    {
        0 => new TabulatedAbsorption(BandTail.Constant(1.6 * ElectronVolt, 15 * Mev)),
        1 => UrbachAbsorption.Constant(1.61, 0.015, 1e6),
        // gamma = 0 and E_U,st = E_U: the phonon energy does not matter
        _ => new TabulatedAbsorption(new BandTail(1.6 * ElectronVolt, 0, 15 * Mev, 15 * Mev, 11.5 * Mev), 250),
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Without_any_temperature_dependence_every_temperature_gives_the_300_K_result_bitwise(int model)
    {
        var inputs = Inputs(LinearModel(model), background: 0.1 * PageAlpha980);
        var reference = CoolingModel.Evaluate(inputs);
        foreach (double t in new[] { 80.0, 150, 299.5, 420 })
        {
            var r = CoolingModel.Evaluate(inputs with { TemperatureK = t });
            Assert.Equal(reference.Pump.Qabs, r.Pump.Qabs);
            Assert.Equal(reference.CoolingEfficiency, r.CoolingEfficiency);
            Assert.Equal(reference.HeatPowerW, r.HeatPowerW);
            Assert.Equal(reference.EscapeWavelengthM, r.EscapeWavelengthM);
        }
    }

    [Fact]
    public void The_result_uses_the_resonant_k_and_the_emission_at_the_particle_temperature()
    {
        var absorption = new TabulatedAbsorption(Mapi);
        var inputs = Inputs(absorption, beta: 0.30 * Mev, t: 250);
        var r = CoolingModel.Evaluate(inputs);
        Assert.Equal(absorption.ResonantK(Phillips, 980e-9, 250), r.Pump.ResonantK);
        Assert.Equal(inputs.EmissionAt(250).Wavelengths, r.EmissionUsed.Wavelengths);
        Assert.Equal(r.EmissionUsed.Wavelengths, r.Escape.WavelengthsM);
        Assert.NotEqual(inputs.Emission.Wavelengths, r.EmissionUsed.Wavelengths);
        // the line red-shifted by 15 meV: the escaping photons carry less energy
        var at300 = CoolingModel.Evaluate(inputs with { TemperatureK = 300 });
        Assert.True(r.EscapeWavelengthM > at300.EscapeWavelengthM);
        Assert.Same(inputs.Emission, at300.EmissionUsed);
    }

    [Fact]
    public void Zero_cooling_temperature_is_where_the_efficiency_changes_sign()
    {
        // the page's k at 980 nm taken at 300 K, rescaled by the tail; a background of 1% of it at 300 K
        var inputs = Inputs(new TabulatedAbsorption(Mapi), background: 0.01 * PageAlpha980, beta: 0.30 * Mev);
        double Eta(double t) => CoolingModel.Evaluate(inputs with { TemperatureK = t }).CoolingEfficiency;
        Assert.True(Eta(300) > 0);
        Assert.True(Eta(150) < 0);
        double? root = CoolingModel.ZeroCoolingTemperature(inputs, 150, 300);
        Assert.NotNull(root);
        double t0 = root.Value;
        Assert.InRange(t0, 150, 300);
        Assert.True(Math.Abs(Eta(t0)) < 1e-6, $"eta_c({t0} K) = {Eta(t0)}");
        Assert.True(Eta(t0 - 1e-3) < 0 && Eta(t0 + 1e-3) > 0);
        // a smaller background lets the particle cool further down
        double? lower = CoolingModel.ZeroCoolingTemperature(inputs with { BackgroundAbsorptionPerM = 0.001 * PageAlpha980 }, 100, 300);
        Assert.True(lower < t0);
    }

    [Fact]
    public void Zero_cooling_temperature_is_null_without_a_sign_change()
    {
        // no background: eta_abs = 1 at every temperature, the particle cools throughout
        Assert.Null(CoolingModel.ZeroCoolingTemperature(Inputs(new TabulatedAbsorption(Mapi)), 150, 300));
        // no temperature dependence and a heating particle: heats everywhere
        Assert.Null(CoolingModel.ZeroCoolingTemperature(Inputs(LinearModel(0), background: 100 * PageAlpha980), 150, 300));
        Assert.Equal("temperature",
            Assert.Throws<InputException>(() => CoolingModel.ZeroCoolingTemperature(Inputs(LinearModel(0)), 300, 150)).Key);
        Assert.Equal("temperature",
            Assert.Throws<InputException>(() => CoolingModel.ZeroCoolingTemperature(Inputs(LinearModel(0)), 0, 150)).Key);
    }

    [Fact]
    public void Efficiency_map_points_equal_single_evaluations()
    {
        var inputs = Inputs(new UrbachAbsorption(Mapi, 1e6), background: 1, beta: 0.30 * Mev);
        double[] pumps = [900e-9, 980e-9, 1050e-9], temps = [200, 250, 300, 330];
        var map = CoolingModel.EfficiencyMap(inputs, pumps, temps);
        Assert.Equal(pumps.Length, map.GetLength(0));
        Assert.Equal(temps.Length, map.GetLength(1));
        for (int i = 0; i < pumps.Length; i++)
            for (int j = 0; j < temps.Length; j++)
            {
                var r = CoolingModel.Evaluate(inputs with { PumpWavelengthM = pumps[i], TemperatureK = temps[j] });
                Assert.Equal(r.CoolingEfficiency, map[i, j], 1e-14);
            }
        // the Urbach tail refuses a pump above the edge: 1.585 eV is above E0(200 K) = 1.570 eV
        Assert.Equal("absorption",
            Assert.Throws<InputException>(() => CoolingModel.EfficiencyMap(inputs, [Hc / (1.585 * ElectronVolt)], temps)).Key);
        Assert.Equal("temperature", Assert.Throws<InputException>(() => CoolingModel.EfficiencyMap(inputs, pumps, [300, -1])).Key);
    }

    [Fact]
    public void Cooling_map_is_evaluated_at_the_template_temperature()
    {
        var inputs = Inputs(new TabulatedAbsorption(Mapi), background: 100, beta: 0.30 * Mev, t: 250);
        double[] d = [400e-9, 530e-9], p = [950e-9, 1000e-9];
        var map = CoolingMap.Compute(inputs, d, p);
        var at300 = CoolingMap.Compute(inputs with { TemperatureK = 300 }, d, p);
        for (int i = 0; i < d.Length; i++)
            for (int j = 0; j < p.Length; j++)
            {
                var r = CoolingModel.Evaluate(inputs with { DiameterM = d[i], PumpWavelengthM = p[j] });
                Assert.Equal(r.CoolingEfficiency, map.CoolingEfficiency[i, j], 1e-12);
                Assert.Equal(r.CoolingPowerW, map.CoolingPowerW[i, j], 1e-12 * Math.Abs(r.CoolingPowerW));
                Assert.NotEqual(at300.CoolingEfficiency[i, j], map.CoolingEfficiency[i, j]);
            }
    }

    [Fact]
    public void Temperature_inputs_are_validated()
    {
        var good = Inputs(new TabulatedAbsorption(Mapi));
        good.Validate();
        (CoolingInputs Inputs, string Key)[] bad =
        [
            (good with { TemperatureK = 0 }, "temperature"),
            (good with { TemperatureK = -10 }, "temperature"),
            (good with { TemperatureK = double.NaN }, "temperature"),
            (good with { TemperatureK = double.PositiveInfinity }, "temperature"),
            (good with { EmissionReferenceK = 0 }, "emission_reference"),
            (good with { EmissionPeakShiftJPerK = double.NaN }, "peak_shift"),
            (good with { LineShape = (EmissionLineShape)7 }, "line_shape"),
            (good with { Absorption = new TabulatedAbsorption(Mapi with { UrbachStaticJ = 20 * Mev }) }, "absorption"),
        ];
        foreach (var (inputs, key) in bad)
        {
            Assert.Equal(key, Assert.Throws<InputException>(inputs.Validate).Key);
            Assert.Equal(key, Assert.Throws<InputException>(() => CoolingModel.Evaluate(inputs)).Key);
        }
    }
}
