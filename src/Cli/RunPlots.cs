using MieCool.Mesh;
using MieCool.Mesh.Geometry;
using MieCool.Optics;
using MieCool.Optics.Cooling;
using MieCool.Optics.Emitters;
using MieCool.Optics.Fields;
using ScottPlot;

namespace MieCool.Cli;

/// <summary>A sampled plane section of a nodal field: values on a regular (x, z) grid at y = 0, NaN outside the mesh.</summary>
/// <param name="X0">x of the first column centre, m.</param>
/// <param name="Z0">z of the first row centre, m.</param>
/// <param name="Step">Grid spacing, m.</param>
/// <param name="Values">[row = z index, column = x index].</param>
public sealed record PlaneSection(double X0, double Z0, double Step, double[,] Values);

/// <summary>The figures of `miecool run`: the temperature-change cut (2D fallback of the GL renderer) and the spectra.</summary>
public static class RunPlots
{
    /// <summary>
    /// Samples a nodal field on the plane y = 0 over [x0, x1] x [z0, z1] with <paramref name="n"/> columns: each pixel centre
    /// is located in the tetrahedra that meet the plane (<see cref="PointLocator"/>) and interpolated linearly from the
    /// four corner nodes.
    /// </summary>
    public static PlaneSection SampleY0(TetMesh mesh, double[] nodal, double x0, double x1, double z0, double z1, int n)
    {
        double h = (x1 - x0) / n;
        int nz = (int)Math.Ceiling((z1 - z0) / h);
        var v = new double[nz, n];
        var locator = new PointLocator(mesh, (x0, 0, z0), (x0 + n * h, 0, z0 + nz * h));
        Span<double> l = stackalloc double[4];
        int npc = mesh.NodesPerCell;
        for (int i = 0; i < nz; i++)
            for (int j = 0; j < n; j++)
            {
                int c = locator.Locate(x0 + (j + 0.5) * h, 0, z0 + (i + 0.5) * h, l);
                double value = double.NaN;
                if (c >= 0)
                {
                    value = 0;
                    for (int a = 0; a < 4; a++) value += l[a] * nodal[mesh.Cells[c * npc + a]];
                }
                v[i, j] = value;
            }
        return new PlaneSection(x0 + h / 2, z0 + h / 2, h, v);
    }

    /// <summary>
    /// temperature.png/.svg, the 2D fallback of the GL renderer: dT on the plane y = 0 through the particle centre, framed
    /// on the particle (±2.2 radii); the colour map by the viewer's rule (<see cref="Figure.ScaleOf"/>: cool-warm centred
    /// on zero only when dT takes both signs, else viridis over its range), the particle outline, the substrate top, the
    /// regions named, a scale bar in nm and a colour bar.
    /// </summary>
    public static void Temperature(string path, TetMesh mesh, double[] riseK, string title, int dpi = Figure.BaseDpi)
    {
        var place = mesh.Particle ?? throw new InvalidOperationException("the mesh has no particle placement");
        double r = place.Radius, zc = place.CenterZ;
        double x0 = -2.5 * r, x1 = 2.5 * r, z0 = zc - 2.2 * r, z1 = zc + 2.2 * r;
        var s = SampleY0(mesh, riseK, x0, x1, z0, z1, 360);
        int nz = s.Values.GetLength(0), nx = s.Values.GetLength(1);
        var data = new double[nz, nx]; // ScottPlot draws row 0 at the top
        for (int i = 0; i < nz; i++) for (int j = 0; j < nx; j++) data[nz - 1 - i, j] = s.Values[i, j];
        double nm = 1e9;
        using var plot = new Plot(); // disposed here: Skia objects must not be freed later by the finalizer thread
        var hm = plot.Add.Heatmap(data);
        var (map, min, max) = Figure.ScaleOf(riseK);
        hm.Colormap = map;
        hm.ManualRange = new ScottPlot.Range(min, max);
        hm.NaNCellColor = Colors.White;
        double zTop = s.Z0 + (nz - 0.5) * s.Step;
        hm.Rectangle = new CoordinateRect(x0 * nm, (x0 + nx * s.Step) * nm, z0 * nm, (z0 + nz * s.Step) * nm);
        plot.XLabel("x (nm); dashed line: substrate top z = 0");
        var bar = plot.Add.ColorBar(hm);
        bar.Label = "temperature change dT (K)";
        var outline = plot.Add.Circle(0, zc * nm, r * nm);
        outline.LineColor = Colors.Black; outline.LineWidth = 1.5f; outline.FillColor = Colors.Transparent;
        plot.Add.HorizontalLine(0, 1.5f, Colors.DimGray, LinePattern.Dashed);
        void Label(string text, double x, double z)
        {
            var t = plot.Add.Text(text, x * nm, z * nm);
            t.LabelFontSize = 14; t.LabelBackgroundColor = Colors.White.WithAlpha(0.75); t.LabelAlignment = Alignment.MiddleLeft;
        }
        Label("particle", 0.75 * r, zc + 0.95 * r);
        Label("air", -2.3 * r, Math.Min(zc + 2 * r, z1 - 0.3 * r));
        if (mesh.CellRegion.Contains(Tags.Substrate) && z0 < -0.3 * r) Label("substrate", -2.3 * r, Math.Max(-0.5 * r, z0 + 0.3 * r));
        // scale bar: a round length near a fifth of the width, at the bottom left
        double barNm = MieCool.Viewer.Rendering.Overlay.NiceLength(0.2 * (x1 - x0) * nm);
        double bx = (x0 + 0.2 * r) * nm, bz = (z0 + 0.25 * r) * nm;
        var sb = plot.Add.Rectangle(bx, bx + barNm, bz, bz + 0.05 * r * nm);
        sb.FillColor = Colors.Black; sb.LineWidth = 0;
        var st = plot.Add.Text($"{barNm:G3} nm", bx + barNm / 2, bz + 0.05 * r * nm);
        st.LabelFontSize = 14; st.LabelAlignment = Alignment.LowerCenter; st.LabelBackgroundColor = Colors.White.WithAlpha(0.75);
        plot.Title(title);
        plot.YLabel("z (nm)");
        plot.Axes.SetLimits(x0 * nm, x1 * nm, z0 * nm, zTop * nm);
        plot.Axes.SquareUnits();
        Figure.Save(plot, path, 900, 800, dpi);
    }

    /// <summary>
    /// spectrum.png/.svg in the style of <see cref="SpectrumFigure"/>: Qabs and the contributions of its largest multipoles
    /// around the pump (left axis); the Purcell factor F_bulk and the contributions of the multipoles that dominate the
    /// emission over the emission band (right axis); the pump and the emission peak marked. Drawn into memory (PNG and SVG).
    /// </summary>
    public static FigureFiles Spectrum(CoolingSpectra spectra, CoolingInputs inputs, string title, int dpi = Figure.BaseDpi)
    {
        var (absorption, purcell, labels) = (spectra.Absorption, spectra.Escape, spectra.Labels);
        double[] nm = absorption.Select(r => r.WavelengthM * 1e9).ToArray();
        using var fig = new SpectrumFigure(title, "absorption efficiency Qabs = Cabs / (pi r^2)")
            { RightLabel = "Purcell factor F relative to the bulk" };
        fig.Total(nm, absorption.Select(r => r.Qabs).ToArray(), "Qabs", Colors.Crimson);
        foreach (var label in labels)
            fig.Multipole(nm, absorption.Select(r => r.Multipoles.GetValueOrDefault(label)).ToArray(), label,
                          $"{label} contribution to Qabs");
        double[] enm = purcell.Select(r => r.WavelengthM * 1e9).ToArray();
        fig.Total(enm, purcell.Select(r => r.FBulk).ToArray(), "Purcell factor F_bulk", Colors.Black, right: true);
        foreach (var (label, f) in EmissionMultipoles(purcell, inputs))
            fig.Multipole(enm, f, label, $"{label} contribution to F_bulk", right: true);
        fig.Mark(inputs.PumpWavelengthM * 1e9, $"pump {inputs.PumpWavelengthM * 1e9:F0} nm", Colors.Crimson);
        fig.Mark(inputs.Emission.Peak * 1e9, $"emission peak {inputs.Emission.Peak * 1e9:F0} nm", Colors.Black);
        return fig.Render(dpi, 1400, 750);
    }

    /// <summary>
    /// The multipoles that dominate the emission: F_bulk at each wavelength split in proportion to the multipole terms of
    /// the volume-averaged emitter rate of the free sphere (<see cref="DipoleInSphere.VolumeAverage(SphereCoefficients,
    /// double)"/>, whose terms sum to its F); the multipoles with at least a tenth of F_bulk at its largest, up to three,
    /// largest first.
    /// </summary>
    public static IReadOnlyList<(string Label, double[] F)> EmissionMultipoles(IReadOnlyList<EscapeSample> escape, CoolingInputs inputs)
    {
        var wl = escape.Select(e => e.WavelengthM).ToArray();
        var index = CoolingModel.EmissionIndex(inputs.Material, wl, inputs.BackgroundAbsorptionPerM);
        var shares = new Dictionary<string, double[]>();
        for (int i = 0; i < wl.Length; i++)
        {
            double x = Convention.SizeParameter(inputs.DiameterM / 2, wl[i], inputs.HostIndex);
            var e = DipoleInSphere.VolumeAverage(SphereCoefficients.Sphere(x, index[i] / inputs.HostIndex), inputs.HostIndex);
            if (!(e.FAverage > 0)) continue;
            foreach (var t in e.Orders)
            {
                if (!shares.TryGetValue(t.Label, out var f)) shares[t.Label] = f = new double[wl.Length];
                f[i] = escape[i].FBulk * t.Value / e.FAverage;
            }
        }
        double top = escape.Max(e => e.FBulk);
        return shares.Where(kv => kv.Value.Max() >= 0.1 * top).OrderByDescending(kv => kv.Value.Max()).Take(3)
                     .Select(kv => (kv.Key, kv.Value)).ToList();
    }
}
