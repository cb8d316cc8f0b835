using System.Globalization;
using MieCool.Core;

namespace MieCool.Cli;

/// <summary>
/// Command-line arguments of one sub-command: positionals, `--key value` / `--key=value` options and
/// `--flag` switches. Every option a command reads is declared by reading it; <see cref="EnsureAllUsed"/>
/// then rejects unknown options with a suggestion.
/// </summary>
public sealed class Args
{
    readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    readonly HashSet<string> _used = new(StringComparer.Ordinal);
    readonly HashSet<string> _known = new(StringComparer.Ordinal);
    public List<string> Positionals { get; } = [];
    public string Command { get; }

    public Args(string command, IEnumerable<string> argv, IEnumerable<string>? flags = null)
    {
        Command = command;
        var flagSet = new HashSet<string>(flags ?? [], StringComparer.Ordinal) { "json", "help", "quiet" };
        var list = argv.ToList();
        for (int i = 0; i < list.Count; i++)
        {
            var a = list[i];
            if (a.StartsWith("--", StringComparison.Ordinal) && a.Length > 2)
            {
                var eq = a.IndexOf('=');
                if (eq > 0) { Set(a[2..eq], a[(eq + 1)..]); continue; }
                var key = a[2..];
                if (flagSet.Contains(key)) { Set(key, null); continue; }
                if (i + 1 >= list.Count)
                    throw new InputException("--" + key, "option needs a value", valid: $"--{key} VALUE");
                Set(key, list[++i]);
            }
            else Positionals.Add(a);
        }
    }

    void Set(string key, string? value)
    {
        if (_options.ContainsKey(key)) throw new InputException("--" + key, "option given twice");
        _options[key] = value;
    }

    /// <summary>True when `--name` was given (as a flag or with a value).</summary>
    public bool Has(string name) { _known.Add(name); _used.Add(name); return _options.ContainsKey(name); }

    public bool Flag(string name)
    {
        _known.Add(name);
        if (!_options.TryGetValue(name, out var v)) return false;
        _used.Add(name);
        if (v is not null) throw new InputException("--" + name, "is a switch and takes no value", value: v);
        return true;
    }

    public string? Get(string name)
    {
        _known.Add(name);
        if (!_options.TryGetValue(name, out var v)) return null;
        _used.Add(name);
        if (v is null) throw new InputException("--" + name, "option needs a value", valid: $"--{name} VALUE");
        return v;
    }

    public string Require(string name, string valid)
    {
        if (Get(name) is string v) return v;
        // a misspelt option (e.g. --diamter) is more likely than a forgotten one: say so
        var misspelt = NearNames.Nearest(name, _options.Keys.Where(k => !_used.Contains(k) && !_known.Contains(k)));
        throw new InputException("--" + name, misspelt is null ? "missing required option" :
            $"missing required option (--{misspelt} was given: a misspelling of --{name}?)", valid: valid);
    }

    /// <summary>A quantity with a unit, e.g. `--diameter 530nm`, in SI.</summary>
    public double? Quantity(string name, Dimension d) =>
        Get(name) is string s ? Units.Parse(s, d, "--" + name) : null;

    public double? Number(string name, double min = double.NegativeInfinity, double max = double.PositiveInfinity)
    {
        if (Get(name) is not string s) return null;
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
            throw new InputException("--" + name, "not a number", value: s, valid: $"a number in [{min}, {max}]");
        if (v < min || v > max)
            throw new InputException("--" + name, "out of range", value: s, valid: $"a number in [{min}, {max}]");
        return v;
    }

    /// <summary>A whole-number option such as `--threads 2`, in [min, max].</summary>
    public int? Count(string name, int min, int max, string valid)
    {
        if (Number(name, min, max) is not double v) return null;
        if (v != Math.Floor(v))
            throw new InputException("--" + name, "not a whole number", value: v.ToString(CultureInfo.InvariantCulture), valid: valid);
        return (int)v;
    }

    /// <summary>Rejects options the command did not read, suggesting the nearest known one.</summary>
    public void EnsureAllUsed()
    {
        foreach (var k in _options.Keys)
        {
            if (_used.Contains(k)) continue;
            var near = NearNames.Nearest(k, _known);
            throw new InputException("--" + k, $"unknown option for `miecool {Command}`",
                valid: near is null ? $"see `miecool {Command} --help`" : $"did you mean --{near}?");
        }
        if (Positionals.Count > 0 && _positionalsAllowed < Positionals.Count)
            throw new InputException(Positionals[_positionalsAllowed], $"unexpected argument for `miecool {Command}`",
                valid: $"see `miecool {Command} --help`");
    }

    int _positionalsAllowed;
    /// <summary>The i-th positional argument (declares it as allowed).</summary>
    public string? Positional(int i)
    {
        _positionalsAllowed = Math.Max(_positionalsAllowed, i + 1);
        return i < Positionals.Count ? Positionals[i] : null;
    }
}
