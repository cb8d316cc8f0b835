using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using MieCool.Core;

namespace MieCool.Optics.Materials;

/// <summary>
/// A material from a refractiveindex.info page: m(lambda) = n(lambda) + i k(lambda) (see <see cref="Convention"/>;
/// the database already uses k &gt;= 0 for absorption, so no conversion is needed). n comes from a table or a
/// formula, k from a table (or is zero when the page has none). Tables are interpolated by a monotone cubic
/// (<see cref="MonotoneCubic"/>), which reproduces the tabulated points and never makes k negative. The valid
/// range is where all parts are defined; outside it <see cref="At(double)"/> throws, it never extrapolates.
/// </summary>
public sealed partial class Material : IRefractiveIndex
{
    /// <summary>Relative slack on the range ends, so that e.g. 1100 nm from a sweep (1.1000000000000001e-6 m) is in range.</summary>
    const double EdgeSlack = 1e-9;

    readonly Dispersion _n;
    readonly Dispersion? _k;
    /// <summary>The page line of the coefficients of n's formula (or of n's table item), named in errors of what it gives.</summary>
    readonly int _nLine;

    /// <summary>How the material is shown: its database path ("main/SiO2/nk/Malitson") or the file as the user gave it.</summary>
    public string Name { get; }
    /// <summary>The page file.</summary>
    public string Source { get; }
    /// <summary>The page's REFERENCES as plain text (markup stripped).</summary>
    public string References { get; }
    /// <summary>"Author et al., Journal (year)" from the page's REFERENCES, for listings.</summary>
    public string ShortReference { get; }
    /// <summary>The page's COMMENTS as plain text (sample, method, ...); empty when it has none.</summary>
    public string Comments { get; }
    /// <summary>The page's CONDITIONS as written, e.g. "temperature" (K) or "direction"; empty when it has none.</summary>
    public IReadOnlyDictionary<string, string> Conditions { get; }
    /// <summary>Shortest vacuum wavelength, m, where both n and k are defined (the larger of their lower ends).</summary>
    public double MinWavelength { get; }
    /// <summary>Longest vacuum wavelength, m, where both n and k are defined (the smaller of their upper ends).</summary>
    public double MaxWavelength { get; }
    /// <summary>How n and k are given, e.g. "n, k tabulated (601 points)" or "n formula 2, k tabulated (25 points)".</summary>
    public string Kind { get; }
    /// <summary>The refractive index n(lambda), the real part of m, from a table or a formula.</summary>
    public Dispersion N => _n;
    /// <summary>The extinction coefficient k(lambda) &gt;= 0, the imaginary part of m; null when the page gives none (k = 0).</summary>
    public Dispersion? K => _k;

    Material(string name, MaterialPage page, Dispersion n, int nLine, Dispersion? k, string kind)
    {
        Name = name; Source = page.Source; References = page.References; Comments = page.Comments;
        Conditions = page.Conditions; ShortReference = Shorten(page.ReferencesHtml);
        _n = n; _nLine = nLine; _k = k; Kind = kind;
        MinWavelength = Math.Max(n.Min, k?.Min ?? double.NegativeInfinity);
        MaxWavelength = Math.Min(n.Max, k?.Max ?? double.PositiveInfinity);
        if (!(MaxWavelength > MinWavelength))
            throw new InputException(page.Source, $"the n data ({Nm(n.Min)}-{Nm(n.Max)} nm) and the k data " +
                $"({Nm(k!.Min)}-{Nm(k.Max)} nm) do not overlap");
    }

    /// <summary>Reads a page file and builds the material; <paramref name="name"/> is how it is shown (database path).</summary>
    public static Material Load(string path, string? name = null) => FromPage(MaterialPageReader.Read(path), name ?? path);

    /// <summary>Combines the DATA items of a page into n and k.</summary>
    public static Material FromPage(MaterialPage page, string name)
    {
        Dispersion? n = null, k = null;
        int nLine = 0, kLine = 0, nValuesLine = 0;
        string? nKind = null, kKind = null;
        void SetN(Dispersion d, DataBlock b)
        {
            if (n is not null) throw new InputException(page.Source, $"a second source of n (the first is at line {nLine})",
                key: "type", value: b.Type, line: b.Line, valid: "one of tabulated nk, tabulated n or a formula per page");
            n = d; nLine = b.Line; nValuesLine = b.CoefficientsLine > 0 ? b.CoefficientsLine : b.Line; nKind = b.Type;
        }
        void SetK(Dispersion d, DataBlock b)
        {
            if (k is not null) throw new InputException(page.Source, $"a second source of k (the first is at line {kLine})",
                key: "type", value: b.Type, line: b.Line, valid: "one of tabulated nk or tabulated k per page");
            k = d; kLine = b.Line; kKind = b.Type;
        }
        foreach (var b in page.Data)
        {
            switch (b.Type)
            {
                case "tabulated nk":
                    SetN(new TabulatedDispersion(b.Wavelengths, b.Columns[0]), b);
                    SetK(new TabulatedDispersion(b.Wavelengths, b.Columns[1]), b);
                    break;
                case "tabulated n": SetN(new TabulatedDispersion(b.Wavelengths, b.Columns[0]), b); break;
                case "tabulated k": SetK(new TabulatedDispersion(b.Wavelengths, b.Columns[0]), b); break;
                default:
                    var (min, max) = b.WavelengthRange!.Value;
                    SetN(new DispersionFormula(b.Type["formula ".Length..], b.Coefficients, min, max), b);
                    break;
            }
        }
        if (n is null)
            throw new InputException(page.Source, "the page gives k but no n", line: kLine,
                valid: "a tabulated nk, tabulated n or formula item");
        string kind = nKind == "tabulated nk" ? $"n, k {n.Describe()}"
            : $"n {n.Describe()}" + (k is null ? ", k = 0" : $", k {k.Describe()}");
        return new Material(name, page, n, nValuesLine, k, kind);
    }

    /// <summary>The index at a vacuum wavelength (m).</summary>
    public Complex At(double vacuumWavelength)
    {
        int hn = -1, hk = -1;
        return Evaluate(CheckRange(vacuumWavelength), ref hn, ref hk);
    }

    /// <summary>Fills <paramref name="index"/> for increasing (or any) wavelengths without allocating.</summary>
    public void At(ReadOnlySpan<double> vacuumWavelengths, Span<Complex> index)
    {
        if (index.Length != vacuumWavelengths.Length) throw new ArgumentException("spans differ in length", nameof(index));
        int hn = -1, hk = -1;
        for (int i = 0; i < vacuumWavelengths.Length; i++)
            index[i] = Evaluate(CheckRange(vacuumWavelengths[i]), ref hn, ref hk);
    }

    Complex Evaluate(double lambda, ref int hn, ref int hk)
    {
        double n = _n.At(lambda, ref hn);
        // the monotone cubic cannot undershoot a non-negative table; Max guards only against round-off
        double k = _k is null ? 0 : Math.Max(0, _k.At(lambda, ref hk));
        if (!(n > 0))
            throw new InputException(Source, $"the dispersion formula gives no positive real n at {Nm(lambda)} nm", key: "coefficients",
                                     valid: "coefficients that give n > 0 over the wavelength_range", line: _nLine);
        return new Complex(n, k);
    }

    double CheckRange(double lambda)
    {
        double lo = MinWavelength, hi = MaxWavelength;
        if (lambda >= lo && lambda <= hi) return lambda;
        if (lambda >= lo * (1 - EdgeSlack) && lambda < lo) return lo;
        if (lambda <= hi * (1 + EdgeSlack) && lambda > hi) return hi;
        throw new InputException(Name, "wavelength outside the range of the material data (no extrapolation)",
            key: "wavelength", value: $"{Nm(lambda)} nm", valid: $"{RangeNm}");
    }

    /// <summary>The valid range as text, e.g. "300.01-1501.32 nm".</summary>
    public string RangeNm => $"{Nm(MinWavelength)}-{Nm(MaxWavelength)} nm";

    internal static string Nm(double metres) => (metres * 1e9).ToString("0.##", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"<i>(.*?)</i>", RegexOptions.Singleline)]
    private static partial Regex Italic();
    [GeneratedRegex(@"\((\d{4})\)")]
    private static partial Regex Year();
    [GeneratedRegex(@"^\s*(?:\d+\)\s*)?")]
    private static partial Regex Numbering();

    /// <summary>
    /// "Phillips et al., Data in Brief (2015)" from REFERENCES: the surname of the first author, the journal (the
    /// first italic run) and the year (the first "(yyyy)"); the first line as it is when there is no journal.
    /// </summary>
    public static string Shorten(string referencesHtml)
    {
        var plain = MaterialPageReader.PlainText(referencesHtml);
        var first = Numbering().Replace(plain.Split('\n').FirstOrDefault() ?? "", "");
        var journalMatch = Italic().Match(referencesHtml);
        if (!journalMatch.Success) return first.Length > 60 ? first[..57] + "..." : first;
        var journal = MaterialPageReader.PlainText(journalMatch.Groups[1].Value);
        var year = Year().Match(MaterialPageReader.PlainText(referencesHtml)) is { Success: true } y ? y.Groups[1].Value : null;
        var authors = first.TrimEnd('.');
        bool several = authors.Contains(',') || authors.Contains(" and ", StringComparison.Ordinal);
        var firstAuthor = authors.Split([",", " and "], StringSplitOptions.TrimEntries)[0];
        var surname = firstAuthor.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? firstAuthor;
        return $"{surname}{(several ? " et al." : "")}, {journal}" + (year is null ? "" : $" ({year})");
    }
}
