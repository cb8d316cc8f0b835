using MieCool.Core;
using MieCool.Mesh;
using MieCool.Thermal.Assembly;
using MieCool.Thermal.LinearAlgebra;
using MieCool.Thermal.Meshing;

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
    /// The parallel schedule (node ranges, then colours of the straddling cells) adds every element contribution
    /// exactly once: a mesh large enough to be split assembles to the same matrix with 1 and 2 threads, and every
    /// cell appears in exactly one list.
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
            Assert.True(two.Topology.Phases.Length > 1 && two.Topology.Phases[0].Length == 4);
            var seen = new int[problem.Mesh.CellCount];
            foreach (var phase in two.Topology.Phases) foreach (var list in phase) foreach (var c in list) seen[c]++;
            Assert.All(seen, n => Assert.Equal(1, n));
            double max = one.Matrix.Values.Max(Math.Abs);
            for (int p = 0; p < one.Matrix.NonZeros; p++) Assert.Equal(one.Matrix.Values[p], two.Matrix.Values[p], 1e-13 * max);
            for (int i = 0; i < one.Rhs.Length; i++) Assert.Equal(one.Rhs[i], two.Rhs[i], 1e-13 * one.Rhs.Max(Math.Abs));
        }
        finally { Parallelism.Threads = saved; }
    }

    [Fact]
    public void NonConvergenceRaisesAComputationExceptionThatSaysWhatToChange()
    {
        var ex = Assert.Throws<ComputationException>(() =>
            SteadyHeatSolver.Solve(HeatedSphere(6, 1), new SolverOptions(PreconditionerKind.Jacobi, 1e-12, MaxIterations: 3)));
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
        var values = Enumerable.Range(0, points.Count).Select(p => q(points.Positions[3 * p], points.Positions[3 * p + 1], points.Positions[3 * p + 2])).ToArray();
        var sampled = SteadyHeatSolver.Solve(problem with { Source = VolumetricSource.Sampled(points, values) });
        var function = SteadyHeatSolver.Solve(problem with { Source = VolumetricSource.FromFunction((x, y, z, _) => q(x, y, z), Tags.Particle) });
        Assert.Equal(function.SourcePowerW, sampled.SourcePowerW, 1e-12 * function.SourcePowerW);
        Assert.Equal(function.ParticleMeanRiseK, sampled.ParticleMeanRiseK, 1e-9 * function.ParticleMeanRiseK);
        Assert.Equal(points.Weights.Sum(), problem.Mesh.RegionVolumes()[Tags.Particle], 1e-12 * points.Weights.Sum());
    }
}
