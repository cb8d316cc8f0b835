using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace MieCool.Bench;

/// <summary>
/// `dotnet run -c Release --project bench/MieCool.Bench -- --filter '*Name*'` runs BenchmarkDotNet benchmarks;
/// `dotnet run -c Release --project bench/MieCool.Bench -- timed NAME` runs a timed harness (see README).
/// Either exits 1 when a benchmark failed (BenchmarkDotNet itself reports NA and exits 0).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "timed") return Timed.Run(args.Skip(1).ToArray());
        var errors = new ErrorLog();
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly)
            .Run(args, ManualConfig.Create(DefaultConfig.Instance).AddLogger(errors)).ToArray();
        // no summary: --help, --list, --info, or arguments / a filter that BenchmarkDotNet rejected with an error
        var failures = summaries.Length == 0
            ? errors.Lines.Select(line => $"benchmarkdotnet: {line}").ToList()
            : summaries.SelectMany(Failures).ToList();
        foreach (var f in failures) Console.Error.WriteLine($"error: {f}");
        return failures.Count == 0 ? 0 : 1;
    }

    /// <summary>
    /// What went wrong in one summary: critical validation errors (nothing was run), and every benchmark case without a
    /// successful report holding result measurements (one that threw, crashed, did not build or timed out).
    /// </summary>
    static IEnumerable<string> Failures(Summary summary)
    {
        foreach (var v in summary.ValidationErrors.Where(v => v.IsCritical))
            yield return $"{summary.Title}: validation: {v.Message}";
        foreach (var c in summary.BenchmarksCases)
        {
            var report = summary[c];
            string? why = report is null ? "no report"
                : !report.GenerateResult.IsGenerateSuccess
                    ? $"project not generated: {FirstLine(report.GenerateResult.GenerateException?.Message)}"
                : !report.BuildResult.IsBuildSuccess ? $"build failed: {FirstLine(report.BuildResult.ErrorMessage)}"
                : !report.Success ? "failed (see the log above)"
                : report.GetResultRuns().Count == 0 ? "no measurements"
                : null;
            if (why is not null) yield return $"{c.Descriptor.DisplayInfo} ({c.Job.ResolvedId}): {why}";
        }
    }

    /// <summary>The first line of a message that says something (BenchmarkDotNet's build errors start "Exception!").</summary>
    static string FirstLine(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.StartsWith("Message: ", StringComparison.Ordinal) ? line["Message: ".Length..] : line)
            .FirstOrDefault(line => line != "Exception!") ?? "(no message)";

    /// <summary>Collects the lines BenchmarkDotNet logs as errors (bad arguments, a filter that matched nothing).</summary>
    sealed class ErrorLog : ILogger
    {
        readonly List<string> _lines = [];
        string _pending = "";

        public IReadOnlyList<string> Lines { get { lock (_lines) return [.. _lines]; } }
        public string Id => nameof(ErrorLog);
        public int Priority => 0;

        public void Write(LogKind logKind, string text) { if (logKind == LogKind.Error) lock (_lines) _pending += text; }
        public void WriteLine() { lock (_lines) Flush(); }
        public void WriteLine(LogKind logKind, string text) { Write(logKind, text); WriteLine(); }

        public void Flush()
        {
            lock (_lines)
            {
                if (_pending.Trim() is { Length: > 0 } line) _lines.Add(line);
                _pending = "";
            }
        }
    }
}
