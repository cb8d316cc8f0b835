using System.Globalization;
using System.Text.Json;
using MieCool.Coupling;
using MieCool.Cases;
using MieCool.Mesh;
using MieCool.Optics;
using MieCool.Optics.Materials;
using MieCool.Optics.Emitters;
using MieCool.Optics.Mie;
using MieCool.Thermal;

namespace MieCool.Cli.Output;

/// <summary>
/// The one vocabulary of result keys and the one summary.json writer of `heat`, `run` and `sweep`: the same quantity
/// has the same name in every summary.json, in sweep.csv and in `--json` output (docs/file-format.md lists them).
/// Results come first, then derived values, solver, mesh, timings and every effective input with its unit and origin.
/// </summary>
public static class SummaryFile
{
    /// <summary>The particle's temperatures and the solve's health: the keys every thermal result has.</summary>
    public static Dictionary<string, object?> Thermal(ThermalSolution t)
    {
        var s = t.Heat;
        var flows = new Dictionary<string, double>();
        foreach (var (tag, w) in s.BoundaryHeatFlowW.OrderBy(p => p.Key)) flows[Tags.RegionName(tag)] = w;
        flows["particle_surface"] = s.ParticleHeatFlowW;
        if (s.InterfaceHeatFlowW is double interfaceFlow) flows["interface"] = interfaceFlow; // particle -> substrate, across G
        var doc = Particle(s.AmbientTemperatureK, s.ParticleMeanRiseK, s.ParticleMinRiseK, s.ParticleMaxRiseK);
        foreach (var (k, v) in new Dictionary<string, object?>
        {
            ["source"] = t.Source.Description,
            ["source_integral_W"] = t.Source.IntegralW,
            ["dT_interface_mean_K"] = s.InterfaceMeanJumpK,
            ["heat_flow_out_W"] = flows,
            ["energy_balance_rel"] = s.EnergyBalanceRelativeError,
            ["dofs"] = s.Solver.Unknowns,
            ["iterations"] = s.Solver.Iterations,
            ["relative_residual"] = s.Solver.RelativeResidual,
        }) doc[k] = v;
        return doc;
    }

    /// <summary>
    /// The particle's temperatures from its mean, min and max rise: T_particle_mean/min/max_K (absolute, null below 0 K),
    /// dT_particle_mean/min/max_K, T_ambient_K, verdict, below_absolute_zero; the keys of every thermal result.
    /// </summary>
    public static Dictionary<string, object?> Particle(double ambientK, double meanRiseK, double minRiseK, double maxRiseK) => new()
    {
        ["T_particle_mean_K"] = Absolute(ambientK + meanRiseK),
        ["T_particle_min_K"] = Absolute(ambientK + minRiseK),
        ["T_particle_max_K"] = Absolute(ambientK + maxRiseK),
        ["dT_particle_mean_K"] = meanRiseK,
        ["dT_particle_min_K"] = minRiseK,
        ["dT_particle_max_K"] = maxRiseK,
        ["T_ambient_K"] = ambientK,
        ["verdict"] = meanRiseK < 0 ? "cools" : "heats",
        ["below_absolute_zero"] = ambientK + minRiseK < 0,
    };

    /// <summary>An absolute temperature as a result: null (not a number below zero) where a linear model went below 0 K.</summary>
    internal static double? Absolute(double kelvin) => kelvin >= 0 ? kelvin : null;

    /// <summary>
    /// How the steady state was found: `self_consistent` {model, converged, iterations, residual_K, status},
    /// `linear_dT_particle_mean_K` (the constant-property answer beside it) and `validity` {min_K, max_K, inside}.
    /// </summary>
    public static Dictionary<string, object?> SteadyState(CoupledSolution s)
    {
        var st = s.SteadyState; var settings = s.Problem.SteadyState;
        return new()
        {
            ["self_consistent"] = new Dictionary<string, object?>
            {
                ["model"] = st.Model == SteadyStateModel.SelfConsistent ? "self-consistent" : "linear",
                ["converged"] = st.Converged, ["iterations"] = st.Evaluations, ["residual_K"] = st.ResidualK,
                ["conductivity_iterations"] = st.ConductivityIterations,
                ["status"] = st.Status,
            },
            ["linear_dT_particle_mean_K"] = st.LinearRiseK,
            ["T_zero_cooling_K"] = ZeroCooling(s),
            ["validity"] = new Dictionary<string, object?>
            {
                ["min_K"] = settings.ValidityMinK, ["max_K"] = settings.ValidityMaxK, ["inside"] = st.InsideValidity,
            },
        };
    }

    /// <summary>
    /// The lowest temperature laser cooling can reach with these inputs: where eta_c(T) falls to zero (below it the
    /// particle would heat), searched between the validity minimum and the ambient temperature; null when eta_c keeps
    /// its sign there (e.g. without background absorption, when only the collapsing absorption limits the cooling).
    /// </summary>
    public static double? ZeroCooling(CoupledSolution s)
    {
        double lo = s.Problem.SteadyState.ValidityMinK, hi = s.Problem.Thermal.AmbientK;
        if (!(hi > lo)) return null;
        try { return MieCool.Optics.Cooling.CoolingModel.ZeroCoolingTemperature(s.Problem.Optics, lo, hi); }
        catch (Core.InputException) { return null; } // e.g. a reciprocity line that cannot be formed at the range's end
    }

    /// <summary>The optical results of the coupled model: absorption, escape, efficiencies, powers, the source's bookkeeping.</summary>
    public static Dictionary<string, object?> Optics(CoupledSolution s)
    {
        var o = s.Optics;
        return new()
        {
            ["Qabs"] = o.Pump.Qabs,
            ["Qabs_multipole_shares"] = Shares(o.Pump.Multipoles, 4),
            ["Cabs_nm2"] = o.Pump.CabsM2 * 1e18,
            ["optics_model"] = o.Pump.OnSubstrate is null ? "homogeneous host" : "sphere on substrate",
            ["Qabs_free"] = o.Pump.QabsFree,
            ["Cabs_free_nm2"] = o.Pump.QabsFree * Math.PI * o.Inputs.RadiusM * o.Inputs.RadiusM * 1e18,
            ["F_bulk"] = o.Escape.FBulkAverage,
            ["F_host"] = o.Escape.FHostAverage,
            ["F_multipole_shares_at_emission_peak"] = o.Escape.AtPeak is { } peak ? Shares(peak.Orders, 4) : null,
            ["emission_peak_nm"] = o.Escape.PeakWavelengthM * 1e9,
            ["eta_abs"] = o.AbsorptionEfficiency,
            ["p_e"] = o.Escape.Recycling.Escape,
            ["p_r"] = o.Escape.Recycling.Reabsorption,
            ["p_r_background"] = o.Escape.Recycling.BackgroundReabsorption,
            ["eta_ext"] = o.ExternalQuantumEfficiency,
            ["lambda_f_nm"] = o.EscapeWavelengthM * 1e9,
            ["eta_c"] = o.CoolingEfficiency,
            ["P_abs_W"] = o.AbsorbedPowerW,
            ["P_lum_W"] = s.Source.LuminescencePowerW,
            ["P_heat_W"] = o.HeatPowerW,
            ["absorbed_quadrature_W"] = s.Source.AbsorbedIntegralW,
            ["absorbed_scale"] = s.Source.Scale,
            // the heat the particle deposits in an absorbing substrate; null when the optics do not see the substrate
            ["P_substrate_W"] = o.Pump.OnSubstrate is null ? null : s.Source.SubstrateHeat?.PowerW ?? 0,
            ["P_substrate_pump_W"] = o.Pump.OnSubstrate is null ? null : s.Source.SubstrateHeat?.PumpPowerW ?? 0,
            ["P_substrate_luminescence_W"] = o.Pump.OnSubstrate is null ? null : s.Source.SubstrateHeat?.LuminescencePowerW ?? 0,
            ["P_substrate_in_mesh_W"] = o.Pump.OnSubstrate is null ? null : s.Source.Heat.Substrate?.IntegralW ?? 0,
            ["dT_estimate_half_embedded_K"] = SphereConduction.RiseHalfEmbedded(o.HeatPowerW,
                s.Problem.Thermal.Conductivity.Air, s.Problem.Thermal.Conductivity.Substrate, o.Inputs.RadiusM),
        };
    }

    /// <summary>One scalar row of a coupled solution (sweep.csv, sweep's summary.json): the same names as above.</summary>
    public static Dictionary<string, object?> Row(CoupledSolution s)
    {
        var row = new Dictionary<string, object?>
        {
            ["diameter_nm"] = s.Problem.Optics.DiameterM * 1e9, ["intensity_W_per_cm2"] = s.Problem.Optics.IntensityWPerM2 / 1e4,
        };
        foreach (var (k, v) in Optics(s).Concat(Thermal(s.Thermal)).Concat(SteadyState(s)))
            if (v is double or int or string or bool) row[k] = v;
        row["self_consistent_converged"] = s.SteadyState.Converged;
        if (!s.SteadyState.Converged) // no balance: the field is the linear one, not a result
            foreach (var k in row.Keys.Where(k => k.Contains("_particle_", StringComparison.Ordinal)
                                                  && !k.StartsWith("linear", StringComparison.Ordinal)).ToList())
                row[k] = null;
        return row;
    }

    /// <summary>
    /// The whole summary.json of a thermal (<paramref name="coupled"/> null) or coupled run: results, derived values,
    /// assumptions, solver, mesh, seconds, the case and its effective inputs, the files, program and data versions.
    /// </summary>
    public static Dictionary<string, object?> Document(Case c, string casePath, bool coarse, MeshSpec meshSpec, ThermalSolution t,
                                                      CoupledSolution? coupled, IEnumerable<string> files, TimeSpan exportTime)
    {
        var doc = new Dictionary<string, object?>();
        foreach (var (k, v) in Thermal(t)) doc[k] = v;
        if (coupled is not null)
        {
            foreach (var (k, v) in Optics(coupled)) doc[k] = v;
            foreach (var (k, v) in SteadyState(coupled)) doc[k] = v;
            doc["derived"] = Derived(coupled);
            doc["assumptions"] = Assumptions(coupled);
        }
        var s = t.Heat; var m = t.Mesh.Report; var time = t.Timings;
        doc["solver"] = new Dictionary<string, object>
        {
            ["method"] = s.Solver.Method, ["unknowns"] = s.Solver.Unknowns, ["nonzeros"] = s.Solver.NonZeros,
            ["iterations"] = s.Solver.Iterations, ["relative_residual"] = s.Solver.RelativeResidual,
            ["conductivity_iterations"] = s.ConductivityIterations,
            ["tolerance"] = (coupled?.Problem.Thermal ?? c.Thermal!).Solver.RelativeTolerance,
            ["max_iterations"] = (coupled?.Problem.Thermal ?? c.Thermal!).Solver.MaxIterations,
        };
        doc["mesh"] = new Dictionary<string, object>
        {
            ["nodes"] = m.NodeCount, ["cells"] = m.CellCount, ["order"] = meshSpec.Order,
            ["h_min_m"] = meshSpec.HMin, ["grading"] = meshSpec.Grading, ["box_half_size_R"] = meshSpec.BoxHalfSize,
            ["coarse_override"] = coarse, ["min_dihedral_deg"] = m.MinDihedralDeg, ["contact_radius_m"] = m.ContactRadiusM,
            ["particle_volume_m3"] = t.Source.Points.Weights.Sum(),
            ["source_points"] = t.Source.Points.Count,
        };
        doc["seconds"] = new Dictionary<string, double>
        {
            ["optics"] = time.Optics.TotalSeconds, ["mesh"] = time.Mesh.TotalSeconds, ["source"] = time.Source.TotalSeconds,
            ["assemble"] = time.Assemble.TotalSeconds, ["solve"] = time.Solve.TotalSeconds, ["export"] = exportTime.TotalSeconds,
            ["total"] = (time.Total + exportTime).TotalSeconds,
        };
        Provenance(doc, c, casePath, files);
        if (coupled is not null) doc["material_data"] = MaterialData(coupled.Problem.Optics);
        return doc;
    }

    /// <summary>
    /// The case, its effective inputs, the files written and the build (every summary.json ends with these, one format for
    /// every command): program "miecool X.Y.Z", version "X.Y.Z", commit (the git commit of the build, "unknown" outside git).
    /// </summary>
    public static void Provenance(Dictionary<string, object?> doc, Case c, string casePath, IEnumerable<string> files)
    {
        doc["case"] = Path.GetFullPath(casePath);
        doc["inputs"] = Inputs(c);
        doc["files"] = files.ToArray();
        doc["program"] = ProgramVersion;
        doc["version"] = Results.BuildInfo.Version;
        doc["commit"] = Results.BuildInfo.Commit;
    }

    /// <summary>"miecool X.Y.Z".</summary>
    public static string ProgramVersion => Results.BuildInfo.Program;

    /// <summary>
    /// The document as indented JSON. No NaN or infinity can appear: a non-finite number is refused by the serializer
    /// (<see cref="FiniteOutput.FiniteDouble"/>) and the files are written through <see cref="FiniteOutput.WriteAllText"/>.
    /// </summary>
    public static string Json(Dictionary<string, object?> doc) => CliJson.Serialize(doc);

    /// <summary>Every effective input: value as written, SI value, origin (file line, default, derived).</summary>
    static Dictionary<string, object?> Inputs(Case c)
    {
        var inputs = new Dictionary<string, object?>();
        foreach (var v in c.Values)
            inputs[$"{v.Section}.{v.Key}"] = new Dictionary<string, object?>
            {
                ["value"] = v.Literal.Trim('"'), ["si"] = v.Si,
                ["origin"] = v.OriginText,
            };
        return inputs;
    }

    static Dictionary<string, object?> Derived(CoupledSolution s)
    {
        var o = s.Optics; var i = o.Inputs;
        return new()
        {
            ["size_parameter_at_pump"] = Convention.SizeParameter(i.RadiusM, i.PumpWavelengthM, i.HostIndex),
            ["multipoles_nmax"] = s.PumpField.MultipoleOrders,
            ["index_at_pump_tabulated"] = Complex(o.Pump.TabulatedIndex),
            ["index_at_pump_used"] = Complex(o.Pump.IndexUsed),
            ["k_resonant"] = o.Pump.ResonantK, ["k_background"] = o.Pump.BackgroundK,
            ["absorption_model"] = o.Pump.AbsorptionModel,
            ["emission"] = i.Emission.Description,
            ["unknowns"] = s.Thermal.Heat.Solver.Unknowns,
        };
    }

    static string[] Assumptions(CoupledSolution s) =>
    [
        "pump: plane wave from above, propagating along -z (lab frame, substrate top at z = 0)",
        s.Optics.Pump.OnSubstrate is { } sub
            ? "optics: a sphere touching the planar substrate (index " + Complex(sub.Problem.Substrate.Index)
              + FormattableString.Invariant($" at the pump; T-matrix with the interface, {sub.Lmax} orders) for the pump and the ")
              + "emission's escape (light emitted into the substrate side leaves the particle)"
              + (s.Source.SubstrateHeat is not null
                  ? "; the heat the particle makes the absorbing substrate take up (its scattered pump minus its shadow, and the "
                    + "luminescence it sends in) is a source in the substrate: the powers exact, placed along Lambertian rays from "
                    + "the sphere's centre with Beer-Lambert attenuation (heat beyond the mesh is left out: P_substrate_W against "
                    + "P_substrate_in_mesh_W); the transmitted pump's own absorption (with or without the particle) is not included"
                  : sub.Problem.Substrate.Absorbs
                  ? "; the heat the particle makes the absorbing substrate take up is left out (optics.substrate_heat = \"none\")"
                  : "")
              + "; the mesh's contact flat is not seen by the light"
            : "optics: the particle in a homogeneous host of the given index; the substrate's optical effect is not modelled",
        "absorbed density scaled so that its mesh integral equals Cabs I (the mesh particle is cut flat at the contact)",
        $"escaping luminescence spread {s.Problem.Emitters.ToString().ToLowerInvariant()} over the particle",
        "photon recycling: of the emitted photons p_e escape and p_r are re-absorbed; the gap's share re-excites carriers, the "
        + "background's (p_r_background, alpha_b) heats; emission rate max(1, F) x bulk (detailed balance)",
        s.Problem.Thermal.InterfaceConductanceWPerM2K is double g
            ? FormattableString.Invariant($"interface (Kapitza) conductance {g:G4} W/(m^2 K) between particle and substrate")
            : "perfect thermal contact between particle and substrate (no Kapitza resistance)",
        s.Problem.SteadyState.Model == SteadyStateModel.SelfConsistent
            ? "optical properties (sub-gap absorption, emission line) at the particle's mean temperature; " +
              (s.Thermal.Heat.ConductivityIterations > 0 || s.SteadyState.ConductivityIterations > 0
                  ? "conductivities k(T) at each cell's mean temperature" : "conductivities constant")
            : "optical properties and conductivities at the ambient temperature (linear model)",
    ];

    static string Complex(System.Numerics.Complex z) => FormattableString.Invariant($"{z.Real:G6}+{z.Imaginary:G6}i");

    /// <summary>The largest <paramref name="count"/> terms with their share of the total.</summary>
    static Dictionary<string, double> Shares(IEnumerable<MultipoleTerm> terms, int count)
    {
        var list = terms.OrderByDescending(t => t.Value).ToList(); double total = list.Sum(t => t.Value);
        return list.Take(count).ToDictionary(t => t.Label, t => total > 0 ? t.Value / total : 0);
    }

    /// <summary>
    /// "400.0-1100.0", or in words where the data have no upper end: a constant index holds at every wavelength (its range
    /// is 0 to infinity, which must not be written as "0.0-Infinity").
    /// </summary>
    static string RangeNm(IRefractiveIndex m) =>
        double.IsFinite(m.MaxWavelength)
            ? string.Create(CultureInfo.InvariantCulture, $"{m.MinWavelength * 1e9:F1}-{m.MaxWavelength * 1e9:F1}")
            : m.MinWavelength > 0 ? string.Create(CultureInfo.InvariantCulture, $"from {m.MinWavelength * 1e9:F1}")
            : "any (constant index)";

    /// <summary>
    /// The material data of the optics: `particle` and `substrate` (null when the optics do not see a substrate), each with
    /// material, range_nm and for a database page its reference, page_file and page_sha256 (the data version), and the
    /// database they come from.
    /// </summary>
    internal static Dictionary<string, object?> MaterialData(MieCool.Optics.Cooling.CoolingInputs optics) => new()
    {
        ["particle"] = Page(optics.Material),
        ["substrate"] = optics.Substrate is { } s ? Page(s.Material) : null,
        ["database"] = "refractiveindex.info pages shipped in data/materials (CC0; see docs/materials.md)",
    };

    /// <summary>One material: name, range, and for a page of the database its reference, file and SHA-256.</summary>
    static Dictionary<string, string?> Page(IRefractiveIndex material)
    {
        var d = new Dictionary<string, string?>
        {
            ["material"] = material.Name,
            ["range_nm"] = RangeNm(material),
        };
        if (material is Material page)
        {
            d["reference"] = page.ShortReference;
            d["page_file"] = page.Source;
            if (File.Exists(page.Source))
            {
                var sha = System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(page.Source));
                d["page_sha256"] = Convert.ToHexString(sha).ToLowerInvariant();
            }
        }
        return d;
    }

    /// <summary>
    /// The results table's timing row from summary.json's "seconds": each of <paramref name="stages"/> on its own clock (stages
    /// that ran at once are counted in each), then their wall clock together ("total").
    /// </summary>
    internal static (string Label, string Value) TimingRow(IReadOnlyDictionary<string, double> seconds, params string[] stages) =>
        ($"time {string.Join(" / ", stages)} (together)",
         string.Join(" / ", stages.Select(k => seconds[k].ToString("F2", CultureInfo.InvariantCulture)))
         + string.Create(CultureInfo.InvariantCulture, $" ({seconds["total"]:F2})"));
}
