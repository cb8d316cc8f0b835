namespace MieCool.Cli;

/// <summary>The registry of sub-commands, in the order `miecool --help` lists them.</summary>
public static class Commands
{
    /// <summary>Every sub-command, one instance each; <see cref="Program.Run"/> finds a command here by its name.</summary>
    public static IReadOnlyList<ICommand> All { get; } =
    [
        // one line per command; each command lives in Commands/<Name>Command.cs
        new MaterialsCommand(),
        new SpectrumCommand(),
        new MieCommand(),
        new SubstrateCommand(),
        new TemplateCommand(),
        new CheckCommand(),
        new MeshCommand(),
        new ViewCommand(),
        new RenderCommand(),
        new CoolingCommand(),
        new EmitterCommand(),
        new MapCommand(),
        new HeatCommand(),
        new RunCommand(),
        new TransientCommand(),
        new SweepCommand(),
        new OptimiseCommand(),
    ];
}
