using MieCool.Core;

namespace MieCool.Cli.Tests;

public class ArgsTests
{
    [Fact]
    public void A_misspelt_required_option_is_named_as_such()
    {
        var args = new Args("spectrum", ["--diamter", "530nm"]);
        var e = Assert.Throws<InputException>(() => args.Require("diameter", "a length"));
        Assert.Contains("--diamter was given", e.Message);
    }

    [Fact]
    public void An_unknown_option_gets_a_suggestion()
    {
        var args = new Args("spectrum", ["--wavelenghts", "500:600:1nm"]);
        args.Get("wavelengths");
        var e = Assert.Throws<InputException>(args.EnsureAllUsed);
        Assert.Contains("did you mean --wavelengths?", e.Message);
    }

    [Fact]
    public void An_option_given_twice_is_an_error() =>
        Assert.Contains("given twice", Assert.Throws<InputException>(() => new Args("mie", ["--x", "1", "--x", "2"])).Message);
}
