using MieCool.Core;

namespace MieCool.Cases.Tests;

/// <summary>
/// Keys set on the command line (`--set KEY=VALUE`, <see cref="CaseOverride"/>): the case they give equals the case file
/// edited to say the same (an identity: the same entries reach the same schema), and bad keys, values, units and tables
/// are refused with the option and the key named instead of a file line.
/// </summary>
public sealed class CaseOverrideTests
{
    static Case Parse(string text, params (string Key, string Value)[] set) =>
        Case.Parse(text, "case.toml", set.Select(s => new CaseOverride(s.Key, s.Value)).ToList());

    static InputException Refused(string text, string key, string value) =>
        Assert.Throws<InputException>(() => Parse(text, (key, value)));

    /// <summary>The effective values as the echo shows them, without their origin.</summary>
    static List<(string, string, string, string?)> Literals(Case c) =>
        c.Values.Select(v => (v.Section, v.Key, v.Literal, v.Si)).ToList();

    [Theory]
    [InlineData("particle.diameter", "540 nm", "diameter = \"530 nm\"", "diameter = \"540 nm\"")]
    [InlineData("particle.diameter", "\"0.54 um\"", "diameter = \"530 nm\"", "diameter = \"0.54 um\"")]
    [InlineData("thermal.conductivity.air", "0.03W/(m K)", "air = \"0.026 W/(m K)\"", "air = \"0.03 W/(m K)\"")]
    [InlineData("thermal.solver.max_iterations", "3000", "max_iterations = 2000", "max_iterations = 3000")]
    [InlineData("thermal.solver.tolerance", "1e-8", "tolerance = 1e-9", "tolerance = 1e-8")]
    [InlineData("thermal.solver.preconditioner", "ic0", "preconditioner = \"jacobi\"", "preconditioner = \"ic0\"")]
    public void A_set_key_gives_the_case_of_the_edited_file(string key, string value, string old, string edited)
    {
        var set = Parse(CaseFileTests.Full, (key, value));
        var file = Case.Parse(CaseFileTests.Full.Replace(old, edited), "case.toml");
        Assert.Equal(Literals(file), Literals(set));
        Assert.Equal(file.Particle, set.Particle);
        Assert.Equal(file.Mesh, set.Mesh);
        Assert.Equal(file.Thermal!.Solver, set.Thermal!.Solver);
        Assert.Equal(file.Thermal.Conductivity, set.Thermal.Conductivity);
        var v = set.Values.Single(v => $"{v.Section}.{v.Key}" == key);
        Assert.Equal((ValueOrigin.CommandLine, "--set", (int?)null), (v.Origin, v.OriginText, v.Line));
        Assert.Equal($"--set {key}", set.SetBy(key));
        Assert.Null(set.LineOf(key));
    }

    [Fact]
    public void A_key_the_file_leaves_out_is_added_and_an_alternative_replaces_the_files_key()
    {
        var added = Parse(CaseFileTests.Full, ("mesh.threads", "2"));
        Assert.Equal(2, added.Mesh.Threads);
        var radius = Parse(CaseFileTests.Full, ("particle.radius", "270 nm"));
        Assert.Equal(270e-9, radius.Particle.RadiusM, 1e-21);
        Assert.Equal(Case.Parse(CaseFileTests.Full.Replace("diameter = \"530 nm\"", "radius = \"270 nm\""), "case.toml").Particle,
                     radius.Particle);
        // both alternatives on the command line: the file's rule, at the option
        var both = Assert.Throws<InputException>(() => Parse(CaseFileTests.Full, ("particle.radius", "270 nm"),
                                                              ("particle.diameter", "540 nm")));
        Assert.StartsWith("--set particle.", both.Message);
        Assert.Contains("give only one of diameter, radius", both.Message);
    }

    [Theory]
    [InlineData("particle.diamter", "540 nm", "--set particle.diamter: unknown key", "did you mean particle.diameter?")]
    [InlineData("partcle.diameter", "540 nm", "--set partcle.diameter: unknown section [partcle]", "did you mean [particle]?")]
    [InlineData("particle.diameter", "540", "--set particle.diameter: a quantity needs a unit", "(got \"540\")")]
    [InlineData("particle.diameter", "540 kg", "--set particle.diameter: unknown unit \"kg\" for a length", "e.g. \"530 nm\"")]
    [InlineData("particle.diameter", "-5 nm", "--set particle.diameter: out of range", "(0, 1e5] nm")]
    [InlineData("thermal.solver.max_iterations", "2.5", "--set thermal.solver.max_iterations: expected an integer", "2.5")]
    [InlineData("thermal.conductivity", "1", "--set thermal.conductivity: is a table, not a scalar key",
                "thermal.conductivity.particle")]
    [InlineData("thermal", "1", "--set thermal: is a section, not a scalar key", "thermal.ambient")]
    [InlineData("particle.diameter", "[\"540 nm\"]", "--set particle.diameter: not a scalar value", "one number")]
    [InlineData("thermal.conductivity.air", "{ x = 1 }", "--set thermal.conductivity.air: not a scalar value", "one number")]
    [InlineData("particle.material", "no/such/page", "--set particle.material: ", "no/such/page")]
    public void A_bad_key_or_value_is_refused_at_the_option_and_the_key(string key, string value, string start, string part)
    {
        var e = Refused(CaseFileTests.Full, key, value);
        Assert.StartsWith(start, e.Message);
        Assert.Contains(part, e.Message);
        Assert.DoesNotContain("case.toml:", e.Message); // no file line: the value is not in the file
    }

    [Fact]
    public void A_cross_check_against_a_set_value_applies_as_in_the_file()
    {
        // the contact disc must be smaller than the sphere: the file's check, against the radius the option gave
        var e = Refused(CaseFileTests.Full, "particle.diameter", "80 nm");
        Assert.StartsWith("case.toml:", e.Message);
        Assert.Contains("substrate.contact_radius", e.Message);
        Assert.Contains("R = \"40 nm\"", e.Message);
        Assert.Throws<InputException>(() => CaseOverride.Parse("particle.diameter", "--set"));
        Assert.Equal(new CaseOverride("optics.intensity", "7e6W/cm^2"), CaseOverride.Parse("optics.intensity=7e6W/cm^2", "--set"));
    }
}
