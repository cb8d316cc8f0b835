using System.Text.Json;

namespace MieCool.Cli.Tests;

/// <summary>
/// `miecool substrate` through <see cref="Program.Run"/>: the JSON contract, the plain Mie limit (substrate = host), the
/// energy balance of a lossless sphere on glass, material pages, and every bad input as one line with exit 2.
/// </summary>
public class SubstrateCommandTests
{
    static (int Code, string Out, string Err) Run(params string[] argv)
    {
        var o = new StringWriter(); var e = new StringWriter();
        int code = Program.Run(argv, new Console(o, e, false));
        return (code, o.ToString(), e.ToString());
    }

    /// <summary>The headline sphere of issue 12: 530 nm MAPbI3 at 980 nm (the Phillips page's index there).</summary>
    static readonly string[] Headline = ["--diameter", "530nm", "--wavelength", "980nm", "--index", "2.31719+0.0133512i"];

    static JsonElement Json(params string[] argv)
    {
        var (code, output, err) = Run(["substrate", .. argv, "--json"]);
        Assert.True(code == 0, err);
        Assert.Equal("", err);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    [Fact]
    public void Json_has_the_efficiencies_the_multipoles_the_settings_and_the_inputs()
    {
        var r = Json([.. Headline, "--substrate", "1.4507"]);
        foreach (var key in new[] { "Qext", "Qsca", "Qsca_host", "Qsca_substrate", "Qabs", "Qabs_free" })
            Assert.True(r.GetProperty(key).GetDouble() > 0, key);
        Assert.Equal(530, r.GetProperty("diameter_nm").GetDouble());
        Assert.Equal(980, r.GetProperty("wavelength_nm").GetDouble());
        Assert.Equal("2.31719+0.0133512i", r.GetProperty("index").GetString());
        Assert.Equal(1.0, r.GetProperty("host").GetDouble());
        Assert.Equal("1.4507", r.GetProperty("substrate").GetString());
        Assert.Equal(265, r.GetProperty("centre_height_nm").GetDouble()); // touching by default
        Assert.Equal(0, r.GetProperty("incidence_deg").GetDouble());
        Assert.Equal("te", r.GetProperty("polarisation").GetString());
        Assert.Equal("host", r.GetProperty("from").GetString());
        Assert.False(r.GetProperty("substrate_absorbs").GetBoolean());
        Assert.Equal(JsonValueKind.Null, r.GetProperty("Qabs_substrate").ValueKind); // glass absorbs nothing
        Assert.False(r.TryGetProperty("film_index", out _));
        Assert.False(r.TryGetProperty("film_thickness_nm", out _));

        double qext = r.GetProperty("Qext").GetDouble(), qabs = r.GetProperty("Qabs").GetDouble();
        Assert.Equal(r.GetProperty("Qsca_host").GetDouble() + r.GetProperty("Qsca_substrate").GetDouble(),
                     r.GetProperty("Qsca").GetDouble(), 1e-14);
        Assert.Equal(qext, qabs + r.GetProperty("Qsca").GetDouble(), 1e-6 * qext);
        Assert.Equal(qabs / r.GetProperty("Qabs_free").GetDouble(), r.GetProperty("Qabs_ratio").GetDouble(), 1e-14);

        var multipoles = r.GetProperty("absorption_multipoles");
        var first = multipoles[0];
        foreach (var key in new[] { "label", "n", "type", "Qabs", "share" }) Assert.True(first.TryGetProperty(key, out _), key);
        Assert.Equal("MQ", first.GetProperty("label").GetString()); // the magnetic quadrupole dominates, as without the glass
        Assert.Equal(2, first.GetProperty("n").GetInt32());
        Assert.Equal("magnetic", first.GetProperty("type").GetString());
        Assert.Equal(qabs, multipoles.EnumerateArray().Sum(t => t.GetProperty("Qabs").GetDouble()), 1e-12 * qabs);
        Assert.Equal(1, multipoles.EnumerateArray().Sum(t => t.GetProperty("share").GetDouble()), 1e-12);

        var s = r.GetProperty("settings");
        int lmax = s.GetProperty("lmax").GetInt32();
        Assert.Equal(2 * lmax, multipoles.GetArrayLength());
        Assert.Equal(6, s.GetProperty("extra_orders").GetInt32());
        Assert.Equal(1e-10, s.GetProperty("tolerance").GetDouble());
        Assert.Equal(0.1, s.GetProperty("deflection").GetDouble());
        Assert.True(s.GetProperty("integrand_evaluations").GetInt32() > 0);
    }

    [Theory]
    [InlineData(1.0, "0deg", "te")]
    [InlineData(1.33, "35deg", "tm")]
    public void A_substrate_of_the_host_index_gives_what_miecool_mie_gives(double host, string angle, string polarisation)
    {
        string n = host.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var r = Json([.. Headline, "--host", n, "--substrate", n, "--incidence", angle, "--polarisation", polarisation]);
        // the same sphere by `miecool mie`: x = 2 pi n_host a / lambda0, m relative to the host
        string x = (2 * Math.PI * host * 265 / 980).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        string m = $"{(2.31719 / host).ToString("R", System.Globalization.CultureInfo.InvariantCulture)}+" +
                   $"{(0.0133512 / host).ToString("R", System.Globalization.CultureInfo.InvariantCulture)}i";
        var (code, output, err) = Run("mie", "--x", x, "--m", m, "--json");
        Assert.True(code == 0, err);
        var mie = JsonDocument.Parse(output).RootElement[0];
        foreach (var (ours, theirs) in new[] { ("Qext", "Qext"), ("Qsca", "Qsca"), ("Qabs", "Qabs"), ("Qabs_free", "Qabs") })
        {
            double expected = mie.GetProperty(theirs).GetDouble();
            Assert.Equal(expected, r.GetProperty(ours).GetDouble(), 1e-9 * expected);
        }
        // each multipole's absorption is the free sphere's
        double qabs = r.GetProperty("Qabs").GetDouble();
        foreach (var t in r.GetProperty("absorption_multipoles").EnumerateArray().Take(4))
            Assert.Equal(t.GetProperty("Qabs_free").GetDouble(), t.GetProperty("Qabs").GetDouble(), 1e-9 * qabs);
    }

    [Theory]
    [InlineData("host", "0deg", "te")]
    [InlineData("host", "40deg", "tm")]
    [InlineData("substrate", "20deg", "te")]
    public void A_lossless_sphere_on_glass_scatters_what_it_takes_from_the_wave(string from, string angle, string polarisation)
    {
        var r = Json("--diameter", "300nm", "--wavelength", "800nm", "--index", "2", "--substrate", "1.5", "--centre-height", "200nm",
                     "--from", from, "--incidence", angle, "--polarisation", polarisation);
        double qext = r.GetProperty("Qext").GetDouble();
        Assert.InRange(Math.Abs(r.GetProperty("Qabs").GetDouble()), 0, 1e-12);
        Assert.Equal(qext, r.GetProperty("Qabs").GetDouble() + r.GetProperty("Qsca").GetDouble(), 1e-6 * qext);
        Assert.Equal(JsonValueKind.Null, r.GetProperty("Qabs_ratio").ValueKind); // 0 / 0 is no number
        Assert.Equal(from, r.GetProperty("from").GetString());
        Assert.Equal(200, r.GetProperty("centre_height_nm").GetDouble());
    }

    [Fact]
    public void A_material_page_gives_the_substrate_its_index_at_the_wavelength()
    {
        var page = Json([.. Headline, "--substrate", "main/SiO2/nk/Malitson"]);
        Assert.Equal("main/SiO2/nk/Malitson", page.GetProperty("substrate_material").GetString());
        // fused silica at 980 nm (Malitson 1965): n = 1.4507
        Assert.True(MieCool.Optics.IndexParser.TryParse(page.GetProperty("substrate").GetString()!, out var n));
        Assert.Equal(1.4507, n.Real, 1e-4);
        var constant = Json([.. Headline, "--substrate", page.GetProperty("substrate").GetString()!]);
        Assert.Equal(constant.GetProperty("Qabs").GetDouble(), page.GetProperty("Qabs").GetDouble(), 1e-15);
        Assert.False(constant.TryGetProperty("substrate_material", out _));
    }

    [Fact]
    public void A_film_and_an_absorbing_substrate_are_reported()
    {
        var r = Json("--diameter", "200nm", "--wavelength", "600nm", "--index", "2.5+0.02i", "--substrate", "3.9+0.02i",
                     "--film-index", "1.46", "--film-thickness", "100nm", "--lmax", "8");
        Assert.Equal("1.46", r.GetProperty("film_index").GetString());
        Assert.Equal(100, r.GetProperty("film_thickness_nm").GetDouble());
        Assert.True(r.GetProperty("substrate_absorbs").GetBoolean());
        Assert.Equal(8, r.GetProperty("settings").GetProperty("lmax").GetInt32());
        Assert.Equal(JsonValueKind.Null, r.GetProperty("settings").GetProperty("extra_orders").ValueKind);
        double qext = r.GetProperty("Qext").GetDouble();
        Assert.Equal(qext, r.GetProperty("Qabs").GetDouble() + r.GetProperty("Qsca").GetDouble(), 1e-6 * qext);
        Assert.Equal(JsonValueKind.Number, r.GetProperty("Qabs_substrate").ValueKind); // the particle's change of its absorption
    }

    [Fact]
    public void The_table_names_every_efficiency_and_the_multipoles()
    {
        var (code, output, err) = Run(["substrate", .. Headline, "--substrate", "1.4507"]);
        Assert.True(code == 0, err);
        foreach (var s in new[] { "Qext", "Qsca", "Qsca_host", "Qsca_substrate", "Qabs", "Qabs_free", "lmax", " MQ ", " ED ", "nm^2" })
            Assert.Contains(s, output);
        Assert.DoesNotContain("NaN", output);
        Assert.DoesNotContain("Infinity", output);
    }

    [Theory]
    [InlineData("--diameter", "-530nm", "--diameter")]
    [InlineData("--diameter", "530", "--diameter")]
    [InlineData("--centre-height", "200nm", "--centre-height")]
    [InlineData("--polarisation", "circular", "--polarisation")]
    [InlineData("--from", "below", "--from")]
    [InlineData("--incidence", "90deg", "--incidence")]
    [InlineData("--incidence", "10nm", "--incidence")]
    [InlineData("--substrate", "main/SiO2/nk/NoSuchAuthor", "--substrate")]
    [InlineData("--substrate", "1.45-0.1i", "--substrate")]
    [InlineData("--index", "no/such/page", "--index")]
    [InlineData("--wavelength", "20um", "--substrate")]           // outside the Malitson page's data
    [InlineData("--film-index", "1.46", "--film-index")]          // without --film-thickness
    [InlineData("--film-thickness", "100nm", "--film-thickness")] // without --film-index
    [InlineData("--lmax", "0", "--lmax")]
    [InlineData("--extra-orders", "1.5", "--extra-orders")]
    [InlineData("--host", "0", "--host")]
    public void Bad_input_is_one_line_naming_the_option_and_exit_2(string option, string value, string named)
    {
        List<string> argv = ["substrate", .. Headline, "--substrate", "main/SiO2/nk/Malitson"];
        int i = argv.IndexOf(option);
        if (i >= 0) argv[i + 1] = value; else argv.AddRange([option, value]);
        AssertBadInput(argv, named, named == option ? value : null); // a wavelength outside a page is the page's error
    }

    [Fact]
    public void A_wave_from_inside_an_absorbing_substrate_and_both_order_controls_are_rejected()
    {
        AssertBadInput(["substrate", .. Headline, "--substrate", "3.6+0.01i", "--from", "substrate"], "--from", "substrate");
        AssertBadInput(["substrate", .. Headline, "--substrate", "1.5", "--lmax", "10", "--extra-orders", "4"], "--extra-orders", "4");
    }

    [Fact]
    public void A_sphere_too_large_for_oblique_incidence_is_refused_before_any_work()
    {
        // 20 um at 600 nm: x = 105, every azimuthal order coupled; normal incidence (m = +-1 only) stays allowed
        AssertBadInput(["substrate", "--diameter", "20um", "--wavelength", "600nm", "--index", "2.5+0.01i", "--substrate", "1.5",
                        "--incidence", "30deg"], "--diameter", null);
    }

    static void AssertBadInput(IEnumerable<string> argv, string named, string? value)
    {
        var (code, output, err) = Run([.. argv]);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith($"error: {named}", err);
        if (value is not null) Assert.Contains($"(got \"{value}\")", err);
        Assert.Contains("valid: ", err);
        Assert.Single(err.TrimEnd().Split('\n'));
    }
}
