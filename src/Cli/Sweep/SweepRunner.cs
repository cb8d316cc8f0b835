using System.Diagnostics;
using System.Globalization;
using MieCool.Cases;
using MieCool.Cli.Output;
using MieCool.Coupling;
using MieCool.Results;

namespace MieCool.Cli.Sweep;

/// <summary>
/// Runs the points of a sweep: each a full coupled run (`run`; `heat` for a [source] case without [optics]), its summary
/// written to DIR/points/NAME.json as soon as it is done, N points at once in this process (--jobs); a point already in
/// DIR (the same sweep, <see cref="SweepPlan.Fingerprint"/>) is skipped. Progress and an ETA go to standard error.
/// </summary>
public static class SweepRunner
{
    /// <summary>Field export writes PNGs (Skia, GL) and HDF5: one point's export at a time.</summary>
    static readonly Lock ExportGate = new();

    static readonly Console Silent = new(TextWriter.Null, TextWriter.Null, false);

    /// <summary>The file of a finished point, DIR/points/NAME.json.</summary>
    public static string PointFile(SweepPoint p) => Path.Combine("points", p.Name + ".json");

    /// <summary>How many points were computed and how many were found done.</summary>
    /// <param name="Computed">Points computed by this run.</param>
    /// <param name="Skipped">Points of this run's share already in DIR.</param>
    /// <param name="Seconds">Wall-clock seconds of the computed points.</param>
    public sealed record Outcome(int Computed, int Skipped, double Seconds);

    /// <summary>
    /// Computes every point of <paramref name="points"/> not yet in <paramref name="folder"/>, <paramref name="jobs"/> at a
    /// time. A point that fails ends the sweep with its error (finished points stay); <paramref name="cancel"/> stops
    /// starting new points (the test of an interrupted sweep).
    /// </summary>
    public static Outcome Run(SweepPlan plan, IReadOnlyList<SweepPoint> points, SweepFolder folder, int jobs, bool fields,
                              Console console, bool quiet, CancellationToken cancel = default)
    {
        var todo = points.Where(p => !Finished(folder, plan, p)).ToList();
        int skipped = points.Count - todo.Count, done = 0, next = -1;
        var clock = Stopwatch.StartNew();
        var errors = new List<(int Index, Exception Error)>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        void Worker()
        {
            while (!stop.IsCancellationRequested)
            {
                int i = Interlocked.Increment(ref next);
                if (i >= todo.Count) return;
                var p = todo[i];
                try
                {
                    var c = plan.CaseAt(p);
                    var doc = Compute(plan, p, c, folder, fields, stop.Token);
                    folder.WriteText(PointFile(p), SummaryFile.Json(doc));
                }
                catch (Exception e)
                {
                    lock (errors) errors.Add((p.Index, e));
                    stop.Cancel();
                    return;
                }
                int n = Interlocked.Increment(ref done);
                double per = clock.Elapsed.TotalSeconds / n;
                lock (console)
                    ProgressDisplay.Line(console, quiet, "sweep", string.Create(CultureInfo.InvariantCulture,
                        $"point {p.Index + 1} done: {n + skipped}/{points.Count} ({skipped} done before), {per:F2} s per point, ") +
                        $"ETA {Eta(per * (todo.Count - n) / Math.Max(1, Math.Min(jobs, todo.Count - n)))}");
            }
        }
        var workers = Enumerable.Range(0, Math.Max(1, Math.Min(jobs, todo.Count))).Select(_ => Task.Run(Worker)).ToArray();
        Task.WaitAll(workers, CancellationToken.None);
        if (errors.Count > 0)
        {
            var (index, error) = errors.OrderBy(e => e.Index).First(e => e.Error is not OperationCanceledException || errors.Count == 1);
            if (error is Core.InputException input)
                throw new Core.InputException($"sweep point {index + 1}", input.Message, inner: input);
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error).Throw();
        }
        return new Outcome(done, skipped, clock.Elapsed.TotalSeconds);
    }

    static string Eta(double seconds) =>
        seconds < 90 ? Inv($"{seconds:F0} s") : seconds < 5400 ? Inv($"{seconds / 60:F0} min") : Inv($"{seconds / 3600:F1} h");

    static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>True when DIR holds the point's file of this very sweep (a rerun skips it).</summary>
    public static bool Finished(SweepFolder folder, SweepPlan plan, SweepPoint p)
    {
        var path = Path.Combine(folder.FullPath, PointFile(p));
        if (!File.Exists(path)) return false;
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
            return doc.RootElement.TryGetProperty("sweep", out var s) && s.GetString() == plan.Fingerprint;
        }
        catch (System.Text.Json.JsonException) { return false; } // not one of ours (files are renamed whole): computed again
    }

    /// <summary>
    /// One point: the coupled run (or the heat run) of its case, and the point file's content: the point (index, name, the
    /// varied keys' values and columns), the scalar row of the table, and the summary.json of `run` at this point.
    /// </summary>
    internal static Dictionary<string, object?> Compute(SweepPlan plan, SweepPoint p, Case c, SweepFolder folder, bool fields,
                                               CancellationToken cancel, string? exportTo = null)
    {
        var meshSpec = plan.Threads is int t ? c.ToMeshSpec() with { Threads = t } : c.ToMeshSpec();
        if (plan.Coarse) meshSpec = meshSpec.Coarse();
        Dictionary<string, object?> row, summary;
        if (c.Find<OpticsSpec>() is null && c.HeatSource is not null)
        {
            var problem = CaseProblems.Conduction(c, meshSpec);
            var run = CaseProblems.Check(c, () => Conduction.Solve(problem, null, cancel));
            row = SummaryFile.Thermal(run).Where(kv => kv.Value is double or int or string or bool or null)
                             .ToDictionary(kv => kv.Key, kv => kv.Value);
            string[] files = [.. ResultFile.FileNames("heat.h5", particleFields: true), "summary.json"];
            summary = fields
                ? Export(folder, p, temp =>
                {
                    ResultFile.Write(Path.Combine(temp, "heat.h5"), run.Mesh.Mesh, ExportedFields.Content(run, null, "heat.h5"));
                    var d = SummaryFile.Document(c, plan.CasePath, plan.Coarse, meshSpec, run, null, files, TimeSpan.Zero);
                    FiniteOutput.WriteAllText(Path.Combine(temp, "summary.json"), SummaryFile.Json(d));
                    return d;
                }, exportTo)
                : SummaryFile.Document(c, plan.CasePath, plan.Coarse, meshSpec, run, null, [], TimeSpan.Zero);
        }
        else
        {
            var problem = CaseProblems.Coupled(c, meshSpec);
            var run = CaseProblems.Check(c, () => CoupledModel.Solve(problem, null, cancel));
            row = SummaryFile.Row(run);
            row.Remove("diameter_nm");
            row.Remove("intensity_W_per_cm2");
            summary = fields
                ? Export(folder, p, temp => RunCommand.WriteOutputs(temp, c, plan.CasePath, plan.Coarse, run, Silent, true), exportTo)
                : SummaryFile.Document(c, plan.CasePath, plan.Coarse, meshSpec, run.Thermal, run, [], TimeSpan.Zero);
        }
        return new Dictionary<string, object?>
        {
            ["sweep"] = plan.Fingerprint,
            ["index"] = p.Index,
            ["name"] = p.Name,
            ["varied"] = p.Varied.ToDictionary(o => o.Key, o => (object?)o.Value),
            ["values"] = Values(plan, p),
            ["row"] = row,
            ["summary"] = summary,
        };
    }

    /// <summary>The varied columns of a point: numbers in the axis's unit, or the word given.</summary>
    public static Dictionary<string, object?> Values(SweepPlan plan, SweepPoint p) =>
        plan.Axes.Select((a, k) => (a.Column, Value: p.Values[k]))
            .ToDictionary(t => t.Column, t => t.Value.Number is double n ? n : (object?)t.Value.Literal);

    static Dictionary<string, object?> Export(SweepFolder folder, SweepPoint p, Func<string, Dictionary<string, object?>> write,
                                              string? relative = null)
    {
        lock (ExportGate) return folder.WriteFolder(relative ?? Path.Combine("points", p.Name), write);
    }

    /// <summary>
    /// DIR/best: the best point's files of `run` (or `heat`), copied from its folder in points/ when the sweep wrote its
    /// fields, else computed once more (a point's result is the same every time) with the fields written.
    /// </summary>
    public static void Best(SweepPlan plan, SweepPoint p, SweepFolder folder)
    {
        var from = Path.Combine(folder.PointsPath, p.Name);
        if (Directory.Exists(from))
        {
            folder.WriteFolder("best", temp =>
            {
                foreach (var f in Directory.GetFiles(from)) File.Copy(f, Path.Combine(temp, Path.GetFileName(f)));
                return 0;
            });
            return;
        }
        Compute(plan, p, plan.CaseAt(p), folder, fields: true, CancellationToken.None, "best");
    }
}
