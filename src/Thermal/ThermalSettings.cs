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
    }

    /// <summary>
    /// The heat problem on <paramref name="mesh"/>: a conductivity for every region the mesh has, the outer condition
    /// on both outer surfaces (air and substrate), the given source, the interface conductance.
    /// </summary>
    public HeatProblem Problem(TetMesh mesh, VolumetricSource source)
    {
        var k = new Dictionary<int, double>();
        foreach (var tag in mesh.CellRegion.Distinct()) k[tag] = Conductivity.ForRegion(tag);
        var outer = OuterCondition(OuterBoundary, AmbientK, HeatTransferCoefficientWPerM2K);
        var boundaries = mesh.BoundaryRegion.Distinct().Where(s => s is Tags.AirOuter or Tags.SubstrateOuter)
                             .ToDictionary(s => s, _ => outer);
        return new HeatProblem(mesh, k, boundaries, source, AmbientK, InterfaceConductanceWPerM2K);
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
