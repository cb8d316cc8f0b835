using MieCool.Core;
using MieCool.Optics.Cooling;
using static MieCool.Optics.Tests.Cooling.Tails;
using M = MieCool.Optics.Materials.MaterialLibrary;

namespace MieCool.Optics.Tests.Cooling;

public class TemperatureAbsorptionTests
{
    static readonly IRefractiveIndex Phillips = M.Resolve("other/perovskite/CH3NH3PbI3/nk/Phillips", "test");

    [Theory]
    [InlineData(300)]
    [InlineData(250)]
    public void Tabulated_at_the_data_temperature_is_the_page_k_exactly(double dataK)
    {
        var model = new TabulatedAbsorption(Mapi, dataK);
        foreach (double wl in new[] { 850e-9, 980e-9, 1200e-9 })
            Assert.Equal(Phillips.At(wl).Imaginary, model.ResonantK(Phillips, wl, dataK));
    }

    [Theory]
    [InlineData(980e-9, 200, 300)]
    [InlineData(980e-9, 120, 250)]
    [InlineData(1200e-9, 350, 150)]
    public void Tabulated_rescales_the_sub_gap_k_by_the_change_of_the_Urbach_exponent(double wl, double t1, double t2)
    {
        var model = new TabulatedAbsorption(Mapi);
        double e = Energy(wl);
        double expected = Math.Exp(MapiExponent(e, t1) - MapiExponent(e, t2));
        double ratio = model.ResonantK(Phillips, wl, t1) / model.ResonantK(Phillips, wl, t2);
        Assert.Equal(expected, ratio, 1e-10 * expected);
    }

    [Fact]
    public void Tabulated_keeps_the_page_k_above_the_edge_and_between_the_two_edges()
    {
        var model = new TabulatedAbsorption(Mapi);
        foreach (double t in new[] { 100.0, 200, 300, 400 })
            Assert.Equal(Phillips.At(700e-9).Imaginary, model.ResonantK(Phillips, 700e-9, t)); // 1.77 eV, above E0
        // 1.585 eV: above E0(200 K) = 1.570 eV, below E0(300 K) = 1.600 eV
        double wl = Hc / (1.585 * ElectronVolt);
        Assert.Equal(Phillips.At(wl).Imaginary, model.ResonantK(Phillips, wl, 200));
        Assert.NotEqual(Phillips.At(wl).Imaginary, model.ResonantK(Phillips, wl, 350)); // below both edges at 350 K
    }

    [Fact]
    public void Tabulated_without_a_tail_is_the_page_k_at_every_temperature()
    {
        var model = new TabulatedAbsorption();
        Assert.Null(model.TailIfAny);
        foreach (double t in new[] { 1.0, 100, 300, 500 })
            Assert.Equal(Phillips.At(980e-9).Imaginary, model.ResonantK(Phillips, 980e-9, t));
        Assert.Equal("tabulated k of the material data", model.Description);
        model.Validate();
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(77)]
    [InlineData(300)]
    [InlineData(450)]
    public void Urbach_with_a_constant_tail_is_the_old_Urbach_formula_at_any_temperature(double t)
    {
        var model = UrbachAbsorption.Constant(1.61, 0.015, 1e6);
        foreach (double wl in new[] { 800e-9, 980e-9, 1100e-9 })
        {
            double eEv = Hc / wl / ElectronVolt;
            double expected = 1e6 * Math.Exp((eEv - 1.61) / 0.015);
            Assert.Equal(expected, model.Alpha(wl, t), 1e-10 * expected);
            Assert.Equal(expected * wl / (4 * Math.PI), model.ResonantK(Phillips, wl, t), 1e-10 * expected * wl / (4 * Math.PI));
        }
    }

    [Fact]
    public void Urbach_absorption_at_980_nm_collapses_by_orders_of_magnitude_from_300_to_200_K()
    {
        var model = new UrbachAbsorption(Mapi, 1e6);
        double a300 = model.Alpha(980e-9, 300), a200 = model.Alpha(980e-9, 200);
        double e = Energy(980e-9);
        Assert.Equal(1e6 * Math.Exp(MapiExponent(e, 300)), a300, 1e-10 * a300);
        Assert.Equal(Math.Exp(MapiExponent(e, 200) - MapiExponent(e, 300)), a200 / a300, 1e-10 * a200 / a300);
        Assert.True(a200 / a300 < 1e-2, $"alpha(200 K) / alpha(300 K) = {a200 / a300}");
        // although the edge moves down by 30 meV on cooling, the narrowing tail wins far below the edge: colder absorbs less
        double previous = double.PositiveInfinity;
        foreach (double t in new[] { 350.0, 300, 250, 200, 150, 100 })
        {
            double a = model.Alpha(980e-9, t);
            Assert.True(a < previous, $"{t} K");
            previous = a;
        }
    }

    [Fact]
    public void Urbach_refuses_a_photon_above_the_edge_at_the_particle_temperature()
    {
        var model = new UrbachAbsorption(Mapi, 1e6);
        double wl = Hc / (1.585 * ElectronVolt); // below E0(300 K) = 1.600 eV, above E0(200 K) = 1.570 eV
        Assert.True(model.Alpha(wl, 300) > 0);
        var e = Assert.Throws<InputException>(() => model.ResonantK(Phillips, wl, 200));
        Assert.Equal("absorption", e.Key);
        Assert.Contains("above E_g = E0(T)", e.Message);
    }

    [Fact]
    public void The_absorption_coefficient_for_reciprocity_is_the_tail_below_the_edge_and_the_page_above()
    {
        var urbach = new UrbachAbsorption(Mapi, 1e6);
        double page700 = 4 * Math.PI * Phillips.At(700e-9).Imaginary / 700e-9;
        Assert.Equal(page700, urbach.AbsorptionCoefficient(Phillips, 700e-9, 250), 1e-12 * page700);
        Assert.Equal(urbach.Alpha(980e-9, 250), urbach.AbsorptionCoefficient(Phillips, 980e-9, 250));
        var tabulated = new TabulatedAbsorption(Mapi);
        double k = tabulated.ResonantK(Phillips, 980e-9, 250);
        Assert.Equal(4 * Math.PI * k / 980e-9, tabulated.AbsorptionCoefficient(Phillips, 980e-9, 250), 1e-12 * k / 980e-9);
    }

    [Fact]
    public void Validate_checks_the_tail_and_the_model_parameters()
    {
        Assert.Equal("absorption", Assert.Throws<InputException>(() => new UrbachAbsorption(Mapi, -1).Validate()).Key);
        Assert.Equal("absorption",
            Assert.Throws<InputException>(() => new UrbachAbsorption(Mapi with { UrbachEnergyJ = -1 }, 1e6).Validate()).Key);
        Assert.Equal("absorption", Assert.Throws<InputException>(() => new TabulatedAbsorption(Mapi, 0).Validate()).Key);
        Assert.Equal("absorption",
            Assert.Throws<InputException>(() => new TabulatedAbsorption(Mapi with { EdgeJ = -1 }).Validate()).Key);
        new UrbachAbsorption(Mapi, 1e6).Validate();
        new TabulatedAbsorption(Mapi, 295).Validate();
    }

    [Fact]
    public void Descriptions_name_the_parameters_with_units()
    {
        var urbach = new UrbachAbsorption(Mapi, 1e6).Description;
        foreach (var part in new[] { "1E+04 1/cm", "1.6 eV", "0.3 meV/K", "15 meV", "3.8 meV", "11.5 meV" })
            Assert.Contains(part, urbach);
        Assert.Contains("measured at 250 K", new TabulatedAbsorption(Mapi, 250).Description);
    }
}
