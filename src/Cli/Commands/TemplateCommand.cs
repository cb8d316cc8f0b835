using MieCool.Cases;

namespace MieCool.Cli;

/// <summary>`miecool template`: prints a complete, commented case file.</summary>
public sealed class TemplateCommand : ICommand
{
    static readonly TextOption Out = new("out", "FILE",
        "write the template to FILE instead of standard output (refuses to overwrite an existing file)")
        { Accepts = "a new file name in an existing, writable folder" };

    /// <inheritdoc/>
    public string Name => Syntax.Command;
    /// <inheritdoc/>
    public string Summary => "print a fully commented case file (every key, unit, default, valid range)";
    /// <inheritdoc/>
    public CommandSyntax Syntax { get; } = new("template", """
        Prints a case file listing every section and key with its meaning, unit, default and valid range.
        Alternatives and optional keys are commented out; the printed file is a valid case as it stands.
        """)
    {
        Options = [Out],
        Examples = ["miecool template --out cases/my_case.toml"],
    };

    /// <summary>
    /// Prints the template of the standard case schema on standard output, or with --out writes it to a new FILE (through
    /// a temporary file renamed into place; an existing FILE is bad input) and says so on standard error.
    /// </summary>
    public int Run(Args args, Console console)
    {
        string? outPath = args.Find(Out);
        string text = CaseSchema.Standard.Template();
        if (outPath is null) { console.Out.Write(text); return Program.Ok; }
        Output.OutputFile.Write(outPath, args.Spelled(Out), Out.Accepts, tmp => File.WriteAllText(tmp, text), overwrite: false);
        console.Err.WriteLine($"wrote {outPath}");
        return Program.Ok;
    }
}
