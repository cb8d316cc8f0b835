namespace MieCool.Optics.Fields;

/// <summary>
/// The pump's field inside the particle as the heat source needs it: the absorbed-power density at points. Implemented
/// by <see cref="SphereField"/> (the sphere in a homogeneous host) and by the sphere on its substrate
/// (<see cref="Substrate.SubstratePumpField"/>).
/// </summary>
public interface IPumpField
{
    /// <summary>Multipole orders of the expansion the field is summed from.</summary>
    int MultipoleOrders { get; }

    /// <summary>p / (|E|^2 / E0^2) = w Im(eps_1) I / (c n_host), W/m^3, for an incident intensity I (W/m^2).</summary>
    double PowerDensityFactor(double intensityWPerM2);

    /// <summary>
    /// The absorbed power density (W/m^3) at interleaved points [x0, y0, z0, x1, ...] (m) of a sphere centred at
    /// <paramref name="centre"/>, 0 outside it; <paramref name="downward"/>: the pump travels along -z (lab frame).
    /// </summary>
    void AbsorbedPowerDensity(double[] positionsXyz, double[] p, double intensityWPerM2, (double X, double Y, double Z) centre,
                              bool downward, Polarisation polarisation);
}
