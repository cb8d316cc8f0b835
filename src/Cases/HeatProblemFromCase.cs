using MieCool.Core;
using MieCool.Mesh;
using MieCool.Thermal;

namespace MieCool.Cases;

/// <summary>
/// Turns a case's [thermal] (and, for thermal-only studies, [source]) section into the heat solver's
/// <see cref="HeatProblem"/> and <see cref="SolverOptions"/>. Inputs the solver cannot honour are refused at
/// their case-file line, never dropped.
/// </summary>
public static class HeatProblemFromCase
{
    /// <summary>
    /// The heat problem on <paramref name="mesh"/>. The source is <paramref name="source"/> when given (e.g. the Mie
    /// absorbed-power density), else the [source] power spread uniformly over the particle (core and shell).
    /// </summary>
    public static HeatProblem Build(Case c, TetMesh mesh, VolumetricSource? source = null, string neededBy = "the heat solve")
    {
        var t = c.Require<ThermalSpec>(neededBy);
        if (t.InterfaceConductanceWPerM2K is double g)
            throw new InputException(c.Source, "an interface (Kapitza) conductance is not supported by the heat solver yet",
                "thermal.interface_conductance", Units.Invariant(g) + " W/(m^2 K)",
                "remove it: the particle and substrate are then in perfect thermal contact", c.LineOf("thermal.interface_conductance"));

        var k = new Dictionary<int, double>();
        foreach (var tag in mesh.CellRegion.Distinct())
        {
            if (tag == Tags.Shell && t.Conductivity.Shell is null)
                throw new InputException(c.Source, "the mesh has a shell but the case gives no shell conductivity",
                    "thermal.conductivity.shell", valid: "a conductivity such as \"1.38 W/(m K)\"");
            k[tag] = t.Conductivity.ForRegion(tag);
        }

        BoundaryCondition outer = t.OuterBoundary switch
        {
            OuterBoundary.FarField => new BoundaryCondition.FarField(),
            OuterBoundary.Fixed => new BoundaryCondition.FixedTemperature(t.AmbientK),
            OuterBoundary.Convection => new BoundaryCondition.Convection(t.HeatTransferCoefficientWPerM2K!.Value, t.AmbientK),
            _ => throw new ArgumentOutOfRangeException(nameof(c), t.OuterBoundary, "unknown outer boundary"),
        };
        var boundaries = mesh.BoundaryRegion.Distinct().Where(s => s is Tags.AirOuter or Tags.SubstrateOuter)
                             .ToDictionary(s => s, _ => outer);

        return new HeatProblem(mesh, k, boundaries, source ?? UniformParticleSource(c, mesh, neededBy), t.AmbientK);
    }

    /// <summary>
    /// The [source] power P as a uniform density q = P / V over the particle's cells (core and shell), with V the
    /// particle volume of this mesh, so that the mesh integrates q to exactly P.
    /// </summary>
    public static VolumetricSource UniformParticleSource(Case c, TetMesh mesh, string neededBy = "a thermal-only study")
    {
        var power = c.Require<HeatSourceSpec>(neededBy).PowerW;
        var volumes = mesh.RegionVolumes();
        double v = volumes.GetValueOrDefault(Tags.Particle) + volumes.GetValueOrDefault(Tags.Shell);
        if (!(v > 0)) throw new InputException(c.Source, "the mesh has no particle cells to put the [source] power in", "source.power");
        return VolumetricSource.Uniform(power / v, Tags.Particle, Tags.Shell);
    }

    /// <summary>The [thermal.solver] settings as the heat solver's options.</summary>
    public static SolverOptions Solver(ThermalSpec t) => new(
        t.Solver.Preconditioner switch
        {
            Preconditioner.IC0 => PreconditionerKind.IncompleteCholesky,
            Preconditioner.Jacobi => PreconditionerKind.Jacobi,
            Preconditioner.Amg => PreconditionerKind.Amg,
            Preconditioner.Dense => PreconditionerKind.DenseDirect,
            _ => throw new ArgumentOutOfRangeException(nameof(t), t.Solver.Preconditioner, "unknown preconditioner"),
        },
        t.Solver.RelativeTolerance, t.Solver.MaxIterations);
}
