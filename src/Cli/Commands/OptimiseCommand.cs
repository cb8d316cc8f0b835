using System.Globalization;
using System.Text.Json.Nodes;
using MieCool.Cases;
using MieCool.Cli.Output;
using MieCool.Cli.Sweep;
using MieCool.Core;
using MieCool.Core.Numerics;

namespace MieCool.Cli;

/// <summary>
/// `miecool optimise CASE --vary KEY=START:STOP[unit] ... [--objective NAME] [--goal min|max]`: a derivative-free bounded
/// search (<see cref="BoundedMinimizer"/>: Brent in one key, bounded Nelder-Mead in several) for the case keys that
/// minimise or maximise one result of the coupled run, refining beyond any grid. Every evaluated point is a sweep point
/// (DIR/points/, resumable: the search is deterministic, so a rerun replays the points already done), the table
/// DIR/sweep.csv lists them in the order evaluated, DIR/best/ holds the optimum's run, DIR/summary.json the optimum, the
/// tolerance reached and the number of coupled runs.
/// </summary>
public sealed class OptimiseCommand : ICommand
{
    const int MaxKeys = 5, MaxRunsLimit = 10_000;
    static readonly Positional CaseFile = new("CASE", "the case file of `miecool run` (or of `heat` for a [source] case)");
    static readonly RepeatedOption<SweepAxis> Vary = new("vary", "KEY=START:STOP[unit]",
        "a case key and the interval searched for it (both ends included); 1 to 5 keys",
        "KEY=START:STOP[unit] with START < STOP, e.g. particle.diameter=400:700nm", ParseInterval);
    static readonly TextOption Objective = new("objective", "NAME",
        "the result to optimise: a number of run's summary.json (e.g. dT_particle_mean_K, eta_c, P_heat_W)")
        { DefaultNote = SweepTable.Objective };
    static readonly ChoiceOption<bool> Goal = new("goal", "min: the lowest value (the coldest particle); max: the highest",
        ("min", false), ("max", true)) { Default = false };
    static readonly NumberOption Tolerance = new("tolerance",
        "the search stops when the optimum is known to this fraction of each key's interval")
        { Default = 2e-3, Range = new Interval(1e-6, 0.25) };
    static readonly CountOption MaxRuns = new("max-runs", "most coupled runs the search may use")
        { Default = 60, Min = 2, Max = MaxRunsLimit };
    static readonly TextOption Out = new("out", "DIR", "output folder: points/ (one JSON per run), sweep.csv, best/, summary.json")
        { DefaultNote = "out/<case file name without .toml>_optimise", Accepts = "a folder path (not a file)" };
    static readonly SwitchOption Quiet = new("quiet", "no progress line per run on standard error");

    /// <inheritdoc/>
    public string Name => Syntax.Command;
    /// <inheritdoc/>
    public string Summary => "the case keys that minimise (or maximise) a result, beyond any grid: Brent / bounded Nelder-Mead";
    /// <inheritdoc/>
    public CommandSyntax Syntax { get; } = new("optimise", """
        Searches the box of --vary intervals for the point where --objective (a number of run's summary.json, by default
        the particle's mean dT) is lowest (--goal min) or highest (max). One key: Brent's method (golden section with
        parabolic steps); 2 to 5 keys: a bounded Nelder-Mead with a compass poll at the end, in coordinates scaled to the
        box. Each evaluation is a full coupled run, recorded as a sweep point in DIR/points/ (a run that fails counts as
        the worst value and is recorded with its reason); the search is deterministic, so a rerun after an interruption
        replays the points already done and continues. Writes DIR/sweep.csv (every run, in the order evaluated), DIR/best/
        (the optimum's run with its fields) and DIR/summary.json (optimum, objective, tolerance reached per key, runs).
        """)
    {
        Positionals = [CaseFile],
        Options = [Vary, Objective, Goal, Tolerance, MaxRuns, CommonOptions.Set, CommonOptions.Coarse, CommonOptions.Threads, Out,
                   CommonOptions.SummaryJson, Quiet],
        ExitCodes = "0 done (converged or not: summary.json says), 2 bad input, 1 another failure",
        Examples = ["miecool optimise cases/tonkaev2019_mapbi3_d530.toml --vary particle.diameter=400:700nm --coarse"],
    };

    /// <summary>KEY=START:STOP[unit] as the sweep's list KEY=START,STOP[unit]: its two ends, in one unit, increasing.</summary>
    static SweepAxis ParseInterval(string text, string spelled)
    {
        const string valid = "KEY=START:STOP[unit] with START < STOP, e.g. particle.diameter=400:700nm";
        int eq = text.IndexOf('=');
        var parts = eq > 0 ? text[(eq + 1)..].Split(':') : [];
        if (eq <= 0 || parts.Length != 2)
            throw new InputException(spelled, "expected KEY=START:STOP[unit]", value: text, valid: valid);
        var axis = SweepAxis.Parse($"{text[..eq]}={parts[0]},{parts[1]}", spelled, 2);
        if (!axis.Numeric || !(axis.Values[1].Number > axis.Values[0].Number))
            throw new InputException($"{spelled} {axis.Key}", "an empty or reversed interval", value: text, valid: valid);
        return axis;
    }

    /// <summary>Runs the search, records every run as a sweep point, writes the table, the optimum's run and summary.json.</summary>
    public int Run(Args args, Console console)
    {
        string casePath = args.Get(CaseFile);
        string outDir = args.Find(Out) ?? Path.Combine("out", Path.GetFileNameWithoutExtension(casePath) + "_optimise");
        bool quiet = args.Get(Quiet), json = args.Get(CommonOptions.SummaryJson), maximise = args.Get(Goal);
        string objective = args.Find(Objective) ?? SweepTable.Objective;
        double fraction = args.Get(Tolerance);
        int maxRuns = args.Get(MaxRuns);
        var set = args.Get(CommonOptions.Set);
        var bounds = args.Get(Vary);
        if (bounds.Count is 0 or > MaxKeys)
            throw new InputException("--vary", $"{bounds.Count} keys to optimise", valid: $"1 to {MaxKeys} --vary KEY=START:STOP[unit]");
        var c = CommonOptions.LoadCase(casePath, args);
        // each interval as a two-value axis: columns, units, and the case's check of both ends
        var grid = SweepPlan.Create(casePath, set, bounds, zip: true, args.Get(CommonOptions.Coarse),
                                    args.TryGet(CommonOptions.Threads, out int threads) ? threads : null, 2);
        foreach (var corner in grid.Points) _ = grid.CaseAt(corner); // both ends of every interval are valid case values
        string fingerprint = SweepPlan.Hash(
            grid.Fingerprint + Inv($"|optimise {objective} {(maximise ? "max" : "min")} {fraction:R} {maxRuns}"));
        var plan = new SweepPlan
        {
            CasePath = casePath, Set = set, Axes = bounds, Zip = true, Coarse = grid.Coarse, Threads = grid.Threads, Points = [],
            Fingerprint = fingerprint,
        };
        using var folder = SweepFolder.Claim(outDir, args.Spelled(Out));
        var evaluated = new List<SweepPoint>();
        double Evaluate(double[] x)
        {
            var varied = bounds.Select((b, k) => new CaseOverride(b.Key, Inv($"{x[k]:R}") + (b.Unit is null ? "" : " " + b.Unit), "--vary"))
                               .ToList();
            var values = varied.Select((o, k) => new SweepValue(o.Value, x[k])).ToList();
            int index = evaluated.Count;
            var point = new SweepPoint(index, varied, values, SweepPlan.PointName(index, set, varied));
            evaluated.Add(point);
            SweepRunner.Run(plan, [point], folder, 1, fields: false, console, quiet);
            var row = SweepTable.ReadPoint(Path.Combine(folder.FullPath, SweepRunner.PointFile(point)), fingerprint)
                      ?? throw new InvalidOperationException($"run {index + 1} left no point file");
            if (!row.Row.ContainsKey(objective))
                throw new InputException("--objective", $"no result \"{objective}\" in a run's summary", value: objective,
                                         valid: "one of " + string.Join(", ", row.Row.Where(kv => kv.Value is JsonValue v &&
                                             v.TryGetValue<double>(out _)).Select(kv => kv.Key)));
            double? v = row.Number(objective);
            if (v is not double value)
                throw new ComputationException($"run {index + 1} has no {objective} (no steady state: see {SweepRunner.PointFile(point)})");
            return maximise ? -value : value;
        }
        var lower = bounds.Select(b => b.Values[0].Number!.Value).ToArray();
        var upper = bounds.Select(b => b.Values[1].Number!.Value).ToArray();
        var tolerance = lower.Zip(upper, (lo, hi) => fraction * (hi - lo)).ToArray();
        var result = BoundedMinimizer.Minimize(Evaluate, lower, upper, tolerance, maxRuns, valueTolerance: 0);

        var rows = SweepTable.Read(folder.PointsPath, fingerprint).OrderBy(r => r.Index).ToList();
        var best = rows.Where(r => r.Number(objective) is not null)
                       .OrderBy(r => maximise ? -r.Number(objective)!.Value : r.Number(objective)!.Value).ThenBy(r => r.Index)
                       .FirstOrDefault()
                   ?? throw new ComputationException($"{casePath}: no run of the search has {objective} (see {outDir}/points)");
        var columns = bounds.Select(a => a.Column).ToList();
        folder.WriteText("sweep.csv", SweepTable.Csv($"miecool optimise {casePath}: every run in the order evaluated, " +
                                                     $"{(maximise ? "max" : "min")} {objective}", columns, rows));
        SweepRunner.Best(plan, evaluated[best.Index], folder);
        var optimum = SweepTable.Json([best])[0]!.AsObject();
        var reached = new JsonObject();
        for (int k = 0; k < bounds.Count; k++) reached[bounds[k].Column] = result.ToleranceReached[k];
        var doc = new Dictionary<string, object?>
        {
            ["optimised"] = bounds.Select(b => b.Key).ToArray(),
            ["columns"] = columns.ToArray(),
            ["objective"] = objective,
            ["goal"] = maximise ? "max" : "min",
            ["method"] = result.Method,
            ["converged"] = result.Converged,
            ["runs"] = rows.Count,
            ["tolerance"] = bounds.Select((b, k) => (bounds[k].Column, tolerance[k])).ToDictionary(t => t.Column, t => (object?)t.Item2),
            ["tolerance_reached"] = reached,
            ["optimum"] = optimum,
        };
        SummaryFile.Provenance(doc, c, casePath, ["sweep.csv", "summary.json", "best"]);
        folder.WriteText("summary.json", SummaryFile.Json(doc));
        if (json) console.Out.WriteLine(SummaryFile.Json(doc));
        else
        {
            string Unit(int k) => bounds[k].Unit is null ? "" : " " + bounds[k].Unit;
            double At(int k) => best.Values[bounds[k].Column] is JsonValue v && v.TryGetValue(out double x) ? x : double.NaN;
            string at = string.Join(", ", bounds.Select((b, k) => Inv($"{b.Key} = {At(k):G6}") + Unit(k)));
            string within = string.Join(", ", result.ToleranceReached.Select((t, k) => Inv($"+-{t:G3}") + Unit(k)));
            console.Out.WriteLine(Inv($"optimum: {at}: {objective} {best.Number(objective):G6} after {rows.Count} runs ") +
                                  (result.Converged ? $"(converged: {within})" : $"(not converged within --max-runs: {within})"));
            console.Out.WriteLine($"wrote {folder.FullPath}: sweep.csv, best/, summary.json, points/");
        }
        return Program.Ok;
    }

    static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
