using MieCool.Core;

namespace MieCool.Cases.Tests;

/// <summary>
/// Classes of bad input that used to pass (issue 13): a key written twice (as a table entry and dotted), a key that is a
/// value and a table, unknown or broken material pages in any section for every command (not only `run`), and a broken
/// page's own file and line in the message.
/// </summary>
public class BadInputClassesTests
{
    static Case Load(string text, string source = "t.toml") => Case.Parse(text, source);

    [Fact]
    public void A_key_written_under_its_table_and_dotted_is_refused_with_both_lines()
    {
        // the TOML parser merges a dotted key under [thermal] with a later [thermal.conductivity] table silently
        var text = CaseFileTests.Full
            .Replace("conductivity = { particle = \"0.5 W/(m K)\", substrate = \"1.38 W/(m K)\", air = \"0.026 W/(m K)\" }",
                     "conductivity.particle = \"0.7 W/(m K)\"", StringComparison.Ordinal)
            .Replace("[source]", "[thermal.conductivity]\nparticle = \"0.5 W/(m K)\"\nsubstrate = \"1.38 W/(m K)\"\n" +
                     "air = \"0.026 W/(m K)\"\n[source]", StringComparison.Ordinal);
        Assert.Contains("conductivity.particle = ", text);
        var e = Assert.Throws<InputException>(() => Load(text));
        Assert.Equal("thermal.conductivity.particle", e.Key);
        Assert.Contains("given twice (first at line", e.Message);
        Assert.Equal("0.5 W/(m K)", e.Value);
    }

    [Theory]
    [InlineData("conductivity = 3\n")]                      // a value, and a table in the inline table below
    [InlineData("conductivity.particle = \"0.7 W/(m K)\"\n")] // dotted into the inline table
    public void A_key_given_two_ways_is_refused_in_one_line(string added)
    {
        var text = CaseFileTests.Full.Replace("[thermal]\n", "[thermal]\n" + added, StringComparison.Ordinal);
        Assert.NotEqual(CaseFileTests.Full, text);
        var e = Assert.Throws<InputException>(() => Load(text));
        Assert.Contains("thermal.conductivity", e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }

    [Fact]
    public void A_redefined_table_is_one_short_line_without_the_quoted_source()
    {
        var e = Assert.Throws<InputException>(() => Load("particle.diameter = \"400 nm\"\n" + CaseFileTests.Full));
        Assert.Contains("not valid TOML", e.Message);
        Assert.DoesNotContain("\n", e.Message);
        Assert.True(e.Message.Length < 400, e.Message);
    }

    [Theory]
    [InlineData("main/SiO2/nk/Malitson", "main/SiO2/nk/Nobody", "substrate.material")]
    [InlineData("other/perovskite/CH3NH3PbI3/nk/Phillips", "other/perovskite/CH3NH3PbI3/nk/Nobody", "particle.material")]
    public void An_unknown_page_is_refused_in_a_heat_only_case_too(string page, string wrong, string key)
    {
        // the heat-only case has no [optics]: the page is not needed for the light, but a wrong name is still wrong
        var e = Assert.Throws<InputException>(() => Load(CaseFileTests.Full.Replace(page, wrong, StringComparison.Ordinal)));
        Assert.Equal(key, e.Key);
        Assert.Contains("unknown material", e.Message);
        Assert.StartsWith("t.toml:", e.Message);
    }

    [Fact]
    public void An_unknown_shell_page_is_refused()
    {
        var text = CaseFileTests.Full.Replace("diameter = \"530 nm\"",
            "diameter = \"530 nm\"\nshell_thickness = \"10 nm\"\nshell_material = \"main/Foo/nk/Bar\"", StringComparison.Ordinal);
        Assert.NotEqual(CaseFileTests.Full, text);
        var e = Assert.Throws<InputException>(() => Load(text));
        Assert.Equal("particle.shell_material", e.Key);
    }

    [Fact]
    public void A_broken_page_is_named_with_its_own_file_and_line_beside_the_case_key()
    {
        var dir = Directory.CreateTempSubdirectory("miecool-page").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "bad.yml"),
                              "DATA:\n  - type: tabulated nk\n    data: |\n        0.5 2.0 0.1\n        0.6 0 0.1\n");
            var source = Path.Combine(dir, "t.toml");
            var e = Assert.Throws<InputException>(() =>
                Load(CaseFileTests.Full.Replace("main/SiO2/nk/Malitson", "bad.yml", StringComparison.Ordinal), source));
            Assert.Equal("substrate.material", e.Key);
            Assert.StartsWith(source + ":", e.Message);
            Assert.Contains("bad.yml:5: data: refractive index n not positive", e.Message); // the page's own line
            Assert.Contains("n > 0", e.Message);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Theory]
    [InlineData("substrate.material", "main/SiO2/nk/Malitson")]
    [InlineData("particle.material", "other/perovskite/CH3NH3PbI3/nk/Phillips")]
    public void A_formula_with_no_real_n_at_the_pump_is_refused_at_its_key_with_the_pages_line(string key, string page)
    {
        // formula 2: n^2 = 1 + C1 + 0 with C1 = -3, so n^2 = -2 at every wavelength: no real index, found when the case is read
        var dir = Directory.CreateTempSubdirectory("miecool-page").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "imaginary.yml"),
                              "REFERENCES: test\nDATA:\n  - type: formula 2\n    wavelength_range: 0.3 2.5\n    coefficients: -3 0 0\n");
            var text = CaseFileTests.Full.Replace("[source]\n        power = \"1 uW\"", "", StringComparison.Ordinal)
                .Replace(page, "imaginary.yml", StringComparison.Ordinal)
                + "\n[optics]\npump_wavelength = \"980 nm\"\nintensity = \"7e6 W/cm^2\"\n";
            var source = Path.Combine(dir, "t.toml");
            var e = Assert.Throws<InputException>(() => Load(text, source));
            Assert.Equal(key, e.Key);
            Assert.StartsWith(source + ":", e.Message);
            Assert.Contains("imaginary.yml:5: coefficients: the dispersion formula gives no positive real n at 980 nm", e.Message);
        }
        finally { Directory.Delete(dir, true); }
    }
}
