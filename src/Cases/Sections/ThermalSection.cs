using MieCool.Core;
using MieCool.Mesh;

namespace MieCool.Cases;

/// <summary>Thermal conductivities of the regions, W/(m K).</summary>
public sealed record ConductivitiesWPerMK(double Particle, double? Shell, double Substrate, double Air)
{
    /// <summary>Conductivity of a volume region tag (<see cref="Tags"/>), W/(m K).</summary>
    public double ForRegion(int tag) => tag switch
    {
        Tags.Particle => Particle,
        Tags.Shell => Shell ?? throw new InvalidOperationException("the case has no shell conductivity"),
        Tags.Substrate => Substrate,
        Tags.Air => Air,
        _ => throw new ArgumentOutOfRangeException(nameof(tag), tag, "not a volume region tag"),
    };
}

/// <summary>The condition on the outer boundary of the domain.</summary>
public enum OuterBoundary
{
    /// <summary>The temperature decays to ambient at infinity (a Robin condition for a far field ~ 1/r).</summary>
    FarField,
    /// <summary>The temperature is the ambient temperature on the outer boundary (Dirichlet).</summary>
    Fixed,
    /// <summary>Heat leaves through the outer boundary with a heat-transfer coefficient h (Robin).</summary>
    Convection,
}

/// <summary>Preconditioner of the conjugate-gradient solver.</summary>
public enum Preconditioner { IC0, Jacobi, Amg, Dense }

/// <summary>Settings of the iterative linear solver.</summary>
/// <param name="RelativeTolerance">Stop when ||r|| / ||b|| falls below this.</param>
public sealed record LinearSolverSettings(Preconditioner Preconditioner, double RelativeTolerance, int MaxIterations);

/// <summary>The steady heat-conduction problem's settings, SI.</summary>
/// <param name="AmbientK">Ambient temperature, K.</param>
/// <param name="Conductivity">Region conductivities, W/(m K).</param>
/// <param name="OuterBoundary">Condition on the outer boundary of the box.</param>
/// <param name="HeatTransferCoefficientWPerM2K">h for <see cref="OuterBoundary.Convection"/>, W/(m^2 K); null otherwise.</param>
/// <param name="InterfaceConductanceWPerM2K">Kapitza conductance of the particle/substrate interface, W/(m^2 K); null for perfect contact.</param>
/// <param name="Solver">Linear solver settings.</param>
public sealed record ThermalSpec(
    double AmbientK,
    ConductivitiesWPerMK Conductivity,
    OuterBoundary OuterBoundary,
    double? HeatTransferCoefficientWPerM2K,
    double? InterfaceConductanceWPerM2K,
    LinearSolverSettings Solver);

/// <summary>[thermal]: ambient temperature, conductivities, boundary conditions, solver.</summary>
public sealed class ThermalSection : CaseSection<ThermalSpec>
{
    readonly QuantityKey _ambient, _kParticle, _kShell, _kSubstrate, _kAir, _h, _interface;
    readonly ChoiceKey<OuterBoundary> _outer;
    readonly ChoiceKey<Preconditioner> _preconditioner;
    readonly NumberKey _tolerance;
    readonly IntegerKey _maxIterations;

    public ThermalSection() : base("thermal", "Steady heat conduction: ambient temperature, conductivities, boundary conditions, solver.", SectionPresence.Optional)
    {
        var k = Interval.Positive(1e4);
        _ambient = Declare(new QuantityKey("ambient", Dimension.Temperature, "K", "Ambient temperature (of the air and the far substrate).")
            { Range = Interval.Positive(5000), Default = 293.15 });
        _outer = Declare(new ChoiceKey<OuterBoundary>("outer_boundary",
            "Condition on the outer boundary: decay to ambient at infinity, fixed ambient temperature, or convection with heat_transfer_coefficient.",
            ("far-field", OuterBoundary.FarField), ("fixed", OuterBoundary.Fixed), ("convection", OuterBoundary.Convection))
            { Default = OuterBoundary.FarField });
        _h = Declare(new QuantityKey("heat_transfer_coefficient", Dimension.HeatTransferCoefficient, "W/(m^2 K)",
            "Heat-transfer coefficient on the outer boundary (required with outer_boundary = \"convection\", not allowed otherwise).")
            { Range = Interval.Positive(1e12), Example = 10, Required = false });
        _interface = Declare(new QuantityKey("interface_conductance", Dimension.HeatTransferCoefficient, "W/(m^2 K)",
            "Kapitza (thermal boundary) conductance of the particle/substrate contact; absent for perfect thermal contact.")
            { Range = Interval.Positive(1e15), Example = 1e8, Required = false });
        _kParticle = Declare(new QuantityKey("conductivity.particle", Dimension.Conductivity, "W/(m K)", "Thermal conductivity of the particle (core).")
            { Range = k, Example = 0.5 });
        _kShell = Declare(new QuantityKey("conductivity.shell", Dimension.Conductivity, "W/(m K)", "Thermal conductivity of the shell (required with a shell).")
            { Range = k, Example = 1.38, Required = false });
        _kSubstrate = Declare(new QuantityKey("conductivity.substrate", Dimension.Conductivity, "W/(m K)", "Thermal conductivity of the substrate.")
            { Range = k, Example = 1.38 });
        // dry air at 300 K: 0.0263 W/(m K) (Incropera, Fundamentals of Heat and Mass Transfer, Table A.4)
        _kAir = Declare(new QuantityKey("conductivity.air", Dimension.Conductivity, "W/(m K)", "Thermal conductivity of the surrounding air.")
            { Range = k, Default = 0.026 });
        _preconditioner = Declare(new ChoiceKey<Preconditioner>("solver.preconditioner", "Preconditioner of the conjugate-gradient solver: incomplete Cholesky, diagonal, algebraic multigrid (for large meshes: 16 instead of 192 iterations and about 2.5x faster than ic0 at 660 000 unknowns), or a dense direct solve (at most 6000 unknowns, a cross-check).",
            ("ic0", Preconditioner.IC0), ("jacobi", Preconditioner.Jacobi), ("amg", Preconditioner.Amg), ("dense", Preconditioner.Dense))
            { Default = Preconditioner.IC0 });
        _tolerance = Declare(new NumberKey("solver.tolerance", "Relative residual ||r|| / ||b|| at which the solver stops.")
            { Range = new Interval(1e-16, 1e-2), Default = 1e-10 });
        _maxIterations = Declare(new IntegerKey("solver.max_iterations", "Iteration limit; not converging within it is an error.")
            { Min = 1, Max = 100_000_000, Default = 5000 });
    }

    protected override ThermalSpec Parse(SectionValues v, CaseContext context)
    {
        var particle = context.Get<ParticleSpec>();
        double? shell = null;
        if (particle.HasShell)
            shell = v.TryGet(_kShell, out double ks) ? ks : throw v.Missing(_kShell, "the particle has a shell");
        else if (v.IsGiven(_kShell))
            throw v.Invalid(_kShell, "the particle has no shell", "remove conductivity.shell, or give particle.shell_thickness");

        var outer = v.Get(_outer);
        double? h = null;
        if (outer == OuterBoundary.Convection)
            h = v.TryGet(_h, out double hv) ? hv : throw v.Missing(_h, "outer_boundary = \"convection\"");
        else if (v.IsGiven(_h))
            throw v.Invalid(_h, "a heat-transfer coefficient is used only with outer_boundary = \"convection\"",
                            "remove it, or set outer_boundary = \"convection\"");

        double? g = v.TryGet(_interface, out double gv) ? gv : null;
        return new ThermalSpec(
            v.Get(_ambient),
            new ConductivitiesWPerMK(v.Get(_kParticle), shell, v.Get(_kSubstrate), v.Get(_kAir)),
            outer, h, g,
            new LinearSolverSettings(v.Get(_preconditioner), v.Get(_tolerance), v.Get(_maxIterations)));
    }
}
