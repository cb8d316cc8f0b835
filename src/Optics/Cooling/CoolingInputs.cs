using MieCool.Core;

namespace MieCool.Optics.Cooling;

/// <summary>
/// Every assumption of the laser-cooling model of one particle, SI units (names carry them). The keys of
/// <see cref="Validate"/>'s errors are these parameters' names in snake case ("diameter", "pump_wavelength", ...), which
/// a front end maps to its own names (a command-line option, a case-file key).
/// </summary>
/// <param name="Material">Complex index of the particle material versus vacuum wavelength (n from here always;
/// k at the emission wavelengths from here; k at the pump from <paramref name="Absorption"/>).</param>
/// <param name="DiameterM">Sphere diameter, m.</param>
/// <param name="HostIndex">Real refractive index of the surrounding medium (1.0 for air).</param>
/// <param name="PumpWavelengthM">Pump vacuum wavelength, m.</param>
/// <param name="IntensityWPerM2">Pump intensity, W/m^2.</param>
/// <param name="InternalQuantumEfficiency">eta_int in [0, 1]: radiative / total recombination rate in the bulk.</param>
/// <param name="Emission">Intrinsic (bulk) photoluminescence spectrum.</param>
/// <param name="Absorption">Model of the resonant sub-gap absorption at the pump.</param>
/// <param name="BackgroundAbsorptionPerM">alpha_b, 1/m: parasitic absorption at the pump that only heats (default 0).</param>
public sealed record CoolingInputs(
    IRefractiveIndex Material,
    double DiameterM,
    double HostIndex,
    double PumpWavelengthM,
    double IntensityWPerM2,
    double InternalQuantumEfficiency,
    EmissionSpectrum Emission,
    SubGapAbsorption Absorption,
    double BackgroundAbsorptionPerM = 0)
{
    /// <summary>Sphere radius, m: half of <see cref="DiameterM"/>.</summary>
    public double RadiusM => DiameterM / 2;

    /// <summary>Where <see cref="Validate"/>'s errors come from.</summary>
    public const string Source = "cooling inputs";

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
        if (Absorption is UrbachAbsorption u) u.Validate();
        CheckWavelength(Material, PumpWavelengthM, "pump_wavelength");
        CheckWavelength(Material, Emission.Wavelengths[0], "emission");
        CheckWavelength(Material, Emission.Wavelengths[^1], "emission");
    }

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
