using System.Globalization;
using System.Text.Json;
using MieCool.Mesh;
using MieCool.Results.Tests;

namespace MieCool.Cli.Tests;

/// <summary>
/// `miecool run` (the coupled optics + FEM model): every shipped optical case on the coarse mesh against reference
/// numbers, the heat-source bookkeeping, eta_int = 0 as pure heating, the ParaView round trip and bad input.
/// </summary>
public sealed class RunCommandTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("miecool-run-").FullName;
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static string Case(string name) => CaseRuns.Case(name);

    (int Code, JsonElement Json, string Err, string Out) Run(string casePath, string outName, params string[] more) =>
        CaseRuns.Run("run", _dir, casePath, outName, more);

    string Variant(string source, string name, params (string Old, string New)[] edits) =>
        CaseRuns.Variant(_dir, source, name, edits);

    static double D(JsonElement j, string key) => j.GetProperty(key).GetDouble();

    /// <summary>The edit that turns a case's steady state into the linear (constant-property) model.</summary>
    static readonly (string Old, string New) Linear = ("model = \"self-consistent\"", "model = \"linear\"");

    /// <summary>
    /// The reproduction case, coarse, self-consistent: the optics at the particle's balanced mean temperature (the band
    /// tail's sub-gap absorption at 980 nm collapses as the particle cools: Qabs falls from 0.186 at ambient to ~0.004), the
    /// balance converged inside MAPbI3's tetragonal range at about 231 K (dT about -62 K), the linear answer beside it
    /// (about -2950 K coarse, far below absolute zero), the source integral equal to P_heat, every file written, and
    /// ParaView reading the same temperature range.
    /// </summary>
    [Fact]
    public void Tonkaev2019_case_cools_with_the_source_integral_equal_to_P_heat_and_ParaView_reads_the_same_range()
    {
        var (code, j, err, outDir) = Run(Case("tonkaev2019_mapbi3_d530.toml"), "d530");
        Assert.True(code == 0, err);
        var sc = j.GetProperty("self_consistent");
        Assert.True(sc.GetProperty("converged").GetBoolean());
        Assert.InRange(sc.GetProperty("residual_K").GetDouble(), 0, 1e-3);
        Assert.InRange(sc.GetProperty("iterations").GetInt32(), 3, 60);
        Assert.True(j.GetProperty("validity").GetProperty("inside").GetBoolean());
        Assert.Equal(JsonValueKind.Null, j.GetProperty("T_zero_cooling_K").ValueKind); // no alpha_b: eta_c stays > 0
        Assert.Equal(-2952, D(j, "linear_dT_particle_mean_K"), 150.0); // the linear answer (default mesh: -3156 K)
        Assert.Equal(231.4, D(j, "T_particle_mean_K"), 3.0);            // coarse reference (docs/reproduction-tonkaev2019.md)
        Assert.Equal(D(j, "T_ambient_K") + D(j, "dT_particle_mean_K"), D(j, "T_particle_mean_K"), 1e-9);
        Assert.Equal(0.2178, D(j, "eta_c"), 2e-3); // with the glass: F_bulk 0.447 at the balance (0.418 in air)
        Assert.InRange(D(j, "Qabs"), 0.002, 0.008);
        // photon recycling: the escape is F_bulk (< 1), the rest re-absorbed, none by a background that is not there
        Assert.Equal(D(j, "F_bulk"), D(j, "p_e"), 1e-12);
        Assert.Equal(1.0, D(j, "p_e") + D(j, "p_r"), 1e-12);
        Assert.Equal(0.0, D(j, "p_r_background"));
        Assert.Equal(D(j, "P_heat_W"), D(j, "source_integral_W"), 1e-9 * D(j, "P_abs_W"));
        Assert.True(D(j, "dT_particle_max_K") < 0);
        Assert.Equal("cools", j.GetProperty("verdict").GetString());
        Assert.InRange(D(j, "absorbed_scale"), 0.9, 1.2); // the flat-cut polyhedral particle vs the Mie sphere
        foreach (var f in new[] { "summary.json", "spectrum.csv", "spectrum_emission.csv", "spectrum.png", "fields.h5", "fields.xdmf",
                                  "fields_boundary.xdmf", "fields_particle.xdmf", "view.py", "temperature.png" })
            Assert.True(File.Exists(Path.Combine(outDir, f)), f);

        // the 2D fallback of temperature.png: the y = 0 section interpolates dT inside the range of the nodal values,
        // and at the particle centre within the particle's range
        var file = MieCool.Results.ResultFile.Read(Path.Combine(outDir, "fields.h5"));
        var nodal = file.Field("dT").Values;
        var place = file.Mesh.Particle!;
        var cut = RunPlots.SampleY0(file.Mesh, nodal, -2 * place.Radius, 2 * place.Radius,
                                    place.CenterZ - 2 * place.Radius, place.CenterZ + 2 * place.Radius, 81);
        var inside = cut.Values.Cast<double>().Where(double.IsFinite).ToArray();
        Assert.True(inside.Length > 0.95 * cut.Values.Length);
        Assert.InRange(inside.Min(), nodal.Min() - 1e-9, nodal.Max() + 1e-9);
        Assert.InRange(inside.Max(), nodal.Min() - 1e-9, nodal.Max() + 1e-9);
        double centre = cut.Values[cut.Values.GetLength(0) / 2, 40];
        Assert.InRange(centre, D(j, "dT_particle_min_K"), D(j, "dT_particle_max_K"));
        RunPlots.Temperature(Path.Combine(_dir, "fallback.png"), file.Mesh, nodal, "fallback");
        Assert.True(new FileInfo(Path.Combine(_dir, "fallback.png")).Length > 10_000);

        var pv = ExternalTools.Pvbatch("""
            import sys, json
            from paraview.simple import Xdmf3ReaderS
            from paraview import servermanager as sm
            r = Xdmf3ReaderS(FileName=[sys.argv[1]]); r.UpdatePipeline()
            d = sm.Fetch(r)
            if d.IsA("vtkCompositeDataSet"):
                it = d.NewIterator(); it.InitTraversal(); d = it.GetCurrentDataObject()
            out = {n: list(d.GetPointData().GetArray(n).GetRange()) for n in ("T [K]", "dT [K]") if d.GetPointData().GetArray(n)}
            out["cells"] = [d.GetCellData().GetArrayName(i) for i in range(d.GetCellData().GetNumberOfArrays())]
            print(json.dumps(out))
            """, Path.Combine(outDir, "fields.xdmf"));
        var dT = pv.GetProperty("dT [K]").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(D(j, "dT_particle_min_K"), dT[0], 1e-6 * Math.Abs(dT[0])); // the coldest point is in the particle
        var cells = pv.GetProperty("cells").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("q [W/m^3]", cells); Assert.Contains("|E|^2/|E0|^2 [1]", cells);
        Assert.Contains("region (1 particle, 3 substrate, 4 air)", cells);

        // q and |E|^2 as point data on the particle's sub-grid only (undefined outside: no filler value); ParaView's
        // integral of them over the sub-grid agrees with the cell averages' (the projection moves values, not the total)
        var particle = ParaView.Probe(Path.Combine(outDir, "fields_particle.xdmf"));
        Assert.Equal(["q [W/m^3]", "|E|^2/|E0|^2 [1]"], particle.GetProperty("point_arrays").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(file.Particle!.NodeCount, particle.GetProperty("points").GetInt32());
        foreach (var (shown, name) in new[] { ("q [W/m^3]", "q"), ("|E|^2/|E0|^2 [1]", "E2") })
        {
            double fromCells = Enumerable.Range(0, file.Mesh.CellCount).Where(c => file.Mesh.CellRegion[c] == Tags.Particle)
                                     .Sum(c => file.Field(name).Values[c] * file.Mesh.CellVolume(c));
            double nodes = particle.GetProperty("integrals").GetProperty(shown).GetDouble();
            Assert.True(Math.Abs(nodes - fromCells) < 0.03 * Math.Abs(fromCells),
                        $"{name}: {nodes:G5} at the nodes, {fromCells:G5} from the cells");
        }
        Assert.True(file.ParticleFields.Single(f => f.Name == "E2").Values.Min() > 0); // |E|^2 > 0 everywhere inside

        // view.py: the slice of T through the particle, the colour bar titled with the unit
        var view = ParaView.RunViewScript(Path.Combine(outDir, "view.py"), Path.Combine(_dir, "view.png"));
        Assert.Equal("T [K]", view.GetProperty("title").GetString());
        Assert.True(view.GetProperty("slice_points").GetInt32() > 1000);

        // spectrum.csv is one table: one header, one row per wavelength, every row as long as the header; the Purcell factor
        // (on the emission's wavelengths) in its own table
        foreach (var (csv, first) in new[] { ("spectrum.csv", "wavelength_nm,Qabs,"), ("spectrum_emission.csv", "wavelength_nm,F_bulk") })
        {
            var lines = File.ReadAllLines(Path.Combine(outDir, csv));
            Assert.StartsWith(first, lines[0]);
            int columns = lines[0].Split(',').Length;
            var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
            Assert.True(rows.Count > 10, csv);
            Assert.All(rows, r => Assert.Equal(columns, r.Length));
            Assert.All(rows, r => Assert.All(r, v => double.Parse(v, CultureInfo.InvariantCulture)));
            var wl = rows.Select(r => double.Parse(r[0], CultureInfo.InvariantCulture)).ToList();
            Assert.True(wl.Zip(wl.Skip(1)).All(p => p.Second > p.First), csv);
        }

        // the build and the data: version, commit, the particle's and the substrate's pages
        Assert.Equal(MieCool.Results.BuildInfo.Version, j.GetProperty("version").GetString());
        Assert.Matches("^([0-9a-f]{40}|unknown)$", j.GetProperty("commit").GetString());
        Assert.Equal($"miecool {j.GetProperty("version").GetString()}", j.GetProperty("program").GetString());
        var data = j.GetProperty("material_data");
        Assert.Equal("other/perovskite/CH3NH3PbI3/nk/Phillips", data.GetProperty("particle").GetProperty("material").GetString());
        Assert.Matches("^[0-9a-f]{64}$", data.GetProperty("particle").GetProperty("page_sha256").GetString());
        Assert.Matches("^[0-9a-f]{64}$", data.GetProperty("substrate").GetProperty("page_sha256").GetString());
        Assert.EndsWith(".yml", data.GetProperty("substrate").GetProperty("page_file").GetString());
    }

    /// <summary>With eta_int = 0 nothing escapes: eta_c = -1 and the particle is heated by exactly the absorbed power.</summary>
    [Fact]
    public void Eta_int_zero_heats_by_exactly_the_absorbed_power()
    {
        var path = Variant(Case("tonkaev2019_mapbi3_d530.toml"), "etaint0",
                           ("internal_quantum_efficiency = 0.99", "internal_quantum_efficiency = 0"), Linear);
        var (code, j, err, _) = Run(path, "etaint0");
        Assert.True(code == 0, err);
        Assert.Equal(-1, D(j, "eta_c"), 1e-12);
        Assert.Equal(D(j, "P_abs_W"), D(j, "P_heat_W"), 1e-15);
        Assert.Equal(D(j, "P_abs_W"), D(j, "source_integral_W"), 1e-9 * D(j, "P_abs_W"));
        Assert.Equal(0, D(j, "P_lum_W"), 1e-18);
        Assert.True(D(j, "dT_particle_min_K") > 0);
        Assert.Equal("heats", j.GetProperty("verdict").GetString());
    }

    /// <summary>
    /// Emitters where the pump is absorbed (no carrier diffusion): q = -eta_c s p everywhere, the same P_heat, a
    /// cooled particle, and the coldest point moves from the top (uniform sink) towards the absorption hot spots.
    /// </summary>
    [Fact]
    public void Absorbed_emitter_distribution_keeps_P_heat_and_changes_only_the_shape()
    {
        var path = Variant(Case("tonkaev2019_mapbi3_d530.toml"), "absorbed",
                           ("distribution = \"uniform\"", "distribution = \"absorbed\""), Linear);
        var (code, j, err, _) = Run(path, "absorbed");
        Assert.True(code == 0, err);
        Assert.Equal(-6.240e-4, D(j, "P_heat_W"), 2e-7); // the sphere on glass: Qabs 0.1766 (0.1857 without the glass)
        Assert.Equal(D(j, "P_heat_W"), D(j, "source_integral_W"), 1e-9 * D(j, "P_abs_W"));
        Assert.True(D(j, "dT_particle_max_K") < 0); // every point of the source cools: so does every point of the particle
        Assert.InRange(D(j, "dT_particle_mean_K"), -2952 * 1.2, -2952 * 0.5);
    }

    /// <summary>
    /// Without the Urbach tail's sharpening (E_U,st = E_U: only the edge moves) the headline particle would cool past
    /// the tetragonal phase: no steady state inside the material model, said as such (exit 1), and nothing written.
    /// </summary>
    [Fact]
    public void A_balance_outside_the_validity_range_is_reported_not_printed()
    {
        var path = Variant(Case("tonkaev2019_mapbi3_d530.toml"), "eu_constant",
                           ("urbach_static = \"3.8 meV\"", "urbach_static = \"15 meV\""));
        var (code, _, err, outDir) = Run(path, "eu_constant");
        Assert.Equal(1, code);
        Assert.Contains("no self-consistent steady state", err);
        Assert.Contains("validity limit 162 K", err);
        Assert.Contains("linear (constant-property) mean dT", err);
        Assert.False(Directory.Exists(outDir));
    }

    /// <summary>
    /// The same answer twice (issue 13): with one gmsh thread (the default) the mesh, and so every number of the summary,
    /// is bit-identical from run to run (only the timings differ).
    /// </summary>
    [Fact]
    public void The_same_case_gives_bit_identical_summary_numbers_twice()
    {
        string Summary(string name)
        {
            var (code, stdout, err) = HeatCommandTests.Run(
                ["run", Case("tonkaev2019_mapbi3_d530.toml"), "--out", Path.Combine(_dir, name), "--coarse", "--json", "--quiet"]);
            Assert.True(code == 0, err);
            var doc = System.Text.Json.Nodes.JsonNode.Parse(stdout)!.AsObject();
            foreach (var key in new[] { "seconds", "files" }) doc.Remove(key);
            return doc.ToJsonString();
        }
        string first = Summary("a"), second = Summary("b");
        Assert.Contains("\"T_particle_mean_K\"", first);
        Assert.Equal(first.Replace(Path.Combine(_dir, "a"), "DIR"), second.Replace(Path.Combine(_dir, "b"), "DIR"));
    }

    /// <summary>
    /// The CsPbBr3 nanocrystal on silicon: the small particle suppresses the escape (F_bulk ~ 0.2), so it heats slightly.
    /// </summary>
    [Fact]
    public void CsPbBr3_on_silicon_case_matches_its_reference_numbers()
    {
        var (code, j, err, _) = Run(Case("cspbbr3_nanocrystal_on_si_532.toml"), "cs");
        Assert.True(code == 0, err);
        // the emission that enters the silicon leaves the particle: F_bulk 0.311 against 0.2026 in air, eta_c -0.125 (-0.1875)
        Assert.Equal(-0.1250, D(j, "eta_c"), 1e-3);
        Assert.Equal(0.3107, D(j, "F_bulk"), 1e-3);
        // the sphere on silicon: Qabs 0.0759 against 0.0432 without it (a standing wave in front of the silicon), with the
        // absorption pushed up, away from the contact: dT 2.74 K against 1.32 K with the substrate invisible to the light
        Assert.Equal(2.737, D(j, "dT_particle_mean_K"), 0.1);
        Assert.Equal(0.0759, D(j, "Qabs"), 1e-3);
        // no band tail: the optics do not depend on T, so the balance is the linear answer
        Assert.True(j.GetProperty("self_consistent").GetProperty("converged").GetBoolean());
        Assert.Equal(D(j, "linear_dT_particle_mean_K"), D(j, "dT_particle_mean_K"), 2e-3);
        Assert.Equal(D(j, "P_heat_W"), D(j, "source_integral_W"), 1e-9 * D(j, "P_abs_W"));
        // the silicon takes up heat because of the particle: its scattered pump (minus the shadow) and the luminescence
        // sent into it; the parts add up, the mesh holds part of it (the 532 nm light reaches ~1 um deep)
        double sub = D(j, "P_substrate_W"), inMesh = D(j, "P_substrate_in_mesh_W");
        Assert.Equal(sub, D(j, "P_substrate_pump_W") + D(j, "P_substrate_luminescence_W"), 1e-12 * Math.Abs(sub));
        Assert.True(D(j, "P_substrate_luminescence_W") > 0 && D(j, "P_substrate_luminescence_W") < D(j, "P_lum_W"));
        Assert.InRange(inMesh / sub, 0.2, 1);
        Assert.Contains(j.GetProperty("assumptions").EnumerateArray(), a => a.GetString()!.Contains("Beer-Lambert"));
    }

    [Theory]
    [InlineData("pump_outside_data", "pump_wavelength = \"980 nm\"", "pump_wavelength = \"5000 nm\"", "optics.pump_wavelength",
                "pump_wavelength")]
    [InlineData("no_optics", "[optics]", "[opticz]", "[opticz]", "")]
    [InlineData("urbach_missing_alpha0", "model = \"tabulated\"\ndata_temperature", "model = \"urbach\"\n# data_temperature",
                "absorption.alpha0", "")]
    [InlineData("shell_without_material", "diameter = \"530 nm\"", "diameter = \"530 nm\"\nshell_thickness = \"10 nm\"",
                "shell_material", "")]
    public void Bad_input_exits_2_before_computing_naming_file_line_and_key(string name, string old, string @new, string named,
                                                                             string lineOf)
    {
        var path = Variant(Case("tonkaev2019_mapbi3_d530.toml"), name, (old, @new));
        string line = lineOf.Length == 0 ? ""
            : ":" + (File.ReadAllLines(path).ToList().FindIndex(l => l.StartsWith(lineOf, StringComparison.Ordinal)) + 1);
        var (code, _, err, outDir) = Run(path, name);
        Assert.Equal(2, code);
        Assert.Contains(named, err);
        Assert.Contains(path + line, err);
        Assert.Contains("valid", err);
        Assert.False(Directory.Exists(outDir));
        Assert.DoesNotContain("gmsh", err);
    }

    /// <summary>
    /// The linear model with temperature-dependent conductivities: its optics at ambient cool the particle by thousands of
    /// kelvin, so the Picard-iterated field would lie below absolute zero; that is bad input (exit 2) naming the keys, and
    /// nothing is written. The self-consistent model with the same keys settles (summary status), warmer than constant.
    /// </summary>
    [Fact]
    public void Conductivity_exponents_with_the_linear_model_below_absolute_zero_exit_2_and_self_consistent_settles()
    {
        var exponents = ("[thermal.solver]", "[thermal.conductivity_exponent]\nparticle = -0.5\nsubstrate = 0.3\n\n[thermal.solver]");
        var linear = Variant(Case("tonkaev2019_mapbi3_d530.toml"), "kT_linear", exponents, Linear);
        var (code, _, err, outDir) = Run(linear, "kT_linear");
        Assert.Equal(2, code);
        Assert.Contains("below 1 K", err);
        Assert.Contains("[thermal.conductivity_exponent]", err);
        Assert.False(Directory.Exists(outDir));

        var (ok, j, err2, _) = Run(Variant(Case("tonkaev2019_mapbi3_d530.toml"), "kT", exponents), "kT");
        Assert.True(ok == 0, err2);
        var sc = j.GetProperty("self_consistent");
        Assert.True(sc.GetProperty("converged").GetBoolean());
        Assert.Contains("conductivities k(T) settled", sc.GetProperty("status").GetString());
        Assert.InRange(sc.GetProperty("residual_K").GetDouble(), 0, 1e-3);
        Assert.Equal(231.7, D(j, "T_particle_mean_K"), 3.0); // constant conductivities: 231.4 K
    }

    [Fact]
    public void A_missing_optics_section_is_named_for_run()
    {
        var text = File.ReadAllText(Case("tonkaev2019_mapbi3_d530.toml"));
        int i = text.IndexOf("[optics]", StringComparison.Ordinal), k = text.IndexOf("[emission]", StringComparison.Ordinal);
        var path = Path.Combine(_dir, "no_optics_section.toml");
        File.WriteAllText(path, text[..i] + text[k..]);
        var (code, _, err, _) = Run(path, "none");
        Assert.Equal(2, code);
        Assert.Contains("missing section [optics]", err);
        Assert.Contains(path, err);
    }

    /// <summary>The sweep reruns the coupled model per diameter: its 530 nm row is `run --coarse`, and the optimum is printed.</summary>
    [Fact]
    public void Sweep_row_at_530_nm_equals_the_coarse_run_and_the_optimum_is_printed()
    {
        var outDir = Path.Combine(_dir, "sweep");
        var (code, stdout, err) = HeatCommandTests.Run("sweep", Case("tonkaev2019_mapbi3_d530.toml"), "--diameters", "500:560:30nm",
                                                       "--coarse", "--no-fields", "--out", outDir, "--quiet");
        Assert.True(code == 0, err);
        var rows = File.ReadAllLines(Path.Combine(outDir, "sweep.csv")).Where(l => !l.StartsWith('#')).ToList();
        var header = rows[0].Split(',');
        Assert.Equal("particle.diameter_nm", header[0]);
        Assert.Equal(4, rows.Count);
        double At(string column) =>
            double.Parse(rows[2].Split(',')[Array.IndexOf(header, column)], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(530, At("particle.diameter_nm"), 1e-9);
        Assert.Equal(0.2178, At("eta_c"), 2e-3);
        Assert.Equal(-61.8, At("dT_particle_mean_K"), 3.0); // as the coarse run above
        Assert.Contains("optimum: particle.diameter=", stdout);
        Assert.True(File.Exists(Path.Combine(outDir, "sweep.png")));
        // a diameter below the contact disc is refused before computing
        Assert.Equal(2, HeatCommandTests.Run("sweep", Case("tonkaev2019_mapbi3_d530.toml"), "--diameters", "50:100:50nm",
                                             "--out", Path.Combine(_dir, "bad"), "--quiet").Code);
    }

    /// <summary>
    /// The sweep over intensities: the self-consistent temperature keeps falling with intensity but ever more slowly
    /// (the band tail's absorption collapses as the particle cools), each row at its own intensity; one axis at a time.
    /// </summary>
    [Fact]
    public void Intensity_sweep_saturates_and_one_axis_is_swept_at_a_time()
    {
        var outDir = Path.Combine(_dir, "isweep");
        var (code, stdout, err) = HeatCommandTests.Run("sweep", Case("tonkaev2019_mapbi3_d530.toml"),
                                                       "--intensities", "1e5,1e6,1e7W/cm2", "--coarse", "--no-fields", "--out", outDir,
                                                       "--quiet");
        Assert.True(code == 0, err);
        var lines = File.ReadAllLines(Path.Combine(outDir, "sweep.csv")).Where(l => !l.StartsWith('#')).ToList();
        var header = lines[0].Split(',');
        Assert.Equal("optics.intensity_W_per_cm2", header[0]);
        int dT = Array.IndexOf(header, "dT_particle_mean_K");
        var rows = lines.Skip(1).Select(l => l.Split(',')).Select(c => new[] { 0, dT }
            .Select(i => double.Parse(c[i], System.Globalization.CultureInfo.InvariantCulture)).ToArray()).ToList();
        Assert.Equal([1e5, 1e6, 1e7], rows.Select(r => r[0]));
        dT = 1;
        double d1 = rows[0][dT], d2 = rows[1][dT], d3 = rows[2][dT];
        Assert.True(d1 < 0 && d2 < d1 && d3 < d2, $"{d1}, {d2}, {d3}");
        // a decade of intensity buys about the same few tens of kelvin, not 10 times more: far from linear
        Assert.True(Math.Abs(d3 - d2) < 2 * Math.Abs(d2 - d1) && -d3 < 10 * -d1, $"not saturating: {d1}, {d2}, {d3}");
        Assert.Contains("optimum: optics.intensity=", stdout);
        var both = HeatCommandTests.Run("sweep", Case("tonkaev2019_mapbi3_d530.toml"), "--intensities", "1e6W/cm2",
                                        "--diameters", "530nm", "--out", Path.Combine(_dir, "both"), "--quiet");
        Assert.Equal(2, both.Code);
    }

    /// <summary>
    /// Background absorption makes eta_c itself fall to zero as the resonant absorption collapses: that temperature is
    /// the lowest laser cooling can reach, and the particle's balance lies above it; without alpha_b there is none.
    /// </summary>
    [Fact]
    public void The_zero_cooling_temperature_bounds_the_balance_from_below()
    {
        var path = Variant(Case("tonkaev2019_mapbi3_d530.toml"), "alphab",
                           ("background_absorption_per_cm = 0", "background_absorption_per_cm = 10"));
        var (code, j, err, _) = Run(path, "alphab");
        Assert.True(code == 0, err);
        double t0 = D(j, "T_zero_cooling_K"), tp = D(j, "T_particle_mean_K");
        Assert.InRange(t0, 162, tp);
        Assert.InRange(tp - t0, 0.5, 30);
    }
}
