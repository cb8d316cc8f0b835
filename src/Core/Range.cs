using System.Globalization;

namespace MieCool.Core;

/// <summary>An inclusive, evenly spaced sweep such as "500:1100:1nm" (start:stop:step, one unit for all three).</summary>
public sealed record SweepRange(double Start, double Stop, double Step)
{
    /// <summary>Number of points, start and stop included (stop included when it falls on the grid).</summary>
    public int Count => (int)Math.Floor((Stop - Start) / Step * (1 + 1e-12) + 1e-9) + 1;

    /// <summary>The values of the sweep, SI.</summary>
    public double[] Values()
    {
        var v = new double[Count];
        for (int i = 0; i < v.Length; i++) v[i] = Start + i * Step;
        return v;
    }

    /// <summary>
    /// Parses "start:stop:step unit" (e.g. "500:1100:1nm") or a single value ("980nm") into SI values.
    /// Errors name <paramref name="source"/> (an option or file) and say what is valid.
    /// </summary>
    public static SweepRange Parse(string text, Dimension d, string source, string? key = null)
    {
        var parts = (text ?? "").Split(':');
        string valid = $"start:stop:step with a unit, e.g. \"500:1100:1nm\", stop >= start, step > 0";
        if (parts.Length == 1)
        {
            double v = Units.Parse(parts[0], d, source, key);
            return new SweepRange(v, v, 1);
        }
        if (parts.Length != 3) throw new InputException(source, "malformed range", key, text, valid);
        // the unit is written once, after the step; it applies to all three numbers
        if (!Units.TryParse(parts[2], d, out double step, out var problem))
            throw new InputException(source, $"malformed range step: {problem}", key, text, valid);
        double factor = step / double.Parse(LeadingNumber(parts[2]), NumberStyles.Float, CultureInfo.InvariantCulture);
        double Value(string s)
        {
            if (Units.TryParse(s, d, out double si, out _)) return si; // explicit unit on this part
            if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double bare)) return bare * factor;
            throw new InputException(source, "malformed range", key, text, valid);
        }
        double start = Value(parts[0]), stop = Value(parts[1]);
        if (!(step > 0)) throw new InputException(source, "range step must be positive", key, text, valid);
        if (!(stop >= start)) throw new InputException(source, "empty range (stop < start)", key, text, valid);
        return new SweepRange(start, stop, step);
    }

    static string LeadingNumber(string s)
    {
        s = s.Trim(); int i = 0;
        while (i < s.Length && (char.IsDigit(s[i]) || s[i] is '.' or 'e' or 'E' or '+' or '-'))
        {
            if ((s[i] is 'e' or 'E') && (i + 1 >= s.Length || !(char.IsDigit(s[i + 1]) || s[i + 1] is '+' or '-'))) break;
            i++;
        }
        return s[..i];
    }
}
