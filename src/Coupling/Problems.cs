using MieCool.Core;
using MieCool.Mesh;
using MieCool.Optics.Cooling;
using MieCool.Optics.Emitters;
using MieCool.Optics.Fields;
using MieCool.Thermal;

namespace MieCool.Coupling;

/// <summary>
/// The coupled model of one particle on its substrate, case-free and SI: the cooling model's optical inputs, the pump's
/// polarisation, where the escaping luminescence leaves from, the mesh and the thermal settings.
/// Lab frame: substrate top at z = 0, particle centre on the z axis; the pump comes from above (propagates along -z).
/// The optics see the substrate when <c>Optics.Substrate</c> is given (the sphere touching it), else the particle sits in a
/// homogeneous host of index <c>Optics.HostIndex</c>. <see cref="Validate"/> checks every input;
/// <see cref="CoupledModel.Solve(CoupledProblem, IProgress{StageProgress}?, CancellationToken)"/> calls it once.
/// Keys of its <see cref="InputException"/>s are the parameter names of these records (e.g. "diameter",
/// "interface_conductance"), which a front end maps to its own (an option, a case-file key).
/// </summary>
/// <param name="Optics">Material, diameter, host, pump, eta_int, emission, sub-gap absorption, background absorption.</param>
/// <param name="Polarisation">Linear along the lab x axis, or the average of x and y.</param>
/// <param name="Emitters">How the escaping luminescence is spread over the particle.</param>
/// <param name="Mesh">What to mesh; its radius must be half the optical diameter.</param>
/// <param name="Thermal">Conductivities, outer boundary, ambient temperature, linear solver.</param>
public sealed record CoupledProblem(
    CoolingInputs Optics,
    Polarisation Polarisation,
    EmitterDistribution Emitters,
    MeshSpec Mesh,
    ThermalSettings Thermal)
{
    /// <summary>How the steady temperature is found: linear (constant properties, the default) or self-consistent.</summary>
    public SteadyStateSettings SteadyState { get; init; } = SteadyStateSettings.Linear;

    /// <summary>
    /// Whether the heat the particle makes an absorbing substrate take up (<see cref="Coupling.SubstrateHeat"/>; needs
    /// <see cref="CoolingInputs.Substrate"/>) is a source in the substrate's cells (the default) or left out.
    /// </summary>
    public bool SubstrateHeat { get; init; } = true;

    /// <summary>The same problem for a sphere of another diameter (optics and mesh together), m.</summary>
    public CoupledProblem WithDiameter(double diameterM) =>
        this with { Optics = Optics with { DiameterM = diameterM }, Mesh = Mesh with { Radius = diameterM / 2 } };

    /// <summary>Throws an <see cref="InputException"/> for any input outside its valid range or any inconsistency.</summary>
    public void Validate()
    {
        Optics.Validate();
        Thermal.Validate();
        SteadyState.Validate();
        if (Mesh.ShellThickness > 0)
            throw new InputException("coupled model", "the coupled optics handle a homogeneous sphere only (no core-shell Mie field yet)",
                "shell_thickness", Units.Invariant(Mesh.ShellThickness * 1e9) + " nm", "no shell");
        if (Math.Abs(Mesh.Radius - Optics.RadiusM) > 1e-12 * Optics.RadiusM)
            throw new InputException("coupled model", "the meshed radius differs from the optical one",
                "radius", Units.Invariant(Mesh.Radius * 1e9) + " nm", $"{Units.Invariant(Optics.RadiusM * 1e9)} nm (half the diameter)");
    }
}

/// <summary>A thermal-only study: the particle on its substrate with a prescribed heat source (no optics).</summary>
/// <param name="Mesh">What to mesh.</param>
/// <param name="Thermal">Conductivities, outer boundary, ambient temperature, linear solver.</param>
/// <param name="Source">The heat source in the particle.</param>
public sealed record ConductionProblem(MeshSpec Mesh, ThermalSettings Thermal, PrescribedSource Source)
{
    /// <summary>Throws an <see cref="InputException"/> for a setting the solver cannot honour.</summary>
    public void Validate() => Thermal.Validate();
}

/// <summary>A heat source q (W/m^3) prescribed in the particle (core and shell) for a <see cref="ConductionProblem"/>.</summary>
/// <param name="Description">One line for the echo and summary.json, with units, e.g. "1 uW uniform in the particle".</param>
public abstract record PrescribedSource(string Description)
{
    /// <summary>
    /// A total power spread uniformly over the particle as meshed: q = P / V_mesh, so that int q dx = P exactly on the
    /// mesh (the polyhedral particle is slightly smaller than the sphere; the total power is what the user gave).
    /// </summary>
    public sealed record Uniform(double PowerW)
        : PrescribedSource(FormattableString.Invariant($"{PowerW * 1e6:G6} uW uniform in the particle"));

    /// <summary>A density q(x, y, z) in W/m^3 (metres, lab frame), evaluated at each quadrature point of the particle.</summary>
    public sealed record Density(string Text, Func<double, double, double, double> DensityWPerM3) : PrescribedSource(Text);

    /// <summary>q at each of <paramref name="points"/>, W/m^3.</summary>
    internal double[] Evaluate(SourcePoints points)
    {
        var q = new double[points.Count];
        switch (this)
        {
            case Uniform u:
                double volume = points.Weights.Sum();
                Array.Fill(q, u.PowerW / volume);
                break;
            case Density d:
                for (int p = 0; p < q.Length; p++)
                    q[p] = d.DensityWPerM3(points.Positions[3 * p], points.Positions[3 * p + 1], points.Positions[3 * p + 2]);
                break;
        }
        return q;
    }
}
