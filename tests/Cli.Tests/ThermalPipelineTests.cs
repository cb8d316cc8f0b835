using MieCool.Cli.Pipeline;
using MieCool.Cases;

namespace MieCool.Cli.Tests;

/// <summary>The thermal pipeline as `miecool run` uses it: a position-dependent source through the hook.</summary>
public sealed class ThermalPipelineTests
{
    [Fact]
    public void Source_hook_sees_only_particle_points_and_a_top_heated_particle_is_hottest_on_top()
    {
        var c = Case.Load(HeatCommandTests.ShippedCase);
        var spec = ThermalPipeline.Coarse(c.ToMeshSpec() with { Threads = 2 });
        double R = c.Particle.RadiusM, zc = MieCool.Mesh.ParticleGeometry.Place(spec).CenterZ; // sphere flattened to a 50 nm disc
        var seen = new List<(double X, double Y, double Z)>();
        // q grows linearly from 0 at the particle's bottom to 2 q0 at its top (a caricature of absorption near the lit side)
        const double q0 = 1e13;
        var source = HeatSourceModel.FromDensity("linear in z", (x, y, z) =>
        {
            lock (seen) seen.Add((x, y, z));
            return q0 * (1 + (z - zc) / R);
        });
        Assert.Equal(Math.Sqrt(R * R - 50e-9 * 50e-9), zc, 1e-12);
        var run = new ThermalPipeline().Run(c, spec, source);

        Assert.Equal(run.SourcePoints.Count, seen.Count);
        foreach (var (x, y, z) in seen) // every evaluation point lies in the particle (the hook never sees air or glass)
        {
            Assert.True(x * x + y * y + (z - zc) * (z - zc) <= R * R * (1 + 1e-9), $"({x}, {y}, {z}) outside the sphere");
            Assert.True(z >= -1e-12, $"z = {z} below the substrate plane");
        }
        var s = run.Solution;
        double total = 0;
        for (int p = 0; p < run.SourcePoints.Count; p++) total += run.SourceWPerM3[p] * run.SourcePoints.Weights[p];
        Assert.Equal(total, s.SourcePowerW, total * 1e-9);
        Assert.InRange(s.EnergyBalanceRelativeError, 0, 1e-6);
        Assert.Equal(total, s.ParticleHeatFlowW, total * 1e-6);

        // the hottest particle node is in the upper half (heated from the top, cooled through the contact at the bottom)
        var mesh = run.Mesh.Mesh;
        int hottest = Enumerable.Range(0, mesh.NodeCount).MaxBy(i => s.TemperatureRiseK[i]);
        Assert.True(mesh.Nodes[3 * hottest + 2] > zc, $"hottest node at z = {mesh.Nodes[3 * hottest + 2]} m, centre {zc} m");
        Assert.Equal(s.ParticleMaxRiseK, s.TemperatureRiseK[hottest], 1e-12);

        // the exported cell averages of q span the linear profile
        Assert.Equal(mesh.CellCount, run.CellSourceWPerM3.Length);
        Assert.True(run.CellSourceWPerM3.Max() > q0 && run.CellSourceWPerM3.Where(v => v > 0).Min() < q0);
    }
}
