namespace MieCool.Thermal;

/// <summary>
/// Closed-form steady temperature rises of a heated sphere, for first estimates and checks of the FEM. Both ignore the
/// contact geometry and the particle's own conduction (the sphere is isothermal).
/// </summary>
public static class SphereConduction
{
    /// <summary>
    /// dT = P / (4 pi kappa R): a sphere of radius R dissipating P in an infinite medium of conductivity kappa
    /// (Carslaw &amp; Jaeger, Conduction of Heat in Solids, 1959, section 9.10), K.
    /// </summary>
    public static double RiseInInfiniteMedium(double powerW, double conductivityWPerMK, double radiusM) =>
        powerW / (4 * Math.PI * conductivityWPerMK * radiusM);

    /// <summary>
    /// dT = P / (4 pi R (kappa_1 + kappa_2) / 2): a sphere centred on the plane between two half-spaces (half-embedded,
    /// e.g. air above glass); the radial solution P / (2 pi (kappa_1 + kappa_2) r) satisfies flux continuity on the plane
    /// exactly. Baffou et al., J. Phys. Chem. C 114, 9 (2010) use this effective conductivity for a particle on a
    /// substrate, K.
    /// </summary>
    public static double RiseHalfEmbedded(double powerW, double conductivity1WPerMK, double conductivity2WPerMK, double radiusM) =>
        RiseInInfiniteMedium(powerW, 0.5 * (conductivity1WPerMK + conductivity2WPerMK), radiusM);
}
