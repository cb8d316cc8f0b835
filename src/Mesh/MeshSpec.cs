namespace MieCool.Mesh;

/// <summary>How the particle touches the substrate.</summary>
public enum ContactKind
{
    /// <summary>The sphere is flattened at the bottom so that its contact disc has this radius, m.</summary>
    Radius,
    /// <summary>The sphere is flattened by this depth d, m: contact radius a = sqrt(2 R d - d^2).</summary>
    Flattening,
    /// <summary>The whole sphere sinks into the substrate by this depth, m (up to 2R, fully embedded).</summary>
    Embedding,
}

/// <summary>The contact between particle and substrate, SI.</summary>
public sealed record ContactSpec(ContactKind Kind, double Value);

/// <summary>
/// What to mesh: a sphere (optionally with a shell) resting on a substrate slab in an air box, SI.
/// The box is [-L, L]^3 with L = <see cref="BoxHalfSize"/> * R; the substrate fills the box below z = 0.
/// </summary>
/// <param name="Radius">Outer radius R of the particle (shell included), m.</param>
/// <param name="ShellThickness">Thickness of the shell, m; 0 for a homogeneous particle.</param>
/// <param name="Contact">Contact geometry.</param>
/// <param name="BoxHalfSize">Half-size of the box in units of R (default 20).</param>
/// <param name="HMin">Element size at the particle, m.</param>
/// <param name="Grading">Growth of element size with distance from the particle (h = HMin + Grading * distance).</param>
/// <param name="Order">1 (linear) or 2 (quadratic tetrahedra with straight edges).</param>
/// <param name="Threads">
/// Threads for gmsh. 1 (the default) is reproducible: gmsh's Delaunay 3D mesher on one thread gives the bit-identical mesh
/// every run. 2 or more, or 0 for every core, use gmsh's HXT mesher on that many threads: several times faster in 3D, but
/// gmsh 4.8's HXT orders its input by memory address, so its meshes differ slightly from run to run.
/// </param>
/// <param name="MaxElements">
/// Most tetrahedra allowed: a larger estimate (<see cref="MeshBudget.Estimate"/>) is refused before meshing.
/// </param>
public sealed record MeshSpec(
    double Radius,
    double ShellThickness,
    ContactSpec Contact,
    double BoxHalfSize = 20,
    double HMin = 12e-9,
    double Grading = 0.15,
    int Order = 1,
    int Threads = 1,
    int MaxElements = MeshBudget.DefaultMaxElements)
{
    /// <summary>
    /// The settings of a quick, coarse mesh (the `--coarse` runs, tests and sweeps): h_min at least R/6, grading at least
    /// 0.35, box at most 10 R (the far-field condition keeps the monopole exact), linear elements. Results move by a few
    /// per cent against converged settings, the same at every diameter.
    /// </summary>
    public MeshSpec Coarse() => this with
    {
        HMin = Math.Max(HMin, Radius / 6),
        Grading = Math.Max(Grading, 0.35),
        BoxHalfSize = Math.Min(BoxHalfSize, 10),
        Order = 1,
    };
}
