using System.Diagnostics;


namespace MieCool.Bench;

/// <summary>
/// `timed run [CASE] [--reps N]`: `miecool run` end to end (case -> optics -> mesh -> source -> assembly -> solve ->
/// summary.json, spectrum, fields.h5/xdmf, temperature.png) on the case's default mesh and with --coarse, in process
/// (after one coarse warm-up run that JIT-compiles everything), into a temporary folder. Prints wall-clock seconds.
/// Targets (issue 6): default mesh under 20 s, coarse under 5 s, on 2 cores.
/// </summary>
public static class RunTimed
{
    public static void Register(Dictionary<string, Func<string[], int>> h) => h["run"] = Run;

    static int Run(string[] args)
    {
        string @case = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? Timed.HeadlineCase();
        int reps = args.Contains("--reps") ? int.Parse(args[Array.IndexOf(args, "--reps") + 1]) : 1;
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
                    Console.WriteLine($"run {label} ({Path.GetFileName(@case)}): {clock.Elapsed.TotalSeconds:F2} s end to end");
                }
            Console.WriteLine($"peak memory: {Timed.PeakWorkingSet() / 1e6:F0} MB");
            return 0;
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

}
