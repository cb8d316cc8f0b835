using MieCool.Mesh;
using MieCool.Viewer.Gl;
using MieCool.Viewer.Rendering;
using MieCool.Viewer.Scene;

namespace MieCool.Viewer.Window;

/// <summary>
/// The interactive viewer: a GLFW window showing a <see cref="SceneRenderer"/>, with mouse orbit/pan/zoom and
/// keys for fields, the clip plane, region visibility, screenshots (re-rendered offscreen at twice the window's
/// resolution) and the on-screen legend of keys. Redraws only after input.
/// </summary>
public sealed class ViewerApp : IDisposable
{
    // GLFW key codes (glfw3.h)
    const int KeyEscape = 256, KeyLeftBracket = 91, KeyRightBracket = 93, Key1 = 49, Key9 = 57;

    /// <summary>The legend of mouse actions and keys drawn at the bottom left (H hides it), one line each.</summary>
    public static readonly string[] KeyLegend =
    [
        "left drag: orbit   right/middle drag: pan   wheel: zoom",
        "F / shift+F: next / previous field",
        "X Y Z: clip through the particle centre   C: clip on/off",
        "[ ]: move the clip   N: keep the other side",
        "1-4: show/hide particle, shell, substrate, air",
        "R: reset view   S: screenshot   H: hide keys   Q, Esc: quit",
    ];

    readonly Action<string> _log;
    GlFramebuffer? _msaa;
    bool _dirty = true, _orbiting, _panning;
    double _lastX, _lastY;
    ClipPlane _lastClip;

    /// <summary>The window and its GL context; the viewer owns it and disposes it.</summary>
    public GlfwWindow Window { get; }
    /// <summary>What is drawn: field, clip, hidden regions and camera, changed by the keys and the mouse.</summary>
    public SceneRenderer Renderer { get; }
    /// <summary>Folder screenshots are written to.</summary>
    public string ScreenshotFolder { get; set; } = Directory.GetCurrentDirectory();
    /// <summary>
    /// Multisampling of window frames: 0 by default, since Mesa's llvmpipe pays about 4x for 4 samples;
    /// screenshots are always re-rendered with 4.
    /// </summary>
    public int Samples { get; set; }
    /// <summary>Frames drawn so far.</summary>
    public int Frames { get; private set; }

    /// <summary>
    /// Opens a window of <paramref name="width"/> x <paramref name="height"/> (hidden unless
    /// <paramref name="visible"/>) showing <paramref name="field"/> (null: the data's default field) cut by
    /// <paramref name="clip"/>; <paramref name="log"/> receives one line per screenshot and region toggle.
    /// </summary>
    public ViewerApp(ResultData data, ClipPlane? clip, string? field, int width = 1280, int height = 800,
                     bool visible = true, Action<string>? log = null)
    {
        _log = log ?? (_ => { });
        Window = new GlfwWindow(width, height, "miecool view", visible);
        try
        {
            Renderer = new SceneRenderer(Window.Gl, data, clip, field) { Keys = KeyLegend };
        }
        catch
        {
            Window.Dispose();
            throw;
        }
        _lastClip = clip ?? new ClipPlane(1, 0);
        Window.Key += OnKey;
        Window.MouseButton += OnButton;
        Window.CursorMoved += OnCursor;
        Window.Scrolled += (_, dy) => { Renderer.Camera.Zoom(dy); _dirty = true; };
        Window.Resized += (_, _) => _dirty = true;
        UpdateTitle();
    }

    /// <summary>Runs until the window is closed.</summary>
    public void Run()
    {
        while (!Window.ShouldClose)
        {
            if (_dirty) Frame();
            Window.WaitEvents(0.1);
        }
    }

    /// <summary>
    /// Draws one frame into the window and presents it (or leaves it in the back buffer, for
    /// <see cref="ReadBackBuffer"/>).
    /// </summary>
    public void Frame(bool present = true)
    {
        int w = Math.Max(1, Window.Width), h = Math.Max(1, Window.Height);
        Window.MakeCurrent();
        if (_msaa is null || _msaa.Width != w || _msaa.Height != h || _msaa.Samples != Samples)
        {
            _msaa?.Dispose();
            _msaa = new GlFramebuffer(Window.Gl, w, h, Samples);
        }
        _msaa.Bind();
        Renderer.Draw(w, h);
        _msaa.BlitTo(0, w, h);
        if (present) Window.SwapBuffers();
        if (Renderer.CheckErrors) GlErrors.Check(Window.Gl, "presenting a frame");
        _dirty = false;
        Frames++;
    }

    /// <summary>The window's back buffer as drawn by the last <c>Frame(present: false)</c>, top row first.</summary>
    public unsafe RgbaImage ReadBackBuffer()
    {
        var gl = Window.Gl;
        int w = Window.Width, h = Window.Height;
        var pixels = new byte[w * h * 4];
        gl.BindFramebuffer(Silk.NET.OpenGL.FramebufferTarget.ReadFramebuffer, 0);
        gl.ReadBuffer(Silk.NET.OpenGL.ReadBufferMode.Back);
        gl.PixelStore(Silk.NET.OpenGL.PixelStoreParameter.PackAlignment, 1);
        fixed (byte* p = pixels)
            gl.ReadPixels(0, 0, (uint)w, (uint)h, Silk.NET.OpenGL.PixelFormat.Rgba, Silk.NET.OpenGL.PixelType.UnsignedByte, p);
        var flipped = new byte[pixels.Length];
        for (int y = 0; y < h; y++) Array.Copy(pixels, (h - 1 - y) * w * 4, flipped, y * w * 4, w * 4);
        if (Renderer.CheckErrors) GlErrors.Check(gl, "reading the back buffer");
        return new RgbaImage(w, h, flipped);
    }

    /// <summary>
    /// Re-renders the current view offscreen at twice the window's size without the keys and saves a PNG (to
    /// <paramref name="path"/>, else a time-stamped name in <see cref="ScreenshotFolder"/>); returns its path.
    /// </summary>
    public string SaveScreenshot(string? path = null)
    {
        Window.MakeCurrent();
        var keys = Renderer.Keys;
        Renderer.Keys = null;
        try
        {
            var image = Renderer.RenderImage(2 * Math.Max(1, Window.Width), 2 * Math.Max(1, Window.Height));
            path ??= Path.Combine(ScreenshotFolder,
                $"miecool-{Renderer.Field.Name}-{DateTime.Now:yyyyMMdd-HHmmss}.png");
            image.SavePng(path);
            _log($"screenshot: {path} ({image.Width}x{image.Height})");
            return path;
        }
        finally
        {
            Renderer.Keys = keys;
            _dirty = true;
        }
    }

    /// <summary>Handles a key as GLFW reports it (public so tests can drive the viewer).</summary>
    public void OnKey(int key, int action, int mods)
    {
        if (action == GlfwWindow.Release) return;
        var r = Renderer;
        switch (key)
        {
            case KeyEscape or 'Q': Window.Close(); break;
            case 'F':
            {
                var fields = r.Data.Fields;
                int i = fields.ToList().IndexOf(r.Field);
                int step = (mods & GlfwWindow.ModShift) != 0 ? -1 : 1;
                r.Field = fields[(i + step + fields.Count) % fields.Count];
                break;
            }
            case 'C': r.Clip = r.Clip is null ? _lastClip : null; r.Camera = r.DefaultCamera(r.Clip); break;
            case 'X' or 'Y' or 'Z':
            {
                int axis = key - 'X';
                double through = axis == 2 ? r.Origin.Z : axis == 1 ? r.Origin.Y : r.Origin.X;
                r.Clip = _lastClip = new ClipPlane(axis, through, 1);
                r.Camera = r.DefaultCamera(r.Clip);
                break;
            }
            case KeyLeftBracket or KeyRightBracket when r.Clip is { } c:
                r.Clip = _lastClip = c with { Offset = c.Offset + (key == KeyRightBracket ? 0.1 : -0.1) * r.Scale };
                break;
            case 'N' when r.Clip is { } c:
                r.Clip = _lastClip = c with { Sign = -c.Sign };
                r.Camera = r.DefaultCamera(r.Clip);
                break;
            case >= Key1 and <= Key9:
            {
                int tag = key - Key1 + 1;
                if (!r.HiddenRegions.Remove(tag)) r.HiddenRegions.Add(tag);
                _log($"{Tags.RegionName(tag)}: {(r.HiddenRegions.Contains(tag) ? "hidden" : "shown")}");
                break;
            }
            case 'R': r.HiddenRegions.Clear(); r.Camera = r.DefaultCamera(r.Clip); break;
            case 'S': SaveScreenshot(); break;
            case 'H': r.Keys = r.Keys is null ? KeyLegend : null; break;
            default: return;
        }
        UpdateTitle();
        _dirty = true;
    }

    void OnButton(int button, int action, int mods)
    {
        bool down = action == GlfwWindow.Press;
        if (button == GlfwWindow.MouseLeft && (mods & GlfwWindow.ModShift) == 0) _orbiting = down;
        else _panning = down;
        if (!down) { _orbiting = false; _panning = false; }
    }

    void OnCursor(double x, double y)
    {
        double dx = x - _lastX, dy = y - _lastY;
        _lastX = x; _lastY = y;
        if (_orbiting) { Renderer.Camera.Orbit(dx, dy); _dirty = true; }
        else if (_panning) { Renderer.Camera.Pan(dx, dy, Math.Max(1, Window.Height)); _dirty = true; }
    }

    void UpdateTitle() =>
        Window.Title = $"miecool view - {Renderer.Data.Source} - {Renderer.Field.Label}" + (Renderer.Clip is { } c ? $" - clip {c}" : "");

    /// <summary>Deletes the renderer's GL objects and closes the window.</summary>
    public void Dispose()
    {
        Window.MakeCurrent();
        _msaa?.Dispose();
        Renderer.Dispose();
        Window.Dispose();
    }
}
