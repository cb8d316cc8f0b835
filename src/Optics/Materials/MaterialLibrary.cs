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
    /// The folder of the shipped pages, or null when there is none and the pages built into this assembly are used
    /// (<see cref="MaterialDatabase.Embedded"/>): $MIECOOL_DATA (or $MIECOOL_DATA/materials) if set, which must exist;
    /// else &lt;AppContext.BaseDirectory&gt;/data/materials when it exists (the CLI and test builds copy the pages there).
    /// </summary>
    public static string? DataFolder()
    {
        if (Environment.GetEnvironmentVariable(DataVariable) is { Length: > 0 } env)
        {
            if (Directory.Exists(Path.Combine(env, "materials"))) return Path.GetFullPath(Path.Combine(env, "materials"));
            if (Directory.Exists(env)) return Path.GetFullPath(env);
            throw new InputException(DataVariable, "the material data folder does not exist", value: env,
                valid: "a folder holding the refractiveindex.info pages (e.g. data/materials of the MieCool repository), " +
                       $"or {DataVariable} unset for the pages built into MieCool.Optics");
        }
        var beside = Path.Combine(AppContext.BaseDirectory, "data", "materials");
        return Directory.Exists(beside) ? beside : null;
    }

    /// <summary>
    /// The database at <see cref="DataFolder"/> (scanned once), or, without a data folder, the pages built into
    /// MieCool.Optics (<see cref="MaterialDatabase.Embedded"/>): what a NuGet package consumer gets.
    /// </summary>
    public static MaterialDatabase Database
    {
        get
        {
            lock (Gate) return _default ??= DataFolder() is { } folder ? new MaterialDatabase(folder) : MaterialDatabase.Embedded;
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

    /// <summary>
    /// A page built into <paramref name="assembly"/>, parsed once; its source reads "MieCool.Optics.dll:materials/....yml".
    /// </summary>
    internal static Material CachedResource(System.Reflection.Assembly assembly, string resource, string name) =>
        Cache.GetOrAdd($"{assembly.GetName().Name}.dll:{resource}", source =>
        {
            using var stream = assembly.GetManifestResourceStream(resource)
                ?? throw new InputException(source, "the built-in material page is missing from the assembly");
            using var reader = new StreamReader(stream);
            return Material.FromPage(MaterialPageReader.Parse(reader.ReadToEnd(), source), name);
        });
}

/// <summary>
/// The pages of one database, by database path ("main/SiO2/nk/Malitson", no extension): the *.yml files under a folder, or
/// the pages built into MieCool.Optics (<see cref="Embedded"/>, the repository's data/materials at build time).
/// </summary>
public sealed class MaterialDatabase
{
    /// <summary>Prefix of the manifest resource names of the built-in pages: "materials/main/SiO2/nk/Malitson.yml".</summary>
    const string ResourcePrefix = "materials/";
    static readonly Lazy<MaterialDatabase> BuiltIn = new(() => new MaterialDatabase(typeof(MaterialDatabase).Assembly));

    /// <summary>Built-in pages only: database path -&gt; manifest resource name; null for a folder.</summary>
    readonly Dictionary<string, string>? _resources;

    /// <summary>
    /// Absolute path of the database folder, the one holding main/, other/, ... (a page's path is relative to it); for
    /// <see cref="Embedded"/> where the pages are: "MieCool.Optics.dll (built-in pages)".
    /// </summary>
    public string Root { get; }
    /// <summary>Database paths of all pages, sorted.</summary>
    public IReadOnlyList<string> Paths { get; }
    /// <summary>True for the pages built into MieCool.Optics (<see cref="Embedded"/>), false for a folder.</summary>
    public bool IsEmbedded => _resources is not null;

    /// <summary>Lists the *.yml pages under <paramref name="root"/> (all levels); a page is parsed only when loaded.</summary>
    public MaterialDatabase(string root)
    {
        Root = Path.GetFullPath(root);
        Paths = Directory.EnumerateFiles(Root, "*.yml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/')[..^4])
            .OrderBy(p => p, StringComparer.Ordinal).ToArray();
    }

    MaterialDatabase(System.Reflection.Assembly assembly)
    {
        Root = $"{assembly.GetName().Name}.dll (built-in pages)";
        // the names keep the build machine's folder separator (MSBuild's RecursiveDir)
        _resources = assembly.GetManifestResourceNames()
            .Select(r => (Name: r, Path: r.Replace('\\', '/')))
            .Where(r => r.Path.StartsWith(ResourcePrefix, StringComparison.Ordinal) && r.Path.EndsWith(".yml", StringComparison.Ordinal))
            .ToDictionary(r => r.Path[ResourcePrefix.Length..^4], r => r.Name, StringComparer.Ordinal);
        Paths = _resources.Keys.OrderBy(p => p, StringComparer.Ordinal).ToArray();
    }

    /// <summary>
    /// The refractiveindex.info pages built into MieCool.Optics (the repository's data/materials when it was built): what
    /// <see cref="MaterialLibrary.Database"/> uses when there is no data folder, e.g. in a NuGet package's consumer.
    /// </summary>
    public static MaterialDatabase Embedded => BuiltIn.Value;

    /// <summary>The material of a database path (exact, as listed in <see cref="Paths"/>).</summary>
    public Material Load(string path)
    {
        if (_resources is null) return MaterialLibrary.Cached(Path.Combine(Root, path + ".yml"), path);
        if (!_resources.TryGetValue(path, out var resource))
            throw new InputException(Root, "no such built-in material page", value: path, valid: "one of the database's Paths");
        return MaterialLibrary.CachedResource(typeof(MaterialDatabase).Assembly, resource, path);
    }

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
