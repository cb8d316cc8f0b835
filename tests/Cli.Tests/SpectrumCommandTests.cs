using System.Globalization;

namespace MieCool.Cli.Tests;

public class SpectrumCommandTests
{
    static (int Code, string Out, string Err) Run(params string[] argv) => MaterialsCommandTests.Run(argv);

    static string TempDir() => Path.Combine(Path.GetTempPath(), "miecool-spectrum-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Spectrum_writes_csv_with_units_rows_that_conserve_energy_and_a_png()
    {
        var dir = TempDir();
        try
        {
            var (code, output, err) = Run("spectrum", "--material", "other/perovskite/CH3NH3PbI3/nk/Phillips", "--diameter", "530nm",
                "--host", "1.0", "--wavelengths", "500:1100:2nm", "--out", dir);
            Assert.True(code == 0, err);
            Assert.Contains("diameter 530 nm", output);           // effective inputs echoed with units
            Assert.Contains("500-1100 nm", output);
            var lines = File.ReadAllLines(Path.Combine(dir, "spectrum.csv"));
            var header = lines[0].Split(',');
            Assert.Equal("wavelength_nm,x,n,k,Qext,Qsca,Qabs,Qback,g,Cext_nm2,Csca_nm2,Cabs_nm2", string.Join(',', header[..12]));
            Assert.Equal(["ED_Qext", "ED_Qsca", "ED_Qabs"], header[12..15]);
            Assert.Equal("MO_Qabs", header[^1]);
            Assert.Equal(301, lines.Length - 1);
            int col(string name) => Array.IndexOf(header, name);
            foreach (var line in lines.Skip(1))
            {
                var v = line.Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
                Assert.Equal(v[col("Qext")], v[col("Qsca")] + v[col("Qabs")], 1e-12);
                Assert.True(v[col("Qabs")] >= 0 && v[col("k")] > 0);
                double r = 265; // nm
                Assert.Equal(v[col("Cext_nm2")], v[col("Qext")] * Math.PI * r * r, 1e-6 * v[col("Cext_nm2")]);
                Assert.Equal(2 * Math.PI * r / v[col("wavelength_nm")], v[col("x")], 1e-12);
            }
            Assert.Equal(500, double.Parse(lines[1].Split(',')[0], CultureInfo.InvariantCulture));
            var png = File.ReadAllBytes(Path.Combine(dir, "spectrum.png"));
            Assert.True(png.Length > 10_000);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
            // at least one resonance, in the sampled range, named by a multipole
            var peaks = output.Split('\n').Where(l => l.TrimStart().StartsWith("Qext ", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(peaks);
            foreach (var p in peaks)
            {
                var wl = double.Parse(p.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
                Assert.InRange(wl, 500, 1100);
                Assert.Matches("(ED|MD|EQ|MQ|EO|MO)", p);
            }
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }

    [Fact]
    public void Constant_index_in_a_host_uses_the_relative_index_and_json_lists_resonances()
    {
        // A sphere of index 1.5 n_host in a host n_host scatters as index 1.5 in vacuum at size n_host r (x = 2 pi n_host r / lambda0)
        var a = TempDir(); var b = TempDir();
        try
        {
            Assert.Equal(0, Run("spectrum", "--material", "2.0+0.01i", "--radius", "150nm", "--host", "1.33",
                "--wavelengths", "400:800:5nm", "--out", a, "--quiet").Code);
            var (code, json, _) = Run("spectrum", "--material", "1.5037593984962405+0.0075187969924812i", "--radius", "199.5nm",
                "--wavelengths", "400:800:5nm", "--out", b, "--json");
            Assert.Equal(0, code);
            var doc = System.Text.Json.JsonDocument.Parse(json).RootElement;
            Assert.Equal(399, doc.GetProperty("diameter_nm").GetDouble(), 1e-9);
            Assert.Equal(81, doc.GetProperty("points").GetInt32());
            foreach (var r in doc.GetProperty("resonances").EnumerateArray())
                Assert.InRange(r.GetProperty("wavelength_nm").GetDouble(), 400, 800);
            var ra = File.ReadAllLines(Path.Combine(a, "spectrum.csv"));
            var rb = File.ReadAllLines(Path.Combine(b, "spectrum.csv"));
            for (int i = 1; i < ra.Length; i++)
            {
                double qa = double.Parse(ra[i].Split(',')[4], CultureInfo.InvariantCulture);
                double qb = double.Parse(rb[i].Split(',')[4], CultureInfo.InvariantCulture);
                Assert.Equal(qa, qb, 1e-9);
            }
        }
        finally { foreach (var d in new[] { a, b }) if (Directory.Exists(d)) Directory.Delete(d, true); }
    }

    [Fact]
    public void Core_shell_adds_the_shell_index_columns()
    {
        var dir = TempDir();
        try
        {
            var (code, output, err) = Run("spectrum", "--material", "MAPbI3/Phillips", "--diameter", "400nm",
                "--shell-material", "SiO2", "--shell-thickness", "20nm", "--wavelengths", "600:900:10nm", "--out", dir);
            Assert.True(code == 0, err);
            Assert.Contains("outer diameter 440 nm", output);
            var lines = File.ReadAllLines(Path.Combine(dir, "spectrum.csv"));
            Assert.EndsWith(",shell_n,shell_k", lines[0]);
            var v = lines[1].Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(2 * Math.PI * 220 / 600, v[1], 1e-12);        // x of the outer radius
            Assert.Equal(1.4580, v[^2], 1e-3);                          // fused silica at 600 nm
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }

    public static TheoryData<string[], string> BadInputs => new()
    {
        {
            ["--material", "CH3NH3PbI3/Philips", "--diameter", "530nm", "--wavelengths", "500:1100:1nm"],
            "other/perovskite/CH3NH3PbI3/nk/Phillips"
        },
        { ["--material", "MAPbI3/Phillips", "--diameter", "0nm", "--wavelengths", "500:1100:1nm"], "--diameter" },
        { ["--material", "MAPbI3/Phillips", "--radius", "-5nm", "--wavelengths", "500:1100:1nm"], "--radius" },
        { ["--material", "2.5+0.01", "--diameter", "530nm", "--wavelengths", "500:1100:1nm"], "malformed" },
        { ["--material", "2.5-0.01i", "--diameter", "530nm", "--wavelengths", "500:1100:1nm"], "n + ik" },
        { ["--material", "MAPbI3/Phillips", "--diameter", "530nm", "--wavelengths", "200:1100:1nm"], "300.01-1501.32 nm" },
        { ["--material", "MAPbI3/Phillips", "--diameter", "530nm", "--wavelengths", "1100:500:1nm"], "empty range" },
        { ["--material", "MAPbI3/Phillips", "--diameter", "530nm", "--wavelengths", "500:1100:1nm", "--host", "-1"], "--host" },
        { ["--material", "MAPbI3/Phillips", "--diameter", "530", "--wavelengths", "500:1100:1nm"], "--diameter" },
        {
            ["--material", "MAPbI3/Phillips", "--diameter", "530nm", "--wavelengths", "500:1100:1nm", "--shell-material", "SiO2"],
            "--shell-thickness"
        },
        { ["--material", "MAPbI3/Phillips", "--diameter", "530nm", "--wavelengths", "500:1100:1nm", "--colour", "red"], "--colour" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_exits_2_with_one_line_and_leaves_no_output(string[] options, string expected)
    {
        var dir = TempDir();
        var (code, output, err) = Run(["spectrum", .. options, "--out", dir]);
        Assert.Equal(2, code);
        Assert.Contains(expected, err);
        Assert.Single(err.Trim().Split('\n'));
        Assert.StartsWith("error: ", err);
        Assert.False(Directory.Exists(dir));
        Assert.Empty(Directory.GetDirectories(Path.GetDirectoryName(dir)!, "." + Path.GetFileName(dir) + ".tmp-*"));
        Assert.DoesNotContain("resonances", output);
    }
}
