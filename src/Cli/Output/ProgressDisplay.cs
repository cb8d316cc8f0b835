using System.Diagnostics;
using MieCool.Coupling;
using Spectre.Console;

namespace MieCool.Cli.Output;

/// <summary>
/// Shows <see cref="StageProgress"/> on standard error: a Spectre.Console status line (spinner, stage, latest message)
/// on a terminal, plain "[stage] message" lines otherwise (CI, redirected output, tests). gmsh's Info/Progress chatter
/// and CG iteration lines are thinned out in plain mode so that logs stay readable.
/// </summary>
public static class ProgressDisplay
{
    /// <summary>Runs <paramref name="work"/> with a progress sink shown on <paramref name="console"/>'s error stream.</summary>
    public static T Run<T>(Console console, bool quiet, Func<IProgress<StageProgress>?, T> work)
    {
        if (quiet) return work(null);
        if (!console.Interactive) return work(new Lines(console.Err));
        T result = default!;
        Terminal.For(console.Err, true).Status().Spinner(Spinner.Known.Dots).Start("starting", ctx =>
        {
            var sink = new Sync(p =>
            {
                if (!p.Message.StartsWith("gmsh: Info", StringComparison.Ordinal) || p.Stage != "mesh"
                    || p.Message.Contains("Meshing", StringComparison.Ordinal))
                    ctx.Status($"[bold]{p.Stage}[/] {Markup.Escape(Trim(p.Message))}");
            });
            result = work(sink);
        });
        return result;
    }

    /// <summary>
    /// One "[stage] message" line on standard error, unless <paramref name="quiet"/> (for stages outside <see cref="Run{T}"/>).
    /// </summary>
    public static void Line(Console console, bool quiet, string stage, string message)
    {
        if (!quiet) console.Err.WriteLine($"[{stage}] {message}");
    }

    static string Trim(string s) => s.Length <= 100 ? s : s[..97] + "...";

    sealed class Sync(Action<StageProgress> report) : IProgress<StageProgress>
    {
        readonly Lock _gate = new();
        public void Report(StageProgress value) { lock (_gate) report(value); }
    }

    /// <summary>Plain lines; repeated CG iteration reports at most every 2 s.</summary>
    sealed class Lines(TextWriter err) : IProgress<StageProgress>
    {
        readonly Lock _gate = new();
        readonly Stopwatch _sinceIteration = Stopwatch.StartNew();
        bool _anyIteration;

        public void Report(StageProgress p)
        {
            lock (_gate)
            {
                if (p.Message.StartsWith("gmsh: Info", StringComparison.Ordinal)
                    || p.Message.StartsWith("gmsh: Progress", StringComparison.Ordinal))
                    return;
                if (p.Message.StartsWith("CG iteration", StringComparison.Ordinal))
                {
                    if (_anyIteration && _sinceIteration.Elapsed.TotalSeconds < 2) return;
                    _anyIteration = true; _sinceIteration.Restart();
                }
                err.WriteLine($"[{p.Stage}] {p.Message}");
            }
        }
    }
}
