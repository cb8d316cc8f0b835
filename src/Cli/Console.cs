namespace MieCool.Cli;

/// <summary>
/// Where commands write: standard output for results (tables, JSON), standard error for progress and
/// errors. Tests substitute string writers. <see cref="Interactive"/> is true on a terminal (progress bars),
/// false in CI or when redirected (plain progress lines).
/// </summary>
public sealed class Console(TextWriter @out, TextWriter err, bool interactive)
{
    public TextWriter Out { get; } = @out;
    public TextWriter Err { get; } = err;
    public bool Interactive { get; } = interactive;

    public static Console System() => new(
        global::System.Console.Out, global::System.Console.Error,
        !global::System.Console.IsErrorRedirected && Environment.GetEnvironmentVariable("CI") is null
        && Environment.GetEnvironmentVariable("TERM") is not (null or "dumb"));
}
