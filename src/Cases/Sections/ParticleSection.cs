using MieCool.Core;

namespace MieCool.Cases;

/// <summary>The particle, SI: a homogeneous sphere, or a core-shell sphere when <see cref="ShellThicknessM"/> &gt; 0.</summary>
/// <param name="Material">Refractive-index database id of the (core) material, e.g. "other/perovskite/CH3NH3PbI3/nk/Phillips".</param>
/// <param name="RadiusM">Outer radius R (shell included), m.</param>
/// <param name="ShellThicknessM">Shell thickness, m; 0 without a shell.</param>
/// <param name="ShellMaterial">Database id of the shell material; null without a shell.</param>
public sealed record ParticleSpec(string Material, double RadiusM, double ShellThicknessM, string? ShellMaterial)
{
    /// <summary>True for a core-shell particle (<see cref="ShellThicknessM"/> &gt; 0).</summary>
    public bool HasShell => ShellThicknessM > 0;
    /// <summary>Radius of the core, m.</summary>
    public double CoreRadiusM => RadiusM - ShellThicknessM;
}

/// <summary>[particle]: material and size of the sphere, optional shell.</summary>
public sealed class ParticleSection : CaseSection<ParticleSpec>
{
    readonly TextKey _material, _shellMaterial;
    readonly QuantityKey _diameter, _radius, _shell;

    /// <summary>Declares [particle]: material, diameter or radius, and the optional shell_thickness with shell_material.</summary>
    public ParticleSection() : base("particle", "The nanoparticle: a homogeneous sphere or a core-shell sphere.", SectionPresence.Required)
    {
        _material = Declare(new TextKey("material", "Refractive-index database id of the particle (core) material.")
            { Example = "other/perovskite/CH3NH3PbI3/nk/Phillips" });
        _diameter = Declare(new QuantityKey("diameter", Dimension.Length, "nm", "Outer diameter of the sphere, shell included.")
            { Range = Interval.Positive(100e-6), Example = 530e-9, OneOf = "size" });
        _radius = Declare(new QuantityKey("radius", Dimension.Length, "nm", "Outer radius of the sphere, shell included.")
            { Range = Interval.Positive(50e-6), Example = 265e-9, OneOf = "size" });
        _shell = Declare(new QuantityKey("shell_thickness", Dimension.Length, "nm",
            "Thickness of a shell around the core; absent for a homogeneous particle.")
            { Range = Interval.Positive(50e-6), Example = 10e-9, Required = false });
        _shellMaterial = Declare(new TextKey("shell_material",
            "Refractive-index database id of the shell material (required with a shell).")
            { Example = "main/SiO2/nk/Malitson", Required = false });
    }

    /// <summary>
    /// The radius from diameter or radius (the other echoed as derived); a shell needs shell_material and must leave a
    /// core (thinner than the radius).
    /// </summary>
    protected override ParticleSpec Parse(SectionValues values, CaseContext context)
    {
        string material = values.Get(_material);
        context.Material(material, "particle.material"); // an unknown or broken page is refused here, for every command
        double radius;
        if (values.IsGiven(_diameter))
        {
            radius = values.Get(_diameter) / 2;
            values.Derived("radius", _radius.Format(radius), CaseKey.Number(radius) + " m");
        }
        else
        {
            radius = values.Get(_radius);
            values.Derived("diameter", _diameter.Format(2 * radius), CaseKey.Number(2 * radius) + " m");
        }

        if (!values.TryGet(_shell, out double shell))
        {
            if (values.IsGiven(_shellMaterial))
                throw values.Invalid(_shellMaterial, "a shell material without shell_thickness",
                                "give shell_thickness too, or remove shell_material");
            return new ParticleSpec(material, radius, 0, null);
        }
        if (shell >= radius)
            throw values.Invalid(_shell, "the shell is as thick as the particle radius or thicker (no core left)",
                            $"a thickness below the radius R = {_radius.Format(radius)}");
        if (!values.TryGet(_shellMaterial, out string shellMaterial))
            throw values.Missing(_shellMaterial, "required with a shell");
        context.Material(shellMaterial, "particle.shell_material");
        values.Derived("core_radius", _radius.Format(radius - shell), CaseKey.Number(radius - shell) + " m");
        return new ParticleSpec(material, radius, shell, shellMaterial);
    }
}
