using System.Text.Json;
using MieCool.Cases;

namespace MieCool.Cli;

/// <summary>`miecool check CASE`: validates a case file and echoes every effective value.</summary>
public sealed class CheckCommand : ICommand
{
    static readonly Positional CaseFile = new("CASE", "the case file (TOML; `miecool template` prints one with every key)");
    static readonly SwitchOption Json = new("json",
        "print the effective values as JSON instead: [{section, key, value, si, origin, line}]");

    /// <inheritdoc/>
    public string Name => Syntax.Command;
    /// <inheritdoc/>
    public string Summary => "validate a case file and echo every effective value with units";
    /// <inheritdoc/>
    public CommandSyntax Syntax { get; } = new("check", """
        Validates CASE (unknown keys, units, ranges, geometry) and prints the effective configuration: every value
        with its unit, where it came from (file line, default, derived) and its SI value. The output is itself a
        valid case file. Exits 2 with a one-line error naming file, line, key, value and valid range on bad input.
        """)
    {
        Positionals = [CaseFile],
        Options = [Json, CommonOptions.Set],
        Examples = ["miecool check cases/mesh_example.toml"],
    };

    /// <summary>
    /// Loads and validates CASE, then prints the effective case (itself a valid case file) on standard output and
    /// "CASE: ok" on standard error, or with --json one object per value; writes no files. Bad input throws (exit 2).
    /// </summary>
    public int Run(Args args, Console console)
    {
        string path = args.Get(CaseFile);
        bool json = args.Get(Json);
        var c = CommonOptions.LoadCase(path, args);
        if (json)
        {
            var rows = c.Values.Select(v => new Dictionary<string, object?>
            {
                ["section"] = v.Section, ["key"] = v.Key, ["value"] = v.Literal, ["si"] = v.Si,
                ["origin"] = v.Origin == ValueOrigin.CommandLine ? v.OriginText : v.Origin.ToString().ToLowerInvariant(),
                ["line"] = v.Line,
            });
            console.Out.WriteLine(CliJson.Serialize(rows));
        }
        else
        {
            console.Out.Write(c.Effective());
            console.Err.WriteLine($"{path}: ok");
        }
        return Program.Ok;
    }
}
