using System.Numerics;
using MieCool.Core;
using MieCool.Core.Numerics;
using MieCool.Optics.Fields;
using MieCool.Optics.Mie;

namespace MieCool.Optics.Tests.Fields;

public class SphereFieldTests
{
    const double Wavelength = 980e-9;

    // pointwise comparisons with the exact incident wave need more terms than Wiscombe's count (which aims at the
    // cross sections): the plane-wave expansion inside r = a converges like j_n(x)
    static SphereField Field(double x, Complex m, double host = 1.0, int extraTerms = 15)
    {
        double radius = x * Wavelength / (2 * Math.PI * host);
        return new SphereField(SphereCoefficients.Sphere(x, m, MieSolver.TermCount(x) + extraTerms), radius, Wavelength, host);
    }

    [Fact]
    public void A_sphere_of_host_index_leaves_the_plane_wave_unchanged()
    {
        var f = Field(2.0, Complex.One);
        var rng = new Random(1);
        for (int t = 0; t < 50; t++)
        {
            double x = (rng.NextDouble() * 2 - 1) * f.Radius,
                   y = (rng.NextDouble() * 2 - 1) * f.Radius,
                   z = (rng.NextDouble() * 2 - 1) * f.Radius;
            if (x * x + y * y + z * z > f.Radius * f.Radius) continue;
            var e = f.E(x, y, z); var h = f.H(x, y, z);
            var plane = Complex.Exp(new Complex(0, f.K * z));
            Assert.True(Complex.Abs(e.X - plane) < 1e-10 && Complex.Abs(e.Y) < 1e-10 && Complex.Abs(e.Z) < 1e-10, $"E at {x},{y},{z}: {e}");
            Assert.True(Complex.Abs(h.Y - plane) < 1e-10 && Complex.Abs(h.X) < 1e-10 && Complex.Abs(h.Z) < 1e-10, $"H at {x},{y},{z}: {h}");
        }
    }

    [Fact]
    public void Small_sphere_has_the_electrostatic_internal_field()
    {
        var m = new Complex(2.6, 0.1);
        var f = Field(1e-6, m); // corrections are O(x) (magnetic dipole, phase of the incident wave)
        var e = f.E(0.3 * f.Radius, -0.2 * f.Radius, 0.5 * f.Radius);
        var expected = 3 / (m * m + 2); // B&H section 5.1
        Assert.True(Complex.Abs(e.X / expected - 1) < 1e-5, $"{e.X} vs {expected}");
        Assert.True(Complex.Abs(e.Y) < 1e-5 && Complex.Abs(e.Z) < 1e-5);
    }

    [Theory]
    [InlineData(0.8, 1.5, 0.02)]
    [InlineData(3.0, 2.6, 0.013)]
    [InlineData(5.5, 4.0, 0.3)]
    public void Tangential_E_and_H_are_continuous_across_the_surface(double x, double n, double k)
    {
        var f = Field(x, new Complex(n, k));
        double eps = 1e-9;
        foreach (var (th, ph) in new[] { (0.3, 0.2), (1.2, 2.5), (2.4, -1.0), (Math.PI / 2, 0.7) })
        {
            var rhat = (Math.Sin(th) * Math.Cos(ph), Math.Sin(th) * Math.Sin(ph), Math.Cos(th));
            FieldVector At(bool magnetic, double r) => magnetic
                ? f.H(r * rhat.Item1, r * rhat.Item2, r * rhat.Item3)
                : f.E(r * rhat.Item1, r * rhat.Item2, r * rhat.Item3);
            foreach (bool magnetic in new[] { false, true })
            {
                var inside = At(magnetic, f.Radius * (1 - eps)); var outside = At(magnetic, f.Radius * (1 + eps));
                var ti = Tangential(inside, rhat); var to = Tangential(outside, rhat);
                double scale = Math.Sqrt(outside.Norm2);
                for (int c = 0; c < 3; c++)
                    Assert.True(Complex.Abs(ti[c] - to[c]) < 1e-6 * scale,
                        $"{(magnetic ? "H" : "E")} component {c} at theta={th}: {ti[c]} vs {to[c]}");
            }
            // the normal component of D = eps E jumps by the permittivity ratio
            var ein = At(false, f.Radius * (1 - eps)); var eout = At(false, f.Radius * (1 + eps));
            Complex nIn = ein.X * rhat.Item1 + ein.Y * rhat.Item2 + ein.Z * rhat.Item3;
            Complex nOut = eout.X * rhat.Item1 + eout.Y * rhat.Item2 + eout.Z * rhat.Item3;
            var m = f.Coefficients.M;
            Assert.True(Complex.Abs(m * m * nIn - nOut) < 1e-6 * Math.Sqrt(eout.Norm2));
        }
    }

    static Complex[] Tangential(FieldVector v, (double X, double Y, double Z) n)
    {
        Complex dot = v.X * n.X + v.Y * n.Y + v.Z * n.Z;
        return [v.X - dot * n.X, v.Y - dot * n.Y, v.Z - dot * n.Z];
    }

    [Theory]
    [InlineData(0.5, 2.0, 0.1, Polarisation.X)]
    [InlineData(3.0, 2.6, 0.013, Polarisation.Average)]
    [InlineData(3.0, 2.6, 0.013, Polarisation.Y)]
    [InlineData(6.0, 1.7, 0.05, Polarisation.X)]
    public void Absorbed_power_integrates_to_Cabs_times_intensity(double x, double n, double k, Polarisation pol)
    {
        var m = new Complex(n, k);
        var f = Field(x, m, host: 1.33);
        double intensity = 7e10; // 7e6 W/cm^2
        var mie = MieSolver.Sphere(x, m);
        double cabs = mie.Efficiencies.Qabs * Math.PI * f.Radius * f.Radius;

        // Gauss-Legendre in r and cos(theta), trapezoid (exact for the cos^2/sin^2 phi dependence) in phi
        int nr = 30 + (int)(3 * Complex.Abs(m) * x), nt = 20 + 2 * f.Coefficients.NMax, nphi = 8;
        var (rs, wr) = GaussLegendre.Rule(nr, 0, f.Radius);
        var (mus, wmu) = GaussLegendre.Rule(nt);
        int count = nr * nt * nphi;
        double[] px = new double[count], py = new double[count], pz = new double[count], w = new double[count], p = new double[count];
        int q = 0;
        for (int i = 0; i < nr; i++)
            for (int t = 0; t < nt; t++)
                for (int s = 0; s < nphi; s++)
                {
                    double phi = 2 * Math.PI * (s + 0.3) / nphi, st = Math.Sqrt(1 - mus[t] * mus[t]);
                    px[q] = rs[i] * st * Math.Cos(phi); py[q] = rs[i] * st * Math.Sin(phi); pz[q] = rs[i] * mus[t];
                    w[q] = wr[i] * rs[i] * rs[i] * wmu[t] * 2 * Math.PI / nphi;
                    q++;
                }
        f.AbsorbedPowerDensity(px, py, pz, p, intensity, pol);
        double total = 0;
        for (int i = 0; i < count; i++) total += w[i] * p[i];
        Assert.True(Math.Abs(total / (cabs * intensity) - 1) < 1e-6, $"integral {total:E10} W vs Cabs I {cabs * intensity:E10} W");
        // the single-point path gives the same numbers
        Assert.Equal(p[count / 2], f.AbsorbedPowerDensity(px[count / 2], py[count / 2], pz[count / 2], intensity, pol),
                     1e-9 * p[count / 2]);
    }

    [Fact]
    public void No_absorption_outside()
    {
        var f = Field(2.0, new Complex(2.6, 0.1));
        Assert.Equal(0, f.AbsorbedPowerDensity(0, 0, 1.01 * f.Radius, 1e10));
        Assert.True(f.AbsorbedPowerDensity(0, 0, 0.99 * f.Radius, 1e10) > 0);
    }
}

public class SphereFieldPlacementTests
{
    [Fact]
    public void Interleaved_points_about_a_centre_and_downward_pump_mirror_the_plus_z_solution()
    {
        var f = SphereField.Create(265e-9, 980e-9, new Complex(2.32, 0.0134), 1.0);
        var centre = (X: 1e-7, Y: -2e-7, Z: 265e-9);
        double[] local = [0.1e-7, 0.5e-7, 1.2e-7, -0.3e-7, 0.2e-7, -1.9e-7, 0, 0, 2.0e-7, 0, 0, 3e-7];
        int n = local.Length / 3;
        var xyz = new double[local.Length];
        for (int i = 0; i < n; i++)
        {
            xyz[3 * i] = local[3 * i] + centre.X;
            xyz[3 * i + 1] = local[3 * i + 1] + centre.Y;
            xyz[3 * i + 2] = local[3 * i + 2] + centre.Z;
        }
        double[] up = new double[n], down = new double[n];
        f.AbsorbedPowerDensity(xyz, up, 7e10, centre, downward: false, Polarisation.Average);
        f.AbsorbedPowerDensity(xyz, down, 7e10, centre, downward: true, Polarisation.Average);
        for (int i = 0; i < n - 1; i++)
        {
            Assert.Equal(f.AbsorbedPowerDensity(local[3 * i], local[3 * i + 1], local[3 * i + 2], 7e10), up[i], 1e-12 * up[i]);
            Assert.Equal(f.AbsorbedPowerDensity(local[3 * i], local[3 * i + 1], -local[3 * i + 2], 7e10), down[i], 1e-12 * down[i]);
        }
        Assert.NotEqual(up[0], down[0]); // the field is not symmetric front to back
        Assert.Equal(0, up[n - 1]);      // outside the sphere
    }
}
