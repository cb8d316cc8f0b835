using System.Globalization;
using System.Text.Json.Nodes;
using MieCool.Cli.Output;
using MieCool.Cli.Sweep;
using MieCool.Core;
using MieCool.Cases;

namespace MieCool.Cli;

/// <summary>
/// `miecool sweep CASE --vary KEY=VALUES ... [--zip] [--set KEY=VALUE] [--jobs N] [--no-fields] [--coarse] [--shard K/N]
/// [--out DIR] [--json]` and `miecool sweep merge DIR`: the coupled model of `miecool run` at every point of a grid (or of
/// zipped lists) of case keys, each point's summary written as soon as it is done (DIR/points/), so that a rerun resumes;
/// the merged table sweep.csv / sweep.json, sweep.png and summary.json with the optimum rebuilt from the points.
/// </summary>
public sealed class SweepCommand : ICommand
{
    /// <summary>The most points a sweep may have (each is a whole coupled run: mesh, optics, FEM).</summary>
    const int MaxPoints = 10_000;
    /// <summary>The sweep's plan in DIR/points: what decides its results, so that a rerun or a merge finds the same sweep.</summary>
    internal const string PlanFile = "plan.json";

    const string VaryValid = "KEY=START:STOP:STEP[unit] (both ends included) or KEY=V1,V2,...[unit] (one unit at the end, or one " +
                             "per value; words as they are), e.g. particle.diameter=400:700:10nm, optics.intensity=1e6,7e6W/cm^2";

    static readonly Positional CaseFile = new("CASE",
        "the case file of `miecool run` (or of `miecool heat`: a [source] case without [optics]); `merge` to merge DIR");
    static readonly Positional MergeDir = new("DIR", "with `merge`: the sweep folder whose points are merged") { Required = false };
    static readonly RepeatedOption<SweepAxis> Vary = new("vary", "KEY=VALUES",
        "a case key and its values; several --vary make a grid of every combination (the last key varies fastest), or with " +
        "--zip a list of points side by side; without --vary, the case's [sweep] vary",
        VaryValid, (text, spelled) => SweepAxis.Parse(text, spelled, MaxPoints))
        { OneOf = "axis" };
    static readonly CustomOption<SweepAxis> Diameters = new("diameters", "START:STOP:STEP[unit]",
        "short for --vary particle.diameter=...: particle diameters, each above twice the contact radius",
        "a range such as 400:700:10nm or a list such as 500,530nm, at most 10000 values",
        (text, spelled) => SweepAxis.Parse("particle.diameter=" + text, spelled, MaxPoints))
        { OneOf = "axis" };
    static readonly CustomOption<SweepAxis> Intensities = new("intensities", "LIST",
        "short for --vary optics.intensity=...: pump intensities, a list with one unit at the end (1e5,1e6,7e6W/cm2) or " +
        "start:stop:step (the temperature against intensity: where the cooling saturates)",
        "values > 0 with an intensity unit, e.g. 1e5,1e6,7e6,3e7W/cm2 or 1e6:1e7:1e6W/cm2, at most 10000 of them",
        (text, spelled) => SweepAxis.Parse("optics.intensity=" + text, spelled, MaxPoints))
        { OneOf = "axis" };
    static readonly SwitchOption Zip = new("zip",
        "the i-th values of every --vary form the i-th point (the lists must have equal lengths) instead of a grid");
    static readonly CountOption Jobs = new("jobs", "points computed at once in this process (each point's result is the same " +
                                                   "for any N; gmsh meshes one point at a time)")
        { Min = 1, Max = 256, Default = 1 };
    static readonly SwitchOption NoFields = new("no-fields",
        "batch mode: no field files and PNGs per point (DIR/points/NAME/), only its summary; the best point's are still " +
        "written to DIR/best/");
    static readonly CustomOption<(int K, int N)> Shard = new("shard", "K/N",
        "run only the K-th of N disjoint slices of the points (point i belongs to shard i mod N + 1); without it, Slurm's " +
        "SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT choose the slice when set; merge the shards with " +
        "`miecool sweep merge DIR`",
        "K/N with 1 <= K <= N, e.g. 2/4", ParseShard);
    static readonly SwitchOption Slurm = new("slurm",
        "write DIR/sweep.sbatch, a Slurm array job whose tasks run this sweep's shards (submit it with sbatch, then " +
        "`miecool sweep merge DIR`), instead of computing here; docs/slurm.md");
    static readonly TextOption Account = new("account", "NAME", "with --slurm: the Slurm account (#SBATCH --account)")
        { DefaultNote = "none (the cluster's default)" };
    static readonly TextOption Partition = new("partition", "NAME", "with --slurm: the Slurm partition (#SBATCH --partition)")
        { DefaultNote = "none (the cluster's default)" };
    static readonly TextOption Time = new("time", "D-HH:MM:SS", "with --slurm: the time limit of each array task (#SBATCH --time)")
        { DefaultNote = "1:00:00" };
    static readonly CountOption CpusPerTask = new("cpus-per-task", "with --slurm: cores of each array task (also its --jobs)")
        { Min = 1, Max = 256, Default = 1 };
    static readonly CountOption Tasks = new("tasks", "with --slurm: array tasks (shards); at most the number of points")
        { Min = 1, Max = MaxPoints, DefaultNote = "the number of points, at most 100" };
    static readonly TextOption Out = new("out", "DIR",
        "the sweep folder: points/ grows point by point and is kept for resuming; the merged files are rebuilt from it")
        { DefaultNote = "out/<case file name without .toml>_sweep", Accepts = "a folder path (not a file)" };
    static readonly SwitchOption Quiet = new("quiet", "no progress line per point on standard error");

    /// <inheritdoc/>
    public string Name => Syntax.Command;
    /// <inheritdoc/>
    public string Summary => "the coupled model over a grid or list of any case keys: a resumable table, plots, the optimum";
    /// <inheritdoc/>
    public CommandSyntax Syntax { get; } = new("sweep", """
        Runs the coupled model of `miecool run` (optics -> heat source -> FEM, self-consistent where the case says so;
        `miecool heat` for a [source] case without [optics]) at every point of the varied case keys, and writes into DIR:
          points/NAME.json   one per point as soon as it is done (written whole): the point's varied values, its row
                             of results and the summary.json of `run` at the point; a rerun of the same sweep skips
                             them (an interrupted sweep loses only the points in flight)
          points/NAME/       without --no-fields: the point's files of `run` (fields.h5/xdmf, spectrum, PNGs)
          sweep.csv          one row per point in point order: a column per varied key with its unit
                             (particle.diameter_nm, ...), then the results under their summary.json names
                             (dT_particle_mean_K, eta_c, P_abs_W, ...)
          sweep.json         the same rows as JSON objects
          sweep.png          one key: mean dT (min-max band) and eta_c against it; two keys: a heat map of mean dT
                             (Viridis); the optimum marked
          summary.json       the optimum (the most negative particle mean dT), warnings (an optimum at the edge of a
                             range), the points computed and skipped, the case and its inputs
          best/              the best point's files of `run`
        sweep.csv, sweep.json, sweep.png, summary.json and best/ are rebuilt from points/ at the end, each replaced
        whole. With --shard K/N a process computes its slice; the last shard to finish (or `miecool sweep merge DIR`)
        writes the merged files. A case may declare [sweep] vary = ["KEY=VALUES", ...] and zip = true instead.
        """)
    {
        Positionals = [CaseFile, MergeDir],
        Options = [Vary, Diameters, Intensities, Zip, CommonOptions.Set, Jobs, NoFields, CommonOptions.Coarse, CommonOptions.Threads,
                   Shard, Slurm, Account, Partition, Time, CpusPerTask, Tasks, Out, CommonOptions.SummaryJson, Quiet,
                   Figure.Dpi],
        Examples =
        [
            "miecool sweep cases/tonkaev2019_mapbi3_d530.toml --vary particle.diameter=400:700:10nm --coarse --jobs 2",
            "miecool sweep cases/tonkaev2019_mapbi3_d530.toml --vary particle.diameter=500,530,560nm " +
            "--vary optics.intensity=1e6,7e6W/cm^2 --coarse --no-fields",
            "miecool sweep cases/tonkaev2019_mapbi3_d530.toml --intensities 1e5,1e6,3e6,7e6,1.4e7,3e7W/cm2 --coarse",
            "miecool sweep merge out/tonkaev2019_mapbi3_d530_sweep",
        ],
    };

    /// <summary>
    /// Computes the points of this process's share not yet in DIR, then (when every point is there) rebuilds the merged
    /// files; prints the optimum and the folder, or with --json the sweep's summary.json.
    /// </summary>
    public int Run(Args args, Console console)
    {
        string casePath = args.Get(CaseFile);
        if (casePath == "merge" && args.Find(MergeDir) is { } mergeDir) return Merge(mergeDir, args, console);
        if (casePath == "merge" && !File.Exists(casePath))
            throw new InputException("miecool sweep merge", "missing DIR (the sweep folder)", valid: "miecool sweep merge DIR");
        if (args.Find(MergeDir) is { } extra)
            throw new InputException(extra, "unexpected argument for `miecool sweep CASE`",
                                     valid: "miecool sweep CASE [options], or miecool sweep merge DIR");
        string outDir = args.Find(Out) ?? Path.Combine("out", Path.GetFileNameWithoutExtension(casePath) + "_sweep");
        bool quiet = args.Get(Quiet), json = args.Get(CommonOptions.SummaryJson);
        var set = args.Get(CommonOptions.Set);
        var shard = args.Has(Shard) ? args.Get(Shard) : SlurmShard();

        // 1. the axes: --vary (or a shorthand), else the case's [sweep]
        var axes = new List<SweepAxis>(args.Get(Vary));
        if (args.Has(Diameters)) axes.Add(args.Get(Diameters));
        if (args.Has(Intensities)) axes.Add(args.Get(Intensities));
        var c = CommonOptions.LoadCase(casePath, args);
        bool zip = args.Get(Zip);
        if (axes.Count == 0 && c.Sweep is { } declared)
        {
            string where = c.LineOf("sweep.vary") is int line ? $"{casePath}:{line}: sweep.vary" : "sweep.vary";
            axes.AddRange(declared.Vary.Select(v => SweepAxis.Parse(v, where, MaxPoints)));
            zip = zip || declared.Zip;
        }
        if (axes.Count == 0)
            throw new InputException("miecool sweep", "nothing to vary", valid: "--vary " + VaryValid + "; or [sweep] vary in the case");

        // 2. the plan, every axis value checked by the case before any point is computed
        var plan = SweepPlan.Create(casePath, set, axes, zip, args.Get(CommonOptions.Coarse),
                                    args.TryGet(CommonOptions.Threads, out int threads) ? threads : null, MaxPoints);
        Check(plan);
        using var folder = SweepFolder.Claim(outDir, args.Spelled(Out), shard is { N: > 1 } s ? s : null);
        WritePlan(folder, plan, args.Spelled(Out));
        if (args.Get(Slurm)) return WriteSlurm(folder, plan, args, console);
        foreach (var o in new Option[] { Account, Partition, Time, CpusPerTask, Tasks })
            if (args.Has(o))
                throw new InputException(args.Spelled(o), "used only with --slurm", valid: "--slurm with it, or leave it out");

        // 3. the points of this share not yet done, N at a time
        var mine = (shard is { } sh ? plan.Shard(sh.K, sh.N) : plan.Points).ToList();
        var outcome = SweepRunner.Run(plan, mine, folder, args.Get(Jobs), !args.Get(NoFields), console, quiet);

        // 4. the merged files, once every point is there
        var rows = SweepTable.Read(folder.PointsPath, plan.Fingerprint);
        if (rows.Count < plan.Points.Count)
        {
            console.Err.WriteLine($"shard {shard!.Value.K}/{shard.Value.N}: {outcome.Computed} points computed, " +
                                  $"{outcome.Skipped} done before; {rows.Count} of {plan.Points.Count} points of the sweep are " +
                                  $"done: the merged files are written when the last shard ends (or `miecool sweep merge {outDir}`)");
            return Program.Ok;
        }
        var summary = Finish(folder, plan, c, rows, outcome, console, args.Get(Figure.Dpi));
        Report(console, json, summary, folder);
        return Program.Ok;
    }

    /// <summary>
    /// --slurm: DIR/sweep.sbatch from the template the program ships (src/Cli/Sweep/sweep-array.sbatch.template), an array of
    /// --tasks tasks 0..N-1, each running this sweep (same case, --set, --vary, --zip, mesh, --no-fields) without --shard, so
    /// that its slice comes from SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT; #SBATCH lines without a value are left out.
    /// </summary>
    static int WriteSlurm(SweepFolder folder, SweepPlan plan, Args args, Console console)
    {
        int tasks = args.TryGet(Tasks, out int t) ? Math.Min(t, plan.Points.Count) : Math.Min(plan.Points.Count, 100);
        static string Q(string s) => "'" + s.Replace("'", "'\\''") + "'";
        // this program as it runs here: the native executable, or dotnet with miecool.dll
        var command = ProgramImage.NativeExecutable is { } native
            ? new List<string> { Q(native) }
            : new List<string> { "dotnet", Q(ProgramImage.Assembly("miecool.dll")) };
        command.AddRange(["sweep", Q(Path.GetFullPath(plan.CasePath))]);
        foreach (var o in plan.Set) command.AddRange(["--set", Q($"{o.Key}={o.Value}")]);
        foreach (var a in plan.Axes) command.AddRange(["--vary", Q(a.Spec)]);
        if (plan.Zip) command.Add("--zip");
        if (plan.Coarse) command.Add("--coarse");
        if (plan.Threads is int threads) command.AddRange(["--threads", threads.ToString(CultureInfo.InvariantCulture)]);
        if (args.Get(NoFields)) command.Add("--no-fields");
        int cpus = args.Get(CpusPerTask);
        command.AddRange(["--jobs", cpus.ToString(CultureInfo.InvariantCulture), "--quiet", "--out", Q(folder.FullPath)]);
        const string resource = "MieCool.Cli.Sweep.sweep-array.sbatch.template";
        using var template = typeof(SweepCommand).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException("the sbatch template is not embedded in the program");
        string text = new StreamReader(template).ReadToEnd();
        var values = new Dictionary<string, string>
        {
            ["JOB_NAME"] = "miecool-sweep-" + Path.GetFileNameWithoutExtension(plan.CasePath),
            ["ACCOUNT"] = args.Find(Account) ?? "", ["PARTITION"] = args.Find(Partition) ?? "",
            ["TIME"] = args.Find(Time) ?? "1:00:00",
            ["CPUS_PER_TASK"] = cpus.ToString(CultureInfo.InvariantCulture),
            ["ARRAY"] = Inv($"0-{tasks - 1}"), ["LOG_DIR"] = Path.Combine(folder.FullPath, "logs"),
            ["WORK_DIR"] = Q(Directory.GetCurrentDirectory()), ["TASK_COMMAND"] = string.Join(' ', command),
        };
        bool Empty(string line) => line.StartsWith("#SBATCH", StringComparison.Ordinal)
                                   && values.Any(v => v.Value.Length == 0 && line.Contains($"@{v.Key}@", StringComparison.Ordinal));
        var lines = text.Split('\n').Where(l => !Empty(l));
        string script = string.Join('\n', lines);
        foreach (var (k, v) in values) script = script.Replace($"@{k}@", v, StringComparison.Ordinal);
        Directory.CreateDirectory(Path.Combine(folder.FullPath, "logs"));
        folder.WriteText("sweep.sbatch", script);
        console.Out.WriteLine($"wrote {Path.Combine(folder.FullPath, "sweep.sbatch")}: {tasks} array tasks for " +
                              $"{plan.Points.Count} points; " +
                              $"submit it with `sbatch {Path.Combine(folder.FullPath, "sweep.sbatch")}`, then " +
                              $"`miecool sweep merge {folder.FullPath}`");
        return Program.Ok;
    }

    /// <summary>`miecool sweep merge DIR`: the merged files from the points the shards wrote (missing points are listed).</summary>
    static int Merge(string dir, Args args, Console console)
    {
        foreach (var o in new Option[] { Vary, Diameters, Intensities, Zip, CommonOptions.Set, Shard, Out, NoFields, Jobs })
            if (args.Has(o))
                throw new InputException(args.Spelled(o), "not used by `miecool sweep merge DIR`",
                                         valid: "miecool sweep merge DIR [--json] [--quiet]");
        string planPath = Path.Combine(dir, "points", PlanFile);
        if (!File.Exists(planPath))
            throw new InputException(dir, $"not a sweep folder (no points/{PlanFile})", valid: "the --out folder of `miecool sweep`");
        var saved = JsonNode.Parse(File.ReadAllText(planPath))!.AsObject();
        var plan = PlanFrom(saved, planPath);
        using var folder = SweepFolder.Claim(dir, "miecool sweep merge");
        var rows = SweepTable.Read(folder.PointsPath, plan.Fingerprint);
        var missing = plan.Points.Select(p => p.Index).Except(rows.Select(r => r.Index)).ToList();
        if (missing.Count > 0)
            throw new InputException(dir, $"{missing.Count} of {plan.Points.Count} points are not done yet (points " +
                                          $"{string.Join(", ", missing.Take(10).Select(i => i + 1))}{(missing.Count > 10 ? ", ..." : "")})",
                                     valid: "merge when every shard has ended; a shard rerun computes only its missing points");
        var summary = Finish(folder, plan, Case.Load(plan.CasePath, plan.Set, plan.Coarse), rows, new SweepRunner.Outcome(0, 0, 0), console,
                             args.Get(Figure.Dpi));
        Report(console, args.Get(CommonOptions.SummaryJson), summary, folder);
        return Program.Ok;
    }

    static void Report(Console console, bool json, Dictionary<string, object?> summary, SweepFolder folder)
    {
        if (json) { console.Out.WriteLine(SummaryFile.Json(summary)); return; }
        var best = (JsonObject)summary["optimum"]!;
        string varied = string.Join(", ", best["varied"]!.AsObject().Select(kv => $"{kv.Key}={(string?)kv.Value}"));
        console.Out.WriteLine(Inv($"optimum: {varied}: particle mean dT {(double)best[SweepTable.Objective]!:G4} K") +
                              (best["eta_c"] is JsonValue eta
                                  ? Inv($", eta_c {(double)eta:G4}, P_heat {(double)best["P_heat_W"]!:G4} W") : ""));
        var files = ((string[])summary["files"]!).Select(f => f == "best" ? "best/" : f);
        console.Out.WriteLine($"wrote {folder.FullPath}: {string.Join(", ", files)}, points/");
    }

    /// <summary>The plan a merge reads back: the same inputs give the same points; a changed case file is refused.</summary>
    static SweepPlan PlanFrom(JsonObject saved, string planPath)
    {
        var set = saved["set"]!.AsArray().Select(n => CaseOverride.Parse((string)n!, "--set")).ToList();
        var axes = saved["vary"]!.AsArray().Select(n => SweepAxis.Parse((string)n!, "--vary", MaxPoints)).ToList();
        var plan = SweepPlan.Create((string)saved["case"]!, set, axes, (bool)saved["zip"]!, (bool)saved["coarse"]!,
                                    (int?)saved["threads"], MaxPoints);
        if (plan.Fingerprint != (string?)saved["fingerprint"])
            throw new InputException(planPath, "the case file (or the program) changed since the sweep ran: its points are not " +
                                               "those of this case", valid: "the case file as it was, or a new sweep");
        return plan;
    }

    /// <summary>
    /// Every value of every axis through the case (with the other axes at their first values): bad input before any point.
    /// </summary>
    static void Check(SweepPlan plan)
    {
        for (int k = 0; k < plan.Axes.Count; k++)
            foreach (var v in plan.Axes[k].Values)
            {
                var overrides = plan.Axes.Select((a, j) => new CaseOverride(a.Key, j == k ? v.Literal : a.Values[0].Literal, "--vary"));
                var c = Case.Load(plan.CasePath, [.. plan.Set, .. overrides], plan.Coarse);
                if (c.Find<OpticsSpec>() is null && c.HeatSource is null)
                    c.Require<OpticsSpec>("miecool sweep (the pump; or a [source] for a thermal sweep)");
            }
    }

    /// <summary>DIR/points/plan.json: written by the first run; a later run must be the same sweep.</summary>
    static void WritePlan(SweepFolder folder, SweepPlan plan, string option)
    {
        string path = Path.Combine(folder.PointsPath, PlanFile);
        if (File.Exists(path))
        {
            string? existing = null;
            try { existing = (string?)JsonNode.Parse(File.ReadAllText(path))?["fingerprint"]; }
            catch (System.Text.Json.JsonException) { }
            if (existing == plan.Fingerprint) return;
            throw new InputException(option, "the folder holds the points of another sweep (another case file, --set, --vary, " +
                                             "--zip, mesh or program version): they are not mixed", value: folder.FullPath,
                                     valid: "another --out, or remove the folder to start afresh");
        }
        var doc = new Dictionary<string, object?>
        {
            ["fingerprint"] = plan.Fingerprint, ["case"] = Path.GetFullPath(plan.CasePath),
            ["set"] = plan.Set.Select(o => $"{o.Key}={o.Value}").ToArray(), ["vary"] = plan.Axes.Select(a => a.Spec).ToArray(),
            ["zip"] = plan.Zip, ["coarse"] = plan.Coarse, ["threads"] = plan.Threads, ["points"] = plan.Points.Count,
            ["program"] = SummaryFile.ProgramVersion,
        };
        folder.WriteText(Path.Combine("points", PlanFile), SummaryFile.Json(doc));
    }

    /// <summary>
    /// sweep.csv, sweep.json, sweep.png/.svg (PNG at <paramref name="dpi"/>), best/ and summary.json from the points; the
    /// warnings on standard error.
    /// </summary>
    static Dictionary<string, object?> Finish(SweepFolder folder, SweepPlan plan, Case c, List<PointRow> rows,
                                              SweepRunner.Outcome outcome, Console console, int dpi)
    {
        var best = SweepTable.Optimum(rows) ?? throw new ComputationException(
            $"{plan.CasePath}: no point of the sweep has a steady state to report (see points/*.json, self_consistent.status)");
        var warnings = SweepTable.EdgeWarnings(plan, best);
        foreach (var w in warnings) console.Err.WriteLine("warning: " + w);
        var varied = plan.Axes.Select(a => a.Column).ToList();
        string mesh = plan.Coarse ? "coarse (as run --coarse)" : "the case's [mesh]";
        string comment = $"miecool sweep {plan.CasePath}: {plan.Points.Count} points ({(plan.Zip ? "zipped" : "grid")} of " +
                         $"{string.Join(", ", plan.Axes.Select(a => a.Key))}), {mesh}; every other input as in the case" +
                         (plan.Set.Count > 0 ? " with " + string.Join(", ", plan.Set.Select(o => $"--set {o.Key}={o.Value}")) : "");
        folder.WriteText("sweep.csv", SweepTable.Csv(comment, varied, rows));
        folder.WriteText("sweep.json", SweepTable.Json(rows).ToJsonString(Indented));
        var point = plan.Points[best.Index];
        SweepRunner.Best(plan, point, folder);
        var files = new List<string> { "sweep.csv", "sweep.json" };
        bool plotted = folder.WriteFolderFile("sweep.png", path => SweepPlots.Write(path, plan, rows, best, Title(c, plan), dpi));
        if (plotted && folder.WriteFolderFile("sweep.svg", path => SweepPlots.Write(path, plan, rows, best, Title(c, plan), svg: true)))
            files.AddRange(["sweep.png", "sweep.svg"]);
        files.AddRange(["summary.json", "best"]);
        var optimum = SweepTable.Json([best])[0]!.AsObject();
        var doc = new Dictionary<string, object?>
        {
            ["swept"] = plan.Axes.Select(a => a.Key).ToArray(),
            ["columns"] = varied.ToArray(),
            ["zip"] = plan.Zip,
            ["mesh"] = mesh,
            ["points"] = plan.Points.Count,
            ["computed"] = outcome.Computed,
            ["skipped"] = outcome.Skipped,
            ["seconds_per_point"] = outcome.Computed > 0 ? outcome.Seconds / outcome.Computed : null,
            ["objective"] = SweepTable.Objective + " (lowest)",
            ["optimum"] = optimum,
            ["warnings"] = warnings.ToArray(),
        };
        SummaryFile.Provenance(doc, c, plan.CasePath, files);
        folder.WriteText("summary.json", SummaryFile.Json(doc));
        return doc;
    }

    static readonly System.Text.Json.JsonSerializerOptions Indented = new() { WriteIndented = true };

    static string Title(Case c, SweepPlan plan) =>
        $"{Path.GetFileNameWithoutExtension(plan.CasePath)}: {c.Particle.Material}, " +
        (plan.Coarse ? "coarse mesh" : "the case's mesh");

    /// <summary>--shard K/N.</summary>
    static (int K, int N) ParseShard(string text, string spelled)
    {
        var parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int k)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n) && k >= 1 && k <= n && n <= MaxPoints)
            return (k, n);
        throw new InputException(spelled, "expected K/N with 1 <= K <= N", value: text, valid: $"e.g. 2/4 (N at most {MaxPoints})");
    }

    /// <summary>
    /// The shard of a Slurm array task: SLURM_ARRAY_TASK_ID among SLURM_ARRAY_TASK_COUNT tasks, counted from
    /// SLURM_ARRAY_TASK_MIN (else from 0 when the id is below the count, from 1 otherwise); null outside an array job.
    /// </summary>
    internal static (int K, int N)? SlurmShard()
    {
        string? id = Environment.GetEnvironmentVariable("SLURM_ARRAY_TASK_ID");
        string? count = Environment.GetEnvironmentVariable("SLURM_ARRAY_TASK_COUNT");
        if (id is null || count is null) return null;
        if (!int.TryParse(id, CultureInfo.InvariantCulture, out int i) || !int.TryParse(count, CultureInfo.InvariantCulture, out int n)
            || n < 1)
            throw new InputException("SLURM_ARRAY_TASK_ID", "not a Slurm array task", value: $"{id} of {count}",
                                     valid: "whole numbers set by sbatch --array");
        int min = int.TryParse(Environment.GetEnvironmentVariable("SLURM_ARRAY_TASK_MIN"), CultureInfo.InvariantCulture, out int m)
            ? m : i < n ? 0 : 1;
        int k = i - min + 1;
        if (k < 1 || k > n)
            throw new InputException("SLURM_ARRAY_TASK_ID", $"task {i} is not one of {n} tasks counted from {min}", value: id,
                                     valid: "an array of consecutive task ids (sbatch --array=0-3 or 1-4), or --shard K/N");
        return (k, n);
    }

    static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
