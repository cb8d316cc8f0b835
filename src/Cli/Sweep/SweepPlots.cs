using System.Globalization;
using ScottPlot;

namespace MieCool.Cli.Sweep;

/// <summary>
/// sweep.png: for one varied key (or zipped keys, against the first) the particle mean dT with its min-max band and eta_c
/// against the key; for a grid of two keys a heat map of the mean dT in a perceptually uniform colour map (viridis over
/// its range, cool-warm centred on zero when it takes both signs: <see cref="Figure.ScaleOf"/>); the optimum marked in
/// both. PNG at --dpi, and the same figure as sweep.svg. A key whose values
/// span two decades or more is drawn on a log10 axis. Three or more grid keys get no plot.
/// </summary>
public static class SweepPlots
{
    /// <summary>
    /// Writes the plot to <paramref name="path"/>, a PNG at <paramref name="dpi"/> or with <paramref name="svg"/> the SVG;
    /// false (nothing written) when the sweep has no plot.
    /// </summary>
    public static bool Write(string path, SweepPlan plan, IReadOnlyList<PointRow> rows, PointRow best, string title,
                             int dpi = Figure.BaseDpi, bool svg = false)
    {
        void Save(Plot plot, int w, int h)
        {
            if (svg) Figure.SaveSvg(plot, path, w, h);
            else Figure.SavePng(plot, path, w, h, dpi);
        }
        var axes = plan.Axes.Where(a => a.Numeric && a.Values.Count > 1).ToList();
        var with = rows.Where(r => r.Number(SweepTable.Objective) is not null).ToList();
        if (with.Count < 2 || axes.Count == 0) return false;
        if (plan.Zip || plan.Axes.Count(a => a.Values.Count > 1) == 1) { Line(Save, axes[0], with, best, title); return true; }
        if (plan.Axes.Count == 2 && axes.Count == 2) { Map(Save, axes[0], axes[1], with, best, title); return true; }
        return false;
    }

    static bool Log(SweepAxis a) =>
        a.Values.All(v => v.Number > 0) && a.Values.Max(v => v.Number!.Value) >= 100 * a.Values.Min(v => v.Number!.Value);
    static double X(SweepAxis a, PointRow r) => r.Values[a.Column]!.AsValue().GetValue<double>() is var v && Log(a) ? Math.Log10(v) : v;
    static string Label(SweepAxis a) => (Log(a) ? "log10 of " : "") + a.Key + (a.Unit is null ? "" : $" ({a.Unit})");
    static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    static void Line(Action<Plot, int, int> save, SweepAxis a, List<PointRow> rows, PointRow best, string title)
    {
        rows = rows.OrderBy(r => X(a, r)).ToList();
        double[] x = rows.Select(r => X(a, r)).ToArray();
        using var plot = new Plot();
        var band = plot.Add.FillY(x, rows.Select(r => r.Number("dT_particle_min_K") ?? double.NaN).ToArray(),
                                  rows.Select(r => r.Number("dT_particle_max_K") ?? double.NaN).ToArray());
        band.FillColor = Colors.RoyalBlue.WithAlpha(0.2); band.LegendText = "particle min-max dT";
        var mean = plot.Add.ScatterLine(x, rows.Select(r => r.Number(SweepTable.Objective)!.Value).ToArray(), Colors.RoyalBlue);
        mean.LineWidth = 2.5f; mean.LegendText = "particle mean dT (left axis)";
        if (rows.All(r => r.Number("eta_c") is not null))
        {
            var eta = plot.Add.ScatterLine(x, rows.Select(r => r.Number("eta_c")!.Value).ToArray(), Colors.Crimson);
            eta.LineWidth = 2; eta.LinePattern = LinePattern.Dashed; eta.LegendText = "eta_c (right axis, > 0 cools)";
            eta.Axes.YAxis = plot.Axes.Right;
            plot.Axes.Right.Label.Text = "cooling efficiency eta_c";
        }
        double bx = X(a, best), by = best.Number(SweepTable.Objective)!.Value;
        plot.Add.Marker(bx, by, MarkerShape.FilledCircle, 10, Colors.Black);
        var t = plot.Add.Text(Inv($"optimum {(string?)best.Varied[a.Key]}: {by:G4} K"), bx, by);
        t.LabelFontSize = 13; t.OffsetY = 10;
        // the label stays inside the frame: left-aligned at the left end of the range, right-aligned at the right end
        t.LabelAlignment = bx >= x[^1] - 0.2 * (x[^1] - x[0]) ? Alignment.UpperRight
                           : bx <= x[0] + 0.2 * (x[^1] - x[0]) ? Alignment.UpperLeft : Alignment.UpperCenter;
        plot.Title(title);
        plot.XLabel(Label(a));
        plot.YLabel("particle temperature change dT (K)");
        plot.ShowLegend(Edge.Bottom);
        save(plot, 1100, 700);
    }

    static void Map(Action<Plot, int, int> save, SweepAxis ax, SweepAxis ay, List<PointRow> rows, PointRow best, string title)
    {
        var xs = ax.Values.Select(v => Log(ax) ? Math.Log10(v.Number!.Value) : v.Number!.Value).Distinct().Order().ToList();
        var ys = ay.Values.Select(v => Log(ay) ? Math.Log10(v.Number!.Value) : v.Number!.Value).Distinct().Order().ToList();
        var grid = new double[ys.Count, xs.Count];
        for (int j = 0; j < ys.Count; j++) for (int i = 0; i < xs.Count; i++) grid[j, i] = double.NaN;
        foreach (var r in rows)
            grid[ys.Count - 1 - ys.IndexOf(X(ay, r)), xs.IndexOf(X(ax, r))] = r.Number(SweepTable.Objective)!.Value; // row 0 on top
        double hx = xs.Count > 1 ? (xs[^1] - xs[0]) / (xs.Count - 1) / 2 : 0.5; // half a cell: the values at the cell centres
        double hy = ys.Count > 1 ? (ys[^1] - ys[0]) / (ys.Count - 1) / 2 : 0.5;
        using var plot = new Plot();
        var map = plot.Add.Heatmap(grid);
        var (cmap, lo, hi) = Figure.ScaleOf(grid.Cast<double>());
        map.Colormap = cmap;
        map.ManualRange = new ScottPlot.Range(lo, hi);
        map.Extent = new CoordinateRect(xs[0] - hx, xs[^1] + hx, ys[0] - hy, ys[^1] + hy);
        var bar = plot.Add.ColorBar(map);
        bar.Label = "particle mean dT (K)";
        double bx = X(ax, best), by = X(ay, best);
        plot.Add.Marker(bx, by, MarkerShape.OpenCircle, 18, Colors.White);
        plot.Add.Marker(bx, by, MarkerShape.Cross, 10, Colors.White);
        var t = plot.Add.Text(Inv($"optimum: {best.Number(SweepTable.Objective)!.Value:G4} K"), bx, by);
        t.LabelFontSize = 13; t.OffsetY = 14; t.LabelFontColor = Colors.White; t.LabelAlignment = Alignment.UpperCenter;
        plot.Title(title);
        plot.XLabel(Label(ax));
        plot.YLabel(Label(ay));
        save(plot, 1000, 760);
    }
}
