using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using MieCool.Optics.Materials;
using MieCool.Optics.Substrate;

namespace MieCool.Bench;

/// <summary>
/// The speed targets of issue 12 (`dotnet run -c Release --project bench/MieCool.Bench -- timed substrate [REPEATS]`):
/// one pump evaluation of the 530 nm MAPbI3 sphere touching glass at 980 nm (Qabs and the coefficients of p(r)), target
/// under 20 ms on one core, with all the powers and as the coupled model needs it (no scattered powers); the same at 45
/// degrees (every azimuthal order); and the emitters' rates with the glass over the 41 wavelengths of the headline
/// emission line (target 0.5 s), one after the other on one core and in parallel over the cores, at the default tolerance,
/// and the coupled model's escape ratio for them (SubstrateOptics: its 4 nm grid and tolerance, in parallel). Median of
/// the repeats after one warm-up each (whose time, the first call's with the JIT, is printed too), wall clock and the
/// process's CPU time (the machine may be shared: the wall clock then counts other processes' turns too).
/// </summary>
public static class SubstrateTimed
{
    public static void Register(Dictionary<string, Func<string[], int>> h) => h["substrate"] = Run;

    static int Run(string[] args)
    {
        int repeats = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var mapi = MaterialLibrary.Resolve("other/perovskite/CH3NH3PbI3/nk/Phillips", "bench");
        var glass = MaterialLibrary.Resolve("main/SiO2/nk/Malitson", "bench");
        double a = 265e-9;
        SphereOnSubstrateProblem Pump(double angle) => new(a, new Complex(mapi.At(980e-9).Real, 0.0133512), 1.0,
            new PlanarSubstrate(glass.At(980e-9)), a, 980e-9, new Illumination(angle, PlanePolarisation.TE, IncidenceSide.Host));
        double first = 0, cpu = 0;
        double Median(Func<double> f)
        {
            var clock = Stopwatch.StartNew();
            f(); // warm-up (JIT)
            first = clock.Elapsed.TotalMilliseconds;
            (double wall, cpu) = Timed.Medians(() => f(), repeats);
            return wall;
        }
        double qabs = 0;
        var pumpOnly = SubstrateSettings.Default with { ScatteredPowers = false };
        double normal = Median(() => qabs = SphereOnSubstrate.Solve(Pump(0)).Qabs);
        Console.WriteLine($"pump, normal incidence: {normal:F1} ms, CPU {cpu:F1} ms (first call {first:F0} ms; Qabs {qabs:G8}; "
                          + "target < 20 ms)");
        double light = Median(() => qabs = SphereOnSubstrate.Solve(Pump(0), pumpOnly).Qabs);
        Console.WriteLine($"pump, normal incidence, no scattered powers (the coupled model's): {light:F1} ms, CPU {cpu:F1} ms "
                          + $"(Qabs {qabs:G8})");
        double oblique = Median(() => qabs = SphereOnSubstrate.Solve(Pump(Math.PI / 4)).Qabs);
        Console.WriteLine($"pump, 45 degrees TE: {oblique:F1} ms, CPU {cpu:F1} ms (first call {first:F0} ms; Qabs {qabs:G8})");
        var wavelengths = Enumerable.Range(0, 41).Select(i => 725e-9 + i * 100e-9 / 40).ToArray();
        double Rate(double wl) =>
            SphereOnSubstrate.Emission(a, mapi.At(wl), 1.0, new PlanarSubstrate(glass.At(wl)), a, wl).FLeaving / wavelengths.Length;
        double escape = 0;
        double serial = Median(() => escape = wavelengths.Sum(Rate));
        Console.WriteLine($"emission rates, 41 wavelengths, one core: {serial:F0} ms, CPU {cpu:F0} ms (mean F host-normalised "
                          + $"{escape:G6}; target < 500 ms)");
        double parallel = Median(() => escape = wavelengths.AsParallel().Sum(Rate));
        Console.WriteLine($"emission rates, 41 wavelengths, parallel over {Environment.ProcessorCount} cores: {parallel:F0} ms, "
                          + $"CPU {cpu:F0} ms (mean F host-normalised {escape:G6})");
        double ratio = 0;
        double coupled = Median(() =>
        {
            var optics = new SubstrateOptics(glass); // a new cache each time
            optics.Prefetch(a, 1.0, mapi.At, 0, wavelengths);
            return ratio = wavelengths.Average(wl => optics.EscapeRatio(a, 1.0, mapi.At, 0, wl));
        });
        Console.WriteLine($"escape ratio of the coupled model (4 nm grid, tolerance 1e-6, parallel), 41 wavelengths: {coupled:F0} ms, "
                          + $"CPU {cpu:F0} ms (mean ratio {ratio:G8})");
        Console.WriteLine($"peak memory: {Timed.PeakWorkingSet() / 1e6:F0} MB");
        return 0;
    }
}
