using MieCool.Mesh;
using MieCool.Mesh.Structured;
using MieCool.Thermal.Assembly;

namespace MieCool.Thermal.Tests;

/// <summary>
/// The thermal boundary (Kapitza) conductance G of the particle/substrate interface: the temperature jumps by q_n / G
/// across the faces shared by particle and substrate cells. Checked against the series resistances of a slab, the
/// perfect-contact limit, the energy balance of each region and a sphere on a substrate.
/// </summary>
public sealed class InterfaceConductanceTests(Xunit.Abstractions.ITestOutputHelper output)
{
    const double T0 = 300;
    static readonly SolverOptions Dense = new(PreconditionerKind.DenseDirect);

    /// <summary>
    /// Two layers between fixed temperatures, insulated sides: substrate (k2) on 0 &lt; z &lt; L2, particle (k1) on
    /// L2 &lt; z &lt; L2 + L1. The exact rise is piecewise linear: the flux q = (T1 - T2) / (L1/k1 + 1/G + L2/k2) (series
    /// thermal resistances) crosses both layers, and the interface jump is q / G. Linear fields lie in the P1 and P2
    /// spaces, so both reproduce it to round-off.
    /// </summary>
    [Theory]
    [InlineData(1, PreconditionerKind.DenseDirect)]
    [InlineData(2, PreconditionerKind.DenseDirect)]
    [InlineData(1, PreconditionerKind.IncompleteCholesky)]
    [InlineData(2, PreconditionerKind.Amg)]
    public void A_two_layer_slab_has_the_series_resistance_jump_exactly(int order, PreconditionerKind pc)
    {
        double L1 = 0.6e-6, L2 = 0.4e-6, W = 0.2e-6, k1 = 0.5, k2 = 1.38, G = 2e6, T1 = 310, T2 = 300;
        var mesh = BoxMesher.Generate((0, 0, 0), (W, W, L1 + L2), 2, 2, 5, order,
            region: (_, _, z) => z > L2 ? Tags.Particle : Tags.Substrate,
            surface: (_, _, z) => z > 0.999 * (L1 + L2) ? Tags.AirOuter : z < 1e-3 * L2 ? Tags.SubstrateOuter : Tags.ParticleSurface);
        var problem = new HeatProblem(mesh, new Dictionary<int, double> { [Tags.Particle] = k1, [Tags.Substrate] = k2 },
            new Dictionary<int, BoundaryCondition>
            {
                [Tags.AirOuter] = new BoundaryCondition.FixedTemperature(T1),
                [Tags.SubstrateOuter] = new BoundaryCondition.FixedTemperature(T2),
            },
            VolumetricSource.None, T0, InterfaceConductanceWPerM2K: G);
        var s = SteadyHeatSolver.Solve(problem, new SolverOptions(pc, 1e-14));

        double q = (T1 - T2) / (L1 / k1 + 1 / G + L2 / k2), A = W * W; // W/m^2, downwards
        double Exact(double z) => z >= L2 * (1 - 1e-9) ? T1 - T0 - q * (L1 + L2 - z) / k1 : T2 - T0 + q * z / k2;
        Assert.Equal(mesh.NodeCount, s.TemperatureRiseK.Length);
        double worst = 0;
        for (int i = 0; i < mesh.NodeCount; i++) worst = Math.Max(worst, Math.Abs(s.TemperatureRiseK[i] - Exact(mesh.Nodes[3 * i + 2])));
        output.WriteLine($"P{order} {pc}: jump {s.InterfaceMeanJumpK:R} K (q/G = {q / G:R}), worst nodal error {worst:e2} K");
        Assert.True(worst < 1e-10, $"nodal error {worst} K"); // interface nodes: the particle side's value
        Assert.Equal(q / G, s.InterfaceMeanJumpK!.Value, 1e-10);
        Assert.Equal(q * A, s.InterfaceHeatFlowW!.Value, 1e-9 * q * A);
        Assert.Equal(q * A, s.BoundaryHeatFlowW[Tags.SubstrateOuter], 1e-9 * q * A);
        Assert.Equal(-q * A, s.BoundaryHeatFlowW[Tags.AirOuter], 1e-9 * q * A);
        Assert.Equal(q * A, s.ParticleHeatFlowW, 1e-9 * q * A); // all the heat leaving the particle crosses the interface
    }

    /// <summary>
    /// A particle cube resting on the substrate in an air box (fixed temperature outside): the contact square is the
    /// interface, its rim the air/particle/substrate line.
    /// </summary>
    static HeatProblem CubeOnSubstrate(int order, double? g, int n = 6)
    {
        double a = 0.5e-6, p = a / 3; // particle: |x|, |y| < a/3, 0 < z < 2a/3
        var mesh = BoxMesher.Cube(a, n, order,
            region: (x, y, z) => Math.Abs(x) < p && Math.Abs(y) < p && z > 0 && z < 2 * p ? Tags.Particle
                                 : z < 0 ? Tags.Substrate : Tags.Air,
            surface: (_, _, z) => z < 0 ? Tags.SubstrateOuter : Tags.AirOuter);
        return new HeatProblem(mesh, new Dictionary<int, double> { [Tags.Particle] = 0.5, [Tags.Substrate] = 1.38, [Tags.Air] = 0.026 },
            new Dictionary<int, BoundaryCondition>
            {
                [Tags.AirOuter] = new BoundaryCondition.FixedTemperature(T0),
                [Tags.SubstrateOuter] = new BoundaryCondition.FixedTemperature(T0),
            },
            VolumetricSource.Uniform(1e15, Tags.Particle), T0, g);
    }

    /// <summary>
    /// G -&gt; infinity is perfect contact: the field differs by O(1/G) (a resistance 1/G in series), tenfold less from
    /// G = 1e14 to 1e15 W/(m^2 K), and at 1e15 by less than 1e-8 of the rise, with the iterative solver of production runs
    /// (the jump unknowns keep G out of the cancellations of K theta). No G adds nothing to the system: no node is doubled,
    /// the pattern is the cells' own, no interface quantity is reported.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_huge_conductance_is_perfect_contact_and_none_changes_nothing(int order)
    {
        var perfect = CubeOnSubstrate(order, null);
        var system = HeatAssembler.Assemble(perfect);
        Assert.Null(system.Interface);
        Assert.Same(perfect.Mesh, system.Problem.Mesh);
        var pattern = new MeshTopology(perfect.Mesh).CreateMatrix();
        Assert.Equal(pattern.RowPointers, system.Matrix.RowPointers);
        Assert.Equal(pattern.ColumnIndices, system.Matrix.ColumnIndices);
        var cg = new SolverOptions(PreconditionerKind.IncompleteCholesky, 1e-13);
        var reference = SteadyHeatSolver.Solve(perfect, cg);
        Assert.Null(reference.InterfaceHeatFlowW);
        Assert.Null(reference.InterfaceMeanJumpK);
        Assert.Equal(reference.TemperatureRiseK, SteadyHeatSolver.Solve(perfect with { InterfaceConductanceWPerM2K = null }, cg)
                                                                   .TemperatureRiseK);

        var doubled = HeatAssembler.Assemble(CubeOnSubstrate(order, 1e15));
        int square = order == 1 ? 3 * 3 : 5 * 5; // the 2 x 2 cubes of the contact square: its vertices (and edge nodes)
        Assert.Equal(perfect.Mesh.NodeCount + square, doubled.Matrix.Size);
        double Difference(double g) => reference.TemperatureRiseK
            .Zip(SteadyHeatSolver.Solve(CubeOnSubstrate(order, g), cg).TemperatureRiseK).Max(p => Math.Abs(p.First - p.Second));
        double d14 = Difference(1e14), d15 = Difference(1e15);
        output.WriteLine($"P{order}: max rise {reference.ParticleMaxRiseK:F6} K; worst nodal difference {d14:e3} K at G = 1e14, " +
                         $"{d15:e3} K at 1e15");
        Assert.True(d15 < 1e-8 * reference.ParticleMaxRiseK, $"worst nodal difference {d15} K");
        Assert.InRange(d14 / d15, 9, 11);
    }

    /// <summary>
    /// A particle bar across the whole box on the substrate: the interface strip reaches the box's sides, where the
    /// substrate is held at ambient but the particle (and the air) lose heat by convection. There the substrate side of
    /// the interface is fixed and the particle side free (the copy's unknown is then its temperature, not the jump). The
    /// balance holds, dense and iterative solves agree, and G -&gt; infinity approaches perfect contact as 1/G.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void An_interface_reaching_a_fixed_substrate_side_balances_and_tends_to_perfect_contact(int order)
    {
        double a = 0.5e-6, p = a / 3;
        var mesh = BoxMesher.Cube(a, 6, order,
            region: (_, y, z) => Math.Abs(y) < p && z > 0 && z < 2 * p ? Tags.Particle : z < 0 ? Tags.Substrate : Tags.Air,
            surface: (_, _, z) => z < 0 ? Tags.SubstrateOuter : Tags.AirOuter);
        HeatProblem Problem(double? g) => new(mesh,
            new Dictionary<int, double> { [Tags.Particle] = 0.5, [Tags.Substrate] = 1.38, [Tags.Air] = 0.026 },
            new Dictionary<int, BoundaryCondition>
            {
                [Tags.AirOuter] = new BoundaryCondition.Convection(1e5, T0),
                [Tags.SubstrateOuter] = new BoundaryCondition.FixedTemperature(T0),
            },
            VolumetricSource.Uniform(1e15, Tags.Particle), T0, g);
        var system = HeatAssembler.Assemble(Problem(1e8));
        Assert.Contains(false, system.Interface!.JumpUnknown);
        Assert.Contains(true, system.Interface.JumpUnknown);
        var cg = new SolverOptions(PreconditionerKind.IncompleteCholesky, 1e-13);
        var s = SteadyHeatSolver.Solve(Problem(1e8), cg);
        double P = s.SourcePowerW;
        Assert.True(s.EnergyBalanceRelativeError < 1e-9, $"balance {s.EnergyBalanceRelativeError}");
        Assert.InRange(s.InterfaceHeatFlowW!.Value, 0, P);
        var dense = SteadyHeatSolver.Solve(Problem(1e8), Dense);
        Assert.True(s.TemperatureRiseK.Zip(dense.TemperatureRiseK).Max(t => Math.Abs(t.First - t.Second)) < 1e-9 * s.ParticleMaxRiseK);
        var perfect = SteadyHeatSolver.Solve(Problem(null), cg).TemperatureRiseK;
        double Difference(double g) =>
            perfect.Zip(SteadyHeatSolver.Solve(Problem(g), cg).TemperatureRiseK).Max(t => Math.Abs(t.First - t.Second));
        double d14 = Difference(1e14), d15 = Difference(1e15);
        output.WriteLine($"P{order}: interface {s.InterfaceHeatFlowW / P:P2} of P at G = 1e8; difference from perfect contact " +
                         $"{d14:e3} K at 1e14, {d15:e3} K at 1e15");
        Assert.InRange(d14 / d15, 9, 11);
    }

    /// <summary>
    /// A heated particle layer between the substrate (fixed temperature below) and the air (convection above), sides
    /// insulated, heated non-uniformly across: the air and the substrate have no source and touch only the particle, so
    /// what crosses the interface must leave through the substrate's bottom, and what leaves through the top must have
    /// crossed the particle's air surface; together they are the source. The cube on the substrate balances too. A
    /// smaller G makes the particle hotter and sends less of the heat through the interface.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_heated_particle_balances_its_interface_and_air_flows_and_warms_as_G_falls(int order)
    {
        double W = 1e-6, zs = 0.4e-6, zp = 0.6e-6, H = 1e-6;
        var mesh = BoxMesher.Generate((0, 0, 0), (W, W, H), 4, 4, 5, order,
            region: (_, _, z) => z < zs ? Tags.Substrate : z < zp ? Tags.Particle : Tags.Air,
            surface: (_, _, z) => z < 1e-3 * H ? Tags.SubstrateOuter : z > 0.999 * H ? Tags.AirOuter : Tags.ParticleSurface);
        var problem = new HeatProblem(mesh,
            new Dictionary<int, double> { [Tags.Particle] = 0.5, [Tags.Substrate] = 1.38, [Tags.Air] = 0.1 },
            new Dictionary<int, BoundaryCondition>
            {
                [Tags.SubstrateOuter] = new BoundaryCondition.FixedTemperature(T0),
                [Tags.AirOuter] = new BoundaryCondition.Convection(3e5, T0),
            },
            VolumetricSource.FromFunction((x, y, _, _) => 1e15 * (1 + Math.Cos(Math.PI * x / W) * Math.Cos(Math.PI * y / W)),
                                          Tags.Particle),
            T0);
        double lastMean = 0, lastShare = 1;
        foreach (var g in new[] { 1e9, 1e8, 1e7, 1e6 })
        {
            var s = SteadyHeatSolver.Solve(problem with { InterfaceConductanceWPerM2K = g }, new SolverOptions(RelativeTolerance: 1e-13));
            double P = s.SourcePowerW, across = s.InterfaceHeatFlowW!.Value, share = across / P;
            output.WriteLine($"P{order} G = {g:e0}: mean rise {s.ParticleMeanRiseK:F5} K, interface {share:P3} of P, " +
                             $"jump {s.InterfaceMeanJumpK:F5} K, {s.Solver.Iterations} iterations");
            Assert.Equal(P, s.BoundaryHeatFlowW.Values.Sum(), 1e-9 * P);
            Assert.Equal(across, s.BoundaryHeatFlowW[Tags.SubstrateOuter], 1e-9 * P);
            Assert.Equal(P, across + s.BoundaryHeatFlowW[Tags.AirOuter], 1e-9 * P);
            Assert.Equal(P, s.ParticleHeatFlowW, 1e-9 * P);
            Assert.True(s.ParticleMeanRiseK > lastMean && share < lastShare, $"G = {g}: mean rise {s.ParticleMeanRiseK} K, share {share}");
            lastMean = s.ParticleMeanRiseK; lastShare = share;
        }

        var cube = SteadyHeatSolver.Solve(CubeOnSubstrate(order, 1e7), new SolverOptions(PreconditionerKind.Amg, 1e-13));
        Assert.True(cube.EnergyBalanceRelativeError < 1e-9, $"balance {cube.EnergyBalanceRelativeError}");
        Assert.Equal(cube.SourcePowerW, cube.ParticleHeatFlowW, 1e-9 * cube.SourcePowerW);
        Assert.InRange(cube.InterfaceHeatFlowW!.Value, 0.5 * cube.SourcePowerW, cube.SourcePowerW);
        var perfect = SteadyHeatSolver.Solve(CubeOnSubstrate(order, null), Dense);
        Assert.True(cube.ParticleMeanRiseK > perfect.ParticleMeanRiseK);
    }
}

/// <summary>Spheres of R = 200 nm on glass on coarse gmsh meshes (one thread: reproducible), uniformly heated, far field.</summary>
public sealed class SphereInterfaceTests(Xunit.Abstractions.ITestOutputHelper output)
{
    const double R = 200e-9, Disc = 100e-9, Q = 1e15, KSubstrate = 1.38;

    static readonly Lazy<TetMesh> Flattened = new(() => Mesh(new ContactSpec(ContactKind.Radius, Disc), 1));
    static readonly Lazy<TetMesh>[] Embedded = [new(() => Mesh(new ContactSpec(ContactKind.Embedding, 2 * R), 1)),
                                                new(() => Mesh(new ContactSpec(ContactKind.Embedding, 2 * R), 2))];

    static TetMesh Mesh(ContactSpec contact, int order) =>
        ParticleMesher.Generate(new MeshSpec(R, 0, contact, Threads: 1).Coarse() with { Order = order }).Mesh;

    static HeatSolution Solve(TetMesh mesh, double? g, double kAir = 0.026) => SteadyHeatSolver.Solve(new HeatProblem(mesh,
        new Dictionary<int, double> { [Tags.Particle] = 0.5, [Tags.Substrate] = KSubstrate, [Tags.Air] = kAir },
        new Dictionary<int, BoundaryCondition>
        {
            [Tags.AirOuter] = new BoundaryCondition.FarField(), [Tags.SubstrateOuter] = new BoundaryCondition.FarField(),
        },
        VolumetricSource.Uniform(Q, Tags.Particle), 300, g), new SolverOptions(PreconditionerKind.IncompleteCholesky, 1e-12));

    /// <summary>Area of the particle cells' faces in the plane z = 0: the polygonal contact disc, m^2.</summary>
    static double ContactArea(TetMesh mesh)
    {
        double area = 0;
        for (int c = 0; c < mesh.CellCount; c++)
        {
            if (mesh.CellRegion[c] != Tags.Particle) continue;
            var flat = Enumerable.Range(0, 4).Select(a => mesh.Cells[4 * c + a]).Where(i => Math.Abs(mesh.Nodes[3 * i + 2]) < 1e-6 * R)
                                 .ToArray();
            if (flat.Length == 3) area += MieCool.Mesh.Geometry.Triangles.Area(mesh.Nodes, flat[0], flat[1], flat[2]);
        }
        return area;
    }

    /// <summary>
    /// The flattened sphere (contact disc a = 100 nm). With a uniform source the mean rise is the compliance int q theta / P,
    /// concave in rho = 1/G with slope int q_n^2 ds / P (the Woodbury form of the discrete system), so the extra rise
    /// over perfect contact is at least rho int q_n^2 ds / P &gt;= Q^2 / (P G A) (Cauchy-Schwarz over the contact area A, Q
    /// the heat crossing it): checked for G from 1e10 to 1e6 W/(m^2 K), along with a mean rise rising as G falls and the
    /// particle's balance. In air (0.026 W/(m K)) the air carries 40-90 % of the heat, so the contact's share is far from
    /// P / (G A). In a nearly insulating ambient (1e-4 W/(m K)) the contact carries the heat and, for G A = 0.06 of the
    /// spreading conductance 4 k a of the disc (Carslaw and Jaeger 1959, sec. 8.2), the extra rise is P / (G A) within
    /// 10 % (loose: O(G A / 4 k a) flux non-uniformity on one side, a few per cent through the ambient on the other).
    /// </summary>
    [Fact]
    public void A_contact_disc_with_a_finite_conductance_warms_the_particle_by_the_contact_resistance()
    {
        var mesh = Flattened.Value;
        double A = ContactArea(mesh);
        Assert.InRange(A / (Math.PI * Disc * Disc), 0.95, 1); // the inscribed polygon
        var perfect = Solve(mesh, null);
        double P = perfect.SourcePowerW, last = perfect.ParticleMeanRiseK;
        foreach (var g in new[] { 1e10, 1e9, 1e8, 1e7, 1e6 })
        {
            var s = Solve(mesh, g);
            double extra = s.ParticleMeanRiseK - perfect.ParticleMeanRiseK, q = s.InterfaceHeatFlowW!.Value;
            output.WriteLine($"G = {g:e0}: mean rise {s.ParticleMeanRiseK:F4} K, extra {extra:e4} K, bound Q^2/(P G A) " +
                             $"{q * q / (P * g * A):e4} K, contact share {q / P:P2}");
            Assert.True(s.ParticleMeanRiseK > last, $"G = {g}: mean rise {s.ParticleMeanRiseK} K");
            Assert.True(extra >= q * q / (P * g * A), $"G = {g}: extra rise {extra} K");
            Assert.Equal(A, q / (g * s.InterfaceMeanJumpK!.Value), 1e-9 * A); // the interface is the disc
            Assert.Equal(P, s.ParticleHeatFlowW, 1e-8 * P);
            Assert.True(s.EnergyBalanceRelativeError < 1e-9);
            last = s.ParticleMeanRiseK;
        }

        const double G = 1e6;
        Assert.InRange(G * Math.PI * Disc * Disc / (4 * KSubstrate * Disc), 0.05, 0.06);
        var insulated = Solve(mesh, G, 1e-4);
        double ratio = (insulated.ParticleMeanRiseK - Solve(mesh, null, 1e-4).ParticleMeanRiseK) * G * Math.PI * Disc * Disc / P;
        output.WriteLine($"insulating ambient, G = {G:e0}: extra rise / (P / (G pi a^2)) = {ratio:F4}, " +
                         $"contact share {insulated.InterfaceHeatFlowW / P:P2}");
        Assert.InRange(ratio, 0.9, 1.1);
    }

    /// <summary>
    /// A fully embedded sphere in a homogeneous medium (air as conducting as the glass): the interface is the whole sphere,
    /// every heat path crosses it with the uniform flux P / (4 pi R^2), so the contact resistance only adds the jump
    /// P / (4 pi R^2 G) to the classical rise (Carslaw and Jaeger 1959, sec. 9.10, with the series resistance 1/G): the
    /// mean rise grows by exactly that. Checked within 2 % (the polygonal sphere's area is 0.6 % short) for G from 1e7 to
    /// 1e9 W/(m^2 K); below, the one-element bridge of air cells at the point where the sphere touches the plane z = 0 (kept
    /// on the particle side) lets a few per cent bypass G on this coarse mesh.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_fully_embedded_sphere_warms_by_the_interface_jump(int order)
    {
        var mesh = Embedded[order - 1].Value;
        var perfect = Solve(mesh, null, KSubstrate);
        double P = perfect.SourcePowerW, area = 4 * Math.PI * R * R;
        foreach (var g in new[] { 1e9, 1e8, 1e7 })
        {
            var s = Solve(mesh, g, KSubstrate);
            double jump = P / (area * g), extra = s.ParticleMeanRiseK - perfect.ParticleMeanRiseK;
            output.WriteLine($"P{order} G = {g:e0}: extra rise {extra:e5} K, mean jump {s.InterfaceMeanJumpK:e5} K, " +
                             $"P / (4 pi R^2 G) {jump:e5} K, interface {s.InterfaceHeatFlowW / P:P3} of P");
            Assert.Equal(1, extra / jump, 0.02);
            Assert.Equal(1, s.InterfaceMeanJumpK!.Value / jump, 0.02);
            Assert.InRange(s.InterfaceHeatFlowW!.Value / P, 0.99, 1 + 1e-9);
            Assert.Equal(P, s.ParticleHeatFlowW, 1e-8 * P);
        }
    }
}
