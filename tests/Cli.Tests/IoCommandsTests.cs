using System.Text.Json;
using MieCool.Cases;
using MieCool.Results;
using MieCool.Results.Tests;
using MieCool.Mesh;

namespace MieCool.Cli.Tests;

/// <summary>`miecool template`, `check` and `mesh`, run through <see cref="Program.Run"/>.</summary>
public sealed class IoCommandsTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("miecool-cli-io-").FullName;
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static (int Code, string Out, string Err) Run(params string[] argv)
    {
        var o = new StringWriter(); var e = new StringWriter();
        int code = Program.Run(argv, new Console(o, e, false));
        return (code, o.ToString(), e.ToString());
    }

    /// <summary>The repository root (holds MieCool.sln), found upwards from the test binary.</summary>
    public static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "MieCool.sln"))) return d.FullName;
        throw new InvalidOperationException("MieCool.sln not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void Template_prints_a_case_that_check_accepts()
    {
        var (code, text, _) = Run("template");
        Assert.Equal(0, code);
        string file = Path.Combine(_dir, "t.toml");
        File.WriteAllText(file, text);
        var (checkCode, echo, err) = Run("check", file);
        Assert.Equal(0, checkCode);
        Assert.Contains("ok", err);
        Assert.Contains("diameter = \"530 nm\"", echo);
        Assert.Contains("conductivity", echo);
        // the echo is itself a valid case
        Case.Parse(echo, "echo.toml");
    }

    [Fact]
    public void Template_out_refuses_to_overwrite()
    {
        string file = Path.Combine(_dir, "t.toml");
        Assert.Equal(0, Run("template", "--out", file).Code);
        Assert.True(File.Exists(file));
        var (code, _, err) = Run("template", "--out", file);
        Assert.Equal(2, code);
        Assert.Contains("not overwriting", err);
    }

    [Fact]
    public void Check_on_a_bad_case_exits_2_with_one_line_naming_file_line_key_value_and_range()
    {
        string file = Path.Combine(_dir, "bad.toml");
        File.WriteAllText(file,
            "[particle]\nmaterial = \"2.5+0.01i\"\ndiameter = \"530 nmm\"\n[substrate]\nmaterial = \"1.45\"\ncontact_radius = \"50 nm\"\n");
        var (code, stdout, err) = Run("check", file);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        var line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: {file}:3: particle.diameter: unknown unit \"nmm\"", line);
        Assert.Contains("(got \"530 nmm\")", line);
        Assert.Contains("(0, 1e5] nm", line);
    }

    [Fact]
    public void Check_json_lists_every_value_with_its_origin()
    {
        var (code, json, _) = Run("check", Path.Combine(RepoRoot(), "cases", "mesh_example.toml"), "--json");
        Assert.Equal(0, code);
        var rows = JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();
        var diameter = rows.Single(r => r.GetProperty("key").GetString() == "diameter");
        Assert.Equal(("\"530 nm\"", "file"), (diameter.GetProperty("value").GetString(), diameter.GetProperty("origin").GetString()));
        Assert.Contains(rows, r => r.GetProperty("key").GetString() == "radius" && r.GetProperty("origin").GetString() == "derived");
    }

    [Fact]
    public void Mesh_on_a_bad_case_exits_2_and_writes_nothing()
    {
        string file = Path.Combine(_dir, "bad.toml");
        File.WriteAllText(file,
            "[particle]\nmaterial = \"2.5+0.01i\"\ndiameter = \"530 nm\"\n[substrate]\nmaterial = \"1.45\"\ncontact_radius = \"300 nm\"\n");
        string outDir = Path.Combine(_dir, "out");
        var (code, _, err) = Run("mesh", file, "--out", outDir, "--quiet");
        Assert.Equal(2, code);
        Assert.Contains($"{file}:6: substrate.contact_radius", err);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void Mesh_out_must_be_a_folder()
    {
        string file = Path.Combine(_dir, "taken");
        File.WriteAllText(file, "x");
        var (code, _, err) = Run("mesh", Path.Combine(RepoRoot(), "cases", "mesh_example.toml"), "--out", file, "--quiet");
        Assert.Equal(2, code);
        Assert.Contains("--out: is a file", err);
    }

    /// <summary>
    /// cases/mesh_example.toml: R = 265 nm flattened to a contact disc a = 50 nm in a box of half-size L = 5R.
    /// Exact volumes: particle = sphere minus the cap of height h = R - sqrt(R^2 - a^2), V = 4/3 pi R^3 - pi h^2 (3R - h)/3;
    /// substrate = the lower half box 4 L^3; air = 4 L^3 - particle. The polyhedral sphere loses a little volume
    /// (inscribed facets, ~ h_min^2 / R^2), the flat substrate none.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)] // gmsh's 10-node order must reach ParaView's Tetrahedron_10 correctly: same volumes
    public void Mesh_example_matches_analytic_volumes_and_opens_in_ParaView(int order)
    {
        string outDir = Path.Combine(_dir, "mesh");
        string casePath = Path.Combine(RepoRoot(), "cases", "mesh_example.toml");
        if (order == 2)
        {
            string text = File.ReadAllText(casePath);
            Assert.Contains("order = 1", text);
            casePath = Path.Combine(_dir, "p2.toml");
            File.WriteAllText(casePath, text.Replace("order = 1", "order = 2"));
        }
        var (code, json, err) = Run("mesh", casePath, "--out", outDir, "--json", "--threads", "2");
        Assert.True(code == 0, err);
        var j = JsonDocument.Parse(json).RootElement;
        const double R = 265e-9, a = 50e-9, L = 5 * R;
        double h = R - Math.Sqrt(R * R - a * a);
        double particle = 4.0 / 3 * Math.PI * R * R * R - Math.PI * h * h * (3 * R - h) / 3;
        double half = 4 * L * L * L;
        var v = j.GetProperty("volumes_m3");
        Assert.InRange(v.GetProperty("particle").GetDouble() / particle, 0.97, 1.0); // inscribed polyhedron: slightly less
        Assert.Equal(half, v.GetProperty("substrate").GetDouble(), half * 1e-6);
        Assert.Equal(half - particle, v.GetProperty("air").GetDouble(), half * 1e-3);
        Assert.Equal(a, j.GetProperty("contact_radius_m").GetDouble(), a * 0.02);
        Assert.InRange(j.GetProperty("min_dihedral_deg").GetDouble(), 1, 70.53);
        int nodes = j.GetProperty("nodes").GetInt32(), cells = j.GetProperty("cells").GetInt32();
        Assert.InRange(cells, 10000, 25000); // a coarse mesh, as the case header promises (~15400 tetrahedra)

        // the files: our reader and ParaView see the same mesh
        var back = ResultFile.Read(Path.Combine(outDir, "mesh.h5"));
        Assert.Equal((nodes, cells), (back.Mesh.NodeCount, back.Mesh.CellCount));
        Assert.Equal(R, back.Mesh.Particle!.Radius, 1e-15);
        var pv = ParaView.Probe(Path.Combine(outDir, "mesh.xdmf"));
        Assert.Equal(nodes, pv.GetProperty("points").GetInt32());
        Assert.Equal(cells, pv.GetProperty("cells").GetInt32());
        Assert.Equal(order == 1 ? 10 : 24, pv.GetProperty("cell_type").GetInt32()); // VTK_TETRA, VTK_QUADRATIC_TETRA
        Assert.Equal(Tags.Particle, pv.GetProperty("tag_min").GetDouble());
        Assert.Equal(Tags.Air, pv.GetProperty("tag_max").GetDouble());
        Assert.Equal("region (1 particle, 3 substrate, 4 air)", pv.GetProperty("tag_array").GetString());
        Assert.Equal(R, pv.GetProperty("field_values").GetProperty("particle radius [m]").GetDouble(), 1e-15);
        var boundary = ParaView.Probe(Path.Combine(outDir, "mesh_boundary.xdmf"));
        Assert.Equal(back.Mesh.BoundaryFaceCount, boundary.GetProperty("cells").GetInt32());
        Assert.Equal("boundary (11 particle_surface, 12 air_outer, 13 substrate_outer)", boundary.GetProperty("tag_array").GetString());
        Assert.Equal(v.GetProperty("particle").GetDouble(), pv.GetProperty("particle_volume").GetDouble(), particle * 1e-9);
        Assert.Equal(v.GetProperty("substrate").GetDouble(), pv.GetProperty("substrate_volume").GetDouble(), half * 1e-9);
        Assert.Equal(2 * half, pv.GetProperty("volume").GetDouble(), half * 1e-6);
    }
}
