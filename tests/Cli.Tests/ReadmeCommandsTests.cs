using System.Text.RegularExpressions;

namespace MieCool.Cli.Tests;

/// <summary>
/// Every `./miecool ...` command of README.md runs, on a coarse setting, so that the manual cannot rot; and the
/// worked example's printed numbers are what the program prints today.
/// Coarse setting: `run`, `heat` and `sweep` get `--coarse`, a `sweep` takes every 10th diameter of its range, outputs go to a
/// temporary folder, case paths are resolved against the repository.
/// </summary>
public sealed partial class ReadmeCommandsTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("miecool-readme-").FullName;
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static string Readme => File.ReadAllText(Path.Combine(IoCommandsTests.RepoRoot(), "README.md"));

    /// <summary>The shell lines of the README's code blocks, continuation lines joined, comments removed.</summary>
    internal static List<string> ShellLines(string markdown)
    {
        var lines = new List<string>();
        bool inBlock = false; string pending = "";
        foreach (var raw in markdown.Split('\n'))
        {
            if (raw.TrimStart().StartsWith("```", StringComparison.Ordinal)) { inBlock = !inBlock; continue; }
            if (!inBlock) continue;
            var line = pending + raw.TrimEnd();
            if (line.EndsWith('\\')) { pending = line[..^1] + " "; continue; }
            pending = "";
            int hash = line.IndexOf(" #", StringComparison.Ordinal);
            if (hash >= 0) line = line[..hash];
            if (line.Trim().Length > 0) lines.Add(line.Trim());
        }
        return lines;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();

    /// <summary>Rewrites one README command for the test: outputs in the temp folder, cases from the repository.</summary>
    string[] Coarse(string[] argv)
    {
        var a = argv.ToList();
        string root = IoCommandsTests.RepoRoot();
        for (int i = 0; i < a.Count; i++)
        {
            if (a[i].StartsWith("cases/", StringComparison.Ordinal)) a[i] = Path.Combine(root, a[i]);
            else if (a[i].StartsWith("out/", StringComparison.Ordinal) || a[i].EndsWith(".toml", StringComparison.Ordinal)
                     || a[i].EndsWith(".png", StringComparison.Ordinal))
                a[i] = Path.Combine(_dir, a[i]);
        }
        string command = a[0];
        if (command is "run" or "heat" or "sweep" && !a.Contains("--out"))
            a.AddRange(["--out", Path.Combine(_dir, "out", command + "-default")]);
        if (command is "run" or "heat" or "sweep" && !a.Contains("--coarse")) a.Add("--coarse");
        if (command == "sweep")
            for (int d = 0; d + 1 < a.Count; d++)
            {
                if (a[d] is not ("--diameters" or "--vary")) continue;
                // every 10th value of a range: same start and stop, ten times the step
                var m = Regex.Match(a[d + 1], @"^([\w.]+=)?(\d+):(\d+):(\d+)(\w+)$");
                Assert.True(m.Success, "sweep range in the README: " + a[d + 1]);
                var g = m.Groups;
                a[d + 1] = $"{g[1].Value}{g[2].Value}:{g[3].Value}:{10 * int.Parse(g[4].Value)}{g[5].Value}";
            }
        return [.. a];
    }

    [Fact]
    public void Every_miecool_command_of_the_README_runs()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "out"));
        var commands = ShellLines(Readme).Where(l => l.StartsWith("./miecool ", StringComparison.Ordinal)).ToList();
        Assert.True(commands.Count >= 8, $"only {commands.Count} ./miecool commands found in README.md");
        foreach (var line in commands)
            foreach (var part in line.Split("&&", StringSplitOptions.TrimEntries))
            {
                var words = Space().Split(part).ToList();
                Assert.Equal("./miecool", words[0]);
                string? redirect = null;
                int gt = words.IndexOf(">");
                if (gt >= 0) { redirect = Path.Combine(_dir, words[gt + 1]); words.RemoveRange(gt, 2); }
                var argv = Coarse([.. words.Skip(1)]);
                var (code, stdout, stderr) = HeatCommandTests.Run(argv);
                Assert.True(code == 0, $"README command `{part}` exited {code}:\n{stderr}");
                if (redirect is not null) File.WriteAllText(redirect, stdout);
            }
    }

    [Fact]
    public void The_worked_example_prints_the_numbers_the_README_shows()
    {
        string readme = Readme;
        var lines = ShellLines(readme);
        string command = lines.First(l => l.StartsWith("./miecool cooling ", StringComparison.Ordinal));
        var (code, stdout, stderr) = HeatCommandTests.Run([.. Space().Split(command).Skip(1)]);
        Assert.True(code == 0, stderr);

        // the block after "prints, among the inputs": each table row's value cell must be in today's output
        int at = readme.IndexOf("prints, among the inputs", StringComparison.Ordinal);
        Assert.True(at > 0, "worked-example output block not found in README.md");
        int open = readme.IndexOf("```", at, StringComparison.Ordinal), close = readme.IndexOf("```", open + 3, StringComparison.Ordinal);
        var rows = readme[(open + 3)..close].Split('\n').Where(r => r.Contains('│')).ToList();
        Assert.True(rows.Count >= 5);
        foreach (var row in rows)
        {
            var cells = row.Split('│', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            Assert.Contains(cells[1], stdout);
        }
    }
}
