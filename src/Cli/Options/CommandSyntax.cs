using MieCool.Core;

namespace MieCool.Cli.Options;

/// <summary>
/// Everything `miecool COMMAND` accepts, each piece declared once: positionals, options, a description, examples and
/// the exit codes. <see cref="Parse"/> turns argv into typed values (<see cref="Args"/>); <see cref="HelpText"/> writes
/// `miecool COMMAND --help` from the same declarations. Bad input is an <see cref="InputException"/> naming the option
/// as the user spelled it, the value and what is valid (exit 2).
/// </summary>
public sealed class CommandSyntax
{
    /// <summary>What `--help` says about the exit codes unless a command declares its own.</summary>
    public const string StandardExitCodes = "0 done, 1 a computation failed, 2 bad input (options, case file or data)";

    readonly IReadOnlyList<Option> _options = [];
    readonly Dictionary<string, Option> _byName = new(StringComparer.Ordinal);

    /// <param name="command">The word after `miecool`.</param>
    /// <param name="description">What the command does and writes: the paragraph(s) of `--help` above the options.</param>
    public CommandSyntax(string command, string description)
    {
        Command = command; Description = description;
    }

    /// <summary>The word after `miecool`, e.g. "heat".</summary>
    public string Command { get; }
    /// <summary>What the command does and writes: the paragraph(s) of `--help` between the usage line and the arguments.</summary>
    public string Description { get; }
    /// <summary>The positional arguments (e.g. CASE, DIR), in the order they are given; usage brackets an optional one.</summary>
    public IReadOnlyList<Positional> Positionals { get; init; } = [];

    /// <summary>The options, in the order help lists them; names and aliases must be unique.</summary>
    public IReadOnlyList<Option> Options
    {
        get => _options;
        init
        {
            foreach (var o in value)
                foreach (var n in o.Names)
                {
                    if (n is "help" or "h") throw new InvalidOperationException($"miecool {Command}: --{n} is reserved for help");
                    if (!_byName.TryAdd(n, o)) throw new InvalidOperationException($"miecool {Command} declares --{n} twice");
                }
            foreach (var g in value.Where(o => o.OneOf is not null).GroupBy(o => o.OneOf))
                if (g.Select(o => o.Required).Distinct().Count() > 1)
                    throw new InvalidOperationException($"miecool {Command}: the options of group {g.Key} must all be required or none");
            _options = value;
        }
    }

    /// <summary>Whole command lines, each starting with "miecool COMMAND"; the help test parses them.</summary>
    public IReadOnlyList<string> Examples { get; init; } = [];
    /// <summary>The exit codes, in words.</summary>
    public string ExitCodes { get; init; } = StandardExitCodes;
    /// <summary>Text after the options (e.g. the viewer's keys); null when none.</summary>
    public string? Notes { get; init; }

    /// <summary>True when <paramref name="option"/> is one of this command's options.</summary>
    public bool Declares(Option option) => _options.Contains(option);

    /// <summary>The option named <paramref name="name"/> (canonical or alias, without "--"), or null.</summary>
    public Option? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>"miecool heat CASE --out DIR [options]": positionals, required options, and [options] when there are others.</summary>
    public string UsageLine()
    {
        var words = new List<string> { "miecool", Command };
        words.AddRange(Positionals.Select(p => p.Required ? p.Name : $"[{p.Name}]"));
        var seen = new HashSet<string>();
        foreach (var o in _options.Where(o => o.Required))
        {
            if (o.OneOf is null) { words.Add($"{o.Display} {o.ValueName}"); continue; }
            if (!seen.Add(o.OneOf)) continue;
            words.Add("(" + string.Join(" | ", _options.Where(g => g.OneOf == o.OneOf).Select(g => $"{g.Display} {g.ValueName}")) + ")");
        }
        if (_options.Any(o => !o.Required)) words.Add("[options]");
        return string.Join(' ', words);
    }

    /// <summary>
    /// Parses the arguments after the command word: `--name VALUE`, `--name=VALUE`, `--switch` and positionals. Checks,
    /// in this order: unknown options (with the nearest name), an option given twice, a switch given a value, a value
    /// left out; too many positionals; missing required positionals and options; then each value (kind, unit, range).
    /// </summary>
    public Args Parse(IEnumerable<string> argv)
    {
        var list = argv.ToList();
        var given = new Dictionary<Option, (string Spelled, string? Text)>();
        var repeated = new Dictionary<Option, List<(string Spelled, string Text)>>();
        var positionals = new List<string>();
        for (int i = 0; i < list.Count; i++)
        {
            string a = list[i];
            if (!IsOption(a)) { positionals.Add(a); continue; }
            int eq = a.IndexOf('=');
            string name = eq > 0 ? a[2..eq] : a[2..], spelled = "--" + name;
            var option = Find(name) ?? throw Unknown(name);
            if (!option.Repeatable && given.TryGetValue(option, out var first))
                throw new InputException(spelled,
                    first.Spelled == spelled ? "option given twice" : $"option given twice (as {first.Spelled} and {spelled})",
                    valid: "give each option once");
            string? text = null;
            if (!option.TakesValue)
            {
                if (eq > 0) throw new InputException(spelled, "is a switch and takes no value", value: a[(eq + 1)..], valid: spelled);
            }
            else if (eq > 0) text = a[(eq + 1)..];
            else if (i + 1 < list.Count && !IsOption(list[i + 1])) text = list[++i];
            else throw new InputException(spelled, "option needs a value", valid: $"{spelled} {option.ValueName}, {option.Valid}");
            if (option.Repeatable)
            {
                if (!repeated.TryGetValue(option, out var texts)) repeated[option] = texts = [];
                texts.Add((spelled, text!));
            }
            given.TryAdd(option, (spelled, text));
        }

        if (positionals.Count > Positionals.Count)
            throw new InputException(positionals[Positionals.Count], $"unexpected argument for `miecool {Command}`",
                valid: $"{UsageLine()} (see `miecool {Command} --help`)");
        for (int p = positionals.Count; p < Positionals.Count; p++)
            if (Positionals[p].Required)
                throw new InputException($"miecool {Command}", $"missing {Positionals[p].Name} ({Positionals[p].Help})",
                    valid: UsageLine());
        CheckRequired(given);

        var values = new Dictionary<Option, object?>();
        foreach (var o in _options)
            if (repeated.TryGetValue(o, out var all)) values[o] = o.ConvertAll(all);
            else if (given.TryGetValue(o, out var g)) values[o] = o.TakesValue ? o.Convert(g.Text!, g.Spelled) : true;
        return new Args(this, values, given, positionals);
    }

    static bool IsOption(string a) => a.Length > 2 && a.StartsWith("--", StringComparison.Ordinal);

    void CheckRequired(Dictionary<Option, (string Spelled, string? Text)> given)
    {
        foreach (var group in _options.Where(o => o.OneOf is not null).GroupBy(o => o.OneOf))
        {
            var names = string.Join(", ", group.Select(o => o.Display));
            var chosen = group.Where(given.ContainsKey).ToList();
            if (chosen.Count > 1)
                throw new InputException(given[chosen[1]].Spelled, $"give only one of {names}", value: given[chosen[1]].Text,
                    valid: $"one of {names}");
            if (chosen.Count == 0 && group.First().Required)
                throw new InputException(group.First().Display, $"missing required option: give one of {names}",
                    valid: string.Join(" or ", group.Select(o => $"{o.Display} {o.ValueName}")));
        }
        foreach (var o in _options.Where(o => o.Required && o.OneOf is null && !given.ContainsKey(o)))
            throw new InputException(o.Display, "missing required option", valid: $"{o.Display} {o.ValueName}, {o.Valid}");
    }

    InputException Unknown(string name)
    {
        var near = NearNames.Nearest(name, _byName.Keys);
        string valid = near is null ? $"see `miecool {Command} --help`"
            : _byName[near].Name == near ? $"did you mean --{near}?"
            : $"did you mean --{near} (--{_byName[near].Name})?";
        return new InputException("--" + name, $"unknown option for `miecool {Command}`", valid: valid);
    }
}
