using MieCool.Core;
using MieCool.Viewer.Gl;
using MieCool.Viewer.Window;

namespace MieCool.Cli;

/// <summary>`miecool view DIR`: the interactive OpenGL viewer (GLFW window).</summary>
public sealed class ViewCommand : ICommand
{
    public string Name => "view";
    public string Summary => "open a result folder in the interactive viewer (needs a display; see render)";
    public string Usage => $"""
        usage: miecool view DIR [options]
          Opens the mesh and fields of a result folder (fields.h5, heat.h5 or mesh.h5) in a window:
          a clip plane through the particle, the field on the cut and on region interfaces, a colour bar.
          {ViewOptions.FieldHelp}
          {ViewOptions.ClipHelp}
          --size WxH         window size in pixels (default 1280x800)
          {ViewOptions.HideHelp}
        keys (also shown in the window, H hides them):
          {string.Join("\n  ", ViewerApp.KeyLegend)}
        Screenshots (S) are re-rendered at twice the window's resolution into the current folder.
        Without a display use `miecool render DIR --out fig.png`.
        """;

    public int Run(Args args, Console console)
    {
        var data = ViewOptions.Load(args, Name);
        var field = ViewOptions.Field(args, data);
        var clip = ViewOptions.Clip(args);
        var (w, h) = ViewOptions.Size(args.Get("size"), (1280, 800));
        var hidden = ViewOptions.Hidden(args.Get("hide"), data);
        args.EnsureAllUsed();
        if (!GlfwWindow.DisplayAvailable)
        {
            console.Err.WriteLine("error: no display (DISPLAY and WAYLAND_DISPLAY are unset): `miecool view` needs a window; " +
                                  $"for a picture use `miecool render {args.Positional(0)} --field {field.Name} --out {field.Name}.png`");
            return Program.Failed;
        }
        try
        {
            using var app = new ViewerApp(data, clip, field.Name, w, h, log: console.Err.WriteLine);
            app.Renderer.HiddenRegions.UnionWith(hidden);
            console.Err.WriteLine($"viewing {data.Source}: {data.Mesh.CellCount} cells, {app.Renderer.Faces.Count} surface triangles; H shows the keys");
            app.Run();
        }
        catch (GlException e)
        {
            throw new ComputationException($"viewer failed: {e.Message}; without a working display use `miecool render`", e);
        }
        return Program.Ok;
    }
}
