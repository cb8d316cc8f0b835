using MieCool.Core;
using MieCool.Optics;
using MieCool.Optics.Fields;
using MieCool.Optics.Materials;

namespace MieCool.Cases;

/// <summary>The optical problem, SI: a cw plane-wave pump on the particle, on its substrate or in a homogeneous host.</summary>
/// <param name="HostIndex">Real refractive index of the host above the substrate (the whole surrounding with
/// <see cref="SubstrateOpticsModel.None"/>).</param>
/// <param name="PumpWavelengthM">Pump vacuum wavelength, m.</param>
/// <param name="IntensityWPerM2">Pump intensity, W/m^2.</param>
/// <param name="Polarisation">Linear along the lab x axis, or the average of x and y polarisation (unpolarised).</param>
/// <param name="Material">The particle material (resolved from [particle] material), for the optics.</param>
/// <param name="Substrate">How the light sees the substrate.</param>
/// <param name="SubstrateMaterial">The substrate material (resolved from [substrate] material) with
/// <see cref="SubstrateOpticsModel.Interface"/>; null with <see cref="SubstrateOpticsModel.None"/>.</param>
/// <param name="SubstrateHeat">With <see cref="SubstrateOpticsModel.Interface"/>: whether the heat the particle makes an
/// absorbing substrate take up is a source in the substrate ([optics] substrate_heat = "deposited", the default) or left
/// out ("none").</param>
public sealed record OpticsSpec(double HostIndex, double PumpWavelengthM, double IntensityWPerM2, Polarisation Polarisation,
                                IRefractiveIndex Material, SubstrateOpticsModel Substrate = SubstrateOpticsModel.None,
                                IRefractiveIndex? SubstrateMaterial = null, bool SubstrateHeat = true);

/// <summary>How the optics see the substrate under the particle ([optics] substrate).</summary>
public enum SubstrateOpticsModel
{
    /// <summary>The sphere on the planar substrate, exactly (T-matrix with the interface; the pump's absorption and field).</summary>
    Interface,
    /// <summary>The particle in the homogeneous host: the substrate is invisible to the light.</summary>
    None,
}

/// <summary>What becomes of the heat the particle makes an absorbing substrate take up ([optics] substrate_heat).</summary>
public enum SubstrateHeatModel
{
    /// <summary>A source in the substrate's cells.</summary>
    Deposited,
    /// <summary>Left out.</summary>
    None,
}

/// <summary>
/// [optics]: host index, pump and the substrate's optical model. The pump is a plane wave propagating along -z in the lab
/// frame (from the air above down onto the substrate). Optional for heat/mesh/check, required by `miecool run`.
/// </summary>
public sealed class OpticsSection : CaseSection<OpticsSpec>
{
    readonly NumberKey _host;
    readonly QuantityKey _pump, _intensity;
    readonly ChoiceKey<Polarisation> _polarisation;
    readonly ChoiceKey<SubstrateOpticsModel> _substrate;
    readonly ChoiceKey<SubstrateHeatModel> _substrateHeat;

    /// <summary>Declares [optics]: host_index, pump_wavelength, intensity, polarisation, substrate, substrate_heat.</summary>
    public OpticsSection() : base("optics",
        "The pump (a plane wave from above, propagating along -z), the host above the substrate, and how the light sees the "
        + "substrate (needed by `miecool run`).",
        SectionPresence.Optional)
    {
        _host = Declare(new NumberKey("host_index",
            "Real refractive index of the host above the substrate (with substrate = \"none\" the particle's whole surrounding).")
            { Range = new Interval(0, 10, false, true), Default = 1.0 });
        _pump = Declare(new QuantityKey("pump_wavelength", Dimension.Length, "nm",
            "Vacuum wavelength of the cw pump (inside the particle material's data).")
            { Range = Interval.Positive(100e-6), Example = 980e-9 });
        _intensity = Declare(new QuantityKey("intensity", Dimension.Intensity, "W/cm^2", "Pump intensity at the particle.")
            { Range = new Interval(0, 1e20), Example = 7e10 });
        _polarisation = Declare(new ChoiceKey<Polarisation>("polarisation",
            "Pump polarisation: linear along the lab x axis, or the average of x and y "
            + "(an unpolarised or circular pump gives the same absorbed power density).",
            ("linear", Polarisation.X), ("average", Polarisation.Average)) { Default = Polarisation.Average });
        _substrate = Declare(new ChoiceKey<SubstrateOpticsModel>("substrate",
            "How the light sees the substrate: \"interface\" solves the sphere touching the planar substrate exactly (the pump's "
            + "absorption and field with the reflections, and the emission's escape into the host and the substrate), \"none\" "
            + "puts the particle in the homogeneous host.",
            ("interface", SubstrateOpticsModel.Interface), ("none", SubstrateOpticsModel.None))
            { Default = SubstrateOpticsModel.Interface });
        _substrateHeat = Declare(new ChoiceKey<SubstrateHeatModel>("substrate_heat",
            "With substrate = \"interface\" and a substrate that absorbs: \"deposited\" makes the heat the particle makes it "
            + "take up (the scattered pump minus the particle's shadow, and the luminescence sent into it) a source in the "
            + "substrate's cells, along Lambertian rays from the sphere's centre with Beer-Lambert attenuation; \"none\" leaves "
            + "it out.",
            ("deposited", SubstrateHeatModel.Deposited), ("none", SubstrateHeatModel.None)) { Default = SubstrateHeatModel.Deposited });
    }

    /// <summary>
    /// Resolves [particle] material (a constant index, a page file relative to the case file's folder, or a database
    /// path or short form); the pump wavelength must lie inside its data.
    /// </summary>
    protected override OpticsSpec Parse(SectionValues values, CaseContext context)
    {
        var particle = context.Get<ParticleSpec>();
        var material = context.Material(particle.Material, "particle.material");
        double pump = values.Get(_pump);
        if (pump < material.MinWavelength || pump > material.MaxWavelength)
            throw values.Invalid(_pump, $"outside the data of {material.Name}",
                $"a wavelength from {material.MinWavelength * 1e9:F1} to {material.MaxWavelength * 1e9:F1} nm");
        context.IndexAt(material, pump, "particle.material");
        var model = values.Get(_substrate);
        IRefractiveIndex? substrate = null;
        if (model == SubstrateOpticsModel.Interface)
        {
            var spec = context.Find<SubstrateSpec>()
                       ?? throw values.Invalid(_substrate, "the case has no [substrate] section",
                                               "optics.substrate = \"none\", or a [substrate] section with its material");
            substrate = context.Material(spec.Material, "substrate.material");
            if (pump < substrate.MinWavelength || pump > substrate.MaxWavelength)
                throw values.Invalid(_pump, $"outside the data of the substrate {substrate.Name}",
                    $"a wavelength from {substrate.MinWavelength * 1e9:F1} to {substrate.MaxWavelength * 1e9:F1} nm, or "
                    + "optics.substrate = \"none\"");
            context.IndexAt(substrate, pump, "substrate.material");
        }
        return new OpticsSpec(values.Get(_host), pump, values.Get(_intensity), values.Get(_polarisation), material, model, substrate,
                              values.Get(_substrateHeat) == SubstrateHeatModel.Deposited);
    }
}
