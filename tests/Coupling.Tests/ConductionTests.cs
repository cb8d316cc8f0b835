using MieCool.Mesh;

namespace MieCool.Coupling.Tests;

/// <summary>The thermal stages on their own: a prescribed source through <see cref="Conduction.Solve"/>.</summary>
public sealed class ConductionTests
{
    [Fact]
    public void A_position_dependent_source_sees_only_particle_points_and_a_top_heated_particle_is_hottest_on_top()
    {
        var spec = Problems.Mesh();
        double R = spec.Radius, zc = ParticleGeometry.Place(spec).CenterZ; // sphere flattened to a 50 nm disc
        var seen = new List<(double X, double Y, double Z)>();
        // q grows linearly from 0 at the particle's bottom to 2 q0 at its top (a caricature of absorption near the lit side)
        const double q0 = 1e13;
        var source = new PrescribedSource.Density("linear in z", (x, y, z) =>
        {
            lock (seen) seen.Add((x, y, z));
            return q0 * (1 + (z - zc) / R);
        });
        Assert.Equal(Math.Sqrt(R * R - 50e-9 * 50e-9), zc, 1e-12);
        var run = Conduction.Solve(new ConductionProblem(spec, Problems.Thermal(), source));

        Assert.Equal(run.Source.Points.Count, seen.Count);
        foreach (var (x, y, z) in seen) // every evaluation point lies in the particle (the source never sees air or glass)
        {
            Assert.True(x * x + y * y + (z - zc) * (z - zc) <= R * R * (1 + 1e-9), $"({x}, {y}, {z}) outside the sphere");
            Assert.True(z >= -1e-12, $"z = {z} below the substrate plane");
        }
        var s = run.Heat;
        Assert.Equal(run.Source.IntegralW, s.SourcePowerW, run.Source.IntegralW * 1e-9);
        Assert.InRange(s.EnergyBalanceRelativeError, 0, 1e-6);
        Assert.Equal(run.Source.IntegralW, s.ParticleHeatFlowW, run.Source.IntegralW * 1e-6);

        // the hottest particle node is in the upper half (heated from the top, cooled through the contact at the bottom)
        var mesh = run.Mesh.Mesh;
        int hottest = Enumerable.Range(0, mesh.NodeCount).MaxBy(i => s.TemperatureRiseK[i]);
        Assert.True(mesh.Nodes[3 * hottest + 2] > zc, $"hottest node at z = {mesh.Nodes[3 * hottest + 2]} m, centre {zc} m");
        Assert.Equal(s.ParticleMaxRiseK, s.TemperatureRiseK[hottest], 1e-12);

        // the cell averages of q span the linear profile
        var cells = run.Source.CellAverages(mesh);
        Assert.Equal(mesh.CellCount, cells.Length);
        Assert.True(cells.Max() > q0 && cells.Where(v => v > 0).Min() < q0);
    }

    /// <summary>A uniform source P deposits exactly P on the mesh (q = P / V_mesh), and P leaves through the outer boundary.</summary>
    [Fact]
    public void A_uniform_power_is_deposited_exactly_and_leaves_through_the_outer_boundary()
    {
        const double P = 1e-6;
        var run = Conduction.Solve(new ConductionProblem(Problems.Mesh(), Problems.Thermal(), new PrescribedSource.Uniform(P)));
        Assert.Equal(P, run.Source.IntegralW, P * 1e-12);
        Assert.Equal(P, run.Heat.BoundaryHeatFlowW.Values.Sum(), P * 1e-6);
        Assert.True(run.Heat.ParticleMinRiseK > 0);
        Assert.Equal(TimeSpan.Zero, run.Timings.Optics);
        Assert.Equal("1 uW uniform in the particle", run.Source.Description);
    }
}
