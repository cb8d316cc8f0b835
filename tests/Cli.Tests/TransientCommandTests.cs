using System.Globalization;
using System.Text.Json;

namespace MieCool.Cli.Tests;

/// <summary>
/// `miecool transient`: the headline case on the coarse mesh (its curve, files and summary keys, which scripts rely on),
/// a heat case with the pump switched off, and bad input.
/// </summary>
public sealed class TransientCommandTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("miecool-transient-").FullName;
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static string Case(string name) => CaseRuns.Case(name);

    (int Code, JsonElement Json, string Err, string Out) Run(string casePath, string outName, params string[] more) =>
        CaseRuns.Run("transient", _dir, casePath, outName, more);

    string Variant(string source, string name, params (string Old, string New)[] edits) =>
        CaseRuns.Variant(_dir, source, name, edits);

    /// <summary>
    /// The reproduction case to 1 ms: the curve reaches the self-consistent steady state (to 1e-4 of the change), t50 &lt;
    /// t90 &lt; t99 inside the run, cooling_curve.csv has the columns scripts read, fields.xdmf is a time series, no NaN.
    /// </summary>
    [Fact]
    public void The_reproduction_case_cools_to_its_steady_state_with_the_curve_and_the_keys_scripts_read()
    {
        var (code, j, err, dir) = Run(Case("tonkaev2019_mapbi3_d530.toml"), "d530");
        Assert.True(code == 0, err);
        double end = j.GetProperty("dT_particle_mean_K").GetDouble(), steady = j.GetProperty("steady_dT_particle_mean_K").GetDouble();
        Assert.InRange(steady, -70, -55);
        Assert.Equal(steady, end, 1e-4 * Math.Abs(steady));
        Assert.Equal(1e-3, j.GetProperty("time_s").GetDouble(), 1e-15);
        double t50 = j.GetProperty("t50_s").GetDouble(), t90 = j.GetProperty("t90_s").GetDouble(), t99 = j.GetProperty("t99_s").GetDouble();
        Assert.True(0 < t50 && t50 < t90 && t90 < t99 && t99 < 1e-3, $"t50 {t50}, t90 {t90}, t99 {t99}");
        Assert.InRange(t90, 1e-9, 1e-5); // the particle settles in tens of nanoseconds (a^2/D ~ 0.15 us)
        Assert.InRange(j.GetProperty("energy_balance_rel").GetDouble(), 0, 1e-7);
        Assert.True(j.GetProperty("self_consistent").GetProperty("converged").GetBoolean());
        foreach (var f in new[] { "cooling_curve.csv", "cooling_curve.png", "fields.h5", "fields.xdmf", "summary.json" })
            Assert.True(File.Exists(Path.Combine(dir, f)), f);
        var lines = File.ReadAllLines(Path.Combine(dir, "cooling_curve.csv")).Where(l => !l.StartsWith('#')).ToList();
        var header = lines[0].Split(',');
        Assert.Equal("time_s", header[0]);
        Assert.Contains("dT_particle_mean_K", header);
        int col = Array.IndexOf(header, "dT_particle_mean_K");
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(j.GetProperty("transient").GetProperty("steps").GetInt32(), rows.Count);
        var times = rows.Select(r => double.Parse(r[0], CultureInfo.InvariantCulture)).ToList();
        Assert.True(times.Zip(times.Skip(1)).All(p => p.Second > p.First));
        Assert.Equal(end, double.Parse(rows[^1][col], CultureInfo.InvariantCulture), 1e-12);
        foreach (var file in new[] { "cooling_curve.csv", "summary.json", "fields.xdmf" })
        {
            var text = File.ReadAllText(Path.Combine(dir, file));
            Assert.DoesNotContain("NaN", text);
            Assert.DoesNotContain("Infinity", text);
        }
        var xdmf = File.ReadAllText(Path.Combine(dir, "fields.xdmf"));
        Assert.Contains("CollectionType=\"Temporal\"", xdmf);
        Assert.Equal(j.GetProperty("transient").GetProperty("snapshots").GetInt32(), xdmf.Split("<Time Value=").Length - 1);
        Assert.Single(System.Xml.Linq.XDocument.Parse(xdmf).Descendants("Topology")); // the mesh once, not per step

        // ParaView: the series with units and named regions, its boundary, and view.py's slice at the end state
        var pv = MieCool.Results.Tests.ParaView.Probe(Path.Combine(dir, "fields.xdmf"));
        Assert.Contains("dT [K]", pv.GetProperty("point_arrays").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("q [W/m^3]", pv.GetProperty("cell_arrays").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("region (1 particle, 3 substrate, 4 air)", pv.GetProperty("tag_array").GetString());
        var boundary = MieCool.Results.Tests.ParaView.Probe(Path.Combine(dir, "fields_boundary.xdmf"));
        Assert.StartsWith("boundary (11 particle_surface", boundary.GetProperty("tag_array").GetString());
        var view = MieCool.Results.Tests.ParaView.RunViewScript(Path.Combine(dir, "view.py"), Path.Combine(dir, "..", "transient.png"));
        Assert.Equal("T [K]", view.GetProperty("title").GetString());
        Assert.Equal(1e-3, view.GetProperty("time").GetDouble(), 1e-12);
        Assert.Matches("^([0-9a-f]{40}|unknown)$", j.GetProperty("commit").GetString());
        Assert.Equal("main/SiO2/nk/Malitson",
                     j.GetProperty("material_data").GetProperty("substrate").GetProperty("material").GetString());
    }

    /// <summary>A heat case with the pump switched off halfway: the particle returns to ambient; t99 is reached before.</summary>
    [Fact]
    public void A_heat_case_switched_off_returns_to_ambient()
    {
        var path = Variant(Case("heat_sphere_on_glass.toml"), "off", ("\n[source]\n",
            "\n[transient]\nend = \"2 ms\"\npump_off = \"1 ms\"\n\n" +
            "[thermal.density]\nparticle = \"4.16 g/cm^3\"\nsubstrate = \"2.2 g/cm^3\"\n\n" +
            "[thermal.specific_heat]\nparticle = \"250 J/(kg K)\"\nsubstrate = \"740 J/(kg K)\"\n\n[source]\n"));
        var (code, j, err, _) = Run(path, "off");
        Assert.True(code == 0, err);
        double steady = j.GetProperty("steady_dT_particle_mean_K").GetDouble();
        Assert.True(steady > 0);
        Assert.InRange(Math.Abs(j.GetProperty("dT_particle_mean_K").GetDouble()), 0, 1e-3 * steady);
        Assert.True(j.GetProperty("t99_s").GetDouble() < 1e-3);
        Assert.Equal(1e-3, j.GetProperty("transient").GetProperty("pump_off_s").GetDouble());
    }

    [Fact]
    public void Missing_heat_capacities_an_end_time_or_a_bad_schedule_are_one_error_line_each_and_exit_2()
    {
        var noCapacity = Variant(Case("heat_sphere_on_glass.toml"), "nocap",
                                 ("\n[source]\n", "\n[transient]\nend = \"1 ms\"\n\n[source]\n"));
        var (code, _, err, dir) = Run(noCapacity, "nocap");
        Assert.Equal(2, code);
        Assert.StartsWith("error:", err.Trim());
        Assert.Contains("density.particle", err);
        Assert.False(Directory.Exists(dir));

        var (code2, _, err2, _) = Run(Case("heat_sphere_on_glass.toml"), "noend");
        Assert.Equal(2, code2);
        Assert.Contains("--end", err2);

        var badPulse = Variant(Case("heat_sphere_on_glass.toml"), "pulse",
            ("\n[source]\n", "\n[transient]\nend = \"1 ms\"\npulse_period = \"1 us\"\npulse_duration = \"2 us\"\n\n[source]\n"));
        var (code3, _, err3, _) = Run(badPulse, "pulse");
        Assert.Equal(2, code3);
        Assert.Contains("pulse_duration", err3);
        Assert.Single(err3.Trim().Split('\n'));
    }
}
