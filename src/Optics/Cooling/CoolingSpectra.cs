namespace MieCool.Optics.Cooling;

/// <summary>Qabs with its multipole parts at one wavelength (around the pump).</summary>
/// <param name="WavelengthM">Vacuum wavelength, m.</param>
/// <param name="Qabs">Absorption efficiency with the index the cooling model uses there (n + i (k_r + k_b)).</param>
/// <param name="Multipoles">Qabs per multipole label (ED, MD, EQ, ...).</param>
public sealed record AbsorptionSample(double WavelengthM, double Qabs, IReadOnlyDictionary<string, double> Multipoles);

/// <summary>The Purcell factor F relative to the bulk emitter at one wavelength (around the emission).</summary>
/// <param name="WavelengthM">Vacuum wavelength, m.</param>
/// <param name="FBulk">Volume- and orientation-averaged radiative rate of emitters filling the sphere, relative to the
/// same emitter in the bulk material (see <see cref="EmissionEscape.FBulk"/>).</param>
public sealed record EscapeSample(double WavelengthM, double FBulk);

/// <summary>
/// The spectra beside a cooling result, at its particle temperature: Qabs with its largest multipoles over the pump
/// +- 150 nm (only below the edge for an Urbach tail, which describes sub-gap absorption only) and F_bulk over the
/// emission used (<see cref="CoolingResult.EmissionUsed"/>) +- 30 nm, both inside the material's data, on 151 points each.
/// </summary>
/// <param name="Absorption">Qabs around the pump.</param>
/// <param name="Escape">F_bulk around the emission.</param>
/// <param name="Labels">The four multipoles that absorb most at the pump, largest first.</param>
public sealed record CoolingSpectra(IReadOnlyList<AbsorptionSample> Absorption, IReadOnlyList<EscapeSample> Escape, string[] Labels)
{
    const int Points = 151;

    /// <summary>The spectra of <paramref name="result"/>'s particle (its multipoles at the pump name the labels).</summary>
    public static CoolingSpectra Of(CoolingResult result)
    {
        var inputs = result.Inputs; var m = inputs.Material;
        double lo = Math.Max(m.MinWavelength, inputs.PumpWavelengthM - 150e-9),
               hi = Math.Min(m.MaxWavelength, inputs.PumpWavelengthM + 150e-9);
        if (inputs.Absorption is UrbachAbsorption u)
            lo = Math.Max(lo, Core.PhysicalConstants.PlanckTimesSpeedOfLight / u.Tail.EdgeAt(inputs.TemperatureK) * (1 + 1e-9));
        var absorption = new List<AbsorptionSample>(Points);
        for (int i = 0; i < Points; i++)
        {
            double wl = lo + (hi - lo) * i / (Points - 1);
            var p = CoolingModel.Pump(inputs, inputs.DiameterM, wl, withMultipoles: true);
            absorption.Add(new(wl, p.Qabs, p.Multipoles.ToDictionary(t => t.Label, t => t.Value)));
        }
        var labels = result.Pump.Multipoles.Take(4).Select(t => t.Label).ToArray();

        var emission = result.EmissionUsed;
        double e0 = Math.Max(m.MinWavelength, emission.Wavelengths[0] - 30e-9);
        double e1 = Math.Min(m.MaxWavelength, emission.Wavelengths[^1] + 30e-9);
        var grid = Enumerable.Range(0, Points).Select(i => e0 + (e1 - e0) * i / (Points - 1)).ToArray();
        var flat = EmissionSpectrum.Table(grid, Enumerable.Repeat(1.0, Points).ToArray(), "spectrum grid");
        double alphaB = inputs.BackgroundAbsorptionPerM;
        var ratio = CoolingModel.SubstrateRatio(m, inputs.DiameterM, inputs.HostIndex, alphaB, grid, inputs.Substrate);
        var escape = CoolingModel.Escape(CoolingModel.EmissionIndex(m, grid, alphaB), inputs.DiameterM, inputs.HostIndex, flat, alphaB,
                                         substrateRatio: ratio);
        return new CoolingSpectra(absorption, grid.Select((w, i) => new EscapeSample(w, escape.FBulk[i])).ToList(), labels);
    }
}
