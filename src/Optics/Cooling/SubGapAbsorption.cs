using MieCool.Core;

namespace MieCool.Optics.Cooling;

/// <summary>
/// How the resonant (band-tail) absorption of the emitter at the pump wavelength is modelled. Laser cooling pumps
/// below the band gap, where the measured k of an ellipsometry page is often a fit artefact or a defect/background
/// contribution: the prediction depends strongly on this choice, so it is an explicit input and is printed.
/// </summary>
public abstract record SubGapAbsorption
{
    /// <summary>Resonant extinction coefficient k_r at the pump (vacuum wavelength, m).</summary>
    public abstract double ResonantK(IRefractiveIndex material, double vacuumWavelength);
    /// <summary>One line for output.</summary>
    public abstract string Description { get; }
}

/// <summary>k_r is the tabulated (interpolated) k of the material page at the pump wavelength.</summary>
public sealed record TabulatedAbsorption : SubGapAbsorption
{
    /// <summary>k of the material data at <paramref name="vacuumWavelength"/> (m): Im m, with m = n + ik.</summary>
    public override double ResonantK(IRefractiveIndex material, double vacuumWavelength) => material.At(vacuumWavelength).Imaginary;
    /// <summary>"tabulated k of the material data".</summary>
    public override string Description => "tabulated k of the material data";
}

/// <summary>
/// Urbach tail alpha(E) = alpha_0 exp((E - E_g)/E_U) for photon energies E &lt; E_g (Urbach, Phys. Rev. 92, 1324
/// (1953)), converted to k = alpha lambda / (4 pi). The real part n stays the tabulated one.
/// </summary>
/// <param name="BandGapEv">E_g, eV.</param>
/// <param name="UrbachEnergyEv">E_U, eV (MAPbI3: ~15 meV, De Wolf et al., J. Phys. Chem. Lett. 5, 1035 (2014)).</param>
/// <param name="Alpha0PerM">alpha_0, 1/m (absorption coefficient at the gap).</param>
public sealed record UrbachAbsorption(double BandGapEv, double UrbachEnergyEv, double Alpha0PerM) : SubGapAbsorption
{
    /// <summary>Throws an <see cref="InputException"/> (key "absorption") for a non-physical parameter.</summary>
    public void Validate()
    {
        const string source = CoolingInputs.Source;
        if (!(BandGapEv > 0) || !double.IsFinite(BandGapEv))
            throw new InputException(source, "band gap E_g must be positive", "absorption", Units.Invariant(BandGapEv),
                "E_g > 0 in eV, e.g. 1.6");
        if (!(UrbachEnergyEv > 0) || !double.IsFinite(UrbachEnergyEv))
            throw new InputException(source, "Urbach energy E_U must be positive", "absorption", Units.Invariant(UrbachEnergyEv),
                "E_U > 0 in eV, e.g. 0.015");
        if (!(Alpha0PerM >= 0) || !double.IsFinite(Alpha0PerM))
            throw new InputException(source, "alpha_0 must be >= 0", "absorption", Units.Invariant(Alpha0PerM),
                "alpha_0 >= 0 in 1/cm, e.g. 1e4");
    }

    /// <summary>alpha(E), 1/m, at a vacuum wavelength (m).</summary>
    public double Alpha(double vacuumWavelength)
    {
        double e = PhysicalConstants.HcOverE / vacuumWavelength;
        if (e > BandGapEv)
            throw new InputException(CoolingInputs.Source,
                $"the Urbach tail describes sub-gap absorption, but the photon energy {e:F3} eV at " +
                $"{vacuumWavelength * 1e9:F1} nm is above E_g = {BandGapEv} eV", "absorption",
                valid: "a pump wavelength below the gap, or the tabulated absorption model");
        return Alpha0PerM * Math.Exp((e - BandGapEv) / UrbachEnergyEv);
    }

    /// <summary>
    /// k_r = alpha(E) lambda / (4 pi) at <paramref name="vacuumWavelength"/> (m), from the tail alone: the material's
    /// tabulated k is not used. Above the gap it throws (<see cref="Alpha"/>).
    /// </summary>
    public override double ResonantK(IRefractiveIndex material, double vacuumWavelength) =>
        Alpha(vacuumWavelength) * vacuumWavelength / (4 * Math.PI);

    /// <summary>The three parameters in the units people quote them in: alpha_0 in 1/cm, E_g in eV, E_U in meV.</summary>
    public override string Description =>
        $"Urbach tail alpha_0 = {Alpha0PerM / 100:G4} 1/cm, E_g = {BandGapEv:G4} eV, E_U = {UrbachEnergyEv * 1000:G4} meV";
}
