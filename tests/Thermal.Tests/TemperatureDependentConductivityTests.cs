using MieCool.Core;
using MieCool.Core.Numerics;
using MieCool.Mesh;
using MieCool.Mesh.Structured;

namespace MieCool.Thermal.Tests;

/// <summary>
/// Temperature-dependent conductivities k(T) = k0 (T / T0)^p (T0 the ambient temperature) and the Picard iteration on the
/// field, against the Kirchhoff transform: with one material, theta_K(T) = int_T0^T k(s) / k0 ds = T0 ((T / T0)^(p+1) - 1)
/// / (p + 1) satisfies the linear problem -k0 Laplace theta_K = q with the same Dirichlet data (theta_K = 0 where T = T0;
/// Carslaw and Jaeger, Conduction of Heat in Solids, sec. 1.6), so T = T0 (1 + (p + 1) theta_K / T0)^(1/(p+1)). The
/// reference is never the power law the solver evaluates: it is the linear field (FEM or closed form) transformed back.
/// </summary>
public sealed class TemperatureDependentConductivityTests(SphereMeshes meshes, Xunit.Abstractions.ITestOutputHelper output)
    : IClassFixture<SphereMeshes>
{
    const double T0 = 300;

    /// <summary>The inverse Kirchhoff transform of the power law, T(theta_K), K (p != -1).</summary>
    static double FromKirchhoff(double thetaK, double p) => T0 * Math.Pow(1 + (p + 1) * thetaK / T0, 1 / (p + 1));

    /// <summary>The Kirchhoff transform theta_K(T), K (p != -1).</summary>
    static double Kirchhoff(double t, double p) => T0 * (Math.Pow(t / T0, p + 1) - 1) / (p + 1);

    static readonly Dictionary<int, BoundaryCondition> FixedBox = new()
    {
        [Tags.AirOuter] = new BoundaryCondition.FixedTemperature(T0), [Tags.SubstrateOuter] = new BoundaryCondition.FixedTemperature(T0),
    };

    static readonly int[] All = [Tags.Particle, Tags.Substrate, Tags.Air];

    /// <summary>
    /// A uniformly heated (or cooled) sphere in a box of one material at T0 on the box: the nonlinear FEM field against the
    /// inverse transform of the linear FEM field on the same mesh, at every node. Strong laws: p = -1.5 heating by ~230 K
    /// at the centre (k falls 2.6-fold), p = +1 cooling by ~90 K (k falls to 0.7 k0), p = -0.5 cooling by ~90 K (k rises
    /// 1.2-fold). The cell-constant conductivity makes P2 second order here, so the agreement is that of the mesh.
    /// </summary>
    [Theory]
    [InlineData(-1.5, 150.0)]
    [InlineData(1.0, -90.0)]
    [InlineData(-0.5, -110.0)]
    public void A_heated_sphere_in_one_material_is_the_inverse_Kirchhoff_transform_of_the_linear_field(double p, double centreK)
    {
        var mesh = meshes.Get(5, 2);
        double r = SphereMeshes.R, k0 = 1;
        double q = 2 * k0 * centreK / (r * r); // centre rise q R^2 / (2 k0) of the linear field in infinite space
        var linear = new HeatProblem(mesh, Fem.Conductivity(k0, All), FixedBox, VolumetricSource.Uniform(q, Tags.Particle), T0);
        var options = new SolverOptions(PreconditionerKind.Amg, 1e-12);
        var lin = SteadyHeatSolver.Solve(linear, options);
        var nonlinear = SteadyHeatSolver.Solve(linear with { ConductivityExponent = All.ToDictionary(t => t, _ => p) }, options);

        double worst = 0, rise = 0;
        for (int i = 0; i < mesh.NodeCount; i++)
        {
            double expected = FromKirchhoff(lin.TemperatureRiseK[i], p) - T0;
            rise = Math.Max(rise, Math.Abs(expected));
            worst = Math.Max(worst, Math.Abs(nonlinear.TemperatureRiseK[i] - expected));
        }
        double centre = centreK > 0 ? lin.ParticleMaxRiseK : lin.ParticleMinRiseK;
        output.WriteLine($"p = {p}: linear centre {centre:F2} K, nonlinear max |rise| {rise:F2} K, worst nodal " +
                         $"difference {worst:E2} K ({worst / rise:P3}), {nonlinear.ConductivityIterations} Picard iterations");
        Assert.True(rise > 0.25 * T0, $"a strong nonlinearity: max |rise| {rise} K");
        Assert.True(worst < 0.005 * rise, $"worst nodal difference {worst} K of max |rise| {rise} K");
        Assert.InRange(nonlinear.ConductivityIterations, 3, 100);
        Assert.Equal(0, lin.ConductivityIterations);
        Assert.Null(lin.CellConductivityWPerMK);
        // the energy balance of the discrete nonlinear problem closes: the source leaves through the box
        Assert.True(nonlinear.EnergyBalanceRelativeError < 1e-6, $"energy balance {nonlinear.EnergyBalanceRelativeError}");
        Assert.Equal(lin.SourcePowerW, nonlinear.ParticleHeatFlowW, 1e-3 * Math.Abs(lin.SourcePowerW));
    }

    /// <summary>
    /// A slab between two fixed temperatures with insulated sides: theta_K is linear in z, so T(z) is the inverse transform
    /// of a straight line (closed form). The P2 error falls as the slab is refined, as h^2 (the conductivity is constant
    /// per cell), to below 0.1 % of the range.
    /// </summary>
    [Fact]
    public void A_slab_between_fixed_temperatures_follows_the_closed_form_and_converges()
    {
        double p = -1.5, T1 = 600, T2 = 300, L = 1e-6;
        double Exact(double z) => FromKirchhoff(Kirchhoff(T2, p) + (Kirchhoff(T1, p) - Kirchhoff(T2, p)) * z / L, p);
        var errors = new List<double>();
        var h = new List<double>();
        foreach (int nz in new[] { 4, 8, 16 })
        {
            var slab = Slab(L, nz, 2, _ => Tags.Substrate);
            var problem = new HeatProblem(slab, Fem.Conductivity(1.38, Tags.Substrate), SlabEnds(T1, T2), VolumetricSource.None, T0)
            {
                ConductivityExponent = new Dictionary<int, double> { [Tags.Substrate] = p },
            };
            var s = SteadyHeatSolver.Solve(problem, new SolverOptions(PreconditionerKind.DenseDirect));
            double worst = 0;
            for (int i = 0; i < slab.NodeCount; i++)
                worst = Math.Max(worst, Math.Abs(T0 + s.TemperatureRiseK[i] - Exact(slab.Nodes[3 * i + 2])));
            output.WriteLine($"nz {nz}: worst nodal error {worst:E3} K, {s.ConductivityIterations} Picard iterations");
            errors.Add(worst); h.Add(L / nz);
        }
        Assert.True(errors[^1] < 1e-3 * (T1 - T2), $"finest slab: {errors[^1]} K");
        Assert.InRange(Fem.FittedOrder([.. h], [.. errors]), 1.5, 2.5); // second order: the conductivity is constant per cell
    }

    /// <summary>
    /// Two layers of different laws in series (substrate p = +0.5 below, particle p = -1 above), in perfect contact or with
    /// an interface conductance G: the same flux F crosses both, int_{T_i+}^{T1} k_1 = F L_1, int_{T2}^{T_i-} k_2 = F L_2,
    /// T_i+ - T_i- = F / G, which fixes F by a scalar root (closed-form integrals, Brent); each layer is then its own
    /// inverse transform.
    /// </summary>
    [Theory]
    [InlineData(null)]
    [InlineData(2e7)]
    public void Two_layers_with_different_laws_carry_the_flux_of_the_closed_form(double? g)
    {
        double L1 = 0.6e-6, L2 = 0.4e-6, k1 = 0.5, k2 = 1.38, p1 = -1, p2 = 0.5, T1 = 500, T2 = 300;
        // the upper end b of int_a^b k0 (s / T0)^p ds = integral (p = -1: the logarithm)
        static double UpperEnd(double k0, double p, double a, double integral) =>
            p == -1 ? a * Math.Exp(integral / (k0 * T0))
                    : T0 * Math.Pow(Math.Pow(a / T0, p + 1) + (p + 1) * integral / (k0 * T0), 1 / (p + 1));
        double Sides(double flux, out double hot, out double cold)
        {
            hot = UpperEnd(k1, p1, T1, -flux * L1);   // T_i+, from the top layer
            cold = UpperEnd(k2, p2, T2, flux * L2);   // T_i-, from the bottom layer
            return hot - cold - (g is double G ? flux / G : 0);
        }
        var root = Brent.FindRoot(f => Sides(f, out _, out _), 1e6, 2e8, 1e-3);
        Assert.True(root.Converged);
        double flux = root.X;
        Sides(flux, out double ti, out double tiCold);

        var slab = Slab(L1 + L2, 20, 2, z => z > L2 ? Tags.Particle : Tags.Substrate);
        var problem = new HeatProblem(slab, new Dictionary<int, double> { [Tags.Particle] = k1, [Tags.Substrate] = k2 },
            SlabEnds(T1, T2), VolumetricSource.None, T0, g)
        {
            ConductivityExponent = new Dictionary<int, double> { [Tags.Particle] = p1, [Tags.Substrate] = p2 },
        };
        var s = SteadyHeatSolver.Solve(problem, new SolverOptions(PreconditionerKind.DenseDirect));
        int atInterface = Enumerable.Range(0, slab.NodeCount).First(i => Math.Abs(slab.Nodes[3 * i + 2] - L2) < 1e-12);
        double area = 0.2e-6 * 0.2e-6;
        output.WriteLine($"G {g}: interface {T0 + s.TemperatureRiseK[atInterface]:F4} K vs {ti:F4} K, jump " +
                         $"{s.InterfaceMeanJumpK} vs {ti - tiCold:F4} K; flux {s.BoundaryHeatFlowW[Tags.SubstrateOuter] / area:E5} vs " +
                         $"{flux:E5} W/m^2; {s.ConductivityIterations} iterations");
        Assert.Equal(ti, T0 + s.TemperatureRiseK[atInterface], 2e-3 * (T1 - T2)); // the particle side at the interface
        Assert.Equal(ti - tiCold, s.InterfaceMeanJumpK ?? 0, 2e-3 * (T1 - T2));
        Assert.Equal(flux * area, s.BoundaryHeatFlowW[Tags.SubstrateOuter], 2e-3 * flux * area);
        Assert.Equal(-flux * area, s.BoundaryHeatFlowW[Tags.AirOuter], 2e-3 * flux * area);
    }

    /// <summary>
    /// A first iterate below absolute zero (the constant-k field of a strong cooler) is no NaN: its cells are evaluated at
    /// the lowest temperature and the iteration goes on. With k rising on cooling (p = -1.5) a steady state exists and is
    /// found; with k falling towards 0 K (p = +1) there is none, which is an error naming the cause.
    /// </summary>
    [Fact]
    public void An_iterate_below_absolute_zero_is_no_NaN_and_a_field_without_steady_state_is_refused()
    {
        var slab = Slab(1e-6, 8, 2, _ => Tags.Substrate);
        // a uniform sink: the linear (constant-k) field of the slab, fixed at T0 on both ends, peaks at -q L^2 / (8 k0)
        double k0 = 1, q = -8 * k0 * 450 / (1e-6 * 1e-6); // linear minimum -450 K: below 0 K
        HeatProblem Problem(double p) => new(slab, Fem.Conductivity(k0, Tags.Substrate), SlabEnds(T0, T0),
            VolumetricSource.Uniform(q), T0) { ConductivityExponent = new Dictionary<int, double> { [Tags.Substrate] = p } };
        var options = new SolverOptions(PreconditionerKind.DenseDirect);

        var s = SteadyHeatSolver.Solve(Problem(-1.5), options);
        Assert.All(s.TemperatureRiseK, t => Assert.True(double.IsFinite(t)));
        // the minimum lies mid-slab at the inverse transform of the linear -450 K
        double expected = FromKirchhoff(-450, -1.5);
        output.WriteLine($"p = -1.5: min T {T0 + s.TemperatureRiseK.Min():F3} K vs {expected:F3} K, {s.ConductivityIterations} iterations");
        Assert.Equal(expected, T0 + s.TemperatureRiseK.Min(), 0.01 * (T0 - expected));

        var e = Assert.ThrowsAny<ComputationException>(() => SteadyHeatSolver.Solve(Problem(1.0), options));
        output.WriteLine(e.Message);
        Assert.True(e is ConductivityRangeException or PicardNotConvergedException, e.GetType().Name);
        Assert.Contains("conductivit", e.Message);
    }

    /// <summary>Zero exponents, or none, are the constant problem exactly: the same field to the last bit, one solve.</summary>
    [Fact]
    public void Zero_exponents_give_the_constant_field_bitwise()
    {
        var mesh = meshes.Get(5, 1);
        var k = new Dictionary<int, double> { [Tags.Particle] = 0.5, [Tags.Substrate] = 1.38, [Tags.Air] = 0.026 };
        var far = new Dictionary<int, BoundaryCondition>
        {
            [Tags.AirOuter] = new BoundaryCondition.FarField(), [Tags.SubstrateOuter] = new BoundaryCondition.FarField(),
        };
        var plain = new HeatProblem(mesh, k, far, VolumetricSource.Uniform(1e14, Tags.Particle), 293.15);
        var zero = plain with { ConductivityExponent = All.ToDictionary(t => t, _ => 0.0) };
        var a = SteadyHeatSolver.Solve(plain, new SolverOptions());
        var b = SteadyHeatSolver.Solve(zero, new SolverOptions());
        Assert.False(zero.IsTemperatureDependent);
        Assert.Equal(a.TemperatureRiseK, b.TemperatureRiseK);
        Assert.Equal((a.ParticleMeanRiseK, a.Solver.Iterations), (b.ParticleMeanRiseK, b.Solver.Iterations));
        Assert.Equal(0, b.ConductivityIterations);
    }

    /// <summary>A 0.2 um x 0.2 um column of height <paramref name="length"/>: ends tagged for fixed temperatures, sides
    /// insulated.</summary>
    static TetMesh Slab(double length, int nz, int order, Func<double, int> region) =>
        BoxMesher.Generate((0, 0, 0), (0.2e-6, 0.2e-6, length), 1, 1, nz, order,
            region: (_, _, z) => region(z),
            surface: (_, _, z) => z > 0.999 * length ? Tags.AirOuter : z < 1e-3 * length ? Tags.SubstrateOuter : Tags.ParticleSurface);

    /// <summary>T1 on the top (z = L), T2 on the bottom (z = 0).</summary>
    static Dictionary<int, BoundaryCondition> SlabEnds(double t1, double t2) => new()
    {
        [Tags.AirOuter] = new BoundaryCondition.FixedTemperature(t1), [Tags.SubstrateOuter] = new BoundaryCondition.FixedTemperature(t2),
    };
}
