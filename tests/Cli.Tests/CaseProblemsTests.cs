using MieCool.Core;
using MieCool.Coupling;
using MieCool.Cases;

namespace MieCool.Cli.Tests;

/// <summary>A case file as the model's problem records, and the model's errors back at their case-file line.</summary>
public sealed class CaseProblemsTests
{
    static Case Thermal(string extra = "") => Case.Parse($$"""
        [particle]
        material = "p"
        radius = "100 nm"
        [substrate]
        material = "s"
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
            "[particle]\nmaterial = \"p\"\nradius = \"100 nm\"\n[substrate]\nmaterial = \"s\"\ncontact_radius = \"20 nm\"\n", "x.toml");
        Assert.Contains("missing section [thermal], needed by miecool heat",
            Assert.Throws<InputException>(() => CaseProblems.Conduction(noThermal)).Message);
        var noSource = Case.Parse(Thermal().Effective().Replace("power = ", "# power = ").Replace("[source]", ""), "y.toml");
        Assert.Contains("missing section [source]", Assert.Throws<InputException>(() => CaseProblems.Conduction(noSource)).Message);
        Assert.Contains("missing section [optics]", Assert.Throws<InputException>(() => CaseProblems.Coupled(Thermal())).Message);
    }

    /// <summary>Every parameter name the model's validation uses maps to a key the case schema declares.</summary>
    [Fact]
    public void Every_model_parameter_maps_to_a_declared_case_key()
    {
        var declared = CaseSchema.Standard.Sections.SelectMany(s => s.Keys.Select(k => $"{s.Name}.{k.Name}")).ToHashSet();
        foreach (var (parameter, key) in CaseProblems.CaseKeys)
            Assert.True(declared.Contains(key), $"{parameter} -> {key}, which [{key.Split('.')[0]}] does not declare");
    }
}
