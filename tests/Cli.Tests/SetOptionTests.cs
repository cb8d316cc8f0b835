using System.Text.Json;
using System.Text.Json.Nodes;

namespace MieCool.Cli.Tests;

/// <summary>
/// `--set KEY=VALUE` on the case-driven commands: a run with a key set equals, bit for bit, the run of the case file edited
/// to say the same; summary.json gives the value's origin as "--set"; bad keys and values are one error line, exit 2.
/// </summary>
public sealed class SetOptionTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("miecool-set-").FullName;
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static string Case(string name) => Path.Combine(IoCommandsTests.RepoRoot(), "cases", name);

    /// <summary>summary.json without what differs by design: timings, the case path and the inputs' origins.</summary>
    internal static JsonObject Results(string json)
    {
        var o = JsonNode.Parse(json)!.AsObject();
        foreach (var k in new[] { "seconds", "case", "inputs" }) o.Remove(k);
        return o;
    }

    [Fact]
    public void Run_with_a_set_diameter_equals_the_edited_case_file_bit_for_bit()
    {
        var text = File.ReadAllText(Case("tonkaev2019_mapbi3_d530.toml"));
        var edited = Path.Combine(_dir, "d540.toml");
        File.WriteAllText(edited, text.Replace("diameter = \"530 nm\"", "diameter = \"540 nm\""));
        string[] common = ["--coarse", "--json", "--quiet", "--threads", "1"];
        var set = HeatCommandTests.Run(["run", Case("tonkaev2019_mapbi3_d530.toml"), "--set", "particle.diameter=540 nm",
                                        "--set", "optics.intensity=7e6W/cm^2", "--out", Path.Combine(_dir, "set"), .. common]);
        Assert.True(set.Code == 0, set.Err);
        var file = HeatCommandTests.Run(["run", edited, "--out", Path.Combine(_dir, "file"), .. common]);
        Assert.True(file.Code == 0, file.Err);
        Assert.Equal(Results(file.Out).ToJsonString(), Results(set.Out).ToJsonString());
        var inputs = JsonDocument.Parse(set.Out).RootElement.GetProperty("inputs");
        Assert.Equal("--set", inputs.GetProperty("particle.diameter").GetProperty("origin").GetString());
        Assert.Equal("540 nm", inputs.GetProperty("particle.diameter").GetProperty("value").GetString());
        Assert.Equal("--set", inputs.GetProperty("optics.intensity").GetProperty("origin").GetString());
        Assert.StartsWith("line ", inputs.GetProperty("optics.pump_wavelength").GetProperty("origin").GetString());
    }

    [Theory]
    [InlineData("particle.diamter=540nm", "error: --set particle.diamter: unknown key; valid: did you mean particle.diameter?")]
    [InlineData("particle.diameter=540", "error: --set particle.diameter: a quantity needs a unit")]
    [InlineData("particle.diameter=540 kg", "error: --set particle.diameter: unknown unit \"kg\"")]
    [InlineData("thermal.conductivity=1", "error: --set thermal.conductivity: is a table, not a scalar key")]
    [InlineData("particle.diameter", "error: --set: expected KEY=VALUE")]
    public void A_bad_set_is_one_error_line_exit_2_for_every_case_command(string set, string start)
    {
        foreach (var command in new[] { "check", "run", "heat", "mesh", "transient" })
        {
            string casePath = command is "heat" or "mesh" ? Case("heat_sphere_on_glass.toml") : Case("tonkaev2019_mapbi3_d530.toml");
            string[] argv = command == "check" ? [command, casePath, "--set", set]
                : [command, casePath, "--set", set, "--out", Path.Combine(_dir, command), "--quiet"];
            var (code, _, err) = HeatCommandTests.Run(argv);
            Assert.True(code == 2, $"{command}: {err}");
            Assert.StartsWith(start, err.Trim());
            Assert.Single(err.Trim().Split('\n'));
        }
    }

    [Fact]
    public void Heat_with_a_set_power_equals_the_edited_case_file()
    {
        var text = File.ReadAllText(HeatCommandTests.ShippedCase);
        var m = System.Text.RegularExpressions.Regex.Match(text, "power = \"[^\"]*\"");
        Assert.True(m.Success);
        var edited = Path.Combine(_dir, "heat.toml");
        File.WriteAllText(edited, text.Replace(m.Value, "power = \"2 uW\""));
        string[] common = ["--coarse", "--json", "--quiet", "--threads", "1"];
        var set = HeatCommandTests.Run(["heat", HeatCommandTests.ShippedCase, "--set", "source.power=2uW",
                                        "--out", Path.Combine(_dir, "hs"), .. common]);
        var file = HeatCommandTests.Run(["heat", edited, "--out", Path.Combine(_dir, "hf"), .. common]);
        Assert.True(set.Code == 0 && file.Code == 0, set.Err + file.Err);
        Assert.Equal(Results(file.Out).ToJsonString(), Results(set.Out).ToJsonString());
    }
}
