using MieCool.Core;
using MieCool.Mesh;

namespace MieCool.Thermal;

/// <summary>
/// A boundary condition on one surface tag of the mesh. Surfaces without a condition are insulated
/// (zero normal flux, the natural condition of the weak form).
/// </summary>
public abstract record BoundaryCondition
{
    /// <summary>Fixed (Dirichlet) temperature T = <paramref name="TemperatureK"/>.</summary>
    public sealed record FixedTemperature(double TemperatureK) : BoundaryCondition;

    /// <summary>Convection (Robin): outward flux -k dT/dn = h (T - T_inf).</summary>
    public sealed record Convection(double HeatTransferCoefficientWPerM2K, double FluidTemperatureK) : BoundaryCondition;

    /// <summary>
    /// Far field of an unbounded domain: k dT/dn + k (n . r / |r|^2) (T - T_ambient) = 0 with r from the particle
    /// centre (or the origin if the mesh has no particle). Exact for the monopole rise P/(4 pi k |r|), so a box
    /// of 10-20 particle radii stands for infinite space; k is the conductivity of the cell behind the face.
    /// </summary>
    public sealed record FarField : BoundaryCondition;

    /// <summary>Zero normal flux (the default for untagged or unlisted surfaces).</summary>
    public sealed record Insulated : BoundaryCondition;
}

/// <summary>
/// Volumetric heat source q(x) in W/m^3 (positive heats). Build it with <see cref="Uniform"/>,
/// <see cref="FromFunction"/> or, for sampled fields such as the Mie absorbed-power density,
/// <see cref="Sampled"/> from the points of <see cref="Assembly.HeatAssembler.SourcePoints"/>.
/// </summary>
public abstract record VolumetricSource
{
    /// <summary>No source, q = 0 everywhere (a problem driven by its boundary temperatures alone).</summary>
    public static VolumetricSource None { get; } = new FunctionSource((_, _, _, _) => 0, []) { Constant = 0 };

    /// <summary>q = <paramref name="densityWPerM3"/> in the cells of the given region tags (all cells if none given).</summary>
    public static VolumetricSource Uniform(double densityWPerM3, params int[] regions) =>
        new FunctionSource((_, _, _, _) => densityWPerM3, regions) { Constant = densityWPerM3 };

    /// <summary>
    /// q(x, y, z, region) in W/m^3 (x, y, z in m), evaluated at the quadrature points of the cells of
    /// <paramref name="regions"/> (all cells if empty).
    /// </summary>
    public static VolumetricSource FromFunction(Func<double, double, double, int, double> densityWPerM3, params int[] regions) =>
        new FunctionSource(densityWPerM3, regions);

    /// <summary>Values of q (W/m^3) at each point of <paramref name="points"/>, in its order.</summary>
    public static VolumetricSource Sampled(SourcePoints points, double[] densityWPerM3)
    {
        if (densityWPerM3.Length != points.Count)
            throw new InputException("volumetric source", $"expected one value per quadrature point ({points.Count})",
                                     "values", densityWPerM3.Length.ToString(), $"{points.Count} values");
        return new SampledSource(points, densityWPerM3);
    }

    internal sealed record FunctionSource(Func<double, double, double, int, double> Density, int[] Regions) : VolumetricSource
    {
        /// <summary>The density when it is known to be constant (integrated in closed form), else null.</summary>
        public double? Constant { get; init; }
    }
    internal sealed record SampledSource(SourcePoints Points, double[] Values) : VolumetricSource;
}

/// <summary>
/// Quadrature points of a set of cells, where a caller evaluates a source density and hands the values back
/// through <see cref="VolumetricSource.Sampled"/>. Point p of cell <c>Cells[p / PointsPerCell]</c> lies at
/// <c>Positions[3p .. 3p+2]</c> (m) and carries the volume weight <c>Weights[p]</c> (m^3; sum over a cell = its volume).
/// </summary>
public sealed record SourcePoints(int[] Cells, Assembly.QuadratureRule Rule, double[] Positions, double[] Weights)
{
    /// <summary>Quadrature points per cell (those of <see cref="Rule"/>).</summary>
    public int PointsPerCell => Rule.Count;
    /// <summary>Number of points over all cells: the number of values <see cref="VolumetricSource.Sampled"/> expects.</summary>
    public int Count => Weights.Length;

    /// <summary>These points followed by <paramref name="other"/>'s (cells of the same mesh, disjoint, the same rule).</summary>
    public SourcePoints Concat(SourcePoints other)
    {
        if (other.Rule.Count != Rule.Count)
            throw new InvalidOperationException($"source points of {Rule.Count} and {other.Rule.Count} points per cell cannot be joined");
        return new SourcePoints([.. Cells, .. other.Cells], Rule, [.. Positions, .. other.Positions], [.. Weights, .. other.Weights]);
    }
}

/// <summary>
/// A steady heat-conduction problem for the temperature rise theta = T - T_ambient:
/// -div(k grad theta) = q in the mesh, with a condition per surface tag, and optionally a thermal boundary
/// (Kapitza) conductance G on the particle/substrate interface: the faces shared by a particle or shell cell and a
/// substrate cell, across which the temperature jumps and the heat flux is q_n = G (theta_particle - theta_substrate)
/// (Swartz and Pohl, Rev. Mod. Phys. 61, 605 (1989)).
/// </summary>
/// <param name="Mesh">Linear or quadratic tetrahedral mesh, metres.</param>
/// <param name="ConductivityWPerMK">Thermal conductivity per region tag present in the mesh, W/(m K), &gt; 0.</param>
/// <param name="Boundaries">Condition per surface tag; unlisted surfaces are insulated.</param>
/// <param name="Source">Volumetric heat source.</param>
/// <param name="AmbientTemperatureK">T_ambient: the far-field temperature and the reference of the rise.</param>
/// <param name="InterfaceConductanceWPerM2K">G of the particle/substrate interface, W/(m^2 K), &gt; 0 and finite; null for
/// perfect thermal contact (a continuous temperature, the system of a mesh without interface).</param>
public sealed record HeatProblem(
    TetMesh Mesh,
    IReadOnlyDictionary<int, double> ConductivityWPerMK,
    IReadOnlyDictionary<int, BoundaryCondition> Boundaries,
    VolumetricSource Source,
    double AmbientTemperatureK = 293.15,
    double? InterfaceConductanceWPerM2K = null)
{
    /// <summary>
    /// Exponent p_r per region tag of a temperature-dependent conductivity k_r(T) = k_r (T / T_ambient)^p_r, k_r the
    /// <see cref="ConductivityWPerMK"/> value, which is then the conductivity at the ambient temperature
    /// (<see cref="ConductivityExponents.PowerLaw"/>); a region without an entry has p = 0. Null (the default) or all 0:
    /// constant conductivities, one linear solve. Otherwise the problem is nonlinear and
    /// <see cref="SteadyHeatSolver.Solve(HeatProblem, SolverOptions?, IProgress{string}?, CancellationToken)"/> iterates on
    /// the field, each cell's conductivity evaluated at its mean temperature of the previous iterate. The far-field and
    /// convective outer conditions keep k_r(T_ambient): the far field is at the ambient temperature.
    /// </summary>
    public IReadOnlyDictionary<int, double>? ConductivityExponent { get; init; }

    /// <summary>
    /// A conductivity per cell of <see cref="Mesh"/> for the volume terms, W/(m K), in place of its region's (e.g. the
    /// conductivities of a previous field); null (the default): the region values. The outer conditions keep the region
    /// values. With a <see cref="ConductivityExponent"/> it is the conductivity of the first iterate.
    /// </summary>
    public double[]? CellConductivityWPerMK { get; init; }

    /// <summary>
    /// A starting field for the conjugate-gradient iteration: theta at every node of <see cref="Mesh"/>, K (e.g. the
    /// <see cref="HeatSolution.TemperatureRiseK"/> of an earlier solve on this mesh with a similar source); null (the
    /// default): start from zero. It changes how many iterations the solve takes, not the converged answer (to the
    /// solver's tolerance). Fixed temperatures override it at their nodes; with an interface conductance the start has no
    /// jump (the substrate side starts at the particle side's value); with temperature-dependent conductivities it starts
    /// the first Picard iterate.
    /// </summary>
    public double[]? InitialRiseK { get; init; }

    /// <summary>True when some <see cref="ConductivityExponent"/> is non-zero: the conductivities depend on the temperature.</summary>
    public bool IsTemperatureDependent => ConductivityExponent is { } p && p.Values.Any(v => v != 0);

    /// <summary>
    /// Lowest temperature at which a temperature-dependent conductivity is evaluated, K: a cell of an iterate whose mean
    /// temperature lies below it (an iterate may overshoot below 0 K) is evaluated at this temperature, so that no NaN
    /// arises; a converged field with such cells is refused (<see cref="ConductivityRangeException"/>).
    /// </summary>
    public const double LowestConductivityTemperatureK = 1;

    /// <summary>
    /// The conductivity of every cell at its temperature T_c = T_ambient + theta_c, W/(m K): k_r(T_c) =
    /// k_r (T_c / T_ambient)^p_r, with T_c raised to <see cref="LowestConductivityTemperatureK"/> where it lies below.
    /// </summary>
    /// <param name="cellMeanRiseK">theta_c, the mean rise of each cell of <see cref="Mesh"/>, K.</param>
    /// <param name="raised">The number of cells evaluated at <see cref="LowestConductivityTemperatureK"/>.</param>
    /// <exception cref="ConductivityRangeException">A conductivity is not positive and finite (a runaway field).</exception>
    public double[] CellConductivities(double[] cellMeanRiseK, out int raised)
    {
        var region = Mesh.CellRegion;
        var k = new double[region.Length];
        raised = 0;
        double t0 = AmbientTemperatureK;
        for (int c = 0; c < k.Length; c++)
        {
            double t = t0 + cellMeanRiseK[c];
            if (!(t >= LowestConductivityTemperatureK)) { t = LowestConductivityTemperatureK; raised++; }
            double p = ConductivityExponent is { } e && e.TryGetValue(region[c], out var pr) ? pr : 0;
            k[c] = ConductivityExponents.PowerLaw(ConductivityWPerMK[region[c]], t0, p, t);
            if (!(k[c] > 0) || !double.IsFinite(k[c]))
                throw new ConductivityRangeException(FormattableString.Invariant(
                    $"the conductivity of a {Tags.RegionName(region[c])} cell at {t:G4} K is {k[c]:G4} W/(m K): the field ran away ") +
                    "(the power law has no steady state for this source); lower the exponents or the source", 1, t);
        }
        return k;
    }

    /// <summary>Throws <see cref="InputException"/> for missing or non-physical data.</summary>
    public void Validate()
    {
        var present = new HashSet<int>();
        int last = int.MinValue;
        foreach (var r in Mesh.CellRegion) if (r != last) { present.Add(r); last = r; }
        foreach (var region in present)
        {
            if (!ConductivityWPerMK.TryGetValue(region, out var k))
                throw new InputException("heat problem", $"no conductivity for region {Tags.RegionName(region)} ({region})",
                                         "conductivity", null, "a conductivity in W/(m K) for every region tag of the mesh");
            if (!(k > 0) || double.IsInfinity(k))
                throw new InputException("heat problem", $"conductivity of {Tags.RegionName(region)} must be positive and finite",
                                         "conductivity", k.ToString("R"), "k > 0 W/(m K)");
        }
        bool anchored = false;
        var surfaces = Mesh.BoundaryRegion.ToHashSet();
        foreach (var (tag, bc) in Boundaries)
        {
            if (!surfaces.Contains(tag))
                throw new InputException("heat problem",
                                         $"boundary condition on surface {Tags.RegionName(tag)} ({tag}), which the mesh does not have",
                                         "boundary", tag.ToString(), "one of " + string.Join(", ", surfaces.Order()));
            switch (bc)
            {
                case BoundaryCondition.FixedTemperature f:
                    if (!double.IsFinite(f.TemperatureK) || f.TemperatureK < 0)
                        throw new InputException("heat problem", "fixed temperature must be finite and >= 0 K", "temperature",
                                                 f.TemperatureK.ToString("R"), "T >= 0 K");
                    anchored = true; break;
                case BoundaryCondition.Convection c:
                    if (!(c.HeatTransferCoefficientWPerM2K >= 0) || double.IsInfinity(c.HeatTransferCoefficientWPerM2K))
                        throw new InputException("heat problem", "heat-transfer coefficient must be >= 0", "h",
                                                 c.HeatTransferCoefficientWPerM2K.ToString("R"), "h >= 0 W/(m^2 K)");
                    anchored |= c.HeatTransferCoefficientWPerM2K > 0; break;
                case BoundaryCondition.FarField: anchored = true; break;
            }
        }
        if (!anchored)
            throw new InputException("heat problem", "the temperature is not determined: every surface is insulated",
                                     "boundary", null,
                                     "at least one surface with a fixed temperature, convection (h > 0) or the far-field condition");
        if (!double.IsFinite(AmbientTemperatureK) || AmbientTemperatureK < 0)
            throw new InputException("heat problem", "ambient temperature must be finite and >= 0 K", "ambient",
                                     AmbientTemperatureK.ToString("R"), "T >= 0 K");
        if (InterfaceConductanceWPerM2K is double g && !(g > 0 && double.IsFinite(g)))
            throw new InputException("heat problem", "the interface conductance must be positive and finite",
                                     "interface_conductance", g.ToString("R"), "G > 0 W/(m^2 K), or none for perfect contact");
        if (ConductivityExponent is { } exponents)
            foreach (var (region, p) in exponents)
                if (!double.IsFinite(p))
                    throw new InputException("heat problem", $"conductivity exponent of {Tags.RegionName(region)} must be finite",
                                             "conductivity_exponent", p.ToString("R"), "a finite number, e.g. -1 or 0.3");
        if (IsTemperatureDependent && !(AmbientTemperatureK > 0))
            throw new InputException("heat problem", "a temperature-dependent conductivity needs an ambient temperature above 0 K",
                                     "ambient", AmbientTemperatureK.ToString("R"), "T > 0 K");
        if (InitialRiseK is { } init)
        {
            if (init.Length != Mesh.NodeCount)
                throw new InputException("heat problem", $"expected one initial rise per node ({Mesh.NodeCount})",
                                         "initial_rise", init.Length.ToString(), $"{Mesh.NodeCount} values");
            foreach (var t in init)
                if (!double.IsFinite(t))
                    throw new InputException("heat problem", "an initial rise must be finite", "initial_rise", t.ToString("R"),
                                             "a finite temperature rise in K");
        }
        if (CellConductivityWPerMK is { } kc)
        {
            if (kc.Length != Mesh.CellCount)
                throw new InputException("heat problem", $"expected one conductivity per cell ({Mesh.CellCount})",
                                         "cell_conductivity", kc.Length.ToString(), $"{Mesh.CellCount} values");
            foreach (var k in kc)
                if (!(k > 0) || double.IsInfinity(k))
                    throw new InputException("heat problem", "a cell conductivity must be positive and finite", "cell_conductivity",
                                             k.ToString("R"), "k > 0 W/(m K)");
        }
    }
}
