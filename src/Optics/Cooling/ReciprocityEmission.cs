using System.Globalization;
using MieCool.Core;

namespace MieCool.Optics.Cooling;

/// <summary>
/// The photoluminescence line in detailed balance with the absorption (van Roosbroeck &amp; Shockley, Phys. Rev. 94, 1558
/// (1954)): photons emitted per unit photon energy S(E) ~ n(E)^2 E^2 alpha(E, T) / (exp(E / k_B T) - 1), with
/// alpha(E, T) = 4 pi k(E, T) / lambda from the absorption model at T (<see cref="SubGapAbsorption.AbsorptionCoefficient"/>:
/// the model's tail below the edge, the page's k above it) and n the page's n. For E &gt;&gt; k_B T and a slowly varying n
/// this is S(E) ~ E^2 alpha(E, T) exp(-E / k_B T). The assumption: the carriers are in thermal equilibrium with the
/// lattice at the particle temperature T.
/// </summary>
public static class ReciprocityEmission
{
    /// <summary>The line is sampled from E0(T) - <see cref="BelowEdgeLengths"/> L to the edge, L = 1/(1/E_U - 1/k_B T)
    /// the decay length of S below the edge (S falls to exp(-20) ~ 2e-9 of its edge value there).</summary>
    public const double BelowEdgeLengths = 20;
    /// <summary>... and from the edge to E0(T) + <see cref="AboveEdgeKT"/> k_B T above it.</summary>
    public const double AboveEdgeKT = 20;
    /// <summary>Cells per decay length (L below the edge, k_B T above it).</summary>
    public const int CellsPerLength = 2;
    /// <summary>Gauss-Legendre nodes per cell (exact for polynomials of degree 5 on each cell).</summary>
    public const int PointsPerCell = 3;
    /// <summary>
    /// The largest share of the photons allowed in the outermost decay length at either end of the sampled range: more
    /// means the line does not decay inside it (the model's sub-gap absorption falls slower than exp(-E / k_B T) rises).
    /// </summary>
    public const double MaxEndShare = 1e-3;

    /// <summary>
    /// The van Roosbroeck-Shockley line at <paramref name="temperatureK"/> (K) as an <see cref="EmissionSpectrum"/>
    /// (<see cref="EmissionSpectrum.FromPhotonEnergyDensity"/>): cells in photon energy from E0(T) - 20 L to E0(T)
    /// (L / 2 wide) and from E0(T) to E0(T) + 20 k_B T (k_B T / 2 wide), 3 Gauss-Legendre nodes each, the edge E0(T) a
    /// cell boundary, all clipped to the material's data range (emission beyond the data is not counted).
    /// Throws an <see cref="InputException"/> (key "line_shape") when the absorption model has no band tail; when
    /// E_U(T) &gt;= k_B T, where S grows without bound below the edge (the deepest tail states would dominate the line);
    /// and when more than <see cref="MaxEndShare"/> of the photons fall in the outermost decay length at either end (the
    /// line does not decay inside the data: e.g. a page whose sub-gap k is flat, a background rather than a tail).
    /// </summary>
    /// <param name="material">The particle material (n; k above the edge).</param>
    /// <param name="absorption">The absorption model, with a band tail.</param>
    /// <param name="temperatureK">Particle temperature, K (&gt; 0).</param>
    public static EmissionSpectrum At(IRefractiveIndex material, SubGapAbsorption absorption, double temperatureK)
    {
        const string source = CoolingInputs.Source;
        var inv = CultureInfo.InvariantCulture;
        var tail = absorption.TailIfAny ?? throw new InputException(source,
            "the reciprocity line shape needs an absorption model with a band tail", "line_shape", absorption.Description,
            "an Urbach or a tabulated absorption model with a band tail, or the given line shape");
        if (!(temperatureK > 0) || !double.IsFinite(temperatureK))
            throw new InputException(source, "the particle temperature must be positive", "temperature",
                string.Create(inv, $"{temperatureK} K"));
        double kT = PhysicalConstants.Boltzmann * temperatureK, eu = tail.UrbachEnergyAt(temperatureK), e0 = tail.EdgeAt(temperatureK);
        double ev = PhysicalConstants.ElementaryCharge;
        if (!(eu < kT))
            throw new InputException(source, string.Create(inv,
                    $"the reciprocity line diverges below the edge at {temperatureK:G5} K: E_U(T) = {eu / ev * 1e3:G4} meV is not below " +
                    $"k_B T = {kT / ev * 1e3:G4} meV"), "line_shape", valid: "a higher temperature, or the given line shape");
        if (!(e0 > 0))
            throw new InputException(source,
                string.Create(inv, $"the band edge E0(T) = {e0 / ev:G5} eV at {temperatureK:G5} K is not positive"), "absorption");
        double length = eu * kT / (kT - eu);
        const double hc = PhysicalConstants.PlanckTimesSpeedOfLight;
        double dataLo = hc / material.MaxWavelength, dataHi = hc / material.MinWavelength; // 0 and +inf for a constant index
        double lo = Math.Max(e0 - BelowEdgeLengths * length, dataLo), hi = Math.Min(e0 + AboveEdgeKT * kT, dataHi);
        lo = Math.Max(lo, e0 / 100); // positive photon energies
        if (!(hi > lo))
            throw new InputException(source,
                string.Create(inv, $"the emission line around E0(T) = {e0 / ev:G5} eV is outside the data of {material.Name}"),
                "line_shape");
        var edges = new List<double>();
        AddCells(edges, lo, Math.Min(e0, hi), length / CellsPerLength);
        AddCells(edges, Math.Max(e0, lo), hi, kT / CellsPerLength);
        var line = EmissionSpectrum.FromPhotonEnergyDensity(Density, [.. edges], string.Create(inv,
            $"van Roosbroeck-Shockley line at {temperatureK:G5} K from the absorption model " +
            $"({(edges.Count - 1) * PointsPerCell} points)"), PointsPerCell);
        double low = 0, high = 0;
        for (int i = 0; i < line.Wavelengths.Length; i++)
        {
            double e = hc / line.Wavelengths[i];
            if (e < lo + Math.Min(length, e0 - lo)) low += line.Weights[i];
            if (e > hi - Math.Min(kT, hi - e0)) high += line.Weights[i];
        }
        if (low > MaxEndShare || high > MaxEndShare)
            throw new InputException(source, string.Create(inv,
                    $"the reciprocity line at {temperatureK:G5} K does not decay inside {lo / ev:G4} to {hi / ev:G4} eV: " +
                    $"{Math.Max(low, high):P1} of its photons are at the {(low > high ? "low" : "high")}-energy end (the absorption " +
                    $"model does not fall faster than exp(-E/k_B T) rises)"), "line_shape",
                valid: "an absorption model with an Urbach tail below the edge, or the given line shape");
        return line;
        double Density(double e)
        {
            double wl = hc / e;
            double n = material.At(wl).Real;
            // 1 / (exp(E/kT) - 1) scaled by exp(E0/kT) to stay in range: exp(-(E - E0)/kT) / (1 - exp(-E/kT))
            return n * n * e * e * absorption.AbsorptionCoefficient(material, wl, temperatureK) * Math.Exp(-(e - e0) / kT)
                   / -double.ExpM1(-e / kT);
        }
    }

    /// <summary>Appends to <paramref name="edges"/> the edges of equal cells of at most <paramref name="width"/> over [a, b].</summary>
    static void AddCells(List<double> edges, double a, double b, double width)
    {
        if (!(b > a)) return;
        int n = Math.Max(1, (int)Math.Ceiling((b - a) / width));
        if (edges.Count == 0) edges.Add(a);
        for (int i = 1; i <= n; i++) edges.Add(i == n ? b : a + (b - a) * i / n);
    }
}
