namespace MieCool.Architecture.Tests;

/// <summary>
/// The rules of docs/architecture.md as checks on data. Each check returns one line per offending arrow
/// (`Viewer -> Optics (...) is not allowed; ...`), and nothing when the project keeps to its row.
/// </summary>
public static class ReferenceRules
{
    /// <summary>The table itself: arrows only to rows of the table, no cycle, and the diagram drawing the table's arrows.</summary>
    public static IEnumerable<string> CheckTable(ArchitectureDoc doc)
    {
        foreach (var row in doc.Rows)
        {
            foreach (var to in row.MayReference.Where(t => doc.Find(t) == null))
                yield return $"{row.Name} -> {to}: the table has no project {to}";
            if (PathBetween(doc, row.Name, row.Name) is { } cycle)
                yield return $"{string.Join(" -> ", cycle)}: the allowed references form a cycle";
        }
        // the diagram draws every arrow of each project it shows (Bench, allowed everything, is left out)
        var drawn = doc.Diagram.Select(a => a.From).ToHashSet();
        var table = doc.Rows.Where(r => drawn.Contains(r.Name)).SelectMany(r => r.MayReference.Select(to => (r.Name, to))).ToHashSet();
        foreach (var (from, to) in doc.Diagram.Except(table).Order())
            yield return $"{from} --> {to} is drawn in the diagram but not allowed by the table";
        foreach (var (from, to) in table.Except(doc.Diagram).Order())
            yield return $"{from} -> {to} is allowed by the table but missing from the diagram";
    }

    /// <summary>A .csproj's ProjectReference and PackageReference items against what its row allows.</summary>
    public static IEnumerable<string> CheckProjectFile(ArchitectureDoc doc, ProjectFile file)
    {
        if (doc.AllowanceFor(file.Path) is not { } allowed)
        {
            yield return $"{file.Path}: no row in the table of allowed references (add one; a test project is named tests/X.Tests " +
                         "after a project X of the table)";
            yield break;
        }
        foreach (var reference in file.ProjectReferences)
        {
            if (doc.ByProjectFile(reference) is not { } target)
                yield return $"{allowed.Name} -> {reference} (ProjectReference in {file.Path}): {reference} is no project of the table";
            else if (!allowed.Projects.Contains(target.Name))
                yield return $"{allowed.Name} -> {target.Name} (ProjectReference in {file.Path}) is not allowed; " +
                             $"{allowed.Name} may reference {Names(allowed.Projects)}";
        }
        foreach (var package in file.PackageReferences.Where(p => !allowed.Packages.Contains(p)))
            yield return $"{allowed.Name} -> package {package} (PackageReference in {file.Path}) is not allowed; " +
                         $"{allowed.Name} may use {Names(allowed.Packages)}";
    }

    /// <summary>
    /// A compiled assembly's references (<paramref name="referencedAssemblies"/>, from GetReferencedAssemblies) against
    /// its row and its .csproj: every MieCool assembly it uses is an allowed arrow that the .csproj names, every project
    /// the .csproj names is used, and every other assembly that is not part of the .NET runtime comes with one of the
    /// row's packages.
    /// </summary>
    public static IEnumerable<string> CheckAssembly(ArchitectureDoc doc, ProjectRow row, ProjectFile file,
        IEnumerable<string> referencedAssemblies, Func<string, bool> isRuntime)
    {
        string dll = row.Assembly + ".dll";
        var declared = file.ProjectReferences.Select(doc.ByProjectFile).OfType<ProjectRow>().Select(r => r.Name).ToHashSet();
        var used = new HashSet<string>();
        foreach (var name in referencedAssemblies)
        {
            if (doc.ByAssembly(name) is { } target)
            {
                used.Add(target.Name);
                if (!row.MayReference.Contains(target.Name))
                    yield return $"{row.Name} -> {target.Name} (compiled into {dll}) is not allowed; " +
                                 $"{row.Name} may reference {Names(row.MayReference)}";
                else if (!declared.Contains(target.Name))
                    yield return $"{row.Name} -> {target.Name} (compiled into {dll}) is not named in {file.Path}: " +
                                 "add the ProjectReference (transitive project references are off)";
            }
            else if (name.StartsWith("MieCool", StringComparison.OrdinalIgnoreCase))
                yield return $"{row.Name} -> {name} (compiled into {dll}): the table has no project with the assembly {name}";
            else if (!isRuntime(name) && !row.Packages.Any(p => FromPackage(name, p)))
                yield return $"{row.Name} -> package {name} (compiled into {dll}) is not allowed; {row.Name} may use {Names(row.Packages)}";
        }
        foreach (var unused in declared.Where(d => !used.Contains(d)).Order(StringComparer.Ordinal))
            yield return $"{row.Name} -> {unused} (ProjectReference in {file.Path}) is not used by {dll}: remove the ProjectReference";
    }

    /// <summary>
    /// True when an assembly comes with a package: its name is the package id, or starts with it and a dot
    /// (Spectre.Console brings Spectre.Console.Ansi, BenchmarkDotNet brings BenchmarkDotNet.Annotations).
    /// </summary>
    static bool FromPackage(string assembly, string package) =>
        assembly == package || assembly.StartsWith(package + ".", StringComparison.Ordinal);

    /// <summary>The shortest chain of allowed arrows from one project to another, or null when there is none.</summary>
    static List<string>? PathBetween(ArchitectureDoc doc, string from, string to)
    {
        var previous = new Dictionary<string, string>();
        var queue = new Queue<string>([from]);
        while (queue.TryDequeue(out var at))
            foreach (var next in doc.Find(at)?.MayReference ?? new HashSet<string>())
            {
                if (next == to)
                {
                    var path = new List<string> { to, at };
                    while (previous.TryGetValue(path[^1], out var before)) path.Add(before);
                    path.Reverse();
                    return path;
                }
                if (next != from && previous.TryAdd(next, at)) queue.Enqueue(next);
            }
        return null;
    }

    static string Names(IEnumerable<string> names) =>
        names.Any() ? string.Join(", ", names.Order(StringComparer.Ordinal)) : "nothing";
}
