using System.Numerics;
using MieCool.Optics.Mie;

namespace MieCool.Optics.Tests.Mie;

/// <summary>Identities every Mie solution must satisfy, on seeded random samples over x in [1e-3, 2e3], |m| up to ~14.</summary>
public class PropertyTests
{
    /// <summary>(x, m) log-uniform in x, n in [1.05, 10] (and some below 1), k in {0} or log-uniform [1e-6, 10].</summary>
    public static IEnumerable<(double X, Complex M)> Samples(int count, int seed, double xMin = 1e-3, double xMax = 2e3)
    {
        var rng = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            double x = xMin * Math.Pow(xMax / xMin, rng.NextDouble());
            double n = i % 7 == 0 ? 0.5 + 0.5 * rng.NextDouble() : 1.05 + 8.95 * rng.NextDouble();
            double k = i % 3 == 0 ? 0 : 1e-6 * Math.Pow(1e7, rng.NextDouble());
            yield return (x, new Complex(n, k));
        }
    }

    public static TheoryData<double, double, double> Cases()
    {
        var d = new TheoryData<double, double, double>();
        foreach (var (x, m) in Samples(60, 20261128)) d.Add(x, m.Real, m.Imaginary);
        return d;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Extinction_is_scattering_plus_nonnegative_absorption(double x, double n, double k)
    {
        var r = MieSolver.Sphere(x, new Complex(n, k));
        var q = r.Efficiencies;
        Assert.True(q.Qsca >= 0 && q.Qext > 0, $"Qext {q.Qext}, Qsca {q.Qsca}");
        double scale = Math.Max(q.Qext, 1e-300);
        if (k == 0) Assert.True(Math.Abs(q.Qabs) <= 1e-10 * scale, $"real m: Qabs = {q.Qabs:G3} of Qext {q.Qext:G3}");
        else Assert.True(q.Qabs >= -1e-10 * scale, $"Qabs = {q.Qabs:G3} < 0 for k = {k}");
        Assert.True(q.G >= -1 && q.G <= 1, $"g = {q.G}");
        Assert.True(q.Qback >= 0);
        Assert.Equal(q.Qext - q.G * q.Qsca, q.Qpr, 12);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Multipole_parts_sum_to_totals_and_each_absorbs_nonnegatively(double x, double n, double k)
    {
        var r = MieSolver.Sphere(x, new Complex(n, k));
        double ext = 0, sca = 0, abs = 0;
        for (int order = 1; order <= r.NMax; order++)
            foreach (var t in new[] { MultipoleType.Electric, MultipoleType.Magnetic })
            {
                var p = r.Multipole(order, t);
                ext += p.Qext; sca += p.Qsca; abs += p.Qabs;
                // Re(c) >= |c|^2 for c = a_n, b_n of an absorbing or lossless homogeneous sphere
                // round-off of Re(c) - |c|^2 is ~1e-16 |c|, i.e. 1e-16 sqrt(f Qsca_n) with f = 2(2n+1)/x^2
                double tol = 1e-13 * Math.Sqrt(2.0 * (2 * order + 1) / (x * x) * p.Qsca);
                Assert.True(p.Qabs >= -tol, $"{MultipoleNames.Label(order, t)}: Qabs {p.Qabs:G3}");
            }
        var q = r.Efficiencies;
        Assert.Equal(1, ext / q.Qext, 10);
        Assert.Equal(1, sca / q.Qsca, 10);
        Assert.True(Math.Abs(abs - q.Qabs) <= 1e-10 * q.Qext);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Optical_theorem_links_extinction_to_forward_amplitude(double x, double n, double k)
    {
        // Qext = 4/x^2 Re S(0) (optical theorem, B&H section 3.4), with S1(0) = S2(0): two independent sums over a_n, b_n
        var r = MieSolver.Sphere(x, new Complex(n, k));
        var (s1, s2) = r.Amplitudes(0);
        Assert.Equal(1, 4 / (x * x) * s1.Real / r.Efficiencies.Qext, 10);
        Assert.True((s1 - s2).Magnitude <= 1e-12 * s1.Magnitude);
        // and |S1(180)| = |S2(180)| with Qback = 4/x^2 |S1(180)|^2 (B&H eq. 4.82 via S(180))
        var (b1, b2) = r.Amplitudes(Math.PI);
        Assert.Equal(1, 4 / (x * x) * b1.Magnitude * b1.Magnitude / r.Efficiencies.Qback, 8);
        Assert.True((b1 + b2).Magnitude <= 1e-9 * b1.Magnitude + 1e-300);
    }

    [Theory]
    [InlineData(1.5, 0.0)]
    [InlineData(2.6, 0.01)]
    [InlineData(1.33, 1e-5)]
    [InlineData(0.2, 3.4)]   // silver-like
    [InlineData(4.0, 4.0)]
    public void Rayleigh_limit_for_small_spheres(double n, double k)
    {
        // Qsca -> 8/3 x^4 |(m^2-1)/(m^2+2)|^2, Qabs -> 4 x Im((m^2-1)/(m^2+2)) (B&H eqs. 5.8-5.9); errors O(x^2) relative
        var m = new Complex(n, k);
        Complex alpha = (m * m - 1) / (m * m + 2);
        foreach (double x in new[] { 1e-3, 1e-2 })
        {
            var q = MieSolver.Sphere(x, m).Efficiencies;
            double sca = 8.0 / 3 * Math.Pow(x, 4) * alpha.Magnitude * alpha.Magnitude, abs = 4 * x * alpha.Imaginary;
            double tol = 10 * x * x * Math.Max(1, m.Magnitude * m.Magnitude);
            Assert.True(Math.Abs(q.Qsca / sca - 1) < tol, $"x={x}: Qsca {q.Qsca:G6} vs Rayleigh {sca:G6}");
            if (k > 0) Assert.True(Math.Abs(q.Qabs / abs - 1) < tol, $"x={x}: Qabs {q.Qabs:G6} vs Rayleigh {abs:G6}");
            else Assert.True(Math.Abs(q.Qabs) < 1e-12 * q.Qsca + 1e-300);
        }
    }

    [Fact]
    public void Rayleigh_error_falls_as_x_squared()
    {
        // relative error of Qsca against the Rayleigh formula ~ C x^2: slope of log(err) vs log(x) is 2
        var m = new Complex(1.5, 0.1);
        Complex alpha = (m * m - 1) / (m * m + 2);
        double Err(double x)
        {
            var q = MieSolver.Sphere(x, m).Efficiencies;
            return Math.Abs(q.Qabs / (4 * x * alpha.Imaginary) - 1);
        }
        double[] xs = [1e-3, 3e-3, 1e-2, 3e-2];
        var logs = xs.Select(x => (Math.Log(x), Math.Log(Err(x)))).ToArray();
        double mx = logs.Average(p => p.Item1), my = logs.Average(p => p.Item2);
        double slope = logs.Sum(p => (p.Item1 - mx) * (p.Item2 - my)) / logs.Sum(p => (p.Item1 - mx) * (p.Item1 - mx));
        Assert.InRange(slope, 1.9, 2.1);
    }

    [Fact]
    public void Wiscombe_term_count()
    {
        Assert.Equal(2, MieSolver.TermCount(1e-3));
        Assert.Equal((int)(10 + 4 * Math.Cbrt(10) + 2), MieSolver.TermCount(10));
        Assert.Equal(10088, MieSolver.TermCount(1e4));
    }

    [Theory]
    [InlineData(5.0, 1.5, 0.0)]
    [InlineData(50.0, 1.33, 1e-3)]
    [InlineData(0.5, 10.0, 10.0)]
    public void More_terms_than_Wiscombe_change_nothing(double x, double n, double k)
    {
        var m = new Complex(n, k);
        var q = MieSolver.Sphere(x, m).Efficiencies;
        var q2 = MieSolver.Sphere(x, m, MieSolver.TermCount(x) + 20).Efficiencies;
        Assert.Equal(q.Qext, q2.Qext, 10);
        Assert.Equal(q.Qsca, q2.Qsca, 10);
        Assert.Equal(q.G, q2.G, 10);
    }
}

/// <summary>The numerical building blocks against 40-digit values and across the whole advertised range.</summary>
public class NumericsTests
{
    [Theory]
    [InlineData(1.5, 0.0)]
    [InlineData(2.0, 1.0)]
    [InlineData(30.0, 30.0)]
    [InlineData(0.001, 0.0005)]
    public void Logarithmic_derivatives_match_closed_forms(double zr, double zi)
    {
        // D_0(z) = cot z and D_1(z) = -1/z + 1/(1/z - cot z) (psi_0 = sin z, psi_1 = sin z / z - cos z)
        var z = new Complex(zr, zi);
        var d = new Complex[8];
        MieKernel.LogDerivative(z, d);
        Complex cot = Complex.Cos(z) / Complex.Sin(z);
        Complex d1 = -1 / z + 1 / (1 / z - cot);
        Assert.True((d[0] - cot).Magnitude <= 1e-13 * cot.Magnitude, $"D_0: {d[0]} vs {cot}");
        Assert.True((d[1] - d1).Magnitude <= 1e-9 * d1.Magnitude, $"D_1: {d[1]} vs {d1}");
    }

    [Theory]
    [InlineData(3.0, 2.6, 0.01)]
    [InlineData(100.0, 1.5, 0.0)]
    [InlineData(1000.0, 1.33, 0.0)]
    [InlineData(50.0, 10.0, 10.0)]
    public void Continued_fraction_start_agrees_with_downward_recurrence_from_far_above(double x, double n, double k)
    {
        // D_nmax from Lentz's continued fraction equals the downward recurrence started 5|z| orders higher
        var z = new Complex(n, k) * x;
        int nmax = MieSolver.TermCount(x);
        var cf = new Complex[nmax + 1];
        MieKernel.LogDerivative(z, cf);
        var far = new Complex[nmax + 1 + (int)(5 * z.Magnitude) + 50];
        // start that far above with D = 0 and recur down with the plain recurrence
        Complex dn = 0;
        for (int i = far.Length - 1; i >= 1; i--) { dn = i / z - 1 / (dn + i / z); if (i - 1 <= nmax) far[i - 1] = dn; }
        for (int i = 0; i <= nmax; i++) Assert.True((cf[i] - far[i]).Magnitude <= 1e-9 * far[i].Magnitude, $"D_{i}: {cf[i]} vs {far[i]}");
    }

    [Fact]
    public void Thousands_of_random_spheres_converge_and_stay_physical()
    {
        // continued fraction and recurrences over x in [1e-3, 1e3], n in [0.1, 10], k in {0} or [1e-8, 10]
        var rng = new Random(1979);
        var ws = new MieWorkspace();
        for (int i = 0; i < 3000; i++)
        {
            double x = 1e-3 * Math.Pow(1e6, rng.NextDouble());
            var m = new Complex(0.1 + 9.9 * rng.NextDouble(), i % 4 == 0 ? 0 : 1e-8 * Math.Pow(1e9, rng.NextDouble()));
            ws.Sphere(x, m);
            Assert.True(double.IsFinite(ws.Qext) && ws.Qext > 0 && ws.Qsca >= 0, $"x={x}, m={m}: Qext {ws.Qext}");
            Assert.True(ws.Qabs >= -1e-9 * ws.Qext, $"x={x}, m={m}: Qabs {ws.Qabs}");
            Assert.InRange(ws.G, -1, 1);
        }
    }

    [Theory]
    [InlineData(1.33, 1e-5)]
    [InlineData(1.5, 1.0)]
    [InlineData(10.0, 10.0)]
    [InlineData(0.75, 0.0)]
    public void Finite_and_physical_from_1e_minus_3_to_1e4(double n, double k)
    {
        var m = new Complex(n, k);
        var ws = new MieWorkspace();
        foreach (double x in new[] { 1e-3, 1e-2, 0.1, 1, 10, 100, 1000, 1e4 })
        {
            ws.Sphere(x, m);
            Assert.True(double.IsFinite(ws.Qext) && double.IsFinite(ws.Qsca) && double.IsFinite(ws.G) && double.IsFinite(ws.Qback),
                        $"x={x}");
            Assert.True(ws.Qabs >= -1e-9 * ws.Qext, $"x={x}: Qabs {ws.Qabs}");
            Assert.InRange(ws.G, -1, 1);
            if (x >= 1000) Assert.InRange(ws.Qext, 1.95, 2.1);   // extinction paradox
        }
    }
}

/// <summary>Regression: spectra stay smooth where psi_n(x) has a zero (x = k pi for psi_0), reported by the materials branch.</summary>
public class ZeroCrossingTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void No_glitch_at_x_equal_k_pi(int k)
    {
        var m = new Complex(2.36, 0.4);
        double x0 = k * Math.PI, h = 1e-6;
        var solvers = new Func<double, MieResult>[]
        {
            x => MieSolver.Sphere(x, m), x => MieSolver.CoreShell(0.5 * x, m, x, 1.0), x => MieSolver.CoreShell(0.5 * x, 1.5, x, 1.0),
        };
        foreach (var f in solvers)
        {
            double q = f(x0).Efficiencies.Qext, mid = 0.5 * (f(x0 - h).Efficiencies.Qext + f(x0 + h).Efficiencies.Qext);
            Assert.True(Math.Abs(q - mid) < 1e-8 * mid, $"x = {k} pi: Qext {q} vs neighbours {mid}");
        }
        // and the ratio psi_1 near x = pi matches its closed form sin x / x - cos x through the a_n, b_n it feeds
        var r = MieSolver.Sphere(Math.PI, m);
        var near = MieSolver.Sphere(Math.PI * (1 + 1e-12), m);
        for (int n = 1; n <= r.NMax; n++) Assert.True((r.a(n) - near.a(n)).Magnitude < 1e-9);
    }

    [Fact]
    public void Riccati_Bessel_at_a_zero_of_psi_0()
    {
        var psi = new Complex[6]; var xi = new Complex[6];
        RiccatiBessel.Evaluate(Math.PI, 5, psi, xi);
        // psi_1(pi) = sin(pi)/pi - cos(pi) = 1, psi_2 = 3/pi psi_1 - psi_0 = 3/pi
        Assert.Equal(1, psi[1].Real, 13);
        Assert.Equal(3 / Math.PI, psi[2].Real, 13);
    }
}
