using System.Numerics;
using MieCool.Optics.Emitters;
using MieCool.Optics.Fields;
using MieCool.Optics.Materials;
using MieCool.Optics.Mie;

namespace MieCool.Optics.Tests.Emitters;

public class DipoleInSphereTests
{
    [Theory]
    [InlineData(0.5)]
    [InlineData(3.0)]
    [InlineData(8.0)]
    public void A_sphere_of_host_index_changes_nothing(double x)
    {
        var c = SphereCoefficients.Sphere(x, Complex.One, MieSolver.TermCount(x) + 15); // converged to 1e-12
        foreach (var s in new[] { 0.0, 0.2, 0.7, 1.0 })
        {
            var f = DipoleInSphere.At(c, s);
            Assert.Equal(1.0, f.Radial, 1e-10);
            Assert.Equal(1.0, f.Tangential, 1e-10);
        }
        var avg = DipoleInSphere.VolumeAverage(c, 1.0);
        Assert.Equal(1.0, avg.FAverage, 1e-10);
        Assert.Equal(1.0, avg.FAverageRadial, 1e-10);
        Assert.Equal(1.0, avg.FAverageTangential, 1e-10);
        Assert.Equal(1.0, avg.FCenter, 1e-10);
    }

    [Theory]
    [InlineData(2.6, 0.0, 1.0)]
    [InlineData(2.6, 0.1, 1.0)]
    [InlineData(1.5, 0.0, 1.33)]
    [InlineData(0.4, 2.0, 1.0)] // metal-like: near the Froehlich resonance the factor is large
    public void Small_sphere_gives_the_squared_local_field_factor(double n, double k, double host)
    {
        // host-normalised at fixed dipole moment: F = |3 eps_h / (eps_s + 2 eps_h)|^2 (quasi-static internal field);
        // normalised to the bulk sphere material it is that times n_h / n_s.
        var ms = new Complex(n, k);
        var m = ms / host;
        var c = SphereCoefficients.Sphere(1e-3, m);
        Complex epsS = ms * ms, epsH = host * host;
        double expected = Math.Pow(Complex.Abs(3 * epsH / (epsS + 2 * epsH)), 2);
        var avg = DipoleInSphere.VolumeAverage(c, host);
        Assert.Equal(expected, avg.FCenter, 1e-5 * expected);
        Assert.Equal(expected, avg.FAverage, 1e-5 * expected);
        Assert.Equal(expected, DipoleInSphere.At(c, 0.5).Radial, 1e-5 * expected);
        Assert.Equal(expected, DipoleInSphere.At(c, 0.5).Tangential, 1e-5 * expected);
        Assert.Equal(expected * host / ms.Real, avg.FAverageBulk, 1e-5 * expected);
    }

    public static TheoryData<double, double, double> Grid()
    {
        var data = new TheoryData<double, double, double>();
        foreach (var x in new[] { 0.3, 1.0, 2.5, 4.0, 7.0 })
            foreach (var (n, k) in new[] { (1.5, 0.01), (2.6, 0.013), (2.6, 0.2), (4.0, 0.05), (1.2, 1.0) })
                data.Add(x, n, k);
        return data;
    }

    [Theory]
    [MemberData(nameof(Grid))]
    public void Reciprocity_volume_average_equals_the_mean_internal_intensity(double x, double n, double k)
    {
        // Qabs = (4/3) x Im(m^2) <|E|^2/E0^2>_V (B&H Eq. 4.?? via Poynting's theorem), and by reciprocity F_avg = <|E|^2/E0^2>_V
        var m = new Complex(n, k);
        var mie = MieSolver.Sphere(x, m);
        double expected = 3 * mie.Efficiencies.Qabs / (4 * x * (m * m).Imaginary);
        var avg = DipoleInSphere.VolumeAverage(SphereCoefficients.From(mie), 1.0);
        Assert.True(Math.Abs(avg.FAverage / expected - 1) < 1e-8, $"F_avg {avg.FAverage} vs 3 Qabs/(4 x Im m^2) {expected}");
        // and every multipole separately: Qabs_n of a_n (electric) and b_n (magnetic)
        foreach (var t in avg.Orders)
        {
            double q = mie.Multipole(t.Order, t.Type).Qabs * 3 / (4 * x * (m * m).Imaginary);
            Assert.True(Math.Abs(t.Value - q) < 1e-8 * expected, $"{t.Label}: {t.Value} vs {q}");
        }
    }

    [Fact]
    public void Orders_sum_to_the_average_and_radial_dipoles_see_only_electric_modes()
    {
        var c = SphereCoefficients.Sphere(3.0, new Complex(2.6, 0.0001));
        var avg = DipoleInSphere.VolumeAverage(c, 1.0);
        Assert.Equal(avg.FAverage, avg.Orders.Sum(t => t.Value), 1e-12 * avg.FAverage);
        Assert.Equal(avg.FAverage, (avg.FAverageRadial + 2 * avg.FAverageTangential) / 3, 1e-12 * avg.FAverage);
        int N = c.NMax;
        Span<double> rE = stackalloc double[N], tE = stackalloc double[N], tM = stackalloc double[N];
        var at = DipoleInSphere.At(c, 0.6, rE, tE, tM);
        double radialSum = 0; foreach (var v in rE) radialSum += v;
        Assert.Equal(at.Radial, radialSum, 1e-12 * at.Radial);
    }

    [Fact]
    public void MAPbI3_530nm_in_air_emission_is_dominated_by_the_magnetic_octupole_near_770nm()
    {
        // Tonkaev et al., Nanoscale 11, 17800 (2019): the escape enhancement of a 530 nm MAPbI3 sphere rests on the MO mode.
        var mat = MieCool.Optics.Materials.Materials.Resolve("other/perovskite/CH3NH3PbI3/nk/Phillips", "test");
        double radius = 265e-9;
        var found = new List<string>();
        foreach (var wl in new[] { 760e-9, 770e-9, 780e-9 })
        {
            var m = mat.At(wl);
            var avg = DipoleInSphere.VolumeAverage(SphereCoefficients.Sphere(2 * Math.PI * radius / wl, m), 1.0);
            found.Add($"{wl * 1e9:F0} nm: {avg.Dominant.Label} ({avg.Dominant.Value:F3} of {avg.FAverage:F3})");
        }
        Assert.True(found.Count(s => s.Contains(": MO")) >= 2, string.Join("; ", found));
    }

    [Theory]
    [InlineData(0.5, 1.5, 0.0)]
    [InlineData(2.0, 2.6, 0.01)]
    [InlineData(4.0, 3.5, 0.2)]
    public void Centre_dipole_radiates_through_the_electric_dipole_channel_only(double x, double n, double k)
    {
        // a dipole at the centre couples only to n = 1 TM: F = |m / (m psi_1(mx) xi_1'(x) - xi_1(x) psi_1'(mx))|^2
        // (Chew 1987 at r = 0), from Riccati-Bessel functions evaluated here, independently of the Mie solver
        var m = new Complex(n, k);
        Span<Complex> j = stackalloc Complex[3], h = stackalloc Complex[3];
        var z = m * x;
        SphericalBessel.J(z, j);
        SphericalBessel.H1(x, h);
        Complex psi1 = z * j[1], dpsi1 = z * j[0] - j[1], xi1 = x * h[1], dxi1 = x * h[0] - h[1];
        double expected = Math.Pow(Complex.Abs(m / (m * psi1 * dxi1 - xi1 * dpsi1)), 2);
        var c = SphereCoefficients.Sphere(x, m);
        Assert.Equal(expected, DipoleInSphere.VolumeAverage(c, 1.0).FCenter, 1e-10 * expected);
        var near = DipoleInSphere.At(c, 1e-5);
        Assert.Equal(expected, near.Radial, 1e-6 * expected);
        Assert.Equal(expected, near.Tangential, 1e-6 * expected);
    }
}
