using System.Text.RegularExpressions;
using MieCool.Cli.Options;
using MieCool.Core;

namespace MieCool.Cli.Tests.Options;

/// <summary>The declaration layer on a small command of its own: each kind of value, aliases, the `=` form and every bad input.</summary>
public partial class CommandSyntaxTests
{
    /// <summary>Whitespace runs (line breaks and indentation of wrapped help) as one space.</summary>
    internal static string Flat(string text) => Space().Replace(text, " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();

    enum Colour { Red, Green }

    static readonly Positional CaseFile = new("CASE", "the case file");
    static readonly Positional Extra = new("EXTRA", "an optional second argument") { Required = false };
    static readonly QuantityOption Wavelength = new("pump-wavelength", Dimension.Length, "nm", "pump wavelength")
        { Aliases = ["pump"], Required = true, Range = Interval.Positive(100e-6), Example = "980nm",
          CaseKeys = ["optics.pump_wavelength"] };
    static readonly NumberOption Efficiency = new("internal-quantum-efficiency", "eta_int")
        { Aliases = ["eta-int"], Range = Interval.Closed(0, 1), Default = 0.5 };
    static readonly CountOption Threads = new("threads", "threads") { Min = 0, Max = 64, Default = 0 };
    static readonly TextOption Out = new("out", "DIR", "output folder");
    static readonly SweepOption Diameters = new("diameters", Dimension.Length, "nm", "diameters") { MaxPoints = 100 };
    static readonly ChoiceOption<Colour> Paint = new("paint", "colour", ("red", Colour.Red), ("green", Colour.Green))
        { Default = Colour.Red };
    static readonly CustomOption<int> Twice = new("twice", "N", "doubled", "an integer",
        (text, spelled) => int.TryParse(text, out int n) ? 2 * n : throw new InputException(spelled, "not an integer", value: text))
        { DefaultLiteral = "21" };
    static readonly QuantityOption Diameter = new("diameter", Dimension.Length, "nm", "diameter") { OneOf = "size" };
    static readonly QuantityOption Radius = new("radius", Dimension.Length, "nm", "radius") { OneOf = "size" };
    static readonly SwitchOption Json = new("json", "JSON");

    static readonly CommandSyntax Syntax = new("demo", "A command for the tests.")
    {
        Positionals = [CaseFile, Extra],
        Options = [Wavelength, Efficiency, Threads, Out, Diameters, Paint, Twice, Diameter, Radius, Json],
        Examples = ["miecool demo a.toml --pump 980nm"],
    };

    static Args Parse(params string[] argv) => Syntax.Parse(argv);
    static InputException Bad(params string[] argv) => Assert.Throws<InputException>(() => Syntax.Parse(argv));

    [Fact]
    public void Every_kind_parses_to_its_typed_value()
    {
        var a = Parse("a.toml", "--pump-wavelength", "0.98um", "--internal-quantum-efficiency", "0.99", "--threads", "4", "--out", "dir",
                      "--diameters", "400:600:100nm", "--paint", "green", "--twice", "5", "--radius", "265nm", "--json");
        Assert.Equal("a.toml", a.Get(CaseFile));
        Assert.Equal(980e-9, a.Get(Wavelength), 1e-18);
        Assert.Equal(0.99, a.Get(Efficiency));
        Assert.Equal(4, a.Get(Threads));
        Assert.Equal("dir", a.Get(Out));
        Assert.Equal([400e-9, 500e-9, 600e-9], a.Get(Diameters).Values(), (x, y) => Math.Abs(x - y) < 1e-18);
        Assert.Equal(Colour.Green, a.Get(Paint));
        Assert.Equal(10, a.Get(Twice));
        Assert.Equal(265e-9, a.Get(Radius), 1e-18);
        Assert.True(a.Get(Json));
        Assert.False(a.Has(Diameter));
    }

    [Fact]
    public void Defaults_apply_when_an_option_is_absent_and_TryGet_says_when_there_is_none()
    {
        var a = Parse("a.toml", "--pump", "980nm");
        Assert.Equal(0.5, a.Get(Efficiency));
        Assert.Equal(0, a.Get(Threads));
        Assert.Equal(Colour.Red, a.Get(Paint));
        Assert.Equal(42, a.Get(Twice)); // the default literal "21", parsed like a given value
        Assert.False(a.Get(Json));
        Assert.False(a.TryGet(Out, out _));
        Assert.Null(a.Find(Out));
        Assert.Equal("dir", Parse("a.toml", "--pump", "980nm", "--out", "dir").Find(Out));
        Assert.Null(a.Find(Extra));
        Assert.Throws<InvalidOperationException>(() => a.Get(Out));     // no default: a programming error
        Assert.Throws<InvalidOperationException>(() => a.Get(Extra));   // an optional positional is read with Find
        Assert.Equal("--internal-quantum-efficiency", a.Spelled(Efficiency));
    }

    [Fact]
    public void An_alias_gives_the_same_option_and_errors_name_it_as_spelled()
    {
        var a = Parse("a.toml", "--pump", "980nm", "--eta-int", "0.9");
        Assert.Equal(980e-9, a.Get(Wavelength), 1e-18);
        Assert.Equal(0.9, a.Get(Efficiency));
        Assert.Equal("--pump", a.Spelled(Wavelength));
        var e = Bad("a.toml", "--pump", "980nm", "--eta-int", "1.5");
        Assert.StartsWith("--eta-int: out of range (got \"1.5\"); valid: a number in [0, 1]", e.Message);
    }

    [Fact]
    public void The_equals_form_is_a_value_even_when_it_looks_like_an_option()
    {
        var a = Parse("a.toml", "--pump-wavelength=980nm", "--out=--odd", "--threads=2");
        Assert.Equal(980e-9, a.Get(Wavelength), 1e-18);
        Assert.Equal("--odd", a.Get(Out));
        Assert.Equal(2, a.Get(Threads));
        Assert.Equal("980nm", a.Text(Wavelength));
    }

    [Fact]
    public void An_option_given_twice_is_refused_also_under_two_names()
    {
        Assert.Contains("--threads: option given twice", Bad("a.toml", "--pump", "1um", "--threads", "1", "--threads", "2").Message);
        Assert.Contains("option given twice (as --pump-wavelength and --pump)",
            Bad("a.toml", "--pump-wavelength", "1um", "--pump", "2um").Message);
    }

    [Fact]
    public void An_unknown_option_gets_the_nearest_name_even_when_a_required_one_is_missing()
    {
        var e = Bad("a.toml", "--pump-wavelenth", "980nm");
        Assert.Equal("--pump-wavelenth", e.Origin);
        Assert.Contains("unknown option for `miecool demo`", e.Message);
        Assert.Contains("did you mean --pump-wavelength?", e.Message);
        Assert.Contains("did you mean --eta-int (--internal-quantum-efficiency)?", Bad("a.toml", "--pump", "1um", "--eta-in", "1").Message);
        Assert.Contains("see `miecool demo --help`", Bad("a.toml", "--pump", "1um", "--zzzzzzzzzz", "1").Message);
    }

    [Theory]
    [InlineData("--internal-quantum-efficiency", "-0.1", "out of range", "[0, 1]")]
    [InlineData("--internal-quantum-efficiency", "lots", "not a number", "[0, 1]")]
    [InlineData("--threads", "65", "out of range", "[0, 64]")]
    [InlineData("--threads", "2.5", "not a whole number", "[0, 64]")]
    [InlineData("--pump", "2mm", "out of range", "(0, 1e5] nm")]
    [InlineData("--pump", "980", "a unit is required for a length", "(0, 1e5] nm")]
    [InlineData("--pump", "980 nmm", "unknown unit", "(0, 1e5] nm")]
    [InlineData("--diameters", "0:600:100nm", "out of range", "(0, inf) nm")]
    [InlineData("--diameters", "1:1000:1nm", "too many points (1000)", "at most 100")]
    [InlineData("--paint", "grean", "unknown choice (did you mean green?)", "one of red, green")]
    public void A_bad_value_names_the_option_the_value_and_what_is_valid(string option, string value, string problem, string valid)
    {
        var argv = new List<string> { "a.toml", "--pump", "980nm" };
        if (option == "--pump") argv[2] = value; else argv.AddRange([option, value]);
        var e = Bad([.. argv]);
        Assert.Equal(option, e.Origin);
        Assert.Equal(value, e.Value);
        Assert.Contains(problem, e.Message);
        Assert.Contains(valid, e.Valid);
    }

    [Fact]
    public void A_missing_required_option_or_argument_is_named_with_what_is_valid()
    {
        var e = Bad("a.toml");
        Assert.Equal("--pump-wavelength", e.Origin);
        Assert.Contains("missing required option", e.Message);
        Assert.Contains("--pump-wavelength LENGTH, a length with a unit", e.Valid);
        var p = Bad("--pump", "980nm");
        Assert.Contains("missing CASE (the case file)", p.Message);
        Assert.Contains("miecool demo CASE [EXTRA] --pump-wavelength LENGTH [options]", p.Valid);
        Assert.Contains("unexpected argument", Bad("a.toml", "b", "c", "--pump", "980nm").Message);
    }

    [Fact]
    public void A_switch_takes_no_value_and_an_option_needs_one()
    {
        var s = Bad("a.toml", "--pump", "980nm", "--json=yes");
        Assert.Contains("--json: is a switch and takes no value (got \"yes\")", s.Message);
        Assert.Contains("--out: option needs a value", Bad("a.toml", "--pump", "980nm", "--out").Message);
        Assert.Contains("--out: option needs a value", Bad("a.toml", "--pump", "980nm", "--out", "--json").Message);
        // a value of its own (not an option) is taken, so after a switch the next word is a positional
        Assert.Equal("b", Parse("a.toml", "--json", "b", "--pump", "980nm").Find(Extra));
    }

    [Fact]
    public void One_of_a_group_at_most()
    {
        var e = Bad("a.toml", "--pump", "980nm", "--diameter", "530nm", "--radius", "265nm");
        Assert.Equal("--radius", e.Origin);
        Assert.Contains("give only one of --diameter, --radius", e.Message);
        var required = new CommandSyntax("size", "sizes")
        {
            Options = [new QuantityOption("diameter", Dimension.Length, "nm", "d") { OneOf = "s", Required = true },
                       new QuantityOption("radius", Dimension.Length, "nm", "r") { OneOf = "s", Required = true }],
        };
        Assert.Contains("missing required option: give one of --diameter, --radius",
            Assert.Throws<InputException>(() => required.Parse([])).Message);
        Assert.Equal("miecool size (--diameter LENGTH | --radius LENGTH)", required.UsageLine());
    }

    [Fact]
    public void Reading_an_option_the_command_did_not_declare_is_a_programming_error()
    {
        var a = Parse("a.toml", "--pump", "980nm");
        var other = new TextOption("out", "DIR", "another command's --out");
        Assert.Throws<InvalidOperationException>(() => a.Get(other));
        Assert.Throws<InvalidOperationException>(() => a.Find(new Positional("CASE", "another command's CASE")));
    }

    [Fact]
    public void Declarations_are_checked_when_the_command_is_built()
    {
        Assert.Throws<ArgumentException>(() => new SwitchOption("Json", "not kebab-case"));
        Assert.Throws<ArgumentException>(() => new SwitchOption("json", "bad alias") { Aliases = ["as_json"] });
        Assert.Throws<InvalidOperationException>(() => new CommandSyntax("x", "twice")
            { Options = [new SwitchOption("json", "a"), new SwitchOption("quiet", "b") { Aliases = ["json"] }] });
        Assert.Throws<InvalidOperationException>(() => new CommandSyntax("x", "help is taken")
            { Options = [new SwitchOption("help", "a")] });
        Assert.Throws<InvalidOperationException>(() => new CommandSyntax("x", "mixed group")
            { Options = [new SwitchOption("a", "a") { OneOf = "g", Required = true }, new SwitchOption("b", "b") { OneOf = "g" }] });
    }

    [Fact]
    public void Help_lists_each_option_with_its_aliases_default_range_and_case_key()
    {
        var help = HelpText.Render(Syntax);
        var flat = Flat(help);
        Assert.StartsWith("usage: miecool demo CASE [EXTRA] --pump-wavelength LENGTH [options]", help);
        Assert.Contains("--pump-wavelength LENGTH   (alias --pump)", help);
        Assert.Contains("required; valid: a length with a unit (m, cm, mm, um, nm, pm, A) in (0, 1e5] nm, e.g. 980nm; " +
                        "case key: optics.pump_wavelength", flat);
        Assert.Contains("default: 0.5; valid: a number in [0, 1]", flat);
        Assert.Contains("default: 21; valid: an integer", flat);
        Assert.Contains("not with --radius", flat);
        Assert.Contains("  -h, --help", help);
        Assert.Contains("exit codes: " + CommandSyntax.StandardExitCodes, help);
        Assert.Contains("example:\n  miecool demo a.toml --pump 980nm\n", help);
        Assert.All(help.Split('\n'), l => Assert.True(l.Length <= HelpText.Width, l));
    }
}
