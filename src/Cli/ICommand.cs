
namespace MieCool.Cli;

/// <summary>One `miecool NAME ...` sub-command. Each lives in its own file under Commands/.</summary>
public interface ICommand
{
    /// <summary>The word after `miecool`.</summary>
    string Name { get; }
    /// <summary>One line for `miecool --help`.</summary>
    string Summary { get; }
    /// <summary>Its positionals and options, each declared once: the parser and `miecool NAME --help` read them.</summary>
    CommandSyntax Syntax { get; }
    /// <summary>
    /// Runs the command on parsed arguments; returns the exit code. Throw <see cref="MieCool.Core.InputException"/> for
    /// bad input.
    /// </summary>
    int Run(Args args, Console console);
}
