namespace MieCool.Optics.Substrate;

/// <summary>
/// The substrate as the cooling model's optics see it: the particle is a sphere whose centre is
/// <see cref="CentreHeightM"/> above a bare substrate of <see cref="Material"/> (its index at each wavelength), solved with
/// <see cref="SphereOnSubstrate"/>.
/// </summary>
/// <param name="Material">The substrate's refractive index against vacuum wavelength.</param>
/// <param name="CentreHeightM">Height of the sphere's centre above the interface, m; null: touching (the radius).</param>
/// <param name="Settings">Convergence settings; null: <see cref="SubstrateSettings.Default"/>.</param>
public sealed record SubstrateOptics(IRefractiveIndex Material, double? CentreHeightM = null, SubstrateSettings? Settings = null)
{
    /// <summary>The planar substrate at one vacuum wavelength (m).</summary>
    public PlanarSubstrate At(double wavelengthM) => new(Material.At(wavelengthM));
}
