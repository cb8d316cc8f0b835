using System.Numerics;
using MieCool.Core.Numerics;
using MieCool.Mesh;
using MieCool.Optics.Materials;
using MieCool.Optics.Substrate;

namespace MieCool.Coupling.Tests;

/// <summary>
/// The heat a particle deposits in an absorbing substrate: the placement's normalisation, and the coupled model with it
/// (the power in the mesh, the response field's reciprocity with the substrate source, a transparent substrate's none).
/// </summary>
public sealed class SubstrateHeatTests
{
    /// <summary>A silicon-like absorbing substrate (constant index) under the coupling tests' sphere.</summary>
    static CoupledProblem OnAbsorber(Complex substrate) => Problems.Coupled() with
    {
        Optics = Problems.Optics() with { Substrate = new SubstrateOptics(new ConstantIndex(substrate)) },
    };

    [Theory]
    [InlineData(1e5, 200e-9)]
    [InlineData(1e7, 200e-9)]
    [InlineData(1e7, 20e-9)]
    public void The_deposited_density_integrates_to_the_deposited_power_over_the_half_space(double alpha, double height)
    {
        // cylindrical coordinates about the axis: int_0^inf 2 pi rho d(rho) int_-inf^0 dz q, panels geometric in rho and
        // |z| (the density falls off over 1/alpha in depth and as 1/rho^3 far out); no use of the rays the formula comes from
        var heat = new SubstrateHeat([new(2e-6, alpha, true), new(-0.5e-6, 3 * alpha, true)], (0, 0, height));
        double scale = Math.Min(height, 1 / alpha);
        var (x, w) = GaussLegendre.Rule(24, 0, 1);
        double Panels(Func<double, double> f, double first)
        {
            double sum = 0, lo = 0, hi = first;
            for (int p = 0; p < 90; p++, lo = hi, hi *= 1.5)
                for (int i = 0; i < x.Length; i++) sum += w[i] * (hi - lo) * f(lo + (hi - lo) * x[i]);
            return sum;
        }
        double total = Panels(rho => 2 * Math.PI * rho * Panels(d => heat.Density(rho, 0, -d), scale / 10), scale / 10);
        Assert.Equal(heat.PowerW, total, 2e-4 * heat.PowerW);
        Assert.Equal(0, heat.Density(0, 0, 1e-9)); // nothing above the interface
    }

    [Fact]
    public void An_absorbing_substrate_takes_up_heat_near_the_particle_and_the_response_field_sees_it()
    {
        var p = OnAbsorber(new Complex(3.6, 0.5)); // alpha = 7.9 / um at 800 nm: absorbed within the mesh
        var (optics, field) = CoupledModel.Optics(p, null);
        var mesh = Conduction.Mesh(p.Mesh, null).Mesh;
        var source = CoupledModel.Source(p, optics, field, mesh, null);
        var deposit = source.SubstrateHeat!;
        var below = source.Heat.Substrate!;
        Assert.True(deposit.LuminescencePowerW > 0);
        // all but ~1 % falls inside the box; the coarse P1 mesh's quadrature (cells of 1/4 to 1 attenuation length near the
        // contact) takes 4 % off, a P2 mesh 1.5 %, a mesh of 12 nm cells 2e-3 (measured)
        Assert.Equal(deposit.PowerW, below.IntegralW, 0.06 * deposit.PowerW);
        Assert.True(below.IntegralW < deposit.PowerW);
        Assert.Equal(source.Heat.Points.Count, source.Heat.DensityWPerM3.Length); // the particle's source is its own
        Assert.Equal(optics.HeatPowerW, source.Heat.IntegralW, 1e-9 * optics.AbsorbedPowerW);

        // reciprocity with the substrate's points: the response field's weighted sum equals the direct FEM mean rise
        var g = SelfConsistency.ResponseAt(p.Thermal, mesh, source.Heat.Points, below.Points, default);
        var balance = new SelfConsistency.Balance(p, source.Heat.Points, below.Points, ParticleGeometry.Place(p.Mesh).Center, g,
                                                  t => p.Optics with { TemperatureK = t });
        var heat = Conduction.Heat(p.Thermal, mesh, source.Heat, null, default);
        Assert.Equal(heat.ParticleMeanRiseK, balance.RiseOf(source.Heat), 1e-7 * Math.Abs(heat.ParticleMeanRiseK));
        var without = Conduction.Heat(p.Thermal, mesh, source.Heat with { Substrate = null }, null, default);
        Assert.NotEqual(without.ParticleMeanRiseK, heat.ParticleMeanRiseK); // the substrate's heat reaches the particle
        Assert.Equal(source.Heat.IntegralW + below.IntegralW, heat.SourcePowerW, 1e-9 * Math.Abs(heat.SourcePowerW));
    }

    [Fact]
    public void A_transparent_substrate_takes_up_no_heat()
    {
        var p = OnAbsorber(new Complex(1.45, 0));
        Assert.False(SubstrateHeat.Absorbs(p.Optics));
        var (optics, field) = CoupledModel.Optics(p, null);
        Assert.Null(SubstrateHeat.Of(optics, (0, 0, 200e-9)));
    }
}
