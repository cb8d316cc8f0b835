using System.Text.Json;

namespace MieCool.Cli.Tests;

/// <summary>What the command tests share: the shipped cases, edited copies of them, and a case-driven command run.</summary>
static class CaseRuns
{
    /// <summary>The shipped case file cases/<paramref name="name"/>.</summary>
    public static string Case(string name) => Path.Combine(IoCommandsTests.RepoRoot(), "cases", name);

    /// <summary>
    /// A copy of <paramref name="source"/> in <paramref name="dir"/> with each (old, new) text replaced (each must occur).
    /// </summary>
    public static string Variant(string dir, string source, string name, params (string Old, string New)[] edits)
    {
        var text = File.ReadAllText(source);
        foreach (var (o, n) in edits) { Assert.Contains(o, text); text = text.Replace(o, n); }
        var path = Path.Combine(dir, name + ".toml");
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>
    /// `miecool COMMAND CASE --out DIR/OUT --coarse --json --quiet --threads 2 MORE...`: the exit code, the JSON (when it
    /// succeeded), standard error and the output folder.
    /// </summary>
    public static (int Code, JsonElement Json, string Err, string Out) Run(string command, string dir, string casePath, string outName,
                                                                        params string[] more)
    {
        var (code, stdout, err) = HeatCommandTests.Run(
            [command, casePath, "--out", Path.Combine(dir, outName), "--coarse", "--json", "--quiet", "--threads", "2", .. more]);
        return (code, code == 0 ? JsonDocument.Parse(stdout).RootElement : default, err, Path.Combine(dir, outName));
    }
}
