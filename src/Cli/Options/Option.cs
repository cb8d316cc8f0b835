using System.Text.RegularExpressions;
using MieCool.Core;

namespace MieCool.Cli.Options;

/// <summary>
/// One declared command-line option: its name and aliases, the kind of value, help text, default, valid range and the
/// case-file keys it stands for. The same declaration parses the value (<see cref="CommandSyntax.Parse"/>) and writes
/// the option's entry in `miecool COMMAND --help` (<see cref="HelpText"/>), so help and parser cannot drift
/// (as <c>CaseKey</c> does for the case file).
/// </summary>
public abstract partial class Option
{
    string? _valueName;

    /// <param name="name">The canonical name without "--", kebab-case (<see cref="Name"/>).</param>
    /// <param name="help">What the option means, for `--help` (<see cref="Help"/>).</param>
    /// <exception cref="ArgumentException">The name is not kebab-case (a programming error).</exception>
    protected Option(string name, string help)
    {
        if (!KebabCase().IsMatch(name)) throw new ArgumentException($"option name \"{name}\" is not kebab-case", nameof(name));
        Name = name; Help = help;
    }

    /// <summary>The canonical name without the leading "--", kebab-case: the case key's name where it stands for one.</summary>
    public string Name { get; }
    /// <summary>Other accepted names (older or shorter spellings), without "--"; help lists them after the name.</summary>
    public IReadOnlyList<string> Aliases
    {
        get => _aliases;
        init
        {
            foreach (var a in value)
                if (!KebabCase().IsMatch(a)) throw new ArgumentException($"alias \"{a}\" of --{Name} is not kebab-case");
            _aliases = value;
        }
    }
    readonly IReadOnlyList<string> _aliases = [];
    /// <summary>What the option means (one or two sentences).</summary>
    public string Help { get; }
    /// <summary>The case-file keys this option stands for, e.g. "optics.pump_wavelength" (empty when none).</summary>
    public IReadOnlyList<string> CaseKeys { get; init; } = [];
    /// <summary>The option must be given (for a <see cref="OneOf"/> group: one of the group must be given).</summary>
    public bool Required { get; init; }
    /// <summary>Options of the same group are alternatives: at most one may be given (e.g. "size": --diameter or --radius).</summary>
    public string? OneOf { get; init; }

    /// <summary>False for a switch such as --json.</summary>
    public virtual bool TakesValue => true;
    /// <summary>True for an option that may be given several times (`--set A=1 --set B=2`), each value kept in order.</summary>
    public virtual bool Repeatable => false;
    /// <summary>The placeholder of the value in help, e.g. "LENGTH", "DIR"; the kind's default unless declared.</summary>
    public string ValueName { get => _valueName ?? DefaultValueName; init => _valueName = value; }
    /// <summary>The kind's placeholder of the value in help ("N", "LENGTH", "START:STOP:STEP"), used unless one is declared.</summary>
    protected abstract string DefaultValueName { get; }
    /// <summary>What is valid, e.g. "a length with a unit (...) in (0, 1e5] nm, e.g. 530nm"; null for a switch.</summary>
    public abstract string? Valid { get; }
    /// <summary>
    /// The default as a user would write it (it parses to the default value); null without one. Declared as text (then
    /// parsed like a given value) or derived from a typed <see cref="Option{T}.Default"/>.
    /// </summary>
    public virtual string? DefaultLiteral { get => _defaultLiteral; init => _defaultLiteral = value; }
    readonly string? _defaultLiteral;
    /// <summary>
    /// Words on the default: what it means ("every core"), or the default a command works out ("out/&lt;case name&gt;").
    /// </summary>
    public string? DefaultNote { get; init; }
    /// <summary>The default for help: the literal and its note, or the note alone.</summary>
    public string? DefaultText => DefaultLiteral is string d ? d + (DefaultNote is null ? "" : $" ({DefaultNote})") : DefaultNote;

    /// <summary>"--name".</summary>
    public string Display => "--" + Name;
    /// <summary>The name and every alias, without "--".</summary>
    public IEnumerable<string> Names => [Name, .. Aliases];

    /// <summary>Converts and validates the text given for the option; errors name the option as the user spelled it.</summary>
    internal abstract object? Convert(string text, string spelled);

    /// <summary>Converts every text of a <see cref="Repeatable"/> option, in the order given, into one value.</summary>
    internal virtual object? ConvertAll(IReadOnlyList<(string Spelled, string Text)> given) =>
        given.Count == 1 ? Convert(given[0].Text, given[0].Spelled)
        : throw new InvalidOperationException($"{Display} is not repeatable");

    /// <summary>One bad value: names the option as spelled, the value and what is valid.</summary>
    protected InputException Bad(string spelled, string problem, string text) => new(spelled, problem, value: text, valid: Valid);

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();
}

/// <summary>An option whose value converts to <typeparamref name="T"/> (SI for quantities).</summary>
public abstract class Option<T>(string name, string help) : Option(name, help)
{
    T _default = default!;
    bool _hasDefault;

    /// <summary>The value when the option is not given.</summary>
    public T Default { get => _default; init { _default = value; _hasDefault = true; } }
    /// <summary>True when the option has a default value (typed, or declared as text).</summary>
    public virtual bool HasDefault => _hasDefault || base.DefaultLiteral is not null;
    /// <summary>
    /// The default as a user would write it: the typed <see cref="Default"/> shown in the option's unit when one is
    /// declared, else the declared text; null without a default.
    /// </summary>
    public override string? DefaultLiteral => _hasDefault ? Show(_default) : base.DefaultLiteral;

    /// <summary>
    /// The default value; a programming error when there is none (read such an option with <see cref="Args.TryGet{T}"/>).
    /// </summary>
    internal virtual T DefaultValue => _hasDefault ? _default
        : base.DefaultLiteral is string d ? Parse(d, Display)
        : throw new InvalidOperationException($"{Display} has no default: read it with TryGet");

    /// <summary>
    /// Converts and validates <paramref name="text"/>; throws an <see cref="InputException"/> naming <paramref name="spelled"/>.
    /// </summary>
    public abstract T Parse(string text, string spelled);
    /// <summary>A value as a user would write it (for the default in help).</summary>
    protected abstract string Show(T value);

    internal override object? Convert(string text, string spelled) => Parse(text, spelled);
}
