using System.Numerics;
using MieCool.Optics.Emitters;
using MieCool.Optics.Fields;
using MieCool.Optics.Mie;

namespace MieCool.Optics.Tests.Emitters;

/// <summary>
/// The far-field rate F of <see cref="DipoleInSphere"/> (reciprocity: internal fields of plane waves) against a second
/// algorithm: the total decay rate from the field the dipole's own outgoing waves produce on reflection at the sphere's
/// surface, evaluated at the dipole (Chew, Phys. Rev. A 38, 3410 (1988)). Without absorption every photon reaches the
/// far field, so the two must agree at every radius and orientation.
/// Inside, a partial wave h_n(k1 r) + R_n j_n(k1 r) meets the outside T_n h_n(k2 r); continuity of the tangential E and H
/// (B&amp;H Eq. 4.40 for the vector harmonics), with psi = z j_n, xi = z h_n, rho1 = k1 a, rho2 = k2 a, m = k1 / k2, gives
///   R^M_n = [m xi(rho2) xi'(rho1) - xi(rho1) xi'(rho2)] / [psi(rho1) xi'(rho2) - m xi(rho2) psi'(rho1)]   (TE)
///   R^N_n = [m xi'(rho2) xi(rho1) - xi'(rho1) xi(rho2)] / [psi'(rho1) xi(rho2) - m xi'(rho2) psi(rho1)]   (TM),
/// and with Im G_0(r, r) = k1 / (6 pi) of the bulk, relative to the bulk rate (rho = k1 r):
///   F_radial     = 1 + 3/2 Re sum n(n+1)(2n+1) R^N_n (j_n(rho)/rho)^2
///   F_tangential = 1 + 3/4 Re sum (2n+1) [R^M_n j_n(rho)^2 + R^N_n (psi_n'(rho)/rho)^2].
/// </summary>
public class ReflectedGreenFunctionTests
{
    /// <summary>
    /// Without absorption the reflected partial waves beyond m x contribute only through their radiative part, which falls
    /// off like x^(2n) / ((2n-1)!!)^2: 20 + 3 m x terms converge (and keep y_n of the outside below overflow).
    /// </summary>
    static (double Radial, double Tangential) TotalRate(double x, double m, double s)
    {
        int Terms = 20 + (int)(3 * m * x);
        Span<Complex> j1 = stackalloc Complex[Terms + 2], h1 = stackalloc Complex[Terms + 2];
        Span<Complex> j2 = stackalloc Complex[Terms + 2], h2 = stackalloc Complex[Terms + 2], j = stackalloc Complex[Terms + 2];
        double rho1 = m * x, rho2 = x, rho = m * x * s;
        Hankel(rho1, j1, h1); Hankel(rho2, j2, h2);
        SphericalBessel.J(rho, j);
        double radial = 0, tangential = 0;
        for (int n = 1; n <= Terms; n++)
        {
            Complex psi1 = rho1 * j1[n], dpsi1 = rho1 * j1[n - 1] - n * j1[n];
            Complex xi1 = rho1 * h1[n], dxi1 = rho1 * h1[n - 1] - n * h1[n];
            Complex xi2 = rho2 * h2[n], dxi2 = rho2 * h2[n - 1] - n * h2[n];
            Complex rM = (m * xi2 * dxi1 - xi1 * dxi2) / (psi1 * dxi2 - m * xi2 * dpsi1);
            Complex rN = (m * dxi2 * xi1 - dxi1 * xi2) / (dpsi1 * xi2 - m * dxi2 * psi1);
            Complex jr = j[n] / rho, dpr = j[n - 1] - n * j[n] / rho;
            radial += (n * (n + 1.0) * (2 * n + 1) * rN * jr * jr).Real;
            tangential += ((2 * n + 1) * (rM * j[n] * j[n] + rN * dpr * dpr)).Real;
        }
        return (1 + 1.5 * radial, 1 + 0.75 * tangential);
    }

    /// <summary>j_n and h_n = j_n + i y_n of a real argument, n = 0..Terms+1 (y_n by upward recurrence: it grows).</summary>
    static void Hankel(double z, Span<Complex> j, Span<Complex> h)
    {
        SphericalBessel.J(z, j);
        double yPrev = -Math.Cos(z) / z, y = -Math.Cos(z) / (z * z) - Math.Sin(z) / z;
        h[0] = new Complex(j[0].Real, yPrev);
        h[1] = new Complex(j[1].Real, y);
        for (int n = 1; n + 1 < h.Length; n++)
        {
            double next = (2 * n + 1) / z * y - yPrev;
            (yPrev, y) = (y, next);
            h[n + 1] = new Complex(j[n + 1].Real, y);
        }
    }

    [Theory]
    [InlineData(0.5, 1.5)]
    [InlineData(2.15, 2.55)]  // the 530 nm MAPbI3 sphere at 775 nm, without its absorption
    [InlineData(4.0, 2.0)]
    [InlineData(1.2, 3.5)]    // silicon-like, near its magnetic dipole resonance
    public void Without_absorption_the_total_rate_is_the_far_field_rate(double x, double m)
    {
        var c = SphereCoefficients.Sphere(x, m, MieSolver.TermCount(m * x) + 20);
        foreach (double s in new[] { 0.05, 0.3, 0.6, 0.8, 0.9 })
        {
            var far = DipoleInSphere.At(c, s); // host-normalised
            var (radial, tangential) = TotalRate(x, m, s);
            Assert.Equal(radial, far.Radial / m, 1e-9);      // bulk-normalised: the host rate times n_host / n
            Assert.Equal(tangential, far.Tangential / m, 1e-9);
        }
    }

    [Fact]
    public void A_sphere_of_host_index_reflects_nothing()
    {
        var (radial, tangential) = TotalRate(3.0, 1.0, 0.5);
        Assert.Equal(1.0, radial, 1e-12);
        Assert.Equal(1.0, tangential, 1e-12);
    }
}
