using System.Text.RegularExpressions;
using MieCool.Cli.Options;

namespace MieCool.Cli.Tests.Options;

/// <summary>
/// Every command's `--help` is written from its declarations: `-h` and `--help` work, help lists every option, its
/// examples parse with the command's own parser, it names only declared options and exactly the files the command
/// writes, and options that stand for a case key carry the key's name.
/// </summary>
public sealed partial class HelpTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("miecool-help-").FullName;
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string> CommandNames => [.. Commands.All.Select(c => c.Name)];

    static ICommand Command(string name) => Commands.All.Single(c => c.Name == name);
    static (int Code, string Out, string Err) Run(params string[] argv) => HeatCommandTests.Run(argv);

    static string Flat(string text) => CommandSyntaxTests.Flat(text);

    [GeneratedRegex("`[^`]*`")]
    private static partial Regex Backticked();
    [GeneratedRegex(@"(?<![\w-])--([a-z][a-z0-9-]*)")]
    private static partial Regex OptionWord();
    [GeneratedRegex(@"(?<![\w-])[a-z_]+\.(csv|png|svg|json|h5|xdmf|txt|py)\b")]
    private static partial Regex FileName();

    /// <summary>The example command lines of a help text, " \" continuations joined.</summary>
    static List<string> Examples(string help)
    {
        var lines = help.Split('\n');
        int at = Array.FindIndex(lines, l => l is "example:" or "examples:");
        var examples = new List<string>();
        if (at < 0) return examples;
        string pending = "";
        foreach (var line in lines.Skip(at + 1).TakeWhile(l => l.Trim().Length > 0))
        {
            var text = pending + line.Trim();
            if (text.EndsWith('\\')) { pending = text[..^1].TrimEnd() + " "; continue; }
            examples.Add(text);
            pending = "";
        }
        Assert.Equal("", pending);
        return examples;
    }

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void Dash_h_and_dash_dash_help_print_the_same_help_and_exit_0(string name)
    {
        var (code, help, err) = Run(name, "-h");
        Assert.Equal(0, code);
        Assert.Equal("", err);
        Assert.StartsWith($"usage: miecool {name}", help);
        Assert.Equal(help, Run(name, "--help").Out);
        Assert.Equal(help, Run("help", name).Out);
        var (anyCode, anyHelp, _) = Run(name, "--no-such-option", "1", "-h"); // help wins over every other argument
        Assert.Equal(0, anyCode);
        Assert.Equal(help, anyHelp);
        Assert.All(help.Split('\n'), l => Assert.True(l.Length <= HelpText.Width, $"{name} --help: line too long: {l}"));
    }

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void Help_lists_every_declared_option_with_aliases_default_range_and_case_key(string name)
    {
        var syntax = Command(name).Syntax;
        string help = Run(name, "--help").Out, flat = Flat(help);
        var lines = help.Split('\n');
        Assert.Contains("usage: " + syntax.UsageLine(), flat);
        foreach (var p in syntax.Positionals)
        {
            Assert.Contains($"\n  {p.Name}", help);
            Assert.Contains(Flat(p.Help), flat);
        }
        foreach (var o in syntax.Options)
        {
            var head = Assert.Single(lines, l => l == "  " + o.Display || l.StartsWith($"  {o.Display} ", StringComparison.Ordinal));
            foreach (var a in o.Aliases) Assert.Contains("--" + a, head);
            Assert.Contains(Flat(o.Help), flat);
            if (o.Required) Assert.Contains(" required", flat);
            if (o.DefaultText is string d) Assert.Contains("default: " + d, flat);
            if (o.Valid is string v) Assert.Contains("valid: " + Flat(v), flat);
            foreach (var k in o.CaseKeys) Assert.Contains(k, flat);
        }
        Assert.Contains("-h, --help", help);
        Assert.Contains("exit codes: " + Flat(syntax.ExitCodes), flat);
    }

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void The_examples_in_help_parse_with_the_commands_parser(string name)
    {
        var syntax = Command(name).Syntax;
        var examples = Examples(Run(name, "--help").Out);
        Assert.NotEmpty(examples);
        Assert.Equal(syntax.Examples.Count, examples.Count);
        foreach (var line in examples)
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(["miecool", name], words[..2]);
            // throws on an unknown option, a bad value, a missing required option or argument
            var args = syntax.Parse(words[2..]);
            foreach (var o in syntax.Options.Where(o => o.Required && o.OneOf is null)) Assert.True(args.Has(o), $"{line}: {o.Display}");
        }
    }

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void Help_mentions_only_options_the_command_declares(string name)
    {
        var syntax = Command(name).Syntax;
        // `miecool other --option` quotes another command
        foreach (Match m in OptionWord().Matches(Backticked().Replace(Run(name, "--help").Out, "")))
            Assert.True(m.Groups[1].Value == "help" || syntax.Find(m.Groups[1].Value) is not null,
                $"`miecool {name} --help` mentions {m.Value}, which the command does not declare");
    }

    [Fact]
    public void Every_default_shown_in_help_is_a_valid_value_that_gives_the_default()
    {
        int checkedDefaults = 0;
        foreach (var c in Commands.All)
            foreach (var o in c.Syntax.Options.Where(o => o.TakesValue && o.DefaultLiteral is not null))
            {
                var value = o.Convert(o.DefaultLiteral!, o.Display);
                switch (o)
                {
                    case QuantityOption q: Assert.Equal(q.Default, (double)value!, 1e-12 * Math.Abs(q.Default)); break;
                    case NumberOption n: Assert.Equal(n.Default, (double)value!); break;
                    case CountOption k: Assert.Equal(k.Default, (int)value!); break;
                }
                checkedDefaults++;
            }
        Assert.True(checkedDefaults >= 10, $"only {checkedDefaults} defaults");
    }

    /// <summary>Full case keys ("optics.pump_wavelength") of `miecool template`, commented-out alternatives included.</summary>
    static HashSet<string> TemplateKeys()
    {
        var (code, text, _) = Run("template");
        Assert.Equal(0, code);
        var keys = new HashSet<string>();
        string table = "";
        foreach (var line in text.Split('\n'))
        {
            var t = Regex.Match(line, @"^\[([a-z_.]+)\]$");
            if (t.Success) { table = t.Groups[1].Value; continue; }
            var k = Regex.Match(line, @"^(?:# )?([a-z0-9_]+) = ");
            if (k.Success) keys.Add(table + "." + k.Groups[1].Value);
        }
        Assert.Contains("optics.pump_wavelength", keys);
        return keys;
    }

    [Fact]
    public void Options_that_stand_for_a_case_key_carry_its_name_and_the_key_exists()
    {
        var keys = TemplateKeys();
        int named = 0;
        foreach (var c in Commands.All)
            foreach (var o in c.Syntax.Options)
            {
                foreach (var k in o.CaseKeys)
                    Assert.True(keys.Contains(k), $"miecool {c.Name} {o.Display}: {k} is not a key of `miecool template`");
                if (o.CaseKeys.Count != 1) continue;
                string key = o.CaseKeys[0], kebab = key[(key.IndexOf('.') + 1)..].Replace('_', '-').Replace('.', '-');
                // a range of values (--diameters) takes the plural
                Assert.True(o.Name == kebab || (o is SweepOption && o.Name == kebab + "s"),
                    $"miecool {c.Name} {o.Display} stands for {key}: its name should be --{kebab}");
                named++;
            }
        Assert.True(named >= 15, $"only {named} options name a case key");
    }

    [Theory]
    [InlineData("cooling", "pump", "pump-wavelength")]
    [InlineData("cooling", "host", "host-index")]
    [InlineData("cooling", "eta-int", "internal-quantum-efficiency")]
    [InlineData("cooling", "background-absorption", "background-absorption-per-cm")]
    [InlineData("cooling", "kappa-air", "conductivity-air")]
    [InlineData("cooling", "kappa-glass", "conductivity-substrate")]
    [InlineData("map", "pumps", "pump-wavelengths")]
    [InlineData("map", "eta-int", "internal-quantum-efficiency")]
    [InlineData("map", "host", "host-index")]
    [InlineData("spectrum", "host", "host-index")]
    [InlineData("emitter", "host", "host-index")]
    public void The_former_option_names_still_work_as_aliases(string command, string former, string canonical) =>
        Assert.Equal(canonical, Command(command).Syntax.Find(former)?.Name);

    /// <summary>The file names the help of <paramref name="name"/> promises (its description and option help).</summary>
    static SortedSet<string> PromisedFiles(string name)
    {
        var s = Command(name).Syntax;
        var text = string.Join("\n", [s.Description, .. s.Options.Select(o => o.Help)]);
        return new SortedSet<string>(FileName().Matches(text).Select(m => m.Value), StringComparer.Ordinal);
    }

    static SortedSet<string> WrittenFiles(string dir) =>
        new(Directory.GetFiles(dir).Select(f => Path.GetFileName(f)!), StringComparer.Ordinal);

    [Fact]
    public void Map_help_names_exactly_the_files_map_writes()
    {
        var dir = Path.Combine(_dir, "map");
        var (code, _, err) = Run("map", "--material", "other/perovskite/CH3NH3PbI3/nk/Phillips", "--diameters", "400:500:100nm",
            "--pump-wavelengths", "900:1000:100nm", "--intensity", "7e6W/cm2", "--internal-quantum-efficiency", "0.99",
            "--emission", "gaussian:775nm:40nm", "--temperatures", "290:300:10K", "--out", dir); // every file map can write
        Assert.True(code == 0, err);
        Assert.Equal(WrittenFiles(dir), PromisedFiles("map"));
        Assert.DoesNotContain("summary.txt", Run("map", "--help").Out);
    }

    [Fact]
    public void Spectrum_help_names_exactly_the_files_spectrum_writes()
    {
        var dir = Path.Combine(_dir, "spectrum");
        var (code, _, err) = Run("spectrum", "--material", "MAPbI3/Phillips", "--diameter", "530nm", "--wavelengths", "700:800:50nm",
            "--out", dir, "--quiet");
        Assert.True(code == 0, err);
        Assert.Equal(WrittenFiles(dir), PromisedFiles("spectrum"));
    }

    [Fact]
    public void Heat_and_mesh_help_name_exactly_the_files_they_write()
    {
        var heat = Path.Combine(_dir, "heat");
        var (code, _, err) = Run("heat", HeatCommandTests.ShippedCase, "--out", heat, "--coarse", "--quiet", "--json", "--threads", "2");
        Assert.True(code == 0, err);
        Assert.Equal(WrittenFiles(heat), PromisedFiles("heat"));
        var mesh = Path.Combine(_dir, "mesh");
        (code, _, err) = Run("mesh", Path.Combine(IoCommandsTests.RepoRoot(), "cases", "mesh_example.toml"), "--out", mesh, "--quiet",
                             "--threads", "2");
        Assert.True(code == 0, err);
        Assert.Equal(WrittenFiles(mesh), PromisedFiles("mesh"));
    }
}
