using System.Globalization;
using System.Text.Json;

namespace MieCool.Cli.Tests;

/// <summary>`miecool cooling`, `emitter` and `map`, run through <see cref="Program.Run"/>.</summary>
public sealed class CoolingCommandsTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("miecool-cli-cooling-").FullName;
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static (int Code, string Out, string Err) Run(params string[] argv)
    {
        var o = new StringWriter(); var e = new StringWriter();
        int code = Program.Run(argv, new Console(o, e, false));
        return (code, o.ToString(), e.ToString());
    }

    static readonly string[] Headline =
    [
        "--material", "other/perovskite/CH3NH3PbI3/nk/Phillips", "--diameter", "530nm", "--host", "1.0", "--pump", "980nm",
        "--intensity", "7e6W/cm2", "--eta-int", "0.99", "--emission", "gaussian:775nm:40nm",
    ];

    [Fact]
    public void Emitter_json_has_the_documented_keys_and_the_Rayleigh_limit()
    {
        var (code, text, err) = Run("emitter", "--x", "3.0", "--m", "2.6+0.0001i", "--host", "1.0", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(text);
        var root = doc.RootElement;
        foreach (var key in new[] { "F_avg", "F_center", "F_avg_bulk", "orders" }) Assert.True(root.TryGetProperty(key, out _), key);
        Assert.Equal(root.GetProperty("F_avg").GetDouble() / 2.6, root.GetProperty("F_avg_bulk").GetDouble(), 1e-12);
        double sum = root.GetProperty("orders").EnumerateArray().Sum(o => o.GetProperty("F").GetDouble());
        Assert.Equal(root.GetProperty("F_avg").GetDouble(), sum, 1e-10);

        // a small sphere: |3/(m^2+2)|^2
        (code, text, _) = Run("emitter", "--x", "0.001", "--m", "2", "--json");
        Assert.Equal(0, code);
        using var small = JsonDocument.Parse(text);
        Assert.Equal(Math.Pow(3.0 / 6.0, 2), small.RootElement.GetProperty("F_center").GetDouble(), 1e-5);
    }

    [Fact]
    public void Cooling_headline_case_prints_every_number_with_its_unit()
    {
        var (code, text, err) = Run(["cooling", .. Headline, "--json"]);
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(text);
        var r = doc.RootElement;
        Assert.Equal("MQ", r.GetProperty("Qabs_multipoles")[0].GetProperty("label").GetString());
        Assert.Equal("MO", r.GetProperty("F_peak_dominant").GetString());
        double etaC = r.GetProperty("eta_c").GetDouble();
        double expected = r.GetProperty("eta_ext").GetDouble() * r.GetProperty("eta_abs").GetDouble() * 980
                          / r.GetProperty("lambda_f_nm").GetDouble() - 1;
        Assert.Equal(expected, etaC, 1e-12);
        Assert.Equal(-etaC * r.GetProperty("P_abs_W").GetDouble(), r.GetProperty("P_heat_W").GetDouble(), 1e-15);
        Assert.Contains("tabulated", r.GetProperty("absorption_model").GetString());

        var (code2, table, _) = Run(["cooling", .. Headline]);
        Assert.Equal(0, code2);
        foreach (var s in new[] { "eta_c", "lambda_f", "nm^2", "W/cm^2", "MQ", "MO", "tabulated k", "half-embedded" })
            Assert.Contains(s, table);
    }

    [Fact]
    public void Urbach_absorption_is_reported_and_changes_the_answer()
    {
        var (code, text, err) = Run(
            ["cooling", .. Headline, "--absorption", "urbach:1.61eV:15meV:1e4/cm", "--background-absorption", "1/cm", "--json"]);
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(text);
        var r = doc.RootElement;
        Assert.Contains("Urbach", r.GetProperty("absorption_model").GetString());
        Assert.True(r.GetProperty("pump_k_resonant").GetDouble() < 1e-6); // 980 nm is 0.35 eV below the gap
        Assert.True(r.GetProperty("eta_abs").GetDouble() < 1);
    }

    /// <summary>
    /// The band tail moves with --temperature: the sub-gap absorption at 240 K is far below that at 300 K; with background
    /// absorption eta_c falls to zero at a temperature below 240 K (the lowest cooling can reach), without it it does not.
    /// </summary>
    [Fact]
    public void The_temperature_options_move_the_band_tail_and_give_the_zero_cooling_temperature()
    {
        string[] tail = ["--band-edge", "1.6eV", "--urbach-energy", "15meV", "--band-edge-shift", "0.3meV/K",
                         "--urbach-static", "3.8meV", "--phonon-energy", "11.5meV", "--data-temperature", "293.15K", "--json"];
        JsonElement At(params string[] more)
        {
            var (code, text, err) = Run(["cooling", .. Headline, .. tail, .. more]);
            Assert.True(code == 0, err);
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        var warm = At("--temperature", "293.15K");
        var cold = At("--temperature", "240K");
        Assert.Equal(0.0134, warm.GetProperty("pump_k_resonant").GetDouble(), 1e-3); // the page's k at its own temperature
        Assert.True(cold.GetProperty("pump_k_resonant").GetDouble() < 0.1 * warm.GetProperty("pump_k_resonant").GetDouble());
        Assert.Equal(JsonValueKind.Null, cold.GetProperty("T_zero_cooling_K").ValueKind);
        var lossy = At("--temperature", "240K", "--background-absorption", "10/cm");
        Assert.InRange(lossy.GetProperty("T_zero_cooling_K").GetDouble(), 200, 240);
        // the background also takes a share of the re-absorbed luminescence (k_b / (k_r + k_b) of p_r: small at 10 /cm)
        double pr = lossy.GetProperty("p_r").GetDouble(), prb = lossy.GetProperty("p_r_background").GetDouble();
        Assert.InRange(prb, 1e-6 * pr, 0.01 * pr);
        Assert.Equal(0.0, cold.GetProperty("p_r_background").GetDouble());
        var (bad, _, err2) = Run(["cooling", .. Headline, "--band-edge", "1.6eV"]);
        Assert.Equal(2, bad);
        Assert.Contains("--urbach-energy", err2);
    }

    /// <summary>
    /// map --temperatures: eta_c(pump, T) of one particle; at 980 nm its sign change along T brackets the zero-cooling
    /// temperature that `cooling` finds by Brent's method (two routes through the same model).
    /// </summary>
    [Fact]
    public void The_temperature_map_brackets_the_zero_cooling_temperature()
    {
        string[] model = ["--material", "other/perovskite/CH3NH3PbI3/nk/Phillips", "--intensity", "7e6W/cm2", "--eta-int", "0.99",
                          "--emission", "gaussian:775nm:40nm", "--band-edge", "1.6eV", "--urbach-energy", "15meV",
                          "--band-edge-shift", "0.3meV/K", "--urbach-static", "3.8meV", "--phonon-energy", "11.5meV",
                          "--background-absorption", "10/cm", "--data-temperature", "293.15K"];
        var outDir = Path.Combine(_dir, "tmap");
        var (code, _, err) = Run(["map", .. model, "--diameters", "530nm", "--pump-wavelengths", "970:990:10nm",
                                  "--temperatures", "200:290:10K", "--out", outDir]);
        Assert.True(code == 0, err);
        Assert.True(File.Exists(Path.Combine(outDir, "eta_c_temperature.png")));
        var rows = File.ReadAllLines(Path.Combine(outDir, "eta_c_temperature.csv")).Where(l => !l.StartsWith('#')).Skip(1)
            .Select(l => l.Split(',').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray())
            .Where(r => r[0] == 980).ToList();
        Assert.Equal(10, rows.Count);
        var (c2, text, err2) = Run(["cooling", .. model, "--diameter", "530nm", "--pump-wavelength", "980nm", "--temperature", "290K",
                                    "--json"]);
        Assert.True(c2 == 0, err2);
        double t0 = JsonDocument.Parse(text).RootElement.GetProperty("T_zero_cooling_K").GetDouble();
        int k = rows.FindIndex(r => r[2] > 0);
        Assert.True(k > 0, "eta_c should be negative at the coldest temperature and positive at the warmest");
        Assert.InRange(t0, rows[k - 1][1], rows[k][1]);
    }

    [Theory]
    [InlineData("--eta-int", "1.5")]
    [InlineData("--intensity", "-7e6W/cm2")]
    [InlineData("--pump", "1800nm")]
    [InlineData("--emission", "gaussian:775nm")]
    [InlineData("--absorption", "urbach:1.61eV:15meV")]
    [InlineData("--background-absorption", "-3/cm")]
    public void Bad_cooling_input_exits_2_with_a_message(string option, string value)
    {
        var argv = Headline.ToList();
        int i = argv.IndexOf(option);
        if (i >= 0) argv[i + 1] = value; else argv.AddRange([option, value]);
        var (code, _, err) = Run(["cooling", .. argv]);
        Assert.Equal(2, code);
        Assert.StartsWith("error:", err);
        Assert.Contains(option, err);
    }

    [Fact]
    public void Empty_emission_spectrum_file_exits_2()
    {
        var csv = Path.Combine(_dir, "empty.csv");
        File.WriteAllText(csv, "wavelength_nm,intensity\n");
        var argv = Headline.ToList();
        argv[argv.IndexOf("--emission") + 1] = csv;
        var (code, _, err) = Run(["cooling", .. argv]);
        Assert.Equal(2, code);
        Assert.Contains("empty", err);
    }

    static string[] MapArgs(string outDir, string pumps = "900:1000:50nm") =>
    [
        "map", "--material", "other/perovskite/CH3NH3PbI3/nk/Phillips", "--diameters", "400:600:100nm", "--pumps", pumps,
        "--intensity", "7e6W/cm2", "--eta-int", "0.99", "--emission", "gaussian:775nm:40nm", "--out", outDir,
    ];

    [Fact]
    public void Map_writes_csv_and_plots_and_prints_the_optimum()
    {
        var outDir = Path.Combine(_dir, "map");
        var (code, text, err) = Run(MapArgs(outDir));
        Assert.True(code == 0, err);
        Assert.Contains("largest eta_c", text);
        foreach (var f in new[] { "cooling_map.csv", "eta_c.png", "cooling_power.png" })
            Assert.True(File.Exists(Path.Combine(outDir, f)), f);
        var lines = File.ReadAllLines(Path.Combine(outDir, "cooling_map.csv"));
        Assert.Equal("diameter_nm,pump_nm,Qabs,Cabs_nm2,eta_abs,F_bulk,eta_ext,lambda_f_nm,eta_c,P_abs_W,cooling_power_W", lines[1]);
        Assert.Equal(2 + 3 * 3, lines.Length);
        // the 500 nm / 950 nm row agrees with `miecool cooling`
        var row = lines.Single(l => l.StartsWith("500,950,", StringComparison.Ordinal)).Split(',');
        var (_, json, _) = Run(["cooling", .. Headline.Select(a => a switch { "530nm" => "500nm", "980nm" => "950nm", _ => a }), "--json"]);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(doc.RootElement.GetProperty("eta_c").GetDouble(), double.Parse(row[8], CultureInfo.InvariantCulture), 1e-12);
        Assert.Empty(Directory.GetDirectories(_dir, ".map.tmp-*"));
    }

    [Fact]
    public void Map_with_bad_input_writes_nothing()
    {
        var outDir = Path.Combine(_dir, "bad");
        var (code, _, err) = Run(MapArgs(outDir, pumps: "900:1600:100nm")); // beyond the Phillips data
        Assert.Equal(2, code);
        Assert.Contains("--pumps", err);
        Assert.False(Directory.Exists(outDir));
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public void Tabulated_emission_csv_gives_the_same_answer_as_the_equivalent_gaussian()
    {
        // a finely sampled Gaussian written as a CSV: lambda_f and eta_c agree with gaussian:775nm:40nm to the quadrature error
        var csv = Path.Combine(_dir, "pl.csv");
        var lines = new List<string> { "wavelength_nm,intensity" };
        for (double nm = 675; nm <= 875.0001; nm += 1)
            lines.Add(FormattableString.Invariant($"{nm},{Math.Exp(-4 * Math.Log(2) * (nm - 775) * (nm - 775) / (40.0 * 40.0))}"));
        File.WriteAllLines(csv, lines);
        var argv = Headline.ToList();
        argv[argv.IndexOf("--emission") + 1] = csv;
        var (code, text, err) = Run(["cooling", .. argv, "--json"]);
        Assert.True(code == 0, err);
        var (_, reference, _) = Run(["cooling", .. Headline, "--json"]);
        using var a = JsonDocument.Parse(text); using var b = JsonDocument.Parse(reference);
        Assert.Equal(b.RootElement.GetProperty("lambda_f_nm").GetDouble(), a.RootElement.GetProperty("lambda_f_nm").GetDouble(), 0.1);
        Assert.Equal(b.RootElement.GetProperty("eta_c").GetDouble(), a.RootElement.GetProperty("eta_c").GetDouble(), 2e-3);
    }

    [Fact]
    public void Map_with_an_Urbach_tail_and_pumps_above_the_gap_writes_nothing()
    {
        var outDir = Path.Combine(_dir, "urbach");
        var (code, _, err) = Run([.. MapArgs(outDir, pumps: "700:900:100nm"), "--absorption", "urbach:1.61eV:15meV:1e4/cm"]);
        Assert.Equal(2, code);
        Assert.Contains("above E_g", err);
        Assert.False(Directory.Exists(outDir));
    }
}
