namespace MieCool.Cli;

/// <summary>
/// Where commands write: standard output for results (tables, JSON), standard error for progress and
/// errors. Tests substitute string writers. <see cref="Interactive"/> is true on a terminal (progress bars),
/// false in CI or when redirected (plain progress lines).
/// </summary>
public sealed class Console(TextWriter @out, TextWriter err, bool interactive)
{
    /// <summary>Standard output: the results a user may redirect or pipe (tables, CSV lines, JSON).</summary>
    public TextWriter Out { get; } = @out;
    /// <summary>Standard error: progress, the echo of the inputs when the results are JSON, and error messages.</summary>
    public TextWriter Err { get; } = err;
    /// <summary>True on a terminal: live progress bars and ANSI tables; false for plain lines (CI, redirected, tests).</summary>
    public bool Interactive { get; } = interactive;

    /// <summary>
    /// The process's own streams; interactive when standard error is not redirected, the variable CI is unset and TERM is
    /// set and not "dumb".
    /// </summary>
    public static Console System() => new(
        global::System.Console.Out, global::System.Console.Error,
        !global::System.Console.IsErrorRedirected && Environment.GetEnvironmentVariable("CI") is null
        && Environment.GetEnvironmentVariable("TERM") is not (null or "dumb"));
}
