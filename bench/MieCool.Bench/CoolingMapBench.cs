using System.Diagnostics;
using MieCool.Optics.Cooling;
using M = MieCool.Optics.Materials.MaterialLibrary;

namespace MieCool.Bench;

/// <summary>
/// `timed cooling-map [repeats]`: the brief's speed target, a 250 x 125 (diameter x pump wavelength) cooling map of
/// MAPbI3 (Phillips) including the emission average (Gaussian 775 nm / 40 nm, 41 points), target &lt; 2 s on 2 cores.
/// Prints the first (cold, JIT) and the best warm wall time, and the time of the escape (F) and pump (Qabs) parts alone.
/// </summary>
public static class CoolingMapBench
{
    public static void Register(Dictionary<string, Func<string[], int>> h) => h["cooling-map"] = Run;

    static int Run(string[] args)
    {
        int repeats = args.Length > 0 ? int.Parse(args[0]) : 3;
        var material = M.Resolve("other/perovskite/CH3NH3PbI3/nk/Phillips", "bench");
        var emission = EmissionSpectrum.Gaussian(775e-9, 40e-9);
        var inputs = new CoolingInputs(material, 530e-9, 1.0, 980e-9, 7e10, 0.99, emission, new TabulatedAbsorption());
        var diameters = Enumerable.Range(0, 250).Select(i => 300e-9 + i * 2e-9).ToArray();
        var pumps = Enumerable.Range(0, 125).Select(i => 850e-9 + i * 2e-9).ToArray();
        Console.WriteLine($"cores: {Environment.ProcessorCount}; grid {diameters.Length} x {pumps.Length}, " +
                          $"emission {emission.Wavelengths.Length} points");
        double best = double.MaxValue;
        for (int r = 0; r < repeats; r++)
        {
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            var map = CoolingMap.Compute(inputs, diameters, pumps);
            sw.Stop();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
            Console.WriteLine($"map run {r + 1}: {sw.Elapsed.TotalSeconds:F3} s wall, {cpu.TotalSeconds:F3} s CPU " +
                              $"(best eta_c {map.BestEfficiency.Value:F4})");
            if (r > 0 || repeats == 1) best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }
        var sw2 = Stopwatch.StartNew();
        Parallel.For(0, diameters.Length, i => CoolingModel.Escape(material, diameters[i], 1.0, emission, 0, withPeak: false));
        Console.WriteLine($"escape only (F over the emission, all diameters): {sw2.Elapsed.TotalSeconds:F3} s");
        Console.WriteLine($"cooling-map 250x125 warm: {best:F3} s");
        Console.WriteLine($"peak working set: {Timed.PeakWorkingSet() / 1e6:F0} MB");
        return 0;
    }
}
