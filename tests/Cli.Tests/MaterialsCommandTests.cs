using System.Text.Json;

namespace MieCool.Cli.Tests;

public class MaterialsCommandTests
{
    internal static (int Code, string Out, string Err) Run(params string[] argv)
    {
        var o = new StringWriter(); var e = new StringWriter();
        int code = Program.Run(argv, new Console(o, e, false));
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public void Lists_the_shipped_pages_with_range_and_reference()
    {
        var (code, output, _) = Run("materials");
        Assert.Equal(0, code);
        Assert.Contains("other/perovskite/CH3NH3PbI3/nk/Phillips", output);
        var line = output.Split('\n').Single(l => l.StartsWith("other/perovskite/CH3NH3PbI3/nk/Phillips ", StringComparison.Ordinal));
        Assert.Contains("300.01-1501.32 nm", line);
        Assert.Contains("Phillips et al., Data in Brief (2015)", line);
        Assert.Contains("main/SiO2/nk/Malitson", output);
    }

    [Fact]
    public void Json_lists_ranges_in_nm()
    {
        var (code, output, _) = Run("materials", "--json");
        Assert.Equal(0, code);
        var doc = JsonDocument.Parse(output).RootElement;
        var silica = doc.EnumerateArray().Single(e => e.GetProperty("name").GetString() == "main/SiO2/nk/Malitson");
        Assert.Equal(210, silica.GetProperty("min_wavelength_nm").GetDouble(), 1e-9);
        Assert.Equal(6700, silica.GetProperty("max_wavelength_nm").GetDouble(), 1e-9);
        Assert.Contains("Malitson", silica.GetProperty("reference").GetString());
        Assert.True(doc.GetArrayLength() >= 23);
    }

    [Fact]
    public void Shows_one_material_at_a_wavelength()
    {
        var (code, output, _) = Run("materials", "SiO2", "--at", "589.3nm");
        Assert.Equal(0, code);
        var row = output.Split('\n').Single(l => l.StartsWith("589.3,", StringComparison.Ordinal));
        Assert.Equal(1.4584, double.Parse(row.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture), 1e-4);
    }

    [Theory]
    [InlineData("CH3NH3PbI3/Philips", "other/perovskite/CH3NH3PbI3/nk/Phillips")]
    [InlineData("Malitson", "main/CaF2/nk/Malitson")]
    public void Unknown_or_ambiguous_material_exits_2_with_suggestions(string spec, string suggestion)
    {
        var (code, _, err) = Run("materials", spec);
        Assert.Equal(2, code);
        Assert.Contains(suggestion, err);
        Assert.Single(err.Trim().Split('\n'));
    }

    [Fact]
    public void Wavelength_outside_the_data_names_the_option_and_range()
    {
        var (code, _, err) = Run("materials", "MAPbI3/Phillips", "--at", "1600nm");
        Assert.Equal(2, code);
        Assert.Contains("--at", err);
        Assert.Contains("300.01-1501.32 nm", err);
    }

    [Fact]
    public void A_page_giving_no_real_n_at_the_wavelength_is_named_with_its_file_and_line()
    {
        var dir = Directory.CreateTempSubdirectory("miecool-pole").FullName;
        try
        {
            var page = Path.Combine(dir, "pole.yml");
            File.WriteAllText(page, "REFERENCES: test\nDATA:\n  - type: formula 2\n    wavelength_range: 0.3 2.5\n" +
                                    "    coefficients: 0 1 0.81\n"); // a pole at 900 nm: n^2 < 0 just below it
            Assert.Equal(0, Run("materials", page, "--at", "980nm").Code);
            var (code, _, err) = Run("materials", page, "--at", "775nm");
            Assert.Equal(2, code);
            Assert.StartsWith($"error: {page}:5: coefficients: the dispersion formula gives no positive real n at 775 nm", err);
            Assert.Single(err.Trim().Split('\n'));
        }
        finally { Directory.Delete(dir, true); }
    }
}
