using MieCool.Core;
using MieCool.Mesh;
using MieCool.Mesh.Geometry;
using MieCool.Mesh.Structured;
using MieCool.Thermal.Assembly;
using MieCool.Thermal.LinearAlgebra;

namespace MieCool.Thermal.Tests;

/// <summary>Properties of the discrete system and agreement of the solvers.</summary>
public class SolverTests
{
    /// <summary>A sphere of radius R (by cell centroid) heated uniformly in a cube of half-size 3 R with a far-field boundary.</summary>
    static HeatProblem HeatedSphere(int n, int order, double kParticle = 3, double kOuter = 1, BoundaryCondition? bc = null)
    {
        double R = 1e-6;
        var mesh = BoxMesher.Cube(3 * R, n, order,
            region: (x, y, z) => x * x + y * y + z * z < R * R ? Tags.Particle : Tags.Air,
            particle: new ParticlePlacement(R, R, 0, 0));
        return new HeatProblem(mesh, new Dictionary<int, double> { [Tags.Particle] = kParticle, [Tags.Air] = kOuter },
            new Dictionary<int, BoundaryCondition> { [Tags.AirOuter] = bc ?? new BoundaryCondition.FarField() },
            VolumetricSource.Uniform(1e15, Tags.Particle), 300);
    }

    [Theory]
    [InlineData(1)] [InlineData(2)]
    public void StiffnessMatrixIsSymmetricPositiveDefinite(int order)
    {
        var system = HeatAssembler.Assemble(HeatedSphere(3, order, bc: new BoundaryCondition.FixedTemperature(310)));
        Assert.True(system.Matrix.RelativeAsymmetry() < 1e-14);
        var dense = MathNet.Numerics.LinearAlgebra.Double.DenseMatrix.OfArray(system.Matrix.ToDense());
        double smallest = dense.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric).EigenValues.Select(e => e.Real).Min();
        Assert.True(smallest > 0, $"smallest eigenvalue {smallest}");
    }

    [Theory]
    [InlineData(1, 6)] [InlineData(2, 4)]
    public void IterativeSolutionEqualsDenseDirectSolve(int order, int n)
    {
        var problem = HeatedSphere(n, order);
        Assert.True(problem.Mesh.CellRegion.Contains(Tags.Particle));
        var direct = SteadyHeatSolver.Solve(problem, new SolverOptions(PreconditionerKind.DenseDirect));
        foreach (var pc in new[] { PreconditionerKind.IncompleteCholesky, PreconditionerKind.Jacobi, PreconditionerKind.Amg })
        {
            var it = SteadyHeatSolver.Solve(problem, new SolverOptions(pc, 1e-12));
            double max = direct.TemperatureRiseK.Max(Math.Abs);
            double diff = direct.TemperatureRiseK.Zip(it.TemperatureRiseK).Max(p => Math.Abs(p.First - p.Second));
            Assert.True(diff < 1e-9 * max, $"{pc}: {diff} K of {max} K");
            Assert.True(it.Solver.Iterations > 0);
        }
    }

    [Fact]
    public void AutoTakesIc0BelowTheThresholdAndAmgFromIt()
    {
        var auto = new SolverOptions();
        Assert.Equal(PreconditionerKind.Auto, auto.Preconditioner);
        Assert.Equal(PreconditionerKind.IncompleteCholesky, auto.For(SolverOptions.AmgFromUnknowns - 1));
        Assert.Equal(PreconditionerKind.Amg, auto.For(SolverOptions.AmgFromUnknowns));
        Assert.Equal(PreconditionerKind.Jacobi, new SolverOptions(PreconditionerKind.Jacobi).For(10_000_000)); // a choice stays
        // below the threshold the solve is IC(0)'s, bit for bit
        var problem = HeatedSphere(6, 2);
        var a = SteadyHeatSolver.Solve(problem, new SolverOptions(PreconditionerKind.Auto, 1e-11));
        var ic = SteadyHeatSolver.Solve(problem, new SolverOptions(PreconditionerKind.IncompleteCholesky, 1e-11));
        Assert.Equal(ic.TemperatureRiseK, a.TemperatureRiseK);
        Assert.Equal("cg+" + new IncompleteCholesky(HeatAssembler.Assemble(problem).Matrix).Name, a.Solver.Method);
    }

    [Fact]
    public void PreconditionersAgreeOnALargerP2Problem()
    {
        var problem = HeatedSphere(10, 2, kParticle: 0.5, kOuter: 0.026);
        var system = HeatAssembler.Assemble(problem);
        var ic = SteadyHeatSolver.Solve(system, new SolverOptions(PreconditionerKind.IncompleteCholesky, 1e-11));
        var amg = SteadyHeatSolver.Solve(system, new SolverOptions(PreconditionerKind.Amg, 1e-11));
        var jac = SteadyHeatSolver.Solve(system, new SolverOptions(PreconditionerKind.Jacobi, 1e-11));
        Assert.Equal(ic.ParticleMeanRiseK, amg.ParticleMeanRiseK, 1e-7 * ic.ParticleMeanRiseK);
        Assert.Equal(ic.ParticleMeanRiseK, jac.ParticleMeanRiseK, 1e-7 * ic.ParticleMeanRiseK);
        Assert.True(amg.Solver.Iterations < ic.Solver.Iterations && ic.Solver.Iterations < jac.Solver.Iterations,
                    $"iterations amg {amg.Solver.Iterations}, ic0 {ic.Solver.Iterations}, jacobi {jac.Solver.Iterations}");
    }

    [Theory]
    [InlineData(1)] [InlineData(2)]
    public void HeatFlowsBalanceTheSource(int order)
    {
        foreach (var bc in new BoundaryCondition[] { new BoundaryCondition.FarField(), new BoundaryCondition.FixedTemperature(300),
                                                     new BoundaryCondition.Convection(1e5, 300) })
        {
            var s = SteadyHeatSolver.Solve(HeatedSphere(6, order, bc: bc));
            Assert.True(s.EnergyBalanceRelativeError < 1e-6, $"{bc}: balance {s.EnergyBalanceRelativeError}");
            Assert.Equal(s.SourcePowerW, s.BoundaryHeatFlowW[Tags.AirOuter], 1e-6 * s.SourcePowerW);
            // All the heat is made in the particle, so it all crosses the particle's surface.
            Assert.Equal(s.SourcePowerW, s.ParticleHeatFlowW, 1e-6 * s.SourcePowerW);
        }
    }

    [Fact]
    public void LinearElementsObeyTheDiscreteMaximumPrinciple()
    {
        // Kuhn meshes of cubes give P1 stiffness matrices with non-positive off-diagonals (an M-matrix): a
        // non-negative source yields a non-negative rise, largest inside the domain.
        var problem = HeatedSphere(8, 1, bc: new BoundaryCondition.FixedTemperature(300)) with
        {
            Source = VolumetricSource.FromFunction((x, y, z, _) => 1e15 * (1 + Math.Sin(3e6 * x) * Math.Cos(2e6 * y)) * (z > 0 ? 1 : 0.1)),
        };
        var system = HeatAssembler.Assemble(problem);
        var K = system.Matrix;
        for (int i = 0; i < K.Size; i++)
            for (int p = K.RowPointers[i]; p < K.RowPointers[i + 1]; p++)
                if (K.ColumnIndices[p] != i) Assert.True(K.Values[p] <= 1e-20, $"K[{i},{K.ColumnIndices[p]}] = {K.Values[p]}");
        var s = SteadyHeatSolver.Solve(system, new SolverOptions());
        Assert.True(s.TemperatureRiseK.Min() >= -1e-12 * s.TemperatureRiseK.Max());
        Assert.True(s.TemperatureK.Min() >= 300 - 1e-9);
    }

    /// <summary>
    /// The parallel schedule (each node range adds the cells touching it to its own rows) adds every element
    /// contribution exactly once and in the one-thread order: a mesh large enough to be split assembles to bitwise
    /// the same matrix and load with 1 and 2 threads, and every cell is listed by exactly the ranges it touches.
    /// </summary>
    [Fact]
    public void ParallelAssemblyEqualsSequentialAssembly()
    {
        var problem = HeatedSphere(16, 1);
        Assert.True(problem.Mesh.CellCount > 20_000);
        int saved = Parallelism.Threads;
        try
        {
            Parallelism.Threads = 1;
            var one = HeatAssembler.Assemble(problem);
            Parallelism.Threads = 2;
            var two = HeatAssembler.Assemble(problem);
            var topo = two.Topology;
            Assert.Equal(4, topo.RangeCells.Length);
            var mesh = problem.Mesh;
            var seen = new int[mesh.CellCount];
            for (int r = 0; r < topo.RangeCells.Length; r++)
                foreach (var c in topo.RangeCells[r])
                {
                    bool touches = false;
                    for (int a = 0; a < mesh.NodesPerCell; a++)
                    {
                        int i = mesh.Cells[c * mesh.NodesPerCell + a];
                        touches |= i >= topo.RangeStart[r] && i < topo.RangeStart[r + 1];
                    }
                    Assert.True(touches);
                    seen[c]++;
                }
            Assert.All(seen, n => Assert.InRange(n, 1, 4));
            Assert.Contains(seen, n => n > 1); // some cells straddle ranges
            Assert.Equal(one.Matrix.Values, two.Matrix.Values);
            Assert.Equal(one.Rhs, two.Rhs);
        }
        finally { Parallelism.Threads = saved; }
    }

    /// <summary>
    /// The P1 element loop (closed-form stiffness, vector search of the CSR positions) adds the same
    /// K_ab = k V grad lambda_a . grad lambda_b as <see cref="HeatAssembler.Conduction"/> summed cell by cell,
    /// for rows of up to 16, up to 32 and more columns: a box mesh (15 per row) and fans of m tetrahedra pairs
    /// around a hub node (m + 3 columns in the hub's row).
    /// </summary>
    [Theory]
    [InlineData(0)] [InlineData(12)] [InlineData(20)] [InlineData(40)]
    public void P1ElementLoopEqualsConductionSummedCellByCell(int fan)
    {
        var mesh = fan == 0 ? HeatedSphere(4, 1).Mesh : Fan(fan);
        var problem = new HeatProblem(mesh, new Dictionary<int, double> { [Tags.Particle] = 3, [Tags.Air] = 0.7 },
            new Dictionary<int, BoundaryCondition> { [Tags.AirOuter] = new BoundaryCondition.FixedTemperature(310) },
            VolumetricSource.Uniform(1e15, Tags.Particle), 300);
        var system = HeatAssembler.Assemble(problem);
        var K = system.UnconstrainedMatrix!;
        var reference = new MeshTopology(mesh).CreateMatrix();
        Span<double> ke = stackalloc double[16];
        for (int c = 0; c < mesh.CellCount; c++)
        {
            HeatAssembler.Conduction(4, TetGeometry.Of(mesh, c), problem.ConductivityWPerMK[mesh.CellRegion[c]], ke);
            for (int a = 0; a < 4; a++)
                for (int b = 0; b < 4; b++) reference.Values[reference.Find(mesh.Cells[4 * c + a], mesh.Cells[4 * c + b])] += ke[4 * a + b];
        }
        Assert.Equal(reference.ColumnIndices, K.ColumnIndices);
        double max = reference.Values.Max(Math.Abs);
        for (int p = 0; p < K.NonZeros; p++) Assert.Equal(reference.Values[p], K.Values[p], 1e-14 * max);
        if (fan > 0) Assert.Equal(fan + 3, K.RowPointers[1] - K.RowPointers[0]);
    }

    /// <summary>
    /// Hub node 0 at the origin, a ring of m nodes around it, apexes above and below: 2m cells (half particle, half air).
    /// </summary>
    static TetMesh Fan(int m)
    {
        var nodes = new List<double> { 0, 0, 0, 0, 0, 1, 0, 0, -1 };
        for (int k = 0; k < m; k++) nodes.AddRange([Math.Cos(2 * Math.PI * k / m), Math.Sin(2 * Math.PI * k / m), 0.1 * (k % 3)]);
        var cells = new List<int>(); var region = new List<int>(); var faces = new List<int>();
        for (int k = 0; k < m; k++)
        {
            int a = 3 + k, b = 3 + (k + 1) % m;
            cells.AddRange([0, a, b, 1]); region.Add(Tags.Particle); faces.AddRange([a, b, 1]);
            cells.AddRange([0, b, a, 2]); region.Add(Tags.Air); faces.AddRange([b, a, 2]);
        }
        return new TetMesh
        {
            Nodes = nodes.ToArray(), Cells = cells.ToArray(), NodesPerCell = 4, CellRegion = region.ToArray(),
            BoundaryFaces = faces.ToArray(), BoundaryRegion = Enumerable.Repeat(Tags.AirOuter, faces.Count / 3).ToArray(),
        };
    }

    /// <summary>
    /// IC(0) stopped by the iteration limit is followed by AMG on the same system from the same start: with a limit
    /// between AMG's and IC(0)'s own iteration counts the solve converges, bit for bit as AMG alone, and says so.
    /// </summary>
    [Fact]
    public void A_stalled_ic0_solve_is_solved_again_with_amg()
    {
        var system = HeatAssembler.Assemble(HeatedSphere(10, 2, kParticle: 0.5, kOuter: 0.026));
        var ic = SteadyHeatSolver.Solve(system, new SolverOptions(PreconditionerKind.IncompleteCholesky, 1e-11));
        var amg = SteadyHeatSolver.Solve(system, new SolverOptions(PreconditionerKind.Amg, 1e-11));
        Assert.True(amg.Solver.Iterations < ic.Solver.Iterations - 1, $"amg {amg.Solver.Iterations}, ic0 {ic.Solver.Iterations}");
        int limit = (amg.Solver.Iterations + ic.Solver.Iterations) / 2;
        var both = SteadyHeatSolver.Solve(system, new SolverOptions(PreconditionerKind.IncompleteCholesky, 1e-11, MaxIterations: limit));
        Assert.Equal(amg.TemperatureRiseK, both.TemperatureRiseK);
        Assert.Equal(amg.Solver.Iterations, both.Solver.Iterations);
        Assert.StartsWith("cg+amg (after cg+ic0", both.Solver.Method);
        Assert.Contains($"in {limit} iterations", both.Solver.Method);
    }

    [Fact]
    public void NonConvergenceRaisesAComputationExceptionThatSaysWhatToChange()
    {
        var ex = Assert.Throws<SolverNotConvergedException>(() =>
            SteadyHeatSolver.Solve(HeatedSphere(10, 2, kParticle: 0.5, kOuter: 0.026), // AMG: Jacobi and IC(0) would hand over to it
                                   new SolverOptions(PreconditionerKind.Amg, 1e-12, MaxIterations: 3)));
        Assert.IsAssignableFrom<ComputationException>(ex);
        Assert.Equal((3, false), (ex.Result.Iterations, ex.Result.Converged));
        Assert.Contains("max_iterations", ex.Message);
        Assert.Contains("amg", ex.Message);
    }

    [Fact]
    public void AllInsulatedBoundariesAreRejectedAsIllPosed()
    {
        var problem = HeatedSphere(2, 1) with { Boundaries = new Dictionary<int, BoundaryCondition>() };
        Assert.Throws<InputException>(() => SteadyHeatSolver.Solve(problem));
    }

    [Fact]
    public void SampledSourceAtQuadraturePointsEqualsTheFunctionSource()
    {
        var problem = HeatedSphere(5, 2);
        Func<double, double, double, double> q = (x, y, z) => 1e15 * (1 + 2e5 * x + 1e11 * y * z);
        var points = HeatAssembler.SourcePoints(problem.Mesh, Tags.Particle);
        var values = Enumerable.Range(0, points.Count)
                               .Select(p => q(points.Positions[3 * p], points.Positions[3 * p + 1], points.Positions[3 * p + 2]))
                               .ToArray();
        var sampled = SteadyHeatSolver.Solve(problem with { Source = VolumetricSource.Sampled(points, values) });
        var function = SteadyHeatSolver.Solve(
            problem with { Source = VolumetricSource.FromFunction((x, y, z, _) => q(x, y, z), Tags.Particle) });
        Assert.Equal(function.SourcePowerW, sampled.SourcePowerW, 1e-12 * function.SourcePowerW);
        Assert.Equal(function.ParticleMeanRiseK, sampled.ParticleMeanRiseK, 1e-9 * function.ParticleMeanRiseK);
        Assert.Equal(points.Weights.Sum(), problem.Mesh.RegionVolumes()[Tags.Particle], 1e-12 * points.Weights.Sum());
    }

    [Fact]
    public void A_warm_start_from_the_exact_field_converges_at_once_and_from_a_nearby_field_in_fewer_iterations()
    {
        var problem = HeatedSphere(6, 2, kParticle: 0.5, kOuter: 0.026);
        var exact = SteadyHeatSolver.Solve(problem, new SolverOptions(PreconditionerKind.DenseDirect)).TemperatureRiseK;
        var options = new SolverOptions(PreconditionerKind.IncompleteCholesky, 1e-10);
        var cold = SteadyHeatSolver.Solve(problem, options);
        var hot = SteadyHeatSolver.Solve(problem with { InitialRiseK = exact }, options);
        Assert.InRange(hot.Solver.Iterations, 0, 1);
        var nearby = exact.Select((t, i) => t * (1 + 1e-3 * Math.Sin(i))).ToArray();
        var warm = SteadyHeatSolver.Solve(problem with { InitialRiseK = nearby }, options);
        Assert.True(cold.Solver.Iterations > 10 && warm.Solver.Iterations < cold.Solver.Iterations,
                    $"iterations: cold {cold.Solver.Iterations}, warm {warm.Solver.Iterations}");
        double max = exact.Max(Math.Abs);
        foreach (var s in new[] { cold, hot, warm })
            Assert.True(exact.Zip(s.TemperatureRiseK).Max(p => Math.Abs(p.First - p.Second)) < 1e-8 * max);
        Assert.Throws<InputException>(() => SteadyHeatSolver.Solve(problem with { InitialRiseK = exact[1..] }, options));
    }
}
