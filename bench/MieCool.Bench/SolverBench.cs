using System.Diagnostics;
using System.Globalization;
using MieCool.Thermal;
using MieCool.Thermal.LinearAlgebra;

namespace MieCool.Bench;

/// <summary>
/// The linear solve of a coupled run on its own, for comparisons with other solvers (PETSc, bench/petsc_cg.py):
/// `timed solver-export CASE FILE` runs the case's coupled model in process and writes the final heat solve's system, in
/// the solver's node numbering, to FILE (int32 n, int32 nnz, int32 row pointers[n + 1], int32 columns[nnz], float64
/// values[nnz], float64 rhs[n]; little-endian); `timed solver FILE [--pc ic0,ic0/D,amg,jacobi] [--order morton|rcm] [--tol T]
/// [--reps N]` solves it by CG from zero, N times per preconditioner, and prints the set-up, iterations, solve time and
/// time per iteration (median of N), with the relative residual and a checksum of the solution (bit-identical runs).
/// `timed solver-reuse FILE [--pc amg] [--solves S] [--tol T]` solves the system S times (default 8, as the self-consistent
/// loop and the transient solver do), each right-hand side b scaled by 1 + s/10, once building the preconditioner for every
/// solve and once through <see cref="SolverCache"/> (built once, reused), and prints both totals, their ratio, the cache's
/// builds and reuses, and whether the two give bit-identical fields (issue 13: reuse the AMG set-up across solves).
/// </summary>
public static class SolverBench
{
    public static void Register(Dictionary<string, Func<string[], int>> h)
    {
        h["solver-export"] = Export;
        h["solver"] = Run;
        h["solver-reuse"] = Reuse;
    }

    /// <summary>What both solver harnesses read: --threads (default 2), the system FILE, --tol (default 1e-10).</summary>
    static (CsrMatrix K, double[] B, double Tolerance) System(string[] args)
    {
        Parallelism.Threads = int.Parse(Arg(args, "--threads", "2"), CultureInfo.InvariantCulture);
        var (K, b) = Load(args[0]);
        return (K, b, double.Parse(Arg(args, "--tol", "1e-10"), CultureInfo.InvariantCulture));
    }

    static int Reuse(string[] args)
    {
        var (K, b, tol) = System(args);
        int solves = int.Parse(Arg(args, "--solves", "8"), CultureInfo.InvariantCulture);
        string pc = Arg(args, "--pc", "amg");
        Func<CsrMatrix, IPreconditioner> build = pc switch
        {
            "amg" => k => new SmoothedAggregationAmg(k),
            "ic0" => k => new IncompleteCholesky(k),
            _ => throw new ArgumentException($"--pc {pc}: amg or ic0"),
        };
        build(K); // warm-up (JIT)
        Console.WriteLine($"{args[0]}: {K.Size} unknowns, {K.NonZeros} nonzeros; {solves} solves with {pc}");
        var clock = new Stopwatch();
        (double Total, double Setup, int Iterations, ulong Digest) Series(SolverCache? cache)
        {
            double total = 0, setup = 0; int its = 0; ulong h = 14695981039346656037;
            for (int s = 0; s < solves; s++)
            {
                var rhs = b.Select(v => v * (1 + s / 10.0)).ToArray();
                var x = new double[K.Size];
                clock.Restart();
                var M = cache is null ? build(K) : cache.For(K, pc, build);
                double built = clock.Elapsed.TotalMilliseconds;
                var result = ConjugateGradient.Solve(K, rhs, x, M, tol, 20_000);
                total += clock.Elapsed.TotalMilliseconds; setup += built; its += result.Iterations;
                if (!result.Converged) Console.WriteLine($"  solve {s}: {result}");
                foreach (var v in x) h = (h ^ (ulong)BitConverter.DoubleToInt64Bits(v)) * 1099511628211;
            }
            return (total, setup, its, h);
        }
        var fresh = Series(null);
        var cache = new SolverCache();
        var reused = Series(cache);
        Console.WriteLine(FormattableString.Invariant(
            $"built every solve: {fresh.Total,8:F1} ms (set-up {fresh.Setup,7:F1} ms, {fresh.Iterations} iterations)"));
        Console.WriteLine(FormattableString.Invariant(
            $"SolverCache:       {reused.Total,8:F1} ms (set-up {reused.Setup,7:F1} ms, {reused.Iterations} iterations; ") +
            $"{cache.Builds} built, {cache.Reuses} reused)");
        Console.WriteLine(FormattableString.Invariant($"ratio {fresh.Total / reused.Total:F2}x; fields ") +
                          (fresh.Digest == reused.Digest ? "bit-identical" : "DIFFER"));
        return fresh.Digest == reused.Digest && cache.Builds == 1 ? 0 : 1;
    }

    static string Arg(string[] a, string name, string fallback)
    {
        int i = Array.IndexOf(a, name);
        return i >= 0 && i + 1 < a.Length ? a[i + 1] : fallback;
    }

    static int Export(string[] args)
    {
        var c = MieCool.Cases.Case.Load(args[0]);
        var problem = MieCool.Cli.CaseProblems.Coupled(c);
        var clock = Stopwatch.StartNew();
        var s = MieCool.Coupling.CoupledModel.Solve(problem);
        var final = s.Thermal.Heat;
        Console.WriteLine($"coupled run: {clock.Elapsed.TotalSeconds:F2} s, T_particle_mean {final.ParticleMeanTemperatureK:F4} K, " +
                          $"{final.Solver.Method} {final.Solver.Iterations} iterations");
        var heat = problem.Thermal.Problem(s.Thermal.Mesh.Mesh, s.Thermal.Source.ToVolumetric());
        var system = SteadyHeatSolver.AssembleInSolverOrder(heat);
        var K = system.Matrix;
        using (var w = new BinaryWriter(File.Create(args[1])))
        {
            w.Write(K.Size); w.Write(K.NonZeros);
            foreach (var v in K.RowPointers) w.Write(v);
            foreach (var v in K.ColumnIndices) w.Write(v);
            foreach (var v in K.Values) w.Write(v);
            foreach (var v in system.Rhs) w.Write(v);
        }
        Console.WriteLine($"wrote {args[1]}: {K.Size} unknowns, {K.NonZeros} nonzeros");
        return 0;
    }

    static (CsrMatrix K, double[] B) Load(string path)
    {
        using var r = new BinaryReader(File.OpenRead(path));
        int n = r.ReadInt32(), nnz = r.ReadInt32();
        var rp = new int[n + 1]; for (int i = 0; i <= n; i++) rp[i] = r.ReadInt32();
        var ci = new int[nnz]; for (int i = 0; i < nnz; i++) ci[i] = r.ReadInt32();
        var v = new double[nnz]; for (int i = 0; i < nnz; i++) v[i] = r.ReadDouble();
        var b = new double[n]; for (int i = 0; i < n; i++) b[i] = r.ReadDouble();
        return (new CsrMatrix(n, rp, ci, v), b);
    }

    static int Run(string[] args)
    {
        var (K, b, tol) = System(args);
        int reps = int.Parse(Arg(args, "--reps", "3"), CultureInfo.InvariantCulture);
        string order = Arg(args, "--order", "morton");
        var clock = Stopwatch.StartNew();
        if (order == "rcm")
        {
            var p = Ordering.ReverseCuthillMcKee(K);
            K = Ordering.Permute(K, p); b = Ordering.Forward(b, p);
        }
        Console.WriteLine($"{args[0]}: {K.Size} unknowns, {K.NonZeros} nonzeros, ordering {order} " +
                          $"({clock.Elapsed.TotalMilliseconds:F0} ms)");
        foreach (var name in Arg(args, "--pc", "ic0,amg").Split(','))
        {
            Func<CsrMatrix, IPreconditioner> build = name switch
            {
                "ic0" => k => new IncompleteCholesky(k),
                _ when name.StartsWith("ic0/", StringComparison.Ordinal) => k => new IncompleteCholesky(k, int.Parse(name[4..])),
                "amg" => k => new SmoothedAggregationAmg(k),
                "jacobi" => k => new JacobiPreconditioner(k),
                _ => throw new ArgumentException($"--pc {name}: ic0, amg or jacobi"),
            };
            if (args.Contains("--kernels"))
            {
                // The kernels alone, fastest of 60 (robust against a shared machine's other processes): M z = r and y = K x.
                var M0 = build(K); var r0 = (double[])b.Clone(); var z0 = new double[K.Size];
                double best = double.MaxValue, bestSpmv = double.MaxValue;
                for (int r = 0; r < 60; r++)
                {
                    clock.Restart(); M0.Apply(r0, z0); best = Math.Min(best, clock.Elapsed.TotalMilliseconds);
                    clock.Restart(); K.Multiply(r0, z0); bestSpmv = Math.Min(bestSpmv, clock.Elapsed.TotalMilliseconds);
                }
                string blocks = M0 is IncompleteCholesky ic ? $", {ic.Domains} blocks, separator {ic.SeparatorRows} rows" : "";
                Console.WriteLine(FormattableString.Invariant(
                    $"{name}: apply {best:F2} ms, spmv {bestSpmv:F2} ms (fastest of 60){blocks}"));
                continue;
            }
            build(K); // warm-up (JIT)
            var setup = new List<double>(); var solve = new List<double>();
            var perIt = new List<double>(); var cpuIt = new List<double>();
            IterativeResult? result = null; ulong sum = 0;
            for (int r = 0; r < reps; r++)
            {
                clock.Restart();
                var M = build(K);
                setup.Add(clock.Elapsed.TotalMilliseconds);
                var x = new double[K.Size];
                var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
                clock.Restart();
                result = ConjugateGradient.Solve(K, b, x, M, tol, 20_000);
                double ms = clock.Elapsed.TotalMilliseconds;
                double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds;
                solve.Add(ms); perIt.Add(ms / Math.Max(1, result.Iterations)); cpuIt.Add(cpu / Math.Max(1, result.Iterations));
                ulong h = 14695981039346656037;
                foreach (var v in x) h = (h ^ (ulong)BitConverter.DoubleToInt64Bits(v)) * 1099511628211;
                if (r > 0 && h != sum) Console.WriteLine("  NOT BIT-IDENTICAL between repeats");
                sum = h;
            }
            Console.WriteLine(FormattableString.Invariant(
                $"{result!.Preconditioner,-18} setup {Median(setup),7:F1} ms  {result.Iterations,5} it  solve {Median(solve),8:F1} ms  ") +
                FormattableString.Invariant(
                $"{Median(perIt),6:F2} ms/it (cpu {Median(cpuIt),6:F2})  residual {result.RelativeResidual:e2} {result.Status}  ") +
                FormattableString.Invariant($"x-digest {sum:x16}"));
        }
        return 0;
    }

    static double Median(List<double> v) { var s = v.Order().ToList(); return s[s.Count / 2]; }
}
