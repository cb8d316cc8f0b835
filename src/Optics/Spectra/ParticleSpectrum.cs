using System.Collections.Concurrent;
using System.Numerics;
using MieCool.Core;
using MieCool.Optics.Mie;

namespace MieCool.Optics.Spectra;

/// <summary>
/// What a spectrum is computed for: a sphere (or a core inside a shell) in a non-absorbing host, over vacuum
/// wavelengths. SI: radii and wavelengths in m.
/// </summary>
/// <param name="Core">Index of the sphere (of the core when there is a shell).</param>
/// <param name="CoreRadius">Radius of the sphere (of the core), m.</param>
/// <param name="HostIndex">Real index of the surrounding medium; the Mie series uses m_rel = m / n_host.</param>
/// <param name="Shell">Index of the shell, or null for a homogeneous sphere.</param>
/// <param name="ShellThickness">Shell thickness, m (0 without a shell).</param>
/// <param name="Wavelengths">Vacuum wavelengths, m.</param>
public sealed record SpectrumInputs(IRefractiveIndex Core, double CoreRadius, double HostIndex,
    IRefractiveIndex? Shell, double ShellThickness, double[] Wavelengths)
{
    /// <summary>Radius of the particle's outer surface, m: the core radius plus the shell thickness when there is a shell.</summary>
    public double OuterRadius => CoreRadius + (Shell is null ? 0 : ShellThickness);
}

/// <summary>
/// One wavelength of a spectrum. Efficiencies are relative to the geometric cross section pi r_outer^2; cross
/// sections are in m^2. <see cref="Multipoles"/> follow <see cref="MultipoleNames.Low"/>: ED, MD, EQ, MQ, EO, MO.
/// </summary>
/// <param name="Wavelength">Vacuum wavelength, m.</param>
/// <param name="X">Size parameter of the outer surface in the host, x = 2 pi n_host r_outer / lambda0.</param>
/// <param name="CoreIndex">Absolute index m = n + ik of the sphere (the core) at this wavelength.</param>
/// <param name="ShellIndex">Absolute index of the shell; 0 without a shell.</param>
/// <param name="Efficiencies">Qext, Qsca, Qabs, Qback, g, Qpr.</param>
/// <param name="CrossSections">The efficiencies times pi r_outer^2, m^2.</param>
/// <param name="Multipoles">The parts of the six low multipoles, in the order of <see cref="MultipoleNames.Low"/>.</param>
/// <param name="Terms">Number of terms of the Mie series.</param>
public sealed record SpectrumPoint(double Wavelength, double X, Complex CoreIndex, Complex ShellIndex,
    MieEfficiencies Efficiencies, CrossSections CrossSections, MultipoleEfficiencies[] Multipoles, int Terms);

/// <summary>A resonance of a spectrum: where Qext (or Qabs) peaks, how high, and which multipole carries most of it.</summary>
/// <param name="Quantity">"Qext" or "Qabs".</param>
/// <param name="Wavelength">Peak wavelength (m), refined between samples.</param>
/// <param name="Q">The efficiency at the sampled peak.</param>
/// <param name="Dominant">Label of the largest multipole contribution (ED, MD, EQ, ...) to <see cref="Quantity"/> there.</param>
/// <param name="Share">That contribution divided by the total.</param>
/// <param name="Prominence">Height of the peak above the higher of its two bases (<see cref="Peak.Prominence"/>).</param>
public sealed record Resonance(string Quantity, double Wavelength, double Q, string Dominant, double Share, double Prominence);

/// <summary>The spectrum and its resonances.</summary>
public sealed record SphereSpectrum(SpectrumInputs Inputs, IReadOnlyList<SpectrumPoint> Points)
{
    /// <summary>
    /// Peaks of Qext and Qabs with a prominence of at least <paramref name="minRelativeProminence"/> of the curve's
    /// range (<see cref="Peaks"/>), each with its dominant multipole among n = 1..3.
    /// </summary>
    public List<Resonance> Resonances(double minRelativeProminence = 0.02)
    {
        var result = new List<Resonance>();
        var wl = Points.Select(p => p.Wavelength).ToArray();
        // Qabs of a lossless particle is round-off (~1e-16): nothing below 1e-9 of the largest Qext is a resonance
        double floor = 1e-9 * Points.Max(p => Math.Abs(p.Efficiencies.Qext));
        foreach (var (name, total, part) in new (string, Func<SpectrumPoint, double>, Func<MultipoleEfficiencies, double>)[]
                 { ("Qext", p => p.Efficiencies.Qext, m => m.Qext), ("Qabs", p => p.Efficiencies.Qabs, m => m.Qabs) })
        {
            var y = Points.Select(total).ToArray();
            foreach (var peak in Peaks.Find(wl, y, minRelativeProminence, floor))
            {
                var at = Points[peak.Index];
                int best = 0;
                for (int k = 1; k < at.Multipoles.Length; k++)
                    if (part(at.Multipoles[k]) > part(at.Multipoles[best])) best = k;
                double share = y[peak.Index] != 0 ? part(at.Multipoles[best]) / y[peak.Index] : double.NaN;
                result.Add(new Resonance(name, peak.Position, y[peak.Index], MultipoleNames.Low[best].Label, share, peak.Prominence));
            }
        }
        return result;
    }
}

/// <summary>
/// Mie spectra of a particle from its materials: the index at every wavelength in one allocation-free pass
/// (<see cref="IRefractiveIndex.At(ReadOnlySpan{double}, Span{Complex})"/>), then the Mie series per wavelength:
/// for a homogeneous sphere by the solver's parallel, allocation-free <see cref="Mie.MieSpectrum"/>, for a core-shell
/// particle by <see cref="MieSolver.CoreShell"/> in parallel. x = 2 pi n_host r_outer / lambda0
/// (<see cref="Convention.SizeParameter"/>), m_rel = m / n_host.
/// </summary>
public static class ParticleSpectrum
{
    /// <summary>
    /// The spectrum at every wavelength of <paramref name="s"/>, in its order. Throws when a wavelength is outside a
    /// material's data (<see cref="InputException"/>) or the series gives a non-finite efficiency.
    /// </summary>
    public static SphereSpectrum Compute(SpectrumInputs s)
    {
        if (!(s.CoreRadius > 0)) throw new ArgumentOutOfRangeException(nameof(s), s.CoreRadius, "radius must be > 0");
        if (!(s.HostIndex > 0)) throw new ArgumentOutOfRangeException(nameof(s), s.HostIndex, "host index must be > 0");
        if (s.Shell is not null && !(s.ShellThickness > 0))
            throw new ArgumentOutOfRangeException(nameof(s), s.ShellThickness, "shell thickness must be > 0");
        int count = s.Wavelengths.Length;
        var core = new Complex[count];
        var shell = new Complex[count];
        s.Core.At(s.Wavelengths, core);
        if (s.Shell is not null) s.Shell.At(s.Wavelengths, shell);
        double outer = s.OuterRadius;
        var x = new double[count];
        var mRel = new Complex[count];
        for (int i = 0; i < count; i++)
        {
            x[i] = Convention.SizeParameter(outer, s.Wavelengths[i], s.HostIndex);
            mRel[i] = core[i] / s.HostIndex;
        }

        var points = new SpectrumPoint[count];
        int low = MultipoleNames.Low.Count;
        if (s.Shell is null)
        {
            var spectrum = Mie.MieSpectrum.Solve(x, mRel);
            for (int i = 0; i < count; i++)
            {
                var multipoles = new MultipoleEfficiencies[low];
                for (int k = 0; k < low; k++)
                {
                    var (n, type, _) = MultipoleNames.Low[k];
                    multipoles[k] = n <= spectrum.Orders ? spectrum.Multipole(i, n, type) : default;
                }
                points[i] = Point(s, i, spectrum.Efficiencies(i), x[i], core[i], shell[i], multipoles, spectrum.NMax[i]);
            }
            return new SphereSpectrum(s, points);
        }

        Parallel.ForEach(Partitioner.Create(0, count, Math.Max(16, count / (4 * Environment.ProcessorCount) + 1)), range =>
        {
            for (int i = range.Item1; i < range.Item2; i++)
            {
                double xCore = Convention.SizeParameter(s.CoreRadius, s.Wavelengths[i], s.HostIndex);
                var result = MieSolver.CoreShell(xCore, mRel[i], x[i], shell[i] / s.HostIndex);
                var multipoles = new MultipoleEfficiencies[low];
                for (int k = 0; k < low; k++)
                {
                    var (n, type, _) = MultipoleNames.Low[k];
                    multipoles[k] = n <= result.NMax ? result.Multipole(n, type) : default;
                }
                points[i] = Point(s, i, result.Efficiencies, x[i], core[i], shell[i], multipoles, result.NMax);
            }
        });
        return new SphereSpectrum(s, points);
    }

    static SpectrumPoint Point(SpectrumInputs s, int i, MieEfficiencies q, double x, Complex core, Complex shell,
                               MultipoleEfficiencies[] multipoles, int terms)
    {
        double lambda = s.Wavelengths[i];
        if (!double.IsFinite(q.Qext) || !double.IsFinite(q.Qsca))
            throw new ComputationException($"the Mie series gave a non-finite efficiency at {lambda * 1e9:0.###} nm " +
                $"(x = {x:G6}, m = {core / s.HostIndex}); report the case");
        return new SpectrumPoint(lambda, x, core, shell, q, q.ToCrossSections(s.OuterRadius), multipoles, terms);
    }
}
