using MieCool.Core;
using MieCool.Mesh;
using MieCool.Optics.Cooling;
using MieCool.Optics.Emitters;
using MieCool.Optics.Fields;
using MieCool.Thermal;

namespace MieCool.Coupling;

/// <summary>The heat source as the FEM sees it: q (W/m^3) at the quadrature points of the particle's cells.</summary>
/// <param name="Description">One line with units for the echo and summary.json.</param>
/// <param name="Points">The particle's quadrature points (core and shell).</param>
/// <param name="DensityWPerM3">q at each of <paramref name="Points"/>, W/m^3.</param>
/// <param name="IntegralW">The mesh quadrature sum_p q_p w_p, W.</param>
public sealed record HeatSource(string Description, SourcePoints Points, double[] DensityWPerM3, double IntegralW)
{
    /// <summary>q sampled at <paramref name="points"/>; non-finite values are a <see cref="ComputationException"/>.</summary>
    public static HeatSource Sampled(string description, SourcePoints points, double[] q)
    {
        if (q.Length != points.Count)
            throw new InvalidOperationException($"heat source \"{description}\" has {q.Length} values for {points.Count} points");
        double integral = 0;
        for (int p = 0; p < q.Length; p++)
        {
            if (!double.IsFinite(q[p]))
                throw new ComputationException($"heat source \"{description}\" is {q[p]} at ({points.Positions[3 * p]:G4}, " +
                                               $"{points.Positions[3 * p + 1]:G4}, {points.Positions[3 * p + 2]:G4}) m");
            integral += q[p] * points.Weights[p]; // int q dx
        }
        return new HeatSource(description, points, q, integral);
    }

    /// <summary>
    /// Heat deposited outside the particle, in the substrate's cells (<see cref="SubstrateHeat"/>), or null: none. It is not
    /// in <see cref="IntegralW"/>, which stays the particle's.
    /// </summary>
    public HeatSource? Substrate { get; init; }

    /// <summary>The source as the heat solver's input (the particle's and the substrate's points).</summary>
    public VolumetricSource ToVolumetric() => Substrate is { } s
        ? VolumetricSource.Sampled(Points.Concat(s.Points), [.. DensityWPerM3, .. s.DensityWPerM3])
        : VolumetricSource.Sampled(Points, DensityWPerM3);

    /// <summary>Cell averages of q (W/m^3; 0 in cells without points), the substrate's cells included, for export.</summary>
    public double[] CellAverages(TetMesh mesh)
    {
        var cells = CellAverages(mesh, Points, DensityWPerM3);
        if (Substrate is { } s)
        {
            var below = CellAverages(mesh, s.Points, s.DensityWPerM3);
            foreach (int c in s.Points.Cells) cells[c] = below[c];
        }
        return cells;
    }

    /// <summary>
    /// Cell averages sum_p v_p w_p / sum_p w_p of values sampled at <paramref name="points"/>; 0 in cells without points.
    /// </summary>
    public static double[] CellAverages(TetMesh mesh, SourcePoints points, double[] values)
    {
        var cell = new double[mesh.CellCount];
        int n = points.PointsPerCell;
        for (int i = 0; i < points.Cells.Length; i++)
        {
            double sum = 0, w = 0;
            for (int p = i * n; p < (i + 1) * n; p++) { sum += values[p] * points.Weights[p]; w += points.Weights[p]; }
            cell[points.Cells[i]] = w > 0 ? sum / w : 0;
        }
        return cell;
    }
}

/// <summary>
/// The heat source of the coupled model and how it was built:
/// q(r) = s p(r) - P_lum g(r), with p the Mie absorbed-power density of the pump (propagating along -z), scaled by s so
/// that the mesh integral of the absorbed part is exactly P_abs = Cabs I (the meshed particle is a polyhedron, cut flat
/// at the contact, while the Mie sphere is whole: s - 1 is reported), minus the escaping luminescence
/// P_lum = (1 + eta_c) P_abs spread as the emitters are (g = 1/V uniform, or g proportional to p where the pump is
/// absorbed). Its integral is P_abs - P_lum = -eta_c P_abs = P_heat.
/// </summary>
/// <param name="Heat">q at the particle's quadrature points.</param>
/// <param name="AbsorbedIntegralW">The mesh quadrature of the unscaled p, W (compare with P_abs = Cabs I).</param>
/// <param name="Scale">s = P_abs / AbsorbedIntegralW.</param>
/// <param name="LuminescencePowerW">P_lum, W.</param>
/// <param name="FieldIntensity">|E|^2 / E0^2 of the pump at each quadrature point.</param>
public sealed record OpticalSource(HeatSource Heat, double AbsorbedIntegralW, double Scale, double LuminescencePowerW,
                                   double[] FieldIntensity)
{
    /// <summary>
    /// Builds q at <paramref name="points"/> of a particle centred at <paramref name="centre"/> (m, lab frame), and with
    /// <paramref name="substratePoints"/> the heat the particle deposits in an absorbing substrate
    /// (<see cref="SubstrateHeat"/>) at those points.
    /// </summary>
    public static OpticalSource Build(SourcePoints points, (double X, double Y, double Z) centre, CoolingResult optics,
                                      IPumpField field, Polarisation polarisation, EmitterDistribution emitters,
                                      SourcePoints? substratePoints = null)
    {
        double intensity = optics.Inputs.IntensityWPerM2;
        var p = new double[points.Count];
        field.AbsorbedPowerDensity(points.Positions, p, intensity, centre, downward: true, polarisation);
        return FromDensity(points, centre, optics, p, field.PowerDensityFactor(intensity), emitters, substratePoints);
    }

    /// <summary>
    /// <see cref="Build"/> from the pump's absorbed-power density <paramref name="p"/> already sampled at the points (W/m^3,
    /// unscaled; it is scaled to P_abs = Cabs I of <paramref name="optics"/>, so a density sampled at a nearby temperature
    /// keeps every power exact and only its shape from there). <paramref name="factor"/> turns it into |E|^2 / E0^2.
    /// </summary>
    public static OpticalSource FromDensity(SourcePoints points, (double X, double Y, double Z) centre, CoolingResult optics,
                                            double[] p, double factor, EmitterDistribution emitters,
                                            SourcePoints? substratePoints = null)
    {
        var e2 = new double[p.Length];
        double integral = 0, volume = 0;
        for (int i = 0; i < p.Length; i++)
        {
            integral += p[i] * points.Weights[i]; // int p dx
            volume += points.Weights[i];          // V of the meshed particle
            e2[i] = factor > 0 ? p[i] / factor : 0;
        }
        double pAbs = optics.AbsorbedPowerW;
        double scale = integral > 0 ? pAbs / integral : 0;
        double pLum = pAbs - optics.HeatPowerW; // (1 + eta_c) P_abs: the power that leaves as escaping luminescence
        var q = new double[p.Length];
        for (int i = 0; i < p.Length; i++)
        {
            double absorbed = scale * p[i];
            double emitted = emitters == EmitterDistribution.Uniform ? pLum / volume : (pAbs > 0 ? absorbed * pLum / pAbs : 0);
            q[i] = absorbed - emitted;
        }
        string text =
            FormattableString.Invariant($"Mie absorption minus escaping luminescence ({emitters.ToString().ToLowerInvariant()}), ") +
            FormattableString.Invariant($"P_heat = {optics.HeatPowerW * 1e3:G5} mW");
        var heat = HeatSource.Sampled(text, points, q);
        double rel = Math.Abs(heat.IntegralW - optics.HeatPowerW) / Math.Max(pAbs, double.Epsilon);
        if (rel > 1e-9)
            throw new ComputationException($"the heat-source integral {heat.IntegralW:G8} W differs from " +
                                           $"P_heat = {optics.HeatPowerW:G8} W (relative to P_abs: {rel:G3})");
        var deposit = substratePoints is null ? null : SubstrateHeat.Of(optics, centre);
        if (deposit is not null)
        {
            var sp = substratePoints!;
            var qs = new double[sp.Count];
            for (int i = 0; i < qs.Length; i++)
                qs[i] = deposit.Density(sp.Positions[3 * i], sp.Positions[3 * i + 1], sp.Positions[3 * i + 2]);
            var below = HeatSource.Sampled(FormattableString.Invariant(
                $"heat the particle deposits in the substrate, {deposit.PowerW * 1e6:G5} uW (pump {deposit.PumpPowerW * 1e6:G4} uW, ") +
                FormattableString.Invariant($"luminescence {deposit.LuminescencePowerW * 1e6:G4} uW)"), sp, qs);
            heat = heat with { Substrate = below };
        }
        return new OpticalSource(heat, integral, scale, pLum, e2) { SubstrateHeat = deposit, SubstratePoints = substratePoints };
    }

    /// <summary>The heat deposited in an absorbing substrate (its powers; placed in <c>Heat.Substrate</c>), or null.</summary>
    public SubstrateHeat? SubstrateHeat { get; init; }

    /// <summary>The substrate's points the source was built with (null: none), for the sources at other temperatures.</summary>
    public SourcePoints? SubstratePoints { get; init; }
}
