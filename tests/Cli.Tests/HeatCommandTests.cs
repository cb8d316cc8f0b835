using System.Text.Json;
using MieCool.Results;
using MieCool.Results.Tests;
using MieCool.Mesh;

namespace MieCool.Cli.Tests;

/// <summary>Runs the shipped case once on the coarse mesh; several tests read its output.</summary>
public sealed class ShippedHeatCase : IDisposable
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("miecool-heat-").FullName;
    public string OutDir => Path.Combine(Dir, "out");
    public int Code { get; }
    public string Stdout { get; }
    public string Stderr { get; }

    public ShippedHeatCase()
    {
        (Code, Stdout, Stderr) = HeatCommandTests.Run("heat", HeatCommandTests.ShippedCase, "--out", OutDir, "--coarse", "--json",
                                                      "--threads", "2");
    }

    public JsonElement Json => JsonDocument.Parse(Stdout).RootElement;
    public void Dispose() => Directory.Delete(Dir, recursive: true);
}

/// <summary>
/// `miecool heat` on cases/heat_sphere_on_glass.toml (coarse) and on variants of it: the JSON contract, the energy
/// balance, the particle temperature against analytic bounds and solutions, the files, and every bad input.
/// </summary>
public sealed class HeatCommandTests(ShippedHeatCase shipped) : IClassFixture<ShippedHeatCase>, IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("miecool-heat-bad-").FullName;
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // the shipped case's inputs
    const double P = 1e-6, R = 265e-9, KParticle = 0.5, KGlass = 1.38, KAir = 0.026;

    public static string ShippedCase => Path.Combine(IoCommandsTests.RepoRoot(), "cases", "heat_sphere_on_glass.toml");

    internal static (int Code, string Out, string Err) Run(params string[] argv)
    {
        var o = new StringWriter(); var e = new StringWriter();
        int code = Program.Run(argv, new Console(o, e, false));
        return (code, o.ToString(), e.ToString());
    }

    /// <summary>The shipped case with some lines replaced (key = value lines matched by their start).</summary>
    string Variant(string name, params (string Prefix, string? Line)[] edits)
    {
        var lines = File.ReadAllLines(ShippedCase).ToList();
        foreach (var (prefix, line) in edits)
        {
            int i = lines.FindIndex(l => l.StartsWith(prefix, StringComparison.Ordinal));
            Assert.True(i >= 0, $"no line starting with {prefix}");
            if (line is null) lines.RemoveAt(i); else lines[i] = line;
        }
        string path = Path.Combine(_dir, name + ".toml");
        File.WriteAllLines(path, lines);
        return path;
    }

    static double Number(JsonElement j, string key) => j.GetProperty(key).GetDouble();

    [Fact]
    public void Json_has_the_issue_keys_and_stdout_is_only_json()
    {
        Assert.True(shipped.Code == 0, shipped.Stderr);
        var j = shipped.Json; // throws if anything but JSON reached stdout
        foreach (var key in new[] { "T_particle_mean_K", "T_particle_max_K", "T_particle_min_K", "dT_particle_mean_K",
                                    "dofs", "iterations", "relative_residual", "energy_balance_rel" })
            Assert.True(j.TryGetProperty(key, out _), $"missing {key}");
        foreach (var key in new[] { "mesh", "assemble", "solve" })
            Assert.True(j.GetProperty("seconds").GetProperty(key).GetDouble() >= 0, key);
        Assert.Contains("[solve]", shipped.Stderr);      // progress went to stderr
        Assert.Contains("conductivity", shipped.Stderr); // and the echo of the effective configuration
        // ordering and ambient: T = 293.15 K + dT, min <= mean <= max
        Assert.Equal(293.15 + Number(j, "dT_particle_mean_K"), Number(j, "T_particle_mean_K"), 1e-9);
        Assert.True(Number(j, "T_particle_min_K") <= Number(j, "T_particle_mean_K")
                    && Number(j, "T_particle_mean_K") <= Number(j, "T_particle_max_K"));
        Assert.InRange(Number(j, "relative_residual"), 0, 1e-10);
        Assert.True(j.GetProperty("iterations").GetInt32() > 1);
    }

    /// <summary>
    /// --coarse replaces [mesh]'s h_min by at least R/6, so a case whose own mesh is refused as too large for the budget
    /// (h_min 0.5 nm) runs with --coarse: the mesh checks judge the mesh the command makes.
    /// </summary>
    [Fact]
    public void A_case_mesh_over_the_budget_runs_with_coarse_which_replaces_it()
    {
        var out1 = Path.Combine(_dir, "fine");
        var refused = Run("heat", ShippedCase, "--set", "mesh.h_min=0.5nm", "--quiet", "--out", out1);
        Assert.Equal(2, refused.Code);
        Assert.Contains("mesh.h_min", refused.Err);
        Assert.Contains("tetrahedra", refused.Err);
        Assert.False(Directory.Exists(out1));
        var coarse = Run("heat", ShippedCase, "--set", "mesh.h_min=0.5nm", "--coarse", "--threads", "2", "--quiet", "--json",
                         "--out", Path.Combine(_dir, "coarse"));
        Assert.True(coarse.Code == 0, coarse.Err);
        Assert.True(JsonDocument.Parse(coarse.Out).RootElement.GetProperty("dofs").GetInt32() < 50_000);
    }

    [Fact]
    public void Outflow_balances_the_source()
    {
        var j = shipped.Json;
        Assert.InRange(Number(j, "energy_balance_rel"), 0, 1e-6);
        Assert.Equal(P, Number(j, "source_integral_W"), P * 1e-9); // q = P / V_mesh integrates to P exactly
        var flows = j.GetProperty("heat_flow_out_W");
        double air = flows.GetProperty("air_outer").GetDouble(), glass = flows.GetProperty("substrate_outer").GetDouble();
        Assert.Equal(P, air + glass, P * 1e-6);
        Assert.Equal(P, flows.GetProperty("particle_surface").GetDouble(), P * 1e-6); // all heat leaves the particle
        Assert.True(glass > 10 * air, $"glass {glass} W, air {air} W: the substrate conducts 50x better than air");
    }

    [Fact]
    public void Particle_temperature_lies_between_the_all_glass_and_all_air_bounds()
    {
        // Thomson's principle: P * mean(dT) = int q dT is the compliance, which decreases when any conductivity grows.
        // Replacing the air by glass bounds it from below, the glass by air from above; each bound is a heated sphere in a
        // homogeneous host, P / (4 pi k R) (Carslaw & Jaeger 9.10), plus the mean internal rise of a uniformly heated
        // sphere with an isothermal surface, P / (20 pi k_p R). The flattened polyhedral particle is ~1 % smaller: 10 % margins.
        double inside = P / (20 * Math.PI * KParticle * R);
        double lower = P / (4 * Math.PI * KGlass * R) + inside, upper = P / (4 * Math.PI * KAir * R) + inside;
        double dT = Number(shipped.Json, "dT_particle_mean_K");
        Assert.InRange(dT, 0.9 * lower, 1.1 * upper);
        // reference: 4.02 K with the case's own P2 mesh (see the case header); the coarse P1 mesh is stiffer and
        // underestimates the compliance (conforming FEM), by ~8 %
        Assert.InRange(dT, 3.5, 4.1);
    }

    [Fact]
    public void Isothermal_half_embedded_sphere_matches_the_two_half_spaces_solution_and_contact_matters()
    {
        // A perfectly conducting sphere centred in the plane between half-spaces k1, k2: dT = P / (2 pi R (k1 + k2))
        // (the potential of an isolated sphere with the mean conductivity; Baffou et al., J. Phys. Chem. C 114, 2010).
        string conducting = Variant("half_conducting", ("contact_radius", "embedding = \"265 nm\""),
                                    ("particle = ", "particle = \"1000 W/(m K)\""));
        var (code, json, err) = Run("heat", conducting, "--out", Path.Combine(_dir, "half"), "--coarse", "--json", "--quiet");
        Assert.True(code == 0, err);
        var j = JsonDocument.Parse(json).RootElement;
        double exact = P / (2 * Math.PI * R * (KAir + KGlass));
        double dT = Number(j, "dT_particle_mean_K");
        Assert.InRange(dT / exact, 0.93, 1.02); // coarse conforming FEM: slightly low
        Assert.Equal(Number(j, "dT_particle_min_K"), Number(j, "dT_particle_max_K"), 0.01 * dT); // isothermal

        // the shipped particle (k = 0.5) rests on a 50 nm disc: far hotter than half sunk into the glass
        string half = Variant("half", ("contact_radius", "embedding = \"265 nm\""));
        (code, json, err) = Run("heat", half, "--out", Path.Combine(_dir, "half2"), "--coarse", "--json", "--quiet");
        Assert.True(code == 0, err);
        double ratio = Number(shipped.Json, "dT_particle_mean_K") / Number(JsonDocument.Parse(json).RootElement, "dT_particle_mean_K");
        Assert.InRange(ratio, 3, 6); // 4.5 on the coarse meshes
    }

    [Fact]
    public void Output_folder_has_fields_with_units_readable_by_our_reader_h5py_and_ParaView()
    {
        var j = shipped.Json;
        foreach (var f in new[] { "heat.h5", "heat.xdmf", "heat_boundary.xdmf", "heat_particle.xdmf", "view.py", "summary.json" })
            Assert.True(File.Exists(Path.Combine(shipped.OutDir, f)), f);
        Assert.DoesNotContain(Directory.GetDirectories(shipped.Dir), d => Path.GetFileName(d).StartsWith('.')); // no temp folder left

        // summary.json is the document printed with --json, plus every input with its unit and origin
        var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(shipped.OutDir, "summary.json"))).RootElement;
        Assert.Equal(Number(j, "dT_particle_mean_K"), Number(summary, "dT_particle_mean_K"));
        var k = summary.GetProperty("inputs").GetProperty("thermal.conductivity.particle");
        Assert.Equal("0.5 W/(m K)", k.GetProperty("value").GetString());
        Assert.True(summary.GetProperty("mesh").GetProperty("coarse_override").GetBoolean());

        // our reader: T = T_ambient + dT at every node; q integrates to P over the particle
        var file = ResultFile.Read(Path.Combine(shipped.OutDir, "heat.h5"));
        var T = file.Field("T"); var dT = file.Field("dT"); var q = file.Field("q");
        Assert.Equal(("K", "K", "W/m^3"), (T.Unit, dT.Unit, q.Unit));
        Assert.Equal((FieldCentering.Node, FieldCentering.Cell), (T.Centering, q.Centering));
        Assert.Equal(j.GetProperty("dofs").GetInt32(), file.Mesh.NodeCount);
        for (int i = 0; i < T.Values.Length; i++) Assert.Equal(293.15 + dT.Values[i], T.Values[i], 1e-9);
        double power = 0;
        for (int c = 0; c < file.Mesh.CellCount; c++) power += q.Values[c] * file.Mesh.CellVolume(c);
        Assert.Equal(P, power, P * 1e-9);
        Assert.Equal(Number(j, "T_particle_max_K"),
                     Enumerable.Range(0, file.Mesh.CellCount).Where(c => file.Mesh.CellRegion[c] == Tags.Particle)
                               .SelectMany(c => file.Mesh.Cells.Skip(4 * c).Take(4)).Max(n => T.Values[n]), 1e-9);

        // h5py: the same numbers with their unit attributes
        var h5 = ExternalTools.H5py("""
            import sys, json, h5py, numpy as np
            f = h5py.File(sys.argv[1], "r")
            nodes = f["mesh/nodes"][()]; cells = f["mesh/cells"][()]; q = f["cell_fields/q"][()]
            a, b, c, d = (nodes[cells[:, i]] for i in range(4))
            vol = np.abs(np.einsum("ij,ij->i", b - a, np.cross(c - a, d - a))) / 6
            unit = f["fields/T"].attrs["unit"]
            print(json.dumps({"T_unit": unit.decode() if isinstance(unit, bytes) else str(unit),
                              "T_max": float(f["fields/T"][()].max()), "power": float((q * vol).sum())}))
            """, Path.Combine(shipped.OutDir, "heat.h5"));
        Assert.Equal("K", h5.GetProperty("T_unit").GetString());
        Assert.Equal(T.Values.Max(), h5.GetProperty("T_max").GetDouble(), 1e-9);
        Assert.Equal(P, h5.GetProperty("power").GetDouble(), P * 1e-9);

        // ParaView (XDMF3 reader): T, dT as point data, q and region as cell data, int T dx as our P1 quadrature
        var pv = ParaView.Probe(Path.Combine(shipped.OutDir, "heat.xdmf"));
        var points = pv.GetProperty("point_arrays").EnumerateArray().Select(e => e.GetString()).ToList();
        var cellArrays = pv.GetProperty("cell_arrays").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("T [K]", points); Assert.Contains("dT [K]", points);
        Assert.Contains("q [W/m^3]", cellArrays);
        Assert.Contains("region (1 particle, 3 substrate, 4 air)", cellArrays);
        // the boundary with its named tags; the particle's sub-grid with q as point data: P / V_particle (uniform source)
        var boundary = ParaView.Probe(Path.Combine(shipped.OutDir, "heat_boundary.xdmf"));
        Assert.StartsWith("boundary (11 particle_surface, 12 air_outer, 13 substrate_outer", boundary.GetProperty("tag_array").GetString());
        var particle = ParaView.Probe(Path.Combine(shipped.OutDir, "heat_particle.xdmf"));
        Assert.Equal(["q [W/m^3]"], particle.GetProperty("point_arrays").EnumerateArray().Select(e => e.GetString()));
        double vParticle = particle.GetProperty("volume").GetDouble();
        Assert.Equal(file.Mesh.RegionVolumes()[Tags.Particle], vParticle, vParticle * 1e-9);
        Assert.All(file.ParticleFields.Single(f => f.Name == "q").Values, v => Assert.Equal(P / vParticle, v, P / vParticle * 1e-9));
        double integral = 0;
        for (int c = 0; c < file.Mesh.CellCount; c++)
            integral += file.Mesh.CellVolume(c) * file.Mesh.Cells.Skip(4 * c).Take(4).Average(n => T.Values[n]);
        Assert.Equal(integral, pv.GetProperty("T_integral").GetDouble(), integral * 1e-9);
    }

    [Theory]
    [InlineData("missing_particle_conductivity", "particle = ", null, "conductivity.particle")]
    [InlineData("zero_conductivity", "substrate = \"1.38", "substrate = \"0 W/(m K)\"", "conductivity.substrate")]
    [InlineData("negative_conductivity", "air = ", "air = \"-0.026 W/(m K)\"", "conductivity.air")]
    [InlineData("no_source", "power = ", null, "[source]")]
    [InlineData("kapitza", "outer_boundary", "outer_boundary = \"far-field\"\ninterface_conductance = \"0 W/(m^2 K)\"",
                "interface_conductance")]
    public void Bad_input_exits_2_naming_the_key_and_leaves_no_folder(string name, string prefix, string? line, string named)
    {
        string path = Variant(name, (prefix, line));
        if (name == "no_source") // drop the now empty [source] header too
            File.WriteAllLines(path, File.ReadAllLines(path).Where(l => l != "[source]"));
        string outDir = Path.Combine(_dir, "out_" + name);
        var (code, stdout, err) = Run("heat", path, "--out", outDir, "--coarse", "--json");
        Assert.True(code == 2, $"exit {code}: {err}");
        Assert.Contains("error:", err);
        Assert.Contains(named, err);
        if (name == "kapitza") Assert.Contains(".toml:48", err); // the line of interface_conductance, before any meshing
        Assert.DoesNotContain("gmsh", err); // refused before meshing
        Assert.Equal("", stdout);
        Assert.False(Directory.Exists(outDir));
        Assert.Empty(Directory.GetDirectories(_dir)); // no temporary folder either
    }

    [Fact]
    public void Solver_that_does_not_converge_exits_2_saying_what_to_change_and_writes_nothing()
    {
        string path = Variant("one_iteration", ("max_iterations", "max_iterations = 1"));
        string outDir = Path.Combine(_dir, "nested", "out");
        var (code, stdout, err) = Run("heat", path, "--out", outDir, "--coarse", "--json");
        Assert.True(code == 2, $"exit {code}: {err}");
        Assert.Contains("did not converge", err);
        Assert.Contains("max_iterations", err);
        Assert.Contains("amg", err);
        Assert.Equal("", stdout);
        Assert.False(Directory.Exists(Path.Combine(_dir, "nested")));

        // an existing DIR keeps its files and gains no result on failure
        string existing = Path.Combine(_dir, "existing");
        Directory.CreateDirectory(existing);
        File.WriteAllText(Path.Combine(existing, "summary.json"), "old");
        Assert.Equal(2, Run("heat", path, "--out", existing, "--coarse", "--quiet").Code);
        Assert.Equal(["summary.json"], Directory.GetFiles(existing).Select(Path.GetFileName));
        Assert.Equal("old", File.ReadAllText(Path.Combine(existing, "summary.json")));
        Assert.Equal([existing], Directory.GetDirectories(_dir));
    }

    [Fact]
    public void Out_that_is_a_file_and_unknown_options_are_bad_input()
    {
        string file = Path.Combine(_dir, "a_file");
        File.WriteAllText(file, "");
        Assert.Equal(2, Run("heat", ShippedCase, "--out", file).Code);
        var below = Run("heat", ShippedCase, "--out", Path.Combine(file, "sub"));
        Assert.Equal(2, below.Code);
        Assert.Contains("is a file", below.Err);
        var (code, _, err) = Run("heat", ShippedCase, "--out", Path.Combine(_dir, "x"), "--corse", "yes");
        Assert.Equal(2, code);
        Assert.Contains("--coarse", err);
        Assert.False(Directory.Exists(Path.Combine(_dir, "x")));
    }
}
