using System.Globalization;

namespace MieCool.Cli.Options;

/// <summary>The valid values of a numeric option, SI; each end open or closed (as a case key's interval).</summary>
public sealed record ValueRange(double Min, double Max, bool MinClosed = true, bool MaxClosed = true)
{
    /// <summary>Every finite number.</summary>
    public static readonly ValueRange All = new(double.NegativeInfinity, double.PositiveInfinity, false, false);
    /// <summary>(0, max].</summary>
    public static ValueRange Positive(double max = double.PositiveInfinity) => new(0, max, false, true);
    /// <summary>[min, max].</summary>
    public static ValueRange Closed(double min, double max) => new(min, max);

    /// <summary>True when <paramref name="v"/> is finite and within the range, each end open or closed as declared.</summary>
    public bool Contains(double v) =>
        double.IsFinite(v) && (MinClosed ? v >= Min : v > Min) && (MaxClosed ? v <= Max : v < Max);

    /// <summary>E.g. "(0, 1e5] nm"; <paramref name="scale"/> is the SI value of one shown unit.</summary>
    public string Describe(double scale = 1, string unit = "")
    {
        string lo = double.IsNegativeInfinity(Min) ? "-inf" : HelpNumber.Format(Min / scale);
        string hi = double.IsPositiveInfinity(Max) ? "inf" : HelpNumber.Format(Max / scale);
        return $"{(MinClosed && double.IsFinite(Min) ? "[" : "(")}{lo}, {hi}{(MaxClosed && double.IsFinite(Max) ? "]" : ")")}"
               + (unit.Length > 0 ? " " + unit : "");
    }
}

/// <summary>How help and error messages write a number: 10 significant digits, exponent form outside [1e-3, 1e5).</summary>
static class HelpNumber
{
    public static string Format(double v)
    {
        double a = Math.Abs(v);
        return a != 0 && (a >= 1e5 || a < 1e-3)
            ? v.ToString("0.#########e0", CultureInfo.InvariantCulture)
            : v.ToString("G10", CultureInfo.InvariantCulture);
    }
}
