using System.Diagnostics;
using MieCool.Results;
using MieCool.Viewer.Gl;
using MieCool.Viewer.Rendering;
using MieCool.Viewer.Scene;

namespace MieCool.Bench;

/// <summary>
/// `timed viewer [N] [PNG]`: the viewer's targets on a synthetic particle-in-a-box mesh of 6 N^3 tetrahedra
/// (N = 55: about a million): face extraction (~1 s), a clipped 1600x1000 frame with Mesa's llvmpipe
/// (&lt; 100 ms), and time to first frame for a typical result file (200 k cells, &lt; 2 s).
/// </summary>
public static class ViewerBench
{
    public static void Register(Dictionary<string, Func<string[], int>> h)
    {
        h["viewer"] = Run;
        h["viewer-sample"] = WriteSample;
    }

    /// <summary>`timed viewer-sample DIR [N]`: writes a synthetic result (fields.h5 + .xdmf) to try `miecool view DIR` on.</summary>
    static int WriteSample(string[] args)
    {
        if (args.Length == 0) { Console.Error.WriteLine("usage: timed viewer-sample DIR [N]"); return 2; }
        var data = SyntheticResult.Build(args.Length > 1 ? int.Parse(args[1]) : 32);
        var paths = ResultFile.Write(Path.Combine(args[0], "fields.h5"), data.Mesh, ResultFields(data));
        Console.WriteLine($"wrote {paths.Hdf5} and {paths.Xdmf} ({data.Mesh.CellCount} cells)");
        return 0;
    }

    static int Run(string[] args)
    {
        int n = args.Length > 0 ? int.Parse(args[0]) : 55;
        const int W = 1600, H = 1000;
        var sw = Stopwatch.StartNew();
        var data = SyntheticResult.Build(n);
        Console.WriteLine($"mesh: {data.Mesh.CellCount} cells, {data.Mesh.NodeCount} nodes (built in {sw.Elapsed.TotalSeconds:F2} s)");

        var extract = new List<double>();
        SurfaceFaces faces = null!;
        for (int i = 0; i < 3; i++)
        {
            sw.Restart();
            faces = SurfaceExtraction.Extract(data.Mesh);
            extract.Add(sw.Elapsed.TotalSeconds);
        }
        Console.WriteLine($"face_extraction: {extract.Min():F3} s " +
                          $"(best of 3; {string.Join(", ", extract.Select(t => t.ToString("F3")))}); {faces.Count} faces");

        sw.Restart();
        using (var gl = new EglContext(W, H))
        {
            string glRenderer = gl.Gl.GetStringS(Silk.NET.OpenGL.StringName.Renderer);
            Console.WriteLine($"context: {gl.Description}, {glRenderer} ({sw.Elapsed.TotalSeconds:F2} s)");
            using var renderer = new SceneRenderer(gl.Gl, data, ClipPlane.Parse("y=0"), "dT") { CheckErrors = true };
            foreach (int samples in new[] { 0, 4 })
            {
                using var target = new GlFramebuffer(gl.Gl, W, H, samples);
                using var resolved = new GlFramebuffer(gl.Gl, W, H);
                var times = new List<double>();
                var proc = Process.GetCurrentProcess();
                TimeSpan cpu0 = default;
                for (int i = 0; i < 11; i++)
                {
                    if (i == 1) { proc.Refresh(); cpu0 = proc.TotalProcessorTime; }
                    sw.Restart();
                    target.Bind();
                    renderer.Draw(W, H);
                    if (samples > 0) target.BlitTo(resolved.Handle, W, H);
                    gl.Gl.Finish();
                    if (i > 0) times.Add(sw.Elapsed.TotalMilliseconds); // the first includes geometry upload
                    // Moving the camera does not rebuild geometry; the next frame is a plain redraw.
                    renderer.Camera.Orbit(3, 1);
                }
                proc.Refresh();
                // CPU time (all threads, llvmpipe's included) is far less sensitive to other load than wall time:
                // on two idle cores a frame takes about half of it.
                double cpuMs = (proc.TotalProcessorTime - cpu0).TotalMilliseconds / times.Count;
                times.Sort();
                Console.WriteLine($"frame_{W}x{H}_msaa{samples}: median {times[times.Count / 2]:F1} ms, min {times[0]:F1} ms wall; " +
                                  $"{cpuMs:F1} ms CPU per frame (clipped, {faces.Count} surface triangles)");
            }
            sw.Restart();
            renderer.Clip = ClipPlane.Parse("x=10nm");
            renderer.RenderImage(64, 40, 0);
            Console.WriteLine($"clip_move: {sw.Elapsed.TotalMilliseconds:F0} ms " +
                              $"(new section {renderer.LastSliceSeconds * 1e3:F0} ms + a small frame)");
            if (args.Length > 1)
            {
                renderer.Clip = ClipPlane.Parse("y=0");
                renderer.Camera = renderer.DefaultCamera(renderer.Clip);
                renderer.RenderImage(W, H).SavePng(args[1]);
                Console.WriteLine($"wrote {args[1]}");
            }
        }

        // Time to first frame of a typical result: read the .h5, extract faces, create the context, draw, read back.
        var dir = Directory.CreateTempSubdirectory("miecool-bench-viewer-").FullName;
        try
        {
            var typical = SyntheticResult.Build(32);
            ResultFile.Write(Path.Combine(dir, "fields.h5"), typical.Mesh, ResultFields(typical));
            var proc = Process.GetCurrentProcess();
            proc.Refresh();
            var cpu0 = proc.TotalProcessorTime;
            sw.Restart();
            var loaded = ResultLoader.Load(dir);
            double load = sw.Elapsed.TotalSeconds;
            using var gl = new EglContext(W, H);
            using var renderer = new SceneRenderer(gl.Gl, loaded, ClipPlane.Parse("y=0"), "dT");
            renderer.RenderImage(W, H);
            double wall = sw.Elapsed.TotalSeconds;
            proc.Refresh();
            Console.WriteLine($"time_to_first_frame: {wall:F2} s wall, {(proc.TotalProcessorTime - cpu0).TotalSeconds:F2} s CPU " +
                              $"({loaded.Mesh.CellCount} cells, {W}x{H} with 4x MSAA; " +
                              $"reading {load:F2} s, faces {renderer.FaceExtractionSeconds:F2} s)");
        }
        finally { Directory.Delete(dir, recursive: true); }
        Console.WriteLine($"peak_memory: {Timed.PeakWorkingSet() / 1e6:F0} MB");
        return 0;
    }

    /// <summary>The fields of a synthetic result as the result file stores them (without "region", which the mesh holds).</summary>
    static IEnumerable<ResultField> ResultFields(ResultData data) =>
        data.Fields.Where(f => f.Name != "region").Select(f => new ResultField(f.Name,
            f.Location == FieldLocation.Point ? FieldCentering.Node : FieldCentering.Cell, f.Values, f.Unit, f.LongName));
}
