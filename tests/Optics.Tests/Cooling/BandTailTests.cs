using MieCool.Core;
using MieCool.Optics.Cooling;
using static MieCool.Optics.Tests.Cooling.Tails;

namespace MieCool.Optics.Tests.Cooling;

public class BandTailTests
{
    [Fact]
    public void The_Urbach_energy_at_300_K_is_the_given_one()
    {
        Assert.Equal(15 * Mev, Mapi.UrbachEnergyAt(300), 1e-15 * 15 * Mev);
        Assert.Equal(1.600 * ElectronVolt, Mapi.EdgeAt(300));
    }

    [Fact]
    public void The_Urbach_energy_tends_to_its_static_part_as_T_goes_to_0()
    {
        // hbar_w / k_B T = 26.7 at 5 K: the phonon part is ~ P exp(-26.7), P = 11.2 meV (exp(0.445) - 1) = 6.3 meV, i.e.
        // 4.2e-12 of E_U,st; at 2 K it is exp(-66.7), far below double precision
        double y5 = 11.5 * Mev / (Boltzmann * 5), p = 11.2 * Mev * (Math.Exp(11.5 * Mev / (Boltzmann * 300)) - 1);
        Assert.Equal(p * Math.Exp(-y5), Mapi.UrbachEnergyAt(5) - 3.8 * Mev, 1e-3 * p * Math.Exp(-y5));
        Assert.Equal(3.8 * Mev, Mapi.UrbachEnergyAt(5), 1e-11 * 3.8 * Mev);
        Assert.Equal(3.8 * Mev, Mapi.UrbachEnergyAt(2), 1e-15 * 3.8 * Mev);
        Assert.Equal(p, Mapi.PhononAmplitudeJ, 1e-14 * p);
    }

    [Theory]
    [InlineData(20)]
    [InlineData(77)]
    [InlineData(150)]
    [InlineData(200)]
    [InlineData(250)]
    [InlineData(300)]
    [InlineData(400)]
    [InlineData(1000)]
    public void The_Urbach_energy_agrees_with_the_coth_form_of_the_Einstein_model(double t)
    {
        double expected = UrbachByCoth(15 * Mev, 3.8 * Mev, 11.5 * Mev, t);
        Assert.Equal(expected, Mapi.UrbachEnergyAt(t), 1e-12 * expected);
    }

    [Fact]
    public void The_Urbach_energy_grows_with_temperature_and_approaches_the_classical_limit()
    {
        double previous = 0;
        foreach (double t in new[] { 10.0, 50, 100, 200, 300, 500 })
        {
            Assert.True(Mapi.UrbachEnergyAt(t) > previous);
            previous = Mapi.UrbachEnergyAt(t);
        }
        // k_B T >> hbar_w: P / (e^y - 1) = P (1/y - 1/2 + y/12 - ...), linear in T (equipartition)
        double t0 = 1e5, p = Mapi.PhononAmplitudeJ, y = 11.5 * Mev / (Boltzmann * t0);
        Assert.Equal(3.8 * Mev + p * (1 / y - 0.5), Mapi.UrbachEnergyAt(t0), 1e-6 * Mapi.UrbachEnergyAt(t0));
    }

    [Fact]
    public void The_edge_moves_linearly_with_temperature()
    {
        var tail = Mapi;
        Assert.Equal(1.600 * ElectronVolt - 100 * 0.30 * Mev, tail.EdgeAt(200), 1e-15 * ElectronVolt);
        Assert.Equal(1.600 * ElectronVolt + 50 * 0.30 * Mev, tail.EdgeAt(350), 1e-15 * ElectronVolt);
        // equal steps in T, equal steps in E0
        Assert.Equal(tail.EdgeAt(250) - tail.EdgeAt(150), tail.EdgeAt(150) - tail.EdgeAt(50), 1e-15 * ElectronVolt);
    }

    [Fact]
    public void The_exponent_is_the_distance_from_the_edge_in_Urbach_energies()
    {
        double e = Energy(980e-9);
        foreach (double t in new[] { 100.0, 200, 300 })
            Assert.Equal(MapiExponent(e, t), Mapi.Exponent(e, t), 1e-12 * Math.Abs(MapiExponent(e, t)));
        Assert.Equal(0.0, Mapi.Exponent(Mapi.EdgeAt(123), 123));
    }

    [Fact]
    public void A_constant_tail_is_the_same_at_every_temperature()
    {
        var tail = BandTail.Constant(1.61 * ElectronVolt, 15 * Mev);
        Assert.True(tail.IsConstant);
        Assert.Equal(0.0, tail.PhononAmplitudeJ);
        double e = Energy(980e-9);
        foreach (double t in new[] { 1.0, 77, 300, 1000 })
        {
            Assert.Equal(1.61 * ElectronVolt, tail.EdgeAt(t));
            Assert.Equal(15 * Mev, tail.UrbachEnergyAt(t));
            Assert.Equal(tail.Exponent(e, 300), tail.Exponent(e, t));
        }
        tail.Validate();
        Assert.Contains("temperature independent", tail.Description);
        Assert.False(Mapi.IsConstant);
        Assert.Contains("meV/K", Mapi.Description);
    }

    [Fact]
    public void Validate_refuses_a_non_physical_tail()
    {
        (BandTail Tail, string Problem)[] refused =
        [
            (Mapi with { EdgeJ = 0 }, "band edge"),
            (Mapi with { EdgeJ = double.NaN }, "band edge"),
            (Mapi with { EdgeShiftJPerK = double.PositiveInfinity }, "edge shift"),
            (Mapi with { UrbachEnergyJ = 0, UrbachStaticJ = 0 }, "Urbach energy"),
            (Mapi with { UrbachStaticJ = -1e-23 }, "static"),
            (Mapi with { UrbachStaticJ = 16 * Mev }, "static"),
            (Mapi with { PhononEnergyJ = 0 }, "phonon"),
            (Mapi with { PhononEnergyJ = -11.5 * Mev }, "phonon"),
        ];
        foreach (var (tail, problem) in refused)
        {
            var e = Assert.Throws<InputException>(tail.Validate);
            Assert.Equal("absorption", e.Key);
            Assert.Equal(CoolingInputs.Source, e.Origin);
            Assert.Contains(problem, e.Message);
        }
    }

    [Fact]
    public void Validate_accepts_no_phonon_energy_when_the_Urbach_energy_is_all_static()
    {
        (Mapi with { UrbachStaticJ = 15 * Mev, PhononEnergyJ = 0 }).Validate();
        (Mapi with { UrbachStaticJ = 0 }).Validate();
        Mapi.Validate();
    }
}
