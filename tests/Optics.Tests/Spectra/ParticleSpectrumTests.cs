using System.Numerics;
using MieCool.Optics.Materials;
using MieCool.Optics.Mie;
using MieCool.Optics.Spectra;

namespace MieCool.Optics.Tests.Spectra;

public class ParticleSpectrumTests
{
    static double[] Nm(double from, double to, double step) =>
        Enumerable.Range(0, (int)Math.Round((to - from) / step) + 1).Select(i => (from + i * step) * 1e-9).ToArray();

    [Fact]
    public void Magnetic_dipole_resonance_of_a_high_index_sphere_sits_near_lambda_equal_n_d()
    {
        // A lossless sphere of n = 3.5 and d = 200 nm: the lowest Mie resonance is the magnetic dipole at
        // lambda/n ~ d (Kuznetsov et al., Sci. Rep. 2, 492 (2012); Evlyukhin et al., Nano Lett. 12, 3749 (2012)).
        var s = ParticleSpectrum.Compute(new SpectrumInputs(new ConstantIndex(3.5), 100e-9, 1, null, 0, Nm(400, 1000, 1)));
        var longest = s.Resonances().Where(r => r.Quantity == "Qext").MaxBy(r => r.Wavelength)!;
        Assert.Equal("MD", longest.Dominant);
        Assert.InRange(longest.Wavelength / (3.5 * 200e-9), 0.9, 1.15);
        Assert.DoesNotContain(s.Resonances(), r => r.Quantity == "Qabs"); // no absorption peaks without loss
        Assert.All(s.Points, p => Assert.Equal(0, p.Efficiencies.Qabs, 1e-12));
    }

    [Fact]
    public void The_low_multipoles_add_up_to_the_totals_when_the_series_is_short()
    {
        var s = ParticleSpectrum.Compute(
            new SpectrumInputs(new ConstantIndex(new Complex(2.4, 0.05)), 40e-9, 1, null, 0, Nm(500, 900, 10)));
        foreach (var p in s.Points)
        {
            Assert.True(p.Terms <= 6);
            Assert.Equal(p.Efficiencies.Qext, p.Multipoles.Sum(m => m.Qext), 1e-6 * p.Efficiencies.Qext);
            Assert.Equal(p.Efficiencies.Qabs, p.Multipoles.Sum(m => m.Qabs), 1e-6 * p.Efficiencies.Qext);
        }
    }

    [Fact]
    public void Host_enters_through_x_and_the_relative_index()
    {
        var m = new Complex(2.0, 0.1);
        double nHost = 1.33, r = 150e-9;
        var wl = Nm(400, 800, 20);
        var inWater = ParticleSpectrum.Compute(new SpectrumInputs(new ConstantIndex(m), r, nHost, null, 0, wl));
        for (int i = 0; i < wl.Length; i++)
        {
            var direct = MieSolver.Sphere(2 * Math.PI * nHost * r / wl[i], m / nHost).Efficiencies;
            Assert.Equal(direct.Qext, inWater.Points[i].Efficiencies.Qext, 1e-14);
            Assert.Equal(Math.PI * r * r * direct.Qabs, inWater.Points[i].CrossSections.Cabs, 1e-30);
        }
    }

    [Fact]
    public void A_shell_of_the_core_material_changes_nothing()
    {
        var mapbi3 = MieCool.Optics.Materials.MaterialLibrary.Resolve("CH3NH3PbI3/Phillips", "test");
        var wl = Nm(600, 1000, 20);
        var sphere = ParticleSpectrum.Compute(new SpectrumInputs(mapbi3, 265e-9, 1, null, 0, wl));
        var shelled = ParticleSpectrum.Compute(new SpectrumInputs(mapbi3, 225e-9, 1, mapbi3, 40e-9, wl));
        for (int i = 0; i < wl.Length; i++)
            Assert.Equal(sphere.Points[i].Efficiencies.Qext, shelled.Points[i].Efficiencies.Qext, 1e-9);
    }

    [Fact]
    public void A_measured_index_gives_a_smooth_spectrum_even_where_x_is_a_multiple_of_pi()
    {
        // d = 530 nm at 530 nm is x = pi exactly (psi_0(x) = sin x = 0): no sample may stand out of its neighbours
        var mapbi3 = MieCool.Optics.Materials.MaterialLibrary.Resolve("CH3NH3PbI3/Phillips", "test");
        var s = ParticleSpectrum.Compute(new SpectrumInputs(mapbi3, 265e-9, 1, null, 0, Nm(520, 540, 1)));
        for (int i = 1; i + 1 < s.Points.Count; i++)
        {
            double q = s.Points[i].Efficiencies.Qext, mid = 0.5 * (s.Points[i - 1].Efficiencies.Qext + s.Points[i + 1].Efficiencies.Qext);
            Assert.True(Math.Abs(q - mid) < 1e-3 * mid,
                        $"{s.Points[i].Wavelength * 1e9:0} nm (x = {s.Points[i].X}): Qext {q} vs neighbours {mid}");
        }
    }
}
