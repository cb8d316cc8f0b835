using System.Numerics;
using MieCool.Optics.Mie;

namespace MieCool.Optics.Tests.Mie;

/// <summary>The layered-sphere solver (Yang 2003) against the homogeneous sphere in the limits where they coincide.</summary>
public class CoreShellTests
{
    public static TheoryData<double, double, double, double> Cases()
    {
        var d = new TheoryData<double, double, double, double>();
        var rng = new Random(530);
        foreach (var (x, m) in PropertyTests.Samples(30, 17, 1e-2, 300))
            d.Add(x, 0.05 + 0.9 * rng.NextDouble(), m.Real, m.Imaginary);
        return d;
    }

    static void AssertCoefficientsEqual(MieResult expected, MieResult actual, double tol)
    {
        Assert.Equal(expected.NMax, actual.NMax);
        double scale = 0;
        for (int n = 1; n <= expected.NMax; n++) scale = Math.Max(scale, Math.Max(expected.a(n).Magnitude, expected.b(n).Magnitude));
        for (int n = 1; n <= expected.NMax; n++)
        {
            Assert.True((expected.a(n) - actual.a(n)).Magnitude <= tol * scale, $"a_{n}: {expected.a(n)} vs {actual.a(n)}");
            Assert.True((expected.b(n) - actual.b(n)).Magnitude <= tol * scale, $"b_{n}: {expected.b(n)} vs {actual.b(n)}");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Identical_layers_equal_the_homogeneous_sphere(double x, double coreFraction, double n, double k)
    {
        var m = new Complex(n, k);
        var sphere = MieSolver.Sphere(x, m);
        var layered = MieSolver.CoreShell(coreFraction * x, m, x, m);
        AssertCoefficientsEqual(sphere, layered, 1e-9);
        Assert.Equal(1, layered.Efficiencies.Qext / sphere.Efficiencies.Qext, 9);
        Assert.Equal(sphere.Efficiencies.Qsca, layered.Efficiencies.Qsca, 9);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Shell_of_host_material_is_the_bare_core(double x, double coreFraction, double n, double k)
    {
        // a shell with m = 1 is no shell: the coefficients are those of the core alone (same nmax)
        var m = new Complex(n, k);
        double xc = coreFraction * x;
        var layered = MieSolver.CoreShell(xc, m, x, 1);
        var core = MieSolver.Sphere(xc, m, layered.NMax);
        AssertCoefficientsEqual(core, layered, 1e-8);
    }

    [Fact]
    public void Every_multipole_of_a_passive_layered_sphere_absorbs_nonnegatively_and_parts_sum_to_totals()
    {
        // each partial wave of a spherically symmetric passive scatterer obeys Re(c) >= |c|^2 (c = a_n, b_n)
        var rng = new Random(2003);
        for (int i = 0; i < 40; i++)
        {
            double x = 0.05 * Math.Pow(2000, rng.NextDouble());
            var mc = new Complex(0.5 + 4 * rng.NextDouble(), rng.NextDouble() < 0.3 ? 0 : 2 * rng.NextDouble());
            var ms = new Complex(1.0 + 3 * rng.NextDouble(), rng.NextDouble() < 0.5 ? 0 : 0.5 * rng.NextDouble());
            var r = MieSolver.CoreShell((0.1 + 0.8 * rng.NextDouble()) * x, mc, x, ms);
            double ext = 0, sca = 0;
            for (int n = 1; n <= r.NMax; n++)
                foreach (var t in new[] { MultipoleType.Electric, MultipoleType.Magnetic })
                {
                    var p = r.Multipole(n, t);
                    ext += p.Qext; sca += p.Qsca;
                    // round-off of Re(c) - |c|^2 is ~1e-16 |c|, i.e. 1e-16 sqrt(f Qsca_n) with f = 2(2n+1)/x^2
                    double tol = 1e-13 * Math.Sqrt(2.0 * (2 * n + 1) / (x * x) * p.Qsca);
                    Assert.True(p.Qabs >= -tol, $"x={x}, core {mc}, shell {ms}: {MultipoleNames.Label(n, t)} Qabs {p.Qabs:G3}");
                }
            Assert.Equal(1, ext / r.Efficiencies.Qext, 10);
            Assert.Equal(1, sca / r.Efficiencies.Qsca, 10);
            Assert.True(r.Efficiencies.Qabs >= -1e-10 * r.Efficiencies.Qext);
        }
    }

    [Fact]
    public void Three_layers_with_two_equal_inner_layers_equal_two_layers()
    {
        var m1 = new Complex(2.6, 0.05); var m2 = new Complex(1.45, 0);
        var two = MieSolver.CoreShell(2.0, m1, 3.5, m2);
        var three = MieSolver.Multilayer([1.0, 2.0, 3.5], [m1, m1, m2]);
        AssertCoefficientsEqual(two, three, 1e-10);
    }

    [Fact]
    public void Thin_absorbing_shell_absorbs_little_and_gold_like_shell_resonates()
    {
        // silica core with a 1% thick weakly absorbing shell: absorption scales with the shell volume
        var core = new Complex(1.45, 0);
        var thin = MieSolver.CoreShell(0.99, core, 1.0, new Complex(1.45, 0.1)).Efficiencies;
        var full = MieSolver.Sphere(1.0, new Complex(1.45, 0.1)).Efficiencies;
        double volumeFraction = 1 - Math.Pow(0.99, 3);
        Assert.InRange(thin.Qabs / full.Qabs, 0.5 * volumeFraction, 2 * volumeFraction);
    }
}
