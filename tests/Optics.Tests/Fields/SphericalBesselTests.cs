using System.Numerics;
using System.Runtime.Intrinsics;
using MieCool.Optics.Fields;

namespace MieCool.Optics.Tests.Fields;

public class SphericalBesselTests
{
    static Complex J0(Complex z) => Complex.Sin(z) / z;
    static Complex J1(Complex z) => Complex.Sin(z) / (z * z) - Complex.Cos(z) / z;
    static Complex J2(Complex z) => (3 / (z * z * z) - 1 / z) * Complex.Sin(z) - 3 * Complex.Cos(z) / (z * z); // A&S 10.1.11

    [Theory]
    [InlineData(0.3, 0.0)]
    [InlineData(2.6, 0.001)]
    [InlineData(7.9, 0.2)]
    [InlineData(15.0, 1.5)]
    [InlineData(3.14159265358979, 0.0)] // j_0 = 0: normalised by j_1
    public void Low_orders_match_the_closed_forms(double re, double im)
    {
        var z = new Complex(re, im);
        Span<Complex> j = stackalloc Complex[12];
        SphericalBessel.J(z, j);
        Assert.True(Complex.Abs(j[0] - J0(z)) < 1e-13 * Math.Max(1, Complex.Abs(J0(z))));
        Assert.True(Complex.Abs(j[1] - J1(z)) < 1e-13 * Math.Max(1, Complex.Abs(J1(z))));
        Assert.True(Complex.Abs(j[2] - J2(z)) < 1e-12 * Math.Max(1, Complex.Abs(J2(z))));
    }

    [Fact]
    public void Recurrence_holds_at_high_order_and_small_argument()
    {
        // j_{n-1} + j_{n+1} = (2n+1)/z j_n (A&S 10.1.19), checked where the terms are tiny
        Span<Complex> j = stackalloc Complex[30];
        foreach (var z in new[] { new Complex(0.05, 0.01), new Complex(1.2, 0.3), new Complex(20, 0.5) })
        {
            SphericalBessel.J(z, j);
            for (int n = 1; n < 29; n++)
            {
                var lhs = j[n - 1] + j[n + 1]; var rhs = (2 * n + 1) / z * j[n];
                Assert.True(Complex.Abs(lhs - rhs) <= 1e-12 * Complex.Abs(rhs) + 1e-300, $"z={z} n={n}");
            }
        }
    }

    [Fact]
    public void Recurrence_matches_the_power_series_just_above_the_switch()
    {
        var z = new Complex(1.01e-4, 2e-6);
        Span<Complex> j = stackalloc Complex[6];
        SphericalBessel.J(z, j); // recurrence branch (|z| > 1e-4)
        Complex zn = 1; double dfact = 1;
        for (int n = 0; n < 6; n++)
        {
            if (n > 0) { zn *= z; dfact *= 2 * n + 1; }
            var series = zn / dfact * (1 - z * z / (2 * (2 * n + 3))); // A&S 10.1.2
            Assert.True(Complex.Abs(j[n] / series - 1) < 1e-10, $"n={n}");
        }
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(3.0)]
    [InlineData(25.0)]
    public void Wronskian_of_j_and_y(double x)
    {
        // j_n y_{n-1} - j_{n-1} y_n = 1/x^2 (A&S 10.1.6)
        Span<Complex> h = stackalloc Complex[20];
        SphericalBessel.H1(x, h);
        for (int n = 1; n < 20; n++)
        {
            double w = h[n].Real * h[n - 1].Imaginary - h[n - 1].Real * h[n].Imaginary;
            Assert.Equal(1.0, w * x * x, 1e-9);
        }
    }

    [Fact]
    public void Four_arguments_at_once_give_each_argument_s_own_values_to_the_last_bit()
    {
        // lanes with different start orders (|z| above N in one), one that overflows and is rescaled (|z| = 2e-4, 41 orders),
        // and one on the real axis
        var z = new[] { new Complex(2e-4, 1e-6), new Complex(3.9, 0.02), new Complex(55.0, 0.3), new Complex(1.7, 0) };
        const int orders = 41;
        Span<Vector256<double>> jr = stackalloc Vector256<double>[orders], ji = stackalloc Vector256<double>[orders];
        Assert.True(SphericalBessel.J4(Vector256.Create(z[0].Real, z[1].Real, z[2].Real, z[3].Real),
                                       Vector256.Create(z[0].Imaginary, z[1].Imaginary, z[2].Imaginary, z[3].Imaginary), jr, ji));
        Span<Complex> j = stackalloc Complex[orders];
        for (int k = 0; k < 4; k++)
        {
            SphericalBessel.J(z[k], j);
            for (int n = 0; n < orders; n++)
            {
                Assert.True(BitConverter.DoubleToInt64Bits(j[n].Real) == BitConverter.DoubleToInt64Bits(jr[n][k]), $"z={z[k]} n={n}");
                Assert.True(BitConverter.DoubleToInt64Bits(j[n].Imaginary) == BitConverter.DoubleToInt64Bits(ji[n][k]), $"z={z[k]} n={n}");
            }
        }
        Assert.True(Complex.Abs(j[0] - J0(z[3])) < 1e-13); // and they are j_n: the closed form
        // a lane below the series switch: the caller evaluates it alone
        Assert.False(SphericalBessel.J4(Vector256.Create(5e-5, 1, 1, 1), Vector256<double>.Zero, jr, ji));
    }
}

public class SphericalBesselAgreesWithTheMieSolverTests
{
    [Theory]
    [InlineData(0.7, 0.0)]
    [InlineData(6.03, 0.035)]
    [InlineData(12.5, 0.4)]
    [InlineData(2.0, 2.0)]
    public void J_and_H1_match_RiccatiBessel(double re, double im)
    {
        // two independent implementations: Miller recurrence here, log-derivative ratios + upward xi in Optics.Mie
        var z = new Complex(re, im);
        const int N = 20;
        Span<Complex> j = stackalloc Complex[N + 1], psi = stackalloc Complex[N + 1], xi = stackalloc Complex[N + 1];
        SphericalBessel.J(z, j);
        MieCool.Optics.Mie.RiccatiBessel.Evaluate(z, N, psi, xi);
        for (int n = 0; n <= N; n++)
            Assert.True(Complex.Abs(z * j[n] - psi[n]) <= 1e-12 * Complex.Abs(psi[n]) + 1e-300, $"psi_{n}({z})");
        if (im != 0) return;
        Span<Complex> h = stackalloc Complex[N + 1];
        SphericalBessel.H1(re, h);
        for (int n = 0; n <= N; n++)
            Assert.True(Complex.Abs(re * h[n] - xi[n]) <= 1e-11 * Complex.Abs(xi[n]), $"xi_{n}({re})");
    }
}
