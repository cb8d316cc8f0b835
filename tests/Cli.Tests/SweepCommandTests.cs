using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace MieCool.Cli.Tests;

/// <summary>
/// The 2x2 grid every sweep test compares with: particle.diameter 500, 530 nm x optics.intensity 1e6, 7e6 W/cm^2 of the
/// reproduction case, coarse, --no-fields, one gmsh thread (the same mesh every run), computed once in one process.
/// </summary>
public sealed class SweepReference : IDisposable
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("miecool-sweep-").FullName;
    public void Dispose() => Directory.Delete(Dir, recursive: true);

    public static string Case => Path.Combine(IoCommandsTests.RepoRoot(), "cases", "tonkaev2019_mapbi3_d530.toml");
    public static readonly string[] Grid =
        ["--vary", "particle.diameter=500,530nm", "--vary", "optics.intensity=1e6,7e6W/cm^2", "--coarse", "--threads", "1"];

    public (int Code, string Out, string Err) Sweep(string outName, params string[] more) =>
        HeatCommandTests.Run(["sweep", Case, .. Grid, "--out", Path.Combine(Dir, outName), .. more]);

    /// <summary>The one-process reference: sweep.csv's lines and the summary.json of the run.</summary>
    public string[] Table { get; }
    public JsonElement Summary { get; }

    public SweepReference()
    {
        var (code, stdout, err) = Sweep("reference", "--no-fields", "--json", "--quiet");
        Assert.True(code == 0, err);
        Summary = JsonDocument.Parse(stdout).RootElement.Clone();
        Table = File.ReadAllLines(Path.Combine(Dir, "reference", "sweep.csv"));
    }

    public static string[] Csv(string dir) => File.ReadAllLines(Path.Combine(dir, "sweep.csv"));
    public static string[] PointFiles(string dir) => !Directory.Exists(Path.Combine(dir, "points")) ? []
        : [.. Directory.GetFiles(Path.Combine(dir, "points"), "0*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
}

/// <summary>
/// `miecool sweep` over any case keys: a grid's points equal `miecool run` of the same case keys (an independent run), a zipped
/// sweep equals the grid's diagonal, --jobs 2 equals --jobs 1 bit for bit, two shards and a merge (one of them chosen by Slurm's
/// array variables, in a child process) equal the one-process sweep, and a sweep killed midway (SIGKILL) and rerun gives the
/// same table without computing a finished point again.
/// </summary>
public sealed class SweepCommandTests(SweepReference reference) : IClassFixture<SweepReference>, IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("miecool-sweeps-").FullName;
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    string Out(string name) => Path.Combine(_dir, name);

    static (int Code, string Out, string Err) Sweep(string outDir, params string[] more) =>
        HeatCommandTests.Run(["sweep", SweepReference.Case, .. SweepReference.Grid, "--out", outDir, .. more]);

    static string Cell(string[] table, int row, string column)
    {
        var header = table[1].Split(',');
        int i = Array.IndexOf(header, column);
        Assert.True(i >= 0, $"no column {column} in {table[1]}");
        return table[2 + row].Split(',')[i];
    }

    [Fact]
    public void A_2x2_grid_has_one_row_per_point_in_order_and_each_point_is_the_run_of_its_case_keys()
    {
        var t = reference.Table;
        Assert.StartsWith("# miecool sweep", t[0]);
        Assert.StartsWith("particle.diameter_nm,optics.intensity_W_per_cm2,Qabs,", t[1]);
        foreach (var column in new[] { "dT_particle_mean_K", "eta_c", "P_abs_W", "P_heat_W", "T_particle_mean_K", "dofs" })
            Assert.Contains(column, t[1].Split(','));
        Assert.Equal(6, t.Length);
        string[][] expected = [["500", "1000000"], ["500", "7000000"], ["530", "1000000"], ["530", "7000000"]]; // last key fastest
        for (int r = 0; r < 4; r++)
            Assert.Equal(expected[r], new[] { Cell(t, r, "particle.diameter_nm"), Cell(t, r, "optics.intensity_W_per_cm2") });

        // an independent run of the same case keys: the point at 500 nm, 1e6 W/cm^2 is `miecool run --coarse` bit for bit
        var run = HeatCommandTests.Run("run", SweepReference.Case, "--set", "particle.diameter=500 nm", "--set",
                                       "optics.intensity=1e6 W/cm^2", "--coarse", "--threads", "1", "--json", "--quiet",
                                       "--out", Out("run"));
        Assert.True(run.Code == 0, run.Err);
        var j = JsonDocument.Parse(run.Out).RootElement;
        foreach (var key in new[] { "dT_particle_mean_K", "eta_c", "P_abs_W", "Qabs", "T_particle_mean_K" })
            Assert.Equal(j.GetProperty(key).GetDouble(), double.Parse(Cell(t, 0, key), CultureInfo.InvariantCulture));

        // the optimum is the row of the lowest mean dT, at the edge of both ranges: warned
        var rows = Enumerable.Range(0, 4)
            .Select(r => double.Parse(Cell(t, r, "dT_particle_mean_K"), CultureInfo.InvariantCulture)).ToList();
        var best = reference.Summary.GetProperty("optimum");
        Assert.Equal(rows.IndexOf(rows.Min()), best.GetProperty("index").GetInt32());
        Assert.Equal(rows.Min(), best.GetProperty("dT_particle_mean_K").GetDouble());
        var warnings = reference.Summary.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList();
        Assert.Contains(warnings, w => w.Contains("edge of the scanned range of particle.diameter", StringComparison.Ordinal));
        Assert.Equal((4, 0), (reference.Summary.GetProperty("computed").GetInt32(), reference.Summary.GetProperty("skipped").GetInt32()));
        var dir = Path.Combine(reference.Dir, "reference");
        Assert.Equal(4, SweepReference.PointFiles(dir).Length);
        Assert.True(File.Exists(Path.Combine(dir, "sweep.png")) && File.Exists(Path.Combine(dir, "sweep.json")));
        Assert.True(File.Exists(Path.Combine(dir, "best", "fields.h5")), "the best point's fields despite --no-fields");
        Assert.False(Directory.Exists(Path.Combine(dir, "points", Path.GetFileNameWithoutExtension(SweepReference.PointFiles(dir)[0]))));
        var sweepJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "sweep.json"))).RootElement;
        Assert.Equal(rows, sweepJson.EnumerateArray().Select(p => p.GetProperty("dT_particle_mean_K").GetDouble()));
    }

    [Fact]
    public void A_zipped_sweep_is_the_grids_diagonal_and_writes_each_points_fields()
    {
        var dir = Out("zip");
        var (code, _, err) = Sweep(dir, "--zip", "--quiet");
        Assert.True(code == 0, err);
        var t = SweepReference.Csv(dir);
        Assert.Equal(4, t.Length);
        Assert.Equal(reference.Table[2], t[2]); // (500 nm, 1e6) is grid point 0
        Assert.Equal(reference.Table[5], t[3]); // (530 nm, 7e6) is grid point 3
        foreach (var p in SweepReference.PointFiles(dir))
            Assert.True(File.Exists(Path.Combine(dir, "points", Path.GetFileNameWithoutExtension(p), "fields.h5")), p);
        Assert.True(File.Exists(Path.Combine(dir, "best", "temperature.png")));
        Assert.True(File.Exists(Path.Combine(dir, "sweep.png")));

        var unequal = HeatCommandTests.Run("sweep", SweepReference.Case, "--vary", "particle.diameter=500,530,560nm", "--vary",
                                           "optics.intensity=1e6,7e6W/cm^2", "--zip", "--out", Out("unequal"));
        Assert.Equal(2, unequal.Code);
        Assert.StartsWith("error: --zip: zipped keys need lists of equal length", unequal.Err);
        Assert.False(Directory.Exists(Out("unequal")));
    }

    [Fact]
    public void Two_jobs_give_the_table_of_one_bit_for_bit()
    {
        var dir = Out("jobs2");
        var (code, _, err) = Sweep(dir, "--no-fields", "--jobs", "2");
        Assert.True(code == 0, err);
        Assert.Equal(reference.Table, SweepReference.Csv(dir));
        Assert.Contains("ETA", err);
    }

    [Fact]
    public void Two_shards_and_a_merge_give_the_one_process_table()
    {
        var dir = Out("shards");
        var (code, _, err) = Sweep(dir, "--no-fields", "--shard", "1/2", "--quiet");
        Assert.True(code == 0, err);
        Assert.Contains("2 of 4 points of the sweep are done", err);
        Assert.False(File.Exists(Path.Combine(dir, "sweep.csv")));
        Assert.Equal(2, SweepReference.PointFiles(dir).Length);
        var early = HeatCommandTests.Run("sweep", "merge", dir);
        Assert.Equal(2, early.Code);
        Assert.Contains("2 of 4 points are not done yet (points 2, 4)", early.Err);

        // the second shard as a Slurm array task (ids 0-1): a child process that reads SLURM_ARRAY_TASK_ID
        var child = Child([.. SweepReference.Grid, "--out", dir, "--no-fields", "--quiet"],
                          ("SLURM_ARRAY_TASK_ID", "1"), ("SLURM_ARRAY_TASK_COUNT", "2"), ("SLURM_ARRAY_TASK_MIN", "0"));
        Assert.True(child.WaitForExit(TimeSpan.FromMinutes(3)), "the shard did not finish");
        Assert.True(child.ExitCode == 0, child.StandardError.ReadToEnd());
        Assert.Equal(reference.Table, SweepReference.Csv(dir)); // the last shard to finish wrote the merged files

        File.Delete(Path.Combine(dir, "sweep.csv"));
        var merge = HeatCommandTests.Run("sweep", "merge", dir, "--quiet");
        Assert.True(merge.Code == 0, merge.Err);
        Assert.Equal(reference.Table, SweepReference.Csv(dir));
    }

    [Fact]
    public void A_sweep_killed_midway_and_rerun_gives_the_same_table_and_reruns_no_finished_point()
    {
        var dir = Out("killed");
        var child = SweepUntil(dir, points: 2);
        child.Kill(); // SIGKILL: no handler runs, whatever was being written stays behind
        child.WaitForExit();
        var finished = SweepReference.PointFiles(dir);
        Assert.InRange(finished.Length, 2, 3);
        Assert.False(File.Exists(Path.Combine(dir, "sweep.csv")));
        var before = finished.ToDictionary(f => f, f => (File.GetLastWriteTimeUtc(Path.Combine(dir, "points", f)),
                                                         File.ReadAllText(Path.Combine(dir, "points", f))));

        var (code, stdout, err) = Sweep(dir, "--no-fields", "--json", "--quiet");
        Assert.True(code == 0, err);
        var summary = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(finished.Length, summary.GetProperty("skipped").GetInt32());
        Assert.Equal(4 - finished.Length, summary.GetProperty("computed").GetInt32());
        foreach (var (f, (time, text)) in before)
        {
            Assert.Equal(time, File.GetLastWriteTimeUtc(Path.Combine(dir, "points", f)));
            Assert.Equal(text, File.ReadAllText(Path.Combine(dir, "points", f)));
        }
        Assert.Equal(reference.Table, SweepReference.Csv(dir));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(dir, "points"), ".*")); // a killed write's temporary file is gone
        Assert.Empty(Directory.GetFileSystemEntries(dir, ".*"));
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    static extern int kill(int pid, int signal);

    /// <summary>
    /// SIGTERM midway: the sweep exits 143 with one line that names the folder keeping the finished points; its lock and a
    /// point being written are removed (nothing hidden is left beside DIR or inside it), and the same sweep resumes there.
    /// </summary>
    [Fact]
    public void A_sweep_stopped_by_SIGTERM_keeps_its_finished_points_and_no_lock_and_resumes()
    {
        var dir = Out("terminated");
        var child = SweepUntil(dir, points: 1);
        Assert.Equal(0, kill(child.Id, 15));
        Assert.True(child.WaitForExit(30_000), "the sweep did not end after SIGTERM");
        var err = child.StandardError.ReadToEnd();
        Assert.Equal(143, child.ExitCode);
        var line = Assert.Single(err.Trim().Split('\n'));
        Assert.StartsWith("error: interrupted by SIGTERM", line);
        Assert.Contains($"the finished points are kept in {Path.GetFullPath(dir)}", line);
        Assert.Empty(Directory.GetFileSystemEntries(_dir, ".*")); // no .terminated.lock
        Assert.Empty(Directory.GetFileSystemEntries(dir, ".*"));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(dir, "points"), ".*"));
        int finished = SweepReference.PointFiles(dir).Length;
        Assert.InRange(finished, 1, 4);

        var (code, stdout, rerr) = Sweep(dir, "--no-fields", "--json", "--quiet");
        Assert.True(code == 0, rerr);
        Assert.Equal(finished, JsonDocument.Parse(stdout).RootElement.GetProperty("skipped").GetInt32());
        Assert.Equal(reference.Table, SweepReference.Csv(dir));
    }

    [Fact]
    public void A_folder_of_another_sweep_or_of_other_files_is_refused_and_bad_axes_are_one_error_line()
    {
        var other = Out("other");
        Assert.Equal(0, HeatCommandTests.Run("sweep", SweepReference.Case, "--vary", "particle.diameter=500nm", "--coarse",
                                             "--no-fields", "--quiet", "--out", other).Code);
        var again = Sweep(other, "--no-fields", "--quiet");
        Assert.Equal(2, again.Code);
        Assert.Contains("holds the points of another sweep", again.Err);

        var foreign = Out("foreign");
        Directory.CreateDirectory(foreign);
        File.WriteAllText(Path.Combine(foreign, "notes.txt"), "mine");
        var refused = Sweep(foreign, "--quiet");
        Assert.Equal(2, refused.Code);
        Assert.Contains("notes.txt", refused.Err);
        Assert.Equal(["notes.txt"], Directory.GetFileSystemEntries(foreign).Select(Path.GetFileName));

        foreach (var (vary, start) in new[]
                 {
                     ("particle.diamter=500,530nm", "error: --vary particle.diamter: unknown key; valid: did you mean particle.diameter?"),
                     ("particle.diameter=500,530kg", "error: --vary particle.diameter: unknown unit \"kg\""),
                     ("particle.diameter=700:400:10nm", "error: --vary particle.diameter: empty or reversed range"),
                     ("particle.diameter", "error: --vary: expected KEY=VALUES"),
                 })
        {
            var (code, _, err) = HeatCommandTests.Run("sweep", SweepReference.Case, "--vary", vary, "--out", Out("bad"));
            Assert.True(code == 2, err);
            Assert.StartsWith(start, err.Trim());
            Assert.False(Directory.Exists(Out("bad")));
        }
    }

    [Fact]
    public void A_case_may_declare_its_sweep()
    {
        var text = File.ReadAllText(SweepReference.Case);
        var path = Path.Combine(_dir, "declared.toml");
        File.WriteAllText(path, text + "\n[sweep]\nvary = [\"particle.diameter=500,530nm\", \"optics.intensity=1e6,7e6W/cm^2\"]\n" +
                                "zip = true\n");
        var dir = Out("declared");
        var (code, _, err) = HeatCommandTests.Run("sweep", path, "--coarse", "--threads", "1", "--no-fields", "--quiet", "--out", dir);
        Assert.True(code == 0, err);
        var t = SweepReference.Csv(dir);
        Assert.Equal([reference.Table[2], reference.Table[5]], t[2..]);
    }

    /// <summary>`miecool sweep CASE args` in a child process (the built miecool.dll beside the tests).</summary>
    /// <summary>The reference sweep into <paramref name="dir"/> in a child process, once it has finished that many points.</summary>
    static Process SweepUntil(string dir, int points)
    {
        var child = Child([.. SweepReference.Grid, "--out", dir, "--no-fields", "--quiet"]);
        var clock = Stopwatch.StartNew();
        while (!child.HasExited && SweepReference.PointFiles(dir).Length < points && clock.Elapsed < TimeSpan.FromMinutes(3))
            Thread.Sleep(20);
        Assert.False(child.HasExited, "the sweep ended before it could be stopped");
        return child;
    }

    static Process Child(string[] args, params (string Name, string Value)[] env)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "miecool.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { dll, "sweep", SweepReference.Case }.Concat(args)) start.ArgumentList.Add(a);
        start.Environment["OMP_WAIT_POLICY"] = "PASSIVE";
        foreach (var (n, v) in env) start.Environment[n] = v;
        return Process.Start(start)!;
    }
}
