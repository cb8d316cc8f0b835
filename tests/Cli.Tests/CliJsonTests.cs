using System.Text.Json;
using System.Text.Json.Nodes;
using MieCool.Core;

namespace MieCool.Cli.Tests;

/// <summary>
/// <see cref="CliJson.Serialize"/> writes the commands' documents itself; System.Text.Json's serializer with the same
/// options is the independent reference: the text must be the same, character for character.
/// </summary>
public class CliJsonTests
{
    sealed record Point(double X, string Label);

    static Dictionary<string, object?> Document() => new()
    {
        ["string"] = "W/(m K), µm, <b> & \"quoted\" + back\\slash\nnew line\ttab é 漢",
        ["doubles"] = new object?[] { 0.1, -0.0, 1e-300, 5e-324, double.MaxValue, 231.08972189053213, 1.0, -3026.0 },
        ["ints"] = new List<int> { 0, -1, int.MaxValue },
        ["long"] = long.MinValue,
        ["flags"] = new List<object?> { true, false, null },
        ["seconds"] = new Dictionary<string, double> { ["optics"] = 0.47, ["mesh"] = 0.07, ["total"] = 2.5 },
        ["nested"] = new Dictionary<string, object?>
        {
            ["empty object"] = new Dictionary<string, object?>(),
            ["empty list"] = new List<object?>(),
            ["inputs.particle.diameter"] = new Dictionary<string, object?> { ["value"] = "530 nm", ["si"] = 5.3e-7, ["origin"] = null },
            ["rows"] = new List<Dictionary<string, object?>> { new() { ["a"] = 1 }, new() { ["b"] = new List<string> { "x", "y" } } },
        },
        ["sequence"] = Enumerable.Range(0, 3).Select(i => i * 0.5),
        ["float"] = 0.1f,
        ["nodes"] = JsonNode.Parse("""{"a": 1, "b": [0.1, "x", true, null, {"c": -2.5e-8}], "d": 231.08972189053213}"""),
        ["made nodes"] = new JsonObject { ["n"] = 3, ["x"] = 0.1, ["s"] = "µ", ["list"] = new JsonArray(1.5, 2) },
        ["double array"] = new[] { 1e10, 2.5 },
    };

    [Fact]
    public void A_document_reads_as_the_serializer_writes_it()
    {
        var doc = Document();
        Assert.Equal(JsonSerializer.Serialize(doc, CliJson.Options), CliJson.Serialize(doc));
        Assert.Equal(JsonSerializer.Serialize(doc["nested"], CliJson.Options), CliJson.Serialize(doc["nested"]));
        foreach (var scalar in new object?[] { null, "µ", 2.5, 7, true })
            Assert.Equal(JsonSerializer.Serialize(scalar, CliJson.Options), CliJson.Serialize(scalar));
    }

    /// <summary>
    /// Only documents are written: a record (which the serializer would write by reflection, absent from the native
    /// program) is a programming error, not a silent fallback that the native program would not have.
    /// </summary>
    [Fact]
    public void A_value_that_is_no_document_is_refused()
    {
        var doc = new Dictionary<string, object?> { ["record"] = new Point(1.5, "p") };
        var e = Assert.Throws<InvalidOperationException>(() => CliJson.Serialize(doc));
        Assert.Contains("Point", e.Message);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void A_non_finite_number_is_refused_as_by_the_serializer(double bad)
    {
        var doc = new Dictionary<string, object?>
        {
            ["ok"] = 1.0, ["deep"] = new List<object?> { new Dictionary<string, object?> { ["x"] = bad } },
        };
        Assert.Throws<ComputationException>(() => CliJson.Serialize(doc));
        Assert.Throws<ComputationException>(() => JsonSerializer.Serialize(doc, CliJson.Options));
    }
}
