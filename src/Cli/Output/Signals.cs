using System.Runtime.InteropServices;

namespace MieCool.Cli.Output;

/// <summary>
/// SIGINT (Ctrl+C) and SIGTERM end a miecool process cleanly: the unfinished result (temporary folders and files, lock
/// files, parents created for it) is removed (<see cref="OutputFolder.AbandonAll(TimeSpan)"/>; a sweep keeps its finished
/// points), one line says so on standard error, and the process exits with 128 + the signal number (130, 143), as a shell
/// reports a process killed by it. SIGKILL cannot be caught: the next run that claims the same folder removes what it left.
/// </summary>
public sealed class Signals : IDisposable
{
    readonly PosixSignalRegistration[] _registrations;

    Signals(TextWriter err)
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, c => Stop(c, "SIGINT", ExitCodeSigInt, err)),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => Stop(c, "SIGTERM", ExitCodeSigTerm, err)),
        ];
    }

    /// <summary>Exit codes after SIGINT and SIGTERM: 128 + 2 and 128 + 15.</summary>
    public const int ExitCodeSigInt = 130, ExitCodeSigTerm = 143;

    /// <summary>Installs the handlers for this process (the entry point only; tests run commands in-process without them).</summary>
    public static Signals Install(TextWriter err) => new(err);

    static void Stop(PosixSignalContext context, string name, int code, TextWriter err)
    {
        context.Cancel = true; // no default termination: clean up first, then exit with the conventional code
        Received = true;
        var removed = OutputFolder.AbandonAll(TimeSpan.FromSeconds(10))
            ? "the unfinished output was removed"
            : "no unfinished output was left";
        string kept;
        lock (OutputFolder.Gate)
            kept = string.Concat(OutputFolder.Resumable.Values.Select(d =>
                $"; the finished points are kept in {d} (the same sweep resumes there)"));
        try { err.WriteLine($"error: interrupted by {name}; {removed}{kept}"); err.Flush(); }
        catch (IOException) { } // a closed standard error must not keep the process alive
        Environment.Exit(code);
    }

    /// <summary>True once SIGINT or SIGTERM arrived: the handler is cleaning up and will end the process.</summary>
    public static bool Received { get; private set; }

    /// <summary>
    /// Called by the entry point after the command returned: when a signal arrived, waits for its handler to end the process
    /// (with 130 or 143), so that the command's own exit code cannot win the race.
    /// </summary>
    public static void AwaitHandler()
    {
        if (Received) Thread.Sleep(Timeout.Infinite);
    }

    /// <summary>Removes the handlers.</summary>
    public void Dispose()
    {
        foreach (var r in _registrations) r.Dispose();
    }
}
