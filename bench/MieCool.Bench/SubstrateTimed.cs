using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using MieCool.Optics.Materials;
using MieCool.Optics.Substrate;

namespace MieCool.Bench;

/// <summary>
/// The speed targets of issue 12 (`dotnet run -c Release --project bench/MieCool.Bench -- timed substrate [REPEATS]`):
/// one pump evaluation of the 530 nm MAPbI3 sphere touching glass at 980 nm (Qabs and the coefficients of p(r)), target
/// under 20 ms on one core; the same at 45 degrees (every azimuthal order); and the emitters' rates with the glass over
/// the 41 wavelengths of the headline emission line (target 0.5 s). Median of the repeats after one warm-up each.
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
        double Median(Func<double> f)
        {
            f(); // warm-up (JIT)
            var t = new List<double>();
            for (int i = 0; i < repeats; i++) { var sw = Stopwatch.StartNew(); f(); t.Add(sw.Elapsed.TotalMilliseconds); }
            t.Sort();
            return t[t.Count / 2];
        }
        double qabs = 0;
        double normal = Median(() => qabs = SphereOnSubstrate.Solve(Pump(0)).Qabs);
        Console.WriteLine($"pump, normal incidence: {normal:F1} ms (Qabs {qabs:G8}; target < 20 ms)");
        double oblique = Median(() => qabs = SphereOnSubstrate.Solve(Pump(Math.PI / 4)).Qabs);
        Console.WriteLine($"pump, 45 degrees TE: {oblique:F1} ms (Qabs {qabs:G8})");
        var wavelengths = Enumerable.Range(0, 41).Select(i => 725e-9 + i * 100e-9 / 40).ToArray();
        double escape = 0;
        double emission = Median(() =>
        {
            escape = 0;
            foreach (double wl in wavelengths)
            {
                var e = SphereOnSubstrate.Emission(a, mapi.At(wl), 1.0, new PlanarSubstrate(glass.At(wl)), a, wl);
                escape += e.FLeaving / wavelengths.Length;
            }
            return escape;
        });
        Console.WriteLine($"emission rates, 41 wavelengths: {emission:F0} ms (mean F host-normalised {escape:G6}; target < 500 ms)");
        Console.WriteLine($"peak memory: {Timed.PeakWorkingSet() / 1e6:F0} MB");
        return 0;
    }
}
