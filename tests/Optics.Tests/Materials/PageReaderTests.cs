using MieCool.Core;
using MieCool.Optics.Materials;

namespace MieCool.Optics.Tests.Materials;

public class PageReaderTests
{
    const string Head = "# comment\nREFERENCES: |\n    A. Author, B. Other.\n    <a href=\"x\"><i>J. Test</i> <b>1</b>, 2 (2020)</a>\n" +
                        "COMMENTS: |\n    room temperature &amp; air\n";

    static InputException Fails(string body) =>
        Assert.Throws<InputException>(() => MaterialPageReader.Parse(Head + body, "bad.yml"));

    static InputException FailsToBuild(string body) =>
        Assert.Throws<InputException>(() => Material.FromPage(MaterialPageReader.Parse(Head + body, "bad.yml"), "bad"));

    [Fact]
    public void Reads_references_comments_and_a_table()
    {
        var p = MaterialPageReader.Parse(Head + "DATA:\n  - type: tabulated nk\n    data: |\n        0.4 1.5 0.2\n        0.8 1.4 0\n",
                                         "ok.yml");
        Assert.Equal("A. Author, B. Other.\nJ. Test 1, 2 (2020)", p.References);
        Assert.Equal("room temperature & air", p.Comments);
        var b = Assert.Single(p.Data);
        Assert.Equal([0.4e-6, 0.8e-6], b.Wavelengths);
        Assert.Equal([1.5, 1.4], b.Columns[0]);
        Assert.Equal([0.2, 0.0], b.Columns[1]);
        Assert.Equal("Author et al., J. Test (2020)", Material.FromPage(p, "ok").ShortReference);
    }

    [Fact]
    public void Missing_data_names_the_file()
    {
        var e = Fails("CONDITIONS:\n    temperature: 293\n");
        Assert.Contains("bad.yml", e.Message);
        Assert.Contains("no DATA", e.Message);
    }

    [Fact]
    public void A_bad_number_names_file_line_and_value()
    {
        // line 1-6 is the head, DATA on 7, type 8, data 9, rows from 10
        var e = Fails("DATA:\n  - type: tabulated nk\n    data: |\n        0.4 1.5 0.2\n        0.5 1.4x 0.1\n");
        Assert.Equal(11, e.Line);
        Assert.Contains("bad.yml:11", e.Message);
        Assert.Contains("1.4x", e.Message);
    }

    [Theory]
    [InlineData("tabulated nk", "0.5 0 0.1")]
    [InlineData("tabulated n", "0.5 0")]
    [InlineData("tabulated nk", "0.5 -1.4 0.1")]
    public void An_index_that_is_not_positive_names_its_line(string type, string row)
    {
        // n = 0 passed the reader and failed deep in the Mie code (issue 13): refused here, at the page's line
        var e = Fails($"DATA:\n  - type: {type}\n    data: |\n        0.4 1.5{(type == "tabulated n" ? "" : " 0.2")}\n        {row}\n");
        Assert.Contains("bad.yml:11", e.Message);
        Assert.Contains("n > 0", e.Message);
    }

    [Fact]
    public void A_short_row_names_its_line()
    {
        var e = Fails("DATA:\n  - type: tabulated nk\n    data: |\n        0.4 1.5 0.2\n        0.5 1.4\n");
        Assert.Contains("bad.yml:11", e.Message);
        Assert.Contains("3 numbers", e.Message);
    }

    [Fact]
    public void Wavelengths_must_increase()
    {
        var e = Fails("DATA:\n  - type: tabulated n\n    data: |\n        0.4 1.5\n        0.6 1.4\n        0.5 1.3\n");
        Assert.Contains("bad.yml:12", e.Message);
        Assert.Contains("increase", e.Message);
    }

    [Fact]
    public void Negative_k_is_rejected_stating_the_convention()
    {
        var e = Fails("DATA:\n  - type: tabulated nk\n    data: |\n        0.4 1.5 -0.2\n        0.5 1.4 0.1\n");
        // printing round-off of a fitted zero is k = 0, as in main/CdS/nk/Treharne.yml
        var p = MaterialPageReader.Parse(
            Head + "DATA:\n  - type: tabulated nk\n    data: |\n        0.4 1.5 -6.14E-019\n        0.5 1.4 0.1\n", "ok.yml");
        Assert.Equal(0.0, p.Data[0].Columns[1][0]);
        Assert.Contains("bad.yml:10", e.Message);
        Assert.Contains("n + ik", e.Message);
    }

    [Fact]
    public void Formula_errors()
    {
        Assert.Contains("not supported",
                        Fails("DATA:\n  - type: formula 4\n    wavelength_range: 0.3 1\n    coefficients: 1 2 3\n").Message);
        Assert.Contains("wavelength_range", Fails("DATA:\n  - type: formula 1\n    coefficients: 0 1 0.1\n").Message);
        Assert.Contains("bad.yml:10",
                        Fails("DATA:\n  - type: formula 1\n    wavelength_range: 0.3 1\n    coefficients: 0 1 0.1 2\n").Message);
        Assert.Contains("unknown DATA type", Fails("DATA:\n  - type: tabulated x\n    data: |\n        0.4 1\n").Message);
    }

    [Fact]
    public void A_page_needs_n_and_only_one_source_of_each()
    {
        Assert.Contains("no n", FailsToBuild("DATA:\n  - type: tabulated k\n    data: |\n        0.4 0.1\n        0.5 0.1\n").Message);
        var twice = FailsToBuild("DATA:\n  - type: formula 1\n    wavelength_range: 0.3 1\n    coefficients: 0 1 0.1\n" +
                                 "  - type: tabulated n\n    data: |\n        0.4 1.5\n        0.5 1.4\n");
        Assert.Contains("second source of n", twice.Message);
        Assert.Contains("bad.yml:11", twice.Message);
    }

    [Fact]
    public void Skips_properties_such_as_the_schott_thermal_formula_A()
    {
        var p = MaterialPageReader.Parse(Head + "DATA:\n  - type: formula 2\n    wavelength_range: 0.3 2.5\n" +
            "    coefficients: 0 1.03961212 0.00600069867 0.231792344 0.0200179144 1.01046945 103.560653\n" +
            "PROPERTIES:\n    thermal_dispersion:\n      - type: formula A\n" +
            "        coefficients: 1.86e-06 1.31e-08 -1.37e-11 4.34e-07 6.27e-10 0.17\n    nd: 1.5168\n", "bk7.yml");
        var b = Assert.Single(p.Data);
        Assert.Equal("formula 2", b.Type);
        Assert.Equal(0.3e-6, b.WavelengthRange!.Value.Min, 1e-20);
        Assert.Equal(2.5e-6, b.WavelengthRange!.Value.Max, 1e-20);
    }

    [Fact]
    public void Windows_line_ends_are_read()
    {
        var page = Head + "DATA:\n  - type: tabulated n\n    data: |\n        0.4 1.5\n        0.5 1.4\n";
        var p = MaterialPageReader.Parse(page.Replace("\n", "\r\n"), "crlf.yml");
        Assert.Equal(2, p.Data[0].Wavelengths.Length);
    }
}
