using MieCool.Core;
using MieCool.Coupling;
using MieCool.Cases;

namespace MieCool.Cli.Tests;

/// <summary>A case file as the model's problem records, and the model's errors back at their case-file line.</summary>
public sealed class CaseProblemsTests(Xunit.Abstractions.ITestOutputHelper output)
{
    static Case Thermal(string extra = "") => Case.Parse($$"""
        [particle]
        material = "2.5+0.01i"
        radius = "100 nm"
        [substrate]
        material = "1.45"
        contact_radius = "20 nm"
        [thermal]
        ambient = "300 K"
        conductivity = { particle = "0.5 W/(m K)", substrate = "1.38 W/(m K)", air = "0.026 W/(m K)" }
        {{extra}}
        [thermal.solver]
        preconditioner = "amg"
        tolerance = 1e-8
        [source]
        power = "2 uW"
        """, "heat.toml");

    [Fact]
    public void The_heat_case_becomes_a_conduction_problem_with_its_settings_one_to_one()
    {
        var c = Thermal();
        var p = CaseProblems.Conduction(c);
        Assert.Equal(c.ToMeshSpec(), p.Mesh);
        Assert.Equal(new MieCool.Thermal.SolverOptions(MieCool.Thermal.PreconditionerKind.Amg, 1e-8, 5000), p.Thermal.Solver);
        Assert.Equal(300, p.Thermal.AmbientK);
        Assert.Equal(2e-6, Assert.IsType<PrescribedSource.Uniform>(p.Source).PowerW, 1e-18);
    }

    /// <summary>The model refuses an interface conductance by its own name; the user sees the case file, key and line.</summary>
    /// <summary>
    /// The interface (Kapitza) conductance reaches the heat solver; a value the model refuses by its own name is reported
    /// at the case file's key and line.
    /// </summary>
    [Fact]
    public void An_interface_conductance_reaches_the_solver_and_a_bad_one_is_refused_at_its_line()
    {
        var c = Thermal("interface_conductance = \"1e8 W/(m^2 K)\"");
        Assert.Equal(1e8, CaseProblems.Conduction(c).Thermal.InterfaceConductanceWPerM2K);
        var p = CaseProblems.Conduction(c);
        var bad = p with { Thermal = p.Thermal with { InterfaceConductanceWPerM2K = -1 } };
        var e = Assert.Throws<InputException>(() => CaseProblems.Check(c, () => Conduction.Solve(bad)));
        Assert.Equal(("heat.toml", "thermal.interface_conductance", 10), (e.Origin, e.Key, e.Line));
    }

    [Fact]
    public void A_study_without_its_sections_names_what_is_missing()
    {
        var noThermal = Case.Parse(
            "[particle]\nmaterial = \"2.5+0.01i\"\nradius = \"100 nm\"\n[substrate]\nmaterial = \"1.45\"\ncontact_radius = \"20 nm\"\n",
            "x.toml");
        Assert.Contains("missing section [thermal], needed by miecool heat",
            Assert.Throws<InputException>(() => CaseProblems.Conduction(noThermal)).Message);
        var noSource = Case.Parse(Thermal().Effective().Replace("power = ", "# power = ").Replace("[source]", ""), "y.toml");
        Assert.Contains("missing section [source]", Assert.Throws<InputException>(() => CaseProblems.Conduction(noSource)).Message);
        Assert.Contains("missing section [optics]", Assert.Throws<InputException>(() => CaseProblems.Coupled(Thermal())).Message);
    }

    /// <summary>
    /// A page whose formula has a pole at 900 nm (n^2 = 1 + lambda^2 / (lambda^2 - 0.81 um^2)) gives a real n at the 980 nm
    /// pump, so the case reads, but none at 775 nm, where the emission is: that error, raised by the model later, is
    /// reported at the case key naming the page, with the page's own file and line.
    /// </summary>
    [Fact]
    public void A_page_error_found_during_the_computation_is_reported_at_the_key_naming_the_page()
    {
        var dir = Directory.CreateTempSubdirectory("miecool-pole").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "pole.yml"), "REFERENCES: test\nDATA:\n  - type: formula 2\n" +
                "    wavelength_range: 0.3 2.5\n    coefficients: 0 1 0.81\n");
            var source = Path.Combine(dir, "run.toml");
            var c = Case.Parse(Thermal().Effective().Replace("\"2.5+0.01i\"", "\"pole.yml\"", StringComparison.Ordinal)
                + "\n[optics]\npump_wavelength = \"980 nm\"\nintensity = \"7e6 W/cm^2\"\nsubstrate = \"none\"\n", source);
            var material = c.Find<OpticsSpec>()!.Material;
            Assert.True(material.At(980e-9).Real > 1);
            var e = Assert.Throws<InputException>(() => CaseProblems.Check(c, () => material.At(775e-9)));
            Assert.Equal((source, "particle.material", c.LineOf("particle.material")), (e.Origin, e.Key, e.Line));
            Assert.Contains("pole.yml:5: coefficients: the dispersion formula gives no positive real n at 775 nm", e.Message);
        }
        finally { Directory.Delete(dir, true); }
    }

    /// <summary>Every parameter name the model's validation uses maps to a key the case schema declares.</summary>
    [Fact]
    public void Every_model_parameter_maps_to_a_declared_case_key()
    {
        var declared = CaseSchema.Standard.Sections.SelectMany(s => s.Keys.Select(k => $"{s.Name}.{k.Name}")).ToHashSet();
        foreach (var (parameter, key) in CaseProblems.CaseKeys)
            Assert.True(declared.Contains(key), $"{parameter} -> {key}, which [{key.Split('.')[0]}] does not declare");
    }
    /// <summary>
    /// The headline case (coarse) with temperature-dependent conductivities, particle p = -0.5 (a crystal conducting better
    /// when cold) and substrate p = +0.3 (amorphous silica conducting less when cold): the keys reach the model, the
    /// conductivity loop settles with the final field agreeing with T_p, and T_p lies warmer than with constant
    /// conductivities, because the particle's internal constriction resistance to its 50 nm contact, 1 / (4 k_p a) = 1e7
    /// K/W, outweighs the glass's, 1 / (4 k_s a) = 3.6e6 K/W. The bracket is independent of the iteration: every cell lies
    /// between the field's minimum and ambient, so constant conductivities at the ends of their ranges there (each k at the
    /// end that conducts least, or most) bound T_p, the balance being monotone in each conductivity. Meshes differ by run
    /// (gmsh): T_p by ~0.02 K.
    /// </summary>
    [Fact]
    public void The_headline_case_with_temperature_dependent_conductivities_settles_warmer_inside_the_constant_bracket()
    {
        var text = File.ReadAllText(Path.Combine(IoCommandsTests.RepoRoot(), "cases", "tonkaev2019_mapbi3_d530.toml"));
        Assert.Contains("[thermal.solver]", text);
        var c = Case.Parse(text.Replace("[thermal.solver]",
            "[thermal.conductivity_exponent]\nparticle = -0.5\nsubstrate = 0.3\n\n[thermal.solver]"), "d530_kT.toml");
        var problem = CaseProblems.Coupled(c, c.ToMeshSpec().Coarse());
        var thermal = problem.Thermal;
        Assert.Equal(new MieCool.Thermal.ConductivityExponents(-0.5, 0, 0.3, 0), thermal.ConductivityExponent);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var varying = CoupledModel.Solve(problem);
        var seconds = clock.Elapsed.TotalSeconds;
        var st = varying.SteadyState;
        Assert.True(st.Converged, st.Status);
        Assert.InRange(st.ConductivityIterations, 2, 30);
        Assert.InRange(st.ResidualK, 0, problem.SteadyState.ToleranceK);
        Assert.Contains("settled", st.Status);
        double tp = st.TemperatureK!.Value, tMin = varying.Thermal.Heat.ParticleMinTemperatureK, ambient = thermal.AmbientK;
        Assert.Equal(tp, varying.Thermal.Heat.ParticleMeanTemperatureK, problem.SteadyState.ToleranceK);

        // constant conductivities: as given, and at the ends of each one's range over [T_min, T_ambient], k (T / 300 K)^p
        double Tp(double kParticle, double kSubstrate)
        {
            var k = thermal.Conductivity with { Particle = kParticle, Substrate = kSubstrate };
            var s = CoupledModel.Solve(problem with
            {
                Thermal = thermal with { Conductivity = k, ConductivityExponent = MieCool.Thermal.ConductivityExponents.None },
            }).SteadyState;
            Assert.True(s.Converged, s.Status);
            Assert.Equal(0, s.ConductivityIterations);
            return s.TemperatureK!.Value;
        }
        double kp = thermal.Conductivity.Particle, ks = thermal.Conductivity.Substrate;
        double At(double k, double p, double t) => k * Math.Pow(t / thermal.ConductivityReferenceK, p);
        double constant = Tp(kp, ks);
        double low = Tp(At(kp, -0.5, ambient), At(ks, 0.3, tMin)), high = Tp(At(kp, -0.5, tMin), At(ks, 0.3, ambient));
        output.WriteLine(FormattableString.Invariant(
            $"headline coarse: T_p {tp:F3} K with k(T) ({st.ConductivityIterations} conductivity iterations, {st.Evaluations} ") +
            FormattableString.Invariant($"evaluations, residual {st.ResidualK:E1} K, {seconds:F1} s), {constant:F3} K constant, ") +
            FormattableString.Invariant($"bracket [{low:F3}, {high:F3}] K, field min {tMin:F1} K"));
        Assert.True(tp > constant + 0.1, $"warmer than constant conductivities: {tp} vs {constant} K");
        Assert.InRange(tp, low - 0.05, high + 0.05);
    }
}
