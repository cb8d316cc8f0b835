using System.Text.Json;

namespace MieCool.Cli.Tests;

public class MieCommandTests
{
    static (int Code, string Out, string Err) Run(params string[] argv)
    {
        var o = new StringWriter(); var e = new StringWriter();
        int code = Program.Run(argv, new Console(o, e, false));
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public void Json_has_one_object_per_size_parameter_with_multipoles_and_coefficients()
    {
        var (code, output, _) = Run("mie", "--x", "0.5,3.0,1e4", "--m", "2.6+0.01i", "--json");
        Assert.Equal(0, code);
        var doc = JsonDocument.Parse(output).RootElement;
        Assert.Equal(3, doc.GetArrayLength());
        var first = doc[0];
        Assert.Equal(0.5, first.GetProperty("x").GetDouble());
        Assert.Equal(2.6, first.GetProperty("m_re").GetDouble());
        Assert.Equal(0.01, first.GetProperty("m_im").GetDouble());
        foreach (var o in doc.EnumerateArray())
        {
            double qext = o.GetProperty("Qext").GetDouble(), qsca = o.GetProperty("Qsca").GetDouble();
            double qabs = o.GetProperty("Qabs").GetDouble();
            Assert.Equal(qext, qsca + qabs, 12);
            Assert.True(qabs > 0);
            foreach (var label in new[] { "ED", "MD", "EQ", "MQ", "EO", "MO" })
                Assert.True(o.GetProperty("multipoles").GetProperty(label).TryGetProperty("Qext", out _));
            Assert.Equal(o.GetProperty("nmax").GetInt32(), o.GetProperty("a").GetArrayLength());
            Assert.Equal(2, o.GetProperty("b")[0].GetArrayLength());
            Assert.InRange(o.GetProperty("g").GetDouble(), -1, 1);
        }
        // large sphere: extinction paradox, Qext -> 2
        Assert.InRange(doc[2].GetProperty("Qext").GetDouble(), 1.99, 2.02);
        // small sphere: the electric dipole dominates extinction
        var mp = first.GetProperty("multipoles");
        Assert.True(mp.GetProperty("ED").GetProperty("Qext").GetDouble() > 0.9 * first.GetProperty("Qext").GetDouble());
    }

    [Fact]
    public void Core_shell_with_identical_layers_matches_the_sphere_and_per_x_index_lists_work()
    {
        var sphere = JsonDocument.Parse(Run("mie", "--x", "2,3", "--m", "2.6+0.01i,1.5", "--json").Out).RootElement;
        var shell = JsonDocument.Parse(
            Run("mie", "--x", "2,3", "--m", "2.6+0.01i,1.5", "--core-x", "1", "--core-m", "2.6+0.01i,1.5", "--json").Out).RootElement;
        for (int i = 0; i < 2; i++)
            Assert.Equal(sphere[i].GetProperty("Qext").GetDouble(), shell[i].GetProperty("Qext").GetDouble(), 9);
        Assert.Equal(0, sphere[1].GetProperty("Qabs").GetDouble(), 12);
    }

    [Fact]
    public void Amplitudes_at_angles_satisfy_the_optical_theorem()
    {
        var o = JsonDocument.Parse(Run("mie", "--x", "3", "--m", "1.5+0.1i", "--angles", "0,90,180", "--json").Out).RootElement[0];
        var amps = o.GetProperty("amplitudes");
        Assert.Equal(3, amps.GetArrayLength());
        double reS0 = amps[0].GetProperty("S1")[0].GetDouble();
        Assert.Equal(o.GetProperty("Qext").GetDouble(), 4 / 9.0 * reS0, 12);   // Qext = 4/x^2 Re S(0)
        Assert.Equal(180, amps[2].GetProperty("theta_deg").GetDouble());
    }

    [Fact]
    public void Table_without_json()
    {
        var (code, output, _) = Run("mie", "--x", "3", "--m", "2.6+0.01i");
        Assert.Equal(0, code);
        Assert.Contains("Qext", output);
        Assert.Contains(" MQ ", output);
    }

    [Theory]
    [InlineData("--x", "0", "--m", "2")]
    [InlineData("--x", "-1", "--m", "2")]
    [InlineData("--x", "1", "--m", "2+i")]
    [InlineData("--x", "1", "--m", "2-0.1i")]
    [InlineData("--x", "1,2", "--m", "2,3,4")]
    [InlineData("--x", "abc", "--m", "2")]
    [InlineData("--x", "2", "--m", "2", "--core-x", "3", "--core-m", "1.5")]
    [InlineData("--x", "2", "--m", "2", "--core-x", "1")]
    [InlineData("--x", "2", "--m", "2", "--nmax", "2.5")]
    [InlineData("--x", "2", "--m", "2", "--bogus", "1")]
    [InlineData("--x", "2", "--m", "2", "--angles", "200")]
    public void Bad_input_is_one_line_and_exit_2(params string[] args)
    {
        var (code, output, err) = Run(["mie", .. args]);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith("error: ", err);
        Assert.Single(err.TrimEnd().Split('\n'));
    }
}
