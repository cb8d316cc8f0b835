using MieCool.Core.Numerics;
using MieCool.Optics.Cooling;
using MieCool.Optics.Emitters;
using MieCool.Optics.Fields;
using MieCool.Thermal;
using MieCool.Thermal.Assembly;

namespace MieCool.Coupling.Tests;

/// <summary>
/// The coupled heat source q = s p - P_lum g on a quadrature of the whole Mie sphere (a product rule in r, cos(theta) and
/// phi, exact enough that the mesh is not what is tested): its integral, the scale factor, and the two emitter models.
/// </summary>
public sealed class OpticalSourceTests
{
    const double R = 200e-9;
    static readonly (double X, double Y, double Z) Centre = (0, 0, 300e-9);

    /// <summary>Points of a product Gauss rule over the ball of radius R around <see cref="Centre"/> (one "cell").</summary>
    static SourcePoints Ball(int nr, int nt, int np, double radius = R)
    {
        var (xr, wr) = GaussLegendre.Rule(nr, 0, radius);
        var (xt, wt) = GaussLegendre.Rule(nt, -1, 1);
        var pos = new List<double>(); var w = new List<double>();
        for (int i = 0; i < nr; i++)
            for (int j = 0; j < nt; j++)
                for (int k = 0; k < np; k++)
                {
                    double phi = 2 * Math.PI * (k + 0.5) / np, st = Math.Sqrt(1 - xt[j] * xt[j]);
                    pos.AddRange([Centre.X + xr[i] * st * Math.Cos(phi), Centre.Y + xr[i] * st * Math.Sin(phi), Centre.Z + xr[i] * xt[j]]);
                    w.Add(wr[i] * xr[i] * xr[i] * wt[j] * 2 * Math.PI / np); // r^2 dr dcos(theta) dphi
                }
        var rule = new QuadratureRule(3, 0, new double[4 * w.Count], new double[w.Count]);
        return new SourcePoints([0], rule, pos.ToArray(), w.ToArray());
    }

    static (CoolingResult Optics, SphereField Field) Optics(double etaInt = 0.99)
    {
        var problem = Problems.Coupled(etaInt: etaInt) with { Mesh = Problems.Mesh(R) };
        var (optics, field) = CoupledModel.Optics(problem with { Optics = problem.Optics with { DiameterM = 2 * R } }, null);
        return (optics, (SphereField)field);
    }

    /// <summary>
    /// The volume integral of the internal absorbed-power density equals Cabs I from the scattering coefficients
    /// (Qext - Qsca): two routes through Mie theory, so the scale s needed on an exact quadrature of the sphere is 1.
    /// </summary>
    [Fact]
    public void On_the_whole_sphere_the_absorbed_density_integrates_to_Cabs_I_so_the_scale_is_one()
    {
        var (optics, field) = Optics();
        var s = OpticalSource.Build(Ball(40, 40, 48), Centre, optics, field, Polarisation.Average, EmitterDistribution.Uniform);
        Assert.Equal(1.0, s.Scale, 1e-6);
        Assert.Equal(optics.AbsorbedPowerW, s.AbsorbedIntegralW, optics.AbsorbedPowerW * 1e-6);
        Assert.True(optics.AbsorbedPowerW > 0);
    }

    [Theory]
    [InlineData(EmitterDistribution.Uniform)]
    [InlineData(EmitterDistribution.Absorbed)]
    public void The_source_integrates_to_P_heat_and_the_luminescence_to_one_plus_eta_c_times_P_abs(EmitterDistribution emitters)
    {
        var (optics, field) = Optics();
        var points = Ball(12, 12, 16, 0.95 * R); // a smaller particle than the Mie sphere (as a mesh cut flat): s > 1
        
        var s = OpticalSource.Build(points, Centre, optics, field, Polarisation.Average, emitters);
        Assert.True(s.Scale > 1.05, $"s = {s.Scale}");
        Assert.Equal(optics.HeatPowerW, s.Heat.IntegralW, 1e-9 * optics.AbsorbedPowerW);
        Assert.Equal((1 + optics.CoolingEfficiency) * optics.AbsorbedPowerW, s.LuminescencePowerW, 1e-12 * optics.AbsorbedPowerW);
        double direct = 0;
        for (int p = 0; p < points.Count; p++) direct += s.Heat.DensityWPerM3[p] * points.Weights[p];
        Assert.Equal(direct, s.Heat.IntegralW, Math.Abs(direct) * 1e-12);
    }

    /// <summary>
    /// Absorbed emitters give q proportional to the absorbed density (-eta_c s p: one sign everywhere), uniform emitters
    /// q = s p - P_lum / V: they differ point by point, by a field that integrates to zero.
    /// </summary>
    [Fact]
    public void Uniform_and_absorbed_emitters_differ_pointwise_but_not_in_total()
    {
        var (optics, field) = Optics();
        Assert.True(optics.CoolingEfficiency > 0, $"eta_c = {optics.CoolingEfficiency}: the test wants a cooling particle");
        var points = Ball(16, 16, 20);
        var uniform = OpticalSource.Build(points, Centre, optics, field, Polarisation.Average, EmitterDistribution.Uniform);
        var absorbed = OpticalSource.Build(points, Centre, optics, field, Polarisation.Average, EmitterDistribution.Absorbed);
        double volume = points.Weights.Sum(), pLum = uniform.LuminescencePowerW;
        Assert.Equal(4 * Math.PI * R * R * R / 3, volume, volume * 1e-12);
        double diff = 0, maxDiff = 0;
        for (int p = 0; p < points.Count; p++)
        {
            double sp = uniform.Scale * uniform.FieldIntensity[p] * field.PowerDensityFactor(optics.Inputs.IntensityWPerM2);
            Assert.Equal(sp - pLum / volume, uniform.Heat.DensityWPerM3[p], Math.Abs(sp) * 1e-9 + pLum / volume * 1e-12);
            Assert.Equal(-optics.CoolingEfficiency * sp, absorbed.Heat.DensityWPerM3[p], Math.Abs(sp) * 1e-9);
            Assert.True(absorbed.Heat.DensityWPerM3[p] <= 0);
            double d = uniform.Heat.DensityWPerM3[p] - absorbed.Heat.DensityWPerM3[p];
            diff += d * points.Weights[p]; maxDiff = Math.Max(maxDiff, Math.Abs(d));
        }
        Assert.True(maxDiff > 1e-3 * pLum / volume, "the two distributions should differ somewhere");
        Assert.Equal(0, diff, 1e-9 * optics.AbsorbedPowerW);
        Assert.True(uniform.Heat.DensityWPerM3.Max() > 0, "uniform emitters: the brightest spot of the pump still heats");
    }

    [Fact]
    public void Without_radiative_recombination_all_absorbed_power_is_heat()
    {
        var (optics, field) = Optics(etaInt: 0);
        Assert.Equal(-1, optics.CoolingEfficiency, 1e-15);
        var s = OpticalSource.Build(Ball(10, 10, 12), Centre, optics, field, Polarisation.Average, EmitterDistribution.Uniform);
        Assert.Equal(0, s.LuminescencePowerW, 1e-30);
        Assert.Equal(optics.AbsorbedPowerW, s.Heat.IntegralW, optics.AbsorbedPowerW * 1e-12);
    }
}
