using System.Numerics;
using MieCool.Optics.Mie;

namespace MieCool.Optics.Tests.Mie;

/// <summary>The allocation-free workspace and the (parallel) spectrum agree with the allocating solver.</summary>
public class SpectrumTests
{
    [Fact]
    public void Workspace_and_spectrum_agree_with_the_solver()
    {
        var rng = new Random(7);
        int count = 300;
        var x = new double[count]; var m = new Complex[count];
        for (int i = 0; i < count; i++)
        {
            x[i] = 0.01 + 40 * rng.NextDouble();
            m[i] = new Complex(1.1 + 3 * rng.NextDouble(), 0.3 * rng.NextDouble());
        }
        var serial = MieSpectrum.Solve(x, m, parallel: false);
        var parallel = MieSpectrum.Solve(x, m, parallel: true);
        var ws = new MieWorkspace();
        for (int i = 0; i < count; i++)
        {
            var r = MieSolver.Sphere(x[i], m[i]);
            ws.Sphere(x[i], m[i]);
            Assert.Equal(r.Efficiencies, ws.Efficiencies);
            Assert.Equal(r.Efficiencies, serial.Efficiencies(i));
            Assert.Equal(r.Efficiencies, parallel.Efficiencies(i));
            for (int n = 1; n <= r.NMax; n++)
                foreach (var t in new[] { MultipoleType.Electric, MultipoleType.Magnetic })
                {
                    Assert.Equal(r.Multipole(n, t), parallel.Multipole(i, n, t));
                    Assert.Equal(r.Multipole(n, t), ws.Multipole(n, t));
                }
            for (int n = r.NMax + 1; n <= serial.Orders; n++) Assert.Equal(default, serial.Multipole(i, n, MultipoleType.Electric));
        }
    }

    [Fact]
    public void Workspace_reuse_after_a_large_sphere_is_clean()
    {
        var ws = new MieWorkspace();
        ws.Sphere(2000, new Complex(1.5, 0.01));
        ws.Sphere(2.0, new Complex(2.6, 0.05));
        Assert.Equal(MieSolver.Sphere(2.0, new Complex(2.6, 0.05)).Efficiencies, ws.Efficiencies);
        Assert.Equal(MieSolver.TermCount(2.0), ws.A.Length);
    }

    sealed class ConstantIndex(Complex m) : IRefractiveIndex
    {
        public string Name => "constant";
        public string References => "";
        public double MinWavelength => 0;
        public double MaxWavelength => double.PositiveInfinity;
        public Complex At(double vacuumWavelength) => m;
    }

    [Fact]
    public void Sphere_spectrum_from_wavelengths_uses_size_parameter_in_the_host()
    {
        // a 530 nm diameter sphere in water (n = 1.33) at 800 nm: x = 2 pi 1.33 * 265 / 800, m = (2.6+0.05i)/1.33
        var particle = new Complex(2.6, 0.05);
        var s = MieSpectrum.ForSphere(265e-9, [800e-9], new ConstantIndex(particle), hostIndex: 1.33, parallel: false);
        var direct = MieSolver.Sphere(2 * Math.PI * 1.33 * 265 / 800, particle / 1.33);
        Assert.Equal(direct.Efficiencies.Qext, s.Qext[0], 12);
        Assert.Equal(direct.Efficiencies.G, s.G[0], 12);
    }
}
