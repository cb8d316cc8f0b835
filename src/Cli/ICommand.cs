namespace MieCool.Cli;

/// <summary>One `miecool NAME ...` sub-command. Each lives in its own file under Commands/.</summary>
public interface ICommand
{
    /// <summary>The word after `miecool`.</summary>
    string Name { get; }
    /// <summary>One line for `miecool --help`.</summary>
    string Summary { get; }
    /// <summary>Full usage text for `miecool NAME --help`.</summary>
    string Usage { get; }
    /// <summary>Runs the command; returns the exit code. Throw <see cref="MieCool.Core.InputException"/> for bad input.</summary>
    int Run(Args args, Console console);
}
