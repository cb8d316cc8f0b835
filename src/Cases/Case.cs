using System.Text;
using MieCool.Core;
using MieCool.Mesh;
using MieCool.Optics;
using MieCool.Optics.Materials;
using MieCool.Thermal;

namespace MieCool.Cases;

/// <summary>
/// A validated case file: one immutable SI record per section, plus the effective configuration (every value
/// with unit and origin) for `miecool check` and for echoing before a computation.
/// </summary>
public sealed class Case
{
    readonly CaseSchema _schema;
    readonly IReadOnlyDictionary<Type, object> _sections;
    readonly IReadOnlyList<CaseSection> _absent;
    readonly IReadOnlyList<(string Key, IRefractiveIndex Material)> _materials;

    internal Case(string source, CaseSchema schema, IReadOnlyDictionary<Type, object> sections,
                  IReadOnlyList<CaseValue> values, IReadOnlyList<CaseSection> absent,
                  IReadOnlyList<(string Key, IRefractiveIndex Material)> materials)
    {
        Source = source; _schema = schema; _sections = sections; Values = values; _absent = absent; _materials = materials;
    }

    /// <summary>
    /// Reads a case file with the standard schema, with keys set on the command line (<see cref="CaseOverride"/>);
    /// <paramref name="coarse"/>: the command meshes with <see cref="MeshSpec.Coarse"/>, which the mesh checks then judge.
    /// </summary>
    public static Case Load(string path, IReadOnlyList<CaseOverride>? overrides = null, bool coarse = false) =>
        CaseSchema.Standard.Load(path, overrides, coarse);
    /// <summary>Parses case text with the standard schema; <paramref name="source"/> names it in errors (see <see cref="Load"/>).</summary>
    public static Case Parse(string text, string source = "<case>", IReadOnlyList<CaseOverride>? overrides = null,
                             bool coarse = false) =>
        CaseSchema.Standard.Parse(text, source, overrides, coarse);

    /// <summary>The case file path (or the name given to <see cref="Parse"/>).</summary>
    public string Source { get; }
    /// <summary>Every effective value in section order: from the file, defaulted or derived.</summary>
    public IReadOnlyList<CaseValue> Values { get; }

    /// <summary>A section's record when the case file has it (or when it defaults), else null.</summary>
    public T? Find<T>() where T : class => _sections.TryGetValue(typeof(T), out var o) ? (T)o : null;

    /// <summary>A section's record; an absent optional section is an <see cref="InputException"/> saying who needs it.</summary>
    public T Require<T>(string neededBy) where T : class
    {
        if (Find<T>() is { } t) return t;
        var section = _schema.Sections.FirstOrDefault(s => s.ResultType == typeof(T))
                      ?? throw new InvalidOperationException($"no section parses into {typeof(T).Name}");
        throw new InputException(Source, $"missing section [{section.Name}], needed by {neededBy}",
                                 valid: $"[{section.Name}]: {section.Doc} (see `miecool template`)");
    }

    /// <summary>The [particle] section: material and size of the sphere (a required section, always present).</summary>
    public ParticleSpec Particle => Require<ParticleSpec>("every command");
    /// <summary>The [substrate] section: material and contact geometry (a required section, always present).</summary>
    public SubstrateSpec Substrate => Require<SubstrateSpec>("every command");
    /// <summary>The [mesh] settings, defaulted key by key when the case file omits them.</summary>
    public MeshSettings Mesh => Require<MeshSettings>("meshing");
    /// <summary>The [thermal] section, or null when absent.</summary>
    public ThermalSettings? Thermal => Find<ThermalSettings>();
    /// <summary>The [sweep] section (what `miecool sweep` varies), or null when absent.</summary>
    public SweepSpec? Sweep => Find<SweepSpec>();
    /// <summary>The [source] section (a prescribed heat source), or null when absent.</summary>
    public HeatSourceSpec? HeatSource => Find<HeatSourceSpec>();

    /// <summary>1-based line of a key (e.g. "thermal.interface_conductance") when the case file gives it.</summary>
    public int? LineOf(string fullKey) =>
        Values.FirstOrDefault(v => v.Origin == ValueOrigin.File && $"{v.Section}.{v.Key}" == fullKey)?.Line;

    /// <summary>
    /// The key that names the material page <paramref name="pageFile"/> (e.g. "substrate.material"), or null: an error that a
    /// page raises only when its data is used (a formula with no real n at some wavelength) belongs to that key.
    /// </summary>
    public string? MaterialKeyOf(string pageFile) =>
        _materials.FirstOrDefault(m => m.Material is Material page && page.Source == pageFile).Key;

    /// <summary>"--set particle.diameter" when the key was set on the command line, else null.</summary>
    public string? SetBy(string fullKey) =>
        Values.FirstOrDefault(v => v.Origin == ValueOrigin.CommandLine && $"{v.Section}.{v.Key}" == fullKey) is { } v
            ? $"{v.Option} {fullKey}" : null;

    /// <summary>What to mesh: the particle on its substrate with the [mesh] settings.</summary>
    public MeshSpec ToMeshSpec() => new(
        Radius: Particle.RadiusM,
        ShellThickness: Particle.ShellThicknessM,
        Contact: Substrate.Contact,
        BoxHalfSize: Mesh.BoxHalfSize,
        HMin: Mesh.HMinM,
        Grading: Mesh.Grading,
        Order: Mesh.Order,
        Threads: Mesh.Threads,
        MaxElements: Mesh.MaxElements);

    /// <summary>
    /// The effective configuration as TOML: every value with its unit, then a comment with its origin (file line,
    /// default or derived) and its SI value. The text parses back to the same case (derived values are comments).
    /// </summary>
    public string Effective()
    {
        var s = new StringBuilder();
        s.AppendLine($"# effective configuration of {Source}");
        foreach (var section in _schema.Sections)
        {
            if (_absent.Contains(section))
            {
                s.AppendLine();
                s.AppendLine($"# [{section.Name}] not given ({section.Doc})");
                continue;
            }
            var mine = Values.Where(v => v.Section == section.Name).ToList();
            s.AppendLine();
            string? table = null;
            var ordered = CaseSchema.OrderForTables(section).Select(k => k.Name).ToList();
            foreach (var v in mine.OrderBy(v => v.Origin == ValueOrigin.Derived ? 1 : 0)
                                  .ThenBy(v => v.Key.Contains('.') ? 1 : 0)
                                  .ThenBy(v => ordered.IndexOf(v.Key)))
            {
                string sub = v.Key.Contains('.') ? v.Key[..v.Key.LastIndexOf('.')] : "";
                string header = sub.Length == 0 || v.Origin == ValueOrigin.Derived ? section.Name : $"{section.Name}.{sub}";
                if (header != table && v.Origin != ValueOrigin.Derived) { s.AppendLine($"[{header}]"); table = header; }
                string origin = v.OriginText;
                string si = v.Si is null ? "" : $" = {v.Si}";
                if (v.Origin == ValueOrigin.Derived)
                    s.AppendLine($"# {section.Name}.{v.Key} = {v.Literal}  ({origin}{si})");
                else
                    s.AppendLine($"{v.Key[(v.Key.LastIndexOf('.') + 1)..]} = {v.Literal}".PadRight(40) + $"  # {origin}{si}");
            }
        }
        return s.ToString();
    }
}
