using MieCool.Results;
using MieCool.Viewer.Scene;
using SkiaSharp;

namespace MieCool.Cli.Tests;

/// <summary>`miecool render` and `miecool view` on a result folder written by MieCool.Results (synthetic particle in a box).</summary>
public sealed class RenderCommandTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("miecool-render-").FullName;

    public RenderCommandTests()
    {
        var data = SyntheticResult.Build(8);
        var fields = data.Fields.Where(f => f.Name != "region").Select(f =>
            new ResultField(f.Name, f.Location == FieldLocation.Point ? FieldCentering.Node : FieldCentering.Cell, f.Values, f.Unit,
                            f.LongName));
        ResultFile.Write(Path.Combine(_dir, "fields.h5"), data.Mesh, fields);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static (int Code, string Out, string Err) Run(params string[] argv)
    {
        var o = new StringWriter(); var e = new StringWriter();
        int code = Program.Run(argv, new Console(o, e, false));
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public void Render_writes_a_png_of_the_requested_size()
    {
        var png = Path.Combine(_dir, "fig.png");
        var (code, output, err) = Run("render", _dir, "--field", "dT", "--clip", "y=0", "--out", png, "--size", "320x200");
        Assert.True(code == 0, err);
        Assert.Contains("fig.png", output);
        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal(320, bitmap.Width);
        Assert.Equal(200, bitmap.Height);
        // The image centre is the particle centre, the coldest point: a pure cooling gets viridis, its low end there.
        var c = bitmap.GetPixel(160, 100);
        var low = ColorMap.Viridis.Low;
        Assert.True(Math.Abs(c.Red - low.R) <= 5 && Math.Abs(c.Green - low.G) <= 5 && Math.Abs(c.Blue - low.B) <= 5, $"centre pixel {c}");
        Assert.Empty(Directory.GetFiles(_dir, ".*.tmp"));
    }

    [Fact]
    public void Render_dpi_scales_the_pixels_and_frame_box_shows_the_whole_mesh()
    {
        var png = Path.Combine(_dir, "dpi.png");
        var (code, _, err) = Run("render", _dir, "--out", png, "--size", "320x200", "--dpi", "192");
        Assert.True(code == 0, err);
        using (var bitmap = SKBitmap.Decode(png)) Assert.Equal((640, 400), (bitmap.Width, bitmap.Height));
        var none = Path.Combine(_dir, "none.png");
        (code, _, err) = Run("render", _dir, "--out", none, "--size", "320x200", "--clip", "none");
        Assert.True(code == 0, err);
        var box = Path.Combine(_dir, "box.png");
        (code, _, err) = Run("render", _dir, "--out", box, "--size", "320x200", "--clip", "none", "--frame", "box");
        Assert.True(code == 0, err);
        Assert.NotEqual(File.ReadAllBytes(none), File.ReadAllBytes(box));
        (code, _, err) = Run("render", _dir, "--out", box, "--frame", "sky");
        Assert.Equal(2, code);
        Assert.Contains("--frame", err);
    }

    [Fact]
    public void Render_is_deterministic()
    {
        string a = Path.Combine(_dir, "a.png"), b = Path.Combine(_dir, "b.png");
        Assert.Equal(0, Run("render", _dir, "--field", "T", "--clip", "x=0", "--camera", "20,10,1.5", "--out", a,
                            "--size", "200x120").Code);
        Assert.Equal(0, Run("render", _dir, "--field", "T", "--clip", "x=0", "--camera", "20,10,1.5", "--out", b,
                            "--size", "200x120").Code);
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
    }

    [Theory]
    [InlineData("--field", "Tx", "no field \"Tx\"")]
    [InlineData("--size", "1600by1000", "not an image size")]
    [InlineData("--size", "0x100", "not an image size")]
    [InlineData("--clip", "w=0", "not a clip plane")]
    [InlineData("--clip", "y=5", "needs a unit")]
    [InlineData("--camera", "10", "not a camera")]
    [InlineData("--hide", "vacuum", "unknown region")]
    public void Bad_options_are_one_line_errors_with_exit_2(string option, string value, string message)
    {
        var (code, _, err) = Run("render", _dir, option, value, "--out", Path.Combine(_dir, "x.png"));
        Assert.Equal(2, code);
        Assert.Contains(message, err);
        Assert.Single(err.Trim().Split('\n'));
        Assert.False(File.Exists(Path.Combine(_dir, "x.png")));
    }

    [Fact]
    public void Missing_field_lists_the_fields_present()
    {
        var (_, _, err) = Run("render", _dir, "--field", "E", "--out", Path.Combine(_dir, "x.png"));
        foreach (var name in new[] { "T", "dT", "q", "E2", "region" }) Assert.Contains(name, err);
    }

    [Fact]
    public void A_folder_without_results_is_bad_input()
    {
        var empty = Directory.CreateTempSubdirectory("miecool-empty-").FullName;
        try
        {
            var (code, _, err) = Run("render", empty);
            Assert.Equal(2, code);
            Assert.Contains("no result files", err);
            Assert.Equal(2, Run("view", Path.Combine(empty, "nowhere")).Code);
        }
        finally { Directory.Delete(empty); }
    }

    [Fact]
    public void View_without_a_display_says_so_and_offers_render()
    {
        string? display = Environment.GetEnvironmentVariable("DISPLAY"), wayland = Environment.GetEnvironmentVariable("WAYLAND_DISPLAY");
        try
        {
            Environment.SetEnvironmentVariable("DISPLAY", null);
            Environment.SetEnvironmentVariable("WAYLAND_DISPLAY", null);
            var (code, _, err) = Run("view", _dir);
            Assert.Equal(1, code);
            Assert.Contains("no display", err);
            Assert.Contains("miecool render", err);
        }
        finally
        {
            Environment.SetEnvironmentVariable("DISPLAY", display);
            Environment.SetEnvironmentVariable("WAYLAND_DISPLAY", wayland);
        }
    }
}
