using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using BenchmarkDotNet.Attributes;
using MieCool.Optics;
using MieCool.Optics.Materials;
using MieCool.Optics.Mie;

namespace MieCool.Bench;

/// <summary>
/// The Mie speed targets of issue 2:
/// (1) a 1000-wavelength spectrum (500-1100 nm) of a 530 nm diameter MAPbI3 sphere in air with all multipoles,
///     target under 1 ms on one core; the index comes from the Phillips (2015) table interpolated into an array
///     beforehand: the interpolation is NOT part of the timing;
/// (2) one sphere at x = 1e4, m = 1.33 + 1e-5i, target under 0.5 ms.
/// `dotnet run -c Release --project bench/MieCool.Bench -- timed mie` (quick) or
/// `-- --filter '*MieBenchmarks*' --job short --inProcess` (in-process: the generated project does not build within
/// BenchmarkDotNet's 120 s timeout on a loaded machine).
/// </summary>
[MemoryDiagnoser]
public class MieBenchmarks
{
    double[] _x = [];
    Complex[] _m = [];
    MieSpectrum _spectrum = null!;
    readonly MieWorkspace _workspace = new();

    [GlobalSetup]
    public void Setup()
    {
        (_x, _m) = MieBenchData.Perovskite530nm(1000);
        _spectrum = new MieSpectrum(_x.Length, MieSolver.TermCount(_x.Max()));
        _x.CopyTo(_spectrum.X); _m.CopyTo(_spectrum.M);
    }

    [Benchmark(Description = "1000-wavelength spectrum, all multipoles, one core")]
    public double SpectrumSerial() { _spectrum.Compute(_workspace); return _spectrum.Qext[^1]; }

    [Benchmark(Description = "1000-wavelength spectrum, all multipoles, all cores")]
    public double SpectrumParallel() { _spectrum.ComputeParallel(); return _spectrum.Qext[^1]; }

    [Benchmark(Description = "x = 1e4, m = 1.33+1e-5i, workspace")]
    public double LargeSphere() { _workspace.Sphere(1e4, new Complex(1.33, 1e-5)); return _workspace.Qext; }

    [Benchmark(Description = "x = 1e4, m = 1.33+1e-5i, MieSolver.Sphere (allocating)")]
    [SuppressMessage("Performance", "CA1822:Mark members as static",
        Justification = "BenchmarkDotNet runs instance methods only: a static [Benchmark] fails its validation.")]
    public double LargeSphereSolver() => MieSolver.Sphere(1e4, new Complex(1.33, 1e-5)).Efficiencies.Qext;
}

public static class MieBenchData
{
    /// <summary>
    /// Size parameters and relative indices of a 530 nm diameter sphere in air at <paramref name="count"/> vacuum
    /// wavelengths from 500 to 1100 nm, the index of MAPbI3 from the project's own page of Phillips et al. (2015),
    /// data/materials/other/perovskite/CH3NH3PbI3/nk/Phillips.yml, interpolated by <see cref="MaterialLibrary"/>.
    /// A missing data folder throws (the harness then exits non-zero).
    /// </summary>
    public static (double[] X, Complex[] M) Perovskite530nm(int count)
    {
        var index = MaterialLibrary.Resolve("other/perovskite/CH3NH3PbI3/nk/Phillips", "bench");
        var wavelengths = new double[count];
        for (int i = 0; i < count; i++) wavelengths[i] = (500 + 600.0 * i / (count - 1)) * 1e-9;
        var m = new Complex[count];
        index.At(wavelengths, m);
        var x = wavelengths.Select(lambda => Convention.SizeParameter(265e-9, lambda, 1.0)).ToArray();
        return (x, m);
    }
}

/// <summary>`timed mie`: the same targets with a Stopwatch (median of repeated runs), in seconds rather than minutes.</summary>
public static class MieTimed
{
    public static void Register(Dictionary<string, Func<string[], int>> h) => h["mie"] = Run;

    static int Run(string[] args)
    {
        var (x, m) = MieBenchData.Perovskite530nm(1000);
        var spectrum = new MieSpectrum(x.Length, MieSolver.TermCount(x.Max()));
        x.CopyTo(spectrum.X); m.CopyTo(spectrum.M);
        var ws = new MieWorkspace();
        // median and minimum of repeated runs: on a shared, loaded machine the minimum is the undisturbed speed
        string Median(Action action, int reps)
        {
            for (int i = 0; i < Math.Max(3, reps / 10); i++) action();   // warm up (tiered JIT)
            var t = new double[reps];
            for (int i = 0; i < reps; i++)
            {
                long s = Stopwatch.GetTimestamp();
                action();
                t[i] = Stopwatch.GetElapsedTime(s).TotalMilliseconds;
            }
            Array.Sort(t);
            // process CPU time per run: robust to time-slicing when other processes compete for the cores
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            for (int i = 0; i < reps; i++) action();
            double cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / reps;
            return $"{t[reps / 2]:F3} ms median, {t[0]:F3} ms min, {cpuMs:F3} ms CPU time";
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        spectrum.Compute(ws);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Console.WriteLine($"mie_spectrum_1000_serial: {Median(() => spectrum.Compute(ws), 400)} " +
                          $"(x {x.Min():F2}..{x.Max():F2}, nmax up to {spectrum.NMax.Max()}, allocated {allocated} B per spectrum)");
        Console.WriteLine($"mie_spectrum_1000_parallel: {Median(() => spectrum.ComputeParallel(), 400)} " +
                          $"({Environment.ProcessorCount} cores)");
        Console.WriteLine($"mie_x1e4_m1.33: {Median(() => ws.Sphere(1e4, new Complex(1.33, 1e-5)), 200)} (Qext {ws.Qext:F6})");
        Console.WriteLine($"mie_x1e4_m1.33_solver: {Median(() => MieSolver.Sphere(1e4, new Complex(1.33, 1e-5)), 200)}");
        Console.WriteLine($"mie_x1e4_m10+10i: {Median(() => ws.Sphere(1e4, new Complex(10, 10)), 20)}");
        return 0;
    }
}
