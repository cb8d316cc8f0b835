using MieCool.Optics.Mie;
using MieCool.Optics.Spectra;
using ScottPlot;

namespace MieCool.Cli;

/// <summary>The PNG of a Mie spectrum (ScottPlot 5): total Qext, Qsca, Qabs and the multipole shares of Qext.</summary>
public static class SpectrumPlot
{
    /// <summary>
    /// Writes the PNG to <paramref name="path"/> (<paramref name="width"/> x <paramref name="height"/> pixels): Qext, Qsca,
    /// Qabs and the Qext share of every multipole that reaches 0.1% of the largest Qext (dashed), against the vacuum
    /// wavelength in nm; each Qext resonance marked with its wavelength and dominant multipole.
    /// </summary>
    public static void Save(string path, SphereSpectrum spectrum, IReadOnlyList<Resonance> resonances, string title,
                            int width = 1400, int height = 750)
    {
        var points = spectrum.Points;
        double[] nm = points.Select(p => p.Wavelength * 1e9).ToArray();
        using var plot = new Plot(); // disposed here: Skia objects must not be freed later by the finalizer thread

        void Line(double[] y, string label, Color color, float width, LinePattern pattern)
        {
            var s = plot.Add.ScatterLine(nm, y, color);
            s.LegendText = label;
            s.LineWidth = width;
            s.LinePattern = pattern;
        }

        Color[] palette = [Colors.RoyalBlue, Colors.OrangeRed, Colors.SeaGreen, Colors.DarkOrchid, Colors.DarkGoldenRod, Colors.Teal];
        for (int k = 0; k < MultipoleNames.Low.Count; k++)
        {
            var y = points.Select(p => p.Multipoles[k].Qext).ToArray();
            if (y.Max() < 1e-3 * points.Max(p => p.Efficiencies.Qext)) continue; // negligible multipole
            Line(y, $"{MultipoleNames.Low[k].Label} (Qext share)", palette[k], 1.5f, LinePattern.Dashed);
        }
        Line(points.Select(p => p.Efficiencies.Qsca).ToArray(), "Qsca", Colors.DimGray, 2, LinePattern.Solid);
        Line(points.Select(p => p.Efficiencies.Qabs).ToArray(), "Qabs", Colors.Crimson, 2, LinePattern.Solid);
        Line(points.Select(p => p.Efficiencies.Qext).ToArray(), "Qext", Colors.Black, 2.5f, LinePattern.Solid);

        foreach (var r in resonances.Where(r => r.Quantity == "Qext"))
        {
            var m = plot.Add.Marker(r.Wavelength * 1e9, r.Q, MarkerShape.FilledCircle, 8, Colors.Black);
            var t = plot.Add.Text($"{r.Wavelength * 1e9:0} nm ({r.Dominant})", r.Wavelength * 1e9, r.Q);
            t.LabelFontSize = 13;
            t.LabelAlignment = Alignment.LowerCenter;
            t.OffsetY = -8;
        }

        plot.Title(title);
        plot.XLabel("Vacuum wavelength (nm)");
        plot.YLabel("Efficiency Q = C / (π r²)  (dimensionless)");
        plot.ShowLegend(Edge.Right); // outside the data area: resonances often rise into the corners
        plot.Axes.AutoScale();
        var limits = plot.Axes.GetLimits();
        plot.Axes.SetLimitsY(Math.Min(0, limits.Bottom), limits.Top * 1.12);
        plot.SavePng(path, width, height);
    }
}
