using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using MieCool.Core;

namespace MieCool.Optics;

/// <summary>
/// Parses a complex refractive index written as "2.6", "2.6+0.01i", "2.6+i0.01", "2.6 + 0.01j" or "(2.6,0.01)"
/// in the <see cref="Convention"/> m = n + ik. A negative imaginary part is rejected: it would be gain in this
/// convention (Wiscombe's n - ik tables must be conjugated before they are given to MieCool).
/// </summary>
public static partial class IndexParser
{
    /// <summary>An unsigned decimal number with an optional exponent: "2", "2.", ".5", "1.2e-3".</summary>
    const string Number = @"(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?";

    // n, then optionally a sign and k written as "i k", "ik", "k i", "k*i" (or j for i)
    [GeneratedRegex(@"^\s*([+-]?" + Number + @")\s*(?:([+-])\s*(?:([ij])\s*(" + Number + @")|(" + Number + @")\s*\*?\s*[ij]))?\s*$")]
    private static partial Regex Pattern();

    [GeneratedRegex(@"^\s*\(\s*([^,]+?)\s*,\s*([^)]+?)\s*\)\s*$")]
    private static partial Regex Pair();

    /// <summary>What a valid index looks like, for the "valid:" part of an <see cref="InputException"/>.</summary>
    public const string Valid = "n or n+ki with n > 0 and k >= 0 (m = n + ik, k >= 0 absorbs), e.g. 2.6+0.01i";

    /// <summary>
    /// Reads the syntax only: "n", "n+ki" (i or j, before or after k) or "(n,k)". It does not check the physics: a
    /// negative or zero n and a negative k parse; <see cref="Parse"/> rejects them with a message.
    /// </summary>
    /// <param name="text">The index as written; null fails.</param>
    /// <param name="m">The index n + ik when the text parses, else 0.</param>
    /// <returns>Whether <paramref name="text"/> is a complex number in one of the accepted forms.</returns>
    public static bool TryParse(string text, out Complex m)
    {
        m = default;
        if (text is null) return false;
        var p = Pair().Match(text);
        if (p.Success)
        {
            if (!double.TryParse(p.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double a) ||
                !double.TryParse(p.Groups[2].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double b)) return false;
            m = new Complex(a, b); return true;
        }
        var g = Pattern().Match(text);
        if (!g.Success) return false;
        double re = double.Parse(g.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        double im = 0;
        if (g.Groups[2].Success)
        {
            string mag = g.Groups[4].Success && g.Groups[4].Value.Length > 0 ? g.Groups[4].Value : g.Groups[5].Value;
            im = double.Parse(mag, NumberStyles.Float, CultureInfo.InvariantCulture) * (g.Groups[2].Value == "-" ? -1 : 1);
        }
        m = new Complex(re, im); return true;
    }

    /// <summary>Parses a physical index (n &gt; 0, k &gt;= 0) or throws naming <paramref name="source"/>.</summary>
    public static Complex Parse(string text, string source, string? key = null, int? line = null)
    {
        if (!TryParse(text, out var m) || !double.IsFinite(m.Real) || !double.IsFinite(m.Imaginary))
            throw new InputException(source, "malformed complex refractive index", key, text, Valid, line);
        if (m.Imaginary < 0)
            throw new InputException(source, "negative imaginary index: MieCool uses m = n + ik with k >= 0 for absorption " +
                "(exp(-i w t)); for a table in the n - ik convention, drop the minus sign", key, text, Valid, line);
        if (m.Real <= 0)
            throw new InputException(source, "the real part of the index must be positive", key, text, Valid, line);
        return m;
    }

    /// <summary>Formats m as "n+ki" (invariant culture, round-trippable).</summary>
    public static string Format(Complex m) =>
        m.Imaginary == 0 ? Units.Invariant(m.Real) : $"{Units.Invariant(m.Real)}+{Units.Invariant(m.Imaginary)}i";
}
