using System.Globalization;
using System.Text.RegularExpressions;
using MieCool.Cases;
using MieCool.Core;

namespace MieCool.Cli.Sweep;

/// <summary>One value of a varied key: the text the case is given (<see cref="CaseOverride.Value"/>) and its number.</summary>
/// <param name="Literal">The override's value, e.g. "540 nm", "0.99" or "average".</param>
/// <param name="Number">The value in the axis's unit (540), or null for a word.</param>
public sealed record SweepValue(string Literal, double? Number);

/// <summary>
/// One varied case key of a sweep: `KEY=START:STOP:STEP[unit]` (evenly spaced, both ends included) or `KEY=V1,V2,...` (a
/// list, one unit at the end for all or one per value). The values are checked by the case itself, at each point.
/// </summary>
/// <param name="Key">The case key, e.g. "particle.diameter".</param>
/// <param name="Unit">The unit the values were written in ("nm"), null for plain numbers and words.</param>
/// <param name="Values">The values in order.</param>
/// <param name="Spec">The text as given, e.g. "particle.diameter=400:700:10nm".</param>
public sealed partial record SweepAxis(string Key, string? Unit, IReadOnlyList<SweepValue> Values, string Spec)
{
    /// <summary>The column of sweep.csv: the key with its unit, e.g. "particle.diameter_nm" or "optics.intensity_W_per_cm2".</summary>
    public string Column => Unit is null ? Key : $"{Key}_{UnitName(Unit)}";

    /// <summary>True when every value is a number (the axis can be plotted and its range has edges).</summary>
    public bool Numeric => Values.All(v => v.Number is not null);

    /// <summary>"W/cm^2" as "W_per_cm2", "W/(m K)" as "W_per_m_K": a unit as a column-name suffix.</summary>
    public static string UnitName(string unit)
    {
        var s = unit.Replace("^", "").Replace("/", "_per_").Replace("(", "").Replace(")", "").Replace(' ', '_').Replace('*', '_');
        return Underscores().Replace(s, "_").Trim('_');
    }

    /// <summary>
    /// Parses "KEY=SPEC"; <paramref name="spelled"/> names the option (or the [sweep] key) in errors. At most
    /// <paramref name="maxPoints"/> values.
    /// </summary>
    public static SweepAxis Parse(string text, string spelled, int maxPoints)
    {
        int eq = text.IndexOf('=');
        string key = eq > 0 ? text[..eq].Trim() : "", spec = eq > 0 ? text[(eq + 1)..].Trim() : "";
        const string valid = "KEY=START:STOP:STEP[unit] or KEY=V1,V2,...[unit], e.g. particle.diameter=400:700:10nm or " +
                             "optics.intensity=1e6,7e6W/cm^2";
        if (key.Length == 0 || spec.Length == 0 || key.Any(char.IsWhiteSpace))
            throw new InputException(spelled, "expected KEY=VALUES", value: text, valid: valid);
        string where = $"{spelled} {key}";
        var (unit, values) = spec.Contains(':', StringComparison.Ordinal) && !spec.Contains(',', StringComparison.Ordinal)
            ? Range(spec, where, maxPoints) : List(spec, where);
        if (values.Count > maxPoints)
            throw new InputException(where, $"too many values (at most {maxPoints})", value: spec, valid: valid);
        return new SweepAxis(key, unit, values, text);
    }

    static (string?, List<SweepValue>) Range(string spec, string where, int maxPoints)
    {
        var parts = spec.Split(':');
        const string valid = "START:STOP:STEP with STOP >= START and STEP > 0, one unit at the end, e.g. 400:700:10nm";
        if (parts.Length != 3) throw new InputException(where, "a range is START:STOP:STEP", value: spec, valid: valid);
        var numbers = new double[3];
        string? unit = null;
        for (int i = 0; i < 3; i++)
        {
            if (!Split(parts[i], out numbers[i], out var u))
                throw new InputException(where, $"not a number: \"{parts[i].Trim()}\"", value: spec, valid: valid);
            if (u.Length == 0) continue;
            if (unit is not null && u != unit) throw new InputException(where, "two different units", value: spec, valid: valid);
            unit = u;
        }
        double start = numbers[0], stop = numbers[1], step = numbers[2];
        if (!(step > 0) || !(stop >= start)) throw new InputException(where, "empty or reversed range", value: spec, valid: valid);
        double count = Math.Floor((stop - start) / step * (1 + 1e-12) + 1e-9) + 1;
        if (!(count <= maxPoints))
            throw new InputException(where, $"too many values (at most {maxPoints})", value: spec, valid: valid);
        var values = new List<SweepValue>();
        for (int i = 0; i < (int)count; i++) values.Add(Value(Clean(start + i * step), unit));
        return (unit, values);
    }

    static (string?, List<SweepValue>) List(string spec, string where)
    {
        var parts = spec.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Any(p => p.Length == 0))
            throw new InputException(where, "an empty value in the list", value: spec, valid: "V1,V2,... e.g. 500,530,560nm");
        var numbers = new double[parts.Length];
        var units = new string[parts.Length];
        bool numeric = true;
        for (int i = 0; i < parts.Length && numeric; i++) numeric = Split(parts[i], out numbers[i], out units[i]);
        if (!numeric) return (null, parts.Select(p => new SweepValue(p, null)).ToList()); // words: given to the case as they are
        var given = units.Where(u => u.Length > 0).Distinct().ToList();
        if (given.Count > 1)
            throw new InputException(where, "the values have different units", value: spec,
                                     valid: "one unit for every value, e.g. 1e6,7e6W/cm^2 or 500nm,530nm");
        string? unit = given.Count == 1 ? given[0] : null;
        return (unit, numbers.Select(n => Value(n, unit)).ToList());
    }

    static SweepValue Value(double n, string? unit)
    {
        string number = n.ToString("R", CultureInfo.InvariantCulture);
        return new SweepValue(unit is null ? number : $"{number} {unit}", n);
    }

    /// <summary>start + i step in decimal: 0.1 + 2 x 0.1 is 0.3, not 0.30000000000000004 (12 significant digits).</summary>
    static double Clean(double v) => double.Parse(v.ToString("G12", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>"540nm" as 540 and "nm"; "0.99" as 0.99 and ""; false when it does not start with a number.</summary>
    static bool Split(string text, out double number, out string unit)
    {
        var m = Leading().Match(text.Trim());
        unit = "";
        number = 0;
        if (!m.Success || !double.TryParse(m.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out number)) return false;
        unit = text.Trim()[m.Length..].Trim();
        return double.IsFinite(number) && (unit.Length == 0 || char.IsLetter(unit[0]));
    }

    [GeneratedRegex(@"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")]
    private static partial Regex Leading();

    [GeneratedRegex("_+")]
    private static partial Regex Underscores();
}
