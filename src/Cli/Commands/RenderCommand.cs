using System.Diagnostics;
using MieCool.Cli.Output;
using MieCool.Core;
using MieCool.Viewer.Gl;
using MieCool.Viewer.Rendering;

namespace MieCool.Cli;

/// <summary>`miecool render DIR`: the viewer's picture, headless (EGL surfaceless), to a PNG.</summary>
public sealed class RenderCommand : ICommand
{
    static readonly TextOption Out = new("out", "FILE", "the PNG to write, in an existing folder")
        { DefaultNote = "FIELD.png in the current folder", Accepts = "a path in an existing folder" };
    static readonly CustomOption<(int Width, int Height)> Size = ViewOptions.Size("image size", "1600x1000");
    static readonly CustomOption<CameraView> Camera = new("camera", "AZ,EL[,ZOOM]", "view angles in degrees and a zoom factor",
        CameraView.Valid, CameraView.Parse) { DefaultNote = "facing the cut, ±2.5 particle radii" };

    /// <inheritdoc/>
    public string Name => Syntax.Command;
    /// <inheritdoc/>
    public string Summary => "render a result folder to a PNG, headless (clip, field, colour bar)";
    /// <inheritdoc/>
    public CommandSyntax Syntax { get; } = new("render", """
        Draws the mesh and a field of a result folder (fields.h5, heat.h5 or mesh.h5) offscreen with OpenGL
        (Mesa EGL, no display needed) and writes a PNG with a colour bar. The same input gives the same pixels.
        """)
    {
        Positionals = [ViewOptions.Folder],
        Options = [ViewOptions.FieldName, ViewOptions.Clip, Out, Size, Camera, ViewOptions.Hide],
        Examples = ["miecool render out/ --field dT --clip y=0 --out fig.png --size 1600x1000"],
    };

    /// <summary>
    /// Loads the result folder DIR, draws the chosen field on the clip plane with the viewer's renderer in an offscreen
    /// EGL context and writes the PNG (--out, default FIELD.png); prints one "wrote" line with size, field, clip and time.
    /// A failure of OpenGL (no EGL context, a GL error) is a computation failure (exit 1).
    /// </summary>
    public int Run(Args args, Console console)
    {
        var sw = Stopwatch.StartNew();
        var data = ViewOptions.Load(args);
        var field = ViewOptions.FieldOf(args, data);
        var clip = args.Get(ViewOptions.Clip);
        var (w, h) = args.Get(Size);
        var outPath = args.Find(Out) ?? $"{field.Name}.png";
        var hidden = ViewOptions.Hidden(args, data);
        var camera = args.Find(Camera);
        OutputFile.Check(outPath, args.Spelled(Out), Out.Accepts);

        RgbaImage image;
        try
        {
            using var gl = new EglContext(w, h);
            using var renderer = new SceneRenderer(gl.Gl, data, clip, field.Name);
            renderer.HiddenRegions.UnionWith(hidden);
            camera?.ApplyTo(renderer.Camera);
            image = renderer.RenderImage(w, h);
        }
        catch (GlException e)
        {
            throw new ComputationException($"rendering failed: {e.Message}", e);
        }
        OutputFile.Write(outPath, args.Spelled(Out), Out.Accepts, image.SavePng);
        console.Out.WriteLine(
            $"wrote {outPath} ({w}x{h}, {field.Label}, clip {clip?.ToString() ?? "none"}, {sw.Elapsed.TotalSeconds:F1} s)");
        return Program.Ok;
    }
}
