using System.Globalization;
using System.Xml.Linq;
using MieCool.Mesh;
using MieCool.Viewer.Scene;
using SkiaSharp;

namespace MieCool.Cli.Tests;

/// <summary>
/// Every figure type of the command line, checked by pixels and as SVG: the colour maps' end colours, the scale bar, --dpi
/// changing the PNG's pixel size, SVGs that are valid XML with text elements, map's edge warning.
/// </summary>
public sealed class FigureTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("miecool-figures-").FullName;
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static (int Code, string Out, string Err) Run(params string[] argv) => MaterialsCommandTests.Run(argv);

    /// <summary>The texts of an SVG's text elements; the file must parse as XML with an svg root.</summary>
    static List<string> SvgTexts(string path)
    {
        var doc = XDocument.Load(path);
        Assert.Equal("svg", doc.Root!.Name.LocalName);
        var texts = doc.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToList();
        Assert.NotEmpty(texts);
        return texts;
    }

    static (int W, int H) PngSize(string path)
    {
        using var b = SKBitmap.Decode(path);
        return (b.Width, b.Height);
    }

    /// <summary>How many pixels are within 1 of <paramref name="c"/> in every channel.</summary>
    static int Count(string png, Rgb c)
    {
        using var b = SKBitmap.Decode(png);
        int n = 0;
        for (int y = 0; y < b.Height; y++)
            for (int x = 0; x < b.Width; x++)
            {
                var p = b.GetPixel(x, y);
                if (Math.Abs(p.Red - c.R) <= 1 && Math.Abs(p.Green - c.G) <= 1 && Math.Abs(p.Blue - c.B) <= 1) n++;
            }
        return n;
    }

    [Fact]
    public void Spectrum_figure_comes_as_svg_and_as_png_at_the_dpi()
    {
        string a = Path.Combine(_dir, "a"), b = Path.Combine(_dir, "b");
        string[] args = ["spectrum", "--material", "other/perovskite/CH3NH3PbI3/nk/Phillips", "--diameter", "530nm",
                         "--wavelengths", "500:1000:5nm"];
        var (code, _, err) = Run([.. args, "--out", a]);
        Assert.True(code == 0, err);
        (code, _, err) = Run([.. args, "--out", b, "--dpi", "192"]);
        Assert.True(code == 0, err);
        Assert.Equal((1400, 750), PngSize(Path.Combine(a, "spectrum.png")));
        Assert.Equal((2800, 1500), PngSize(Path.Combine(b, "spectrum.png"))); // twice the dpi, twice the pixels
        var texts = SvgTexts(Path.Combine(a, "spectrum.svg"));
        // the first thing drawn is the figure's background, not a canvas clear (which SVG draws as a black rectangle)
        var first = XDocument.Load(Path.Combine(a, "spectrum.svg")).Descendants().First(e => e.Name.LocalName == "rect");
        Assert.Equal("white", (string?)first.Attribute("fill"));
        Assert.Contains(texts, t => t.Contains("MD contribution to Qext", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("Qext (left axis)", StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => t.Contains("share", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(texts, t => t is "MQ" or "EQ"); // multipole resonances labelled with their names
        Assert.Contains(texts, t => t.EndsWith("nm (MQ)", StringComparison.Ordinal)); // a Qext resonance with its dominant one
        (code, _, err) = Run([.. args, "--out", b, "--dpi", "5"]);
        Assert.Equal(2, code);
        Assert.Contains("--dpi", err);
    }

    static readonly string[] MapArgs =
    [
        "map", "--material", "other/perovskite/CH3NH3PbI3/nk/Phillips", "--diameters", "400:600:100nm", "--pumps", "900:1000:50nm",
        "--intensity", "7e6W/cm2", "--eta-int", "0.99", "--emission", "gaussian:775nm:40nm",
    ];

    [Fact]
    public void Map_figures_use_perceptually_uniform_maps_come_as_svg_and_warn_of_an_optimum_at_the_edge()
    {
        var outDir = Path.Combine(_dir, "map");
        var (code, _, err) = Run([.. MapArgs, "--out", outDir, "--dpi", "48"]);
        Assert.True(code == 0, err);
        var rows = File.ReadAllLines(Path.Combine(outDir, "cooling_map.csv")).Skip(2)
            .Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToList();
        var eta = rows.Select(r => r[8]).ToArray();
        foreach (var name in new[] { "eta_c", "cooling_power" })
        {
            string png = Path.Combine(outDir, name + ".png");
            Assert.Equal((500, 350), PngSize(png)); // 1000 x 700 at 96 dpi, halved
            Assert.Contains(SvgTexts(Path.Combine(outDir, name + ".svg")), t => t.Contains("diameter (nm)", StringComparison.Ordinal));
        }
        // eta_c's colour bar: cool-warm's ends when it takes both signs, viridis' otherwise (never a rainbow)
        var map = eta.Min() < 0 && eta.Max() > 0 ? ColorMap.CoolWarm : ColorMap.Viridis;
        Assert.True(Count(Path.Combine(outDir, "eta_c.png"), map.Low) > 0, $"{map.Name} low end");
        Assert.True(Count(Path.Combine(outDir, "eta_c.png"), map.High) > 0, $"{map.Name} high end");
        // the optimum of eta_c from the CSV: at an edge of the diameters or pumps exactly when map warns
        var best = rows[Array.IndexOf(eta, eta.Max())];
        bool edge = best[0] is 400 or 600 || best[1] is 900 or 1000;
        Assert.Equal(edge, err.Contains("warning: the optimum is at the", StringComparison.Ordinal));
    }

    [Fact]
    public void Edge_warning_names_the_edge_and_is_silent_inside_or_for_one_value()
    {
        Assert.Contains("upper edge", Figure.EdgeWarning("diameters", 600, 400, 600, "nm"));
        Assert.Contains("lower edge", Figure.EdgeWarning("diameters", 400, 400, 600, "nm"));
        Assert.Null(Figure.EdgeWarning("diameters", 500, 400, 600, "nm"));
        Assert.Null(Figure.EdgeWarning("diameters", 500, 500, 500, "nm"));
    }

    /// <summary>A synthetic particle on its substrate with a dT field of the given sign pattern.</summary>
    static (TetMesh Mesh, double[] DT) Synthetic(Func<double, double> dTOfRho)
    {
        var d = SyntheticResult.Build(16);
        var m = d.Mesh; var c = m.Particle!;
        var dT = new double[m.NodeCount];
        for (int i = 0; i < m.NodeCount; i++)
        {
            double x = m.Nodes[3 * i], y = m.Nodes[3 * i + 1], z = m.Nodes[3 * i + 2] - c.CenterZ;
            dT[i] = dTOfRho(Math.Sqrt(x * x + y * y + z * z) / c.Radius);
        }
        return (m, dT);
    }

    [Fact]
    public void Temperature_fallback_picks_the_map_by_the_signs_and_draws_labels_and_a_scale_bar()
    {
        var (mesh, cooling) = Synthetic(rho => -2 / Math.Max(rho, 0.5));
        string png = Path.Combine(_dir, "cool.png");
        RunPlots.Temperature(png, mesh, cooling, "cooling", dpi: 192);
        Assert.Equal((1800, 1600), PngSize(png));
        Assert.True(Count(png, ColorMap.Viridis.Low) > 0, "viridis' low end (the coldest dT)");
        Assert.True(Count(png, ColorMap.Viridis.High) > 0, "viridis' high end");
        Assert.Equal(0, Count(png, ColorMap.CoolWarm.High)); // no red: nothing is heated
        var texts = SvgTexts(Figure.SvgOf(png));
        foreach (var want in new[] { "particle", "air", "substrate", "nm" })
            Assert.Contains(texts, t => t.Contains(want, StringComparison.Ordinal));
        Assert.Contains(texts, t => t.EndsWith(" nm", StringComparison.Ordinal)
                                    && double.TryParse(t[..^3], CultureInfo.InvariantCulture, out _)); // the scale bar's length
        Assert.True(Count(png, new Rgb(0, 0, 0)) > 200, "the black scale bar");

        var (_, both) = Synthetic(rho => 3 - 2 * rho);
        string png2 = Path.Combine(_dir, "both.png");
        RunPlots.Temperature(png2, mesh, both, "both signs");
        Assert.True(Count(png2, ColorMap.CoolWarm.Low) > 0, "cool-warm's blue end");
        Assert.True(Count(png2, ColorMap.CoolWarm.High) > 0, "cool-warm's red end");
    }

    [Fact]
    public void Run_writes_its_figures_at_the_dpi_with_the_emission_multipoles_beside_the_absorption()
    {
        var (code, _, err, outDir) = CaseRuns.Run("run", _dir, CaseRuns.Case("tonkaev2019_mapbi3_d530.toml"), "d530", "--dpi", "48");
        Assert.True(code == 0, err);
        Assert.Equal((700, 375), PngSize(Path.Combine(outDir, "spectrum.png")));
        var (w, h) = PngSize(Path.Combine(outDir, "temperature.png"));
        Assert.True((w, h) is (600, 450) or (450, 400), $"temperature.png {w}x{h}"); // GL 1200 x 900 or 2D 900 x 800, halved
        var texts = SvgTexts(Path.Combine(outDir, "spectrum.svg"));
        Assert.Contains(texts, t => t.Contains("contribution to Qabs", StringComparison.Ordinal));
        // the emission at 775 nm of the 530 nm sphere is carried by MO and EQ (the Purcell factor's multipoles)
        Assert.Contains(texts, t => t.Contains("MO contribution to F_bulk", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("EQ contribution to F_bulk", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("(right axis)", StringComparison.Ordinal));
    }
}
