using System.Globalization;
using MieCool.Core;
using MieCool.Core.Numerics;

namespace MieCool.Optics.Cooling;

/// <summary>
/// The intrinsic photoluminescence spectrum of the bulk emitter: photons emitted per unit vacuum wavelength
/// (a photon-number spectrum, arbitrary scale), as a quadrature over vacuum wavelengths.
/// <see cref="Wavelengths"/> (m, increasing) with <see cref="Weights"/> S(lambda_i) dlambda_i normalised to sum 1.
/// </summary>
public sealed class EmissionSpectrum
{
    /// <summary>Vacuum wavelengths of the quadrature, m, increasing.</summary>
    public double[] Wavelengths { get; }
    /// <summary>Photon-number weights S(lambda_i) dlambda_i, normalised to sum to 1.</summary>
    public double[] Weights { get; }
    /// <summary>What the spectrum is, for output, e.g. "gaussian 775 nm, FWHM 40 nm" or "table spectrum.csv (120 points)".</summary>
    public string Description { get; }

    EmissionSpectrum(double[] wavelengths, double[] weights, string description)
    {
        Wavelengths = wavelengths; Weights = weights; Description = description;
    }

    /// <summary>
    /// Mean photon energy of the spectrum weighted by g(lambda) (e.g. the escape factor F), expressed as the vacuum
    /// wavelength of a photon of that energy, m: lambda = h c / &lt;h c/lambda&gt; = 1 / &lt;1/lambda&gt;.
    /// </summary>
    public double MeanPhotonEnergyWavelength(ReadOnlySpan<double> g)
    {
        double num = 0, den = 0;
        for (int i = 0; i < Wavelengths.Length; i++)
        {
            double w = Weights[i] * (g.IsEmpty ? 1 : g[i]);
            num += w / Wavelengths[i]; den += w;
        }
        if (!(den > 0)) throw new ComputationException("the escaping emission spectrum is zero everywhere: nothing leaves the particle");
        return den / num;
    }

    /// <summary>Spectral mean of g weighted by the emission, sum_i w_i g_i.</summary>
    public double Average(ReadOnlySpan<double> g)
    {
        double s = 0;
        for (int i = 0; i < Wavelengths.Length; i++) s += Weights[i] * g[i];
        return s;
    }

    /// <summary>Wavelength of the largest weight density (the peak of S(lambda)), m.</summary>
    public double Peak { get; private init; }

    /// <summary>
    /// A Gaussian line in vacuum wavelength, S ~ exp(-4 ln2 (lambda - centre)^2 / FWHM^2), sampled on
    /// centre +- 2.5 FWHM (the tails beyond hold 1e-7 of the photons) with <paramref name="points"/> nodes (midpoint rule).
    /// </summary>
    public static EmissionSpectrum Gaussian(double centreM, double fwhmM, int points = 41, string source = "emission")
    {
        if (!(centreM > 0) || !double.IsFinite(centreM))
            throw new InputException(source, "emission centre must be a positive wavelength", "centre", Units.Invariant(centreM));
        if (!(fwhmM > 0) || !(fwhmM < centreM))
            throw new InputException(source, "emission FWHM must be positive and smaller than the centre wavelength", "fwhm",
                $"{fwhmM * 1e9:G6} nm", "0 < FWHM < centre");
        if (points < 3) throw new ArgumentOutOfRangeException(nameof(points), points, "at least 3 points");
        double lo = Math.Max(centreM - 2.5 * fwhmM, 0.05 * centreM), hi = centreM + 2.5 * fwhmM;
        double h = (hi - lo) / points;
        var wl = new double[points]; var w = new double[points];
        double c = 4 * Math.Log(2) / (fwhmM * fwhmM), sum = 0;
        for (int i = 0; i < points; i++)
        {
            wl[i] = lo + (i + 0.5) * h;
            w[i] = Math.Exp(-c * (wl[i] - centreM) * (wl[i] - centreM));
            sum += w[i];
        }
        for (int i = 0; i < points; i++) w[i] /= sum;
        return new EmissionSpectrum(wl, w, $"gaussian {centreM * 1e9:G5} nm, FWHM {fwhmM * 1e9:G4} nm") { Peak = centreM };
    }

    /// <summary>
    /// The same photons, each moved in energy by <paramref name="deltaJ"/> (J, positive: to the blue): every node
    /// lambda -&gt; h c / (h c / lambda + deltaJ) with its photon weight kept, so that the line keeps its width in energy and
    /// its mean photon energy moves by exactly deltaJ. The peak moves the same way. 0 returns this spectrum itself.
    /// Every shifted photon energy must stay positive (else <see cref="ArgumentOutOfRangeException"/>).
    /// </summary>
    /// <param name="deltaJ">The energy shift, J.</param>
    public EmissionSpectrum ShiftedInEnergy(double deltaJ)
    {
        if (deltaJ == 0) return this;
        const double hc = PhysicalConstants.PlanckTimesSpeedOfLight;
        // the lowest photon energy is at the longest wavelength
        if (!double.IsFinite(deltaJ) || !(hc / Wavelengths[^1] + deltaJ > 0))
            throw new ArgumentOutOfRangeException(nameof(deltaJ), deltaJ, "the shift would make a photon energy <= 0");
        var wl = new double[Wavelengths.Length];
        for (int i = 0; i < wl.Length; i++) wl[i] = hc / (hc / Wavelengths[i] + deltaJ); // monotone: the order is kept
        string text = string.Create(CultureInfo.InvariantCulture,
            $"{Description}, shifted by {deltaJ / PhysicalConstants.ElementaryCharge * 1e3:+0.###;-0.###} meV");
        return new EmissionSpectrum(wl, (double[])Weights.Clone(), text) { Peak = hc / (hc / Peak + deltaJ) };
    }

    /// <summary>
    /// A spectrum given as a photon density per unit photon energy S(E) (photons per J, arbitrary scale, &gt;= 0), integrated
    /// over the energy cells between consecutive <paramref name="cellEdgesJ"/> by the Gauss-Legendre rule of
    /// <paramref name="pointsPerCell"/> nodes (1: the midpoint rule): each node E_q becomes a node at the vacuum wavelength
    /// h c / E_q with the photon number S(E_q) w_q as weight. As a density per unit vacuum wavelength the same photons read
    /// S(lambda) = S(E) h c / lambda^2 (S(lambda) dlambda = S(E) dE), whose largest node value is <see cref="Peak"/>.
    /// A discontinuity of S belongs on a cell edge.
    /// </summary>
    /// <param name="densityPerJ">S(E), photons per unit energy at the photon energy E (J); finite and &gt;= 0.</param>
    /// <param name="cellEdgesJ">Photon energies bounding the cells, J, &gt; 0 and strictly increasing; at least two.</param>
    /// <param name="description">What the spectrum is, for output.</param>
    /// <param name="pointsPerCell">Gauss-Legendre nodes per cell, &gt;= 1.</param>
    public static EmissionSpectrum FromPhotonEnergyDensity(Func<double, double> densityPerJ, double[] cellEdgesJ, string description,
                                                           int pointsPerCell = 1)
    {
        ArgumentNullException.ThrowIfNull(densityPerJ);
        ArgumentNullException.ThrowIfNull(cellEdgesJ);
        ArgumentOutOfRangeException.ThrowIfLessThan(pointsPerCell, 1);
        if (cellEdgesJ.Length < 2) throw new ArgumentException("at least two cell edges are needed", nameof(cellEdgesJ));
        if (!(cellEdgesJ[0] > 0)) throw new ArgumentException("photon energies must be positive", nameof(cellEdgesJ));
        int n = (cellEdgesJ.Length - 1) * pointsPerCell;
        var wl = new double[n]; var w = new double[n];
        double sum = 0, peakDensity = -1, peak = 0;
        for (int c = 0; c + 1 < cellEdgesJ.Length; c++)
        {
            double lo = cellEdgesJ[c], hi = cellEdgesJ[c + 1];
            if (!(hi > lo)) throw new ArgumentException("cell edges must increase strictly", nameof(cellEdgesJ));
            var (nodes, weights) = GaussLegendre.Rule(pointsPerCell, lo, hi);
            for (int q = 0; q < pointsPerCell; q++)
            {
                double e = nodes[q], s = densityPerJ(e);
                if (!(s >= 0) || !double.IsFinite(s))
                    throw new ArgumentException($"the density must be finite and >= 0 (got {s} at {e} J)", nameof(densityPerJ));
                // nodes in increasing energy become nodes in decreasing wavelength: fill from the end
                int i = n - 1 - (c * pointsPerCell + q);
                wl[i] = PhysicalConstants.PlanckTimesSpeedOfLight / e;
                w[i] = s * weights[q];
                sum += w[i];
                double perWavelength = s * e * e; // S(lambda) = S(E) h c / lambda^2 = S(E) E^2 / (h c)
                if (perWavelength > peakDensity) { peakDensity = perWavelength; peak = wl[i]; }
            }
        }
        if (!(sum > 0)) throw new ArgumentException("the density is zero on every cell", nameof(densityPerJ));
        for (int i = 0; i < n; i++) w[i] /= sum;
        return new EmissionSpectrum(wl, w, description) { Peak = peak };
    }

    /// <summary>
    /// A tabulated spectrum: vacuum wavelengths (m, strictly increasing) and photon-number intensities per unit
    /// wavelength (&gt;= 0, not all zero), integrated by the trapezoidal rule.
    /// </summary>
    public static EmissionSpectrum Table(double[] wavelengthsM, double[] intensities, string source)
    {
        if (wavelengthsM.Length != intensities.Length) throw new ArgumentException("lengths differ");
        if (wavelengthsM.Length < 2)
            throw new InputException(source, "empty emission spectrum: at least two rows are needed",
                valid: "CSV rows wavelength_nm,intensity");
        var w = new double[wavelengthsM.Length];
        double sum = 0, peakValue = -1, peak = wavelengthsM[0];
        for (int i = 0; i < wavelengthsM.Length; i++)
        {
            if (i > 0 && !(wavelengthsM[i] > wavelengthsM[i - 1]))
                throw new InputException(source, "wavelengths must increase strictly", value: $"{wavelengthsM[i] * 1e9:G6} nm",
                    line: i + 2);
            if (!(intensities[i] >= 0) || !double.IsFinite(intensities[i]))
                throw new InputException(source, "intensities must be finite and >= 0", value: Units.Invariant(intensities[i]),
                    line: i + 2);
            double left = i > 0 ? wavelengthsM[i] - wavelengthsM[i - 1] : 0;
            double right = i + 1 < wavelengthsM.Length ? wavelengthsM[i + 1] - wavelengthsM[i] : 0;
            w[i] = intensities[i] * 0.5 * (left + right);
            sum += w[i];
            if (intensities[i] > peakValue) { peakValue = intensities[i]; peak = wavelengthsM[i]; }
        }
        if (!(sum > 0)) throw new InputException(source, "empty emission spectrum: all intensities are zero");
        for (int i = 0; i < w.Length; i++) w[i] /= sum;
        return new EmissionSpectrum((double[])wavelengthsM.Clone(), w, $"table {source} ({w.Length} points)") { Peak = peak };
    }

    /// <summary>
    /// Reads a CSV with a header and columns wavelength_nm,intensity ('#' comments allowed). Errors name file and line.
    /// </summary>
    public static EmissionSpectrum ReadCsv(string path)
    {
        string[] lines;
        try { lines = File.ReadAllLines(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(path, $"cannot read emission spectrum: {e.Message}");
        }
        var wl = new List<double>(); var s = new List<double>();
        bool header = false;
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split([',', ';', '\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            if (!header)
            {
                header = true;
                if (!double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                {
                    if (!parts[0].Contains("nm", StringComparison.OrdinalIgnoreCase))
                        throw new InputException(path, "the first column must be the wavelength in nm", "header", line,
                            "a header wavelength_nm,intensity", i + 1);
                    continue;
                }
            }
            if (parts.Length < 2 ||
                !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double nm) ||
                !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
                throw new InputException(path, "expected two numbers: wavelength_nm,intensity", value: line, line: i + 1);
            if (!(nm > 0)) throw new InputException(path, "wavelength must be positive", value: line, line: i + 1);
            wl.Add(nm * 1e-9); s.Add(v);
        }
        return Table(wl.ToArray(), s.ToArray(), path);
    }
}
