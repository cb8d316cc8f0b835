using MieCool.Mesh;
using MieCool.Viewer.Gl;
using MieCool.Viewer.Rendering;
using MieCool.Viewer.Scene;

namespace MieCool.Viewer.Tests;

/// <summary>
/// The temperature picture as a figure, checked by pixels: the colour map that fits the field, the scale bar, the region
/// labels, clean outlines inside the particle, undefined values drawn as undefined, the particle framed without a cut.
/// </summary>
public sealed class FigureTests(HeadlessFixture fx) : IClassFixture<HeadlessFixture>, IDisposable
{
    public void Dispose() => fx.Context.ReleaseCurrent();

    const int W = 640, H = 400;
    const double R = HeadlessFixture.Radius;

    SceneRenderer Renderer(ResultData data, string field, string clip = "y=0")
    {
        fx.Context.MakeCurrent();
        return new SceneRenderer(fx.Context.Gl, data, ClipPlane.Parse(clip), field) { CheckErrors = true };
    }

    static int Difference(Rgb a, (byte R, byte G, byte B, byte A) b) =>
        Math.Max(Math.Abs(a.R - b.R), Math.Max(Math.Abs(a.G - b.G), Math.Abs(a.B - b.B)));

    static void AssertColor(Rgb expected, (byte R, byte G, byte B, byte A) actual, int tolerance, string what) =>
        Assert.True(Difference(expected, actual) <= tolerance,
            $"{what}: expected {expected}, got #{actual.R:X2}{actual.G:X2}{actual.B:X2}");

    /// <summary>The synthetic result with dT replaced: a field that heats near the particle and cools beyond 1.5 R.</summary>
    static ResultData WithDT(ResultData d, Func<double, double> dTOfRadius)
    {
        var m = d.Mesh; var c = m.Particle!;
        var dT = new double[m.NodeCount];
        for (int i = 0; i < m.NodeCount; i++)
        {
            double x = m.Nodes[3 * i], y = m.Nodes[3 * i + 1], z = m.Nodes[3 * i + 2] - c.CenterZ;
            dT[i] = dTOfRadius(Math.Sqrt(x * x + y * y + z * z) / c.Radius);
        }
        return new ResultData(m, [new Field("dT", FieldLocation.Point, dT, "K", "temperature change")], "two-signed");
    }

    static void AssertBarEnds(SceneRenderer r, RgbaImage img)
    {
        var (bx, by, bw, bh) = Overlay.BarRect(W, H);
        AssertColor(r.ColorScale.Map.High, img[bx + bw / 2, by], 0, "top of the colour bar");
        AssertColor(r.ColorScale.Map.Low, img[bx + bw / 2, by + bh - 1], 0, "bottom of the colour bar");
    }

    [Fact]
    public void A_two_signed_change_gets_the_diverging_map_centred_on_zero()
    {
        using var r = Renderer(WithDT(fx.Data, rho => 3 - 2 * rho), "dT"); // +3 K at the centre, -2.5 K at the corners
        var img = r.RenderImage(W, H);
        Assert.Equal("cool-warm", r.ColorScale.Map.Name);
        Assert.Equal(-r.ColorScale.Max, r.ColorScale.Min);
        AssertBarEnds(r, img);
        AssertColor(new Rgb(59, 76, 192), img[Overlay.BarRect(W, H).X + 2, Overlay.BarRect(W, H).Y + Overlay.BarRect(W, H).H - 1], 0,
                    "the low end is Moreland's blue");
        AssertColor(new Rgb(180, 4, 38), img[Overlay.BarRect(W, H).X + 2, Overlay.BarRect(W, H).Y], 0, "the high end is Moreland's red");
    }

    [Fact]
    public void A_one_signed_cooling_and_an_absolute_temperature_get_viridis_over_their_range()
    {
        foreach (var name in new[] { "dT", "T" })
        {
            using var r = Renderer(fx.Data, name);
            var img = r.RenderImage(W, H);
            Assert.Equal("viridis", r.ColorScale.Map.Name);
            var (lo, hi) = fx.Data.Find(name)!.Range(null);
            Assert.Equal(lo, r.ColorScale.Min); // the data's own range, not one centred on zero
            Assert.Equal(hi, r.ColorScale.Max);
            AssertBarEnds(r, img);
            AssertColor(Rgb.FromHex("#440154"), img[Overlay.BarRect(W, H).X + 2, Overlay.BarRect(W, H).Y + Overlay.BarRect(W, H).H - 1], 0,
                        $"{name}: viridis' dark purple at the low end");
            AssertColor(Rgb.FromHex("#FDE725"), img[Overlay.BarRect(W, H).X + 2, Overlay.BarRect(W, H).Y], 0,
                        $"{name}: viridis' yellow at the high end");
        }
    }

    [Fact]
    public void The_scale_bar_is_drawn_and_measures_a_round_length_in_nm()
    {
        using var r = Renderer(fx.Data, "dT");
        var img = r.RenderImage(W, H);
        double mpp = r.MetresPerPixel(H);
        Assert.Equal(2 * 2.5 * R / H, mpp, 1e-3 * mpp); // the default view shows ±2.5 R vertically
        var (x, y, w, h, nm) = Overlay.ScaleBarRect(mpp, W, H);
        Assert.Equal(200, nm); // a fifth of 640 px is 424 nm: the bar shows 200 nm
        Assert.Equal(Math.Round(200e-9 / mpp), w);
        for (int i = x + 1; i < x + w - 1; i += 5)
            AssertColor(new Rgb(0, 0, 0), img[i, y + h / 2], 0, $"scale bar pixel {i}");
        Assert.True(Difference(new Rgb(0, 0, 0), img[x + w + 8, y + h / 2]) > 100, "the bar ends at its length");
        img.SavePng(Path.Combine(Path.GetTempPath(), "miecool-figure-dT.png"));
    }

    [Fact]
    public void Regions_are_labelled_outside_the_particle()
    {
        using var r = Renderer(fx.Data, "dT");
        var labels = r.RegionLabels(W, H).Items;
        Assert.Equal(["particle", "substrate", "air"], labels.Select(l => l.Text));
        var img = r.RenderImage(W, H);
        foreach (var l in labels)
        {
            int dark = 0;
            for (int y = (int)l.Y - 6; y < l.Y + 6; y++) for (int x = (int)l.X; x < l.X + 40; x++) if (img[x, y].R < 80) dark++;
            Assert.True(dark > 15, $"{l.Text}: only {dark} dark text pixels at ({l.X}, {l.Y})");
        }
        r.HiddenRegions.Add(Tags.Air);
        Assert.DoesNotContain("air", r.RegionLabels(W, H).Items.Select(l => l.Text));
    }

    [Fact]
    public void An_undefined_field_is_drawn_in_the_undefined_colour_outside_the_particle()
    {
        var d = fx.Data;
        var e2 = d.Mesh.CellRegion.Select(t => t == Tags.Particle ? 2.0 : 0.0).ToArray();
        e2[Array.IndexOf(d.Mesh.CellRegion, Tags.Particle)] = 3; // a range of 2 to 3 in the particle, 0 (no data) elsewhere
        var data = new ResultData(d.Mesh,
            [new Field("E2", FieldLocation.Cell, e2, "", "|E|^2", new HashSet<int> { Tags.Particle })], "E2 in the particle");
        using var r = Renderer(data, "E2");
        Assert.Equal(2, r.ColorScale.Min); // the zeros outside are not data
        var img = r.RenderImage(W, H);
        double s = H / 2.0 / (2.5 * R);
        (int, int) Pixel(double x, double dz) => ((int)(W / 2.0 + x * s), (int)(H / 2.0 - dz * s));
        foreach (var (x, dz) in new[] { (1.6 * R, 0.0), (-1.5 * R, 1.5 * R), (1.5 * R, -1.5 * R) })
        {
            var (px, py) = Pixel(x, dz);
            AssertColor(ColorMap.Undefined, img[px, py], 0, $"outside the particle at ({x / R} R, {dz / R} R)");
        }
        var (cx, cy) = Pixel(0.3 * R, 0.2 * R);
        AssertColor(r.ColorScale.ColorOf(2), img[cx, cy], 2, "inside the particle");
        // the legend's swatch under the colour bar
        var (bx, by, bw, bh) = Overlay.BarRect(W, H);
        AssertColor(ColorMap.Undefined, img[bx + bw / 2, by + bh + 18], 0, "undefined swatch");
        img.SavePng(Path.Combine(Path.GetTempPath(), "miecool-figure-E2.png"));
    }

    [Fact]
    public void Without_a_cut_the_view_frames_the_particle_not_the_box()
    {
        using var r = Renderer(fx.Data, "dT", "none");
        Assert.Equal(2 * 2.5 * R / H, r.MetresPerPixel(H), 1e-3 * r.MetresPerPixel(H));
        var whole = r.DefaultCamera(null, wholeMesh: true);
        Assert.True(whole.Distance > 1.5 * r.Camera.Distance, "the whole-mesh view stands further back");
    }

    /// <summary>A flattened 530 nm sphere on glass from gmsh (quadratic cells), with the region field.</summary>
    static ResultData GmshParticle(int order)
    {
        var spec = new MeshSpec(R, 0, new ContactSpec(ContactKind.Flattening, 20e-9),
            BoxHalfSize: 8, HMin: 45e-9, Grading: 0.5, Order: order, Threads: 1);
        var mesh = ParticleMesher.Generate(spec).Mesh;
        return new ResultData(mesh, [], $"gmsh particle, order {order}");
    }

    [Theory]
    [InlineData("y=0")]
    [InlineData("x=0")]
    public void No_outline_segments_inside_the_particle_on_a_section(string clip)
    {
        var data = GmshParticle(2);
        using var r = Renderer(data, "region", clip);
        var img = r.RenderImage(W, H);
        img.SavePng(Path.Combine(Path.GetTempPath(), $"miecool-figure-outline-{clip}.png"));
        var particle = r.ColorScale.ColorOf(Tags.Particle);
        double s = H / 2.0 / (2.5 * R);
        int bad = 0, inside = 0;
        for (int py = 0; py < H; py++)
            for (int px = 0; px < W; px++)
            {
                double x = (px + 0.5 - W / 2.0) / s, dz = (H / 2.0 - py - 0.5) / s;
                if (x * x + dz * dz > 0.9 * 0.9 * R * R) continue; // away from the rim
                inside++;
                if (Difference(particle, img[px, py]) > 2) bad++;
            }
        Assert.True(inside > 10000, $"{inside} pixels inside");
        Assert.True(bad == 0, $"{bad} of {inside} pixels inside the particle are not the particle's colour (outline segments)");
    }
}
