using System.Reflection;
using System.Runtime.InteropServices;

namespace MieCool.Architecture.Tests;

/// <summary>
/// The solution keeps to docs/architecture.md: every project of MieCool.sln and every MieCool assembly built beside
/// these tests has a row, and references (in its .csproj and, for src, in its compiled assembly) only what its row
/// allows.
/// </summary>
public sealed class ReferenceTests
{
    readonly ArchitectureDoc _doc = ArchitectureDoc.Load(Repository.Root);

    [Fact]
    public void TheTableIsConsistentAndTheDiagramDrawsIt() =>
        NoViolations("the table of allowed references", ReferenceRules.CheckTable(_doc));

    [Fact]
    public void EveryProjectFileOfTheSolutionKeepsToItsRow()
    {
        var projects = Repository.SolutionProjects();
        Assert.Contains("src/Core/MieCool.Core.csproj", projects);
        NoViolations("project references", projects.SelectMany(p => ReferenceRules.CheckProjectFile(_doc, Repository.Read(p))));
    }

    [Fact]
    public void EveryMieCoolAssemblyHasARowAndEverySourceProjectIsLoadedHere()
    {
        var built = Directory.GetFiles(AppContext.BaseDirectory, "*.dll")
            .Select(Path.GetFileNameWithoutExtension).OfType<string>()
            .Where(n => n.StartsWith("MieCool", StringComparison.OrdinalIgnoreCase)).ToHashSet();
        Assert.Contains("MieCool.Core", built);
        var violations = built.Where(n => _doc.ByAssembly(n) == null).Order(StringComparer.Ordinal)
            .Select(n => $"{n}.dll is built by the solution but no row of the table has the assembly {n}").ToList();
        violations.AddRange(Repository.SolutionProjects().Where(p => p.StartsWith("src/", StringComparison.Ordinal))
            .Select(p => _doc.ByProjectFile(p)).OfType<ProjectRow>().Where(r => !built.Contains(r.Assembly))
            .Select(r => $"{r.ProjectFile} is not referenced by tests/Architecture.Tests, so {r.Assembly}.dll cannot be checked: " +
                         "add the ProjectReference"));
        NoViolations("assemblies", violations);
    }

    [Fact]
    public void EverySourceAssemblyKeepsToItsRowAndItsProjectFile()
    {
        var rows = _doc.Rows.Where(r => r.ProjectFile.StartsWith("src/", StringComparison.Ordinal)
                                        && File.Exists(Path.Combine(Repository.Root, r.ProjectFile))).ToList();
        Assert.Contains(rows, r => r.Name == "Viewer");
        NoViolations("compiled references", rows.SelectMany(r => ReferenceRules.CheckAssembly(_doc, r, Repository.Read(r.ProjectFile),
            Assembly.Load(new AssemblyName(r.Assembly)).GetReferencedAssemblies().Select(a => a.Name!), IsRuntime)));
    }

    /// <summary>True for an assembly of the shared .NET runtime (System.*, netstandard, ...), which needs no row.</summary>
    static bool IsRuntime(string assembly) => File.Exists(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), assembly + ".dll"));

    static void NoViolations(string what, IEnumerable<string> violations)
    {
        var list = violations.ToList();
        if (list.Count > 0)
            Assert.Fail($"{list.Count} problem(s) with {what} ({ArchitectureDoc.RelativePath}):\n  {string.Join("\n  ", list)}");
    }
}
