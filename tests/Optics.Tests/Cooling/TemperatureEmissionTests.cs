using System.Numerics;
using MieCool.Core;
using MieCool.Optics.Cooling;
using MieCool.Optics.Materials;
using static MieCool.Optics.Tests.Cooling.Tails;
using M = MieCool.Optics.Materials.MaterialLibrary;

namespace MieCool.Optics.Tests.Cooling;

public class TemperatureEmissionTests
{
    static readonly IRefractiveIndex Phillips = M.Resolve("other/perovskite/CH3NH3PbI3/nk/Phillips", "test");

    static CoolingInputs Inputs(SubGapAbsorption absorption, double beta = 0, EmissionLineShape shape = EmissionLineShape.Given,
                                IRefractiveIndex? material = null) =>
        new(material ?? Phillips, 530e-9, 1.0, 980e-9, 7e10, 0.99, EmissionSpectrum.Gaussian(775e-9, 40e-9), absorption,
            EmissionPeakShiftJPerK: beta, LineShape: shape);

    /// <summary>sum_i w_i h c / lambda_i, J, written here rather than through the spectrum's own mean.</summary>
    static double MeanEnergy(EmissionSpectrum s) => s.Wavelengths.Zip(s.Weights, (l, w) => w * Hc / l).Sum();

    static double EnergyVariance(EmissionSpectrum s)
    {
        double mean = MeanEnergy(s);
        return s.Wavelengths.Zip(s.Weights, (l, w) => w * (Hc / l - mean) * (Hc / l - mean)).Sum();
    }

    [Theory]
    [InlineData(200)]
    [InlineData(250)]
    [InlineData(340)]
    public void A_shifted_line_moves_its_mean_photon_energy_by_exactly_beta_dT_and_keeps_its_width(double t)
    {
        var inputs = Inputs(new TabulatedAbsorption(), beta: 0.30 * Mev);
        var given = inputs.Emission;
        var shifted = inputs.EmissionAt(t);
        double dE = 0.30 * Mev * (t - 300);
        Assert.Equal(dE, MeanEnergy(shifted) - MeanEnergy(given), 1e-9 * Math.Abs(dE));
        Assert.Equal(Hc / MeanEnergy(shifted), shifted.MeanPhotonEnergyWavelength(default), 1e-12 * 775e-9);
        Assert.Equal(1.0, shifted.Weights.Sum(), 1e-14);
        Assert.Equal(given.Weights, shifted.Weights);
        Assert.Equal(EnergyVariance(given), EnergyVariance(shifted), 1e-9 * EnergyVariance(given));
        Assert.Equal(Hc / given.Peak + dE, Hc / shifted.Peak, 1e-12 * ElectronVolt);
        Assert.Contains("shifted by", shifted.Description);
        // beta > 0: a colder particle emits redder photons
        Assert.Equal(t < 300, shifted.Peak > given.Peak);
    }

    [Fact]
    public void No_shift_gives_the_given_spectrum()
    {
        var inputs = Inputs(new TabulatedAbsorption());
        Assert.Same(inputs.Emission, inputs.EmissionAt(150));
        Assert.Same(inputs.Emission, (inputs with { EmissionPeakShiftJPerK = 0.3 * Mev }).EmissionAt(300));
        Assert.Same(inputs.Emission, inputs.Emission.ShiftedInEnergy(0));
    }

    [Fact]
    public void A_shift_out_of_the_material_data_is_a_peak_shift_error()
    {
        // -10 meV/K over 250 K: 2.5 eV to the red of 1.6 eV
        var inputs = Inputs(new TabulatedAbsorption(), beta: 10 * Mev) with { TemperatureK = 50 };
        Assert.Equal("peak_shift", Assert.Throws<InputException>(inputs.Validate).Key);
        var far = Inputs(new TabulatedAbsorption(), beta: 1 * Mev) with { TemperatureK = 50 }; // 250 meV: 775 -> 920 nm
        far.Validate();
    }

    /// <summary>A direct-gap absorber: k = 0.2 sqrt((E - Eg) / 0.1 eV) above Eg, 0 below; n = 2.5.</summary>
    sealed class SqrtEdge(double gapJ) : IRefractiveIndex
    {
        public string Name => "sqrt edge";
        public string References => "";
        public double MinWavelength => 0;
        public double MaxWavelength => double.PositiveInfinity;
        public Complex At(double vacuumWavelength)
        {
            double e = Hc / vacuumWavelength;
            return new Complex(2.5, e > gapJ ? 0.2 * Math.Sqrt((e - gapJ) / (0.1 * ElectronVolt)) : 0);
        }
    }

    /// <summary>Composite Simpson rule of f over [a, b] with n (even) intervals.</summary>
    static double Simpson(Func<double, double> f, double a, double b, int n)
    {
        double h = (b - a) / n, s = f(a) + f(b);
        for (int i = 1; i < n; i++) s += (i % 2 == 1 ? 4 : 2) * f(a + i * h);
        return s * h / 3;
    }

    [Theory]
    [InlineData(150)]
    [InlineData(300)]
    [InlineData(400)]
    public void The_reciprocity_line_of_a_sharp_edge_has_the_mean_energy_of_E2_alpha_exp_minus_E_over_kT(double t)
    {
        // constant k above a sharp edge (alpha = 4 pi k E / h c), a 1 meV Urbach tail below it, continuous at the edge
        var material = new ConstantIndex(new Complex(2.5, 0.05));
        double e0 = 1.6 * ElectronVolt, eu = 1 * Mev, kT = Boltzmann * t;
        double Page(double e) => 4 * Math.PI * 0.05 * e / Hc;
        var model = new UrbachAbsorption(BandTail.Constant(e0, eu), Page(e0));
        var line = ReciprocityEmission.At(material, model, t);

        // S(E) = E^2 alpha(E) exp(-E / k_B T), relative to its value at the edge; Simpson on both sides of the edge
        double S(double e) => e * e * (e < e0 ? Page(e0) * Math.Exp((e - e0) / eu) : Page(e)) * Math.Exp(-(e - e0) / kT);
        double lo = e0 - 80 * Mev, hi = e0 + 60 * kT;
        double n0 = Simpson(S, lo, e0, 20000) + Simpson(S, e0, hi, 20000);
        double n1 = Simpson(e => e * S(e), lo, e0, 20000) + Simpson(e => e * S(e), e0, hi, 20000);
        double expected = n1 / n0;
        Assert.Equal(expected - e0, MeanEnergy(line) - e0, 1e-6 * (expected - e0));
        // and the mean sits about k_B T above the edge (E^3 exp(-E/kT) above E0 >> kT: kT (1 + 3 kT / E0))
        Assert.Equal(1.0, (MeanEnergy(line) - e0) / kT, 0.1);
        Assert.Equal(1.0, line.Weights.Sum(), 1e-14);
        Assert.Contains("van Roosbroeck", line.Description);
    }

    [Fact]
    public void The_reciprocity_peak_moves_to_higher_energy_with_temperature_on_the_kT_scale()
    {
        // S(lambda) ~ E^4 alpha ~ E^5 sqrt(E - Eg) exp(-E/kT) peaks kT/2 above the gap (E >> kT)
        double gap = 1.6 * ElectronVolt;
        var material = new SqrtEdge(gap);
        var model = new UrbachAbsorption(BandTail.Constant(gap, 1 * Mev), 1e-3); // a negligible tail
        double previous = 0;
        foreach (double t in new[] { 100.0, 200, 300, 400 })
        {
            double kT = Boltzmann * t, peak = Hc / ReciprocityEmission.At(material, model, t).Peak;
            Assert.Equal(0.5 * kT, peak - gap, 0.15 * kT);
            Assert.True(peak > previous);
            previous = peak;
        }
    }

    [Fact]
    public void Reciprocity_needs_a_band_tail_and_an_Urbach_energy_below_kT()
    {
        var noTail = Inputs(new TabulatedAbsorption(), shape: EmissionLineShape.Reciprocity);
        var e = Assert.Throws<InputException>(noTail.Validate);
        Assert.Equal("line_shape", e.Key);
        Assert.Throws<InputException>(() => CoolingModel.Evaluate(noTail));
        // at 30 K, E_U ~ 3.8 meV exceeds k_B T = 2.6 meV: the line would be dominated by the deepest tail states
        var cold = Inputs(new UrbachAbsorption(Mapi, 1e6), shape: EmissionLineShape.Reciprocity) with { TemperatureK = 30 };
        Assert.Equal("line_shape", Assert.Throws<InputException>(cold.Validate).Key);
        (cold with { TemperatureK = 150 }).Validate();
    }

    [Fact]
    public void Reciprocity_refuses_a_page_whose_sub_gap_k_is_flat()
    {
        // Phillips' k stays ~0.01-0.03 far below the gap: times exp(+(E0 - E)/kT) the line would sit at the end of the data
        var inputs = Inputs(new TabulatedAbsorption(Mapi), shape: EmissionLineShape.Reciprocity);
        var e = Assert.Throws<InputException>(inputs.Validate);
        Assert.Equal("line_shape", e.Key);
        Assert.Contains("does not decay", e.Message);
    }

    [Fact]
    public void The_reciprocity_line_of_MAPbI3_lies_at_the_band_edge_and_follows_it()
    {
        var inputs = Inputs(new UrbachAbsorption(Mapi, 1e6), shape: EmissionLineShape.Reciprocity);
        var r300 = CoolingModel.Evaluate(inputs);
        var r200 = CoolingModel.Evaluate(inputs with { TemperatureK = 200 });
        Assert.Contains("van Roosbroeck", r300.EmissionUsed.Description);
        Assert.InRange(r300.EmissionUsed.Peak, 740e-9, 810e-9);
        Assert.True(r200.EmissionUsed.MeanPhotonEnergyWavelength(default) > r300.EmissionUsed.MeanPhotonEnergyWavelength(default));
        Assert.Equal(r300.EmissionUsed.Wavelengths, r300.Escape.WavelengthsM);
    }
}
