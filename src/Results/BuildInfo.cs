using System.Reflection;

namespace MieCool.Results;

/// <summary>
/// The program's version and the git commit it was built from, as every output records them (summary.json, the result
/// file's root attributes). The commit is the SDK's SourceRevisionId (from `git rev-parse HEAD` at build time, appended to
/// the informational version as "0.1.0+SHA"); a build outside a git checkout (a tarball) has none and records "unknown".
/// </summary>
public static class BuildInfo
{
    static readonly string Informational =
        typeof(BuildInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "";

    /// <summary>The version, e.g. "0.1.0" (Directory.Build.props).</summary>
    public static string Version { get; } = typeof(BuildInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>The git commit of the build (40 hex digits), or "unknown" when built outside git.</summary>
    public static string Commit { get; } = CommitOf(Informational);

    /// <summary>"miecool VERSION": the program key of summary.json and the result file.</summary>
    public static string Program => $"miecool {Version}";

    /// <summary>The commit in an informational version "X.Y.Z+SHA" (the SDK's format); "unknown" without one.</summary>
    public static string CommitOf(string informationalVersion)
    {
        int plus = informationalVersion.IndexOf('+', StringComparison.Ordinal);
        string sha = plus < 0 ? "" : informationalVersion[(plus + 1)..];
        return sha.Length >= 7 && sha.All(char.IsAsciiHexDigit) ? sha.ToLowerInvariant() : "unknown";
    }
}
