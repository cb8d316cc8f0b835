namespace MieCool.Architecture.Tests;

/// <summary>The checks find what they are for, on a small table: forbidden arrows, packages, unused references, cycles.</summary>
public sealed class RuleTests
{
    static readonly string[] Doc =
    [
        "| project | project file | assembly | may reference | packages |",
        "|---|---|---|---|---|",
        "| `Core` | `src/Core/MieCool.Core.csproj` | `MieCool.Core` | - | - |",
        "| `Optics` | `src/Optics/MieCool.Optics.csproj` | `MieCool.Optics` | `Core` | - |",
        "| `Viewer` | `src/Viewer/MieCool.Viewer.csproj` | `MieCool.Viewer` | `Core` | `SkiaSharp` |",
        "",
        "| test package |",
        "|---|",
        "| `xunit` |",
        "",
        "```mermaid",
        "flowchart TD",
        "    Optics --> Core",
        "    Viewer --> Core",
        "```",
    ];
    static readonly ArchitectureDoc Table = ArchitectureDoc.Parse(Doc, "test.md");
    const string Viewer = "src/Viewer/MieCool.Viewer.csproj";
    static bool IsRuntime(string name) => name.StartsWith("System.", StringComparison.Ordinal);

    [Fact]
    public void AProjectKeepingToItsRowPasses()
    {
        Assert.Empty(ReferenceRules.CheckTable(Table));
        Assert.Empty(ReferenceRules.CheckProjectFile(Table, new(Viewer, ["src/Core/MieCool.Core.csproj"], ["SkiaSharp"])));
        Assert.Empty(ReferenceRules.CheckAssembly(Table, Table.Find("Viewer")!, new(Viewer, ["src/Core/MieCool.Core.csproj"], []),
            ["System.Runtime", "MieCool.Core", "SkiaSharp", "SkiaSharp.Views"], IsRuntime));
    }

    [Fact]
    public void AForbiddenProjectReferenceOrPackageIsNamedAsAnArrow()
    {
        var v = ReferenceRules.CheckProjectFile(Table, new(Viewer, ["src/Optics/MieCool.Optics.csproj"], ["PureHDF"])).ToList();
        Assert.Equal(2, v.Count);
        Assert.StartsWith(
            "Viewer -> Optics (ProjectReference in src/Viewer/MieCool.Viewer.csproj) is not allowed; Viewer may reference Core", v[0]);
        Assert.StartsWith("Viewer -> package PureHDF (PackageReference in src/Viewer/MieCool.Viewer.csproj) is not allowed", v[1]);
    }

    [Fact]
    public void ATestProjectMayReferenceItsSubjectAndWhatTheSubjectMay()
    {
        const string tests = "tests/Viewer.Tests/Viewer.Tests.csproj";
        Assert.Empty(ReferenceRules.CheckProjectFile(Table, new(tests, [Viewer, "src/Core/MieCool.Core.csproj"], ["xunit", "SkiaSharp"])));
        var v = Assert.Single(ReferenceRules.CheckProjectFile(Table, new(tests, ["src/Optics/MieCool.Optics.csproj"], [])));
        Assert.StartsWith("Viewer.Tests -> Optics (ProjectReference in tests/Viewer.Tests/Viewer.Tests.csproj) is not allowed", v);
        Assert.Contains("no row",
            Assert.Single(ReferenceRules.CheckProjectFile(Table, new("tests/Other.Tests/Other.Tests.csproj", [], []))));
        Assert.Contains("is no project of the table",
            Assert.Single(ReferenceRules.CheckProjectFile(Table, new(tests, ["tests/Other.Tests/Other.Tests.csproj"], []))));
    }

    [Fact]
    public void ACompiledReferenceMustBeAllowedDeclaredAndUsed()
    {
        var row = Table.Find("Viewer")!;
        var v = ReferenceRules.CheckAssembly(Table, row, new(Viewer, ["src/Core/MieCool.Core.csproj"], []),
            ["System.Runtime", "MieCool.Optics", "MieCool.Thermal", "PureHDF"], IsRuntime).ToList();
        Assert.Equal(4, v.Count);
        Assert.StartsWith("Viewer -> Optics (compiled into MieCool.Viewer.dll) is not allowed", v[0]);
        Assert.StartsWith("Viewer -> MieCool.Thermal (compiled into MieCool.Viewer.dll): the table has no project", v[1]);
        Assert.StartsWith("Viewer -> package PureHDF (compiled into MieCool.Viewer.dll) is not allowed", v[2]);
        Assert.StartsWith("Viewer -> Core (ProjectReference in src/Viewer/MieCool.Viewer.csproj) is not used by MieCool.Viewer.dll", v[3]);
        Assert.StartsWith("Viewer -> package SkiaSharpExtra (compiled into MieCool.Viewer.dll) is not allowed", Assert.Single(
            ReferenceRules.CheckAssembly(Table, row, new(Viewer, ["src/Core/MieCool.Core.csproj"], []), ["MieCool.Core", "SkiaSharpExtra"],
                IsRuntime)));
        var undeclared = Assert.Single(ReferenceRules.CheckAssembly(Table, row, new(Viewer, [], []), ["MieCool.Core"], IsRuntime));
        Assert.StartsWith("Viewer -> Core (compiled into MieCool.Viewer.dll) is not named in src/Viewer/MieCool.Viewer.csproj", undeclared);
    }

    [Fact]
    public void ACycleAnUnknownTargetOrADiagramThatDisagreesIsReported()
    {
        string[] doc = [.. Doc.Select(l => l.Replace("| `MieCool.Core` | - | - |", "| `MieCool.Core` | `Optics`, `Mesh` | - |"))];
        var v = ReferenceRules.CheckTable(ArchitectureDoc.Parse(doc, "test.md")).ToList();
        Assert.Contains("Core -> Mesh: the table has no project Mesh", v);
        Assert.Contains("Core -> Optics -> Core: the allowed references form a cycle", v);
        Assert.Contains("Optics -> Core -> Optics: the allowed references form a cycle", v);
        string[] drawn = [.. Doc.Select(l => l.Replace("Viewer --> Core", "Viewer --> Optics"))];
        var d = ReferenceRules.CheckTable(ArchitectureDoc.Parse(drawn, "test.md")).ToList();
        Assert.Equal(["Viewer --> Optics is drawn in the diagram but not allowed by the table",
                      "Viewer -> Core is allowed by the table but missing from the diagram"], d);
    }

    [Fact]
    public void AMalformedTableThrowsNamingTheLine()
    {
        const string shortRow = "| `Optics` | `src/Optics/MieCool.Optics.csproj` |";
        string[] doc = [.. Doc.Select(l => l.StartsWith("| `Optics`", StringComparison.Ordinal) ? shortRow : l)];
        var e = Assert.Throws<FormatException>(() => ArchitectureDoc.Parse(doc, "test.md"));
        Assert.StartsWith("test.md:4: 2 cells in a table of 5 columns", e.Message);
        Assert.Throws<FormatException>(() => ArchitectureDoc.Parse(Doc[5..], "test.md"));
    }
}
