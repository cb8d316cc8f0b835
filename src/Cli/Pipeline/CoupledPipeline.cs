using System.Diagnostics;
using MieCool.Core;
using MieCool.Cases;
using MieCool.Mesh;
using MieCool.Optics.Cooling;
using MieCool.Optics.Fields;
using MieCool.Thermal;

namespace MieCool.Cli.Pipeline;

/// <summary>
/// The heat source of `miecool run` at the particle's quadrature points, and how it was built.
/// q(r) = s p(r) - P_lum g(r): the Mie absorbed-power density p (pump along -z), scaled by s so that the mesh integral of
/// the absorbed part is exactly P_abs = Cabs I (the meshed particle is a polyhedron, cut flat at the contact, while the
/// Mie sphere is whole: s - 1 is reported), minus the escaping luminescence P_lum = (1 + eta_c) P_abs spread as the
/// emitters are (g uniform: 1/V, or g proportional to p). Its integral is P_abs - P_lum = -eta_c P_abs = P_heat.
/// </summary>
/// <param name="AbsorbedIntegralW">The mesh quadrature of the unscaled p, W (compare with P_abs = Cabs I).</param>
/// <param name="Scale">s = P_abs / AbsorbedIntegralW.</param>
/// <param name="LuminescencePowerW">P_lum, W.</param>
/// <param name="SourceIntegralW">The mesh quadrature of q, W (equals P_heat to round-off).</param>
/// <param name="FieldIntensity">|E|^2 / E0^2 at each quadrature point (0 outside the Mie sphere).</param>
public sealed record CoupledSource(double AbsorbedIntegralW, double Scale, double LuminescencePowerW, double SourceIntegralW,
                                   double[] FieldIntensity);

/// <summary>Everything `miecool run` computes for one particle: the optics, the coupled source and the thermal run.</summary>
public sealed record CoupledRun(CoolingResult Optics, SphereField Field, CoupledSource Source, ThermalRun Thermal,
                                double[] CellFieldIntensity, TimeSpan OpticsTime);

/// <summary>
/// Optics coupled to the FEM: <see cref="CoolingModel.Evaluate"/> (Mie absorption at the pump, Purcell factor over the
/// emission, eta_c) -> <see cref="SphereField"/> p(r) at the FEM quadrature points -> <see cref="ThermalPipeline"/>.
/// Lab frame: substrate top at z = 0, particle centre on the z axis; the pump comes from above and propagates along -z
/// (the Mie frame's +z mirrored about the particle centre), polarised along x or averaged over x and y. The particle
/// sits in a homogeneous host of index n_host: the substrate's optical effect is not modelled.
/// </summary>
public sealed class CoupledPipeline(IProgress<StageProgress>? progress = null)
{
    /// <summary>The cooling-model inputs of a case ([optics], [emission], [absorption], [thermal]) for a sphere of the given diameter.</summary>
    public static CoolingInputs Inputs(Case c, double diameterM)
    {
        var optics = c.Require<OpticsSpec>("miecool run (the pump and the host index)");
        var emission = c.Require<EmissionSpec>("miecool run (the particle's luminescence)");
        var absorption = c.Require<AbsorptionSpec>("miecool run (the sub-gap absorption model at the pump)");
        if (c.Particle.HasShell)
            throw new InputException(c.Source, "the coupled optics handle a homogeneous sphere only (no core-shell Mie field yet)",
                "particle.shell_thickness", valid: "remove shell_thickness and shell_material for `miecool run`", line: c.LineOf("particle.shell_thickness"));
        var t = c.Thermal;
        return new CoolingInputs(optics.Material, diameterM, optics.HostIndex, optics.PumpWavelengthM, optics.IntensityWPerM2,
            emission.InternalQuantumEfficiency, emission.Spectrum, absorption.Model, emission.BackgroundAbsorptionPerM,
            CoolingDefaults.AirConductivityWPerMK,
            t?.Conductivity.Air ?? CoolingDefaults.AirConductivityWPerMK,
            t?.Conductivity.Substrate ?? CoolingDefaults.GlassConductivityWPerMK);
    }

    /// <summary>Checks every input `miecool run` needs before any computation (sections present, thermal settings).</summary>
    public static void Preflight(Case c)
    {
        ThermalPipeline.Preflight(c);
        Inputs(c, 2 * c.Particle.RadiusM);
    }

    /// <summary>Optics, then mesh, source, assembly and solve on <paramref name="mesh"/> (its radius is the particle's).</summary>
    public CoupledRun Run(Case c, MeshSpec mesh)
    {
        var inputs = Inputs(c, 2 * mesh.Radius);
        var emission = c.Require<EmissionSpec>("miecool run");
        var polarisation = c.Require<OpticsSpec>("miecool run").Polarisation;
        var clock = Stopwatch.StartNew();
        progress?.Report(new("optics", FormattableString.Invariant(
            $"Mie absorption at {inputs.PumpWavelengthM * 1e9:G5} nm, Purcell factor over {inputs.Emission.Wavelengths.Length} emission wavelengths")));
        CoolingResult optics;
        try { optics = CoolingModel.Evaluate(inputs); }
        catch (InputException e) { throw e.At(c.Source, e.Key); }
        var field = SphereField.Create(mesh.Radius, inputs.PumpWavelengthM, optics.Pump.IndexUsed, inputs.HostIndex);
        var opticsTime = clock.Elapsed;

        var centre = ParticleGeometry.Place(mesh).Center;
        CoupledSource? built = null;
        var source = new HeatSourceModel(
            FormattableString.Invariant($"Mie absorption minus escaping luminescence ({emission.Distribution.ToString().ToLowerInvariant()}), P_heat = {optics.HeatPowerW * 1e3:G5} mW"),
            points => { var (q, s) = Evaluate(points, centre, optics, field, polarisation, emission.Distribution); built = s; return q; })
        { TotalPowerW = optics.HeatPowerW };

        var thermal = new ThermalPipeline(progress).Run(c, mesh, source);
        var s = built ?? throw new InvalidOperationException("the heat source was not evaluated");
        double rel = Math.Abs(s.SourceIntegralW - optics.HeatPowerW) / Math.Max(optics.AbsorbedPowerW, double.Epsilon);
        if (rel > 1e-9)
            throw new ComputationException($"the heat-source integral {s.SourceIntegralW:G8} W differs from P_heat = {optics.HeatPowerW:G8} W (relative to P_abs: {rel:G3})");
        var cellE2 = ThermalPipeline.CellAverages(thermal.Mesh.Mesh, thermal.SourcePoints, s.FieldIntensity);
        return new CoupledRun(optics, field, s, thermal, cellE2, opticsTime);
    }

    /// <summary>q at the quadrature points (W/m^3) and its bookkeeping; see <see cref="CoupledSource"/>.</summary>
    public static (double[] Q, CoupledSource Source) Evaluate(SourcePoints points, (double X, double Y, double Z) centre,
                                                             CoolingResult optics, SphereField field,
                                                             Polarisation polarisation, EmitterDistribution distribution)
    {
        var p = new double[points.Count];
        field.AbsorbedPowerDensity(points.Positions, p, optics.Inputs.IntensityWPerM2, centre, downward: true, polarisation);
        double factor = field.PowerDensityFactor(optics.Inputs.IntensityWPerM2);
        var e2 = new double[p.Length];
        double integral = 0, volume = 0;
        for (int i = 0; i < p.Length; i++)
        {
            integral += p[i] * points.Weights[i]; // int p dx
            volume += points.Weights[i];
            e2[i] = factor > 0 ? p[i] / factor : 0;
        }
        double pAbs = optics.AbsorbedPowerW;
        double scale = integral > 0 ? pAbs / integral : 0;
        double pLum = pAbs - optics.HeatPowerW; // (1 + eta_c) P_abs: the power that leaves as escaping luminescence
        var q = new double[p.Length];
        double total = 0;
        for (int i = 0; i < p.Length; i++)
        {
            double absorbed = scale * p[i];
            double emitted = distribution == EmitterDistribution.Uniform ? pLum / volume : (pAbs > 0 ? absorbed * pLum / pAbs : 0);
            q[i] = absorbed - emitted;
            total += q[i] * points.Weights[i];
        }
        return (q, new CoupledSource(integral, scale, pLum, total, e2));
    }
}
