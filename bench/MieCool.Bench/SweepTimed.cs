using System.Diagnostics;
using System.Globalization;

namespace MieCool.Bench;

/// <summary>
/// `timed sweep [POINTS] [--jobs N]`: `miecool sweep` of the headline case over POINTS diameters evenly in 400-700 nm
/// (default 1000), `--coarse --no-fields`, in process, into a temporary folder, after a 2-point warm-up. Prints the wall
/// clock, seconds per point and the time 1000 points take at that rate. Target (issue 15): 1000 coarse coupled points with
/// --no-fields in under 15 minutes on 2 cores.
/// </summary>
public static class SweepTimed
{
    public static void Register(Dictionary<string, Func<string[], int>> h) => h["sweep"] = Run;

    static int Run(string[] args)
    {
        int points = args.FirstOrDefault(a => int.TryParse(a, out _)) is { } p ? int.Parse(p, CultureInfo.InvariantCulture) : 1000;
        string jobs = args.Contains("--jobs") ? args[Array.IndexOf(args, "--jobs") + 1] : "1";
        var dir = Directory.CreateTempSubdirectory("miecool-bench-sweep-").FullName;
        try
        {
            int Once(string name, int n)
            {
                double step = 300.0 / Math.Max(1, n - 1);
                string vary = string.Create(CultureInfo.InvariantCulture, $"particle.diameter=400:{400 + step * (n - 1) + 1e-6}:{step}nm");
                var o = new StringWriter(); var err = new StringWriter();
                string[] argv = ["sweep", Timed.HeadlineCase(), "--vary", vary, "--coarse", "--no-fields", "--jobs", jobs, "--quiet",
                                 "--out", Path.Combine(dir, name)];
                int code = MieCool.Cli.Program.Run(argv, new MieCool.Cli.Console(o, err, false));
                if (code != 0) Console.Error.WriteLine(err.ToString());
                return code;
            }
            if (Once("warmup", 2) != 0) return 1;
            var clock = Stopwatch.StartNew();
            if (Once("run", points) != 0) return 1;
            double s = clock.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"sweep of {points} coarse points (--no-fields, --jobs {jobs}): {s:F1} s, {s / points:F3} s per point, " +
                $"1000 points at this rate: {s / points * 1000 / 60:F1} min"));
            Console.WriteLine($"peak memory: {Timed.PeakWorkingSet() / 1e6:F0} MB");
            return 0;
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
