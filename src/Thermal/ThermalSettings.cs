using MieCool.Core;
using MieCool.Mesh;

namespace MieCool.Thermal;

/// <summary>Thermal conductivities of the mesh's volume regions (<see cref="Tags"/>), W/(m K).</summary>
/// <param name="Particle">The particle (its core when it has a shell).</param>
/// <param name="Shell">The shell; null for a homogeneous particle.</param>
/// <param name="Substrate">The substrate below z = 0.</param>
/// <param name="Air">The surrounding air.</param>
public sealed record RegionConductivities(double Particle, double? Shell, double Substrate, double Air)
{
    /// <summary>Conductivity of a volume region tag, W/(m K).</summary>
    public double ForRegion(int tag) => tag switch
    {
        Tags.Particle => Particle,
        Tags.Shell => Shell ?? throw new InputException("thermal settings", "the mesh has a shell but no shell conductivity is given",
                                                        "conductivity.shell", valid: "a conductivity such as \"1.38 W/(m K)\""),
        Tags.Substrate => Substrate,
        Tags.Air => Air,
        _ => throw new ArgumentOutOfRangeException(nameof(tag), tag, "not a volume region tag"),
    };
}

/// <summary>
/// Density rho and specific heat c_p of the mesh's volume regions (<see cref="Tags"/>), for transient conduction: each
/// region's pair, or null where not given (a transient solve then names the missing key).
/// </summary>
/// <param name="Particle">rho (kg/m^3) and c_p (J/(kg K)) of the particle (its core when it has a shell).</param>
/// <param name="Shell">The shell's.</param>
/// <param name="Substrate">The substrate's.</param>
/// <param name="Air">The air's.</param>
public sealed record RegionHeatCapacities((double Density, double SpecificHeat)? Particle,
                                          (double Density, double SpecificHeat)? Shell,
                                          (double Density, double SpecificHeat)? Substrate,
                                          (double Density, double SpecificHeat)? Air)
{
    /// <summary>None given.</summary>
    public static RegionHeatCapacities None { get; } = new(null, null, null, null);

    /// <summary>
    /// The volumetric heat capacity rho c_p of a volume region tag, J/(m^3 K); an <see cref="InputException"/> when missing.
    /// </summary>
    public double ForRegion(int tag)
    {
        var (pair, name) = tag switch
        {
            Tags.Particle => (Particle, "particle"),
            Tags.Shell => (Shell, "shell"),
            Tags.Substrate => (Substrate, "substrate"),
            Tags.Air => (Air, "air"),
            _ => throw new ArgumentOutOfRangeException(nameof(tag), tag, "not a volume region tag"),
        };
        return pair is var (rho, c)
            ? rho * c
            : throw new InputException("[thermal]", $"a transient solve needs the {name}'s density and specific heat",
                $"density.{name}, specific_heat.{name}", null,
                $"[thermal.density] {name} = \"4.1 g/cm^3\" and [thermal.specific_heat] {name} = \"250 J/(kg K)\" " +
                "(your material's)");
    }
}

/// <summary>
/// Exponents p_r of the temperature-dependent conductivities k_r(T) = k_r (T / T_k)^p_r of the volume regions
/// (<see cref="Tags"/>), k_r the <see cref="RegionConductivities"/> value at the reference temperature T_k
/// (<see cref="ThermalSettings.ConductivityReferenceK"/>). All zero (<see cref="None"/>): constant conductivities.
/// Typical signs: p ~ -1 for an Umklapp-limited crystal above its Debye temperature, p &gt; 0 for amorphous silica, p ~ 0.8
/// for air (see <see cref="PowerLaw"/>).
/// </summary>
/// <param name="Particle">p of the particle (its core when it has a shell).</param>
/// <param name="Shell">p of the shell (unused without one).</param>
/// <param name="Substrate">p of the substrate.</param>
/// <param name="Air">p of the air.</param>
public sealed record ConductivityExponents(double Particle, double Shell, double Substrate, double Air)
{
    /// <summary>Constant conductivities: every exponent 0.</summary>
    public static ConductivityExponents None { get; } = new(0, 0, 0, 0);

    /// <summary>The exponents accepted, [-3, 3]: steeper laws than any common solid or gas, and still no overflow.</summary>
    public static Interval Range { get; } = Interval.Closed(-3, 3);

    /// <summary>True when every exponent is 0: the conductivities do not depend on the temperature.</summary>
    public bool IsConstant => Particle == 0 && Shell == 0 && Substrate == 0 && Air == 0;

    /// <summary>The exponent of a volume region tag.</summary>
    public double ForRegion(int tag) => tag switch
    {
        Tags.Particle => Particle,
        Tags.Shell => Shell,
        Tags.Substrate => Substrate,
        Tags.Air => Air,
        _ => throw new ArgumentOutOfRangeException(nameof(tag), tag, "not a volume region tag"),
    };

    /// <summary>
    /// The power law k(T) = k0 (T / T0)^p, W/(m K), for T &gt; 0. Above the Debye temperature the Umklapp-limited lattice
    /// conductivity of a crystal falls as 1/T (Ashcroft and Mermin, Solid State Physics, ch. 25); that of amorphous
    /// silica rises with T (Cahill and Pohl, Phys. Rev. B 35, 4067 (1987)); that of air goes about as T^0.8 (Incropera
    /// and DeWitt, Fundamentals of Heat and Mass Transfer, Table A.4).
    /// </summary>
    /// <param name="k0">k at <paramref name="t0"/>, W/(m K).</param>
    /// <param name="t0">The temperature at which k0 holds, K.</param>
    /// <param name="p">The exponent.</param>
    /// <param name="t">The temperature, K.</param>
    public static double PowerLaw(double k0, double t0, double p, double t) => p == 0 ? k0 : k0 * Math.Pow(t / t0, p);

    /// <summary>The named exponents with their setting names ("conductivity_exponent.particle", ...).</summary>
    internal IEnumerable<(string Name, double Value)> Named() =>
    [
        ("conductivity_exponent.particle", Particle), ("conductivity_exponent.shell", Shell),
        ("conductivity_exponent.substrate", Substrate), ("conductivity_exponent.air", Air),
    ];
}

/// <summary>The condition on the outer boundary of the meshed box.</summary>
public enum OuterBoundary
{
    /// <summary>The temperature decays to ambient at infinity (<see cref="BoundaryCondition.FarField"/>).</summary>
    FarField,
    /// <summary>The ambient temperature on the outer boundary (Dirichlet).</summary>
    Fixed,
    /// <summary>Heat leaves with a heat-transfer coefficient h (Robin).</summary>
    Convection,
}

/// <summary>
/// Everything the steady heat solve needs besides the mesh and the source, SI: ambient temperature, region
/// conductivities, the outer boundary and the linear solver. <see cref="Problem"/> puts them on a particle mesh.
/// Keys in <see cref="InputException"/>s are the names of these settings (e.g. "interface_conductance").
/// </summary>
/// <param name="AmbientK">T_ambient, K: the far-field temperature and the reference of dT.</param>
/// <param name="Conductivity">Region conductivities.</param>
/// <param name="OuterBoundary">Condition on the outer boundary of the box.</param>
/// <param name="HeatTransferCoefficientWPerM2K">h for <see cref="OuterBoundary.Convection"/>, W/(m^2 K); null otherwise.</param>
/// <param name="InterfaceConductanceWPerM2K">Kapitza conductance G of the particle/substrate contact, W/(m^2 K), &gt; 0; null
/// for perfect thermal contact (see <see cref="HeatProblem.InterfaceConductanceWPerM2K"/>).</param>
/// <param name="Solver">Preconditioner, tolerance and iteration limit of the linear solve.</param>
public sealed record ThermalSettings(
    double AmbientK,
    RegionConductivities Conductivity,
    OuterBoundary OuterBoundary,
    double? HeatTransferCoefficientWPerM2K,
    double? InterfaceConductanceWPerM2K,
    SolverOptions Solver)
{
    /// <summary>
    /// Exponents of the temperature-dependent conductivities, k_r(T) = k_r (T / T_k)^p_r; <see cref="ConductivityExponents.None"/>
    /// (the default) for constant ones.
    /// </summary>
    public ConductivityExponents ConductivityExponent { get; init; } = ConductivityExponents.None;

    /// <summary>T_k, K: the temperature at which the <see cref="Conductivity"/> values hold (used only with exponents).</summary>
    public double ConductivityReferenceK { get; init; } = 300;

    /// <summary>
    /// Density and specific heat per region (transient conduction only); <see cref="RegionHeatCapacities.None"/> by default.
    /// </summary>
    public RegionHeatCapacities HeatCapacity { get; init; } = RegionHeatCapacities.None;

    /// <summary>
    /// rho c_p of every region of <paramref name="mesh"/>, J/(m^3 K); an <see cref="InputException"/> names a missing one.
    /// </summary>
    public Dictionary<int, double> HeatCapacities(TetMesh mesh) =>
        mesh.CellRegion.Distinct().ToDictionary(tag => tag, HeatCapacity.ForRegion);

    /// <summary>Throws an <see cref="InputException"/> for a setting the solver cannot honour.</summary>
    public void Validate()
    {
        if (InterfaceConductanceWPerM2K is double g && !(g > 0 && double.IsFinite(g)))
            throw new InputException("thermal settings", "the interface (Kapitza) conductance must be positive and finite",
                "interface_conductance", Units.Invariant(g) + " W/(m^2 K)",
                "G > 0 W/(m^2 K), or none for perfect thermal contact");
        if (OuterBoundary == OuterBoundary.Convection && HeatTransferCoefficientWPerM2K is not > 0)
            throw new InputException("thermal settings", "a convective outer boundary needs a heat-transfer coefficient h > 0",
                "heat_transfer_coefficient", HeatTransferCoefficientWPerM2K is double h ? Units.Invariant(h) : null,
                "h > 0 W/(m^2 K)");
        foreach (var (name, k) in new[]
                 {
                     ("conductivity.particle", Conductivity.Particle), ("conductivity.substrate", Conductivity.Substrate),
                     ("conductivity.air", Conductivity.Air), ("conductivity.shell", Conductivity.Shell ?? 1),
                 })
            if (!(k > 0) || !double.IsFinite(k))
                throw new InputException("thermal settings", "a conductivity must be positive and finite", name, Units.Invariant(k),
                                         "k > 0 W/(m K)");
        if (!(AmbientK > 0) || !double.IsFinite(AmbientK))
            throw new InputException("thermal settings", "the ambient temperature must be positive and finite", "ambient",
                                     Units.Invariant(AmbientK), "T > 0 K");
        foreach (var (name, p) in ConductivityExponent.Named())
            if (!ConductivityExponents.Range.Contains(p))
                throw new InputException("thermal settings", "a conductivity exponent must lie in the valid range", name,
                                         Units.Invariant(p), "a number in " + ConductivityExponents.Range.Describe());
        if (!(ConductivityReferenceK > 0) || !double.IsFinite(ConductivityReferenceK))
            throw new InputException("thermal settings", "the conductivity reference temperature must be positive and finite",
                                     "conductivity_temperature", Units.Invariant(ConductivityReferenceK), "T > 0 K");
    }

    /// <summary>
    /// The heat problem on <paramref name="mesh"/>: a conductivity for every region the mesh has, the outer condition
    /// on both outer surfaces (air and substrate), the given source, the interface conductance. With non-zero
    /// <see cref="ConductivityExponent"/>s the region conductivities are those at the ambient temperature,
    /// k_r(T_ambient), and the problem carries the exponents (<see cref="HeatProblem.ConductivityExponent"/>): the solver
    /// then iterates on the field.
    /// </summary>
    public HeatProblem Problem(TetMesh mesh, VolumetricSource source)
    {
        var k = new Dictionary<int, double>();
        foreach (var tag in mesh.CellRegion.Distinct()) k[tag] = Conductivity.ForRegion(tag);
        var outer = OuterCondition(OuterBoundary, AmbientK, HeatTransferCoefficientWPerM2K);
        var boundaries = mesh.BoundaryRegion.Distinct().Where(s => s is Tags.AirOuter or Tags.SubstrateOuter)
                             .ToDictionary(s => s, _ => outer);
        if (ConductivityExponent.IsConstant) return new HeatProblem(mesh, k, boundaries, source, AmbientK, InterfaceConductanceWPerM2K);
        var exponent = k.Keys.ToDictionary(tag => tag, ConductivityExponent.ForRegion);
        var atAmbient = k.ToDictionary(e => e.Key,
                                       e => ConductivityExponents.PowerLaw(e.Value, ConductivityReferenceK, exponent[e.Key], AmbientK));
        return new HeatProblem(mesh, atAmbient, boundaries, source, AmbientK, InterfaceConductanceWPerM2K)
        {
            ConductivityExponent = exponent,
        };
    }

    /// <summary>The <see cref="BoundaryCondition"/> that <paramref name="outerBoundary"/> stands for.</summary>
    static BoundaryCondition OuterCondition(OuterBoundary outerBoundary, double ambientK, double? heatTransferCoefficientWPerM2K) =>
        outerBoundary switch
        {
            OuterBoundary.FarField => new BoundaryCondition.FarField(),
            OuterBoundary.Fixed => new BoundaryCondition.FixedTemperature(ambientK),
            OuterBoundary.Convection => new BoundaryCondition.Convection(heatTransferCoefficientWPerM2K!.Value, ambientK),
            _ => throw new ArgumentOutOfRangeException(nameof(outerBoundary), outerBoundary, "unknown outer boundary"),
        };
}
