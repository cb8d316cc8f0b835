using MieCool.Viewer.Scene;
using ScottPlot;

namespace MieCool.Cli;

/// <summary>
/// What every figure of the command line shares: the `--dpi` option, the writing of each ScottPlot figure as a PNG at that
/// resolution and as an SVG beside it (vector, text as text), the colour of each multipole, and the perceptually uniform
/// colour maps (viridis; Moreland's cool-warm for a signed quantity that takes both signs), the viewer's own tables, so a
/// 2D plot and a GL picture of the same field look alike. No rainbow map (jet, turbo, hsv) is used anywhere.
/// </summary>
public static class Figure
{
    /// <summary>The resolution ScottPlot's sizes are given at: a figure's nominal size in pixels at 96 dpi.</summary>
    public const int BaseDpi = 96;

    /// <summary>`--dpi`, declared once for run, spectrum, map, sweep, transient and render.</summary>
    public static readonly CountOption Dpi = new("dpi",
        "resolution of the PNG figures in dots per inch: the PNG has (DPI / 96) times the nominal pixels, with text and lines " +
        "scaled alike (300 for print); the SVGs beside them are vector and do not depend on it")
        { Default = BaseDpi, Min = 24, Max = 1200 };

    /// <summary>Pixels of a PNG side of nominal size <paramref name="nominal"/> at <paramref name="dpi"/>.</summary>
    public static int Pixels(int nominal, int dpi) => (int)Math.Round(nominal * (double)dpi / BaseDpi);

    /// <summary>The SVG written beside a PNG: the same name with .svg.</summary>
    public static string SvgOf(string png) => Path.ChangeExtension(png, ".svg");

    /// <summary>
    /// Writes <paramref name="plot"/> to <paramref name="png"/> at <paramref name="dpi"/> (nominal size
    /// <paramref name="width"/> x <paramref name="height"/> at 96 dpi, everything scaled by dpi / 96) and as an SVG of the
    /// nominal size beside it (<see cref="SvgOf"/>).
    /// </summary>
    public static void Save(Plot plot, string png, int width, int height, int dpi) => Render(plot, width, height, dpi).Write(png);

    /// <summary>
    /// <paramref name="plot"/> drawn into memory as <see cref="Save"/> writes it, PNG and SVG, so that a figure can be drawn
    /// before its folder is written (`run` draws spectrum.png beside the final heat solve).
    /// </summary>
    public static FigureFiles Render(Plot plot, int width, int height, int dpi) =>
        new(Png(plot, width, height, dpi), Svg(plot, width, height));

    /// <summary>
    /// The PNG alone: nominal size <paramref name="width"/> x <paramref name="height"/> at 96 dpi, scaled to
    /// <paramref name="dpi"/>.
    /// </summary>
    public static void SavePng(Plot plot, string path, int width, int height, int dpi) =>
        File.WriteAllBytes(path, Png(plot, width, height, dpi));

    static byte[] Png(Plot plot, int width, int height, int dpi)
    {
        plot.ScaleFactor = (float)dpi / BaseDpi;
        try
        {
            using var image = plot.GetImage(Pixels(width, dpi), Pixels(height, dpi));
            return image.GetImageBytes(ImageFormat.Png, 100);
        }
        finally { plot.ScaleFactor = 1; }
    }

    /// <summary>
    /// The SVG alone, of the nominal size (vector: text as text elements). Drawn on an SVG canvas of our own, into memory:
    /// the canvas is disposed (which writes the document's end) before the stream it writes to, on this thread, so that no
    /// native Skia object is left for the finalizer thread (ScottPlot's own SaveSvg leaves that order to the garbage
    /// collector; docs/known-issues.md), then the file is written.
    /// </summary>
    public static void SaveSvg(Plot plot, string path, int width, int height) => File.WriteAllBytes(path, Svg(plot, width, height));

    static byte[] Svg(Plot plot, int width, int height)
    {
        plot.ScaleFactor = 1;
        using var memory = new MemoryStream();
        using (var stream = new SkiaSharp.SKManagedWStream(memory))
        {
            using (var canvas = SkiaSharp.SKSvgCanvas.Create(SkiaSharp.SKRect.Create(width, height), stream))
            {
                // as ScottPlot's own SVG export: no clearing rectangle (a black one in SVG) under the figure's background
                bool clear = plot.RenderManager.ClearCanvasBeforeEachRender;
                plot.RenderManager.ClearCanvasBeforeEachRender = false;
                try { plot.Render(canvas, width, height); }
                finally { plot.RenderManager.ClearCanvasBeforeEachRender = clear; }
            }
            stream.Flush();
        }
        return memory.ToArray();
    }

    // Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision deficiency.
    static readonly Color[] OkabeIto =
    [
        Color.FromHex("#0072B2"), Color.FromHex("#D55E00"), Color.FromHex("#009E73"), Color.FromHex("#CC79A7"),
        Color.FromHex("#E69F00"), Color.FromHex("#56B4E9"), Color.FromHex("#000000"), Color.FromHex("#F0E442"),
    ];

    /// <summary>The colour of a multipole in every figure: ED, MD, EQ, MQ, EO, MO, then E16/M16 ... in the Okabe-Ito palette.</summary>
    public static Color MultipoleColor(string label)
    {
        int k = label switch { "ED" => 0, "MD" => 1, "EQ" => 2, "MQ" => 3, "EO" => 4, "MO" => 5, _ => label.StartsWith('E') ? 6 : 7 };
        return OkabeIto[k];
    }

    /// <summary>A viewer colour map as a ScottPlot colour map (the same 256 entries, nearest entry).</summary>
    public sealed class Colormap(ColorMap map) : IColormap
    {
        /// <inheritdoc/>
        public string Name => map.Name;
        /// <inheritdoc/>
        public Color GetColor(double position)
        {
            var c = map.At(double.IsFinite(position) ? position : 0);
            return new Color(c.R, c.G, c.B);
        }
    }

    /// <summary>Viridis (sequential, van der Walt and Smith 2015, the viewer's table).</summary>
    public static IColormap Viridis { get; } = new Colormap(ColorMap.Viridis);
    /// <summary>Cool-warm (diverging, Moreland 2009, the viewer's table).</summary>
    public static IColormap CoolWarm { get; } = new Colormap(ColorMap.CoolWarm);
    /// <summary>The colour of undefined values (ScottPlot form of <see cref="ColorMap.Undefined"/>).</summary>
    public static Color Undefined => new(ColorMap.Undefined.R, ColorMap.Undefined.G, ColorMap.Undefined.B);

    /// <summary>
    /// The map and range of a field's values (NaN left out) by the viewer's rule (<see cref="ColorScale.For"/>): cool-warm
    /// over [-m, m] when they take both signs, else viridis over their own range.
    /// </summary>
    public static (IColormap Map, double Min, double Max) ScaleOf(IEnumerable<double> values)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in values) if (double.IsFinite(v)) { min = Math.Min(min, v); max = Math.Max(max, v); }
        if (!double.IsFinite(min)) return (Viridis, 0, 1);
        var scale = ColorScale.OfRange(min, max);
        return (ReferenceEquals(scale.Map, ColorMap.CoolWarm) ? CoolWarm : Viridis, scale.Min, scale.Max);
    }

    /// <summary>
    /// The warning when an optimum sits at the edge of a scanned range (the true optimum may lie beyond it), or null:
    /// <paramref name="what"/> names the scanned quantity, <paramref name="unit"/> its unit.
    /// </summary>
    public static string? EdgeWarning(string what, double best, double first, double last, string unit)
    {
        double lo = Math.Min(first, last), hi = Math.Max(first, last);
        if (!(hi > lo)) return null;
        string edge = best <= lo + 1e-9 * (hi - lo) ? "lower" : best >= hi - 1e-9 * (hi - lo) ? "upper" : "";
        if (edge.Length == 0) return null;
        return $"the optimum is at the {edge} edge of the scanned {what} ({Fmt(best)} {unit} of {Fmt(lo)}-{Fmt(hi)} {unit}): " +
               "widen the range to see whether it is a true optimum";
    }

    static string Fmt(double v) => v.ToString("G4", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A figure drawn into memory (<see cref="Figure.Render"/>): its PNG and the SVG beside it.</summary>
public sealed record FigureFiles(byte[] Png, byte[] Svg)
{
    /// <summary>Writes the PNG to <paramref name="png"/> and the SVG beside it (<see cref="Figure.SvgOf"/>).</summary>
    public void Write(string png)
    {
        File.WriteAllBytes(png, Png);
        File.WriteAllBytes(Figure.SvgOf(png), Svg);
    }
}

/// <summary>
/// The one style of the spectrum figures (`run`'s spectrum.png and `miecool spectrum`): efficiencies Q on the left axis,
/// Purcell factors on the right axis, each curve labelled with its axis in the legend (outside the data, right); totals
/// solid, multipole contributions dashed (absorption or extinction) or dotted (emission) in the multipole's colour
/// (<see cref="Figure.MultipoleColor"/>), the peak of each multipole curve labelled with its name; the pump and emission
/// wavelengths as vertical lines named in the legend (never as text over the ticks).
/// </summary>
public sealed class SpectrumFigure : IDisposable
{
    readonly Plot _plot = new();
    readonly List<(double X, double Y, string Text, Color Color, bool Right)> _peaks = [];
    double _x0 = double.PositiveInfinity, _x1 = double.NegativeInfinity;
    bool _right;

    /// <summary>A figure with a title and the left axis' label (the right one is set by <see cref="RightLabel"/>).</summary>
    public SpectrumFigure(string title, string leftLabel)
    {
        _plot.Title(title);
        _plot.XLabel("vacuum wavelength (nm)");
        _plot.YLabel(leftLabel);
    }

    /// <summary>The right axis' label (when a curve is drawn on it).</summary>
    public string RightLabel { get; set; } = "";

    ScottPlot.Plottables.Scatter Line(double[] nm, double[] y, string label, Color color, float width, LinePattern pattern, bool right)
    {
        var s = _plot.Add.ScatterLine(nm, y, color);
        s.LegendText = label + (right ? " (right axis)" : " (left axis)");
        s.LineWidth = width; s.LinePattern = pattern;
        if (right) { s.Axes.YAxis = _plot.Axes.Right; _right = true; }
        _x0 = Math.Min(_x0, nm.Min()); _x1 = Math.Max(_x1, nm.Max());
        return s;
    }

    /// <summary>A total (Qext, Qabs, F_bulk, ...): a solid line.</summary>
    public void Total(double[] nm, double[] y, string label, Color color, bool right = false) =>
        Line(nm, y, label, color, 2.5f, LinePattern.Solid, right);

    /// <summary>
    /// One multipole's contribution: dashed (left axis) or dotted (right axis, emission) in its colour; its largest value,
    /// when inside the range (a resonance, not a rising edge), is labelled with <paramref name="multipole"/>.
    /// </summary>
    public void Multipole(double[] nm, double[] y, string multipole, string label, bool right = false)
    {
        var color = Figure.MultipoleColor(multipole);
        Line(nm, y, label, color, 1.8f, right ? LinePattern.Dotted : LinePattern.Dashed, right);
        int k = Array.IndexOf(y, y.Max());
        if (k > 0 && k < y.Length - 1) _peaks.Add((nm[k], y[k], multipole, color, right));
    }

    /// <summary>A resonance of a total: a dot with its wavelength and dominant multipole.</summary>
    public void Resonance(double nm, double y, string dominant)
    {
        _plot.Add.Marker(nm, y, MarkerShape.FilledCircle, 8, Colors.Black);
        _peaks.Add((nm, y, $"{nm:0} nm ({dominant})", Colors.Black, false));
    }

    /// <summary>A wavelength mark (pump, emission peak): a vertical dotted line named in the legend.</summary>
    public void Mark(double nm, string label, Color color)
    {
        var v = _plot.Add.VerticalLine(nm, 1.5f, color, LinePattern.DenselyDashed);
        v.LegendText = label;
    }

    /// <summary>Lays the figure out (limits with room above the peaks for their labels) and saves PNG and SVG.</summary>
    public void Save(string png, int dpi, int width = 1400, int height = 750) => Render(dpi, width, height).Write(png);

    /// <summary>Lays the figure out as <see cref="Save"/> and draws it into memory.</summary>
    public FigureFiles Render(int dpi, int width = 1400, int height = 750)
    {
        _plot.Axes.AutoScale();
        var left = _plot.Axes.GetLimits(_plot.Axes.Bottom, _plot.Axes.Left);
        _plot.Axes.SetLimitsY(Math.Min(0, left.Bottom), left.Top * 1.15, _plot.Axes.Left);
        if (_right)
        {
            var right = _plot.Axes.GetLimits(_plot.Axes.Bottom, _plot.Axes.Right);
            _plot.Axes.SetLimitsY(Math.Min(0, right.Bottom), right.Top * 1.15, _plot.Axes.Right);
            _plot.Axes.Right.Label.Text = RightLabel;
        }
        foreach (var (x, y, text, color, right) in _peaks)
        {
            var t = _plot.Add.Text(text, x, y);
            t.LabelFontSize = 13; t.LabelFontColor = color; t.LabelBold = true;
            t.LabelAlignment = Alignment.LowerCenter; t.OffsetY = -6;
            t.LabelBackgroundColor = Colors.White.WithAlpha(0.7);
            if (right) t.Axes.YAxis = _plot.Axes.Right;
        }
        _plot.Axes.SetLimitsX(_x0 - 0.02 * (_x1 - _x0), _x1 + 0.02 * (_x1 - _x0));
        _plot.ShowLegend(Edge.Right); // outside the data area: no label over a curve or a tick
        return Figure.Render(_plot, width, height, dpi);
    }

    /// <summary>Frees the plot's Skia objects now (not later on the finalizer thread).</summary>
    public void Dispose() => _plot.Dispose();
}
