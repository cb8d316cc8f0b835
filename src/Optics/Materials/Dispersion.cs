using MieCool.Core;

namespace MieCool.Optics.Materials;

/// <summary>A real optical constant (n or k) as a function of vacuum wavelength in m, on [Min, Max].</summary>
public abstract class Dispersion
{
    /// <summary>Shortest vacuum wavelength where the data are defined, m: the first table point or the formula's range.</summary>
    public abstract double Min { get; }
    /// <summary>Longest vacuum wavelength where the data are defined, m.</summary>
    public abstract double Max { get; }
    /// <summary>
    /// The value at <paramref name="lambda"/> (vacuum wavelength, m, inside [Min, Max]: the caller checks);
    /// <paramref name="hint"/> caches a table interval between calls (start with -1; formulas ignore it).
    /// </summary>
    public abstract double At(double lambda, ref int hint);
    /// <summary>Short description for listings, e.g. "tabulated (601 points)" or "formula 1".</summary>
    public abstract string Describe();
}

/// <summary>A tabulated n or k, interpolated by <see cref="MonotoneCubic"/> (exact at the table's points).</summary>
public sealed class TabulatedDispersion(double[] wavelengths, double[] values) : Dispersion
{
    readonly MonotoneCubic _curve = new(wavelengths, values);
    /// <summary>The interpolant: vacuum wavelengths in m as its knots, n or k as its values.</summary>
    public MonotoneCubic Curve => _curve;
    /// <summary>The first tabulated wavelength, m.</summary>
    public override double Min => _curve.Min;
    /// <summary>The last tabulated wavelength, m.</summary>
    public override double Max => _curve.Max;
    /// <inheritdoc/>
    public override double At(double lambda, ref int hint) => _curve.At(lambda, ref hint);
    /// <summary>"tabulated (N points)".</summary>
    public override string Describe() => $"tabulated ({_curve.Count} points)";
}

/// <summary>
/// The dispersion formulas of the refractiveindex.info database (wavelength lambda in micrometres, coefficients
/// C1, C2, ... as on the page; definitions from the database's documentation, refractiveindex.info/database):
/// <list type="bullet">
/// <item>formula 1 (Sellmeier):   n^2 - 1 = C1 + sum_i C_{2i} lambda^2 / (lambda^2 - C_{2i+1}^2)</item>
/// <item>formula 2 (Sellmeier-2): n^2 - 1 = C1 + sum_i C_{2i} lambda^2 / (lambda^2 - C_{2i+1})</item>
/// <item>formula 3 (polynomial):  n^2 = C1 + sum_i C_{2i} lambda^C_{2i+1}</item>
/// <item>formula 5 (Cauchy):      n = C1 + sum_i C_{2i} lambda^C_{2i+1}</item>
/// <item>formula 6 (gases):       n - 1 = C1 + sum_i C_{2i} / (C_{2i+1} - lambda^-2)</item>
/// </list>
/// Formula 4 (RefractiveIndex.INFO), 7 (Herzberger), 8 (Retro) and 9 (Exotic) are rejected as unsupported
/// rather than guessed. The "formula A" that glass catalogue pages carry under PROPERTIES/thermal_dispersion is
/// Schott's dn/dT model, not a dispersion formula, and is not read.
/// </summary>
public sealed class DispersionFormula : Dispersion
{
    readonly int _kind;
    readonly double[] _c;
    readonly double _min, _max;

    /// <param name="kind">The formula number as on the page after "formula ": "1", "2", "3", "5" or "6".</param>
    /// <param name="coefficients">C1, C2, ... as on the page (for lambda in micrometres); copied.</param>
    /// <param name="minWavelength">Lower end of the page's wavelength_range, m.</param>
    /// <param name="maxWavelength">Upper end of the page's wavelength_range, m.</param>
    public DispersionFormula(string kind, double[] coefficients, double minWavelength, double maxWavelength)
    {
        if (!Supports(kind)) throw new ArgumentException($"unsupported formula {kind}");
        _kind = int.Parse(kind, System.Globalization.CultureInfo.InvariantCulture);
        _c = (double[])coefficients.Clone();
        _min = minWavelength; _max = maxWavelength;
    }

    /// <summary>True for the formula numbers evaluated here ("1", "2", "3", "5", "6"), given without "formula ".</summary>
    public static bool Supports(string kind) => kind is "1" or "2" or "3" or "5" or "6";

    /// <summary>Checks the number of coefficients: C1 followed by pairs.</summary>
    public static void Validate(string kind, double[] c, string source, int line, string text)
    {
        if (c.Length < 3 || c.Length % 2 == 0)
            throw new InputException(source, $"formula {kind} needs C1 followed by pairs of coefficients (an odd count >= 3)",
                key: "coefficients", value: text, line: line);
    }

    /// <summary>Lower end of the page's wavelength_range, m.</summary>
    public override double Min => _min;
    /// <summary>Upper end of the page's wavelength_range, m.</summary>
    public override double Max => _max;
    /// <summary>"formula N", N the database's formula number.</summary>
    public override string Describe() => $"formula {_kind}";

    /// <summary>
    /// n at <paramref name="lambda"/> (vacuum wavelength, m; converted to micrometres for the coefficients) by the
    /// formula of the class comment; NaN where a formula for n^2 gives n^2 &lt; 0 (<see cref="Material"/> rejects
    /// that, and a negative n, with a message). <paramref name="hint"/> is not used.
    /// </summary>
    public override double At(double lambda, ref int hint)
    {
        double l = lambda / MaterialPageReader.Micrometre, l2 = l * l;
        var c = _c;
        double s = c[0];
        switch (_kind)
        {
            case 1:
                for (int i = 1; i + 1 < c.Length; i += 2) s += c[i] * l2 / (l2 - c[i + 1] * c[i + 1]);
                return Math.Sqrt(1 + s);
            case 2:
                for (int i = 1; i + 1 < c.Length; i += 2) s += c[i] * l2 / (l2 - c[i + 1]);
                return Math.Sqrt(1 + s);
            case 3:
                for (int i = 1; i + 1 < c.Length; i += 2) s += c[i] * Math.Pow(l, c[i + 1]);
                return Math.Sqrt(s);
            case 5:
                for (int i = 1; i + 1 < c.Length; i += 2) s += c[i] * Math.Pow(l, c[i + 1]);
                return s;
            case 6:
                for (int i = 1; i + 1 < c.Length; i += 2) s += c[i] / (c[i + 1] - 1 / l2);
                return 1 + s;
            default: throw new InvalidOperationException();
        }
    }
}
