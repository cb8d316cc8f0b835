using MieCool.Cases;
using MieCool.Core;
using MieCool.Mesh;
using MieCool.Optics;
using MieCool.Optics.Materials;

namespace MieCool.Cli;

/// <summary>The options several commands declare alike: declared once here, listed by each command's syntax.</summary>
static class CommonOptions
{
    public const string MaterialValid =
        "a page of `miecool materials` (path or unambiguous short form), a .yml file, or a constant index n+ki with k >= 0";

    /// <summary>A material option's value: a database page, a .yml file relative to the working folder, or a constant index.</summary>
    public static IRefractiveIndex ResolveMaterial(string text, string spelled) =>
        MaterialLibrary.Resolve(text, spelled, Directory.GetCurrentDirectory());

    /// <summary>The particle material (the core of a core-shell particle): spectrum, cooling, map.</summary>
    public static readonly CustomOption<IRefractiveIndex> Material = new("material", "SPEC",
        "particle (core) material: a database path such as other/perovskite/CH3NH3PbI3/nk/Phillips, a short form " +
        "(MAPbI3/Phillips), a .yml page, or a constant index such as 2.5+0.01i (m = n + ik, k >= 0 absorbs)",
        MaterialValid, ResolveMaterial)
        { Required = true, CaseKeys = ["particle.material"] };

    /// <summary>The homogeneous host around the particle: spectrum, cooling, map.</summary>
    public static readonly NumberOption HostIndex = new("host-index",
        "real refractive index of the homogeneous medium around the particle (non-absorbing); m_rel = m / n_host")
        { Aliases = ["host"], ValueName = "N", Default = 1.0, Range = Interval.Positive(100), CaseKeys = ["optics.host_index"] };

    /// <summary>gmsh's threads: mesh, heat, run; overrides the case's [mesh] threads.</summary>
    public static readonly CountOption Threads = new("threads",
        "threads for gmsh: 1 reproducible (the same mesh every run), 2 or more (0: every core) faster but the mesh " +
        "differs slightly from run to run")
        { DefaultNote = "the case's [mesh] threads, 1 unless set", Min = 0, Max = 1024, CaseKeys = ["mesh.threads"] };

    /// <summary>The case's mesh specification, with --threads when given.</summary>
    public static MeshSpec MeshSpec(Case c, Args args) =>
        args.TryGet(Threads, out int threads) ? c.ToMeshSpec() with { Threads = threads } : c.ToMeshSpec();

    /// <summary>The quick mesh of heat and run (sweep uses it always).</summary>
    public static readonly SwitchOption Coarse = new("coarse",
        "quick coarse mesh for tests and first looks: h_min >= R/6, grading >= 0.35, box <= 10 R, order 1 (the echo " +
        "says what it changed)");

    /// <summary>heat and run: summary.json on standard output.</summary>
    public static readonly SwitchOption SummaryJson = new("json",
        "print summary.json on standard output (the echo and the progress go to standard error)");

    /// <summary>heat and run: no progress.</summary>
    public static readonly SwitchOption Quiet = new("quiet",
        "no progress on standard error; with --json no echo either (without --json the echo is part of the standard output)");
}
