using MieCool.Core;

namespace MieCool.Optics.Cooling;

/// <summary>Documented defaults of the thermal inputs.</summary>
public static class CoolingDefaults
{
    /// <summary>Air at 300 K, W/(m K).</summary>
    public const double AirConductivityWPerMK = 0.026;
    /// <summary>Fused silica at 300 K, W/(m K).</summary>
    public const double GlassConductivityWPerMK = 1.38;
}

/// <summary>
/// Every assumption of the laser-cooling model of one particle, SI units (names carry them).
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
/// <param name="HostConductivityWPerMK">Thermal conductivity of the homogeneous host for the first temperature estimate
/// (default 0.026 W/(m K), air at 300 K).</param>
/// <param name="AirConductivityWPerMK">Air, for the half-embedded estimate (default 0.026 W/(m K)).</param>
/// <param name="GlassConductivityWPerMK">Glass substrate, for the half-embedded estimate (default 1.38 W/(m K), fused silica).</param>
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
    double HostConductivityWPerMK = CoolingDefaults.AirConductivityWPerMK,
    double AirConductivityWPerMK = CoolingDefaults.AirConductivityWPerMK,
    double GlassConductivityWPerMK = CoolingDefaults.GlassConductivityWPerMK)
{
    public double RadiusM => DiameterM / 2;

    /// <summary>Throws an <see cref="InputException"/> (naming the CLI option) for any value outside its valid range.</summary>
    public void Validate()
    {
        Positive(DiameterM, "--diameter", "a diameter > 0, e.g. 530nm");
        Positive(HostIndex, "--host", "a real host index > 0, e.g. 1.0");
        Positive(PumpWavelengthM, "--pump", "a wavelength > 0, e.g. 980nm");
        if (!(IntensityWPerM2 >= 0) || !double.IsFinite(IntensityWPerM2))
            throw new InputException("--intensity", "intensity must be finite and >= 0", value: $"{IntensityWPerM2 / 1e4:G6} W/cm^2",
                valid: "an intensity >= 0, e.g. 7e6W/cm2");
        if (!(InternalQuantumEfficiency >= 0 && InternalQuantumEfficiency <= 1))
            throw new InputException("--eta-int", "internal quantum efficiency outside [0, 1]", value: Units.Invariant(InternalQuantumEfficiency),
                valid: "a number in [0, 1], e.g. 0.99");
        if (!(BackgroundAbsorptionPerM >= 0) || !double.IsFinite(BackgroundAbsorptionPerM))
            throw new InputException("--background-absorption", "background absorption must be >= 0",
                value: $"{BackgroundAbsorptionPerM / 100:G6} 1/cm", valid: "an absorption coefficient >= 0, e.g. 10/cm");
        Positive(HostConductivityWPerMK, "--kappa-host", "a conductivity > 0, e.g. 0.026W/(m K)");
        Positive(AirConductivityWPerMK, "--kappa-air", "a conductivity > 0, e.g. 0.026W/(m K)");
        Positive(GlassConductivityWPerMK, "--kappa-glass", "a conductivity > 0, e.g. 1.38W/(m K)");
        if (Absorption is UrbachAbsorption u) u.Validate("--absorption");
        CheckWavelength(Material, PumpWavelengthM, "--pump");
        CheckWavelength(Material, Emission.Wavelengths[0], "--emission");
        CheckWavelength(Material, Emission.Wavelengths[^1], "--emission");
    }

    static void Positive(double v, string option, string valid)
    {
        if (!(v > 0) || !double.IsFinite(v)) throw new InputException(option, "must be positive and finite", value: Units.Invariant(v), valid: valid);
    }

    /// <summary>A wavelength outside the material data is bad input, never an extrapolation.</summary>
    public static void CheckWavelength(IRefractiveIndex material, double wavelength, string option)
    {
        if (wavelength < material.MinWavelength || wavelength > material.MaxWavelength)
            throw new InputException(option, $"wavelength {wavelength * 1e9:F1} nm is outside the data of {material.Name}",
                valid: $"{material.MinWavelength * 1e9:F1} to {material.MaxWavelength * 1e9:F1} nm");
    }
}
