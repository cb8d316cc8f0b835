namespace MieCool.Core;

/// <summary>
/// CODATA 2018 exact or recommended values, SI (Tiesinga et al., Rev. Mod. Phys. 93, 025010 (2021)); h, e, k_B and c are
/// exact by the definition of the SI (26th CGPM, in force since 20 May 2019).
/// </summary>
public static class PhysicalConstants
{
    /// <summary>Speed of light in vacuum, m/s (exact).</summary>
    public const double SpeedOfLight = 299_792_458.0;
    /// <summary>Vacuum permittivity, F/m.</summary>
    public const double Epsilon0 = 8.8541878128e-12;
    /// <summary>Vacuum permeability, H/m.</summary>
    public const double Mu0 = 1.25663706212e-6;
    /// <summary>Planck constant, J s (exact).</summary>
    public const double Planck = 6.62607015e-34;
    /// <summary>Elementary charge, C (exact).</summary>
    public const double ElementaryCharge = 1.602176634e-19;
    /// <summary>Boltzmann constant, J/K (exact).</summary>
    public const double Boltzmann = 1.380649e-23;
    /// <summary>Impedance of free space, ohm.</summary>
    public const double Z0 = Mu0 * SpeedOfLight;
    /// <summary>h c, J m: photon energy in J = PlanckTimesSpeedOfLight / vacuum wavelength in m.</summary>
    public const double PlanckTimesSpeedOfLight = Planck * SpeedOfLight;
    /// <summary>h c / e in eV m: photon energy in eV = HcOverE / wavelength in m.</summary>
    public const double HcOverE = Planck * SpeedOfLight / ElementaryCharge;
}
