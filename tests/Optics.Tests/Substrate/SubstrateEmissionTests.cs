using System.Numerics;
using MieCool.Core.Numerics;
using MieCool.Optics.Emitters;
using MieCool.Optics.Fields;
using MieCool.Optics.Substrate;

namespace MieCool.Optics.Tests.Substrate;

/// <summary>The emitters' rates on the substrate: the free limit, and reciprocity with the plane-wave solution.</summary>
public class SubstrateEmissionTests
{
    const double Wl = 775e-9, A = 100e-9;
    static readonly Complex M = new(2.55, 0.1);

    [Fact]
    public void Without_an_interface_the_rates_are_the_free_spheres()
    {
        var e = SphereOnSubstrate.Emission(A, M, 1.0, new PlanarSubstrate(1.0), 1.3 * A, Wl);
        Assert.Equal(e.FHostFree, e.FHost + e.FSubstrate, 1e-9 * e.FHostFree);
        Assert.Equal(e.FHost, e.FSubstrate, 1e-9 * e.FHost); // the free sphere emits up and down alike
        double x = 2 * Math.PI * A / Wl;
        Assert.Equal(DipoleInSphere.VolumeAverage(SphereCoefficients.Sphere(x, M), 1.0).FAverage, e.FHostFree, 1e-6);
    }

    /// <summary>
    /// Reciprocity: the power emitted into a direction and polarisation equals (times the host value) the squared internal
    /// field of a unit plane wave arriving from there, averaged over the emitters' positions and orientations (|E|^2 / 3
    /// per orientation against the host's 1/3). So F_host = (1/4pi) int over the upper hemisphere dOmega of the volume mean
    /// of |E|^2, averaged over TE and TM, the plane wave coming from the air with its reflection and every interaction;
    /// and F_substrate = n_s / n_h times the same over the waves coming from inside the glass (a plane wave of unit
    /// amplitude carries n times the irradiance). The volume mean follows from the internal coefficients and the radial
    /// integrals of |j_l|^2 (M) and l(l+1)|j_l/rho|^2 + |(rho j_l)'/rho|^2 (N).
    /// </summary>
    [Fact]
    public void The_rates_are_the_internal_fields_of_incoming_plane_waves_by_reciprocity()
    {
        double ns = 1.45;
        var substrate = new PlanarSubstrate(ns);
        var e = SphereOnSubstrate.Emission(A, M, 1.0, substrate, A, Wl);
        double MeanIntensity(double angle, PlanePolarisation pol, IncidenceSide from)
        {
            var r = SphereOnSubstrate.Solve(new SphereOnSubstrateProblem(A, M, 1.0, substrate, A, Wl, new Illumination(angle, pol, from)));
            return VolumeMean(r);
        }
        double Hemisphere(IncidenceSide from)
        {
            // cos(theta) in [0, 1], split at the critical angle inside the glass (a square-root kink: total reflection begins),
            // each piece in c = lo + (hi - lo) sin^2(pi u / 2), which smooths the square roots at its ends
            double cc = from == IncidenceSide.Substrate ? Math.Sqrt(1 - 1 / (ns * ns)) : 0;
            (double, double)[] pieces = cc > 0 ? [(0, cc), (cc, 1)] : [(0, 1)];
            var (u, w) = GaussLegendre.Rule(12, 0, 1);
            double sum = 0;
            foreach (var (lo, hi) in pieces)
                for (int i = 0; i < u.Length; i++)
                {
                    double sn = Math.Sin(Math.PI * u[i] / 2), c = lo + (hi - lo) * sn * sn;
                    double dc = (hi - lo) * Math.PI * sn * Math.Cos(Math.PI * u[i] / 2) * w[i], th = Math.Acos(c);
                    sum += dc * 0.5 * (MeanIntensity(th, PlanePolarisation.TE, from) + MeanIntensity(th, PlanePolarisation.TM, from));
                }
            return 0.5 * sum; // (1/4pi) 2pi int dcos
        }
        Assert.Equal(Hemisphere(IncidenceSide.Host), e.FHost, 1e-6 * e.FHost);
        Assert.Equal(ns * Hemisphere(IncidenceSide.Substrate), e.FSubstrate, 1e-6 * e.FSubstrate);
        Assert.True(e.FSubstrate > e.FHost); // the glass draws the emission (and its evanescent part) down
    }

    static double VolumeMean(SubstrateScattering r)
    {
        var p = r.Problem;
        Complex k1 = p.SphereIndex * 2 * Math.PI / p.VacuumWavelengthM;
        int L = r.Lmax;
        var (x, w) = GaussLegendre.Rule(40, 0, p.RadiusM);
        var iM = new double[L + 1]; var iN = new double[L + 1];
        var j = new Complex[L + 2];
        for (int q = 0; q < x.Length; q++)
        {
            Complex rho = k1 * x[q];
            SphericalBessel.J(rho, j);
            for (int l = 1; l <= L; l++)
            {
                Complex d = j[l - 1] - l * j[l] / rho;
                double r2 = w[q] * x[q] * x[q];
                iM[l] += r2 * Norm(j[l]);
                iN[l] += r2 * (l * (l + 1.0) * Norm(j[l] / rho) + Norm(d));
            }
        }
        double sum = 0;
        for (int l = 1; l <= L; l++)
            for (int m = -l; m <= l; m++)
            {
                int i = VectorWaves.Index(l, m);
                sum += Norm(r.Internal.M[i]) * iM[l] + Norm(r.Internal.N[i]) * iN[l];
            }
        return sum / (4 * Math.PI * Math.Pow(p.RadiusM, 3) / 3);
    }

    static double Norm(Complex z) => z.Real * z.Real + z.Imaginary * z.Imaginary;
}

/// <summary>The escape ratio that the cooling model puts on the free sphere's F: interpolated, and 1 without an interface.</summary>
public class EscapeRatioTests
{
    static readonly MieCool.Optics.Materials.ConstantIndex Glass = new(1.4537);

    [Fact]
    public void The_interpolated_ratio_matches_the_exact_one_between_the_grid_nodes()
    {
        var optics = new SubstrateOptics(Glass);
        Complex Index(double wl) => new(2.55 - 2e6 * (wl - 775e-9), 0.1); // dispersive like MAPbI3 near its edge (-0.002 /nm)
        foreach (double wl in new[] { 771e-9, 777.3e-9, 782.9e-9 })
        {
            double interpolated = optics.EscapeRatio(265e-9, 1.0, Index, 0, wl);
            var e = SphereOnSubstrate.Emission(265e-9, Index(wl), 1.0, new PlanarSubstrate(1.4537), 265e-9, wl);
            Assert.Equal(e.FLeaving / e.FHostFree, interpolated, 1e-3);
        }
    }

    [Fact]
    public void A_substrate_of_the_host_index_leaves_the_escape_unchanged()
    {
        var optics = new SubstrateOptics(new MieCool.Optics.Materials.ConstantIndex(1.0));
        Assert.Equal(1.0, optics.EscapeRatio(200e-9, 1.0, _ => new Complex(2.4, 0.05), 0, 700e-9), 1e-8);
        Assert.Equal(0.5, optics.SubstrateShare(200e-9, 1.0, _ => new Complex(2.4, 0.05), 0, 700e-9), 1e-8); // up and down alike
    }

    [Fact]
    public void The_substrate_takes_the_share_of_the_escaping_power_that_it_takes_at_each_wavelength()
    {
        // no interface: half of every wavelength's escaping light goes down, so half of the power; on glass more than half
        var line = MieCool.Optics.Cooling.EmissionSpectrum.Gaussian(700e-9, 30e-9);
        var sphere = new MieCool.Optics.Materials.ConstantIndex(new Complex(2.4, 0.05));
        var none = MieCool.Optics.Cooling.CoolingModel.Escape(sphere, 400e-9, 1.0, line, 0, false,
                                                              new SubstrateOptics(new MieCool.Optics.Materials.ConstantIndex(1.0)));
        Assert.Equal(0.5, none.SubstratePowerShares(line)!.Sum(), 1e-7);
        var glass = MieCool.Optics.Cooling.CoolingModel.Escape(sphere, 400e-9, 1.0, line, 0, false, new SubstrateOptics(Glass));
        var shares = glass.SubstratePowerShares(line)!;
        Assert.InRange(shares.Sum(), 0.5, 1);
        int peak = Array.IndexOf(line.Weights, line.Weights.Max());
        var e = SphereOnSubstrate.Emission(200e-9, new Complex(2.4, 0.05), 1.0, new PlanarSubstrate(1.4537), 200e-9,
                                           line.Wavelengths[peak]);
        Assert.Equal(e.FSubstrate / e.FLeaving, glass.SubstrateShare![peak], 1e-3); // interpolated against exact
        Assert.Null(MieCool.Optics.Cooling.CoolingModel.Escape(sphere, 400e-9, 1.0, line, 0, false).SubstratePowerShares(line));
    }
}
