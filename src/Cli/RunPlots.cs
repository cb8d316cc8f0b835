using MieCool.Mesh;
using MieCool.Mesh.Geometry;
using MieCool.Optics.Cooling;
using ScottPlot;

namespace MieCool.Cli;

/// <summary>A sampled plane section of a nodal field: values on a regular (x, z) grid at y = 0, NaN outside the mesh.</summary>
/// <param name="X0">x of the first column centre, m.</param>
/// <param name="Z0">z of the first row centre, m.</param>
/// <param name="Step">Grid spacing, m.</param>
/// <param name="Values">[row = z index, column = x index].</param>
public sealed record PlaneSection(double X0, double Z0, double Step, double[,] Values);

/// <summary>The PNGs of `miecool run`: the temperature-change cut (2D fallback of the GL renderer) and the spectra.</summary>
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
    /// temperature.png: dT on the plane y = 0 through the particle centre, particle outline, substrate line, colour bar.
    /// </summary>
    public static void Temperature(string path, TetMesh mesh, double[] riseK, string title)
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
        hm.Colormap = new ScottPlot.Colormaps.Turbo();
        hm.NaNCellColor = Colors.White;
        double zTop = s.Z0 + (nz - 0.5) * s.Step;
        hm.Rectangle = new CoordinateRect(x0 * nm, (x0 + nx * s.Step) * nm, z0 * nm, (z0 + nz * s.Step) * nm);
        plot.XLabel("x (nm); dashed line: substrate top z = 0");
        var bar = plot.Add.ColorBar(hm);
        bar.Label = "temperature change dT (K)";
        var outline = plot.Add.Circle(0, zc * nm, r * nm);
        outline.LineColor = Colors.Black; outline.LineWidth = 1.5f; outline.FillColor = Colors.Transparent;
        var ground = plot.Add.HorizontalLine(0, 1.5f, Colors.DimGray, LinePattern.Dashed);
        plot.Title(title);
        plot.YLabel("z (nm)");
        plot.Axes.SetLimits(x0 * nm, x1 * nm, z0 * nm, zTop * nm);
        plot.Axes.SquareUnits();
        plot.SavePng(path, 900, 800);
    }

    /// <summary>
    /// spectrum.png: Qabs and its largest multipoles (left axis) around the pump; F_bulk (right axis) over the emission.
    /// </summary>
    public static void Spectrum(string path, CoolingSpectra spectra, CoolingInputs inputs, string title)
    {
        var (absorption, purcell, labels) = (spectra.Absorption, spectra.Escape, spectra.Labels);
        double[] nm = absorption.Select(r => r.WavelengthM * 1e9).ToArray();
        using var plot = new Plot(); // disposed here: Skia objects must not be freed later by the finalizer thread
        Color[] palette = [Colors.RoyalBlue, Colors.OrangeRed, Colors.SeaGreen, Colors.DarkOrchid, Colors.DarkGoldenRod, Colors.Teal];
        for (int k = 0; k < labels.Length; k++)
        {
            var y = absorption.Select(r => r.Multipoles.GetValueOrDefault(labels[k])).ToArray();
            var l = plot.Add.ScatterLine(nm, y, palette[k % palette.Length]);
            l.LegendText = $"Qabs {labels[k]}"; l.LinePattern = LinePattern.Dashed; l.LineWidth = 1.5f;
        }
        var q = plot.Add.ScatterLine(nm, absorption.Select(r => r.Qabs).ToArray(), Colors.Crimson);
        q.LegendText = "Qabs (left axis)"; q.LineWidth = 2.5f;
        var f = plot.Add.ScatterLine(purcell.Select(r => r.WavelengthM * 1e9).ToArray(), purcell.Select(r => r.FBulk).ToArray(),
                                     Colors.Black);
        f.LegendText = "Purcell factor F_bulk (right axis)"; f.LineWidth = 2.5f;
        f.Axes.YAxis = plot.Axes.Right;
        var pump = plot.Add.VerticalLine(inputs.PumpWavelengthM * 1e9, 1.5f, Colors.Crimson, LinePattern.Dotted);
        pump.Text = $"pump {inputs.PumpWavelengthM * 1e9:F0} nm";
        var em = plot.Add.VerticalLine(inputs.Emission.Peak * 1e9, 1.5f, Colors.Black, LinePattern.Dotted);
        em.Text = $"emission peak {inputs.Emission.Peak * 1e9:F0} nm";
        plot.Title(title);
        plot.XLabel("vacuum wavelength (nm)");
        plot.YLabel("absorption efficiency Qabs = Cabs / (pi r^2)");
        plot.Axes.Right.Label.Text = "Purcell factor F relative to the bulk";
        plot.ShowLegend(Edge.Bottom);
        plot.Axes.AutoScale();
        double x0 = Math.Min(nm.Min(), purcell.Min(r => r.WavelengthM) * 1e9);
        double x1 = Math.Max(nm.Max(), purcell.Max(r => r.WavelengthM) * 1e9);
        plot.Axes.SetLimitsX(x0 - 10, x1 + 10);
        plot.SavePng(path, 1200, 750);
    }
}
