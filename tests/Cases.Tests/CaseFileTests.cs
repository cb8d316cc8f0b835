using MieCool.Core;
using MieCool.Mesh;
using MieCool.Thermal;

namespace MieCool.Cases.Tests;

public sealed class CaseFileTests
{
    /// <summary>The schema example of the brief: every section, inline conductivity table, solver sub-table.</summary>
    public const string Full = """
        # a 530 nm MAPbI3 particle on glass
        [particle]
        material = "other/perovskite/CH3NH3PbI3/nk/Phillips"
        diameter = "530 nm"

        [substrate]
        material = "main/SiO2/nk/Malitson"
        contact_radius = "50 nm"

        [mesh]
        box_half_size = 20
        h_min = "12 nm"
        grading = 0.15
        order = 1

        [thermal]
        ambient = "293.15 K"
        conductivity = { particle = "0.5 W/(m K)", substrate = "1.38 W/(m K)", air = "0.026 W/(m K)" }
        outer_boundary = "far-field"
        interface_conductance = "1e8 W/(m^2 K)"
        [thermal.solver]
        preconditioner = "jacobi"
        tolerance = 1e-9
        max_iterations = 2000

        [source]
        power = "1 uW"
        """;

    /// <summary>Equal to 1e-12 relative: "12 nm" is 12 * 1e-9, one rounding away from the literal 12e-9.</summary>
    static void Close(double expected, double actual) => Assert.Equal(expected, actual, Math.Abs(expected) * 1e-12);

    static InputException Fails(string text) => Assert.Throws<InputException>(() => Case.Parse(text, "case.toml"));

    /// <summary>The full example with one line replaced (the line must occur once).</summary>
    static string With(string line, string replacement)
    {
        Assert.Single(Full.Split('\n'), l => l == line);
        return Full.Replace(line, replacement);
    }

    [Fact]
    public void The_full_example_parses_into_SI_records()
    {
        var c = Case.Parse(Full, "case.toml");
        Assert.Equal(new ParticleSpec("other/perovskite/CH3NH3PbI3/nk/Phillips", 265e-9, 0, null), c.Particle);
        Assert.Equal("main/SiO2/nk/Malitson", c.Substrate.Material);
        Assert.Equal(ContactKind.Radius, c.Substrate.Contact.Kind);
        Close(50e-9, c.Substrate.Contact.Value);
        Close(50e-9, c.Substrate.ContactRadiusM);
        Assert.Equal((20.0, 0.15, 1), (c.Mesh.BoxHalfSize, c.Mesh.Grading, c.Mesh.Order));
        Close(12e-9, c.Mesh.HMinM);
        var t = c.Thermal!;
        Assert.Equal(293.15, t.AmbientK);
        Assert.Equal(new RegionConductivities(0.5, null, 1.38, 0.026), t.Conductivity);
        Assert.Equal(OuterBoundary.FarField, t.OuterBoundary);
        Assert.Null(t.HeatTransferCoefficientWPerM2K);
        Assert.Equal(1e8, t.InterfaceConductanceWPerM2K);
        Assert.Equal(new SolverOptions(PreconditionerKind.Jacobi, 1e-9, 2000), t.Solver);
        Assert.Equal(1e-6, c.HeatSource!.PowerW, 1e-18);
    }

    [Fact]
    public void Case_maps_to_the_mesher_spec()
    {
        var spec = Case.Parse(Full, "case.toml").ToMeshSpec();
        Close(265e-9, spec.Radius);
        Assert.Equal(0, spec.ShellThickness);
        Assert.Equal(ContactKind.Radius, spec.Contact.Kind);
        Close(50e-9, spec.Contact.Value);
        Assert.Equal((20.0, 0.15, 1), (spec.BoxHalfSize, spec.Grading, spec.Order));
        Close(12e-9, spec.HMin);
    }

    [Theory]
    [InlineData("diameter = \"530 nm\"")]
    [InlineData("diameter = \"530nm\"")]
    [InlineData("diameter = \"0.53 um\"")]
    [InlineData("diameter = \"5300 A\"")]
    [InlineData("radius = \"265 nm\"")]
    [InlineData("radius = \"2.65e-7 m\"")]
    public void Any_length_unit_gives_the_same_radius(string line)
    {
        var c = Case.Parse(With("diameter = \"530 nm\"", line), "case.toml");
        Assert.Equal(265e-9, c.Particle.RadiusM, 1e-21);
    }

    [Fact]
    public void Inline_table_sub_table_and_dotted_keys_are_the_same_case()
    {
        string inline = "conductivity = { particle = \"0.5 W/(m K)\", substrate = \"1.38 W/(m K)\", air = \"0.026 W/(m K)\" }";
        var a = Case.Parse(Full, "a.toml").Thermal;
        var dotted = Case.Parse(With(inline,
            "conductivity.particle = \"0.5 W/(m K)\"\nconductivity.substrate = \"1.38 W/m/K\"\nconductivity.air = \"26 mW/(m K)\""),
            "b.toml").Thermal;
        var table = Case.Parse(
            Full.Replace(inline, "") + "\n[thermal.conductivity]\nparticle = \"0.5 W/(m K)\"\nsubstrate = \"1.38 W/(m K)\"\n",
            "c.toml").Thermal;
        Assert.Equal(a!.Conductivity, dotted!.Conductivity with { Air = 0.026 });
        Assert.Equal(0.026, dotted.Conductivity.Air, 1e-15);
        Assert.Equal(a, table); // air defaults to 0.026 W/(m K)
    }

    [Fact]
    public void Absent_mesh_section_takes_defaults_and_absent_thermal_is_required_on_demand()
    {
        var c = Case.Parse("""
            [particle]
            material = "2.5"
            radius = "100 nm"
            [substrate]
            material = "1.45"
            flattening = "5 nm"
            """, "min.toml");
        Assert.Equal(new MeshSettings(20, 12e-9, 0.15, 1), c.Mesh);
        Assert.Null(c.Thermal);
        Assert.Null(c.HeatSource);
        var e = Assert.Throws<InputException>(() => c.Require<ThermalSettings>("`miecool solve`"));
        Assert.Contains("missing section [thermal], needed by `miecool solve`", e.Message);
        // flattening d -> contact radius sqrt(2 R d - d^2)
        Assert.Equal(Math.Sqrt(2 * 100e-9 * 5e-9 - 25e-18), c.Substrate.ContactRadiusM, 1e-20);
        Assert.Equal(new ContactSpec(ContactKind.Flattening, 5e-9), c.Substrate.Contact);
    }

    [Fact]
    public void A_core_shell_particle_needs_shell_material_and_shell_conductivity()
    {
        var shell = With("diameter = \"530 nm\"",
                         "diameter = \"530 nm\"\nshell_thickness = \"10 nm\"\nshell_material = \"main/SiO2/nk/Malitson\"");
        var e = Assert.Throws<InputException>(() => Case.Parse(shell, "case.toml"));
        Assert.Equal("thermal.conductivity.shell", e.Key);
        Assert.Contains("shell", e.Message);

        var ok = Case.Parse(shell.Replace("air = \"0.026 W/(m K)\"", "air = \"0.026 W/(m K)\", shell = \"1.4 W/(m K)\""), "case.toml");
        Assert.Equal(new ParticleSpec("other/perovskite/CH3NH3PbI3/nk/Phillips", 265e-9, 10e-9, "main/SiO2/nk/Malitson"), ok.Particle);
        Assert.Equal(255e-9, ok.Particle.CoreRadiusM, 1e-21);
        Assert.Equal(1.4, ok.Thermal!.Conductivity.ForRegion(Tags.Shell));
        Assert.Equal(10e-9, ok.ToMeshSpec().ShellThickness, 1e-21);
    }

    // ---------------------------------------------------------------- errors name file, line, key, value and range

    [Fact]
    public void Unknown_key_suggests_the_nearest_with_its_line()
    {
        var e = Fails(With("diameter = \"530 nm\"", "diamter = \"530 nm\""));
        Assert.Equal(("case.toml", 4, "particle.diamter", "530 nm"), (e.Origin, e.Line, e.Key, e.Value));
        Assert.Contains("did you mean particle.diameter?", e.Message);
    }

    [Fact]
    public void A_key_under_the_wrong_section_points_to_its_section()
    {
        var e = Fails(With("material = \"other/perovskite/CH3NH3PbI3/nk/Phillips\"",
                           "material = \"other/perovskite/CH3NH3PbI3/nk/Phillips\"\nambient = \"300 K\""));
        Assert.Equal("particle.ambient", e.Key);
        Assert.Contains("thermal.ambient", e.Valid);
    }

    [Fact]
    public void Unknown_section_suggests_the_nearest()
    {
        var e = Fails(Full.Replace("[substrate]", "[substrat]"));
        Assert.Contains("unknown section [substrat]", e.Message);
        Assert.Contains("[substrate]", e.Valid);
        Assert.Equal(6, e.Line);
    }

    [Fact]
    public void Missing_key_names_the_section_header_line()
    {
        var e = Fails(With("material = \"main/SiO2/nk/Malitson\"", ""));
        Assert.Equal(("substrate.material", 6), (e.Key, e.Line));
        Assert.Contains("missing key", e.Message);
    }

    [Fact]
    public void Missing_required_section_is_named()
    {
        var e = Fails("[particle]\nmaterial = \"2.5\"\ndiameter = \"100 nm\"\n");
        Assert.Contains("missing section [substrate]", e.Message);
    }

    [Theory]
    [InlineData("diameter = \"530 K\"", "unknown unit")]
    [InlineData("diameter = 530", "needs a unit")]
    [InlineData("diameter = \"530\"", "a unit is required")]
    [InlineData("diameter = \"-530 nm\"", "out of range")]
    [InlineData("diameter = \"1 m\"", "out of range")]
    public void Bad_quantities_name_line_value_and_range(string line, string problem)
    {
        var e = Fails(With("diameter = \"530 nm\"", line));
        Assert.Equal(("case.toml", 4, "particle.diameter"), (e.Origin, e.Line, e.Key));
        Assert.Contains(problem, e.Message);
        Assert.Contains("(0, 1e5] nm", e.Valid);
        Assert.Equal(line["diameter = ".Length..].Trim('"'), e.Value);
    }

    [Theory]
    [InlineData("order = 1", "order = 3", "mesh.order", "1 or 2")]
    [InlineData("grading = 0.15", "grading = 0", "mesh.grading", "(0, 1]")]
    [InlineData("grading = 0.15", "grading = \"0.15\"", "mesh.grading", "a number")]
    [InlineData("box_half_size = 20", "box_half_size = 1", "mesh.box_half_size", "[3, 1000]")]
    [InlineData("tolerance = 1e-9", "tolerance = 0.5", "thermal.solver.tolerance", "[1e-16, 0.01]")]
    [InlineData("preconditioner = \"jacobi\"", "preconditioner = \"jacobbi\"", "thermal.solver.preconditioner",
                "\"ic0\", \"jacobi\", \"amg\"")]
    [InlineData("outer_boundary = \"far-field\"", "outer_boundary = \"farfield\"", "thermal.outer_boundary", "\"far-field\"")]
    [InlineData("ambient = \"293.15 K\"", "ambient = \"-5 K\"", "thermal.ambient", "(0, 5000] K")]
    [InlineData("power = \"1 uW\"", "power = \"1 W/m^2\"", "source.power", "uW")]
    public void Out_of_range_and_mistyped_values_are_reported(string line, string replacement, string key, string valid)
    {
        var e = Fails(With(line, replacement));
        Assert.Equal(key, e.Key);
        Assert.Contains(valid, e.Valid);
        Assert.NotNull(e.Line);
        Assert.Equal(replacement.Split(" = ")[1].Trim('"'), e.Value);
    }

    [Fact]
    public void Misspelt_choice_suggests_the_valid_word()
    {
        var e = Fails(With("outer_boundary = \"far-field\"", "outer_boundary = \"far_field\""));
        Assert.Contains("did you mean \"far-field\"?", e.Message);
    }

    [Theory]
    [InlineData("contact_radius = \"50 nm\"", "contact_radius = \"265 nm\"", "substrate.contact_radius",
                "below the particle radius R = \"265 nm\"")]
    [InlineData("contact_radius = \"50 nm\"", "flattening = \"300 nm\"", "substrate.flattening", "below the particle radius")]
    [InlineData("contact_radius = \"50 nm\"", "embedding = \"531 nm\"", "substrate.embedding", "2R = \"530 nm\"")]
    [InlineData("contact_radius = \"50 nm\"", "contact_radius = \"50 nm\"\nflattening = \"5 nm\"", "substrate.flattening",
                "exactly one of contact_radius, flattening, embedding")]
    [InlineData("contact_radius = \"50 nm\"", "", "substrate.contact_radius", "")]
    [InlineData("diameter = \"530 nm\"", "diameter = \"530 nm\"\nshell_thickness = \"265 nm\"\nshell_material = \"1.5\"",
                "particle.shell_thickness", "below the radius")]
    [InlineData("diameter = \"530 nm\"", "diameter = \"530 nm\"\nshell_thickness = \"10 nm\"", "particle.shell_material", "")]
    [InlineData("diameter = \"530 nm\"", "diameter = \"530 nm\"\nshell_material = \"1.5\"", "particle.shell_material", "shell_thickness")]
    [InlineData("diameter = \"530 nm\"", "diameter = \"530 nm\"\nradius = \"265 nm\"", "particle.radius",
                "exactly one of diameter, radius")]
    [InlineData("h_min = \"12 nm\"", "h_min = \"300 nm\"", "mesh.h_min", "up to the particle radius")]
    [InlineData("outer_boundary = \"far-field\"", "outer_boundary = \"convection\"", "thermal.heat_transfer_coefficient", "")]
    [InlineData("outer_boundary = \"far-field\"", "outer_boundary = \"fixed\"\nheat_transfer_coefficient = \"10 W/(m^2 K)\"",
                "thermal.heat_transfer_coefficient", "convection")]
    public void Impossible_geometry_and_inconsistent_settings_are_refused(string line, string replacement, string key, string valid)
    {
        var e = Fails(With(line, replacement));
        Assert.Equal(key, e.Key);
        Assert.Contains(valid, e.Valid ?? "");
        Assert.NotNull(e.Line);
        Assert.StartsWith("case.toml:", e.Message);
    }

    [Fact]
    public void Convection_with_a_coefficient_is_accepted()
    {
        var c = Case.Parse(With("outer_boundary = \"far-field\"",
                                "outer_boundary = \"convection\"\nheat_transfer_coefficient = \"25 W/(m^2 K)\""), "case.toml");
        Assert.Equal((OuterBoundary.Convection, 25.0), (c.Thermal!.OuterBoundary, c.Thermal.HeatTransferCoefficientWPerM2K!.Value));
    }

    [Fact]
    public void Toml_syntax_errors_name_the_line()
    {
        var e = Fails(With("grading = 0.15", "grading = "));
        Assert.Equal(13, e.Line);
        Assert.Contains("not valid TOML", e.Message);
        var dup = Fails(With("order = 1", "order = 1\norder = 2"));
        Assert.Contains("not valid TOML", dup.Message);
    }

    [Fact]
    public void A_missing_file_is_an_input_error()
    {
        var e = Assert.Throws<InputException>(() => Case.Load("/nonexistent/case.toml"));
        Assert.Contains("case file not found", e.Message);
    }

    // ---------------------------------------------------------------- template and echo

    [Fact]
    public void The_template_parses_and_documents_every_key()
    {
        string template = CaseSchema.Standard.Template();
        var c = Case.Parse(template, "template.toml");
        Assert.NotNull(c.Thermal);
        Assert.NotNull(c.HeatSource);
        foreach (var section in CaseSchema.Standard.Sections)
        {
            Assert.Contains($"# [{section.Name}] {section.Doc}", template);
            foreach (var key in section.Keys)
            {
                string leaf = key.Name.Split('.')[^1];
                Assert.Contains($"# {leaf}: {key.Doc}", template);
                Assert.Contains(key.Valid, template);
                if (key.HasDefault) Assert.Contains($"Default: {key.DefaultLiteral}.", template);
            }
        }
        // the template's values are the defaults
        Assert.Equal((20.0, 0.15, 1), (c.Mesh.BoxHalfSize, c.Mesh.Grading, c.Mesh.Order));
        Close(12e-9, c.Mesh.HMinM);
        Assert.Equal(new SolverOptions(PreconditionerKind.Auto, 1e-10, 5000), c.Thermal!.Solver); // chosen by size
        Assert.Equal(293.15, c.Thermal.AmbientK);
    }

    [Fact]
    public void The_effective_configuration_parses_back_to_the_same_case()
    {
        var c = Case.Parse(Full, "case.toml");
        string echo = c.Effective();
        Assert.Contains("diameter = \"530 nm\"", echo);
        Assert.Contains("# line 4 = 5.3e-7 m", echo);
        Assert.Contains("# particle.radius = \"265 nm\"  (derived", echo);
        Assert.Contains("# substrate.flattening = ", echo);
        var back = Case.Parse(echo, "echo.toml");
        Assert.Equal(c.Particle, back.Particle);
        Assert.Equal(c.Substrate, back.Substrate);
        Assert.Equal(c.Mesh, back.Mesh);
        Assert.Equal(c.Thermal, back.Thermal);
        Assert.Equal(c.HeatSource, back.HeatSource);
    }

    [Fact]
    public void Defaults_are_echoed_as_defaults()
    {
        var c = Case.Parse(With("[mesh]", "[mesh]\n# all defaults").Replace("box_half_size = 20\n", "").Replace("order = 1\n", ""),
                           "case.toml");
        var order = c.Values.Single(v => v.Section == "mesh" && v.Key == "order");
        Assert.Equal((ValueOrigin.Default, "1"), (order.Origin, order.Literal));
        var grading = c.Values.Single(v => v.Section == "mesh" && v.Key == "grading");
        Assert.Equal(ValueOrigin.File, grading.Origin);
    }

    [Fact]
    public void The_meshers_geometry_checks_run_at_parse_time_at_the_keys_line()
    {
        // a 10 nm shell on a 265 nm sphere embedded by 10 nm: the core (radius 255 nm, centre at z = 255 nm)
        // touches the substrate plane in one point, which gmsh cannot mesh
        var text = With("diameter = \"530 nm\"", "diameter = \"530 nm\"\nshell_thickness = \"10 nm\"\nshell_material = \"1.5\"")
            .Replace("contact_radius = \"50 nm\"", "embedding = \"10 nm\"")
            .Replace("air = \"0.026 W/(m K)\"", "air = \"0.026 W/(m K)\", shell = \"1 W/(m K)\"");
        var e = Fails(text);
        Assert.Equal(("case.toml", "substrate.embedding", 10), (e.Origin, e.Key, e.Line));
        Assert.Contains("single point", e.Message);
    }

    [Fact]
    public void A_fully_embedded_sphere_is_accepted()
    {
        var c = Case.Parse(With("contact_radius = \"50 nm\"", "embedding = \"530 nm\""), "case.toml");
        Assert.Equal(ContactKind.Embedding, c.Substrate.Contact.Kind);
        Assert.Equal(0, c.Substrate.ContactRadiusM);
    }
}
