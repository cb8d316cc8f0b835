using MieCool.Core;
using MieCool.Optics.Cooling;

namespace MieCool.Coupling;

/// <summary>
/// The heat that the particle makes an absorbing substrate take up next to it, as a source in the substrate's cells:
/// <list type="bullet">
/// <item>the pump: <see cref="Optics.Substrate.SubstrateScattering.QabsSubstrate"/> pi a^2 I, the light the sphere
/// scatters into the substrate minus the shadow it casts on the transmitted pump (exact, from the T-matrix solution; it
/// is negative when the shadow wins);</item>
/// <item>the luminescence: of the escaping power P_lum = (1 + eta_c) P_abs the share that leaves into the substrate side
/// at each emission wavelength (<see cref="EmissionEscape.SubstratePowerShares"/>), where the substrate absorbs.</item>
/// </list>
/// The powers are exact within the optics; where they are deposited is a model, stated here once: rays from the sphere's
/// centre c into the lower half-space with a Lambertian distribution (cos(theta) / pi per steradian, theta from -z), each
/// attenuated by Beer-Lambert, alpha = 4 pi k_s / lambda, along its path |z| / cos(theta) below the interface:
///   q(x) = sum_i P_i alpha_i cos(theta) e^(-alpha_i |z| / cos(theta)) / (pi |x - c|^2),  z &lt; 0,
/// whose integral over the half-space is sum_i P_i (it is finite at the contact, where |x - c| &gt;= the centre's height).
/// The transmitted pump's own absorption in the substrate (the same with or without the particle, set by the beam's
/// size) is not included: temperatures are relative to the substrate under the beam without the particle.
/// </summary>
/// <param name="Parts">The deposited powers with their attenuation coefficients.</param>
/// <param name="Centre">The rays' origin, the sphere's centre (lab frame, m), above the substrate's top (z &gt; 0).</param>
public sealed record SubstrateHeat(IReadOnlyList<SubstrateHeat.Part> Parts, (double X, double Y, double Z) Centre)
{
    /// <summary>One deposited power.</summary>
    /// <param name="PowerW">P_i, W (negative: the shadow on the transmitted pump).</param>
    /// <param name="AttenuationPerM">alpha_i = 4 pi k_s / lambda_i, 1/m, &gt; 0.</param>
    /// <param name="FromPump">True for the pump's part, false for a wavelength of the luminescence.</param>
    public sealed record Part(double PowerW, double AttenuationPerM, bool FromPump);

    /// <summary>The pump's part, W (0 when the substrate does not absorb at the pump).</summary>
    public double PumpPowerW => Parts.Where(p => p.FromPump).Sum(p => p.PowerW);

    /// <summary>The luminescence's part, W (0 when the substrate does not absorb at the emission wavelengths).</summary>
    public double LuminescencePowerW => Parts.Where(p => !p.FromPump).Sum(p => p.PowerW);

    /// <summary>The total deposited in the whole half-space, W.</summary>
    public double PowerW => PumpPowerW + LuminescencePowerW;

    /// <summary>
    /// Whether the substrate of <paramref name="inputs"/> absorbs at the pump or within the emission line, so that the
    /// particle heats it (false without a substrate in the optics).
    /// </summary>
    public static bool Absorbs(CoolingInputs inputs)
    {
        if (inputs.Substrate is not { } s) return false;
        return s.Material.At(inputs.PumpWavelengthM).Imaginary > 0
               || inputs.EmissionAt(inputs.TemperatureK).Wavelengths.Any(wl => s.Material.At(wl).Imaginary > 0);
    }

    /// <summary>
    /// The heat the particle of <paramref name="optics"/> deposits in its absorbing substrate; null when the optics see no
    /// substrate or it absorbs neither the pump nor the luminescence.
    /// </summary>
    /// <param name="optics">The cooling model's result (with <see cref="CoolingInputs.Substrate"/>).</param>
    /// <param name="centre">The sphere's centre (lab frame, m; the mesh's placement), above the substrate's top.</param>
    public static SubstrateHeat? Of(CoolingResult optics, (double X, double Y, double Z) centre)
    {
        if (optics.Inputs.Substrate is not { } substrate) return null;
        if (!(centre.Z > 0))
            throw new ComputationException(FormattableString.Invariant(
                $"the substrate heat needs the sphere's centre above the substrate (z = {centre.Z * 1e9:G4} nm)"));
        var parts = new List<Part>();
        double pump = optics.Inputs.PumpWavelengthM, kPump = substrate.Material.At(pump).Imaginary;
        if (kPump > 0 && optics.Pump.OnSubstrate is { } on)
        {
            double a = optics.Inputs.RadiusM;
            parts.Add(new(on.QabsSubstrate * Math.PI * a * a * optics.Inputs.IntensityWPerM2, 4 * Math.PI * kPump / pump, true));
        }
        var shares = optics.Escape.SubstratePowerShares(optics.EmissionUsed);
        double pLum = optics.AbsorbedPowerW - optics.HeatPowerW; // (1 + eta_c) P_abs, the escaping luminescence
        if (shares is not null)
            for (int i = 0; i < shares.Length; i++)
            {
                double wl = optics.Escape.WavelengthsM[i], k = substrate.Material.At(wl).Imaginary;
                if (k > 0 && shares[i] != 0) parts.Add(new(pLum * shares[i], 4 * Math.PI * k / wl, false));
            }
        return parts.Count == 0 ? null : new SubstrateHeat(parts, centre);
    }

    /// <summary>q at (x, y, z), m (lab frame, substrate below z = 0), W/m^3; 0 above the interface.</summary>
    public double Density(double x, double y, double z)
    {
        if (z >= 0) return 0;
        double dx = x - Centre.X, dy = y - Centre.Y, dz = Centre.Z - z;
        double r2 = dx * dx + dy * dy + dz * dz, cos = dz / Math.Sqrt(r2), path = -z / cos;
        double q = 0;
        foreach (var p in Parts) q += p.PowerW * p.AttenuationPerM * Math.Exp(-p.AttenuationPerM * path);
        return q * cos / (Math.PI * r2);
    }
}
