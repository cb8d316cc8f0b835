using MieCool.Mesh;

namespace MieCool.Thermal.Tests;

/// <summary>Meshes of the real particle-on-substrate geometry (gmsh), shared by the analytic sphere tests.</summary>
public sealed class SphereMeshes
{
    public const double R = 265e-9;
    readonly Dictionary<(double Box, int Order), TetMesh> cache = new();

    /// <summary>A sphere half embedded (centre in the plane z = 0) in a box of half-size box R, h_min 45 nm.</summary>
    public TetMesh Get(double box, int order)
    {
        lock (cache)
        {
            if (!cache.TryGetValue((box, order), out var mesh))
                cache[(box, order)] = mesh = ParticleMesher.Generate(new MeshSpec(R, 0, new ContactSpec(ContactKind.Embedding, R),
                    BoxHalfSize: box, HMin: 45e-9, Grading: 0.35, Order: order, Threads: 1)).Mesh;
            return mesh;
        }
    }
}

/// <summary>
/// Heated spheres against closed-form solutions. The sphere is centred in the substrate plane (embedding R), so
/// with equal conductivities everywhere it sits in a homogeneous medium.
/// </summary>
public sealed class AnalyticSphereTests(SphereMeshes meshes, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<SphereMeshes>
{
    const double Q = 1e15, K = 1.0; // W/m^3, W/(m K)

    static readonly Dictionary<int, BoundaryCondition> FarField = new()
    {
        [Tags.AirOuter] = new BoundaryCondition.FarField(), [Tags.SubstrateOuter] = new BoundaryCondition.FarField(),
    };

    static Dictionary<int, BoundaryCondition> Fixed(double t) => new()
    {
        [Tags.AirOuter] = new BoundaryCondition.FixedTemperature(t), [Tags.SubstrateOuter] = new BoundaryCondition.FixedTemperature(t),
    };

    /// <summary>Radius of the sphere with the mesh particle's volume (the polyhedral sphere is slightly smaller).</summary>
    static double EquivalentRadius(TetMesh mesh) => Math.Cbrt(3 * mesh.RegionVolumes()[Tags.Particle] / (4 * Math.PI));

    static HeatSolution Uniform(TetMesh mesh, IReadOnlyDictionary<int, BoundaryCondition> bcs) =>
        SteadyHeatSolver.Solve(new HeatProblem(mesh, Fem.Conductivity(K, Tags.Particle, Tags.Substrate, Tags.Air), bcs,
            VolumetricSource.Uniform(Q, Tags.Particle), 300), new SolverOptions(PreconditionerKind.Amg));

    /// <summary>
    /// Uniform q in a sphere of radius R, conductivity k everywhere: theta = P / (4 pi k r) outside and
    /// P / (4 pi k R) + q (R^2 - r^2) / (6 k) inside (Carslaw and Jaeger 1959, sec. 9.10), so the volume mean is
    /// 2 q R^2 / (5 k) and the centre q R^2 / (2 k).
    /// </summary>
    [Fact]
    public void UniformlyHeatedSphereInAHomogeneousMediumMatchesTheClosedFormWithinOnePercent()
    {
        var mesh = meshes.Get(10, 2);
        var s = Uniform(mesh, FarField);
        double R = EquivalentRadius(mesh), P = s.SourcePowerW;
        Assert.Equal(Q * 4 * Math.PI * R * R * R / 3, P, 1e-9 * P);
        double mean = 0.4 * Q * R * R / K;
        output.WriteLine($"{mesh.NodeCount} nodes: mean {s.ParticleMeanRiseK:F5} K vs {mean:F5} K, " +
                         $"max {s.ParticleMaxRiseK:F5} K vs {0.5 * Q * R * R / K:F5} K");
        Assert.True(Math.Abs(s.ParticleMeanRiseK / mean - 1) < 0.01, $"mean rise {s.ParticleMeanRiseK} K, exact {mean} K");
        Assert.True(Math.Abs(s.ParticleMaxRiseK / (0.5 * Q * R * R / K) - 1) < 0.01, $"max rise {s.ParticleMaxRiseK} K");
        // Nodes outside, from 1.5 R to the box: the monopole. (The 99.5th percentile: the occasional far-field sliver
        // of a coarse gmsh mesh carries a few per cent locally without affecting the particle.)
        var errors = new List<double>();
        for (int i = 0; i < mesh.NodeCount; i++)
        {
            double x = mesh.Nodes[3 * i], y = mesh.Nodes[3 * i + 1], z = mesh.Nodes[3 * i + 2], r = Math.Sqrt(x * x + y * y + z * z);
            if (r >= 1.5 * R) errors.Add(Math.Abs(s.TemperatureRiseK[i] - P / (4 * Math.PI * K * r)) / (P / (4 * Math.PI * K * 1.5 * R)));
        }
        errors.Sort();
        double p995 = errors[(int)(0.995 * (errors.Count - 1))];
        output.WriteLine($"outside: 99.5th percentile {p995:P3}, worst {errors[^1]:P3}");
        Assert.True(p995 < 0.01, $"outside: 99.5th percentile of the error {p995:P2} of the value at 1.5 R");
        Assert.True(s.EnergyBalanceRelativeError < 1e-6);
        Assert.Equal(P, s.ParticleHeatFlowW, 1e-6 * P);
    }

    /// <summary>
    /// A fixed ambient temperature on a box of half-size L instead of the far-field condition lowers the mean rise
    /// by about the monopole's value at the box, P / (4 pi k L) ~ R / L: the error halves when the box doubles.
    /// </summary>
    [Fact]
    public void FixedTemperatureOnTheBoxErrsByAboutROverL()
    {
        double Error(double box)
        {
            var mesh = meshes.Get(box, 1);
            double reference = Uniform(mesh, FarField).ParticleMeanRiseK;
            return (reference - Uniform(mesh, Fixed(300)).ParticleMeanRiseK) / reference;
        }
        double e5 = Error(5), e10 = Error(10);
        output.WriteLine($"fixed-temperature error: box 5 R {e5:P2}, box 10 R {e10:P2}");
        // Mean rise 2 q R^2 / (5 k) = 1.2 P / (4 pi k R): the lowered level P / (4 pi k L_eff) relative to it is about R / (1.2 L_eff),
        // with L_eff between the box's half-size and its corner distance.
        Assert.InRange(e5, 1 / (1.2 * 5 * Math.Sqrt(3)), 1 / (1.2 * 5));
        Assert.InRange(e10, 1 / (1.2 * 10 * Math.Sqrt(3)), 1 / (1.2 * 10));
        Assert.InRange(e5 / e10, 1.8, 2.2);
    }

    /// <summary>
    /// A highly conducting (isothermal) sphere centred in the interface of two half-spaces k1 (air) and k2 (glass):
    /// theta = P / (2 pi (k1 + k2) r) outside, so the sphere sits at P / (2 pi (k1 + k2) R).
    /// </summary>
    [Fact]
    public void ConductingSphereInTheAirGlassPlaneMatchesTheTwoHalfSpaceSolutionWithinTwoPercent()
    {
        double k1 = 0.5, k2 = 1.5;
        var mesh = meshes.Get(10, 2);
        var s = SteadyHeatSolver.Solve(new HeatProblem(mesh,
            new Dictionary<int, double> { [Tags.Particle] = 1e3, [Tags.Air] = k1, [Tags.Substrate] = k2 }, FarField,
            VolumetricSource.Uniform(Q, Tags.Particle), 300), new SolverOptions(PreconditionerKind.Amg));
        double R = EquivalentRadius(mesh), exact = s.SourcePowerW / (2 * Math.PI * (k1 + k2) * R);
        output.WriteLine($"conducting sphere: {s.ParticleMeanRiseK:F5} K vs {exact:F5} K, " +
                         $"air share {s.BoundaryHeatFlowW[Tags.AirOuter] / s.SourcePowerW:F4}, {s.Solver.Iterations} iterations");
        Assert.True(Math.Abs(s.ParticleMeanRiseK / exact - 1) < 0.02, $"mean rise {s.ParticleMeanRiseK} K, exact {exact} K");
        Assert.True((s.ParticleMaxRiseK - s.ParticleMinRiseK) < 0.01 * exact, "the sphere is isothermal");
        // Each half-space carries its share k_i / (k1 + k2) of the heat to infinity.
        Assert.Equal(k1 / (k1 + k2), s.BoundaryHeatFlowW[Tags.AirOuter] / s.SourcePowerW, 0.02);
        Assert.True(s.EnergyBalanceRelativeError < 1e-6);
    }
}
