namespace MieCool.Optics.Spectra;

/// <summary>A local maximum of a sampled curve.</summary>
/// <param name="Index">Sample index of the maximum.</param>
/// <param name="Position">Abscissa of the maximum, refined by the parabola through the three samples around it.</param>
/// <param name="Height">Ordinate of the sampled maximum.</param>
/// <param name="Prominence">Height above the higher of the two bases (the lowest points on each side before a higher sample or
/// the end).</param>
public readonly record struct Peak(int Index, double Position, double Height, double Prominence);

/// <summary>
/// Peaks of a sampled spectrum: local maxima with a topographic prominence of at least a fraction of the curve's
/// total variation (the criterion of e.g. scipy.signal.find_peaks with `prominence`). Maxima at the ends of the
/// sampled range are not peaks: the resonance may lie outside it.
/// </summary>
public static class Peaks
{
    /// <summary>The peaks of the curve (<paramref name="x"/>, <paramref name="y"/>), in sample order.</summary>
    /// <param name="x">Abscissae, increasing (e.g. wavelengths); used only to refine the peak positions.</param>
    /// <param name="y">Ordinates, as many as <paramref name="x"/>.</param>
    /// <param name="minRelativeProminence">Minimum prominence as a fraction of max(y) - min(y).</param>
    /// <param name="minProminence">Absolute minimum prominence (e.g. a round-off floor of the quantity).</param>
    public static List<Peak> Find(ReadOnlySpan<double> x, ReadOnlySpan<double> y, double minRelativeProminence = 0.02,
                                  double minProminence = 0)
    {
        if (x.Length != y.Length) throw new ArgumentException("x and y differ in length");
        var peaks = new List<Peak>();
        int count = y.Length;
        if (count < 3) return peaks;
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (var v in y) { lo = Math.Min(lo, v); hi = Math.Max(hi, v); }
        double threshold = Math.Max(minRelativeProminence * (hi - lo), minProminence);
        if (!(hi > lo)) return peaks;

        int i = 1;
        while (i < count - 1)
        {
            if (!(y[i] > y[i - 1])) { i++; continue; }
            int j = i; // the end of a plateau of equal values
            while (j + 1 < count && y[j + 1] == y[i]) j++;
            if (j + 1 >= count || !(y[j + 1] < y[i])) { i = j + 1; continue; } // rising to the end: not a peak
            int top = (i + j) / 2;
            double leftBase = y[i], rightBase = y[i];
            for (int l = i - 1; l >= 0 && y[l] <= y[i]; l--) leftBase = Math.Min(leftBase, y[l]);
            for (int r = j + 1; r < count && y[r] <= y[i]; r++) rightBase = Math.Min(rightBase, y[r]);
            double prominence = y[i] - Math.Max(leftBase, rightBase);
            if (prominence >= threshold && prominence > 0)
                peaks.Add(new Peak(top, Refine(x, y, top), y[top], prominence));
            i = j + 1;
        }
        return peaks;
    }

    /// <summary>Vertex of the parabola through samples top-1, top, top+1 (for non-uniform spacing too).</summary>
    static double Refine(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int top)
    {
        double x0 = x[top - 1], x1 = x[top], x2 = x[top + 1];
        double y0 = y[top - 1], y1 = y[top], y2 = y[top + 1];
        double d01 = (y1 - y0) / (x1 - x0), d12 = (y2 - y1) / (x2 - x1);
        double curvature = (d12 - d01) / (x2 - x0); // half the second derivative
        if (!(curvature < 0)) return x1;
        double vertex = 0.5 * (x0 + x1) - d01 / (2 * curvature);
        return Math.Clamp(vertex, x0, x2);
    }
}
