using MieCool.Cases;

namespace MieCool.Cli;

/// <summary>`miecool template`: prints a complete, commented case file.</summary>
public sealed class TemplateCommand : ICommand
{
    public string Name => "template";
    public string Summary => "print a fully commented case file (every key, unit, default, valid range)";
    public string Usage => """
        usage: miecool template [--out FILE]

        Prints a case file listing every section and key with its meaning, unit, default and valid range.
        Alternatives and optional keys are commented out; the printed file is a valid case as it stands.
          --out FILE   write to FILE instead of standard output (refuses to overwrite an existing file)
        example: miecool template > cases/my_case.toml
        """;

    public int Run(Args args, Console console)
    {
        string? outPath = args.Get("out");
        args.EnsureAllUsed();
        string text = CaseSchema.Standard.Template();
        if (outPath is null) { console.Out.Write(text); return Program.Ok; }
        if (File.Exists(outPath))
            throw new Core.InputException("--out", "file exists; not overwriting it", value: outPath, valid: "a new file name");
        string tmp = outPath + $".tmp{Environment.ProcessId}";
        File.WriteAllText(tmp, text);
        File.Move(tmp, outPath);
        console.Err.WriteLine($"wrote {outPath}");
        return Program.Ok;
    }
}
