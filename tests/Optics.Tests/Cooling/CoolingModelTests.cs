using System.Numerics;
using MieCool.Core;
using MieCool.Optics.Cooling;
using MieCool.Optics.Mie;
using M = MieCool.Optics.Materials.MaterialLibrary;

namespace MieCool.Optics.Tests.Cooling;

public class CoolingModelTests
{
    const string Mapi = "other/perovskite/CH3NH3PbI3/nk/Phillips";

    static CoolingInputs Inputs(string material = Mapi, double etaInt = 0.99, double background = 0, SubGapAbsorption? absorption = null,
                                double diameter = 530e-9, double pump = 980e-9, double intensity = 7e10) =>
        new(M.Resolve(material, "test"), diameter, 1.0, pump, intensity, etaInt, EmissionSpectrum.Gaussian(775e-9, 40e-9),
            absorption ?? new TabulatedAbsorption(), background);

    [Fact]
    public void Perfect_emitter_without_background_cools_by_the_photon_energy_gap()
    {
        var r = CoolingModel.Evaluate(Inputs(etaInt: 1.0));
        Assert.Equal(1.0, r.ExternalQuantumEfficiency, 1e-15);
        Assert.Equal(1.0, r.AbsorptionEfficiency);
        Assert.Equal(980e-9 / r.EscapeWavelengthM - 1, r.CoolingEfficiency, 1e-14);
        Assert.Equal(-r.CoolingEfficiency * r.AbsorbedPowerW, r.HeatPowerW, 1e-20);
        Assert.True(r.HeatPowerW < 0);
    }

    [Fact]
    public void No_radiative_recombination_heats_by_all_the_absorbed_power()
    {
        var r = CoolingModel.Evaluate(Inputs(etaInt: 0.0));
        Assert.Equal(0.0, r.ExternalQuantumEfficiency);
        Assert.Equal(-1.0, r.CoolingEfficiency);
        Assert.Equal(r.AbsorbedPowerW, r.HeatPowerW, 1e-20);
    }

    [Fact]
    public void Absorbed_power_is_the_Mie_cross_section_times_intensity()
    {
        var inputs = Inputs();
        var r = CoolingModel.Evaluate(inputs);
        var m = inputs.Material.At(980e-9);
        double x = 2 * Math.PI * 265e-9 / 980e-9;
        double cabs = MieSolver.Sphere(x, m).Efficiencies.Qabs * Math.PI * 265e-9 * 265e-9;
        Assert.Equal(cabs * 7e10, r.AbsorbedPowerW, 1e-12 * r.AbsorbedPowerW);
        Assert.Equal(cabs, r.Pump.CabsM2, 1e-12 * cabs);
    }

    [Fact]
    public void Background_absorption_equal_to_the_resonant_one_halves_eta_abs()
    {
        var inputs = Inputs();
        double k = inputs.Material.At(980e-9).Imaginary;
        double alphaR = 4 * Math.PI * k / 980e-9;
        var r = CoolingModel.Evaluate(inputs with { BackgroundAbsorptionPerM = alphaR });
        Assert.Equal(0.5, r.AbsorptionEfficiency, 1e-12);
        Assert.Equal(2 * k, r.Pump.IndexUsed.Imaginary, 1e-12);
        Assert.Equal(r.ExternalQuantumEfficiency * 0.5 * 980e-9 / r.EscapeWavelengthM - 1, r.CoolingEfficiency, 1e-14);
    }

    [Fact]
    public void Eta_ext_formula()
    {
        Assert.Equal(0.99, CoolingModel.ExternalQuantumEfficiency(1.0, 0.99), 1e-15);            // bulk escape: eta_int
        Assert.Equal(2 * 0.9 / (2 * 0.9 + 0.1), CoolingModel.ExternalQuantumEfficiency(2.0, 0.9), 1e-15);
        Assert.Equal(0.0, CoolingModel.ExternalQuantumEfficiency(0.0, 0.9));
    }

    [Fact]
    public void MAPbI3_530nm_in_air_absorbs_980nm_mostly_through_the_magnetic_quadrupole()
    {
        // Tonkaev et al., Nanoscale 11, 17800 (2019): the MQ resonance near 980 nm
        var r = CoolingModel.Evaluate(Inputs());
        Assert.Equal("MQ", r.Pump.Multipoles[0].Label);
        Assert.Equal("MO", r.Escape.AtPeak!.Dominant.Label);
        Assert.Equal(r.Pump.Qabs, r.Pump.Multipoles.Sum(t => t.Value), 1e-10);
    }

    [Fact]
    public void Urbach_tail_sets_the_resonant_absorption()
    {
        var u = UrbachAbsorption.Constant(1.61, 0.015, 1e6); // alpha_0 = 1e4 /cm
        double eg = PhysicalConstants.HcOverE / 1.61;
        Assert.Equal(1e6, u.Alpha(eg * (1 + 1e-12), 300), 1e-3); // just below the gap
        double wl = 980e-9, e = PhysicalConstants.HcOverE / wl;
        Assert.Equal(1e6 * Math.Exp((e - 1.61) / 0.015), u.Alpha(wl, 300), 1e-9 * u.Alpha(wl, 300));
        var r = CoolingModel.Evaluate(Inputs(absorption: u));
        Assert.Equal(u.Alpha(wl, 300) * wl / (4 * Math.PI), r.Pump.ResonantK, 1e-20);
        Assert.Contains("Urbach", r.Pump.AbsorptionModel);
        Assert.Throws<InputException>(() => u.Alpha(700e-9, 300)); // above the gap
    }

    [Fact]
    public void Gaussian_emission_mean_photon_energy()
    {
        // for a narrow line 1/<1/lambda> = lambda_c (1 - sigma^2/lambda_c^2 + ...)
        var s = EmissionSpectrum.Gaussian(775e-9, 40e-9, points: 201);
        double sigma = 40e-9 / (2 * Math.Sqrt(2 * Math.Log(2)));
        double expected = 775e-9 * (1 - sigma * sigma / (775e-9 * 775e-9));
        Assert.Equal(expected, s.MeanPhotonEnergyWavelength(default), 2e-12);
        Assert.Equal(1.0, s.Weights.Sum(), 1e-14);
    }

    [Fact]
    public void Tabulated_emission_reads_a_csv_and_rejects_an_empty_one()
    {
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            var good = Path.Combine(dir.FullName, "pl.csv");
            File.WriteAllLines(good, ["wavelength_nm,intensity", "760,0", "770,1", "780,1", "790,0"]);
            var s = EmissionSpectrum.ReadCsv(good);
            Assert.Equal(775e-9, s.MeanPhotonEnergyWavelength(default), 0.2e-9);
            var empty = Path.Combine(dir.FullName, "empty.csv");
            File.WriteAllLines(empty, ["wavelength_nm,intensity"]);
            Assert.Contains("empty", Assert.Throws<InputException>(() => EmissionSpectrum.ReadCsv(empty)).Message);
            var zero = Path.Combine(dir.FullName, "zero.csv");
            File.WriteAllLines(zero, ["wavelength_nm,intensity", "760,0", "770,0"]);
            Assert.Throws<InputException>(() => EmissionSpectrum.ReadCsv(zero));
        }
        finally { dir.Delete(true); }
    }

    [Theory]
    [InlineData(1.5, 0, 7e10, 980e-9)]
    [InlineData(-0.1, 0, 7e10, 980e-9)]
    [InlineData(0.99, -1, 7e10, 980e-9)]
    [InlineData(0.99, 0, -7e10, 980e-9)]
    [InlineData(0.99, 0, 7e10, 1800e-9)] // outside the Phillips data (300-1500 nm)
    public void Bad_inputs_are_input_errors(double etaInt, double background, double intensity, double pump)
    {
        var inputs = Inputs(etaInt: etaInt, background: background, intensity: intensity, pump: pump);
        Assert.Throws<InputException>(() => CoolingModel.Evaluate(inputs));
    }

    [Fact]
    public void Map_points_equal_single_evaluations()
    {
        var inputs = Inputs(background: 100);
        double[] d = [400e-9, 530e-9], p = [900e-9, 980e-9, 1050e-9];
        var map = CoolingMap.Compute(inputs, d, p);
        for (int i = 0; i < d.Length; i++)
            for (int j = 0; j < p.Length; j++)
            {
                var r = CoolingModel.Evaluate(inputs with { DiameterM = d[i], PumpWavelengthM = p[j] });
                Assert.Equal(r.CoolingEfficiency, map.CoolingEfficiency[i, j], 1e-12);
                Assert.Equal(r.CoolingPowerW, map.CoolingPowerW[i, j], 1e-12 * Math.Abs(r.CoolingPowerW));
            }
        Assert.Equal(map.CoolingEfficiency.Cast<double>().Max(), map.BestEfficiency.Value);
    }
}
