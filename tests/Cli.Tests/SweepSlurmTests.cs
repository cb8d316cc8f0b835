namespace MieCool.Cli.Tests;

/// <summary>
/// `sweep --slurm`: the array script it writes (the real submission is tests/slurm/sweep-test.sh, run by ./test.sh), with
/// the Slurm options given and none left empty, and nothing computed here.
/// </summary>
public sealed class SweepSlurmTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("miecool-sweep-slurm-").FullName;
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_array_script_runs_this_sweep_without_a_shard_and_leaves_out_options_not_given()
    {
        string outDir = Path.Combine(_dir, "s");
        var (code, stdout, err) = HeatCommandTests.Run(["sweep", CaseRuns.Case("tonkaev2019_mapbi3_d530.toml"), "--vary",
            "particle.diameter=500:530:10nm", "--coarse", "--no-fields", "--slurm", "--account", "optics-lab", "--time", "2:00:00",
            "--cpus-per-task", "2", "--tasks", "2", "--out", outDir]);
        Assert.True(code == 0, err);
        Assert.Contains("sbatch", stdout);
        var script = File.ReadAllText(Path.Combine(outDir, "sweep.sbatch"));
        Assert.Contains("#SBATCH --account=optics-lab\n", script);
        Assert.Contains("#SBATCH --time=2:00:00\n", script);
        Assert.Contains("#SBATCH --cpus-per-task=2\n", script);
        Assert.Contains("#SBATCH --array=0-1\n", script);
        Assert.DoesNotContain("--partition", script); // not given: the cluster's default
        Assert.DoesNotContain("@", script.Replace("%A_%a", ""));
        var command = script.Split('\n').Single(l => l.StartsWith("dotnet ", StringComparison.Ordinal));
        Assert.Contains("sweep ", command);
        Assert.Contains("--vary 'particle.diameter=500:530:10nm'", command);
        Assert.Contains("--coarse", command);
        Assert.Contains("--no-fields", command);
        Assert.Contains("--jobs 2", command);
        Assert.DoesNotContain("--shard", command);
        Assert.DoesNotContain("--slurm", command);
        Assert.Empty(Directory.GetFiles(Path.Combine(outDir, "points"), "0*.json")); // nothing computed here
    }

    [Fact]
    public void A_Slurm_option_without_slurm_is_refused()
    {
        var (code, _, err) = HeatCommandTests.Run(["sweep", CaseRuns.Case("tonkaev2019_mapbi3_d530.toml"), "--vary",
            "particle.diameter=500,510nm", "--coarse", "--account", "x", "--out", Path.Combine(_dir, "t")]);
        Assert.Equal(2, code);
        Assert.Contains("--account", err);
        Assert.Contains("--slurm", err);
    }
}
