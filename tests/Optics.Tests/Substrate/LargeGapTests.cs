using System.Numerics;
using MieCool.Optics.Mie;
using MieCool.Optics.Substrate;

namespace MieCool.Optics.Tests.Substrate;

/// <summary>
/// A sphere far above the interface: its absorption tends to that of the free sphere in the standing wave of the incident
/// and the specularly reflected plane wave (the estimate below, from the free sphere's Mie coefficients only), because what
/// the interface sends back of the sphere's own scattered field falls off as 1 / (k h).
/// </summary>
public class LargeGapTests(Xunit.Abstractions.ITestOutputHelper output)
{
    const double Radius = 120e-9, Wavelength = 700e-9;
    static readonly Complex Sphere = new(2.4, 0.06);

    /// <summary>
    /// Qabs of the free sphere (host index <paramref name="host"/>) in the two plane waves e^{-ikz} e and r e^{2ikh} e^{ikz} e
    /// (normal incidence on the substrate, centre at height h), relative to the incident irradiance.
    /// <para>Derivation. A plane wave E0 e e^{i k.r} has the regular coefficients a^M_lm = 4 pi i^l (X_lm^*(k^) . e) E0,
    /// a^N_lm = 4 pi i^l (Z_lm^*(k^) . e) E0 (Jackson's X_lm, Z_lm = i r^ x X_lm). The internal field is c_l a^M M_lm +
    /// d_l a^N N_lm, and the internal vector waves are orthogonal over the sphere's volume (X_lm, r^ x X_lm and r^ Y_lm are
    /// orthogonal on every spherical shell), so the absorbed power, k0 Im(eps) int |E|^2 dV / 2 Z0, is a diagonal quadratic
    /// form: sum_lm w^M_l |a^M_lm|^2 + w^N_l |a^N_lm|^2. For one unit plane wave sum_m w^M_l |a^M_lm|^2 is the free sphere's
    /// magnetic share of order l, Qabs_l^M = (2 / x^2)(2l + 1)(Re b_l - |b_l|^2) (Bohren &amp; Huffman Eqs. 4.61-4.62 per
    /// order), Qabs_l^E with a_l likewise. The reflected wave has the direction -k^ and the same e (at normal incidence the
    /// Fresnel coefficient of the field is r = (n_host - n_s) / (n_host + n_s) for either polarisation); parity,
    /// Y_lm(-k^) = (-1)^l Y_lm(k^) with L even, gives X_lm(-k^) = (-1)^l X_lm(k^) and Z_lm(-k^) = (-1)^(l+1) Z_lm(k^), so with
    /// A = r e^{2ikh} (the reflected wave over the incident one at the centre) the coefficients are a^M (1 + (-1)^l A) and
    /// a^N (1 - (-1)^l A):
    ///   Qabs = sum_l Qabs_l^M |1 + (-1)^l A|^2 + Qabs_l^E |1 - (-1)^l A|^2
    /// = (1 + |r|^2) Qabs_free plus the interference term 2 Re(A) sum_l (-1)^l (Qabs_l^M - Qabs_l^E). The electric dipole sees
    /// |1 + A|^2 (the electric field at the centre), the magnetic dipole |1 - A|^2 (the magnetic field of the reflected wave
    /// is reversed).</para>
    /// </summary>
    static double StandingWave(double host, Complex substrate, double height)
    {
        double k = 2 * Math.PI * host / Wavelength, x = k * Radius;
        var mie = MieSolver.Sphere(x, Sphere / host);
        Complex r = (host - substrate) / (host + substrate);
        Complex amp = r * Complex.Exp(2 * Complex.ImaginaryOne * k * height);
        double q = 0;
        for (int l = 1; l <= mie.NMax; l++)
        {
            double f = 2 * (2 * l + 1) / (x * x), parity = l % 2 == 0 ? 1 : -1;
            Complex a = mie.a(l), b = mie.b(l);
            q += f * (b.Real - b.Magnitude * b.Magnitude) * Norm(1 + parity * amp)
               + f * (a.Real - a.Magnitude * a.Magnitude) * Norm(1 - parity * amp);
        }
        return q;
    }

    /// <summary>
    /// Qabs of the sphere on the substrate at normal incidence. The integrals' tolerance is 1e-7 rather than the default
    /// 1e-10: Qabs is the same to 1e-13 (the Sommerfeld integral of the coupling converges to round-off either way), while
    /// at 80 wavelengths a tolerance of 1e-8 or less makes the far-field integrals (integrands oscillating as
    /// e^{2ikh cos(beta)}) take some 2.5e5 evaluations, 5 s a solve, for results that agree with those at 1e-7 to 1e-14.
    /// </summary>
    static double Qabs(double host, Complex substrate, double height) =>
        SphereOnSubstrate.Solve(new SphereOnSubstrateProblem(Radius, Sphere, host, new PlanarSubstrate(substrate), height, Wavelength,
                                                             Illumination.NormalFromHost), new SubstrateSettings(Tolerance: 1e-7)).Qabs;

    static double Norm(Complex z) => z.Real * z.Real + z.Imaginary * z.Imaginary;

    [Theory]
    [InlineData(1.0, 1.4507, 0)]
    [InlineData(1.0, 3.6, 0.01)]
    public void Far_above_the_interface_Qabs_tends_to_the_standing_wave_estimate_as_one_over_kh(double host, double ns, double ks)
    {
        // D = Qabs - estimate at three phases of the standing wave (h = g lambda + j lambda / (6 n_host), j = 0, 1, 2) and
        // gaps g = 10, 20, 40, 80: what the interface returns of the sphere's own field decays as e^{2ikh} / (k h), so D k h
        // at a fixed phase tends to a constant (up to O(1 / (k h))), and at 80 wavelengths D is below 1e-2 of Qabs
        var substrate = new Complex(ns, ks);
        double k = 2 * Math.PI * host / Wavelength, period = Wavelength / (2 * host);
        double[] gaps = [10, 20, 40, 80];
        var scaled = new double[gaps.Length, 3];
        for (int g = 0; g < gaps.Length; g++)
        {
            for (int j = 0; j < 3; j++)
            {
                double h = gaps[g] * Wavelength + j * period / 3;
                double exact = Qabs(host, substrate, h), estimate = StandingWave(host, substrate, h);
                scaled[g, j] = (exact - estimate) * k * h;
                output.WriteLine($"h = {h / Wavelength:F4} lambda: Qabs {exact:R}, estimate {estimate:R}, "
                                 + $"relative {(exact - estimate) / exact:G3}, (Qabs - estimate) k h {scaled[g, j]:G6}");
                if (gaps[g] == 80) Assert.True(Math.Abs(exact - estimate) < 1e-2 * exact, $"{exact} vs {estimate} at {h} m");
            }
        }
        double size = 0;
        foreach (double d in scaled) size = Math.Max(size, Math.Abs(d));
        for (int j = 0; j < 3; j++)
        {
            // the 1 / (k h) law: D k h changes by less than 5 % of its size from 10 to 80 wavelengths (1 / h^2 would change
            // it by a factor 8, a constant offset by 1/8); and D is not zero (the estimate is not the solver's own formula)
            for (int g = 1; g < gaps.Length; g++)
                Assert.True(Math.Abs(scaled[g, j] - scaled[0, j]) < 0.05 * size,
                            $"phase {j}: D k h = {scaled[0, j]} at 10 lambda, {scaled[g, j]} at {gaps[g]} lambda");
        }
        Assert.True(size > 1e-2, $"D k h = {size}");
    }

    [Theory]
    [InlineData(1.0, 1.4507, 0)]
    [InlineData(1.33, 3.6, 0.01)]  // in water: the period is lambda / 2.66, not lambda / 2
    public void The_standing_wave_estimate_reproduces_the_oscillation_of_Qabs_with_the_gap(double host, double ns, double ks)
    {
        // one period lambda / (2 n_host) in 8 steps at 15 wavelengths, plus a step of lambda / 2 (vacuum half-wavelength)
        var substrate = new Complex(ns, ks);
        double period = Wavelength / (2 * host), h0 = 15 * Wavelength;
        var exact = new double[9]; var estimate = new double[9];
        for (int j = 0; j <= 8; j++)
        {
            double h = h0 + j * period / 8;
            exact[j] = Qabs(host, substrate, h); estimate[j] = StandingWave(host, substrate, h);
            output.WriteLine($"h = {h / Wavelength:F5} lambda: Qabs {exact[j]:R}, estimate {estimate[j]:R}");
        }
        double swing = exact.Max() - exact.Min(), swingEstimate = estimate.Max() - estimate.Min();
        output.WriteLine($"peak to peak: Qabs {swing:R}, estimate {swingEstimate:R}");
        Assert.True(Math.Abs(swing - swingEstimate) < 0.03 * swing, $"peak to peak {swing} vs {swingEstimate}");
        Assert.Equal(Array.IndexOf(estimate, estimate.Max()), Array.IndexOf(exact, exact.Max()));
        Assert.Equal(Array.IndexOf(estimate, estimate.Min()), Array.IndexOf(exact, exact.Min()));
        for (int j = 0; j <= 8; j++) Assert.True(Math.Abs(exact[j] - estimate[j]) < 0.03 * swing, $"step {j}");
        Assert.True(Math.Abs(exact[8] - exact[0]) < 2e-3 * swing, $"one period: {exact[0]} -> {exact[8]}");
        if (host != 1)
        {
            double half = Qabs(host, substrate, h0 + Wavelength / 2);
            output.WriteLine($"h0 + lambda / 2: Qabs {half:R}");
            Assert.True(Math.Abs(half - exact[0]) > 0.1 * swing, "lambda / 2 is not the period in a host of index > 1");
        }
    }
}
