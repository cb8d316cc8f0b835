using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MieCool.Cli.Output;

namespace MieCool.Cli.Sweep;

/// <summary>One finished point as its file holds it.</summary>
/// <param name="Index">0-based point index.</param>
/// <param name="Name">The file's name without .json.</param>
/// <param name="Varied">The varied keys and the values given to the case.</param>
/// <param name="Values">The varied columns (numbers in the axis's unit, or words).</param>
/// <param name="Row">The scalar results under the summary.json names.</param>
public sealed record PointRow(int Index, string Name, JsonObject Varied, JsonObject Values, JsonObject Row)
{
    /// <summary>A result as a number, or null (absent, null or not a number).</summary>
    public double? Number(string key) =>
        Row[key] is JsonValue v && v.TryGetValue(out double d) ? d : null;
}

/// <summary>
/// The merged table of a sweep, rebuilt from the point files: sweep.csv (one row per point in point order, the varied
/// columns with their units, then the results under their summary.json names), sweep.json, the optimum (the most
/// negative particle mean dT) and the warnings (an optimum at the edge of a scanned range).
/// </summary>
public static class SweepTable
{
    /// <summary>The result by which points are ranked (the lowest wins).</summary>
    public const string Objective = "dT_particle_mean_K";

    /// <summary>Every point file of this sweep (its fingerprint) in DIR/points, in point order.</summary>
    public static List<PointRow> Read(string pointsDir, string fingerprint)
    {
        var rows = new List<PointRow>();
        foreach (var file in Directory.EnumerateFiles(pointsDir, "*.json"))
            if (Path.GetFileName(file) != SweepCommand.PlanFile && ReadPoint(file, fingerprint) is { } row) rows.Add(row);
        return rows.OrderBy(r => r.Index).ToList();
    }

    /// <summary>One point file of this sweep (its fingerprint), or null when it is not one (another sweep's, not JSON).</summary>
    public static PointRow? ReadPoint(string file, string fingerprint)
    {
        JsonObject o;
        try { o = JsonNode.Parse(File.ReadAllText(file))!.AsObject(); }
        catch (JsonException) { return null; }
        if ((string?)o["sweep"] != fingerprint) return null;
        return new PointRow((int)o["index"]!, (string)o["name"]!, o["varied"]!.AsObject(), o["values"]!.AsObject(),
                            o["row"]!.AsObject());
    }

    /// <summary>The columns of sweep.csv: the varied ones, then the results of the first point in their order.</summary>
    public static List<string> Columns(IReadOnlyList<string> varied, IReadOnlyList<PointRow> rows) =>
        [.. varied, .. rows.Count == 0 ? [] : rows[0].Row.Select(kv => kv.Key)];

    /// <summary>sweep.csv: a comment line, the header, one row per point (numbers exactly as in the point files).</summary>
    public static string Csv(string comment, IReadOnlyList<string> varied, IReadOnlyList<PointRow> rows)
    {
        var columns = Columns(varied, rows);
        var sb = new StringBuilder();
        sb.Append("# ").AppendLine(comment);
        sb.AppendLine(string.Join(",", columns));
        foreach (var r in rows)
            sb.AppendLine(string.Join(",", columns.Select(c => Cell(r.Values.ContainsKey(c) ? r.Values[c] : r.Row[c]))));
        return sb.ToString();
    }

    static string Cell(JsonNode? n)
    {
        if (n is null) return "";
        if (n is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            var s = v.GetValue<string>();
            return s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
        }
        return n.ToJsonString();
    }

    /// <summary>sweep.json: every point as one object (index, name, varied keys, columns and results).</summary>
    public static JsonArray Json(IReadOnlyList<PointRow> rows) =>
        [.. rows.Select(r =>
        {
            var o = new JsonObject { ["index"] = r.Index, ["name"] = r.Name, ["varied"] = r.Varied.DeepClone() };
            foreach (var (k, v) in r.Values) o[k] = v?.DeepClone();
            foreach (var (k, v) in r.Row) o[k] = v?.DeepClone();
            return (JsonNode)o;
        })];

    /// <summary>The point with the lowest <see cref="Objective"/>, or null when no point has one (no steady state).</summary>
    public static PointRow? Optimum(IReadOnlyList<PointRow> rows) =>
        rows.Where(r => r.Number(Objective) is not null).MinBy(r => r.Number(Objective)!.Value);

    /// <summary>
    /// "the optimum lies at the edge of the scanned range" for every numeric axis of at least two values whose smallest or
    /// largest value the optimum has: the true optimum may lie beyond it.
    /// </summary>
    public static List<string> EdgeWarnings(SweepPlan plan, PointRow best)
    {
        var warnings = new List<string>();
        foreach (var a in plan.Axes.Where(a => a.Numeric))
        {
            var values = a.Values.Select(v => v.Number!.Value).Distinct().ToList();
            if (values.Count < 2 || best.Values[a.Column] is not JsonValue jv || !jv.TryGetValue(out double at)) continue;
            string? edge = at == values.Min() ? "smallest" : at == values.Max() ? "largest" : null;
            if (edge is not null)
                warnings.Add(string.Create(CultureInfo.InvariantCulture,
                    $"the optimum lies at the edge of the scanned range of {a.Key}: ") +
                    (string?)best.Varied[a.Key] + $" is its " +
                    $"{edge} value; the true optimum may lie beyond it (widen the range)");
        }
        return warnings;
    }
}
