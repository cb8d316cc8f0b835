using MieCool.Cases;

namespace MieCool.Cli;

/// <summary>`miecool template`: prints a complete, commented case file.</summary>
public sealed class TemplateCommand : ICommand
{
    static readonly TextOption Out = new("out", "FILE", "write the template to FILE instead of standard output (refuses to overwrite an existing file)")
        { Accepts = "a new file name" };

    public string Name => Syntax.Command;
    public string Summary => "print a fully commented case file (every key, unit, default, valid range)";
    public CommandSyntax Syntax { get; } = new("template", """
        Prints a case file listing every section and key with its meaning, unit, default and valid range.
        Alternatives and optional keys are commented out; the printed file is a valid case as it stands.
        """)
    {
        Options = [Out],
        Examples = ["miecool template --out cases/my_case.toml"],
    };

    public int Run(Args args, Console console)
    {
        string? outPath = args.Find(Out);
        string text = CaseSchema.Standard.Template();
        if (outPath is null) { console.Out.Write(text); return Program.Ok; }
        if (File.Exists(outPath))
            throw new Core.InputException(args.Spelled(Out), "file exists; not overwriting it", value: outPath, valid: "a new file name");
        string tmp = outPath + $".tmp{Environment.ProcessId}";
        File.WriteAllText(tmp, text);
        File.Move(tmp, outPath);
        console.Err.WriteLine($"wrote {outPath}");
        return Program.Ok;
    }
}
