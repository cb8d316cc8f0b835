namespace MieCool.Optics.Emitters;

/// <summary>Where in the particle the escaping luminescence leaves from (how the emitters are distributed).</summary>
public enum EmitterDistribution
{
    /// <summary>Uniform over the particle: carriers diffuse across a sub-micron particle before they recombine.</summary>
    Uniform,
    /// <summary>Where the pump is absorbed: carriers recombine where they are made (no diffusion).</summary>
    Absorbed,
}
