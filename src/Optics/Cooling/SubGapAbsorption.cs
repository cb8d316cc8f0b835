using System.Globalization;
using MieCool.Core;

namespace MieCool.Optics.Cooling;

/// <summary>
/// How the resonant (band-tail) absorption of the emitter at the pump wavelength is modelled, at a given particle
/// temperature. Laser cooling pumps below the band gap, where the measured k of an ellipsometry page is often a fit
/// artefact or a defect/background contribution: the prediction depends strongly on this choice, so it is an explicit
/// input and is printed.
/// </summary>
public abstract record SubGapAbsorption
{
    /// <summary>
    /// Resonant extinction coefficient k_r at the pump (vacuum wavelength <paramref name="vacuumWavelength"/>, m) when the
    /// particle is at <paramref name="temperatureK"/> (K).
    /// </summary>
    /// <param name="material">The particle material (its page's k, where the model uses it).</param>
    /// <param name="vacuumWavelength">Vacuum wavelength, m.</param>
    /// <param name="temperatureK">Particle temperature, K.</param>
    public abstract double ResonantK(IRefractiveIndex material, double vacuumWavelength, double temperatureK);

    /// <summary>
    /// The absorption coefficient alpha(E, T) = 4 pi k(E, T) / lambda, 1/m, at every wavelength of the material data, below
    /// and above the edge: what the van Roosbroeck-Shockley line shape needs (<see cref="EmissionLineShape.Reciprocity"/>).
    /// Below the edge it is the model's resonant absorption; above it, where the model may not apply, the page's k.
    /// </summary>
    /// <param name="material">The particle material.</param>
    /// <param name="vacuumWavelength">Vacuum wavelength, m.</param>
    /// <param name="temperatureK">Particle temperature, K.</param>
    public abstract double AbsorptionCoefficient(IRefractiveIndex material, double vacuumWavelength, double temperatureK);

    /// <summary>
    /// The band tail of the model (the Tail parameter of either model), null when it has none (then the model does not
    /// depend on the temperature).
    /// </summary>
    public abstract BandTail? TailIfAny { get; }

    /// <summary>Throws an <see cref="InputException"/> (key "absorption") for a non-physical parameter.</summary>
    public abstract void Validate();

    /// <summary>One line for output, with the parameters and their units.</summary>
    public abstract string Description { get; }

    /// <summary>Photon energy h c / lambda, J, at a vacuum wavelength (m).</summary>
    private protected static double PhotonEnergyJ(double vacuumWavelength) => PhysicalConstants.PlanckTimesSpeedOfLight / vacuumWavelength;

    /// <summary>alpha = 4 pi k / lambda, 1/m, of the material page at a vacuum wavelength (m).</summary>
    private protected static double PageAlpha(IRefractiveIndex material, double vacuumWavelength) =>
        4 * Math.PI * material.At(vacuumWavelength).Imaginary / vacuumWavelength;
}

/// <summary>
/// k_r is the tabulated (interpolated) k of the material page at the pump wavelength. Without a tail it does not depend
/// on the temperature. With a tail, the page is taken as measured at <paramref name="DataTemperatureK"/> and rescaled
/// below the edge: k_r(lambda, T) = k_page(lambda) exp(x(E, T) - x(E, T_data)), x the Urbach exponent of
/// <see cref="BandTail.Exponent"/>, wherever the photon energy E is below both E0(T) and E0(T_data); elsewhere the
/// page's k as it is (the assumption: the page's sub-gap k is an Urbach tail whose shape follows the tail's T law).
/// </summary>
/// <param name="Tail">The band tail that rescales the page's sub-gap k with temperature; null: no temperature dependence.</param>
/// <param name="DataTemperatureK">The temperature the page was measured at, K (&gt; 0; used only with a tail).</param>
public sealed record TabulatedAbsorption(BandTail? Tail = null, double DataTemperatureK = 300) : SubGapAbsorption
{
    /// <summary>
    /// k of the material data at <paramref name="vacuumWavelength"/> (m), Im m with m = n + ik, rescaled below the edge to
    /// <paramref name="temperatureK"/> (K) when there is a tail (see the type).
    /// </summary>
    /// <param name="material">The particle material (its page's k).</param>
    /// <param name="vacuumWavelength">Vacuum wavelength, m.</param>
    /// <param name="temperatureK">Particle temperature, K.</param>
    public override double ResonantK(IRefractiveIndex material, double vacuumWavelength, double temperatureK)
    {
        double k = material.At(vacuumWavelength).Imaginary;
        if (Tail is null) return k;
        double e = PhotonEnergyJ(vacuumWavelength);
        if (!(e < Tail.EdgeAt(temperatureK) && e < Tail.EdgeAt(DataTemperatureK))) return k;
        return k * Math.Exp(Tail.Exponent(e, temperatureK) - Tail.Exponent(e, DataTemperatureK));
    }

    /// <summary>4 pi k_r / lambda, 1/m, with k_r of <see cref="ResonantK"/> (the page's k above the edge).</summary>
    /// <param name="material">The particle material (its page's k).</param>
    /// <param name="vacuumWavelength">Vacuum wavelength, m.</param>
    /// <param name="temperatureK">Particle temperature, K.</param>
    public override double AbsorptionCoefficient(IRefractiveIndex material, double vacuumWavelength, double temperatureK) =>
        4 * Math.PI * ResonantK(material, vacuumWavelength, temperatureK) / vacuumWavelength;

    /// <summary>The <see cref="Tail"/>, or null.</summary>
    public override BandTail? TailIfAny => Tail;

    /// <summary>Throws an <see cref="InputException"/> (key "absorption") for a bad tail or data temperature.</summary>
    public override void Validate()
    {
        if (Tail is null) return;
        Tail.Validate();
        if (!(DataTemperatureK > 0) || !double.IsFinite(DataTemperatureK))
            throw new InputException(CoolingInputs.Source, "the temperature of the material data must be positive", "absorption",
                string.Create(CultureInfo.InvariantCulture, $"{DataTemperatureK} K"), "T_data > 0, e.g. 300 K");
    }

    /// <summary>"tabulated k of the material data", with the tail and the data temperature when there is a tail.</summary>
    public override string Description => Tail is null
        ? "tabulated k of the material data"
        : string.Create(CultureInfo.InvariantCulture,
            $"tabulated k of the material data (measured at {DataTemperatureK:G5} K), rescaled below the edge by the Urbach tail ") +
          Tail.Description;
}

/// <summary>
/// Urbach tail alpha_r(E, T) = alpha_0 exp(x(E, T)), x = (E - E0(T)) / E_U(T) (<see cref="BandTail"/>), for photon
/// energies E &lt;= E0(T) (Urbach, Phys. Rev. 92, 1324 (1953)), converted to k = alpha lambda / (4 pi). The real part n
/// stays the tabulated one.
/// </summary>
/// <param name="Tail">The band tail (MAPbI3 at 300 K: E_U ~ 15 meV, De Wolf et al., J. Phys. Chem. Lett. 5, 1035 (2014)).</param>
/// <param name="Alpha0PerM">alpha_0, 1/m (absorption coefficient at the edge).</param>
public sealed record UrbachAbsorption(BandTail Tail, double Alpha0PerM) : SubGapAbsorption
{
    /// <summary>A temperature-independent tail (<see cref="BandTail.Constant"/>) from the values people quote.</summary>
    /// <param name="bandGapEv">E_g = E0, eV.</param>
    /// <param name="urbachEnergyEv">E_U, eV.</param>
    /// <param name="alpha0PerM">alpha_0, 1/m.</param>
    public static UrbachAbsorption Constant(double bandGapEv, double urbachEnergyEv, double alpha0PerM) =>
        new(BandTail.Constant(bandGapEv * PhysicalConstants.ElementaryCharge, urbachEnergyEv * PhysicalConstants.ElementaryCharge),
            alpha0PerM);

    /// <summary>The <see cref="Tail"/>.</summary>
    public override BandTail? TailIfAny => Tail;

    /// <summary>Throws an <see cref="InputException"/> (key "absorption") for a non-physical parameter.</summary>
    public override void Validate()
    {
        Tail.Validate();
        if (!(Alpha0PerM >= 0) || !double.IsFinite(Alpha0PerM))
            throw new InputException(CoolingInputs.Source, "alpha_0 must be >= 0", "absorption",
                string.Create(CultureInfo.InvariantCulture, $"{Alpha0PerM / 100:G6} 1/cm"), "alpha_0 >= 0, e.g. 1e4 /cm");
    }

    /// <summary>
    /// alpha_r(E, T) = alpha_0 exp(x(E, T)), 1/m, at a vacuum wavelength (m) and particle temperature (K); above the edge
    /// E0(T) it throws an <see cref="InputException"/> (key "absorption"): the tail describes sub-gap absorption only.
    /// </summary>
    /// <param name="vacuumWavelength">Vacuum wavelength, m.</param>
    /// <param name="temperatureK">Particle temperature, K.</param>
    public double Alpha(double vacuumWavelength, double temperatureK)
    {
        double e = PhotonEnergyJ(vacuumWavelength), edge = Tail.EdgeAt(temperatureK);
        if (e > edge)
        {
            double ev = PhysicalConstants.ElementaryCharge;
            throw new InputException(CoolingInputs.Source, string.Create(CultureInfo.InvariantCulture,
                    $"the Urbach tail describes sub-gap absorption, but the photon energy {e / ev:F3} eV at " +
                    $"{vacuumWavelength * 1e9:F1} nm is above E_g = E0(T) = {edge / ev:G5} eV (at {temperatureK:G5} K)"), "absorption",
                valid: "a pump wavelength below the gap, or the tabulated absorption model");
        }
        return Alpha0PerM * Math.Exp(Tail.Exponent(e, temperatureK));
    }

    /// <summary>
    /// k_r = alpha_r(E, T) lambda / (4 pi) at <paramref name="vacuumWavelength"/> (m), from the tail alone: the material's
    /// tabulated k is not used. Above the edge it throws (<see cref="Alpha"/>).
    /// </summary>
    /// <param name="material">Not used (the tail alone sets k_r).</param>
    /// <param name="vacuumWavelength">Vacuum wavelength, m.</param>
    /// <param name="temperatureK">Particle temperature, K.</param>
    public override double ResonantK(IRefractiveIndex material, double vacuumWavelength, double temperatureK) =>
        Alpha(vacuumWavelength, temperatureK) * vacuumWavelength / (4 * Math.PI);

    /// <summary>alpha_0 exp(x(E, T)) for E &lt;= E0(T); above the edge 4 pi k_page / lambda, 1/m.</summary>
    /// <param name="material">The particle material (its page's k above the edge).</param>
    /// <param name="vacuumWavelength">Vacuum wavelength, m.</param>
    /// <param name="temperatureK">Particle temperature, K.</param>
    public override double AbsorptionCoefficient(IRefractiveIndex material, double vacuumWavelength, double temperatureK) =>
        PhotonEnergyJ(vacuumWavelength) <= Tail.EdgeAt(temperatureK)
            ? Alpha(vacuumWavelength, temperatureK)
            : PageAlpha(material, vacuumWavelength);

    /// <summary>The parameters in the units people quote them in: alpha_0 in 1/cm, E0 in eV, E_U in meV, gamma in meV/K.</summary>
    public override string Description =>
        string.Create(CultureInfo.InvariantCulture, $"Urbach tail alpha_0 = {Alpha0PerM / 100:G4} 1/cm, ") + Tail.Description;
}
