using System.Globalization;
using MieCool.Core;

namespace MieCool.Cli.Options;

/// <summary>A switch such as `--json`: given or not, never with a value.</summary>
public sealed class SwitchOption(string name, string help) : Option<bool>(name, help)
{
    /// <summary>False: a switch is given or not, never with a value.</summary>
    public override bool TakesValue => false;
    /// <summary>Empty: help shows a switch without a placeholder.</summary>
    protected override string DefaultValueName => "";
    /// <summary>Null: there is no value to validate, so help shows no "valid:".</summary>
    public override string? Valid => null;
    /// <summary>True: a switch not given is false.</summary>
    public override bool HasDefault => true;
    /// <summary>Null: help shows no default for a switch.</summary>
    public override string? DefaultLiteral => null;
    internal override bool DefaultValue => false;
    /// <summary>Always throws: a value given to a switch (`--json=yes`) is bad input.</summary>
    public override bool Parse(string text, string spelled) => throw Bad(spelled, "is a switch and takes no value", text);
    /// <summary>"given" or "not given".</summary>
    protected override string Show(bool value) => value ? "given" : "not given";
}

/// <summary>Free text such as a folder or a field name, not empty.</summary>
public sealed class TextOption(string name, string valueName, string help) : Option<string>(name, help)
{
    /// <summary>The placeholder declared with the option, e.g. "DIR" or "NAME".</summary>
    protected override string DefaultValueName => valueName;
    /// <summary>What is valid, in words; "a non-empty text" unless declared.</summary>
    public string Accepts { get; init; } = "a non-empty text";
    /// <summary>What is valid, in words: <see cref="Accepts"/>.</summary>
    public override string Valid => Accepts;
    /// <summary>The text as given; empty or blank text is bad input.</summary>
    public override string Parse(string text, string spelled) =>
        string.IsNullOrWhiteSpace(text) ? throw Bad(spelled, "must not be empty", text) : text;
    /// <summary>The text itself (as help shows a default).</summary>
    protected override string Show(string value) => value;
}

/// <summary>A dimensionless real number in <see cref="Range"/>.</summary>
public sealed class NumberOption(string name, string help) : Option<double>(name, help)
{
    /// <summary>The valid values; every finite number unless declared.</summary>
    public Interval Range { get; init; } = Interval.All;
    /// <summary>"X": the placeholder of a dimensionless number.</summary>
    protected override string DefaultValueName => "X";
    /// <summary>"a number in [0, 1]": the <see cref="Range"/>.</summary>
    public override string Valid => $"a number in {Range.Describe()}";

    /// <summary>An invariant-culture number ("0.99", "1e-3"), finite and in <see cref="Range"/>.</summary>
    public override double Parse(string text, string spelled)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
            throw Bad(spelled, "not a number", text);
        if (!Range.Contains(v)) throw Bad(spelled, "out of range", text);
        return v;
    }

    /// <summary>The number with up to 10 significant digits, in exponent form outside [1e-3, 1e5).</summary>
    protected override string Show(double value) => Interval.Number(value);
}

/// <summary>A whole number in [<see cref="Min"/>, <see cref="Max"/>], e.g. `--threads 2`.</summary>
public sealed class CountOption(string name, string help) : Option<int>(name, help)
{
    /// <summary>The smallest valid value (inclusive); 0 unless declared.</summary>
    public int Min { get; init; }
    /// <summary>The largest valid value (inclusive); <see cref="int.MaxValue"/> unless declared.</summary>
    public int Max { get; init; } = int.MaxValue;
    /// <summary>"N": the placeholder of a whole number.</summary>
    protected override string DefaultValueName => "N";
    /// <summary>"a whole number in [0, 1024]": the bounds <see cref="Min"/> and <see cref="Max"/>.</summary>
    public override string Valid => $"a whole number in [{Min}, {Max}]";

    /// <summary>A number without a fractional part ("4", also "4.0" or "1e3"), in [<see cref="Min"/>, <see cref="Max"/>].</summary>
    public override int Parse(string text, string spelled)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
            throw Bad(spelled, "not a number", text);
        if (v != Math.Floor(v)) throw Bad(spelled, "not a whole number", text);
        if (v < Min || v > Max) throw Bad(spelled, "out of range", text);
        return (int)v;
    }

    /// <summary>The number in invariant culture, e.g. "0" (the default of --threads).</summary>
    protected override string Show(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// An option whose values are physical quantities of one <see cref="Dimension"/>, written with a unit and stored in SI;
/// help shows its range and default in <see cref="DimensionedOption{T}.Unit"/>. The base of <see cref="QuantityOption"/> (one value) and
/// <see cref="SweepOption"/> (an evenly spaced list).
/// </summary>
/// <param name="name">The canonical name without "--", kebab-case.</param>
/// <param name="dimension">What the value measures; any unit of it is accepted.</param>
/// <param name="unit">The unit help shows ranges and defaults in, e.g. "nm" or "W/(m K)" (a unit of the dimension).</param>
/// <param name="help">What the option means, for `--help`.</param>
public abstract class DimensionedOption<T>(string name, Dimension dimension, string unit, string help) : Option<T>(name, help)
{
    /// <summary>What the value measures (length, intensity, conductivity, ...): which units are accepted.</summary>
    public Dimension Dimension { get; } = dimension;
    /// <summary>The unit help writes ranges and defaults in, e.g. "nm"; parsed values are SI regardless.</summary>
    public string Unit { get; } = unit;
    /// <summary>Valid values, SI.</summary>
    public Interval Range { get; init; } = Interval.Positive();
    /// <summary>A value as a user would write it, for help, e.g. "530nm".</summary>
    public string? Example { get; init; }
    /// <summary>The SI value of one <see cref="DimensionedOption{T}.Unit"/>.</summary>
    protected double Scale { get; } = Units.Parse("1 " + unit, dimension, "option " + name);
}

/// <summary>
/// A physical quantity written with a unit, e.g. `--diameter 530nm`; the value is SI. <see cref="DimensionedOption{T}.Unit"/> is the unit
/// help shows ranges and defaults in; any unit of <see cref="Dimension"/> is accepted (<see cref="Units"/>).
/// </summary>
public sealed class QuantityOption(string name, Dimension dimension, string unit, string help)
    : DimensionedOption<double>(name, dimension, unit, help)
{
    /// <summary>The dimension's placeholder: "LENGTH", "INTENSITY", "KAPPA", "POWER", "TEMPERATURE", "TIME", "ANGLE" or "VALUE".</summary>
    protected override string DefaultValueName => OptionWords.Placeholder(Dimension);
    /// <summary>
    /// "a length with a unit (...) in (0, 1e5] nm, e.g. 530nm": the accepted units and the range in
    /// <see cref="DimensionedOption{T}.Unit"/>.
    /// </summary>
    public override string Valid =>
        $"{OptionWords.Article(Units.Describe(Dimension))} {Units.Describe(Dimension)} with a unit ({Units.Accepted(Dimension)})"
        + $" in {Range.Describe(Scale, Unit)}"
        + (Example is null ? "" : $", e.g. {Example}");

    /// <summary>
    /// A number with a unit of <see cref="Dimension"/> ("530nm", "7e6W/cm2"), converted to SI and checked against
    /// <see cref="Range"/>.
    /// </summary>
    public override double Parse(string text, string spelled)
    {
        if (!Units.TryParse(text, Dimension, out double v, out var problem))
            throw Bad(spelled, $"{problem} for {OptionWords.Article(Units.Describe(Dimension))} {Units.Describe(Dimension)}", text);
        if (!Range.Contains(v)) throw Bad(spelled, "out of range", text);
        return v;
    }

    /// <summary>The SI value in <see cref="DimensionedOption{T}.Unit"/>, e.g. "0.026 W/(m K)".</summary>
    protected override string Show(double value) => $"{Interval.Number(value / Scale)} {Unit}";
}

/// <summary>
/// An evenly spaced list of quantities, start:stop:step with one unit (e.g. `--wavelengths 500:1100:1nm`), or one value;
/// every value in <see cref="Range"/>, at most <see cref="MaxPoints"/> of them.
/// </summary>
public sealed class SweepOption(string name, Dimension dimension, string unit, string help)
    : DimensionedOption<SweepRange>(name, dimension, unit, help)
{
    /// <summary>The most values the sweep may have; 1 000 000 unless declared.</summary>
    public int MaxPoints { get; init; } = 1_000_000;
    /// <summary>"START:STOP:STEP": the placeholder of a sweep (one value is accepted too).</summary>
    protected override string DefaultValueName => "START:STOP:STEP";
    /// <summary>The syntax, the accepted units, the range in <see cref="DimensionedOption{T}.Unit"/> and <see cref="MaxPoints"/>.</summary>
    public override string Valid =>
        $"start:stop:step with a unit after the step, or one value ({Units.Accepted(Dimension)}); values in "
        + $"{Range.Describe(Scale, Unit)}, at most {MaxPoints} of them"
        + (Example is null ? "" : $", e.g. {Example}");

    /// <summary>
    /// "500:1100:1nm" or one value "980nm", SI; start and stop in <see cref="Range"/>, at most <see cref="MaxPoints"/> values.
    /// </summary>
    public override SweepRange Parse(string text, string spelled)
    {
        var sweep = SweepRange.Parse(text, Dimension, spelled);
        if (!Range.Contains(sweep.Start) || !Range.Contains(sweep.Stop)) throw Bad(spelled, "out of range", text);
        if (!HasAtMost(sweep, MaxPoints))
            throw Bad(spelled, $"too many points ({Interval.Number(Math.Floor(Span(sweep)) + 1)})", text); // valid: says "at most N"
        return sweep;
    }

    /// <summary>
    /// True when <paramref name="sweep"/> has at most <paramref name="max"/> points. Checked in floating point before
    /// <see cref="SweepRange.Count"/> is read: a huge count (1e30 points) does not fit its int.
    /// </summary>
    public static bool HasAtMost(SweepRange sweep, int max) => Span(sweep) <= max - 1 && sweep.Count <= max;

    /// <summary>(stop - start) / step: the number of steps, as a double (finite for any parsed sweep).</summary>
    static double Span(SweepRange s) => (s.Stop - s.Start) / s.Step;

    /// <summary>
    /// The sweep as a user would write it in <see cref="DimensionedOption{T}.Unit"/>: "500:1100:1nm", or "980nm" for one value.
    /// </summary>
    protected override string Show(SweepRange v) => v.Start == v.Stop
        ? $"{Interval.Number(v.Start / Scale)}{Unit}"
        : $"{Interval.Number(v.Start / Scale)}:{Interval.Number(v.Stop / Scale)}:{Interval.Number(v.Step / Scale)}{Unit}";
}

/// <summary>One word of a fixed set, mapped to a value.</summary>
public sealed class ChoiceOption<T>(string name, string help, params (string Word, T Value)[] choices) : Option<T>(name, help)
{
    /// <summary>The words and their values, in the order help lists them; the words are matched exactly (case-sensitive).</summary>
    public IReadOnlyList<(string Word, T Value)> Choices { get; } = choices;
    /// <summary>The words joined by "|", e.g. "red|green".</summary>
    protected override string DefaultValueName => string.Join("|", Choices.Select(c => c.Word));
    /// <summary>"one of WORD, WORD, ...".</summary>
    public override string Valid => "one of " + string.Join(", ", Choices.Select(c => c.Word));

    /// <summary>The value of the word given; an unknown word is bad input that suggests the nearest word.</summary>
    public override T Parse(string text, string spelled)
    {
        foreach (var (word, value) in Choices) if (word == text) return value;
        var near = NearNames.Nearest(text, Choices.Select(c => c.Word));
        throw Bad(spelled, near is null ? "unknown choice" : $"unknown choice (did you mean {near}?)", text);
    }

    /// <summary>The first word that maps to <paramref name="value"/>.</summary>
    protected override string Show(T value) => Choices.First(c => EqualityComparer<T>.Default.Equals(c.Value, value)).Word;
}

/// <summary>
/// A value with its own syntax (an emission spectrum "gaussian:775nm:40nm", a material, an index list, an image size):
/// <paramref name="parse"/> converts and validates it. A default is declared as text (<see cref="Option.DefaultLiteral"/>)
/// and parsed like a given value, so help shows exactly what the default is.
/// </summary>
public sealed class CustomOption<T>(string name, string valueName, string help, string valid, Func<string, string, T> parse)
    : Option<T>(name, help)
{
    /// <summary>The placeholder declared with the option, e.g. "SPEC" or "WxH".</summary>
    protected override string DefaultValueName => valueName;
    /// <summary>What is valid, as declared with the option.</summary>
    public override string Valid => valid;
    /// <summary>The declared parser's value; the parser throws the <see cref="InputException"/> for bad input.</summary>
    public override T Parse(string text, string spelled) => parse(text, spelled);
    /// <summary>Never called: a custom value has no general text form, so its default is declared as text.</summary>
    protected override string Show(T value) =>
        throw new InvalidOperationException($"declare the default of {Display} as DefaultLiteral (text), not as a value");
}

/// <summary>
/// An option given any number of times (`--set KEY=VALUE --set KEY=VALUE`): each value parsed by the declared parser, the
/// list in the order given; empty when the option is not given.
/// </summary>
public sealed class RepeatedOption<T>(string name, string valueName, string help, string valid, Func<string, string, T> parse)
    : Option<IReadOnlyList<T>>(name, help)
{
    /// <summary>True: the option may be given several times.</summary>
    public override bool Repeatable => true;
    /// <summary>The placeholder declared with the option, e.g. "KEY=VALUE".</summary>
    protected override string DefaultValueName => valueName;
    /// <summary>What is valid, as declared with the option (help adds that it may be repeated).</summary>
    public override string Valid => valid + " (the option may be repeated)";
    /// <summary>True: not given is the empty list.</summary>
    public override bool HasDefault => true;
    /// <summary>Null: help shows no default (none given means none).</summary>
    public override string? DefaultLiteral => null;
    internal override IReadOnlyList<T> DefaultValue => [];
    /// <summary>One value as a list of one.</summary>
    public override IReadOnlyList<T> Parse(string text, string spelled) => [parse(text, spelled)];
    /// <summary>Never called: the default (an empty list) is not shown.</summary>
    protected override string Show(IReadOnlyList<T> value) => "";
    internal override object? ConvertAll(IReadOnlyList<(string Spelled, string Text)> given) =>
        given.Select(g => parse(g.Text, g.Spelled)).ToList();
}

/// <summary>Small words of help and error texts.</summary>
static class OptionWords
{
    public static string Article(string word) => word.Length > 0 && "aeiou".Contains(word[0]) ? "an" : "a";

    public static string Placeholder(Dimension d) => d switch
    {
        Dimension.Length => "LENGTH", Dimension.Intensity => "INTENSITY", Dimension.Conductivity => "KAPPA",
        Dimension.Power => "POWER", Dimension.Temperature => "TEMPERATURE", Dimension.Time => "TIME", Dimension.Angle => "ANGLE",
        _ => "VALUE",
    };
}
