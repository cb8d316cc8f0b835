using System.Diagnostics;
using MieCool.Mesh;
using MieCool.Mesh.Geometry;
using MieCool.Mesh.Structured;
using MieCool.Thermal;
using MieCool.Thermal.Assembly;

namespace MieCool.Bench;

/// <summary>
/// `timed heat [--mesh gmsh|box] [--hmin NM --grading G --box B | --n N] [--order 1|2] [--pc amg|ic0|jacobi] [--tol T] [--profile]`:
/// steady heat conduction of a uniformly heated 530 nm particle (k = 0.5 W/(m K)) on glass (1.38) in air (0.026)
/// with the far-field condition, on the gmsh particle mesh (50 nm contact disc, box B R) or a structured box;
/// prints unknowns, assembly and solve times, iterations, unknowns per second and peak memory.
/// </summary>
public static class HeatBench
{
    public static void Register(Dictionary<string, Func<string[], int>> h) => h["heat"] = Run;

    static string Arg(string[] a, string name, string fallback)
    {
        int i = Array.IndexOf(a, name);
        return i >= 0 && i + 1 < a.Length ? a[i + 1] : fallback;
    }

    static int Run(string[] args)
    {
        int order = int.Parse(Arg(args, "--order", "1"));
        MieCool.Thermal.LinearAlgebra.Parallelism.Threads = int.Parse(Arg(args, "--threads", "2"));
        var pc = Arg(args, "--pc", "amg") switch
        {
            "ic0" => PreconditionerKind.IncompleteCholesky, "jacobi" => PreconditionerKind.Jacobi, "amg" => PreconditionerKind.Amg,
            var other => throw new ArgumentException($"--pc {other}: one of ic0, jacobi, amg"),
        };
        double tol = double.Parse(Arg(args, "--tol", "1e-8"), System.Globalization.CultureInfo.InvariantCulture);
        double R = 265e-9;
        // Warm-up: JIT-compile the kernels on a small problem so that the figures below measure the algorithms.
        SteadyHeatSolver.Solve(new HeatProblem(BoxMesh(R, 12, order),
            new Dictionary<int, double> { [Tags.Particle] = 0.5, [Tags.Substrate] = 1.38, [Tags.Air] = 0.026 },
            new Dictionary<int, BoundaryCondition> { [Tags.AirOuter] = new BoundaryCondition.FarField() },
            VolumetricSource.Uniform(1e15, Tags.Particle)), new SolverOptions(pc, tol));
        var clock = Stopwatch.StartNew();
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        string? cache = Arg(args, "--cache", "") is { Length: > 0 } cachePath ? cachePath : null;
        TetMesh mesh = cache is not null && File.Exists(cache) ? Load(cache)
            : Arg(args, "--mesh", "gmsh") == "box"
            ? BoxMesh(R, int.Parse(Arg(args, "--n", "40")), order)
            : ParticleMesher.Generate(new MeshSpec(R, 0, new ContactSpec(ContactKind.Radius, 50e-9),
                  BoxHalfSize: double.Parse(Arg(args, "--box", "20"), inv), HMin: double.Parse(Arg(args, "--hmin", "12"), inv) * 1e-9,
                  Grading: double.Parse(Arg(args, "--grading", "0.15"), inv), Order: order, Threads: 2)).Mesh;
        if (cache is not null && !File.Exists(cache)) Save(mesh, cache);
        Console.WriteLine($"mesh: {clock.Elapsed.TotalSeconds:F2} s, {mesh.NodeCount} nodes, {mesh.CellCount} cells, P{mesh.Order}");
        Console.WriteLine($"peak memory with meshing: {Timed.PeakWorkingSet() / 1e6:F0} MB");
        // Measure the FEM's own peak: release gmsh's memory and reset the high-water mark (Linux: 5 > clear_refs).
        GC.Collect(); GC.WaitForPendingFinalizers(); GC.Collect();
        try { File.WriteAllText("/proc/self/clear_refs", "5"); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        var problem = new HeatProblem(mesh,
            new Dictionary<int, double> { [Tags.Particle] = 0.5, [Tags.Substrate] = 1.38, [Tags.Air] = 0.026 },
            new Dictionary<int, BoundaryCondition>
            {
                [Tags.AirOuter] = new BoundaryCondition.FarField(), [Tags.SubstrateOuter] = new BoundaryCondition.FarField(),
            },
            VolumetricSource.Uniform(1e15, Tags.Particle));
        if (args.Contains("--profile"))
        {
            Console.WriteLine("profile (cpu seconds, all threads), in the solver's Morton node and cell order:");
            problem = problem with { Mesh = NodeOrdering.Renumber(mesh, NodeOrdering.Morton(mesh), sortCells: true, out _) };
            mesh = problem.Mesh;
            for (int rep = 0; rep < 2; rep++)
            {
                var w = new CpuWatch();
                var ke = new double[100]; double acc = 0;
                for (int c = 0; c < mesh.CellCount; c++) { var g = TetGeometry.Of(mesh, c); acc += g.Volume; }
                Console.WriteLine($"geometry of all cells: {w.Elapsed.TotalSeconds:F3} s"); w.Restart();
                for (int c = 0; c < mesh.CellCount; c++)
                {
                    var g = TetGeometry.Of(mesh, c);
                    HeatAssembler.Conduction(mesh.NodesPerCell, g, 1.0, ke);
                    acc += ke[5];
                }
                Console.WriteLine($"geometry + conduction of all cells: {w.Elapsed.TotalSeconds:F3} s {acc:e1}"); w.Restart();
                var topo = new MeshTopology(mesh);
                Console.WriteLine($"topology+schedule: {w.Elapsed.TotalSeconds:F3} s, {topo.RangeCells.Length} ranges"); w.Restart();
                var K = topo.CreateMatrix(); Console.WriteLine($"pattern: {w.Elapsed.TotalSeconds:F3} s"); w.Restart();
                var sys = HeatAssembler.Assemble(problem, topo);
                Console.WriteLine($"assemble (given topology): {w.Elapsed.TotalSeconds:F3} s"); w.Restart();
                var amg = new MieCool.Thermal.LinearAlgebra.SmoothedAggregationAmg(sys.Matrix);
                Console.WriteLine($"amg setup: {w.Elapsed.TotalSeconds:F3} s, levels {string.Join(" ", amg.LevelSizes)}, " +
                                  $"complexity {amg.OperatorComplexity:F2}"); w.Restart();
                var ic = new MieCool.Thermal.LinearAlgebra.IncompleteCholesky(sys.Matrix);
                Console.WriteLine($"ic0 setup: {w.Elapsed.TotalSeconds:F3} s"); w.Restart();
                var x = new double[K.Size]; var y = new double[K.Size];
                for (int i = 0; i < 10; i++) sys.Matrix.Multiply(x, y);
                Console.WriteLine($"10 spmv: {w.Elapsed.TotalSeconds:F3} s"); w.Restart();
                for (int i = 0; i < 10; i++) amg.Apply(x, y);
                Console.WriteLine($"10 v-cycles: {w.Elapsed.TotalSeconds:F3} s"); w.Restart();
                for (int i = 0; i < 10; i++) ic.Apply(x, y);
                Console.WriteLine($"10 ic0 applications: {w.Elapsed.TotalSeconds:F3} s"); w.Restart();
            }
        }
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var s = SteadyHeatSolver.Solve(problem, new SolverOptions(pc, tol));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
        Console.WriteLine($"unknowns: {s.Solver.Unknowns}");
        Console.WriteLine($"nonzeros: {s.Solver.NonZeros}");
        Console.WriteLine($"assembly: {s.AssemblyTime.TotalSeconds:F3} s");
        Console.WriteLine($"solve: {s.SolveTime.TotalSeconds:F3} s " +
                          $"({s.Solver.Method}, {s.Solver.Iterations} iterations, residual {s.Solver.RelativeResidual:e2})");
        string load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        Console.WriteLine($"cpu time (assembly + solve, all threads): {cpu.TotalSeconds:F3} s " +
                          $"(wall {(s.AssemblyTime + s.SolveTime).TotalSeconds:F3} s; load average {load})");
        Console.WriteLine($"throughput: {s.Solver.Unknowns / (s.AssemblyTime + s.SolveTime).TotalSeconds:F0} unknowns/s");
        Console.WriteLine($"particle mean rise: {s.ParticleMeanRiseK:F4} K (max {s.ParticleMaxRiseK:F4} K), " +
                          $"source {s.SourcePowerW:e4} W, balance error {s.EnergyBalanceRelativeError:e2}");
        Console.WriteLine($"peak memory (mesh arrays + FEM, after meshing): {Timed.PeakWorkingSet() / 1e6:F0} MB");
        return 0;
    }

    /// <summary>Mesh arrays to a raw file (bench-only cache, so that repeated timings skip gmsh).</summary>
    static void Save(TetMesh m, string path)
    {
        using var w = new BinaryWriter(File.Create(path));
        w.Write(m.NodesPerCell);
        var p = m.Particle!;
        w.Write(p.Radius); w.Write(p.CoreRadius); w.Write(p.CenterZ); w.Write(p.ContactRadius);
        void Ints(int[] a) { w.Write(a.Length); foreach (var x in a) w.Write(x); }
        w.Write(m.Nodes.Length); foreach (var x in m.Nodes) w.Write(x);
        Ints(m.Cells); Ints(m.CellRegion); Ints(m.BoundaryFaces); Ints(m.BoundaryRegion);
    }

    static TetMesh Load(string path)
    {
        using var r = new BinaryReader(File.OpenRead(path));
        int npc = r.ReadInt32();
        var particle = new ParticlePlacement(r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble());
        int[] Ints() { var a = new int[r.ReadInt32()]; for (int i = 0; i < a.Length; i++) a[i] = r.ReadInt32(); return a; }
        var nodes = new double[r.ReadInt32()]; for (int i = 0; i < nodes.Length; i++) nodes[i] = r.ReadDouble();
        return new TetMesh
        {
            NodesPerCell = npc, Particle = particle, Nodes = nodes,
            Cells = Ints(), CellRegion = Ints(), BoundaryFaces = Ints(), BoundaryRegion = Ints(),
        };
    }

    /// <summary>Process CPU time (all threads) since the last restart.</summary>
    sealed class CpuWatch
    {
        TimeSpan start = Process.GetCurrentProcess().TotalProcessorTime;
        public TimeSpan Elapsed => Process.GetCurrentProcess().TotalProcessorTime - start;
        public void Restart() => start = Process.GetCurrentProcess().TotalProcessorTime;
    }

    /// <summary>
    /// A box of half-size 10 R, n^3 Kuhn cubes: particle sphere centred at z = R (by cell centroid), glass below z = 0,
    /// air above.
    /// </summary>
    static TetMesh BoxMesh(double R, int n, int order)
    {
        double L = 10 * R;
        return BoxMesher.Cube(L, n, order,
            region: (x, y, z) => x * x + y * y + (z - R) * (z - R) < R * R ? Tags.Particle : z < 0 ? Tags.Substrate : Tags.Air,
            surface: (_, _, z) => z < 0 ? Tags.SubstrateOuter : Tags.AirOuter,
            particle: new ParticlePlacement(R, R, R, 0));
    }
}
