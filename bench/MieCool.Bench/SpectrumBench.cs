using System.Diagnostics;
using MieCool.Optics.Materials;
using MieCool.Optics.Spectra;

namespace MieCool.Bench;

/// <summary>
/// `dotnet run -c Release --project bench/MieCool.Bench -- timed spectrum`: a 1000-wavelength Mie spectrum (500-1100 nm)
/// of a 530 nm MAPbI3 sphere (Phillips), index lookup included; the headline `miecool spectrum` workload.
/// </summary>
public static class SpectrumBench
{
    public static void Register(Dictionary<string, Func<string[], int>> h) => h["spectrum"] = _ =>
    {
        var mapbi3 = MaterialLibrary.Resolve("other/perovskite/CH3NH3PbI3/nk/Phillips", "bench");
        var wl = Enumerable.Range(0, 1000).Select(i => (500 + 0.6 * i) * 1e-9).ToArray();
        var inputs = new SpectrumInputs(mapbi3, 265e-9, 1, null, 0, wl);
        for (int i = 0; i < 50; i++) ParticleSpectrum.Compute(inputs); // warm-up
        const int reps = 200;
        var sw = Stopwatch.StartNew();
        SphereSpectrum s = null!;
        for (int i = 0; i < reps; i++) s = ParticleSpectrum.Compute(inputs);
        double ms = sw.Elapsed.TotalMilliseconds / reps;
        Console.WriteLine($"spectrum_1000_wavelengths_d530nm: {ms:F3} ms " +
                          $"({Environment.ProcessorCount} cores, max nmax {s.Points.Max(p => p.Terms)})");
        // The library path of the target: index interpolated from the page + Mie with all multipoles, one core.
        for (int i = 0; i < 50; i++) MieCool.Optics.Mie.MieSpectrum.ForSphere(265e-9, wl, mapbi3, 1.0, parallel: false);
        sw.Restart();
        for (int i = 0; i < reps; i++) MieCool.Optics.Mie.MieSpectrum.ForSphere(265e-9, wl, mapbi3, 1.0, parallel: false);
        Console.WriteLine($"mie_spectrum_1000_with_index_one_core: {sw.Elapsed.TotalMilliseconds / reps:F3} ms " +
                          "(index interpolation included)");
        sw.Restart();
        for (int i = 0; i < reps; i++) s.Resonances();
        Console.WriteLine($"resonances: {sw.Elapsed.TotalMilliseconds / reps:F3} ms");
        return 0;
    };
}
