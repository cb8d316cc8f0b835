using System.Diagnostics;
using System.Numerics;
using BenchmarkDotNet.Attributes;
using MieCool.Optics;
using MieCool.Optics.Materials;

namespace MieCool.Bench;

/// <summary>
/// Cost of the refractive index for a spectrum: 1000 wavelengths 500-1100 nm of a tabulated page (Phillips MAPbI3,
/// 586 points) and of a formula page (N-BK7: formula 2 + tabulated k). Target: far below the 1 ms of a whole
/// 1000-wavelength Mie spectrum, allocation-free.
/// `dotnet run -c Release --project bench/MieCool.Bench -- timed materials` or `-- --filter '*MaterialIndex*'`.
/// </summary>
[MemoryDiagnoser]
public class MaterialIndexBench
{
    readonly double[] _wavelengths = Enumerable.Range(0, 1000).Select(i => (500 + 0.6 * i) * 1e-9).ToArray();
    readonly Complex[] _index = new Complex[1000];
    IRefractiveIndex _table = null!, _formula = null!;

    [GlobalSetup]
    public void Setup()
    {
        _table = MaterialLibrary.Resolve("other/perovskite/CH3NH3PbI3/nk/Phillips", "bench");
        _formula = MaterialLibrary.Resolve("specs/schott/optical/N-BK7", "bench");
    }

    [Benchmark(Baseline = true)] public void Tabulated1000() => _table.At(_wavelengths, _index);
    [Benchmark] public void Formula1000() => _formula.At(_wavelengths, _index);

    public static void Register(Dictionary<string, Func<string[], int>> h) => h["materials"] = _ =>
    {
        var b = new MaterialIndexBench();
        var sw = Stopwatch.StartNew();
        b.Setup();
        Console.WriteLine($"load_two_pages: {sw.Elapsed.TotalMilliseconds:F2} ms");
        foreach (var (name, run) in new (string, Action)[] { ("tabulated_1000", b.Tabulated1000), ("formula_1000", b.Formula1000) })
        {
            for (int i = 0; i < 2000; i++) run(); // warm-up (tiered JIT)
            const int reps = 20000;
            long alloc = GC.GetAllocatedBytesForCurrentThread();
            sw.Restart();
            for (int i = 0; i < reps; i++) run();
            double us = sw.Elapsed.TotalMilliseconds * 1000 / reps;
            alloc = GC.GetAllocatedBytesForCurrentThread() - alloc;
            Console.WriteLine($"{name}: {us:F2} us per 1000 wavelengths ({us:F2} ns per wavelength), allocated {alloc / reps} B per call");
        }
        return 0;
    };
}
