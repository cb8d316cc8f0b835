using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Xml.Linq;
using MieCool.Optics.Materials;
using MieCool.Optics.Mie;

namespace MieCool.Optics.Tests;

/// <summary>
/// The NuGet packages as a user meets them (docs/library.md): MieCool.Core and MieCool.Optics packed from this build, the
/// example examples/Efficiencies restored against them in a folder of its own (its own NuGet.config: only the fresh local
/// feed, its own packages folder, so nothing cached and no network), built, and run without MIECOOL_DATA and with no data
/// folder near it; its numbers are compared with MieSolver's here, its material from the repository's data folder.
/// </summary>
public sealed class PackageTests : IDisposable
{
#if DEBUG
    const string Configuration = "Debug";
#else
    const string Configuration = "Release";
#endif
    static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(90);

    readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("miecool-package-");

    public void Dispose() => _work.Delete(true);

    static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MieCool.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"no MieCool.sln above {AppContext.BaseDirectory}");
    }

    /// <summary>Runs dotnet with <paramref name="args"/> in <paramref name="cwd"/>: its output, or a failure showing it.</summary>
    string Dotnet(string cwd, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = cwd, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        // nothing of this test host's MSBuild, nor a data folder: the consumer finds the pages in the package
        foreach (var key in start.Environment.Keys.ToList())
            if (key.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || key == MaterialLibrary.DataVariable)
                start.Environment.Remove(key);
        start.Environment["NUGET_PACKAGES"] = Path.Combine(_work.FullName, "packages");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(StepTimeout))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet {string.Join(' ', args)} took more than {StepTimeout.TotalSeconds} s");
        }
        p.WaitForExit();
        var output = stdout.Result;
        Assert.True(p.ExitCode == 0, $"dotnet {string.Join(' ', args)} exited {p.ExitCode}:\n{output}\n{stderr.Result}");
        return output;
    }

    [Fact]
    public void The_example_consumes_the_packed_packages_and_prints_MieSolvers_numbers()
    {
        var root = RepositoryRoot();
        var feed = Path.Combine(_work.FullName, "feed");
        // 1. Pack this build of Core and Optics (the solution is built before the tests run).
        foreach (var project in new[] { "src/Core/MieCool.Core.csproj", "src/Optics/MieCool.Optics.csproj" })
            Dotnet(root, "pack", project, "-c", Configuration, "--no-build", "-o", feed, "-nodeReuse:false", "-v", "q");
        CheckPackage(Path.Combine(feed, "MieCool.Optics.0.1.0.nupkg"), "MieCool.Optics", "MieCool.Core",
            "M:MieCool.Optics.Mie.MieSolver.Efficiencies(System.Numerics.Complex,System.Double,System.Double,System.Double)");
        CheckPackage(Path.Combine(feed, "MieCool.Core.0.1.0.nupkg"), "MieCool.Core", null, "T:MieCool.Core.InputException");

        // 2. The example in a folder of its own, with a NuGet.config of the local feed alone.
        var app = Directory.CreateDirectory(Path.Combine(_work.FullName, "Efficiencies")).FullName;
        foreach (var file in new[] { "Efficiencies.csproj", "Program.cs" })
            File.Copy(Path.Combine(root, "examples", "Efficiencies", file), Path.Combine(app, file));
        File.Copy(Path.Combine(root, "examples", "Directory.Build.props"), Path.Combine(_work.FullName, "Directory.Build.props"));
        File.WriteAllText(Path.Combine(_work.FullName, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config><add key="globalPackagesFolder" value="{Path.Combine(_work.FullName, "packages")}" /></config>
              <packageSources><clear /><add key="local" value="{feed}" /></packageSources>
            </configuration>
            """);

        // 3. Restore, build and run it.
        Dotnet(app, "build", "-c", "Release", "-nodeReuse:false", "-v", "q", "-o", Path.Combine(_work.FullName, "bin"));
        Assert.False(Directory.Exists(Path.Combine(_work.FullName, "bin", "data")), "a data folder was copied beside the example");
        var output = Dotnet(_work.FullName, Path.Combine(_work.FullName, "bin", "Efficiencies.dll"));

        // 4. Its numbers against MieSolver's, x = 2 pi r / lambda0 in air, the index from the repository's page.
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("material other/perovskite/CH3NH3PbI3/nk/Phillips from MieCool.Optics.dll (built-in pages)", lines[0]);
        Assert.Equal("wavelength_nm,n,k,Qext,Qsca,Qabs,Qback,g", lines[1]);
        var page = new MaterialDatabase(Path.Combine(AppContext.BaseDirectory, "data", "materials"))
            .Load("other/perovskite/CH3NH3PbI3/nk/Phillips");
        var rows = lines.Skip(2).TakeWhile(l => char.IsDigit(l[0])).ToList();
        Assert.Equal(6, rows.Count);
        foreach (var row in rows)
        {
            var v = row.Split(',').Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            double lambda0 = v[0] * 1e-9;
            var m = page.At(lambda0);
            var q = MieSolver.Sphere(Convention.SizeParameter(265e-9, lambda0, 1.0), m).Efficiencies;
            double[] expected = [m.Real, m.Imaginary, q.Qext, q.Qsca, q.Qabs, q.Qback, q.G];
            for (int j = 0; j < expected.Length; j++)
                Assert.True(Math.Abs(v[j + 1] - expected[j]) <= 1e-12 * Math.Abs(expected[j]),
                    $"{row}: column {j + 1} is {v[j + 1]:R}, MieSolver gives {expected[j]:R}");
        }
        // README.md's worked example (`miecool cooling`) prints Qabs at pump 0.1857
        Assert.Equal("Qabs at 980 nm: 0.1857", lines[^1]);
    }

    /// <summary>
    /// The package's metadata and files: description, readme, the XML documentation (of <paramref name="documented"/>), its
    /// one dependency, the pages' licence, and no loose pages.
    /// </summary>
    static void CheckPackage(string nupkg, string id, string? dependency, string documented)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains($"lib/net10.0/{id}.dll", names);
        Assert.Contains($"lib/net10.0/{id}.xml", names);
        Assert.Contains("README.md", names);
        Assert.Contains("LICENSE", names);
        Assert.DoesNotContain(names, n => n.EndsWith(".yml", StringComparison.Ordinal));   // built in, not copied
        using var nuspecStream = zip.GetEntry($"{id}.nuspec")!.Open();
        var nuspec = XDocument.Load(nuspecStream);
        XNamespace ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        Assert.Equal("README.md", metadata.Element(ns + "readme")?.Value);
        Assert.Equal("LICENSE", metadata.Element(ns + "license")?.Value);
        Assert.True((metadata.Element(ns + "description")?.Value.Length ?? 0) > 100, $"{id}: no description");
        var dependencies = metadata.Descendants(ns + "dependency").Select(d => (string?)d.Attribute("id")).ToList();
        if (dependency is null) Assert.Empty(dependencies);
        else Assert.Equal([dependency], dependencies);
        if (id == "MieCool.Optics") Assert.Contains("LICENSE-CC0", names);
        using var docs = zip.GetEntry($"lib/net10.0/{id}.xml")!.Open();
        var member = XDocument.Load(docs).Descendants("member").FirstOrDefault(m => (string?)m.Attribute("name") == documented);
        Assert.False(string.IsNullOrWhiteSpace(member?.Element("summary")?.Value), $"{id}: no documentation of {documented}");
    }
}
