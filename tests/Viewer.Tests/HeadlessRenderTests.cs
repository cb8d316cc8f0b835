using MieCool.Viewer.Gl;
using MieCool.Viewer.Rendering;
using MieCool.Viewer.Scene;

namespace MieCool.Viewer.Tests;

/// <summary>One EGL context and one synthetic result shared by the headless render tests.</summary>
public sealed class HeadlessFixture : IDisposable
{
    public EglContext Context { get; } = new();
    public ResultData Data { get; } = SyntheticResult.Build(24);
    public const double Radius = 265e-9, DT0 = -2;
    public void Dispose() => Context.Dispose();
}

public sealed class HeadlessRenderTests(HeadlessFixture fx) : IClassFixture<HeadlessFixture>, IDisposable
{
    // xunit may run the next test on another thread: leave the context free.
    public void Dispose() => fx.Context.ReleaseCurrent();

    const int W = 640, H = 400;

    SceneRenderer Renderer(string field, string clip = "y=0")
    {
        fx.Context.MakeCurrent();
        return new SceneRenderer(fx.Context.Gl, fx.Data, ClipPlane.Parse(clip), field) { CheckErrors = true };
    }

    static void AssertColor(Rgb expected, (byte R, byte G, byte B, byte A) actual, int tolerance, string what)
    {
        int d = Math.Max(Math.Abs(expected.R - actual.R), Math.Max(Math.Abs(expected.G - actual.G), Math.Abs(expected.B - actual.B)));
        Assert.True(d <= tolerance, $"{what}: expected {expected}, got #{actual.R:X2}{actual.G:X2}{actual.B:X2} (difference {d})");
    }

    /// <summary>The pixel showing the point (x, z) (metres) of the y = 0 cut with the default camera (±2.5 R vertically).</summary>
    static (int X, int Y) PixelOf(double x, double z)
    {
        double s = H / 2.0 / (2.5 * HeadlessFixture.Radius);
        return ((int)Math.Floor(W / 2.0 + x * s), (int)Math.Floor(H / 2.0 - (z - HeadlessFixture.Radius) * s));
    }

    [Fact]
    public void Colour_bar_ends_show_the_colour_map_end_colours()
    {
        using var r = Renderer("dT");
        var img = r.RenderImage(W, H);
        var (bx, by, bw, bh) = Overlay.BarRect(W, H);
        AssertColor(r.ColorScale.Map.High, img[bx + bw / 2, by], 0, "top of the colour bar");
        AssertColor(r.ColorScale.Map.Low, img[bx + bw / 2, by + bh - 1], 0, "bottom of the colour bar");
        Assert.Equal("viridis", r.ColorScale.Map.Name); // dT <= 0 (a cooling): sequential over its range, see FigureTests
        img.SavePng(Path.Combine(Path.GetTempPath(), "miecool-viewer-dT.png"));
    }

    [Fact]
    public void Particle_in_the_cut_has_the_colour_of_its_value()
    {
        using var r = Renderer("q");
        var img = r.RenderImage(W, H);
        // q is cell data: q0 in the particle (the scale's low end, q0 < 0 => diverging map), 0 in air.
        var (px, py) = PixelOf(0.3 * HeadlessFixture.Radius, HeadlessFixture.Radius + 0.2 * HeadlessFixture.Radius);
        AssertColor(r.ColorScale.ColorOf(-1e15), img[px, py], 2, "particle");
        var (ax, ay) = PixelOf(1.8 * HeadlessFixture.Radius, 2.2 * HeadlessFixture.Radius);
        AssertColor(r.ColorScale.ColorOf(0), img[ax, ay], 2, "air");
    }

    [Fact]
    public void Temperature_in_the_cut_follows_the_analytic_field()
    {
        using var r = Renderer("T");
        var img = r.RenderImage(W, H);
        Assert.Equal("viridis", r.ColorScale.Map.Name);
        foreach (var (x, z) in new[] { (0.0, 1.0), (0.5, 1.0), (0.0, 1.9), (-1.6, 1.0) })
        {
            var (px, py) = PixelOf(x * HeadlessFixture.Radius, z * HeadlessFixture.Radius);
            // the world point at the pixel's centre
            double s = H / 2.0 / (2.5 * HeadlessFixture.Radius);
            double wx = (px + 0.5 - W / 2.0) / s, wz = HeadlessFixture.Radius - (py + 0.5 - H / 2.0) / s;
            double rr = Math.Sqrt(wx * wx + (wz - HeadlessFixture.Radius) * (wz - HeadlessFixture.Radius));
            double T = 300 + SyntheticResult.DeltaT(rr, HeadlessFixture.Radius, HeadlessFixture.DT0);
            // linear interpolation on the mesh (h = R/3) misses the parabola by up to h^2/8 * |dT''| ~ 0.03 K of 3 K
            var lo = r.ColorScale.ColorOf(T - 0.05); var hi = r.ColorScale.ColorOf(T + 0.05);
            var got = img[px, py];
            int tol = 2 + Math.Max(Math.Abs(lo.R - hi.R), Math.Max(Math.Abs(lo.G - hi.G), Math.Abs(lo.B - hi.B)));
            AssertColor(r.ColorScale.ColorOf(T), got, tol, $"T at ({x} R, {z} R)");
        }
    }

    [Fact]
    public void Background_shows_where_regions_are_hidden()
    {
        using var r = Renderer("dT");
        r.HiddenRegions.UnionWith([3, 4]);
        var img = r.RenderImage(W, H);
        var (px, py) = PixelOf(-2.0 * HeadlessFixture.Radius, -0.5 * HeadlessFixture.Radius);
        AssertColor(new Rgb(255, 255, 255), img[px, py], 0, "background");
        var (cx, cy) = PixelOf(0, HeadlessFixture.Radius);
        AssertColor(r.ColorScale.Map.Low, img[cx, cy], 3, "particle centre (the coldest point)");
    }

    [Fact]
    public void Same_input_gives_the_same_pixels()
    {
        using var r = Renderer("E2", "x=0");
        var a = r.RenderImage(320, 200);
        var b = r.RenderImage(320, 200);
        Assert.Equal(a.Pixels, b.Pixels);
    }

    [Fact]
    public void Region_field_with_the_legend_of_keys()
    {
        using var r = Renderer("region");
        r.Keys = MieCool.Viewer.Window.ViewerApp.KeyLegend;
        r.HiddenRegions.Add(4); // air hidden: the particle and the substrate top show in 3-D behind the cut
        r.Camera.Orbit(-60, 25);
        var img = r.RenderImage(W, H);
        img.SavePng(Path.Combine(Path.GetTempPath(), "miecool-viewer-region.png"));
        Assert.True(r.ColorScale.Map.Discrete);
        // The legend box (near-white, 210/255 over white) with dark text sits at the bottom left.
        int dark = 0;
        for (int y = H - 100; y < H; y++) for (int x = 0; x < 200; x++) if (img[x, y].R < 100) dark++;
        Assert.True(dark > 100, $"only {dark} dark pixels where the keys are written");
    }
}
