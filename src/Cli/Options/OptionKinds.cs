using System.Globalization;
using MieCool.Core;

namespace MieCool.Cli.Options;

/// <summary>A switch such as `--json`: given or not, never with a value.</summary>
public sealed class SwitchOption(string name, string help) : Option<bool>(name, help)
{
    public override bool TakesValue => false;
    protected override string DefaultValueName => "";
    public override string? Valid => null;
    public override bool HasDefault => true;
    public override string? DefaultLiteral => null;
    internal override bool DefaultValue => false;
    public override bool Parse(string text, string spelled) => throw Bad(spelled, "is a switch and takes no value", text);
    protected override string Show(bool value) => value ? "given" : "not given";
}

/// <summary>Free text such as a folder or a field name, not empty.</summary>
public sealed class TextOption(string name, string valueName, string help) : Option<string>(name, help)
{
    protected override string DefaultValueName => valueName;
    /// <summary>What is valid, in words; "a non-empty text" unless declared.</summary>
    public string Accepts { get; init; } = "a non-empty text";
    public override string Valid => Accepts;
    public override string Parse(string text, string spelled) =>
        string.IsNullOrWhiteSpace(text) ? throw Bad(spelled, "must not be empty", text) : text;
    protected override string Show(string value) => value;
}

/// <summary>A dimensionless real number in <see cref="Range"/>.</summary>
public sealed class NumberOption(string name, string help) : Option<double>(name, help)
{
    public ValueRange Range { get; init; } = ValueRange.All;
    protected override string DefaultValueName => "X";
    public override string Valid => $"a number in {Range.Describe()}";

    public override double Parse(string text, string spelled)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
            throw Bad(spelled, "not a number", text);
        if (!Range.Contains(v)) throw Bad(spelled, "out of range", text);
        return v;
    }

    protected override string Show(double value) => HelpNumber.Format(value);
}

/// <summary>A whole number in [<see cref="Min"/>, <see cref="Max"/>], e.g. `--threads 2`.</summary>
public sealed class CountOption(string name, string help) : Option<int>(name, help)
{
    public int Min { get; init; }
    public int Max { get; init; } = int.MaxValue;
    protected override string DefaultValueName => "N";
    public override string Valid => $"a whole number in [{Min}, {Max}]";

    public override int Parse(string text, string spelled)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
            throw Bad(spelled, "not a number", text);
        if (v != Math.Floor(v)) throw Bad(spelled, "not a whole number", text);
        if (v < Min || v > Max) throw Bad(spelled, "out of range", text);
        return (int)v;
    }

    protected override string Show(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// A physical quantity written with a unit, e.g. `--diameter 530nm`; the value is SI. <see cref="Unit"/> is the unit
/// help shows ranges and defaults in; any unit of <see cref="Dimension"/> is accepted (<see cref="Units"/>).
/// </summary>
public sealed class QuantityOption : Option<double>
{
    readonly double _scale;

    public QuantityOption(string name, Dimension dimension, string unit, string help) : base(name, help)
    {
        Dimension = dimension; Unit = unit;
        _scale = Units.Parse("1 " + unit, dimension, "QuantityOption " + name);
    }

    public Dimension Dimension { get; }
    public string Unit { get; }
    /// <summary>Valid values, SI.</summary>
    public ValueRange Range { get; init; } = ValueRange.Positive();
    /// <summary>A value as a user would write it, for help, e.g. "530nm".</summary>
    public string? Example { get; init; }
    protected override string DefaultValueName => OptionWords.Placeholder(Dimension);
    public override string Valid =>
        $"{OptionWords.Article(Units.Describe(Dimension))} {Units.Describe(Dimension)} with a unit ({Units.Accepted(Dimension)}) in {Range.Describe(_scale, Unit)}"
        + (Example is null ? "" : $", e.g. {Example}");

    public override double Parse(string text, string spelled)
    {
        if (!Units.TryParse(text, Dimension, out double v, out var problem))
            throw Bad(spelled, $"{problem} for {OptionWords.Article(Units.Describe(Dimension))} {Units.Describe(Dimension)}", text);
        if (!Range.Contains(v)) throw Bad(spelled, "out of range", text);
        return v;
    }

    protected override string Show(double value) => $"{HelpNumber.Format(value / _scale)} {Unit}";
}

/// <summary>
/// An evenly spaced list of quantities, start:stop:step with one unit (e.g. `--wavelengths 500:1100:1nm`), or one value;
/// every value in <see cref="Range"/>, at most <see cref="MaxPoints"/> of them.
/// </summary>
public sealed class SweepOption : Option<SweepRange>
{
    readonly double _scale;

    public SweepOption(string name, Dimension dimension, string unit, string help) : base(name, help)
    {
        Dimension = dimension; Unit = unit;
        _scale = Units.Parse("1 " + unit, dimension, "SweepOption " + name);
    }

    public Dimension Dimension { get; }
    public string Unit { get; }
    /// <summary>Valid values, SI (start and stop are checked, so every value is).</summary>
    public ValueRange Range { get; init; } = ValueRange.Positive();
    public int MaxPoints { get; init; } = 1_000_000;
    /// <summary>A value as a user would write it, for help, e.g. "500:1100:1nm".</summary>
    public string? Example { get; init; }
    protected override string DefaultValueName => "START:STOP:STEP";
    public override string Valid =>
        $"start:stop:step with a unit after the step, or one value ({Units.Accepted(Dimension)}); values in {Range.Describe(_scale, Unit)}, at most {MaxPoints} of them"
        + (Example is null ? "" : $", e.g. {Example}");

    public override SweepRange Parse(string text, string spelled)
    {
        var sweep = SweepRange.Parse(text, Dimension, spelled);
        if (!Range.Contains(sweep.Start) || !Range.Contains(sweep.Stop)) throw Bad(spelled, "out of range", text);
        if (sweep.Count > MaxPoints) throw Bad(spelled, $"too many points ({sweep.Count})", text);
        return sweep;
    }

    protected override string Show(SweepRange v) => v.Start == v.Stop
        ? $"{HelpNumber.Format(v.Start / _scale)}{Unit}"
        : $"{HelpNumber.Format(v.Start / _scale)}:{HelpNumber.Format(v.Stop / _scale)}:{HelpNumber.Format(v.Step / _scale)}{Unit}";
}

/// <summary>One word of a fixed set, mapped to a value.</summary>
public sealed class ChoiceOption<T>(string name, string help, params (string Word, T Value)[] choices) : Option<T>(name, help)
{
    public IReadOnlyList<(string Word, T Value)> Choices { get; } = choices;
    protected override string DefaultValueName => string.Join("|", Choices.Select(c => c.Word));
    public override string Valid => "one of " + string.Join(", ", Choices.Select(c => c.Word));

    public override T Parse(string text, string spelled)
    {
        foreach (var (word, value) in Choices) if (word == text) return value;
        var near = NearNames.Nearest(text, Choices.Select(c => c.Word));
        throw Bad(spelled, near is null ? "unknown choice" : $"unknown choice (did you mean {near}?)", text);
    }

    protected override string Show(T value) => Choices.First(c => EqualityComparer<T>.Default.Equals(c.Value, value)).Word;
}

/// <summary>
/// A value with its own syntax (an emission spectrum "gaussian:775nm:40nm", a material, an index list, an image size):
/// <paramref name="parse"/> converts and validates it. A default is declared as text (<see cref="DefaultLiteral"/>)
/// and parsed like a given value, so help shows exactly what the default is.
/// </summary>
public sealed class CustomOption<T>(string name, string valueName, string help, string valid, Func<string, string, T> parse)
    : Option<T>(name, help)
{
    protected override string DefaultValueName => valueName;
    public override string Valid => valid;
    public override T Parse(string text, string spelled) => parse(text, spelled);
    protected override string Show(T value) =>
        throw new InvalidOperationException($"declare the default of {Display} as DefaultLiteral (text), not as a value");
}

/// <summary>Small words of help and error texts.</summary>
static class OptionWords
{
    public static string Article(string word) => word.Length > 0 && "aeiou".Contains(word[0]) ? "an" : "a";

    public static string Placeholder(Dimension d) => d switch
    {
        Dimension.Length => "LENGTH", Dimension.Intensity => "INTENSITY", Dimension.Conductivity => "KAPPA",
        Dimension.Power => "POWER", Dimension.Temperature => "TEMPERATURE", Dimension.Time => "TIME",
        _ => "VALUE",
    };
}
