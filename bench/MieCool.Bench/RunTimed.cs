using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace MieCool.Bench;

/// <summary>
/// `timed run [CASE] [--reps N]`: `miecool run` end to end (case -> optics -> mesh -> source -> assembly -> solve ->
/// summary.json, spectrum, fields.h5/xdmf, temperature.png) on the case's default mesh and with --coarse, in process
/// (after one coarse warm-up run that JIT-compiles everything), into a temporary folder. Prints wall-clock seconds and
/// the stages' seconds from each run's summary.json. Targets (issue 6): default mesh under 20 s, coarse under 5 s, on
/// 2 cores; the `./miecool run` of the default case, a process of its own (start-up and JIT included), under 2 s (issue 13).
/// </summary>
public static class RunTimed
{
    public static void Register(Dictionary<string, Func<string[], int>> h) => h["run"] = Run;

    static int Run(string[] args)
    {
        int reps = args.Contains("--reps") ? int.Parse(args[Array.IndexOf(args, "--reps") + 1], CultureInfo.InvariantCulture) : 1;
        string @case = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || args[i - 1] != "--reps"))
                           .FirstOrDefault() ?? Timed.HeadlineCase();
        var dir = Directory.CreateTempSubdirectory("miecool-bench-run-").FullName;
        try
        {
            int Once(string name, bool coarse)
            {
                var o = new StringWriter(); var e = new StringWriter();
                string[] argv = coarse
                    ? ["run", @case, "--out", Path.Combine(dir, name), "--quiet", "--coarse"]
                    : ["run", @case, "--out", Path.Combine(dir, name), "--quiet"];
                int code = MieCool.Cli.Program.Run(argv, new MieCool.Cli.Console(o, e, false));
                if (code != 0) Console.Error.WriteLine(e.ToString());
                return code;
            }
            if (Once("warmup", true) != 0) return 1;
            foreach (var (label, coarse) in new[] { ("coarse", true), ("default", false) })
                for (int r = 0; r < reps; r++)
                {
                    var clock = Stopwatch.StartNew();
                    if (Once($"{label}{r}", coarse) != 0) return 1;
                    Console.WriteLine($"run {label} ({Path.GetFileName(@case)}): {clock.Elapsed.TotalSeconds:F2} s end to end ("
                                      + Stages(Path.Combine(dir, $"{label}{r}", "summary.json")) + ")");
                }
            Console.WriteLine($"peak memory: {Timed.PeakWorkingSet() / 1e6:F0} MB");
            return 0;
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    /// <summary>The stages' seconds of a run's summary.json ("optics 0.36, mesh 0.04, ...").</summary>
    static string Stages(string summary)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(summary));
        return string.Join(", ", json.RootElement.GetProperty("seconds").EnumerateObject()
            .Select(p => FormattableString.Invariant($"{p.Name} {p.Value.GetDouble():F2}")));
    }

}
