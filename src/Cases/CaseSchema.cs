using System.Text;
using MieCool.Core;
using MieCool.Mesh;

namespace MieCool.Cases;

/// <summary>
/// The sections a case file may contain, in parse order (later sections may check against earlier ones).
/// Parses case files into a <see cref="Case"/>, and writes the commented template that `miecool template` prints.
/// </summary>
public sealed class CaseSchema
{
    /// <summary>The sections in parse, template and echo order.</summary>
    public IReadOnlyList<CaseSection> Sections { get; }

    /// <summary>A schema of the given sections, parsed in this order: a section may check against those before it.</summary>
    /// <exception cref="InvalidOperationException">Two sections share a name.</exception>
    public CaseSchema(IEnumerable<CaseSection> sections)
    {
        Sections = sections.ToList();
        var dup = Sections.GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new InvalidOperationException($"section [{dup.Key}] registered twice");
    }

    /// <summary>Every section MieCool knows. To add a section (e.g. optics), append one line here.</summary>
    public static CaseSchema Standard { get; } = new CaseSection[]
    {
        new ParticleSection(),
        new SubstrateSection(),
        new MeshSection(),
        new ThermalSection(),
        new HeatSourceSection(),
        new OpticsSection(),
        new EmissionSection(),
        new AbsorptionSection(),
        new SteadyStateSection(),
        new TransientSection(),
        new SweepSection(),
    }.ToSchema();

    /// <summary>This schema with more sections appended.</summary>
    public CaseSchema With(params CaseSection[] more) => new(Sections.Concat(more));

    /// <summary>Reads and validates a case file; any problem is an <see cref="InputException"/> naming file and line.</summary>
    /// <param name="path">The case file.</param>
    /// <param name="overrides">Keys set on the command line (<see cref="CaseOverride"/>), applied before the parse.</param>
    /// <param name="coarse">The command meshes with <see cref="MeshSpec.Coarse"/> (--coarse): the mesh checks apply to that.</param>
    public Case Load(string path, IReadOnlyList<CaseOverride>? overrides = null, bool coarse = false)
    {
        if (!File.Exists(path))
            throw new InputException(path, "case file not found", valid: "a TOML case file (see `miecool template`)");
        return Parse(File.ReadAllText(path), path, overrides, coarse);
    }

    /// <summary>Parses case-file text; <paramref name="source"/> names it in errors.</summary>
    /// <param name="text">The TOML text.</param>
    /// <param name="source">The file (or other origin) named in errors.</param>
    /// <param name="overrides">Keys set on the command line, applied to the TOML entries before the schema reads them: a
    /// key of the file is replaced (an alternative of it, e.g. radius for diameter, is dropped), a key the file leaves out
    /// is added; every check of the file then applies, its errors naming the option and the key.</param>
    /// <param name="coarse">The command meshes with <see cref="MeshSpec.Coarse"/> (--coarse): the mesh checks apply to that.</param>
    public Case Parse(string text, string source, IReadOnlyList<CaseOverride>? overrides = null, bool coarse = false)
    {
        var toml = TomlEntries.Parse(text, source);
        var bySection = Sections.ToDictionary(s => s.Name);
        var entries = toml.Entries.ToList();
        var set = Apply(overrides ?? [], entries, bySection);

        // 1. every entry belongs to a known section and is a declared key of it
        foreach (var (name, line) in toml.TopLevel)
            if (!bySection.ContainsKey(name) && toml.Entries.All(e => e.Path != name))
                throw new InputException(source, $"unknown section [{name}]", valid: SectionHint(name), line: line);
        var given = Sections.ToDictionary(s => s.Name, _ => new Dictionary<string, TomlEntry>(StringComparer.Ordinal));
        foreach (var e in entries)
        {
            int dot = e.Path.IndexOf('.');
            if (dot < 0)
                throw new InputException(source, "key outside any [section]", e.Path, e.Text, SuggestFor(e.Path, null), e.Line);
            string sectionName = e.Path[..dot], key = e.Path[(dot + 1)..];
            if (!bySection.TryGetValue(sectionName, out var section))
                throw new InputException(source, $"unknown section [{sectionName}]", e.Path, e.Text,
                                         SectionHint(sectionName), e.Line);
            if (section.Keys.All(k => k.Name != key))
                throw new InputException(source, "unknown key", e.Path, e.Text, SuggestFor(key, section), e.Line);
            given[sectionName][key] = e;
        }

        // 2. section by section: presence, alternatives, required keys, then the section's own parse and cross-checks
        var context = new CaseContext(source,
                                      entries.Where(e => e.Override is null).GroupBy(e => e.Path)
                                             .ToDictionary(g => g.Key, g => g.First().Line),
                                      set)
        { Coarse = coarse };
        var parsed = new Dictionary<Type, object>();
        var values = new List<CaseValue>();
        var absent = new List<CaseSection>();
        foreach (var section in Sections)
        {
            bool inFile = toml.TopLevel.TryGetValue(section.Name, out int headerLine);
            bool present = inFile || set.Keys.Any(k => k.StartsWith(section.Name + ".", StringComparison.Ordinal));
            if (!present && section.Presence == SectionPresence.Required)
                throw new InputException(source, $"missing section [{section.Name}]",
                                         valid: $"[{section.Name}]: {section.Doc} (see `miecool template`)");
            if (!present && section.Presence == SectionPresence.Optional) { absent.Add(section); continue; }

            var v = new SectionValues(section, source, given[section.Name], inFile ? headerLine : null);
            CheckAlternativesAndRequired(section, v);
            var result = section.Build(v, context);
            var unused = v.Unread.FirstOrDefault();
            if (unused is not null)
                throw unused.Error(source, "has no effect with the other settings of this case: remove it",
                                   section.Keys.First(k => $"{section.Name}.{k.Name}" == unused.Path).Doc);
            context.Add(result);
            parsed[section.ResultType] = result;
            values.AddRange(v.Values);
        }
        return new Case(source, this, parsed, values, absent, context.Materials);
    }

    /// <summary>
    /// Applies the overrides to the file's entries (see <see cref="Parse"/>); returns the keys set, each with its origin.
    /// A key that is not a declared scalar key (unknown, a section, a table such as thermal.conductivity) or is set twice
    /// is refused, naming the option; an unknown key suggests the nearest names.
    /// </summary>
    Dictionary<string, string> Apply(IReadOnlyList<CaseOverride> overrides, List<TomlEntry> entries,
                                     Dictionary<string, CaseSection> bySection)
    {
        var set = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var o in overrides)
        {
            int dot = o.Key.IndexOf('.');
            string sectionName = dot < 0 ? o.Key : o.Key[..dot], key = dot < 0 ? "" : o.Key[(dot + 1)..];
            if (!bySection.TryGetValue(sectionName, out var section))
                throw new InputException(o.Origin, dot < 0 ? "not a case-file key" : $"unknown section [{sectionName}]",
                                         valid: dot < 0 ? SuggestFor(o.Key, null) : SectionHint(sectionName));
            var declared = section.Keys.FirstOrDefault(k => k.Name == key);
            if (declared is null)
            {
                var below = section.Keys.Where(k => key.Length == 0 || k.Name.StartsWith(key + ".", StringComparison.Ordinal))
                                   .Select(k => $"{section.Name}.{k.Name}").ToList();
                if (below.Count > 0)
                    throw new InputException(o.Origin, key.Length == 0 ? "is a section, not a scalar key" : "is a table, not a scalar key",
                                             valid: $"one of its keys: {string.Join(", ", below)}");
                throw new InputException(o.Origin, "unknown key", valid: SuggestFor(key, section));
            }
            if (set.TryGetValue(o.Key, out var first))
                throw new InputException(o.Origin, $"set twice (also by {first.Split(' ')[0]})", valid: "each key once");
            var entry = o.Entry();
            // the key replaces the file's value and the file's alternatives of it (radius for diameter)
            var alternatives = declared.OneOf is null ? [] : section.Keys.Where(k => k.OneOf == declared.OneOf)
                                                                  .Select(k => $"{section.Name}.{k.Name}").ToHashSet();
            entries.RemoveAll(e => e.Override is null && (e.Path == o.Key || alternatives.Contains(e.Path)));
            entries.Add(entry);
            set[o.Key] = o.Origin;
        }
        return set;
    }

    static void CheckAlternativesAndRequired(CaseSection section, SectionValues v)
    {
        foreach (var group in section.Keys.Where(k => k.OneOf is not null).GroupBy(k => k.OneOf))
        {
            var names = string.Join(", ", group.Select(k => k.Name));
            var given = group.Where(v.IsGiven).ToList();
            if (given.Count > 1)
                throw v.Invalid(given[1], $"give only one of {names}", $"exactly one of {names}");
            if (given.Count == 0 && group.First().Required && !group.Any(k => k.HasDefault))
                throw v.Missing(group.First(), $"give one of {names}");
        }
        foreach (var key in section.Keys)
            if (key.Required && key.OneOf is null && !key.HasDefault && !v.IsGiven(key))
                throw v.Missing(key);
    }

    string SectionHint(string name) =>
        NearNames.Nearest(name, Sections.Select(s => s.Name)) is { } near
            ? $"did you mean [{near}]? sections: {SectionList}"
            : $"sections: {SectionList}";

    string SectionList => string.Join(", ", Sections.Select(s => $"[{s.Name}]"));

    string SuggestFor(string key, CaseSection? section)
    {
        if (section is not null && NearNames.Nearest(key, section.Keys.Select(k => k.Name)) is { } near)
            return $"did you mean {section.Name}.{near}?";
        // a key of another section, perhaps under the wrong header
        var all = Sections.SelectMany(s => s.Keys.Select(k => $"{s.Name}.{k.Name}")).ToList();
        string leaf = key.Split('.')[^1];
        var elsewhere = all.FirstOrDefault(f => f.EndsWith("." + key, StringComparison.Ordinal))
                        ?? all.FirstOrDefault(f => f.Split('.')[^1] == leaf);
        if (elsewhere is not null) return $"did you mean {elsewhere}? (it belongs under [{elsewhere.Split('.')[0]}])";
        return section is null
            ? $"keys belong under a section header: {SectionList}"
            : $"keys of [{section.Name}]: {string.Join(", ", section.Keys.Select(k => k.Name))}";
    }

    /// <summary>
    /// A complete, commented case file: every section and key with its meaning, unit, default and valid range.
    /// Alternatives and optional keys are commented out; the text parses as it is.
    /// </summary>
    public string Template()
    {
        var s = new StringBuilder();
        s.AppendLine("# MieCool case file (TOML), written by `miecool template`.");
        s.AppendLine("# Quantities are strings with a unit (\"530 nm\", \"7e6 W/cm^2\", \"0.5 W/(m K)\"); "
                     + "MieCool works in SI inside.");
        s.AppendLine("# Check a case with `miecool check CASE`: it validates every key and echoes the effective values.");
        foreach (var section in Sections)
        {
            s.AppendLine();
            s.AppendLine($"# [{section.Name}] {section.Doc}");
            s.AppendLine(section.Presence switch
            {
                SectionPresence.Required => "# This section is required.",
                SectionPresence.DefaultsWhenAbsent => "# Optional section: when absent, every key takes its default.",
                _ => "# Optional section: needed only by the commands that use it.",
            });
            var firstOfGroup = new HashSet<string?>();
            string? table = null;
            foreach (var key in OrderForTables(section))
            {
                string sub = key.Name.Contains('.') ? key.Name[..key.Name.LastIndexOf('.')] : "";
                string header = sub.Length == 0 ? section.Name : $"{section.Name}.{sub}";
                if (header != table) { s.AppendLine($"[{header}]"); table = header; }
                string leaf = key.Name[(key.Name.LastIndexOf('.') + 1)..];
                bool active = key.OneOf is null ? key.Required || key.HasDefault : firstOfGroup.Add(key.OneOf);
                s.AppendLine($"# {leaf}: {key.Doc}");
                s.AppendLine($"#   {Capital(key.Kind)}; valid: {key.Valid}.");
                string alternatives = string.Join(", ", section.Keys.Where(k => k.OneOf == key.OneOf).Select(k => k.Name));
                s.AppendLine("#   " + (key.HasDefault ? $"Default: {key.DefaultLiteral}." :
                    key.OneOf is not null ? $"Give exactly one of {alternatives}." :
                    key.Required ? "Required." : "Optional."));
                s.AppendLine($"{(active ? "" : "# ")}{leaf} = {key.TemplateLiteral}");
            }
        }
        return s.ToString();
    }

    /// <summary>Keys of the section's own table first, then each sub-table's keys together (TOML needs that order).</summary>
    internal static IEnumerable<CaseKey> OrderForTables(CaseSection section) =>
        section.Keys.Select((k, i) => (k, i))
            .OrderBy(t => t.k.Name.Contains('.') ? 1 : 0)
            .ThenBy(t => t.k.Name.Contains('.') ? t.k.Name[..t.k.Name.LastIndexOf('.')] : "")
            .ThenBy(t => t.i).Select(t => t.k);

    static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}

static class SchemaExtensions
{
    public static CaseSchema ToSchema(this IEnumerable<CaseSection> sections) => new(sections);
}
