using System.Globalization;
using MieCool.Mesh;
using MieCool.Viewer.Scene;
using SkiaSharp;

namespace MieCool.Viewer.Rendering;

/// <summary>What the 2-D overlay shows; a change of any part re-draws it.</summary>
public sealed record OverlayContent(int Width, int Height, Field Field, ColorScale Scale, string Caption, string[]? Keys)
{
    /// <summary>Metres per pixel at the section: the scale bar's length; 0 draws no scale bar.</summary>
    public double MetresPerPixel { get; init; }
    /// <summary>Region names to write at points of the image.</summary>
    public RegionLabels Labels { get; init; } = new([]);
    /// <summary>The legend note under the colour bar beside a swatch of <see cref="ColorMap.Undefined"/>, or null.</summary>
    public string? UndefinedNote { get; init; }
}

/// <summary>A region's name at a pixel (x right, y down from the top row).</summary>
/// <param name="Text">The name, e.g. "particle".</param>
/// <param name="X">Pixel column of the text's left end.</param>
/// <param name="Y">Pixel row of the text's centre.</param>
public sealed record RegionLabel(string Text, float X, float Y);

/// <summary>The region labels of an overlay, equal when their items are (so an unchanged view does not re-draw it).</summary>
/// <param name="Items">The labels.</param>
public sealed record RegionLabels(IReadOnlyList<RegionLabel> Items)
{
    /// <inheritdoc/>
    public bool Equals(RegionLabels? other) => other is not null && Items.SequenceEqual(other.Items);
    /// <inheritdoc/>
    public override int GetHashCode() => Items.Count;
}

/// <summary>
/// The 2-D layer over the scene, drawn on the CPU with SkiaSharp into an RGBA image: the colour bar (every
/// row one colour-map entry, so its ends are exactly the map's end colours) with the field's name, unit and
/// tick values (and a swatch of the undefined colour when part of the mesh has no data), a caption, a length scale bar
/// in nm at the bottom left, the region names, and optionally the legend of keys.
/// </summary>
public static class Overlay
{
    static readonly SKTypeface Face = SKTypeface.FromFamilyName("DejaVu Sans") ?? SKTypeface.Default;

    /// <summary>Where the colour bar is in an image of the given size: left, top, width, height in pixels.</summary>
    public static (int X, int Y, int W, int H) BarRect(int width, int height)
    {
        float font = FontSize(height);
        int barH = (int)(0.6 * height), barW = Math.Max(10, (int)(1.2 * font));
        int x = width - barW - (int)(6.5 * font);
        int y = (height - barH) / 2 + (int)font;
        return (x, y, barW, barH);
    }

    static float FontSize(int height) => Math.Max(11f, height / 48f);

    /// <summary>Draws the overlay; returns premultiplied RGBA8, top row first.</summary>
    public static byte[] Draw(OverlayContent c)
    {
        var info = new SKImageInfo(c.Width, c.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info) ?? throw new InvalidOperationException("SkiaSharp could not create a raster surface");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.Transparent);
        float fs = FontSize(c.Height);
        using var font = new SKFont(Face, fs) { Edging = SKFontEdging.Antialias };
        using var small = new SKFont(Face, fs * 0.85f) { Edging = SKFontEdging.Antialias };
        using var ink = new SKPaint { Color = new SKColor(20, 20, 20), IsAntialias = true };
        using var halo = new SKPaint { Color = new SKColor(255, 255, 255, 200), IsAntialias = true };

        // Colour bar: row by row from the high end (top) to the low end (bottom); for categories (regions),
        // one equal block per category present, the lowest at the bottom.
        var (bx, by, bw, bh) = BarRect(c.Width, c.Height);
        var categories = c.Scale.Categories;
        using (var fill = new SKPaint { IsAntialias = false })
        {
            for (int row = 0; row < bh; row++)
            {
                double t = bh > 1 ? 1 - (double)row / (bh - 1) : 0.5;
                var col = categories is { Length: > 0 } cats
                    ? c.Scale.ColorOf(cats[Math.Min(cats.Length - 1, (int)((double)(bh - 1 - row) * cats.Length / bh))])
                    : c.Scale.Map.At(t);
                fill.Color = new SKColor(col.R, col.G, col.B);
                canvas.DrawRect(bx, by + row, bw, 1, fill);
            }
        }
        using (var frame = new SKPaint { Color = new SKColor(60, 60, 60), IsStroke = true, StrokeWidth = 1, IsAntialias = false })
            canvas.DrawRect(bx - 1, by - 1, bw + 1, bh + 1, frame);

        // Title: name and unit, the long name beneath in the smaller font.
        // Centred over the bar, but shifted left as far as needed to stay inside the image.
        float titleY = by - 1.9f * fs;
        float Centre(string text, SKFont f) => Math.Min(bx + bw / 2f, c.Width - 0.4f * fs - f.MeasureText(text) / 2f);
        DrawText(canvas, c.Field.Label, Centre(c.Field.Label, font), titleY, SKTextAlign.Center, font, ink, halo);
        if (!string.IsNullOrEmpty(c.Field.LongName) && c.Field.LongName != c.Field.Name)
            DrawText(canvas, c.Field.LongName, Centre(c.Field.LongName, small), titleY + 1.1f * fs, SKTextAlign.Center, small, ink, halo);

        // Ticks: region names at their bands, or five values for a continuous scale.
        var ticks = new List<(double T, string Text)>();
        if (categories is { Length: > 0 })
        {
            for (int k = 0; k < categories.Length; k++) ticks.Add(((k + 0.5) / categories.Length, Tags.RegionName(categories[k])));
        }
        else
        {
            for (int k = 0; k <= 4; k++)
            {
                double v = c.Scale.Min + k / 4.0 * (c.Scale.Max - c.Scale.Min);
                ticks.Add((k / 4.0, FormatValue(v, c.Scale.Max - c.Scale.Min)));
            }
        }
        using var tick = new SKPaint { Color = new SKColor(40, 40, 40), StrokeWidth = 1, IsAntialias = false };
        foreach (var (t, text) in ticks)
        {
            float y = by + (float)((1 - t) * (bh - 1));
            canvas.DrawLine(bx + bw, y, bx + bw + 0.4f * fs, y, tick);
            DrawText(canvas, text, bx + bw + 0.6f * fs, y + 0.35f * fs, SKTextAlign.Left, small, ink, halo);
        }

        if (c.UndefinedNote is { } note)
        {
            float sy = by + bh + 1.2f * fs;
            var u = ColorMap.Undefined;
            using (var sw = new SKPaint { Color = new SKColor(u.R, u.G, u.B), IsAntialias = false })
                canvas.DrawRect(bx, sy, bw, fs, sw);
            using (var frame = new SKPaint { Color = new SKColor(60, 60, 60), IsStroke = true, StrokeWidth = 1, IsAntialias = false })
                canvas.DrawRect(bx - 1, sy - 1, bw + 1, fs + 1, frame);
            DrawText(canvas, "undefined", bx + bw + 0.6f * fs, sy + 0.8f * fs, SKTextAlign.Left, small, ink, halo);
            float nw = small.MeasureText(note);
            DrawText(canvas, note, Math.Min(bx + bw, c.Width - 0.4f * fs - nw), sy + 2.3f * fs, SKTextAlign.Left, small, ink, halo);
        }

        foreach (var label in c.Labels.Items)
            DrawText(canvas, label.Text, label.X, label.Y + 0.35f * fs, SKTextAlign.Left, font, ink, halo);

        // Caption at the top left, legend of keys at the bottom left.
        DrawText(canvas, c.Caption, 0.8f * fs, 1.5f * fs, SKTextAlign.Left, small, ink, halo);
        if (c.Keys is { Length: > 0 } keys)
        {
            float y0 = c.Height - (keys.Length + 0.5f) * 1.25f * fs;
            using var box = new SKPaint { Color = new SKColor(255, 255, 255, 210) };
            float wmax = keys.Max(k => small.MeasureText(k));
            canvas.DrawRect(0.4f * fs, y0 - 1.2f * fs, wmax + 0.9f * fs, (keys.Length + 0.4f) * 1.25f * fs, box);
            for (int i = 0; i < keys.Length; i++)
                canvas.DrawText(keys[i], 0.8f * fs, y0 + i * 1.25f * fs, SKTextAlign.Left, small, ink);
        }
        if (c.MetresPerPixel > 0) ScaleBar(canvas, c, small, ink, halo);

        var pixels = new byte[c.Width * c.Height * 4];
        using var image = surface.Snapshot();
        using var pix = image.PeekPixels() ?? throw new InvalidOperationException("SkiaSharp raster surface without pixels");
        System.Runtime.InteropServices.Marshal.Copy(pix.GetPixels(), pixels, 0, pixels.Length);
        return pixels;
    }

    /// <summary>
    /// Where the scale bar is and what it measures: left, top, width, height in pixels, and its length in nm, a round
    /// 1, 2 or 5 times a power of ten, the longest of these not over a fifth of the image width.
    /// </summary>
    public static (int X, int Y, int W, int H, double LengthNm) ScaleBarRect(double metresPerPixel, int width, int height,
                                                                              string[]? keys = null)
    {
        float fs = FontSize(height);
        float bottom = keys is { Length: > 0 } ? height - (keys.Length + 0.5f) * 1.25f * fs - 1.2f * fs : height;
        double nm = NiceLength(0.2 * width * metresPerPixel * 1e9);
        int w = (int)Math.Round(nm * 1e-9 / metresPerPixel), h = Math.Max(3, (int)(0.35f * fs));
        return ((int)(1.2f * fs), (int)(bottom - 0.8f * fs) - h, w, h, nm);
    }

    /// <summary>The largest 1, 2 or 5 times a power of ten not above <paramref name="v"/> (v &gt; 0).</summary>
    public static double NiceLength(double v)
    {
        double p = Math.Pow(10, Math.Floor(Math.Log10(v)));
        return v >= 5 * p ? 5 * p : v >= 2 * p ? 2 * p : p;
    }

    static void ScaleBar(SKCanvas canvas, OverlayContent c, SKFont font, SKPaint ink, SKPaint halo)
    {
        var (x, y, w, h, nm) = ScaleBarRect(c.MetresPerPixel, c.Width, c.Height, c.Keys);
        using (var back = new SKPaint { Color = new SKColor(255, 255, 255, 200) })
            canvas.DrawRect(x - 3, y - 1.35f * font.Size, w + 6, h + 1.6f * font.Size, back);
        using (var bar = new SKPaint { Color = SKColors.Black, IsAntialias = false })
            canvas.DrawRect(x, y, w, h, bar);
        string text = nm >= 1000 ? $"{(nm / 1000).ToString("G3", CultureInfo.InvariantCulture)} um"
                                 : $"{nm.ToString("G3", CultureInfo.InvariantCulture)} nm";
        DrawText(canvas, text, x + w / 2f, y - 0.3f * font.Size, SKTextAlign.Center, font, ink, halo);
    }

    static void DrawText(SKCanvas canvas, string text, float x, float y, SKTextAlign align, SKFont font, SKPaint ink, SKPaint halo)
    {
        // A faint white halo keeps labels readable over dark colours.
        float w = font.MeasureText(text);
        float left = align switch { SKTextAlign.Center => x - w / 2, SKTextAlign.Right => x - w, _ => x };
        canvas.DrawRect(left - 2, y - font.Size, w + 4, font.Size * 1.3f, halo);
        canvas.DrawText(text, x, y, align, font, ink);
    }

    /// <summary>Tick text with as many digits as the span needs: "0.25", "-1.5e+15", "300.2".</summary>
    public static string FormatValue(double v, double span)
    {
        if (v == 0 || Math.Abs(v) < 1e-9 * Math.Abs(span)) return "0";
        double a = Math.Abs(v);
        if (a >= 1e5 || a < 1e-3) return v.ToString("0.##e+0", CultureInfo.InvariantCulture);
        int decimals = span > 0 ? Math.Clamp(2 - (int)Math.Floor(Math.Log10(span)), 0, 6) : 3;
        return v.ToString("F" + decimals, CultureInfo.InvariantCulture);
    }
}
