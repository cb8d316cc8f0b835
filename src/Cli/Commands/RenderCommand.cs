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
    static readonly CustomOption<bool> Frame = new("frame", "particle|box",
        "what the view frames: the particle with a margin (±2.5 radii; without a cut the air is then hidden unless --hide " +
        "says otherwise, so the particle and the substrate top show) or the whole mesh box",
        "particle or box", (text, spelled) => text.ToLowerInvariant() switch
        {
            "particle" => false, "box" => true,
            _ => throw new InputException(spelled, "not a frame", value: text, valid: "particle or box"),
        }) { DefaultLiteral = "particle" };

    /// <inheritdoc/>
    public string Name => Syntax.Command;
    /// <inheritdoc/>
    public string Summary => "render a result folder to a PNG, headless (clip, field, colour bar)";
    /// <inheritdoc/>
    public CommandSyntax Syntax { get; } = new("render", """
        Draws the mesh and a field of a result folder (fields.h5, heat.h5 or mesh.h5) offscreen with OpenGL
        (Mesa EGL, no display needed) and writes a PNG with a colour bar, a scale bar in nm and the regions named. The same
        input gives the same pixels. The picture is a raster of a 3D scene, so it comes as a PNG only, at --dpi (--size is the
        size at 96 dpi); `run` draws its 2D fallback and every other figure also as SVG.
        Colours: cool-warm centred on zero for a field that takes both signs, else viridis over its range; a field defined
        only in the particle (E2) is grey elsewhere.
        """)
    {
        Positionals = [ViewOptions.Folder],
        Options = [ViewOptions.FieldName, ViewOptions.Clip, Out, Size, Figure.Dpi, Camera, ViewOptions.Hide, Frame],
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
        var (w0, h0) = args.Get(Size);
        int dpi = args.Get(Figure.Dpi);
        int w = Figure.Pixels(w0, dpi), h = Figure.Pixels(h0, dpi);
        if (w > 16384 || h > 16384)
            throw new InputException(args.Spelled(Figure.Dpi), $"--size {w0}x{h0} at this dpi is {w}x{h} pixels",
                value: dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), valid: "at most 16384 pixels a side");
        bool box = args.Get(Frame);
        var outPath = args.Find(Out) ?? $"{field.Name}.png";
        var hidden = ViewOptions.Hidden(args, data);
        // Without a cut the box's outer walls would hide everything inside: show the particle on its substrate.
        if (clip is null && !box && !args.TryGet(ViewOptions.Hide, out _)) hidden = [MieCool.Mesh.Tags.Air];
        var camera = args.Find(Camera);
        OutputFile.Check(outPath, args.Spelled(Out), Out.Accepts);

        RgbaImage image;
        try
        {
            using var gl = new EglContext(w, h);
            using var renderer = new SceneRenderer(gl.Gl, data, clip, field.Name);
            renderer.HiddenRegions.UnionWith(hidden);
            renderer.Camera = renderer.DefaultCamera(clip, wholeMesh: box);
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
