using System.Diagnostics;
using MieCool.Core;
using MieCool.Viewer.Gl;
using MieCool.Viewer.Rendering;

namespace MieCool.Cli;

/// <summary>`miecool render DIR`: the viewer's picture, headless (EGL surfaceless), to a PNG.</summary>
public sealed class RenderCommand : ICommand
{
    public string Name => "render";
    public string Summary => "render a result folder to a PNG, headless (clip, field, colour bar)";
    public string Usage => $"""
        usage: miecool render DIR [options]
          Draws the mesh and a field of a result folder (fields.h5, heat.h5 or mesh.h5) offscreen with OpenGL
          (Mesa EGL, no display needed) and writes a PNG with a colour bar. The same input gives the same pixels.
          {ViewOptions.FieldHelp}
          {ViewOptions.ClipHelp}
          --out FILE         PNG to write (default FIELD.png)
          --size WxH         image size in pixels (default 1600x1000)
          --camera AZ,EL[,ZOOM]  view angles in degrees and a zoom factor (default: facing the cut, ±2.5 particle radii)
          {ViewOptions.HideHelp}
        example: miecool render out/ --field dT --clip y=0 --out fig.png --size 1600x1000
        """;

    public int Run(Args args, Console console)
    {
        var sw = Stopwatch.StartNew();
        var data = ViewOptions.Load(args, Name);
        var field = ViewOptions.Field(args, data);
        var clip = ViewOptions.Clip(args);
        var (w, h) = ViewOptions.Size(args.Get("size"), (1600, 1000));
        var outPath = args.Get("out") ?? $"{field.Name}.png";
        var hidden = ViewOptions.Hidden(args.Get("hide"), data);
        var camera = args.Get("camera");
        args.EnsureAllUsed();
        if (Path.GetDirectoryName(Path.GetFullPath(outPath)) is string d && !Directory.Exists(d))
            throw new InputException("--out", "folder does not exist", value: outPath, valid: "a path in an existing folder");

        RgbaImage image;
        try
        {
            using var gl = new EglContext(w, h);
            using var renderer = new SceneRenderer(gl.Gl, data, clip, field.Name);
            renderer.HiddenRegions.UnionWith(hidden);
            ViewOptions.Camera(camera, renderer.Camera);
            image = renderer.RenderImage(w, h);
        }
        catch (GlException e)
        {
            throw new ComputationException($"rendering failed: {e.Message}", e);
        }
        image.SavePng(outPath);
        console.Out.WriteLine($"wrote {outPath} ({w}x{h}, {field.Label}, clip {clip?.ToString() ?? "none"}, {sw.Elapsed.TotalSeconds:F1} s)");
        return Program.Ok;
    }
}
