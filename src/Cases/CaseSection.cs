using MieCool.Core;
using MieCool.Optics;
using MieCool.Optics.Materials;

namespace MieCool.Cases;

/// <summary>Whether a section must appear in a case file.</summary>
public enum SectionPresence
{
    /// <summary>The case file must contain the section.</summary>
    Required,
    /// <summary>Every key has a default: an absent section means all defaults.</summary>
    DefaultsWhenAbsent,
    /// <summary>Needed only by some commands, which ask for it with <see cref="Case.Require{T}"/>.</summary>
    Optional,
}

/// <summary>
/// One [section] of a case file: its keys, each declared once with type, unit, default, range and doc (see
/// <see cref="CaseKey"/>), and a small Parse step that builds the section's immutable SI record and checks what
/// single keys cannot (e.g. contact radius &lt; particle radius). New sections (optics, pump, emission) are new
/// subclasses registered in <see cref="CaseSchema.Standard"/>; existing sections need no change.
/// </summary>
public abstract class CaseSection(string name, string doc, SectionPresence presence)
{
    readonly List<CaseKey> _keys = [];

    /// <summary>The TOML table name, e.g. "particle".</summary>
    public string Name { get; } = name;
    /// <summary>What the section describes (first line of its template block).</summary>
    public string Doc { get; } = doc;
    /// <summary>Whether the case file must give the section, may leave it to its defaults, or may omit it.</summary>
    public SectionPresence Presence { get; } = presence;
    /// <summary>The declared keys, in template order.</summary>
    public IReadOnlyList<CaseKey> Keys => _keys;
    /// <summary>The record type the section parses into.</summary>
    public abstract Type ResultType { get; }

    /// <summary>Declares a key (call once per key, in the order the template should list them).</summary>
    protected TKey Declare<TKey>(TKey key) where TKey : CaseKey
    {
        if (_keys.Any(k => k.Name == key.Name)) throw new InvalidOperationException($"[{Name}] declares {key.Name} twice");
        _keys.Add(key);
        return key;
    }

    internal abstract object Build(SectionValues values, CaseContext context);
}

/// <summary>A section that parses into the record <typeparamref name="T"/>.</summary>
public abstract class CaseSection<T>(string name, string doc, SectionPresence presence)
    : CaseSection(name, doc, presence) where T : class
{
    /// <summary><typeparamref name="T"/>, the record <see cref="Case.Find{T}"/> and <see cref="Case.Require{T}"/> look up.</summary>
    public override Type ResultType => typeof(T);
    internal override object Build(SectionValues values, CaseContext context) => Parse(values, context);

    /// <summary>Builds the record from the declared keys; cross-checks raise <see cref="SectionValues.Invalid"/>.</summary>
    protected abstract T Parse(SectionValues values, CaseContext context);
}

/// <summary>The sections parsed so far (in schema order), for checks that span sections.</summary>
public sealed class CaseContext
{
    readonly Dictionary<Type, object> _built = [];
    readonly IReadOnlyDictionary<string, int> _lines;
    readonly IReadOnlyDictionary<string, string> _set;
    internal CaseContext(string source, IReadOnlyDictionary<string, int> lines, IReadOnlyDictionary<string, string> set)
    {
        Source = source; _lines = lines; _set = set;
    }

    /// <summary>The case file being read.</summary>
    public string Source { get; }

    /// <summary>The command meshes with <see cref="MieCool.Mesh.MeshSpec.Coarse"/> (--coarse), so the mesh checks apply to that.</summary>
    public bool Coarse { get; init; }

    /// <summary>1-based line of a full key (e.g. "substrate.embedding") in the case file, when given there.</summary>
    public int? LineOf(string? fullKey) => fullKey is not null && _lines.TryGetValue(fullKey, out int l) ? l : null;

    /// <summary>An error raised elsewhere (e.g. by the mesher's checks) re-attributed to this case file and the key's line.</summary>
    public InputException Locate(InputException e) => At(e, e.Key);

    /// <summary>
    /// <paramref name="e"/> re-attributed to <paramref name="fullKey"/>: its file line, or the option that set it
    /// (<see cref="CaseOverride.Origin"/>).
    /// </summary>
    InputException At(InputException e, string? fullKey) =>
        fullKey is not null && _set.TryGetValue(fullKey, out var origin) ? e.AtOption(origin) : e.At(Source, fullKey, LineOf(fullKey));

    internal void Add(object section) => _built[section.GetType()] = section;

    /// <summary>Every material resolved so far with the key that names it, for errors that its data raises later.</summary>
    internal List<(string Key, IRefractiveIndex Material)> Materials { get; } = [];

    /// <summary>
    /// The material a case key names (<see cref="MaterialLibrary.Resolve"/>: a constant index, a page file relative to the
    /// case file's folder, a database path or short form), loaded and checked; an unknown name or a broken page is an error
    /// at the key's line, which keeps the page's own file and line.
    /// </summary>
    /// <param name="spec">What the key says.</param>
    /// <param name="fullKey">The key, e.g. "substrate.material".</param>
    public IRefractiveIndex Material(string spec, string fullKey)
    {
        IRefractiveIndex material;
        try { material = MaterialLibrary.Resolve(spec, fullKey, Path.GetDirectoryName(Path.GetFullPath(Source))); }
        catch (InputException e) { throw At(e, fullKey); }
        if (!Materials.Exists(m => m.Key == fullKey)) Materials.Add((fullKey, material));
        return material;
    }

    /// <summary>
    /// The index of a material a case key names at a vacuum wavelength (m), with the errors of its data (a formula that gives
    /// no real n there) at the key's line, keeping the page's own file and line: so that `miecool check` finds them too.
    /// </summary>
    public System.Numerics.Complex IndexAt(IRefractiveIndex material, double vacuumWavelength, string fullKey)
    {
        try { return material.At(vacuumWavelength); }
        catch (InputException e) { throw At(e, fullKey); }
    }

    /// <summary>A section parsed earlier; a programming error when it comes later in the schema or is absent.</summary>
    public T Get<T>() where T : class =>
        Find<T>() ?? throw new InvalidOperationException($"{typeof(T).Name} is not parsed before this section");

    /// <summary>A section parsed earlier, or null when the case file omits it: for checks that apply only when it is given.</summary>
    public T? Find<T>() where T : class => _built.TryGetValue(typeof(T), out var o) ? (T)o : null;
}

/// <summary>Where an effective value came from.</summary>
public enum ValueOrigin
{
    /// <summary>Given in the case file, at <see cref="CaseValue.Line"/>.</summary>
    File,
    /// <summary>Absent from the case file: the key's declared default.</summary>
    Default,
    /// <summary>Computed from other keys (e.g. the radius from the diameter); echoed as a comment, not read back.</summary>
    Derived,
    /// <summary>Set on the command line (<see cref="CaseOverride"/>: --set, --vary), named by <see cref="CaseValue.Option"/>.</summary>
    CommandLine,
}

/// <summary>One line of the effective configuration: a key, its value as a TOML literal with unit, and its origin.</summary>
/// <param name="Section">Section name.</param>
/// <param name="Key">Key within the section (dotted for sub-tables).</param>
/// <param name="Literal">TOML literal in the key's display unit, e.g. "\"530 nm\"".</param>
/// <param name="Si">The value in SI when it differs from the literal, e.g. "5.3e-07 m".</param>
/// <param name="Origin">File (then <paramref name="Line"/>), default or derived from other keys.</param>
/// <param name="Line">1-based line in the case file.</param>
public sealed record CaseValue(string Section, string Key, string Literal, string? Si, ValueOrigin Origin, int? Line)
{
    /// <summary>The option that set the value ("--set", "--vary") when <see cref="Origin"/> is the command line, else null.</summary>
    public string? Option { get; init; }

    /// <summary>Where the value came from, in words: "line 12", "default", "derived", "--set".</summary>
    public string OriginText => Origin switch
    {
        ValueOrigin.File => $"line {Line}", ValueOrigin.Default => "default", ValueOrigin.Derived => "derived", _ => Option ?? "--set",
    };
}

/// <summary>
/// The entries of one section as a section's Parse step sees them: typed access through the declared keys, with
/// errors that name file, line, key, value and valid range, and the record of every effective value for the echo.
/// </summary>
public sealed class SectionValues
{
    readonly CaseSection _section;
    readonly Dictionary<string, TomlEntry> _given;
    readonly HashSet<string> _read = [];
    readonly List<CaseValue> _values = [];

    internal SectionValues(CaseSection section, string source, Dictionary<string, TomlEntry> given, int? headerLine)
    {
        _section = section; Source = source; _given = given; HeaderLine = headerLine;
    }

    /// <summary>The case file (or other origin) being read.</summary>
    public string Source { get; }
    /// <summary>1-based line of the section header, when the section appears.</summary>
    public int? HeaderLine { get; }
    internal IReadOnlyList<CaseValue> Values => _values;
    internal IEnumerable<TomlEntry> Unread => _given.Where(kv => !_read.Contains(kv.Key)).Select(kv => kv.Value);

    string Full(CaseKey key) => $"{_section.Name}.{key.Name}";

    /// <summary>True when the case file gives the key.</summary>
    public bool IsGiven(CaseKey key) => _given.ContainsKey(key.Name);

    /// <summary>The key's value (from the file, else its default); missing without default is an error.</summary>
    public T Get<T>(CaseKey<T> key) where T : notnull =>
        TryGet(key, out var v) ? v : throw Missing(key);

    /// <summary>The key's value from the file or its default; false when neither exists.</summary>
    public bool TryGet<T>(CaseKey<T> key, out T value) where T : notnull
    {
        if (_given.TryGetValue(key.Name, out var e))
        {
            value = key.Read(e, Source, Full(key));
            if (_read.Add(key.Name))
                _values.Add(e.Override is null
                    ? new CaseValue(_section.Name, key.Name, key.Format(value), key.SiComment(value), ValueOrigin.File, e.Line)
                    : new CaseValue(_section.Name, key.Name, key.Format(value), key.SiComment(value), ValueOrigin.CommandLine, null)
                      { Option = e.Override.Split(' ')[0] });
            return true;
        }
        if (key.HasDefault)
        {
            value = key.Default;
            if (_read.Add(key.Name))
                _values.Add(new CaseValue(_section.Name, key.Name, key.Format(value), key.SiComment(value), ValueOrigin.Default, null));
            return true;
        }
        value = default!;
        return false;
    }

    /// <summary>The error for a key that is needed but absent; <paramref name="why"/> says when it is needed.</summary>
    public InputException Missing(CaseKey key, string? why = null) =>
        new(Source, why is null ? "missing key" : $"missing key ({why})", Full(key), valid: key.Valid, line: HeaderLine);

    /// <summary>The error for a given key whose value is inconsistent with others (names file, line and value).</summary>
    public InputException Invalid(CaseKey key, string problem, string valid)
    {
        _given.TryGetValue(key.Name, out var e);
        return e is not null ? e.Error(Source, problem, valid) : new InputException(Source, problem, Full(key), null, valid, HeaderLine);
    }

    /// <summary>Records a value derived from others (e.g. the radius from the diameter) for the echo.</summary>
    public void Derived(string key, string literal, string? si = null) =>
        _values.Add(new CaseValue(_section.Name, key, literal, si, ValueOrigin.Derived, null));
}
