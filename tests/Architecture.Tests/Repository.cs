using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace MieCool.Architecture.Tests;

/// <summary>The references one .csproj declares: other .csproj files (relative to the root) and NuGet package ids.</summary>
public sealed record ProjectFile(string Path, IReadOnlyList<string> ProjectReferences, IReadOnlyList<string> PackageReferences);

/// <summary>The repository the tests were built from: the folder above the test binaries that holds MieCool.sln.</summary>
public static class Repository
{
    static readonly Regex SolutionProject = new(@"^Project\(""\{[^}]+\}""\) = ""[^""]*"", ""([^""]+\.csproj)""");

    public static string Root { get; } = FindRoot();

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MieCool.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no MieCool.sln in {AppContext.BaseDirectory} or any folder above it");
    }

    /// <summary>The .csproj files MieCool.sln lists, relative to the root with '/' separators.</summary>
    public static IReadOnlyList<string> SolutionProjects() =>
        File.ReadLines(Path.Combine(Root, "MieCool.sln"))
            .Select(l => SolutionProject.Match(l)).Where(m => m.Success)
            .Select(m => m.Groups[1].Value.Replace('\\', '/')).ToList();

    /// <summary>The ProjectReference and PackageReference items of a .csproj (relative path).</summary>
    public static ProjectFile Read(string projectFile)
    {
        string full = Path.Combine(Root, projectFile);
        string dir = Path.GetDirectoryName(full)!;
        var xml = XDocument.Load(full);
        string Include(XElement e) => (string?)e.Attribute("Include")
            ?? throw new InvalidOperationException($"{projectFile}: a <{e.Name}> without Include");
        var projects = xml.Descendants("ProjectReference")
            .Select(e => Relative(Path.GetFullPath(Path.Combine(dir, Include(e).Replace('\\', '/'))))).ToList();
        var packages = xml.Descendants("PackageReference").Select(Include).ToList();
        return new ProjectFile(projectFile, projects, packages);
    }

    static string Relative(string fullPath) => Path.GetRelativePath(Root, fullPath).Replace('\\', '/');
}
