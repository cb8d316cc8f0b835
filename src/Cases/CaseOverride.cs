using MieCool.Core;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace MieCool.Cases;

/// <summary>
/// One case-file key set from the command line (`--set particle.diameter="540 nm"`, a point of `--vary`): applied to the
/// TOML entries before the schema parses them, so the value meets the same checks, defaults and messages as in the file,
/// with errors naming the option and the key ("--set particle.diameter: ...") instead of a file line.
/// </summary>
/// <param name="Key">The full dotted key, e.g. "particle.diameter" or "thermal.conductivity.air".</param>
/// <param name="Value">The value as given: a TOML value (0.99, 2, true, "540 nm"), else taken as the string itself
/// (540 nm, 7e6W/cm^2, average), as the shell leaves it without quotes.</param>
/// <param name="Option">The option that set it ("--set", "--vary"): the origin in the echo and in summary.json.</param>
public sealed record CaseOverride(string Key, string Value, string Option = "--set")
{
    /// <summary>"--set particle.diameter": where errors say the value came from.</summary>
    public string Origin => $"{Option} {Key}";

    /// <summary>"KEY=VALUE" as an option gives it; a missing '=' or an empty key is an <see cref="InputException"/>.</summary>
    /// <param name="text">The option's value.</param>
    /// <param name="option">The option as spelled, named in errors.</param>
    public static CaseOverride Parse(string text, string option)
    {
        int eq = text.IndexOf('=');
        string key = eq > 0 ? text[..eq].Trim() : "";
        if (key.Length == 0 || key.Any(char.IsWhiteSpace))
            throw new InputException(option, "expected KEY=VALUE", value: text,
                valid: "a case-file key, '=' and its value, e.g. particle.diameter=\"540 nm\" or optics.intensity=7e6W/cm^2");
        return new CaseOverride(key, text[(eq + 1)..].Trim(), option);
    }

    /// <summary>
    /// The value as a TOML value: what parses as one TOML value is taken as such, anything else as a string. An array or
    /// inline table is refused: a key is set to one scalar.
    /// </summary>
    internal TomlEntry Entry()
    {
        var value = Scalar(Value) ?? Scalar(Quote(Value))!;
        if (value is ArraySyntax or InlineTableSyntax)
            throw new InputException(Origin, "not a scalar value", value: Value,
                                     valid: "one number, quoted string or boolean (a key is set one at a time: --set table.key=VALUE)");
        string text = value is StringValueSyntax s ? s.Value ?? "" : Value;
        return new TomlEntry(Key, value, 0, text) { Override = Origin };
    }

    static ValueSyntax? Scalar(string literal)
    {
        if (literal.Contains('\n') || literal.Contains('\r')) return null;
        var doc = SyntaxParser.Parse($"v = {literal}\n", "--set", validate: true);
        if (doc.HasErrors || doc.Tables.ChildrenCount != 0) return null;
        var values = doc.KeyValues.ToList();
        return values.Count == 1 ? values[0].Value : null;
    }

    /// <summary>A TOML basic string of <paramref name="s"/> (backslashes and quotes escaped).</summary>
    static string Quote(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
