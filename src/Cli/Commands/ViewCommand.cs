using MieCool.Core;
using MieCool.Viewer.Gl;
using MieCool.Viewer.Window;

namespace MieCool.Cli;

/// <summary>`miecool view DIR`: the interactive OpenGL viewer (GLFW window).</summary>
public sealed class ViewCommand : ICommand
{
    static readonly CustomOption<(int Width, int Height)> Size = ViewOptions.Size("window size", "1280x800");

    /// <inheritdoc/>
    public string Name => Syntax.Command;
    /// <inheritdoc/>
    public string Summary => "open a result folder in the interactive viewer (needs a display; see render)";
    /// <inheritdoc/>
    public CommandSyntax Syntax { get; } = new("view", """
        Opens the mesh and fields of a result folder (fields.h5, heat.h5 or mesh.h5) in a window: a clip plane through
        the particle, the field on the cut and on region interfaces, a colour bar. Screenshots (S) are re-rendered at
        twice the window's resolution into the current folder. Without a display use `miecool render DIR --out fig.png`.
        """)
    {
        Positionals = [ViewOptions.Folder],
        Options = [ViewOptions.FieldName, ViewOptions.Clip, Size, ViewOptions.Hide],
        Notes = "keys (also shown in the window, H hides them):\n  " + string.Join("\n  ", ViewerApp.KeyLegend),
        ExitCodes = "0 the window was closed, 1 no display or the viewer failed, 2 bad input (folder, options)",
        Examples = ["miecool view out/heat --field dT --clip y=0"],
    };

    /// <summary>
    /// Loads the result folder DIR and opens it in the GLFW viewer window until the window is closed. Without a display
    /// it prints the equivalent `miecool render` command and exits 1; a failure of the viewer is exit 1 too.
    /// </summary>
    public int Run(Args args, Console console)
    {
        var data = ViewOptions.Load(args);
        var field = ViewOptions.FieldOf(args, data);
        var clip = args.Get(ViewOptions.Clip);
        var (w, h) = args.Get(Size);
        var hidden = ViewOptions.Hidden(args, data);
        if (!GlfwWindow.DisplayAvailable)
        {
            console.Err.WriteLine("error: no display (DISPLAY and WAYLAND_DISPLAY are unset): `miecool view` needs a window; " +
                                  $"for a picture use `miecool render {args.Get(ViewOptions.Folder)} --field {field.Name} " +
                                  $"--out {field.Name}.png`");
            return Program.Failed;
        }
        try
        {
            using var app = new ViewerApp(data, clip, field.Name, w, h, log: console.Err.WriteLine);
            app.Renderer.HiddenRegions.UnionWith(hidden);
            console.Err.WriteLine($"viewing {data.Source}: {data.Mesh.CellCount} cells, {app.Renderer.Faces.Count} surface triangles; " +
                                  "H shows the keys");
            app.Run();
        }
        catch (GlException e)
        {
            throw new ComputationException($"viewer failed: {e.Message}; without a working display use `miecool render`", e);
        }
        return Program.Ok;
    }
}
