using MieCool.Core;
using MieCool.Optics.Substrate;

namespace MieCool.Optics.Cooling;

/// <summary>
/// Every assumption of the laser-cooling model of one particle, SI units (names carry them). The keys of
/// <see cref="Validate"/>'s errors are these parameters' names in snake case ("diameter", "pump_wavelength", ...), which
/// a front end maps to its own names (a command-line option, a case-file key).
/// </summary>
/// <param name="Material">Complex index of the particle material versus vacuum wavelength (n from here always;
/// k at the emission wavelengths from here, at every temperature: the Purcell factor F uses the page's index as it is;
/// k at the pump from <paramref name="Absorption"/>).</param>
/// <param name="DiameterM">Sphere diameter, m.</param>
/// <param name="HostIndex">Real refractive index of the surrounding medium (1.0 for air).</param>
/// <param name="PumpWavelengthM">Pump vacuum wavelength, m.</param>
/// <param name="IntensityWPerM2">Pump intensity, W/m^2.</param>
/// <param name="InternalQuantumEfficiency">eta_int in [0, 1]: radiative / total recombination rate in the bulk (with an
/// <see cref="CarrierModel.Abc"/> <paramref name="Carriers"/> model it is validated but not used).</param>
/// <param name="Emission">Intrinsic (bulk) photoluminescence spectrum at <paramref name="EmissionReferenceK"/> (with
/// <see cref="EmissionLineShape.Reciprocity"/> it is validated but not used).</param>
/// <param name="Absorption">Model of the resonant sub-gap absorption at the pump, at the particle temperature.</param>
/// <param name="BackgroundAbsorptionPerM">alpha_b, 1/m: parasitic absorption at the pump that only heats (default 0),
/// temperature independent.</param>
/// <param name="TemperatureK">The particle temperature at which every optical property (k_r at the pump, the emission
/// line) is evaluated, K (default 300). The model assumption: one temperature for the whole particle, its mean
/// temperature; the temperature gradient inside a particle does not enter the optics.</param>
/// <param name="EmissionPeakShiftJPerK">beta, J/K: with <see cref="EmissionLineShape.Given"/>, the given spectrum moves
/// rigidly in photon energy by beta (T - <paramref name="EmissionReferenceK"/>) (default 0: no shift).</param>
/// <param name="EmissionReferenceK">The temperature at which <paramref name="Emission"/> applies (the ambient of the
/// measurement), K (default 300).</param>
/// <param name="LineShape">Where the emission line at the particle temperature comes from (default: the given one, shifted).</param>
/// <param name="Carriers">Where eta_int comes from (null: <see cref="CarrierModel.ConstantEfficiency"/>, i.e.
/// <paramref name="InternalQuantumEfficiency"/>; <see cref="CarrierModel.Abc"/>: the ABC model at the carrier density the
/// absorbed pump sustains, at <paramref name="TemperatureK"/>).</param>
/// <param name="Substrate">The substrate under the particle as the optics see it (null: the particle in a homogeneous host,
/// the substrate invisible to the light): the pump's absorption and field, and the emission's escape.</param>
public sealed record CoolingInputs(
    IRefractiveIndex Material,
    double DiameterM,
    double HostIndex,
    double PumpWavelengthM,
    double IntensityWPerM2,
    double InternalQuantumEfficiency,
    EmissionSpectrum Emission,
    SubGapAbsorption Absorption,
    double BackgroundAbsorptionPerM = 0,
    double TemperatureK = 300,
    double EmissionPeakShiftJPerK = 0,
    double EmissionReferenceK = 300,
    EmissionLineShape LineShape = EmissionLineShape.Given,
    CarrierModel? Carriers = null,
    SubstrateOptics? Substrate = null)
{
    /// <summary>The carrier model in effect: <see cref="Carriers"/>, or <see cref="CarrierModel.Default"/> when null.</summary>
    public CarrierModel CarriersUsed => Carriers ?? CarrierModel.Default;

    /// <summary>Sphere radius, m: half of <see cref="DiameterM"/>.</summary>
    public double RadiusM => DiameterM / 2;

    /// <summary>Where <see cref="Validate"/>'s errors come from.</summary>
    public const string Source = "cooling inputs";

    /// <summary>
    /// The largest size parameter 2 pi n_host r / lambda (at the shortest emission wavelength) of a sphere whose substrate
    /// the optics see: the emitters' escape couples all 2 l_max + 1 azimuthal orders, a few minutes at x = 50.
    /// </summary>
    public const double MaxSubstrateSizeParameter = 50;

    /// <summary>Throws an <see cref="InputException"/> (keyed by the parameter's name) for any value outside its valid range.</summary>
    public void Validate()
    {
        Positive(DiameterM, "diameter", "a diameter > 0, e.g. 530 nm");
        Positive(HostIndex, "host_index", "a real host index > 0, e.g. 1.0");
        Positive(PumpWavelengthM, "pump_wavelength", "a wavelength > 0, e.g. 980 nm");
        if (!(IntensityWPerM2 >= 0) || !double.IsFinite(IntensityWPerM2))
            throw new InputException(Source, "intensity must be finite and >= 0", "intensity", $"{IntensityWPerM2 / 1e4:G6} W/cm^2",
                "an intensity >= 0, e.g. 7e6 W/cm^2");
        if (!(InternalQuantumEfficiency >= 0 && InternalQuantumEfficiency <= 1))
            throw new InputException(Source, "internal quantum efficiency outside [0, 1]", "internal_quantum_efficiency",
                Units.Invariant(InternalQuantumEfficiency), "a number in [0, 1], e.g. 0.99");
        if (!(BackgroundAbsorptionPerM >= 0) || !double.IsFinite(BackgroundAbsorptionPerM))
            throw new InputException(Source, "background absorption must be >= 0", "background_absorption",
                $"{BackgroundAbsorptionPerM / 100:G6} 1/cm", "an absorption coefficient >= 0, e.g. 10/cm");
        Absorption.Validate();
        CarriersUsed.Validate();
        Positive(TemperatureK, "temperature", "a particle temperature > 0, e.g. 300 K");
        if (!double.IsFinite(EmissionPeakShiftJPerK))
            throw new InputException(Source, "the emission peak shift must be finite", "peak_shift",
                Units.Invariant(EmissionPeakShiftJPerK / PhysicalConstants.ElementaryCharge * 1e3) + " meV/K", "e.g. 0.3 meV/K");
        Positive(EmissionReferenceK, "emission_reference", "the temperature of the given emission > 0, e.g. 300 K");
        if (!Enum.IsDefined(LineShape))
            throw new InputException(Source, "unknown emission line shape", "line_shape", LineShape.ToString(), "given or reciprocity");
        CheckWavelength(Material, PumpWavelengthM, "pump_wavelength");
        if (Substrate is { } s)
        {
            // the emission's escape couples every azimuthal order: the work grows as x^4 (about 3 minutes at x = 50)
            double x = 2 * Math.PI * HostIndex * RadiusM / Emission.Wavelengths[0];
            if (x > MaxSubstrateSizeParameter)
                throw new InputException(Source, FormattableString.Invariant(
                    $"the sphere on its substrate is too large for the T-matrix with the interface: size parameter {x:G3} at ") +
                    FormattableString.Invariant(
                        $"the shortest emission wavelength {Emission.Wavelengths[0] * 1e9:G4} nm (the work grows as x^4)"),
                    "diameter", Units.Invariant(DiameterM * 1e9) + " nm",
                    FormattableString.Invariant(
                        $"a diameter up to {MaxSubstrateSizeParameter * Emission.Wavelengths[0] / (Math.PI * HostIndex) * 1e9:G4} nm ") +
                    "(x <= 50), or the particle in a homogeneous host (optics.substrate = \"none\")");
            CheckWavelength(s.Material, PumpWavelengthM, "pump_wavelength");
            CheckWavelength(s.Material, Emission.Wavelengths[0] - SubstrateOptics.EscapeGridM, "emission");
            CheckWavelength(s.Material, Emission.Wavelengths[^1] + 2 * SubstrateOptics.EscapeGridM, "emission");
            if (s.CentreHeightM is double h && !(h >= RadiusM))
                throw new InputException(Source, "the sphere's centre must be at least one radius above the substrate", "centre_height",
                                         Units.Invariant(h * 1e9) + " nm", ">= the radius");
        }
        CheckWavelength(Material, Emission.Wavelengths[0], "emission");
        CheckWavelength(Material, Emission.Wavelengths[^1], "emission");
        CheckEmissionAt(TemperatureK);
    }

    /// <summary>
    /// Throws an <see cref="InputException"/> unless the emission at <paramref name="temperatureK"/> (K) can be formed and lies
    /// inside the material data (key "peak_shift" for a shifted given line, "line_shape" for the reciprocity line).
    /// </summary>
    internal void CheckEmissionAt(double temperatureK)
    {
        if (LineShape != EmissionLineShape.Given) { _ = EmissionAt(temperatureK); return; }
        double shift = EmissionShiftJ(temperatureK);
        if (shift == 0) return;
        if (!(PhysicalConstants.PlanckTimesSpeedOfLight / Emission.Wavelengths[^1] + shift > 0))
            throw new InputException(Source, "the emission shift beta (T - T_ref) would make a photon energy negative", "peak_shift",
                Units.Invariant(EmissionPeakShiftJPerK / PhysicalConstants.ElementaryCharge * 1e3) + " meV/K");
        var shifted = Emission.ShiftedInEnergy(shift);
        CheckWavelength(Material, shifted.Wavelengths[0], "peak_shift");
        CheckWavelength(Material, shifted.Wavelengths[^1], "peak_shift");
    }

    /// <summary>beta (T - T_ref), J: the energy shift of the given emission at <paramref name="temperatureK"/> (K).</summary>
    double EmissionShiftJ(double temperatureK) => EmissionPeakShiftJPerK * (temperatureK - EmissionReferenceK);

    /// <summary>
    /// The intrinsic emission when the particle is at <paramref name="temperatureK"/> (K). <see cref="EmissionLineShape.Given"/>:
    /// <see cref="Emission"/> moved rigidly in photon energy by beta (T - T_ref) (<see cref="EmissionSpectrum.ShiftedInEnergy"/>:
    /// the line keeps its width in energy; beta = 0 returns <see cref="Emission"/> itself).
    /// <see cref="EmissionLineShape.Reciprocity"/>: the van Roosbroeck-Shockley line of the absorption model at T
    /// (<see cref="ReciprocityEmission.At"/>; needs an absorption model with a band tail).
    /// </summary>
    /// <param name="temperatureK">Particle temperature, K.</param>
    public EmissionSpectrum EmissionAt(double temperatureK) => LineShape switch
    {
        EmissionLineShape.Reciprocity => ReciprocityEmission.At(Material, Absorption, temperatureK),
        _ => Emission.ShiftedInEnergy(EmissionShiftJ(temperatureK)),
    };

    static void Positive(double v, string key, string valid)
    {
        if (!(v > 0) || !double.IsFinite(v))
            throw new InputException(Source, "must be positive and finite", key, Units.Invariant(v), valid);
    }

    /// <summary>
    /// A wavelength outside the material data is bad input, never an extrapolation; <paramref name="key"/> names it within
    /// <paramref name="source"/> (a front end may pass its own source, e.g. an option, and no key).
    /// </summary>
    public static void CheckWavelength(IRefractiveIndex material, double wavelength, string? key, string source = Source)
    {
        if (wavelength < material.MinWavelength || wavelength > material.MaxWavelength)
            throw new InputException(source, $"wavelength {wavelength * 1e9:F1} nm is outside the data of {material.Name}", key,
                valid: $"{material.MinWavelength * 1e9:F1} to {material.MaxWavelength * 1e9:F1} nm");
    }
}

/// <summary>Where the emission line at the particle temperature comes from (<see cref="CoolingInputs.EmissionAt"/>).</summary>
public enum EmissionLineShape
{
    /// <summary>The given spectrum, moved rigidly in photon energy by beta (T - T_ref).</summary>
    Given,
    /// <summary>
    /// Detailed balance with the absorption at T: the van Roosbroeck-Shockley line (Phys. Rev. 94, 1558 (1954)) of the
    /// absorption model (<see cref="ReciprocityEmission"/>); the given spectrum and beta are not used.
    /// </summary>
    Reciprocity,
}
