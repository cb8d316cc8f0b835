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

    /// <summary>
    /// The largest size parameter x = 2 pi n_host r / lambda0 a command solves: the Mie series then has about
    /// x + 4 x^(1/3) + 2 = 100 190 terms (Wiscombe 1979), a few MB of coefficients (about 100 MB as `mie --json`).
    /// Beyond it the memory and time grow without bound (x = 1e7 takes GBs) while geometric optics is exact enough.
    /// </summary>
    public const double MaxSizeParameter = MieCool.Optics.Mie.MieSolver.MaxSizeParameter;

    /// <summary>
    /// Refuses a size parameter above <see cref="MaxSizeParameter"/>: <paramref name="what"/> says where it comes from
    /// (e.g. "the largest diameter at the shortest wavelength"), <paramref name="option"/> names the option.
    /// </summary>
    public static void CheckSizeParameter(double x, string option, string what, string? value = null)
    {
        if (!(x <= MaxSizeParameter))
            throw new InputException(option,
                $"size parameter x = 2 pi n_host r / lambda0 = {About(x)} ({what}) is too large for the Mie series " +
                $"(about {About(MaxTerms(x))} terms)", value: value,
                valid: $"x <= {Interval.Number(MaxSizeParameter)} (about {About(MaxTerms(MaxSizeParameter))} terms)");
    }

    /// <summary>Wiscombe's (1979) number of terms for size parameter x: x + 4 x^(1/3) + 2.</summary>
    public static double MaxTerms(double x) => Math.Ceiling(x + 4 * Math.Cbrt(x) + 2);

    /// <summary>A count for a message, to 3 significant digits ("1e9", "1e5", "6.01e5").</summary>
    public static string About(double v) =>
        Interval.Number(double.Parse(v.ToString("G3", System.Globalization.CultureInfo.InvariantCulture),
                                     System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The diameter of one sphere: cooling, substrate.</summary>
    public static readonly QuantityOption Diameter = new("diameter", Dimension.Length, "nm", "sphere diameter")
        { Required = true, Range = Interval.Positive(100e-6), Example = "530nm", CaseKeys = ["particle.diameter"] };

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

    /// <summary>run, heat, transient, check, mesh, sweep: case-file keys set on the command line.</summary>
    public static readonly RepeatedOption<CaseOverride> Set = new("set", "KEY=VALUE",
        "set a case-file key for this run, as if the case file said so (the same checks, defaults and messages; the value " +
        "replaces the file's, an alternative such as particle.radius for particle.diameter included); the echo and the " +
        "inputs of the summary give its origin as --set",
        "a case-file key of `miecool template`, '=' and a value as the file would give it, quotes optional for text and " +
        "quantities: particle.diameter=\"540 nm\", optics.intensity=7e6W/cm^2, emission.internal_quantum_efficiency=0.98",
        CaseOverride.Parse);

    /// <summary>
    /// The case file of a case-driven command with its --set keys (<see cref="Set"/>), its mesh checked as the command meshes
    /// it (<see cref="Coarse"/> when it declares and is given that).
    /// </summary>
    public static Case LoadCase(string path, Args args) => Case.Load(path, args.Get(Set), args.Declares(Coarse) && args.Get(Coarse));

    /// <summary>heat and run: summary.json on standard output.</summary>
    public static readonly SwitchOption SummaryJson = new("json",
        "print summary.json on standard output (the echo and the progress go to standard error)");

    /// <summary>heat and run: no progress.</summary>
    public static readonly SwitchOption Quiet = new("quiet",
        "no progress on standard error; with --json no echo either (without --json the echo is part of the standard output)");
}
