using MieCool.Core;

namespace MieCool.Cli;

/// <summary>
/// `miecool`: `--help` (the command list), `--version`, `help COMMAND`, or one sub-command of <see cref="Commands.All"/>
/// run on its parsed arguments; bad input and failed computations become one "error: ..." line and an exit code.
/// </summary>
public static class Program
{
    /// <summary>
    /// Exit codes: 0 success, 1 a computation failed, 2 bad input (options, case file, data, an output path that cannot be
    /// written, a full disk); 130 and 143 after SIGINT and SIGTERM (<see cref="Output.Signals"/>).
    /// </summary>
    public const int Ok = 0, Failed = 1, BadInput = 2;

    /// <summary>
    /// The process entry point: <see cref="Run"/> on the process's own streams (<see cref="Console.System"/>), with SIGINT and
    /// SIGTERM cleaning up and exiting 130 and 143 (<see cref="Output.Signals"/>).
    /// </summary>
    public static int Main(string[] argv)
    {
        // the native program is also the mesher's worker process (MeshWorker.Start; dotnet runs MieCool.Mesh.dll instead)
        if (argv is [Mesh.MeshWorker.WorkerArgument] && ProgramImage.IsNative) return Mesh.MeshWorker.Serve();
        var console = Console.System();
        using var signals = Output.Signals.Install(console.Err);
        int code = Run(argv, console);
        Output.Signals.AwaitHandler();
        return code;
    }

    /// <summary>Entry point for tests: runs `miecool argv...` against the given console.</summary>
    public static int Run(string[] argv, Console console)
    {
        var commands = Commands.All;
        if (argv.Length == 2 && argv[0] == "help" && commands.FirstOrDefault(c => c.Name == argv[1]) is { } helped)
        {
            console.Out.Write(HelpText.Render(helped.Syntax));
            return Ok;
        }
        if (argv.Length == 0 || argv[0] is "--help" or "-h" or "help")
        {
            console.Out.WriteLine("miecool: optical cooling of halide-perovskite nanoparticles (Mie theory + FEM heat conduction)");
            console.Out.WriteLine();
            console.Out.WriteLine("usage: miecool COMMAND [options]     (miecool COMMAND -h or --help for its options)");
            console.Out.WriteLine();
            foreach (var c in commands) console.Out.WriteLine($"  {c.Name,-10} {c.Summary}");
            return argv.Length == 0 ? BadInput : Ok;
        }
        if (argv[0] is "--version")
        {
            console.Out.WriteLine($"miecool {typeof(Program).Assembly.GetName().Version}");
            return Ok;
        }
        var command = commands.FirstOrDefault(c => c.Name == argv[0]);
        if (command is null)
        {
            var near = NearNames.Nearest(argv[0], commands.Select(c => c.Name));
            console.Err.WriteLine($"error: unknown command \"{argv[0]}\"" + (near is null ? "" : $"; did you mean `miecool {near}`?")
                                  + " (see `miecool --help`)");
            return BadInput;
        }
        try
        {
            if (argv.Skip(1).Any(a => a is "-h" or "--help"))
            {
                console.Out.Write(HelpText.Render(command.Syntax));
                return Ok;
            }
            return command.Run(command.Syntax.Parse(argv.Skip(1)), console);
        }
        catch (InputException e)
        {
            console.Err.WriteLine($"error: {e.Message}");
            return BadInput;
        }
        catch (OperationCanceledException) when (Output.OutputFolder.Aborted)
        {
            return Failed; // SIGINT / SIGTERM: the handler has said so, cleans up and ends the process (130 / 143)
        }
        catch (ComputationException e)
        {
            console.Err.WriteLine($"error: {e.Message}");
            return Failed;
        }
    }
}
