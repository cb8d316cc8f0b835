using System.Diagnostics;
using System.Text.Json;

namespace MieCool.Bench;

/// <summary>
/// `timed transient [CASE] [--coarse] [--end T]`: `miecool transient` end to end in process (the steady state, then the
/// curve from the first step, about 1e-10 s, to the case's [transient] end, default cases/tonkaev2019_mapbi3_d530.toml
/// to 1 ms), after one coarse warm-up run to 1 us that JIT-compiles everything. Prints wall-clock seconds, the steps, the
/// CG iterations, the source evaluations and the summary's stage seconds. Target (issue 14): the 530 nm case from 1e-10 s
/// to 1e-3 s on the default mesh in under 60 s on 2 cores.
/// </summary>
public static class TransientTimed
{
    public static void Register(Dictionary<string, Func<string[], int>> h) => h["transient"] = Run;

    static int Run(string[] args)
    {
        string @case = args.FirstOrDefault(a => a.EndsWith(".toml", StringComparison.Ordinal)) ?? Timed.HeadlineCase();
        bool coarse = args.Contains("--coarse");
        string? end = args.Contains("--end") ? args[Array.IndexOf(args, "--end") + 1] : null;
        var dir = Directory.CreateTempSubdirectory("miecool-bench-transient-").FullName;
        try
        {
            int Once(string name, bool c, string? e)
            {
                var o = new StringWriter(); var err = new StringWriter();
                var argv = new List<string> { "transient", @case, "--out", Path.Combine(dir, name), "--quiet", "--json" };
                if (c) argv.Add("--coarse");
                if (e is not null) { argv.Add("--end"); argv.Add(e); }
                int code = MieCool.Cli.Program.Run([.. argv], new MieCool.Cli.Console(o, err, false));
                if (code != 0) { Console.Error.WriteLine(err.ToString()); return code; }
                if (name == "run")
                {
                    using var doc = JsonDocument.Parse(o.ToString());
                    var t = doc.RootElement.GetProperty("transient");
                    Console.WriteLine($"steps: {t.GetProperty("steps")} ({t.GetProperty("rejected")} rejected), CG iterations " +
                                      $"{t.GetProperty("cg_iterations")} ({t.GetProperty("response_cg_iterations")} of them for z), " +
                                      $"source evaluations {t.GetProperty("source_evaluations")}, " +
                                      $"field samplings {t.GetProperty("field_samplings")}, " +
                                      $"preconditioners {t.GetProperty("preconditioners")}");
                    Console.WriteLine($"seconds: {doc.RootElement.GetProperty("seconds")}");
                    var r = doc.RootElement;
                    Console.WriteLine($"dT end {r.GetProperty("dT_particle_mean_K")} K, steady " +
                                      $"{r.GetProperty("steady_dT_particle_mean_K")} K, t90 {r.GetProperty("t90_s")} s");
                }
                return 0;
            }
            if (Once("warmup", true, "1us") != 0) return 1;
            var clock = Stopwatch.StartNew();
            if (Once("run", coarse, end) != 0) return 1;
            Console.WriteLine($"transient ({Path.GetFileName(@case)}{(coarse ? ", coarse" : "")}): " +
                              $"{clock.Elapsed.TotalSeconds:F1} s end to end");
            Console.WriteLine($"peak memory: {Timed.PeakWorkingSet() / 1e6:F0} MB");
            return 0;
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

}
