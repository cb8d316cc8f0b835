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
}
