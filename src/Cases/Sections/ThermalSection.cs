using MieCool.Core;
using MieCool.Mesh;
using MieCool.Thermal;

namespace MieCool.Cases;

/// <summary>
/// [thermal]: ambient temperature, conductivities, boundary conditions, solver, as the heat solver's
/// <see cref="ThermalSettings"/>.
/// </summary>
public sealed class ThermalSection : CaseSection<ThermalSettings>
{
    readonly QuantityKey _ambient, _kParticle, _kShell, _kSubstrate, _kAir, _h, _interface, _kTemperature;
    readonly NumberKey _pParticle, _pShell, _pSubstrate, _pAir;
    readonly QuantityKey[] _density, _specificHeat; // particle, shell, substrate, air
    readonly ChoiceKey<OuterBoundary> _outer;
    readonly ChoiceKey<PreconditionerKind> _preconditioner;
    readonly NumberKey _tolerance;
    readonly IntegerKey _maxIterations;

    /// <summary>
    /// Declares [thermal]: ambient, outer_boundary, heat_transfer_coefficient, interface_conductance,
    /// conductivity_temperature, the sub-tables conductivity, conductivity_exponent, density and specific_heat (particle,
    /// shell, substrate, air) and the sub-table solver (preconditioner, tolerance, max_iterations).
    /// </summary>
    public ThermalSection() : base("thermal",
        "Steady heat conduction: ambient temperature, conductivities, boundary conditions, solver.", SectionPresence.Optional)
    {
        var k = Interval.Positive(1e4);
        _ambient = Declare(new QuantityKey("ambient", Dimension.Temperature, "K", "Ambient temperature (of the air and the far substrate).")
            { Range = Interval.Positive(5000), Default = 293.15 });
        _outer = Declare(new ChoiceKey<OuterBoundary>("outer_boundary",
            "Condition on the outer boundary: decay to ambient at infinity, fixed ambient temperature, "
            + "or convection with heat_transfer_coefficient.",
            ("far-field", OuterBoundary.FarField), ("fixed", OuterBoundary.Fixed), ("convection", OuterBoundary.Convection))
            { Default = OuterBoundary.FarField });
        _h = Declare(new QuantityKey("heat_transfer_coefficient", Dimension.HeatTransferCoefficient, "W/(m^2 K)",
            "Heat-transfer coefficient on the outer boundary (required with outer_boundary = \"convection\", not allowed otherwise).")
            { Range = Interval.Positive(1e12), Example = 10, Required = false });
        _interface = Declare(new QuantityKey("interface_conductance", Dimension.HeatTransferCoefficient, "W/(m^2 K)",
            "Kapitza (thermal boundary) conductance of the particle/substrate contact; absent for perfect thermal contact.")
            { Range = Interval.Positive(1e15), Example = 1e8, Required = false });
        _kParticle = Declare(new QuantityKey("conductivity.particle", Dimension.Conductivity, "W/(m K)",
            "Thermal conductivity of the particle (core).")
            { Range = k, Example = 0.5 });
        _kShell = Declare(new QuantityKey("conductivity.shell", Dimension.Conductivity, "W/(m K)",
            "Thermal conductivity of the shell (required with a shell).")
            { Range = k, Example = 1.38, Required = false });
        _kSubstrate = Declare(new QuantityKey("conductivity.substrate", Dimension.Conductivity, "W/(m K)",
            "Thermal conductivity of the substrate.")
            { Range = k, Example = 1.38 });
        // dry air at 300 K: 0.0263 W/(m K) (Incropera, Fundamentals of Heat and Mass Transfer, Table A.4)
        _kAir = Declare(new QuantityKey("conductivity.air", Dimension.Conductivity, "W/(m K)",
            "Thermal conductivity of the surrounding air.")
            { Range = k, Default = 0.026 });
        _kTemperature = Declare(new QuantityKey("conductivity_temperature", Dimension.Temperature, "K",
            "The temperature T_k at which the [thermal.conductivity] values hold; with conductivity exponents p, "
            + "k(T) = k (T / T_k)^p.")
            { Range = Interval.Positive(5000), Default = 300 });
        // k(T) = k (T / T_k)^p: ConductivityExponents.PowerLaw has the physics and its sources
        var p = ConductivityExponents.Range;
        _pParticle = Declare(new NumberKey("conductivity_exponent.particle",
            "Exponent p of the particle's conductivity k(T) = k (T / T_k)^p (0: constant; about -1 for a crystal whose "
            + "phonons scatter by Umklapp processes).")
            { Range = p, Default = 0 });
        _pShell = Declare(new NumberKey("conductivity_exponent.shell",
            "Exponent p of the shell's conductivity (non-zero only with a shell).")
            { Range = p, Default = 0 });
        _pSubstrate = Declare(new NumberKey("conductivity_exponent.substrate",
            "Exponent p of the substrate's conductivity (0: constant; amorphous silica rises with T, about +0.3 near 300 K).")
            { Range = p, Default = 0 });
        _pAir = Declare(new NumberKey("conductivity_exponent.air",
            "Exponent p of the air's conductivity (0: constant; about 0.8 for air).")
            { Range = p, Default = 0 });
        // transient conduction only: rho and c_p per region. Air at 300 K, 1 atm: rho = 1.1614 kg/m^3, c_p = 1007 J/(kg K)
        // (Incropera and DeWitt, Fundamentals of Heat and Mass Transfer, Table A.4); the particle's and substrate's depend on
        // their material and have no default (MAPbI3 about 4.1 g/cm^3 and 250 J/(kg K), fused silica 2.2 g/cm^3 and
        // 740 J/(kg K): the shipped case files cite their sources).
        string[] regions = ["particle", "shell", "substrate", "air"];
        QuantityKey Density(string r) => new($"density.{r}", Dimension.MassDensity, "kg/m^3",
            $"Density of the {r} (transient conduction only; `miecool transient` needs it for every region of the mesh).")
            { Range = Interval.Positive(1e5), Example = 2200, Required = false };
        QuantityKey SpecificHeat(string r) => new($"specific_heat.{r}", Dimension.SpecificHeat, "J/(kg K)",
            $"Specific heat capacity of the {r} at constant pressure (transient conduction only).")
            { Range = Interval.Positive(1e6), Example = 740, Required = false };
        _density = [.. regions[..3].Select(r => Declare(Density(r))),
                    Declare(new QuantityKey("density.air", Dimension.MassDensity, "kg/m^3", "Density of the air (transient only).")
                        { Range = Interval.Positive(1e5), Default = 1.1614 })];
        _specificHeat = [.. regions[..3].Select(r => Declare(SpecificHeat(r))),
                         Declare(new QuantityKey("specific_heat.air", Dimension.SpecificHeat, "J/(kg K)",
                             "Specific heat capacity of the air at constant pressure (transient only).")
                             { Range = Interval.Positive(1e6), Default = 1007 })];
        _preconditioner = Declare(new ChoiceKey<PreconditionerKind>("solver.preconditioner",
            "Preconditioner of the conjugate-gradient solver: by the system's size (auto: ic0 below "
            + $"{SolverOptions.AmgFromUnknowns} unknowns, amg from there), incomplete Cholesky, diagonal, algebraic multigrid "
            + "(for large meshes: 18 instead of 232 iterations and about 2x faster than ic0 at 769 000 unknowns), "
            + "or a dense direct solve (at most 6000 unknowns, a cross-check).",
            ("auto", PreconditionerKind.Auto), ("ic0", PreconditionerKind.IncompleteCholesky), ("jacobi", PreconditionerKind.Jacobi),
            ("amg", PreconditionerKind.Amg), ("dense", PreconditionerKind.DenseDirect))
            { Default = PreconditionerKind.Auto });
        _tolerance = Declare(new NumberKey("solver.tolerance", "Relative residual ||r|| / ||b|| at which the solver stops.")
            { Range = new Interval(1e-16, 1e-2), Default = 1e-10 });
        _maxIterations = Declare(new IntegerKey("solver.max_iterations", "Iteration limit; not converging within it is an error.")
            { Min = 1, Max = 100_000_000, Default = 5000 });
    }

    /// <summary>
    /// The conductivities in W/(m K), the shell's exactly when the particle has a shell; the heat-transfer coefficient
    /// exactly with outer_boundary = "convection"; no interface_conductance means perfect thermal contact.
    /// </summary>
    protected override ThermalSettings Parse(SectionValues values, CaseContext context)
    {
        var particle = context.Get<ParticleSpec>();
        double? shell = null;
        if (particle.HasShell)
            shell = values.TryGet(_kShell, out double ks) ? ks : throw values.Missing(_kShell, "the particle has a shell");
        else if (values.IsGiven(_kShell))
            throw values.Invalid(_kShell, "the particle has no shell", "remove conductivity.shell, or give particle.shell_thickness");

        var outer = values.Get(_outer);
        double? h = null;
        if (outer == OuterBoundary.Convection)
            h = values.TryGet(_h, out double hv) ? hv : throw values.Missing(_h, "outer_boundary = \"convection\"");
        else if (values.IsGiven(_h))
            throw values.Invalid(_h, "a heat-transfer coefficient is used only with outer_boundary = \"convection\"",
                            "remove it, or set outer_boundary = \"convection\"");

        double? g = values.TryGet(_interface, out double gv) ? gv : null;
        double pShell = values.Get(_pShell);
        if (pShell != 0 && !particle.HasShell)
            throw values.Invalid(_pShell, "the particle has no shell", "0, or give particle.shell_thickness");
        var exponents = new ConductivityExponents(values.Get(_pParticle), pShell, values.Get(_pSubstrate), values.Get(_pAir));
        return new ThermalSettings(
            values.Get(_ambient),
            new RegionConductivities(values.Get(_kParticle), shell, values.Get(_kSubstrate), values.Get(_kAir)),
            outer, h, g,
            new SolverOptions(values.Get(_preconditioner), values.Get(_tolerance), values.Get(_maxIterations)))
        {
            ConductivityExponent = exponents.IsConstant ? ConductivityExponents.None : exponents,
            ConductivityReferenceK = values.Get(_kTemperature),
            HeatCapacity = HeatCapacities(values, particle.HasShell),
        };
    }

    /// <summary>Each region's (rho, c_p) when both are given; one of a pair alone, or a shell's without a shell, is refused.</summary>
    RegionHeatCapacities HeatCapacities(SectionValues values, bool hasShell)
    {
        var pairs = new (double, double)?[4];
        for (int r = 0; r < 4; r++)
        {
            bool rho = values.TryGet(_density[r], out double d), c = values.TryGet(_specificHeat[r], out double cp);
            if (rho != c)
                throw rho ? values.Missing(_specificHeat[r], $"{_density[r].Name} is given")
                          : values.Missing(_density[r], $"{_specificHeat[r].Name} is given");
            if (r == 1 && rho && !hasShell && values.IsGiven(_density[r]))
                throw values.Invalid(_density[r], "the particle has no shell", "remove it, or give particle.shell_thickness");
            if (rho) pairs[r] = (d, cp);
        }
        return new RegionHeatCapacities(pairs[0], pairs[1], pairs[2], pairs[3]);
    }
}
