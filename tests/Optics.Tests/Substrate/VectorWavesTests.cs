using System.Numerics;
using MieCool.Optics.Fields;
using MieCool.Optics.Substrate;

namespace MieCool.Optics.Tests.Substrate;

/// <summary>The vector spherical waves against direct evaluations: plane waves, the curl, and Weyl's angular spectrum.</summary>
public class VectorWavesTests
{
    static readonly Complex I = Complex.ImaginaryOne;

    /// <summary>Unit vectors of a direction (sin b cos a, sin b sin a, cos b): e_TE = phi^, e_TM = theta^.</summary>
    static ((Complex, Complex, Complex) Te, (Complex, Complex, Complex) Tm) Basis(Complex cb, Complex sb, double a) =>
        ((-Math.Sin(a), Math.Cos(a), 0), (cb * Math.Cos(a), cb * Math.Sin(a), -sb));

    /// <summary>Regular coefficients of the plane wave e_j e^{i k.r}: 4 pi i^l (X^* . e_j), 4 pi i^l (Z^* . e_j).</summary>
    static (Complex[] M, Complex[] N) PlaneWave(int lmax, double beta, double alpha, bool tm)
    {
        var cm = new Complex[VectorWaves.Count(lmax)]; var cn = new Complex[cm.Length];
        Span<Complex> pi = stackalloc Complex[lmax + 1], tau = stackalloc Complex[lmax + 1];
        for (int mAbs = 0; mAbs <= lmax; mAbs++)
        {
            AngularFunctions.Evaluate(mAbs, lmax, Math.Cos(beta), Math.Sin(beta), pi, tau);
            foreach (int m in mAbs == 0 ? [0] : (ReadOnlySpan<int>)[mAbs, -mAbs])
                for (int l = Math.Max(1, mAbs); l <= lmax; l++)
                {
                    var (p, t) = VectorWaves.OfSignedOrder(m, pi[l], tau[l]);
                    Complex f = 4 * Math.PI * Complex.Pow(I, l) * Complex.FromPolarCoordinates(1, -m * alpha);
                    var x = VectorWaves.ConjugateComponents(0, l, p, t);
                    var z = VectorWaves.ConjugateComponents(1, l, p, t);
                    cm[VectorWaves.Index(l, m)] = f * (tm ? x.Tm : x.Te);
                    cn[VectorWaves.Index(l, m)] = f * (tm ? z.Tm : z.Te);
                }
        }
        return (cm, cn);
    }

    [Theory]
    [InlineData(0.3, 0.0, false)]
    [InlineData(0.3, 0.0, true)]
    [InlineData(2.2, 1.1, false)]
    [InlineData(2.2, 1.1, true)]
    [InlineData(Math.PI, 0.4, true)]  // straight down
    public void A_plane_wave_is_the_sum_of_its_regular_multipoles(double beta, double alpha, bool tm)
    {
        const int lmax = 30;
        var (cm, cn) = PlaneWave(lmax, beta, alpha, tm);
        var (te, tmv) = Basis(Math.Cos(beta), Math.Sin(beta), alpha);
        var e = tm ? tmv : te;
        double kx = Math.Sin(beta) * Math.Cos(alpha), ky = Math.Sin(beta) * Math.Sin(alpha), kz = Math.Cos(beta);
        foreach (var (x, y, z) in new[] { (0.0, 0.0, 0.0), (0.7, -0.4, 1.9), (-2.5, 1.0, -0.3), (0.0, 0.0, -3.0) })
        {
            var f = VectorWaves.Field(cm, cn, lmax, 1.0, true, x, y, z);
            Complex phase = Complex.Exp(I * (kx * x + ky * y + kz * z));
            Assert.Equal(0, (f.X - e.Item1 * phase).Magnitude, 1e-10);
            Assert.Equal(0, (f.Y - e.Item2 * phase).Magnitude, 1e-10);
            Assert.Equal(0, (f.Z - e.Item3 * phase).Magnitude, 1e-10);
        }
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(1, 1)]
    [InlineData(2, -1)]
    [InlineData(3, 2)]
    [InlineData(4, -4)]
    public void N_is_the_curl_of_M_over_k(int l, int m)
    {
        const int lmax = 4;
        double k = 1.3;
        var one = new Complex[VectorWaves.Count(lmax)]; var none = new Complex[one.Length];
        one[VectorWaves.Index(l, m)] = 1;
        foreach (bool regular in new[] { true, false })
        {
            var (x, y, z) = (0.9, -0.6, 1.4);
            double h = 1e-5;
            FieldVector M(double dx, double dy, double dz) => VectorWaves.Field(one, none, lmax, k, regular, x + dx, y + dy, z + dz);
            var n = VectorWaves.Field(none, one, lmax, k, regular, x, y, z);
            Complex dMzdy = (M(0, h, 0).Z - M(0, -h, 0).Z) / (2 * h), dMydz = (M(0, 0, h).Y - M(0, 0, -h).Y) / (2 * h);
            Complex dMxdz = (M(0, 0, h).X - M(0, 0, -h).X) / (2 * h), dMzdx = (M(h, 0, 0).Z - M(-h, 0, 0).Z) / (2 * h);
            Complex dMydx = (M(h, 0, 0).Y - M(-h, 0, 0).Y) / (2 * h), dMxdy = (M(0, h, 0).X - M(0, -h, 0).X) / (2 * h);
            Assert.Equal(0, ((dMzdy - dMydz) / k - n.X).Magnitude, 1e-7);
            Assert.Equal(0, ((dMxdz - dMzdx) / k - n.Y).Magnitude, 1e-7);
            Assert.Equal(0, ((dMydx - dMxdy) / k - n.Z).Magnitude, 1e-7);
        }
    }

    [Theory]
    [InlineData(1, 1, 0, 1.5)]
    [InlineData(2, -1, 1, 1.5)]
    [InlineData(3, 2, 0, -1.2)]
    [InlineData(4, 0, 1, -2.0)]
    public void An_outgoing_wave_is_Weyls_spectrum_of_plane_waves(int l, int m, int type, double z)
    {
        // i^-l / (2 pi k) int d^2kappa V(k^+-) e^{i k+-.r} / k_z, over propagating (kappa = k sin b) and evanescent
        // (kappa = k cosh t) waves, against the direct evaluation of h_l(kr) X_lm (or N_lm) at a point above or below
        const int lmax = 4;
        double k = 1.0, x = 0.4, y = -0.3;
        var coef = new Complex[VectorWaves.Count(lmax)]; var zero = new Complex[coef.Length];
        coef[VectorWaves.Index(l, m)] = 1;
        var direct = type == 0 ? VectorWaves.Field(coef, zero, lmax, k, false, x, y, z)
                               : VectorWaves.Field(zero, coef, lmax, k, false, x, y, z);
        double up = Math.Sign(z);
        Complex sx = 0, sy = 0, sz = 0;
        var (gb, gw) = MieCool.Core.Numerics.GaussLegendre.Rule(200);
        var pi = new Complex[lmax + 1]; var tau = new Complex[lmax + 1];
        const int na = 64;
        void Add(Complex kappa, Complex kz, Complex weight) // weight: dkappa kappa / k_z
        {
            Complex cb = up * kz / k, sb = kappa / k;
            AngularFunctions.Evaluate(Math.Abs(m), lmax, cb, sb, pi, tau);
            var (p, t) = VectorWaves.OfSignedOrder(m, pi[l], tau[l]);
            var (cte, ctm) = VectorWaves.Components(type, l, p, t);
            for (int ia = 0; ia < na; ia++)
            {
                double a = 2 * Math.PI * ia / na;
                var (te, tmv) = Basis(cb, sb, a);
                Complex f = weight * (2 * Math.PI / na) * Complex.FromPolarCoordinates(1, m * a)
                            * Complex.Exp(I * (kappa * (Math.Cos(a) * x + Math.Sin(a) * y) + up * kz * z));
                sx += f * (cte * te.Item1 + ctm * tmv.Item1);
                sy += f * (cte * te.Item2 + ctm * tmv.Item2);
                sz += f * (cte * te.Item3 + ctm * tmv.Item3);
            }
        }
        for (int q = 0; q < gb.Length; q++)
        {
            double b = 0.25 * Math.PI * (gb[q] + 1), w = 0.25 * Math.PI * gw[q]; // beta in [0, pi/2]
            Add(k * Math.Sin(b), k * Math.Cos(b), w * k * Math.Sin(b));        // kappa dkappa / k_z = k sin b db
            double tt = 6 * 0.5 * (gb[q] + 1), wt = 3 * gw[q];                  // t in [0, 6]: e^{-k sinh t |z|}
            Add(k * Math.Cosh(tt), I * k * Math.Sinh(tt), wt * k * Math.Cosh(tt) / I); // dkappa kappa / k_z = k cosh t dt / i
        }
        Complex pre = Complex.Pow(I, -l) / (2 * Math.PI * k);
        Assert.Equal(0, (pre * sx - direct.X).Magnitude, 1e-8);
        Assert.Equal(0, (pre * sy - direct.Y).Magnitude, 1e-8);
        Assert.Equal(0, (pre * sz - direct.Z).Magnitude, 1e-8);
    }
}
