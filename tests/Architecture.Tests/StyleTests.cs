namespace MieCool.Architecture.Tests;

/// <summary>The habits of .editorconfig that the compiler does not check: the line length of the C# sources.</summary>
public sealed class StyleTests
{
    /// <summary>The folders whose C# files are checked, relative to the repository root.</summary>
    static readonly string[] SourceFolders = ["src", "tests", "bench"];

    /// <summary>The limit, read from .editorconfig's [*.cs] section so that the two cannot disagree.</summary>
    static int MaxLineLength()
    {
        bool cs = false;
        foreach (var raw in File.ReadLines(Path.Combine(Repository.Root, ".editorconfig")))
        {
            var line = raw.Trim();
            if (line.StartsWith('[')) cs = line == "[*.cs]";
            else if (cs && line.StartsWith("max_line_length", StringComparison.Ordinal))
                return int.Parse(line[(line.IndexOf('=') + 1)..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }
        throw new InvalidOperationException(".editorconfig has no max_line_length in its [*.cs] section");
    }

    [Fact]
    public void Every_CSharp_line_is_within_the_editorconfig_line_length()
    {
        int max = MaxLineLength();
        Assert.InRange(max, 100, 160);
        var sources = SourceFolders
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(Repository.Root, d), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
            .ToList();
        Assert.True(sources.Count > 100, $"found only {sources.Count} C# files under {Repository.Root}");
        var longLines = new List<string>();
        foreach (var file in sources)
        {
            int n = 0;
            foreach (var line in File.ReadLines(file))
            {
                n++;
                if (line.Length > max) longLines.Add($"{Path.GetRelativePath(Repository.Root, file)}:{n} ({line.Length} characters)");
            }
        }
        Assert.True(longLines.Count == 0,
            $"{longLines.Count} lines longer than {max} characters:\n" + string.Join("\n", longLines.Take(40)));
    }
}
