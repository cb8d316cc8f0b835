using System.Globalization;
using MieCool.Core;
using Tomlyn.Syntax;

namespace MieCool.Cases;

/// <summary>
/// One declared key of a case-file section: its name, type, unit, default, valid range and doc string.
/// The same declaration validates input, writes the `miecool template` entry and echoes the effective value
/// (after deal.II's ParameterHandler: each parameter declared once, with default, range and documentation).
/// </summary>
public abstract class CaseKey(string name, string doc)
{
    /// <summary>Name inside its section; dotted for sub-tables, e.g. "conductivity.particle".</summary>
    public string Name { get; } = name;
    /// <summary>One sentence: what the key means (and when it is needed).</summary>
    public string Doc { get; } = doc;
    /// <summary>Keys of the same group are alternatives: give exactly one (e.g. "diameter" or "radius").</summary>
    public string? OneOf { get; init; }
    /// <summary>False for keys that are needed only in some situations, which the section checks itself.</summary>
    public bool Required { get; init; } = true;
    /// <summary>Kind of value, e.g. "length", "number", "integer", "text".</summary>
    public abstract string Kind { get; }
    /// <summary>What is valid, e.g. "a length in (0, 100] um, e.g. \"530 nm\"".</summary>
    public abstract string Valid { get; }
    /// <summary>True when the key has a default value used when it is absent.</summary>
    public abstract bool HasDefault { get; }
    /// <summary>The TOML literal written by `miecool template`: the default, else the example.</summary>
    public abstract string TemplateLiteral { get; }
    /// <summary>The TOML literal of the default value (null without a default).</summary>
    public abstract string? DefaultLiteral { get; }

    internal abstract object Convert(TomlEntry e, string source, string fullKey);
    internal abstract object DefaultObject { get; }
    /// <summary>The TOML literal of a value of this key (in its display unit).</summary>
    internal abstract string Literal(object value);
    /// <summary>The value in SI for the echo comment, or null when the literal already says it.</summary>
    internal virtual string? SiComment(object value) => null;

    internal InputException Error(TomlEntry e, string source, string fullKey, string problem) =>
        e.Override is null ? new(source, problem, fullKey, e.Text, Valid, e.Line) : e.Error(source, problem, Valid);

    internal static string Number(double v) => Interval.Number(v);
}

/// <summary>A key whose value converts to <typeparamref name="T"/>.</summary>
public abstract class CaseKey<T>(string name, string doc) : CaseKey(name, doc) where T : notnull
{
    T _default = default!, _example = default!;
    bool _hasDefault, _hasExample;

    /// <summary>Value used when the key is absent.</summary>
    public T Default { get => _default; init { _default = value; _hasDefault = true; } }
    /// <summary>Value shown by `miecool template` for a key without default.</summary>
    public T Example { get => _example; init { _example = value; _hasExample = true; } }

    /// <summary>True when <see cref="Default"/> was set in the declaration.</summary>
    public override bool HasDefault => _hasDefault;
    /// <summary>True when an example value was declared.</summary>
    public bool HasExample => _hasExample;
    /// <summary><see cref="Default"/> as a TOML literal in the key's display unit; null without a default.</summary>
    public override string? DefaultLiteral => _hasDefault ? Format(_default) : null;
    /// <summary>The default as a TOML literal, else the example; the template writes it after "key = ".</summary>
    /// <exception cref="InvalidOperationException">The declaration has neither a default nor an example (a programming
    /// error of the section, not of the case file).</exception>
    public override string TemplateLiteral =>
        _hasDefault ? Format(_default) : _hasExample ? Format(_example)
        : throw new InvalidOperationException($"key {Name} needs a Default or an Example for the template");

    internal override object DefaultObject => _default;
    internal override string Literal(object value) => Format((T)value);
    internal override object Convert(TomlEntry e, string source, string fullKey) => Read(e, source, fullKey);

    /// <summary>Converts and validates the entry, throwing an <see cref="InputException"/> with file, line, key, value and range.</summary>
    /// <param name="e">The entry as the case file gives it (value syntax, line, text).</param>
    /// <param name="source">The case file, named in errors.</param>
    /// <param name="fullKey">"section.key", named in errors.</param>
    public abstract T Read(TomlEntry e, string source, string fullKey);
    /// <summary>The TOML literal of a value.</summary>
    public abstract string Format(T value);
}

/// <summary>A physical quantity written as a string with a unit, e.g. "530 nm"; stored in SI.</summary>
public sealed class QuantityKey : CaseKey<double>
{
    /// <summary>The dimension the unit must have.</summary>
    public Dimension Dimension { get; }
    /// <summary>The unit used for the template and the echo, e.g. "nm"; any unit of <see cref="Dimension"/> is accepted.</summary>
    public string Unit { get; }
    /// <summary>Valid values, SI.</summary>
    public Interval Range { get; init; } = Interval.Positive();
    readonly double _scale;

    /// <summary>Declares a quantity key; the valid range defaults to (0, inf), see <see cref="Range"/>.</summary>
    /// <param name="name">Name inside the section, dotted for sub-tables.</param>
    /// <param name="dimension">What the value measures; a unit of another dimension is refused.</param>
    /// <param name="unit">Display unit of the template and the echo, e.g. "nm" (must be a unit of
    /// <paramref name="dimension"/>).</param>
    /// <param name="doc">One sentence: what the key means.</param>
    public QuantityKey(string name, Dimension dimension, string unit, string doc) : base(name, doc)
    {
        Dimension = dimension; Unit = unit;
        _scale = Units.Parse("1 " + unit, dimension, "QuantityKey");
    }

    /// <summary>The dimension's name, e.g. "length" or "heat-transfer coefficient".</summary>
    public override string Kind => Units.Describe(Dimension);
    /// <summary>The range in the display unit, the accepted units and the default or example, e.g.
    /// "a length in (0, 100000] nm, written with a unit (...), e.g. \"530 nm\"".</summary>
    public override string Valid =>
        $"a {Kind} in {Range.Describe(_scale, Unit)}, written with a unit ({Units.Accepted(Dimension)})"
        + (HasDefault || HasExample ? $", e.g. {Format(HasDefault ? Default : Example)}" : "");

    /// <summary>A TOML string "number unit" (any unit of <see cref="Dimension"/>) converted to SI; a bare number, a
    /// wrong unit or a value outside <see cref="Range"/> is an <see cref="InputException"/>.</summary>
    /// <param name="e">The entry as the case file gives it.</param>
    /// <param name="source">The case file, named in errors.</param>
    /// <param name="fullKey">"section.key", named in errors.</param>
    public override double Read(TomlEntry e, string source, string fullKey)
    {
        if (e.Value is not StringValueSyntax s)
            throw Error(e, source, fullKey, e.Value is IntegerValueSyntax or FloatValueSyntax
                ? "a quantity needs a unit: write it as a string" : $"expected a {Kind} written as a string with a unit");
        if (!Units.TryParse(s.Value ?? "", Dimension, out double si, out var problem))
            throw Error(e, source, fullKey, $"{problem} for a {Kind}");
        if (!Range.Contains(si)) throw Error(e, source, fullKey, "out of range");
        return si;
    }

    /// <summary>An SI value as a quoted TOML string in the display unit, e.g. 5.3e-7 as "\"530 nm\"".</summary>
    public override string Format(double value) => $"\"{Number(value / _scale)} {Unit}\"";
    internal override string? SiComment(object value)
    {
        string si = $"{Number((double)value)} {SiUnit}";
        return Format((double)value) == $"\"{si}\"" ? null : si; // nothing to add when shown in SI already
    }

    string SiUnit => Dimension switch
    {
        Dimension.Length => "m", Dimension.Power => "W", Dimension.Intensity => "W/m^2",
        Dimension.Conductivity => "W/(m K)", Dimension.Temperature => "K",
        Dimension.HeatTransferCoefficient => "W/(m^2 K)", Dimension.PowerDensity => "W/m^3", Dimension.Time => "s",
        _ => "",
    };
}

/// <summary>A dimensionless real number (TOML integer or float).</summary>
public sealed class NumberKey(string name, string doc) : CaseKey<double>(name, doc)
{
    /// <summary>Valid values; every finite number unless declared.</summary>
    public Interval Range { get; init; } = Interval.All;
    /// <summary>Always "number".</summary>
    public override string Kind => "number";
    /// <summary>E.g. "a number in [0, 1]".</summary>
    public override string Valid => $"a number in {Range.Describe()}";

    /// <summary>A TOML integer or float (not a string), which must lie in <see cref="Range"/>.</summary>
    /// <param name="e">The entry as the case file gives it.</param>
    /// <param name="source">The case file, named in errors.</param>
    /// <param name="fullKey">"section.key", named in errors.</param>
    public override double Read(TomlEntry e, string source, string fullKey)
    {
        double v = e.Value switch
        {
            FloatValueSyntax f => f.Value,
            IntegerValueSyntax i => i.Value,
            _ => throw Error(e, source, fullKey, "expected a number (without quotes or unit)"),
        };
        if (!Range.Contains(v)) throw Error(e, source, fullKey, "out of range");
        return v;
    }

    /// <summary>A bare TOML number with 10 significant digits, e.g. "0.15" or "1e-10".</summary>
    public override string Format(double value) => Number(value);
}

/// <summary>An integer.</summary>
public sealed class IntegerKey(string name, string doc) : CaseKey<int>(name, doc)
{
    /// <summary>Smallest valid value (included); <see cref="int.MinValue"/> unless declared.</summary>
    public int Min { get; init; } = int.MinValue;
    /// <summary>Largest valid value (included); <see cref="int.MaxValue"/> unless declared.</summary>
    public int Max { get; init; } = int.MaxValue;
    /// <summary>Always "integer".</summary>
    public override string Kind => "integer";
    /// <summary>"1 or 2" for two neighbouring values, else e.g. "an integer in [1, 100000000]".</summary>
    public override string Valid => Max - (long)Min == 1 ? $"{Min} or {Max}" : $"an integer in [{Min}, {Max}]";

    /// <summary>A TOML integer (not a float or string) from <see cref="Min"/> to <see cref="Max"/>.</summary>
    /// <param name="e">The entry as the case file gives it.</param>
    /// <param name="source">The case file, named in errors.</param>
    /// <param name="fullKey">"section.key", named in errors.</param>
    public override int Read(TomlEntry e, string source, string fullKey)
    {
        if (e.Value is not IntegerValueSyntax i) throw Error(e, source, fullKey, "expected an integer (without quotes)");
        if (i.Value < Min || i.Value > Max) throw Error(e, source, fullKey, "out of range");
        return (int)i.Value;
    }

    /// <summary>A bare TOML integer, e.g. "5000".</summary>
    public override string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One of a fixed set of words, mapped to <typeparamref name="TEnum"/>.</summary>
public sealed class ChoiceKey<TEnum>(string name, string doc, params (string Word, TEnum Value)[] choices)
    : CaseKey<TEnum>(name, doc) where TEnum : struct, Enum
{
    /// <summary>The words the case file may give, each with the value it stands for, in the order the help lists them.</summary>
    public IReadOnlyList<(string Word, TEnum Value)> Choices { get; } = choices;
    /// <summary>Always "choice".</summary>
    public override string Kind => "choice";
    /// <summary>The quoted words, e.g. "one of \"ic0\", \"jacobi\"".</summary>
    public override string Valid => "one of " + string.Join(", ", Choices.Select(c => $"\"{c.Word}\""));

    /// <summary>A quoted word of <see cref="Choices"/> (exact, case-sensitive); an unknown word's error suggests the nearest.</summary>
    /// <param name="e">The entry as the case file gives it.</param>
    /// <param name="source">The case file, named in errors.</param>
    /// <param name="fullKey">"section.key", named in errors.</param>
    public override TEnum Read(TomlEntry e, string source, string fullKey)
    {
        if (e.Value is not StringValueSyntax s) throw Error(e, source, fullKey, "expected a quoted word");
        foreach (var (word, value) in Choices) if (word == s.Value) return value;
        var near = NearNames.Nearest(s.Value ?? "", Choices.Select(c => c.Word));
        throw Error(e, source, fullKey, near is null ? "unknown choice" : $"unknown choice (did you mean \"{near}\"?)");
    }

    /// <summary>The quoted word of a value, e.g. "\"far-field\"".</summary>
    public override string Format(TEnum value) => $"\"{Choices.First(c => c.Value.Equals(value)).Word}\"";
}

/// <summary>A non-empty string, e.g. a material id.</summary>
public sealed class TextKey(string name, string doc) : CaseKey<string>(name, doc)
{
    /// <summary>Always "text".</summary>
    public override string Kind => "text";
    /// <summary>"a non-empty quoted string", with the example when declared.</summary>
    public override string Valid => HasExample ? $"a non-empty quoted string such as {Format(Example)}" : "a non-empty quoted string";

    /// <summary>A TOML string that is not blank, trimmed of surrounding white space.</summary>
    /// <param name="e">The entry as the case file gives it.</param>
    /// <param name="source">The case file, named in errors.</param>
    /// <param name="fullKey">"section.key", named in errors.</param>
    public override string Read(TomlEntry e, string source, string fullKey)
    {
        if (e.Value is not StringValueSyntax s) throw Error(e, source, fullKey, "expected a quoted string");
        if (string.IsNullOrWhiteSpace(s.Value)) throw Error(e, source, fullKey, "must not be empty");
        return s.Value!.Trim();
    }

    /// <summary>A TOML basic string with backslashes and quotes escaped.</summary>
    public override string Format(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}

/// <summary>A TOML boolean (true or false).</summary>
public sealed class BoolKey(string name, string doc) : CaseKey<bool>(name, doc)
{
    /// <summary>Always "boolean".</summary>
    public override string Kind => "boolean";
    /// <summary>"true or false".</summary>
    public override string Valid => "true or false (without quotes)";

    /// <summary>A TOML boolean (not a string or number).</summary>
    /// <param name="e">The entry as the case file gives it.</param>
    /// <param name="source">The case file, named in errors.</param>
    /// <param name="fullKey">"section.key", named in errors.</param>
    public override bool Read(TomlEntry e, string source, string fullKey) =>
        e.Value is BooleanValueSyntax b ? b.Value : throw Error(e, source, fullKey, "expected true or false (without quotes)");

    /// <summary>"true" or "false".</summary>
    public override string Format(bool value) => value ? "true" : "false";
}

/// <summary>A TOML array of non-empty strings, e.g. vary = ["particle.diameter=400:700:10nm"].</summary>
public sealed class TextListKey(string name, string doc) : CaseKey<IReadOnlyList<string>>(name, doc)
{
    /// <summary>Always "list of text".</summary>
    public override string Kind => "list of text";
    /// <summary>"an array of quoted strings", with the example when declared.</summary>
    public override string Valid => HasExample ? $"an array of quoted strings such as {Format(Example)}" : "an array of quoted strings";

    /// <summary>A TOML array whose items are non-blank strings (at least one).</summary>
    /// <param name="e">The entry as the case file gives it.</param>
    /// <param name="source">The case file, named in errors.</param>
    /// <param name="fullKey">"section.key", named in errors.</param>
    public override IReadOnlyList<string> Read(TomlEntry e, string source, string fullKey)
    {
        if (e.Value is not ArraySyntax a) throw Error(e, source, fullKey, "expected an array of quoted strings");
        var items = new List<string>();
        foreach (var item in a.Items)
        {
            if (item.Value is not StringValueSyntax s || string.IsNullOrWhiteSpace(s.Value))
                throw Error(e, source, fullKey, "every item must be a non-empty quoted string");
            items.Add(s.Value!.Trim());
        }
        if (items.Count == 0) throw Error(e, source, fullKey, "must not be empty");
        return items;
    }

    /// <summary>A TOML array of basic strings.</summary>
    public override string Format(IReadOnlyList<string> value) =>
        "[" + string.Join(", ", value.Select(v => "\"" + v.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"")) + "]";
}
