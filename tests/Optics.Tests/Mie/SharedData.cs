namespace MieCool.Optics.Tests.Mie;

/// <summary>Locates ../shared next to the repository root (the folder holding MieCool.sln).</summary>
public static class SharedData
{
    static readonly Lazy<string> Root = new(Find);

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root.Value, .. parts]);

    static string Find()
    {
        if (Environment.GetEnvironmentVariable("MIECOOL_SHARED") is { Length: > 0 } env && Directory.Exists(env)) return env;
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "MieCool.sln"))) dir = dir.Parent;
        if (dir is null) throw new DirectoryNotFoundException($"no MieCool.sln above {AppContext.BaseDirectory}");
        // shared is the sibling of the repository root; a git worktree one level deeper (wt/NAME) looks further up
        for (var up = dir.Parent; up is not null; up = up.Parent)
        {
            var candidate = System.IO.Path.Combine(up.FullName, "shared");
            if (Directory.Exists(System.IO.Path.Combine(candidate, "refdata"))) return candidate;
        }
        throw new DirectoryNotFoundException($"no shared/refdata next to {dir.FullName} or above it (set MIECOOL_SHARED)");
    }
}
