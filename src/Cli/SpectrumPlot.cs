using MieCool.Optics.Mie;
using MieCool.Optics.Spectra;
using ScottPlot;

namespace MieCool.Cli;

/// <summary>
/// The figure of a Mie spectrum (`miecool spectrum`) in the style of <see cref="SpectrumFigure"/>: total Qext, Qsca, Qabs
/// and the contribution of each multipole to Qext.
/// </summary>
public static class SpectrumPlot
{
    /// <summary>
    /// Writes the PNG to <paramref name="path"/> (nominal <paramref name="width"/> x <paramref name="height"/> pixels at 96
    /// dpi, scaled to <paramref name="dpi"/>) and the SVG beside it: Qext, Qsca, Qabs and the Qext contribution of every
    /// multipole that reaches 0.1% of the largest Qext (dashed, its peak labelled), against the vacuum wavelength in nm;
    /// each Qext resonance marked with its wavelength and dominant multipole.
    /// </summary>
    public static void Save(string path, SphereSpectrum spectrum, IReadOnlyList<Resonance> resonances, string title,
                            int width = 1400, int height = 750, int dpi = Figure.BaseDpi)
    {
        var points = spectrum.Points;
        double[] nm = points.Select(p => p.Wavelength * 1e9).ToArray();
        using var fig = new SpectrumFigure(title, "efficiency Q = C / (pi r^2)");
        fig.Total(nm, points.Select(p => p.Efficiencies.Qext).ToArray(), "Qext", Colors.Black);
        fig.Total(nm, points.Select(p => p.Efficiencies.Qsca).ToArray(), "Qsca", Colors.DimGray);
        fig.Total(nm, points.Select(p => p.Efficiencies.Qabs).ToArray(), "Qabs", Colors.Crimson);
        double qmax = points.Max(p => p.Efficiencies.Qext);
        for (int k = 0; k < MultipoleNames.Low.Count; k++)
        {
            var y = points.Select(p => p.Multipoles[k].Qext).ToArray();
            if (y.Max() < 1e-3 * qmax) continue; // negligible multipole
            string label = MultipoleNames.Low[k].Label;
            fig.Multipole(nm, y, label, $"{label} contribution to Qext");
        }
        foreach (var r in resonances.Where(r => r.Quantity == "Qext"))
            fig.Resonance(r.Wavelength * 1e9, r.Q, r.Dominant);
        fig.Save(path, dpi, width, height);
    }
}
