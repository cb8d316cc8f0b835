using System.Text.RegularExpressions;

namespace MieCool.Architecture.Tests;

/// <summary>One row of docs/architecture.md's table of allowed references.</summary>
/// <param name="Name">The short project name (`Cli`), the one the other rows' arrows use.</param>
/// <param name="ProjectFile">The .csproj, relative to the repository root with '/' separators.</param>
/// <param name="Assembly">The compiled assembly's name (`miecool` for `Cli`).</param>
/// <param name="MayReference">The projects (short names) it may reference: the "may reference" cell, "-" for none.</param>
/// <param name="Packages">The NuGet package ids it may use: the "packages" cell, "-" for none.</param>
public sealed record ProjectRow(string Name, string ProjectFile, string Assembly,
    IReadOnlySet<string> MayReference, IReadOnlySet<string> Packages);

/// <summary>What one project, source or test, may reference: project names of the table and NuGet package ids.</summary>
public sealed record Allowance(string Name, IReadOnlySet<string> Projects, IReadOnlySet<string> Packages);

/// <summary>
/// docs/architecture.md as the architecture tests read it: the table of allowed references, the test packages and
/// the arrows of the mermaid diagram. Everything else in the file is prose for people.
/// </summary>
public sealed class ArchitectureDoc
{
    public const string RelativePath = "docs/architecture.md";
    /// <summary>The test project that references every project in src to load their assemblies.</summary>
    public const string ArchitectureTests = "Architecture.Tests";
    static readonly string[] ReferenceHeader = ["project", "project file", "assembly", "may reference", "packages"];
    static readonly string[] TestPackageHeader = ["test package"];
    static readonly Regex Arrow = new(@"^\s*(\w+)\s*-->\s*(\w+)\s*$");

    public required IReadOnlyList<ProjectRow> Rows { get; init; }
    public required IReadOnlySet<string> TestPackages { get; init; }
    /// <summary>The arrows `A --> B` of the mermaid diagram.</summary>
    public required IReadOnlySet<(string From, string To)> Diagram { get; init; }

    public ProjectRow? Find(string name) => Rows.FirstOrDefault(r => r.Name == name);
    public ProjectRow? ByProjectFile(string projectFile) => Rows.FirstOrDefault(r => r.ProjectFile == projectFile);
    public ProjectRow? ByAssembly(string assembly) => Rows.FirstOrDefault(r => r.Assembly == assembly);

    /// <summary>
    /// The allowance of a project of the solution: its row, or for `tests/X.Tests` the row of `X` widened by `X`
    /// itself and the test packages, or for Architecture.Tests every project in src. Null when the table does not
    /// cover the project.
    /// </summary>
    public Allowance? AllowanceFor(string projectFile)
    {
        if (ByProjectFile(projectFile) is { } row) return new(row.Name, row.MayReference, row.Packages);
        string name = Path.GetFileNameWithoutExtension(projectFile);
        if (projectFile != $"tests/{name}/{name}.csproj" || !name.EndsWith(".Tests", StringComparison.Ordinal)) return null;
        if (name == ArchitectureTests)
            return new(name, Rows.Where(r => r.ProjectFile.StartsWith("src/", StringComparison.Ordinal)).Select(r => r.Name).ToHashSet(),
                       TestPackages);
        if (Find(name[..^".Tests".Length]) is not { } subject) return null;
        return new(name, subject.MayReference.Append(subject.Name).ToHashSet(), subject.Packages.Concat(TestPackages).ToHashSet());
    }

    public static ArchitectureDoc Load(string repositoryRoot) =>
        Parse(File.ReadAllLines(Path.Combine(repositoryRoot, RelativePath)), RelativePath);

    /// <summary>Reads the two tables and the diagram; a missing table or a malformed row throws naming the line.</summary>
    public static ArchitectureDoc Parse(string[] lines, string source)
    {
        var rows = Table(lines, source, ReferenceHeader).Select(r => new ProjectRow(r[0], r[1], r[2], List(r[3]), List(r[4]))).ToList();
        foreach (var dup in rows.GroupBy(r => r.Name).Where(g => g.Count() > 1))
            throw new FormatException($"{source}: project {dup.Key} has {dup.Count()} rows in the table of allowed references");
        var testPackages = Table(lines, source, TestPackageHeader).Select(r => r[0]).ToHashSet();
        return new ArchitectureDoc { Rows = rows, TestPackages = testPackages, Diagram = Mermaid(lines, source) };
    }

    /// <summary>The data rows of the markdown table whose header cells are <paramref name="header"/> (backticks dropped).</summary>
    static List<string[]> Table(string[] lines, string source, string[] header)
    {
        int start = Array.FindIndex(lines, l => Cells(l).SequenceEqual(header));
        if (start < 0) throw new FormatException($"{source}: no table with the header | {string.Join(" | ", header)} |");
        var rows = new List<string[]>();
        for (int i = start + 2; i < lines.Length && lines[i].TrimStart().StartsWith('|'); i++)
        {
            var cells = Cells(lines[i]);
            if (cells.Length != header.Length)
                throw new FormatException(
                    $"{source}:{i + 1}: {cells.Length} cells in a table of {header.Length} columns ({string.Join(", ", header)})");
            rows.Add(cells);
        }
        return rows;
    }

    static string[] Cells(string line)
    {
        var t = line.Trim();
        if (t.Length < 2 || t[0] != '|' || t[^1] != '|') return [];
        return t[1..^1].Split('|').Select(c => c.Replace("`", "").Trim()).ToArray();
    }

    /// <summary>A comma-separated cell; "-" is the empty list.</summary>
    static HashSet<string> List(string cell) =>
        cell == "-" ? [] : cell.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet();

    static HashSet<(string, string)> Mermaid(string[] lines, string source)
    {
        int start = Array.FindIndex(lines, l => l.Trim() == "```mermaid");
        if (start < 0) throw new FormatException($"{source}: no ```mermaid diagram of the allowed references");
        var arrows = new HashSet<(string, string)>();
        for (int i = start + 1; i < lines.Length && lines[i].Trim() != "```"; i++)
            if (Arrow.Match(lines[i]) is { Success: true } m) arrows.Add((m.Groups[1].Value, m.Groups[2].Value));
        return arrows;
    }
}
