namespace MieCool.Cli.Options;

/// <summary>A declared positional argument, e.g. CASE (a case file) or DIR (a result folder).</summary>
public sealed class Positional(string name, string help)
{
    /// <summary>The placeholder in usage and help, upper case, e.g. "CASE".</summary>
    public string Name { get; } = name;
    /// <summary>What the argument is.</summary>
    public string Help { get; } = help;
    /// <summary>False for an argument that may be left out (usage shows it in brackets).</summary>
    public bool Required { get; init; } = true;
}
