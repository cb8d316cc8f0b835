using System.Globalization;

namespace MieCool.Core;

/// <summary>
/// An interval of valid values, SI; each end open or closed. The one range type of case-file keys and command-line
/// options, so that a key and the option standing for it describe their ranges alike.
/// </summary>
/// <param name="Min">Lower end, SI; <see cref="double.NegativeInfinity"/> for none.</param>
/// <param name="Max">Upper end, SI; <see cref="double.PositiveInfinity"/> for none.</param>
/// <param name="MinClosed">True when <paramref name="Min"/> itself is valid ("[" rather than "(").</param>
/// <param name="MaxClosed">True when <paramref name="Max"/> itself is valid ("]" rather than ")").</param>
public sealed record Interval(double Min, double Max, bool MinClosed = true, bool MaxClosed = true)
{
    /// <summary>(0, <paramref name="max"/>]: strictly positive, e.g. a length or a conductivity; unbounded above by default.</summary>
    public static Interval Positive(double max = double.PositiveInfinity) => new(0, max, false, true);
    /// <summary>[<paramref name="min"/>, <paramref name="max"/>], both ends valid, e.g. [0, 1] for an efficiency.</summary>
    public static Interval Closed(double min, double max) => new(min, max);
    /// <summary>(-inf, inf): every finite value.</summary>
    public static readonly Interval All = new(double.NegativeInfinity, double.PositiveInfinity, false, false);

    /// <summary>True when <paramref name="v"/> (SI) is finite and inside the interval, ends included where closed.</summary>
    public bool Contains(double v) =>
        double.IsFinite(v) && (MinClosed ? v >= Min : v > Min) && (MaxClosed ? v <= Max : v < Max);

    /// <summary>E.g. "(0, 100000] nm"; <paramref name="scale"/> is the SI value of one shown <paramref name="unit"/>.</summary>
    public string Describe(double scale = 1, string unit = "")
    {
        string lo = double.IsNegativeInfinity(Min) ? "-inf" : Number(Min / scale);
        string hi = double.IsPositiveInfinity(Max) ? "inf" : Number(Max / scale);
        return $"{(MinClosed && double.IsFinite(Min) ? "[" : "(")}{lo}, {hi}{(MaxClosed && double.IsFinite(Max) ? "]" : ")")}"
               + (unit.Length > 0 ? " " + unit : "");
    }

    /// <summary>How ranges, defaults and help write a number: 10 significant digits, exponent form outside [1e-3, 1e5).</summary>
    public static string Number(double v)
    {
        double a = Math.Abs(v);
        return a != 0 && (a >= 1e5 || a < 1e-3)
            ? v.ToString("0.#########e0", CultureInfo.InvariantCulture)
            : v.ToString("G10", CultureInfo.InvariantCulture);
    }
}
