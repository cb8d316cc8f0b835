using System.Collections.Concurrent;
using MieCool.Core;

namespace MieCool.Optics.Materials;

/// <summary>
/// The shipped refractiveindex.info pages (data/materials, in the database's own folder layout) and the one
/// entry point that turns a user's material spec into an <see cref="IRefractiveIndex"/>: <see cref="Resolve"/>.
/// </summary>
public static class MaterialLibrary
{
    /// <summary>Environment variable naming the data folder (either the folder holding materials/ or materials/ itself).</summary>
    public const string DataVariable = "MIECOOL_DATA";

    static readonly ConcurrentDictionary<string, Material> Cache = new(StringComparer.Ordinal);
    static readonly Lock Gate = new();
    static MaterialDatabase? _default;

    /// <summary>
    /// The folder of the shipped pages: $MIECOOL_DATA (or $MIECOOL_DATA/materials) if set; else
    /// &lt;AppContext.BaseDirectory&gt;/data/materials (the build copies it there); else the first
    /// data/materials found walking up from the base directory (a source checkout).
    /// </summary>
    public static string DataFolder()
    {
        if (Environment.GetEnvironmentVariable(DataVariable) is { Length: > 0 } env)
        {
            if (Directory.Exists(Path.Combine(env, "materials"))) return Path.GetFullPath(Path.Combine(env, "materials"));
            if (Directory.Exists(env)) return Path.GetFullPath(env);
            throw new InputException(DataVariable, "the material data folder does not exist", value: env,
                valid: "a folder holding the refractiveindex.info pages (e.g. data/materials of the MieCool repository)");
        }
        var beside = Path.Combine(AppContext.BaseDirectory, "data", "materials");
        if (Directory.Exists(beside)) return beside;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "data", "materials");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new InputException(DataVariable, "the material data folder was not found next to the program or above it",
            valid: $"set {DataVariable} to the data/materials folder of the MieCool repository");
    }

    /// <summary>The database at <see cref="DataFolder"/> (scanned once).</summary>
    public static MaterialDatabase Database
    {
        get
        {
            lock (Gate) return _default ??= new MaterialDatabase(DataFolder());
        }
    }

    /// <summary>
    /// Resolves a material spec, in this order:
    /// <list type="number">
    /// <item>a constant index when the spec starts like a number: "2.5", "2.5+0.01i", "(2.5,0.01)" (<see cref="IndexParser"/>);</item>
    /// <item>a page file of the user's ("my/film.yml"), relative to the working directory or <paramref name="baseDirectory"/>;</item>
    /// <item>a database path, with or without ".yml": "other/perovskite/CH3NH3PbI3/nk/Phillips", "main/SiO2/nk/Malitson";</item>
    /// <item>a short form: some of the path's folder names in order, if exactly one page matches ("CH3NH3PbI3/Phillips",
    /// "SiO2", "N-BK7", "Au"); "MA" is accepted for "CH3NH3" ("MAPbI3/Phillips").</item>
    /// </list>
    /// An ambiguous short form lists the candidates; an unknown name suggests the nearest ones. Errors name
    /// <paramref name="source"/> (an option such as "--material" or a case file key).
    /// </summary>
    public static IRefractiveIndex Resolve(string spec, string source, string? baseDirectory = null)
    {
        var text = (spec ?? "").Trim();
        if (text.Length == 0)
            throw new InputException(source, "empty material",
                valid: "a database path (see `miecool materials`), a .yml file or an index such as 2.5+0.01i");
        if (char.IsDigit(text[0]) || text[0] is '(' or '.' or '+' or '-')
            return new ConstantIndex(IndexParser.Parse(text, source));

        if (text.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || text.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var candidate in baseDirectory is null ? [text] : new[] { text, Path.Combine(baseDirectory, text) })
                if (File.Exists(candidate))
                {
                    var full = Path.GetFullPath(candidate);
                    return MaterialLibrary.Cached(full, text);
                }
        }
        return Database.Resolve(text, source);
    }


    internal static Material Cached(string file, string name) => Cache.GetOrAdd(file, f => Material.Load(f, name));
}

/// <summary>The pages under one database folder, by database path ("main/SiO2/nk/Malitson", no extension).</summary>
public sealed class MaterialDatabase
{
    /// <summary>Absolute path of the database folder, the one holding main/, other/, ... (a page's path is relative to it).</summary>
    public string Root { get; }
    /// <summary>Database paths of all pages, sorted.</summary>
    public IReadOnlyList<string> Paths { get; }

    /// <summary>Lists the *.yml pages under <paramref name="root"/> (all levels); a page is parsed only when loaded.</summary>
    public MaterialDatabase(string root)
    {
        Root = Path.GetFullPath(root);
        Paths = Directory.EnumerateFiles(Root, "*.yml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/')[..^4])
            .OrderBy(p => p, StringComparer.Ordinal).ToArray();
    }

    /// <summary>The material of a database path (exact, as listed in <see cref="Paths"/>).</summary>
    public Material Load(string path) => MaterialLibrary.Cached(Path.Combine(Root, path + ".yml"), path);

    /// <summary>All pages, loaded (a page that fails to parse throws, naming its file and line).</summary>
    public IEnumerable<Material> All() => Paths.Select(Load);

    /// <summary>A database path or an unambiguous short form (see <see cref="MaterialLibrary.Resolve"/>).</summary>
    public Material Resolve(string spec, string source)
    {
        var candidates = Match(spec);
        if (candidates.Count == 1) return Load(candidates[0]);
        if (candidates.Count > 1)
            throw new InputException(source, $"ambiguous material ({candidates.Count} pages match)", value: spec,
                valid: "one of " + string.Join(", ", candidates.Take(8)) + (candidates.Count > 8 ? ", ..." : ""));
        var near = Suggest(spec);
        throw new InputException(source, "unknown material", value: spec,
            valid: (near.Count > 0 ? $"did you mean {string.Join(" or ", near)}? " : "") +
                   "(`miecool materials` lists the database; a .yml file path or a constant index such as 2.5+0.01i also work)");
    }

    static string[] Segments(string spec)
    {
        var s = spec.Replace('\\', '/').Trim('/');
        if (s.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)) s = s[..^4];
        else if (s.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)) s = s[..^5];
        return s.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Alias).ToArray();
    }

    /// <summary>"MAPbI3" -&gt; "CH3NH3PbI3": the usual abbreviation of methylammonium.</summary>
    static string Alias(string segment) =>
        segment.StartsWith("MAPb", StringComparison.OrdinalIgnoreCase) ? "CH3NH3" + segment[2..] : segment;

    /// <summary>Exact path first; otherwise every page whose folder names contain the spec's names in order.</summary>
    public List<string> Match(string spec)
    {
        var want = Segments(spec);
        if (want.Length == 0) return [];
        var joined = string.Join('/', want);
        foreach (var p in Paths) if (string.Equals(p, joined, StringComparison.Ordinal)) return [p];
        var exactIgnoringCase = Paths.Where(p => string.Equals(p, joined, StringComparison.OrdinalIgnoreCase)).ToList();
        if (exactIgnoringCase.Count == 1) return exactIgnoringCase;
        var result = new List<string>();
        foreach (var p in Paths)
        {
            var have = p.Split('/');
            int j = 0;
            foreach (var h in have)
                if (j < want.Length && string.Equals(h, want[j], StringComparison.OrdinalIgnoreCase)) j++;
            if (j == want.Length) result.Add(p);
        }
        return result;
    }

    /// <summary>
    /// Up to three database paths near <paramref name="spec"/>: by edit distance of the whole path, or of each name to
    /// the path's folder names.
    /// </summary>
    public List<string> Suggest(string spec)
    {
        var want = Segments(spec);
        var joined = string.Join('/', want).ToLowerInvariant();
        var scored = new List<(string Path, double Score)>();
        foreach (var p in Paths)
        {
            var lower = p.ToLowerInvariant();
            var have = lower.Split('/');
            double whole = NearNames.Distance(joined, lower);
            double parts = 0;
            foreach (var w in want)
            {
                var wl = w.ToLowerInvariant();
                parts += have.Min(h => h.Contains(wl, StringComparison.Ordinal) && wl.Length >= 2 ? 0.5 : NearNames.Distance(wl, h));
            }
            double score = Math.Min(whole, parts);
            // allow about one typo per four characters
            if (score <= Math.Max(2, joined.Length / 4.0)) scored.Add((p, score));
        }
        return scored.OrderBy(t => t.Score).ThenBy(t => t.Path, StringComparer.Ordinal).Take(3).Select(t => t.Path).ToList();
    }
}
