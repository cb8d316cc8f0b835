using MieCool.Core;
using MieCool.Coupling;
using MieCool.Cases;
using MieCool.Mesh;

namespace MieCool.Cli;

/// <summary>
/// A case file as the model's problem records: the only place that knows both. The model validates its problem once,
/// when it is solved, and names its own parameters in errors (<see cref="CoupledProblem.Validate"/>); <see cref="Check"/>
/// re-attributes those errors to the case file, key and line they came from.
/// </summary>
public static class CaseProblems
{
    /// <summary>The coupled problem of `miecool run` and `miecool sweep` ([optics], [emission], [absorption], [thermal]).</summary>
    /// <param name="c">The case.</param>
    /// <param name="mesh">The mesh to use instead of the case's own [mesh] (e.g. <see cref="MeshSpec.Coarse"/> of it).</param>
    public static CoupledProblem Coupled(Case c, MeshSpec? mesh = null)
    {
        var optics = c.Require<OpticsSpec>("miecool run (the pump and the host index)");
        var emission = c.Require<EmissionSpec>("miecool run (the particle's luminescence)");
        var absorption = c.Require<AbsorptionSpec>("miecool run (the sub-gap absorption model at the pump)");
        var thermal = c.Thermal ?? c.Require<Thermal.ThermalSettings>("miecool run (the heat solve)");
        var spec = mesh ?? c.ToMeshSpec();
        // the optics at the ambient temperature; the self-consistent steady state re-evaluates them at the particle's
        var inputs = new Optics.Cooling.CoolingInputs(optics.Material, 2 * spec.Radius, optics.HostIndex, optics.PumpWavelengthM,
            optics.IntensityWPerM2, emission.InternalQuantumEfficiency, emission.Spectrum, absorption.Model,
            emission.BackgroundAbsorptionPerM, TemperatureK: thermal.AmbientK, EmissionPeakShiftJPerK: emission.PeakShiftJPerK,
            EmissionReferenceK: thermal.AmbientK, LineShape: emission.LineShape,
            Carriers: emission.Carriers,
            // the sphere touches the substrate optically (centre one radius up); the mesh's contact flat is not seen by the light
            Substrate: optics.SubstrateMaterial is { } substrate ? new Optics.Substrate.SubstrateOptics(substrate) : null);
        return new CoupledProblem(inputs, optics.Polarisation, emission.Distribution, spec, thermal)
        {
            SteadyState = c.Require<SteadyStateSettings>("miecool run (how the steady state is found)"),
            SubstrateHeat = optics.SubstrateHeat,
        };
    }

    /// <summary>The thermal-only problem of `miecool heat`: the [source] power uniform in the particle, [thermal] settings.</summary>
    public static ConductionProblem Conduction(Case c, MeshSpec? mesh = null)
    {
        var thermal = c.Thermal ?? c.Require<Thermal.ThermalSettings>("miecool heat (the heat solve)");
        var source = c.Require<HeatSourceSpec>("miecool heat (the prescribed heat source)");
        return new ConductionProblem(mesh ?? c.ToMeshSpec(), thermal, new PrescribedSource.Uniform(source.PowerW));
    }

    /// <summary>
    /// Runs <paramref name="action"/> (a solve) with its input errors re-attributed to the case; a linear solve that did
    /// not converge, and a temperature-dependent conductivity whose iteration did not settle or left its range, are bad
    /// input too (exit 2), with the case-file keys that change them.
    /// </summary>
    public static T Check<T>(Case c, Func<T> action)
    {
        try { return action(); }
        catch (InputException e) { throw Attribute(c, e); }
        catch (Thermal.SolverNotConvergedException e)
        {
            throw new InputException(c.Source, e.Message + " In the case file: [thermal] solver.max_iterations (now " +
                Units.Invariant(e.Options.MaxIterations) + "), solver.tolerance (now " + Units.Invariant(e.Options.RelativeTolerance) +
                "), solver.preconditioner = \"amg\".", inner: e);
        }
        catch (Exception e) when (e is Thermal.PicardNotConvergedException or Thermal.ConductivityRangeException)
        {
            throw new InputException(c.Source, e.Message + " In the case file: [thermal.conductivity_exponent] (particle, shell, " +
                "substrate, air); for `miecool run` also [steady_state] model = \"self-consistent\" (the linear model's optics at " +
                "ambient may cool the particle past absolute zero).", inner: e);
        }
    }

    /// <summary>
    /// The case key a model parameter comes from: the model's errors name its own parameters ("diameter",
    /// "interface_conductance", "conductivity.shell"), the user wrote case keys.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> CaseKeys = new Dictionary<string, string>
    {
        ["diameter"] = "particle.diameter",
        ["radius"] = "particle.diameter",
        ["shell_thickness"] = "particle.shell_thickness",
        ["host_index"] = "optics.host_index",
        ["pump_wavelength"] = "optics.pump_wavelength",
        ["intensity"] = "optics.intensity",
        ["internal_quantum_efficiency"] = "emission.internal_quantum_efficiency",
        ["background_absorption"] = "emission.background_absorption_per_cm",
        ["emission"] = "emission.peak",
        ["peak_shift"] = "emission.peak_shift",
        ["line_shape"] = "emission.line_shape",
        ["temperature"] = "thermal.ambient",
        ["absorption"] = "absorption.model",
        ["interface_conductance"] = "thermal.interface_conductance",
        ["heat_transfer_coefficient"] = "thermal.heat_transfer_coefficient",
        ["ambient"] = "thermal.ambient",
        ["conductivity.particle"] = "thermal.conductivity.particle",
        ["conductivity.shell"] = "thermal.conductivity.shell",
        ["conductivity.substrate"] = "thermal.conductivity.substrate",
        ["conductivity.air"] = "thermal.conductivity.air",
        ["conductivity_exponent.particle"] = "thermal.conductivity_exponent.particle",
        ["conductivity_exponent.shell"] = "thermal.conductivity_exponent.shell",
        ["conductivity_exponent.substrate"] = "thermal.conductivity_exponent.substrate",
        ["conductivity_exponent.air"] = "thermal.conductivity_exponent.air",
        ["conductivity_temperature"] = "thermal.conductivity_temperature",
        ["preconditioner"] = "thermal.solver.preconditioner",
        ["validity"] = "steady_state.validity_min",
        ["tolerance"] = "steady_state.tolerance",
    };

    /// <summary>An error of the model re-attributed to the case file, its key and line (errors already from the file pass).</summary>
    public static InputException Attribute(Case c, InputException e)
    {
        if (e.Origin == c.Source) return e;
        // an error of a material page's data (e.g. its formula at an emission wavelength) belongs to the key naming the page
        string? key = c.MaterialKeyOf(e.Origin) ?? (e.Key is not null && CaseKeys.TryGetValue(e.Key, out var k) ? k : e.Key);
        if (key == "particle.diameter" && c.LineOf(key) is null
            && (c.LineOf("particle.radius") is not null || c.SetBy("particle.radius") is not null)) key = "particle.radius";
        if (key is not null && c.SetBy(key) is { } option) return e.AtOption(option);
        return e.At(c.Source, key, key is null ? null : c.LineOf(key));
    }
}
