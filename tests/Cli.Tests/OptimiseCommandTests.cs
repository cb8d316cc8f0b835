using System.Globalization;
using System.Text.Json;

namespace MieCool.Cli.Tests;

/// <summary>
/// `miecool optimise` on the reproduction case (coarse): the diameter it finds lies within its tolerance (plus the grid's
/// half step) of a fine sweep's optimum, its value is no worse than the sweep's, every run is recorded, and a rerun replays
/// the recorded runs instead of computing them again.
/// </summary>
public sealed class OptimiseCommandTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("miecool-optimise-").FullName;
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_optimum_diameter_agrees_with_a_fine_sweep_and_a_rerun_replays_the_recorded_runs()
    {
        string @case = CaseRuns.Case("tonkaev2019_mapbi3_d530.toml");
        string opt = Path.Combine(_dir, "opt");
        string[] argv = ["optimise", @case, "--vary", "particle.diameter=500:600nm", "--tolerance", "0.01", "--coarse", "--json",
                         "--quiet", "--out", opt];
        var (code, stdout, err) = HeatCommandTests.Run(argv);
        Assert.True(code == 0, err);
        var j = JsonDocument.Parse(stdout).RootElement;
        Assert.True(j.GetProperty("converged").GetBoolean());
        double dOpt = j.GetProperty("optimum").GetProperty("particle.diameter_nm").GetDouble();
        double tOpt = j.GetProperty("optimum").GetProperty("dT_particle_mean_K").GetDouble();
        double reached = j.GetProperty("tolerance_reached").GetProperty("particle.diameter_nm").GetDouble();
        int runs = j.GetProperty("runs").GetInt32();
        Assert.InRange(runs, 3, 30);
        Assert.InRange(reached, 0, 1.0 + 1e-9); // 1 % of the 100 nm interval
        Assert.Equal(runs + 1, File.ReadAllLines(Path.Combine(opt, "sweep.csv")).Count(l => !l.StartsWith('#'))); // header + runs
        Assert.True(File.Exists(Path.Combine(opt, "best", "summary.json")));

        var (scode, sout, serr) = HeatCommandTests.Run(["sweep", @case, "--vary", "particle.diameter=500:600:5nm", "--coarse",
                                                        "--no-fields", "--json", "--quiet", "--out", Path.Combine(_dir, "sweep")]);
        Assert.True(scode == 0, serr);
        var best = JsonDocument.Parse(sout).RootElement.GetProperty("optimum");
        double dSweep = best.GetProperty("particle.diameter_nm").GetDouble(), tSweep = best.GetProperty("dT_particle_mean_K").GetDouble();
        Assert.True(Math.Abs(dOpt - dSweep) <= reached + 2.5 + 1e-9,
                    string.Create(CultureInfo.InvariantCulture, $"optimise {dOpt} nm (+-{reached}), sweep {dSweep} nm"));
        Assert.True(tOpt <= tSweep + 1e-9, $"optimise {tOpt} K, sweep {tSweep} K");

        // the search is deterministic: a rerun replays every recorded run and computes none
        var stamps = Directory.GetFiles(Path.Combine(opt, "points"), "0*.json").ToDictionary(f => f, File.GetLastWriteTimeUtc);
        var (code2, stdout2, err2) = HeatCommandTests.Run(argv);
        Assert.True(code2 == 0, err2);
        Assert.Equal(stdout.Replace(opt, ""), stdout2.Replace(opt, ""));
        foreach (var (f, t) in stamps) Assert.Equal(t, File.GetLastWriteTimeUtc(f));
    }

    [Fact]
    public void A_reversed_interval_or_an_unknown_objective_is_one_error_line_and_exit_2()
    {
        string @case = CaseRuns.Case("tonkaev2019_mapbi3_d530.toml");
        var (code, _, err) = HeatCommandTests.Run(["optimise", @case, "--vary", "particle.diameter=600:500nm", "--coarse",
                                                   "--out", Path.Combine(_dir, "a")]);
        Assert.Equal(2, code);
        Assert.StartsWith("error:", err.Trim());
        Assert.Single(err.Trim().Split('\n'));
        var (code2, _, err2) = HeatCommandTests.Run(["optimise", @case, "--vary", "particle.diameter=500:600nm", "--coarse",
                                                     "--objective", "nonsense", "--max-runs", "3", "--out", Path.Combine(_dir, "b")]);
        Assert.Equal(2, code2);
        Assert.Contains("dT_particle_mean_K", err2);
    }
}
