using System.Text;

namespace MieCool.Cli.Options;

/// <summary>
/// `miecool COMMAND --help`, written from the command's declarations: the usage line, the description, each positional,
/// each option with its aliases, help, default or "required", what is valid (units and range) and the case key it stands
/// for, the exit codes and the examples.
/// </summary>
public static class HelpText
{
    /// <summary>Lines are wrapped at this many characters.</summary>
    public const int Width = 120;
    const string Indent = "      ";

    /// <summary>
    /// The whole `miecool COMMAND --help` text of <paramref name="s"/>: usage, description, arguments, options, notes, exit
    /// codes and examples, the generated parts wrapped at <see cref="Width"/> (the declared paragraphs are kept as written).
    /// </summary>
    public static string Render(CommandSyntax s)
    {
        var w = new StringBuilder();
        Wrap(w, "usage: " + s.UsageLine(), new string(' ', "usage: miecool ".Length + s.Command.Length + 1), breakAt: " --");
        w.AppendLine();
        w.AppendLine(s.Description.Trim());
        if (s.Positionals.Count > 0)
        {
            w.AppendLine();
            w.AppendLine("arguments:");
            foreach (var p in s.Positionals)
            {
                w.AppendLine($"  {p.Name}{(p.Required ? "" : " (optional)")}");
                Wrap(w, Indent + p.Help, Indent);
            }
        }
        w.AppendLine();
        w.AppendLine("options:");
        foreach (var o in s.Options) Option(w, o, s);
        w.AppendLine("  -h, --help");
        Wrap(w, Indent + "print this help and exit", Indent);
        if (s.Notes is string notes)
        {
            w.AppendLine();
            w.AppendLine(notes.Trim());
        }
        w.AppendLine();
        Wrap(w, "exit codes: " + s.ExitCodes, "  ");
        if (s.Examples.Count > 0)
        {
            w.AppendLine();
            w.AppendLine(s.Examples.Count == 1 ? "example:" : "examples:");
            foreach (var e in s.Examples) Example(w, e);
        }
        return w.ToString();
    }

    /// <summary>The help of one option (also used by tests to find what help says about it).</summary>
    static void Option(StringBuilder w, Option o, CommandSyntax s)
    {
        var head = "  " + o.Display + (o.TakesValue ? " " + o.ValueName : "");
        if (o.Aliases.Count > 0)
            head += $"   ({(o.Aliases.Count == 1 ? "alias" : "aliases")} {string.Join(", ", o.Aliases.Select(a => "--" + a))})";
        w.AppendLine(head);
        Wrap(w, Indent + o.Help, Indent);
        var facts = new List<string>();
        if (o.Required)
            facts.Add(o.OneOf is null ? "required"
                : "required: give one of " + string.Join(", ", s.Options.Where(g => g.OneOf == o.OneOf).Select(g => g.Display)));
        else if (o.OneOf is not null)
            facts.Add("not with " + string.Join(", ", s.Options.Where(g => g.OneOf == o.OneOf && g != o).Select(g => g.Display)));
        if (o.DefaultText is string d) facts.Add("default: " + d);
        if (o.Valid is string v) facts.Add("valid: " + v);
        if (o.CaseKeys.Count > 0) facts.Add((o.CaseKeys.Count == 1 ? "case key: " : "case keys: ") + string.Join(", ", o.CaseKeys));
        if (facts.Count > 0) Wrap(w, Indent + string.Join("; ", facts), Indent, breakAt: "; ");
    }

    /// <summary>An example command line, broken before options with " \" continuations (as in a shell script).</summary>
    static void Example(StringBuilder w, string line)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var current = new StringBuilder("  ");
        for (int i = 0; i < words.Length; i++)
        {
            bool breakHere = words[i].StartsWith("--", StringComparison.Ordinal) && current.Length + PairLength(words, i) > Width - 2
                             && current.ToString().Trim().Length > 0;
            if (breakHere)
            {
                w.Append(current.ToString().TrimEnd()).AppendLine(" \\");
                current.Clear().Append("      ");
            }
            current.Append(words[i]).Append(' ');
        }
        w.AppendLine(current.ToString().TrimEnd());
    }

    /// <summary>Length of an option and its value, kept on one line.</summary>
    static int PairLength(string[] words, int i) =>
        words[i].Length + 1
        + (i + 1 < words.Length && !words[i + 1].StartsWith("--", StringComparison.Ordinal) ? words[i + 1].Length + 1 : 0);

    /// <summary>
    /// Appends <paramref name="text"/> wrapped at <see cref="Width"/>; continuation lines start with <paramref name="indent"/>.
    /// </summary>
    static void Wrap(StringBuilder w, string text, string indent, string breakAt = " ")
    {
        foreach (var paragraph in text.Split('\n'))
        {
            string rest = paragraph.TrimEnd();
            bool first = true;
            while (true)
            {
                string line = first ? rest : indent + rest.TrimStart();
                if (line.Length <= Width) { w.AppendLine(line); break; }
                // break at the last breakAt that fits (keeping what comes before its space, e.g. the ';' of "; "), else at a space
                // (unless that leaves the line less than half full)
                int cut = line.LastIndexOf(breakAt, Width, Width - indent.Length, StringComparison.Ordinal);
                if (cut > Width / 2) cut += breakAt.IndexOf(' ');
                else cut = line.LastIndexOf(' ', Width, Width - indent.Length);
                if (cut <= indent.Length) { w.AppendLine(line); break; } // one long word: leave it whole
                w.AppendLine(line[..cut].TrimEnd());
                rest = line[cut..];
                first = false;
            }
        }
    }
}
