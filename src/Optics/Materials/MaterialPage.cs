using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using MieCool.Core;

namespace MieCool.Optics.Materials;

/// <summary>
/// One DATA item of a refractiveindex.info page: a table ("tabulated nk", "tabulated n", "tabulated k") or a
/// dispersion formula ("formula 1", ...). Wavelengths are vacuum wavelengths in metres (the page's micrometres
/// are converted by <see cref="MaterialPageReader"/>); formula coefficients are kept as written (micrometre based).
/// </summary>
/// <param name="Type">The page's type string, e.g. "tabulated nk" or "formula 2".</param>
/// <param name="Line">1-based line of the item's "- type:" in the page.</param>
/// <param name="WavelengthRange">(min, max) in m for a formula, from wavelength_range; null for a table.</param>
/// <param name="Coefficients">Formula coefficients C1, C2, ...; empty for a table.</param>
/// <param name="Wavelengths">Table wavelengths in m, strictly increasing; empty for a formula.</param>
/// <param name="Columns">Table values: [n, k] for "tabulated nk", [n] or [k] otherwise; one entry per wavelength.</param>
public sealed record DataBlock(string Type, int Line, (double Min, double Max)? WavelengthRange,
    double[] Coefficients, double[] Wavelengths, double[][] Columns)
{
    /// <summary>1-based line of a formula's "coefficients:" (errors of what the formula gives name it); 0 for a table.</summary>
    public int CoefficientsLine { get; init; }
}

/// <summary>
/// A parsed refractiveindex.info page (YAML, database format of 2017 onwards): the literature reference, the
/// comments, measurement conditions and the optical DATA items. Only the structure these pages use is read;
/// PROPERTIES and SPECS (thermal dispersion "formula A" of glass catalogues, density, ...) are not optical
/// data in this sense and are skipped.
/// </summary>
/// <param name="Source">The file the page was read from (for error messages).</param>
/// <param name="ReferencesHtml">REFERENCES exactly as written (HTML markup).</param>
/// <param name="References">REFERENCES as plain text (tags stripped, entities decoded).</param>
/// <param name="Comments">COMMENTS as plain text.</param>
/// <param name="Conditions">CONDITIONS (temperature in K, direction, ...) as written.</param>
/// <param name="Data">The DATA items in page order (at least one).</param>
public sealed record MaterialPage(string Source, string ReferencesHtml, string References, string Comments,
    IReadOnlyDictionary<string, string> Conditions, IReadOnlyList<DataBlock> Data);

/// <summary>
/// Reads refractiveindex.info pages without a YAML library: the format is a fixed set of top-level keys with
/// block scalars (REFERENCES: |), a DATA list of items with "type", "wavelength_range", "coefficients" and a
/// "data: |" block of whitespace-separated numbers. Wavelengths in the page are micrometres and become metres
/// here. Every error names the file and line.
/// </summary>
public static partial class MaterialPageReader
{
    /// <summary>Micrometres (the database's wavelength unit) to metres.</summary>
    public const double Micrometre = 1e-6;

    /// <summary>|k| below this with a minus sign is read as 0 (printing round-off of fits); more negative k is an error.</summary>
    public const double NegligibleK = 1e-12;

    /// <summary>Reads and parses the page file at <paramref name="path"/>; an unreadable file is an <see cref="InputException"/>.</summary>
    public static MaterialPage Read(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(path, $"cannot read material file: {e.Message}");
        }
        return Parse(text, path);
    }

    [GeneratedRegex(@"^([A-Za-z_][\w\-]*)\s*:\s*(.*)$")]
    private static partial Regex KeyValue();

    /// <summary>
    /// Parses the text of a page. Malformed structure, unsupported formulas, wavelengths that do not increase and negative
    /// n or k are <see cref="InputException"/>s naming <paramref name="source"/> and the line.
    /// </summary>
    /// <param name="text">The page's YAML text.</param>
    /// <param name="source">Where the text came from (a file path), for the page and for error messages.</param>
    public static MaterialPage Parse(string text, string source)
    {
        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        string refsHtml = "", comments = "";
        var conditions = new Dictionary<string, string>(StringComparer.Ordinal);
        List<DataBlock>? data = null;
        int dataLine = 0;

        int i = 0;
        while (i < lines.Length)
        {
            var line = lines[i];
            if (IsBlankOrComment(line)) { i++; continue; }
            if (Indent(line) > 0)
                throw new InputException(source, "unexpected indented line outside of a section", line: i + 1,
                    valid: "top-level keys REFERENCES, COMMENTS, DATA, CONDITIONS, SPECS, PROPERTIES");
            var kv = KeyValue().Match(line.TrimEnd());
            if (!kv.Success)
                throw new InputException(source, "expected \"KEY: value\"", value: line.Trim(), line: i + 1);
            string key = kv.Groups[1].Value, value = StripComment(kv.Groups[2].Value).Trim();
            int keyLine = i + 1;
            i++;
            switch (key)
            {
                case "REFERENCES": refsHtml = Scalar(lines, ref i, value); break;
                case "COMMENTS": comments = Scalar(lines, ref i, value); break;
                case "DATA":
                    if (data is not null) throw new InputException(source, "DATA given twice", line: keyLine);
                    dataLine = keyLine;
                    data = ReadData(lines, ref i, source);
                    break;
                case "CONDITIONS":
                    foreach (var (k, v, _) in Children(lines, ref i)) conditions[k] = v;
                    break;
                default: // SPECS, PROPERTIES and anything newer: not optical data, skip the nested block
                    Children(lines, ref i);
                    break;
            }
        }
        if (data is null)
            throw new InputException(source, "no DATA section", line: lines.Length,
                valid: "a page with DATA: and at least one item such as \"- type: tabulated nk\"");
        if (data.Count == 0)
            throw new InputException(source, "DATA has no items", line: dataLine, valid: "at least one \"- type: ...\" item");
        return new MaterialPage(source, refsHtml.Trim(), PlainText(refsHtml), PlainText(comments), conditions, data);
    }

    static bool IsBlankOrComment(string line) { var t = line.TrimStart(); return t.Length == 0 || t[0] == '#'; }

    static int Indent(string line)
    {
        int n = 0;
        while (n < line.Length && line[n] == ' ') n++;
        return n;
    }

    static string StripComment(string value)
    {
        // a " #" starts a comment in a plain scalar; quoted values keep theirs
        if (value.StartsWith('"') || value.StartsWith('\'')) return value;
        int c = value.IndexOf(" #", StringComparison.Ordinal);
        return c >= 0 ? value[..c] : value;
    }

    static string Unquote(string v) =>
        v.Length >= 2 && (v[0] == '"' && v[^1] == '"' || v[0] == '\'' && v[^1] == '\'') ? v[1..^1] : v;

    /// <summary>A scalar value: inline, or a block scalar ("|", "|-", ">") of the more-indented lines that follow.</summary>
    static string Scalar(string[] lines, ref int i, string inline)
    {
        if (inline.Length == 0 || inline[0] is not ('|' or '>')) return Unquote(inline);
        var block = new List<string>();
        int indent = int.MaxValue;
        while (i < lines.Length && (lines[i].Trim().Length == 0 || Indent(lines[i]) > 0))
        {
            if (lines[i].Trim().Length > 0) indent = Math.Min(indent, Indent(lines[i]));
            block.Add(lines[i]); i++;
        }
        while (block.Count > 0 && block[^1].Trim().Length == 0) block.RemoveAt(block.Count - 1);
        var sb = new StringBuilder();
        foreach (var b in block) sb.Append(b.Length >= indent ? b[indent..] : "").Append('\n');
        return inline[0] == '>' ? sb.ToString().Replace('\n', ' ').Trim() : sb.ToString().TrimEnd();
    }

    /// <summary>The "key: value" lines of a nested block (first level only); deeper lines are skipped.</summary>
    static List<(string Key, string Value, int Line)> Children(string[] lines, ref int i)
    {
        var list = new List<(string, string, int)>();
        int level = -1;
        while (i < lines.Length && (IsBlankOrComment(lines[i]) || Indent(lines[i]) > 0))
        {
            var l = lines[i];
            if (!IsBlankOrComment(l))
            {
                int ind = Indent(l);
                if (level < 0) level = ind;
                if (ind == level && KeyValue().Match(l.Trim()) is { Success: true } m)
                    list.Add((m.Groups[1].Value, Unquote(StripComment(m.Groups[2].Value).Trim()), i + 1));
            }
            i++;
        }
        return list;
    }

    sealed class RawItem
    {
        public int Line;
        public string? Type;
        public (string Value, int Line)? Range, Coefficients;
        public List<(string Text, int Line)>? Rows;
        public int RowsLine;
    }

    static List<DataBlock> ReadData(string[] lines, ref int i, string source)
    {
        var items = new List<RawItem>();
        RawItem? cur = null;
        int fieldIndent = -1;
        while (i < lines.Length && (IsBlankOrComment(lines[i]) || Indent(lines[i]) > 0))
        {
            var l = lines[i];
            if (IsBlankOrComment(l)) { i++; continue; }
            var t = l.Trim();
            int ind = Indent(l);
            string field;
            if (t.StartsWith("- ", StringComparison.Ordinal) || t == "-")
            {
                cur = new RawItem { Line = i + 1 };
                items.Add(cur);
                field = t[1..].TrimStart();
                fieldIndent = ind + (t.Length - field.Length);
                if (field.Length == 0) { i++; continue; }
            }
            else
            {
                if (cur is null)
                    throw new InputException(source, "DATA must be a list of items starting with \"- type:\"", value: t, line: i + 1);
                if (ind != fieldIndent)
                    throw new InputException(source, "unexpected indentation in a DATA item", value: t, line: i + 1);
                field = t;
            }
            var kv = KeyValue().Match(field);
            if (!kv.Success) throw new InputException(source, "expected \"key: value\" in a DATA item", value: t, line: i + 1);
            string key = kv.Groups[1].Value, value = Unquote(StripComment(kv.Groups[2].Value).Trim());
            int here = i + 1;
            i++;
            switch (key)
            {
                case "type": cur.Type = value; break;
                case "wavelength_range": cur.Range = (value, here); break;
                case "coefficients": cur.Coefficients = (value, here); break;
                case "data":
                    cur.RowsLine = here;
                    cur.Rows = [];
                    if (value.Length > 0 && value[0] is not ('|' or '>'))
                    {   // an inline scalar (not used by the database) is read as one row; tables need two or more
                        cur.Rows.Add((value, here));
                        break;
                    }
                    while (i < lines.Length && (lines[i].Trim().Length == 0 || Indent(lines[i]) > fieldIndent))
                    {
                        if (lines[i].Trim().Length > 0) cur.Rows.Add((lines[i].Trim(), i + 1));
                        i++;
                    }
                    break;
                default: break; // unknown item keys (e.g. "specs") are not optical data
            }
        }
        return items.Select(it => Build(it, source)).ToList();
    }

    static DataBlock Build(RawItem it, string source)
    {
        const string types = "tabulated nk, tabulated n, tabulated k, formula 1, formula 2, formula 3, formula 5, formula 6";
        if (it.Type is null) throw new InputException(source, "DATA item without a type", line: it.Line, valid: types);
        var type = string.Join(' ', it.Type.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        switch (type)
        {
            case "tabulated nk": return Table(it, type, 2, source);
            case "tabulated n": case "tabulated k": return Table(it, type, 1, source);
        }
        if (type.StartsWith("formula ", StringComparison.Ordinal))
        {
            if (!DispersionFormula.Supports(type[8..]))
                throw new InputException(source, "dispersion formula not supported", key: "type", value: type,
                    valid: types, line: it.Line);
            if (it.Range is not { } r)
                throw new InputException(source, "a formula needs a wavelength_range (micrometres)", key: "wavelength_range",
                    line: it.Line, valid: "wavelength_range: MIN MAX, e.g. 0.3 2.5");
            var range = Numbers(r.Value, r.Line, "wavelength_range", source);
            if (range.Length != 2 || !(range[0] > 0) || !(range[1] > range[0]))
                throw new InputException(source, "bad wavelength_range", key: "wavelength_range", value: r.Value,
                    valid: "two wavelengths in micrometres, 0 < MIN < MAX", line: r.Line);
            if (it.Coefficients is not { } c)
                throw new InputException(source, "a formula needs coefficients", key: "coefficients", line: it.Line);
            var coefficients = Numbers(c.Value, c.Line, "coefficients", source);
            DispersionFormula.Validate(type[8..], coefficients, source, c.Line, c.Value);
            return new DataBlock(type, it.Line, (range[0] * Micrometre, range[1] * Micrometre), coefficients, [], [])
                { CoefficientsLine = c.Line };
        }
        throw new InputException(source, "unknown DATA type", key: "type", value: type, valid: types, line: it.Line);
    }

    static DataBlock Table(RawItem it, string type, int columns, string source)
    {
        if (it.Rows is null || it.Rows.Count == 0)
            throw new InputException(source, $"\"{type}\" without data rows", key: "data", line: it.RowsLine > 0 ? it.RowsLine : it.Line,
                valid: "data: | followed by lines \"wavelength_um value(s)\"");
        if (it.Rows.Count < 2)
            throw new InputException(source, "a table needs at least two rows to interpolate", key: "data", line: it.Rows[0].Line);
        var wl = new double[it.Rows.Count];
        var cols = new double[columns][];
        for (int c = 0; c < columns; c++) cols[c] = new double[it.Rows.Count];
        string layout = type == "tabulated nk" ? "wavelength_um n k" : type == "tabulated n" ? "wavelength_um n" : "wavelength_um k";
        for (int r = 0; r < it.Rows.Count; r++)
        {
            var (textRow, line) = it.Rows[r];
            var v = Numbers(textRow, line, "data", source);
            if (v.Length != columns + 1)
                throw new InputException(source, $"expected {columns + 1} numbers per row ({layout})", key: "data",
                    value: textRow, line: line);
            if (!(v[0] > 0)) throw new InputException(source, "wavelength must be positive", key: "data", value: textRow, line: line);
            wl[r] = v[0] * Micrometre;
            if (r > 0 && !(wl[r] > wl[r - 1]))
                throw new InputException(source, "wavelengths must increase strictly from row to row", key: "data",
                    value: textRow, line: line);
            for (int c = 0; c < columns; c++)
            {
                double x = v[c + 1];
                bool isK = type == "tabulated k" || c == 1;
                // ellipsometry fits print zero as e.g. -6.14E-019 (CdS/Treharne): such round-off is k = 0
                if (x < 0 && isK && x > -NegligibleK) x = 0;
                if (x < 0 || (!isK && x == 0))
                    throw new InputException(source, isK
                        ? "negative extinction coefficient k: MieCool uses m = n + ik with k >= 0 for absorption"
                        : "refractive index n not positive", key: "data", value: textRow, line: line, valid: isK ? "k >= 0" : "n > 0");
                cols[c][r] = x;
            }
        }
        return new DataBlock(type, it.Line, null, [], wl, cols);
    }

    static double[] Numbers(string text, int line, string key, string source)
    {
        var parts = text.Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries);
        var v = new double[parts.Length];
        for (int j = 0; j < parts.Length; j++)
            if (!double.TryParse(parts[j], NumberStyles.Float, CultureInfo.InvariantCulture, out v[j]) || !double.IsFinite(v[j]))
                throw new InputException(source, "not a number", key: key, value: parts[j], line: line,
                    valid: "decimal numbers such as 0.55 or 1.2E-3");
        return v;
    }

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tag();
    [GeneratedRegex(@"<br\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex Break();
    [GeneratedRegex(@"[ \t]+")]
    private static partial Regex Spaces();

    /// <summary>HTML to plain text: &lt;br&gt; becomes a line break, tags go, entities are decoded, spaces collapse.</summary>
    public static string PlainText(string html)
    {
        var s = Break().Replace(html, "\n");
        s = WebUtility.HtmlDecode(Tag().Replace(s, ""));
        var lines = s.Split('\n').Select(l => Spaces().Replace(l, " ").Trim()).Where(l => l.Length > 0);
        return string.Join('\n', lines);
    }
}
