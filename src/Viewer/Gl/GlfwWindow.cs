using System.Diagnostics;
using System.Runtime.InteropServices;
using Silk.NET.OpenGL;

namespace MieCool.Viewer.Gl;

/// <summary>
/// An on-screen window with an OpenGL 3.3 core context, by a small hand P/Invoke of GLFW 3 (libglfw.so.3).
/// Input arrives through the events below while <see cref="PollEvents"/> runs. The native callbacks are
/// delegates held in fields so the garbage collector cannot collect them while GLFW holds their pointers.
/// GLFW reports failures only through its error callback: a set-up call that reported one throws a
/// <see cref="GlException"/> with GLFW's code and text; tear-down never throws.
/// </summary>
public sealed unsafe class GlfwWindow : IGlContext
{
    const string Lib = "libglfw.so.3";
    // GLFW 3 constants (glfw3.h)
    const int GLFW_CONTEXT_VERSION_MAJOR = 0x00022002, GLFW_CONTEXT_VERSION_MINOR = 0x00022003,
        GLFW_OPENGL_PROFILE = 0x00022008, GLFW_OPENGL_CORE_PROFILE = 0x00032001, GLFW_OPENGL_FORWARD_COMPAT = 0x00022006,
        GLFW_VISIBLE = 0x00020004, GLFW_DEPTH_BITS = 0x00021005;
    public const int Press = 1, Release = 0, Repeat = 2;
    public const int MouseLeft = 0, MouseRight = 1, MouseMiddle = 2;
    public const int ModShift = 0x1, ModControl = 0x2;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] delegate void ErrorFn(int code, nint description);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] delegate void CursorPosFn(nint window, double x, double y);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] delegate void MouseButtonFn(nint window, int button, int action, int mods);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] delegate void ScrollFn(nint window, double dx, double dy);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] delegate void KeyFn(nint window, int key, int scancode, int action, int mods);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] delegate void SizeFn(nint window, int width, int height);

    [DllImport(Lib)] static extern int glfwInit();
    [DllImport(Lib)] static extern void glfwTerminate();
    [DllImport(Lib)] static extern nint glfwSetErrorCallback(ErrorFn? callback);
    [DllImport(Lib)] static extern void glfwDefaultWindowHints();
    [DllImport(Lib)] static extern void glfwWindowHint(int hint, int value);
    [DllImport(Lib)] static extern nint glfwCreateWindow(int width, int height, [MarshalAs(UnmanagedType.LPUTF8Str)] string title, nint monitor, nint share);
    [DllImport(Lib)] static extern void glfwDestroyWindow(nint window);
    [DllImport(Lib)] static extern void glfwMakeContextCurrent(nint window);
    [DllImport(Lib)] static extern nint glfwGetProcAddress([MarshalAs(UnmanagedType.LPUTF8Str)] string name);
    [DllImport(Lib)] static extern void glfwSwapBuffers(nint window);
    [DllImport(Lib)] static extern void glfwSwapInterval(int interval);
    [DllImport(Lib)] static extern void glfwPollEvents();
    [DllImport(Lib)] static extern void glfwWaitEventsTimeout(double timeout);
    [DllImport(Lib)] static extern int glfwWindowShouldClose(nint window);
    [DllImport(Lib)] static extern void glfwSetWindowShouldClose(nint window, int value);
    [DllImport(Lib)] static extern void glfwGetFramebufferSize(nint window, out int width, out int height);
    [DllImport(Lib)] static extern void glfwSetWindowTitle(nint window, [MarshalAs(UnmanagedType.LPUTF8Str)] string title);
    [DllImport(Lib)] static extern nint glfwSetCursorPosCallback(nint window, CursorPosFn? cb);
    [DllImport(Lib)] static extern nint glfwSetMouseButtonCallback(nint window, MouseButtonFn? cb);
    [DllImport(Lib)] static extern nint glfwSetScrollCallback(nint window, ScrollFn? cb);
    [DllImport(Lib)] static extern nint glfwSetKeyCallback(nint window, KeyFn? cb);
    [DllImport(Lib)] static extern nint glfwSetFramebufferSizeCallback(nint window, SizeFn? cb);

    // Held for the lifetime of the window: GLFW keeps raw pointers to them.
    readonly ErrorFn _onError;
    readonly CursorPosFn _onCursor;
    readonly MouseButtonFn _onButton;
    readonly ScrollFn _onScroll;
    readonly KeyFn _onKey;
    readonly SizeFn _onSize;
    nint _window;
    string? _lastError;
    readonly List<string> _teardownErrors = [];

    public GL Gl { get; }
    public int Width { get; private set; }
    public int Height { get; private set; }
    public bool IsHeadless => false;
    /// <summary>What GLFW reported while <see cref="Dispose"/> closed the window; empty when nothing failed.</summary>
    public IReadOnlyList<string> TeardownErrors => _teardownErrors;

    /// <summary>Cursor moved to (x, y) in screen coordinates.</summary>
    public event Action<double, double>? CursorMoved;
    /// <summary>Mouse button, action (<see cref="Press"/>/<see cref="Release"/>), modifier bits.</summary>
    public event Action<int, int, int>? MouseButton;
    /// <summary>Scroll wheel offset (dx, dy).</summary>
    public event Action<double, double>? Scrolled;
    /// <summary>GLFW key code, action, modifier bits.</summary>
    public event Action<int, int, int>? Key;
    /// <summary>The framebuffer was resized to (width, height) pixels.</summary>
    public event Action<int, int>? Resized;

    /// <summary>True when a display is named in the environment (X11 or Wayland).</summary>
    public static bool DisplayAvailable =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY"))
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WAYLAND_DISPLAY"));

    public GlfwWindow(int width, int height, string title, bool visible = true)
    {
        _onError = (code, desc) => _lastError = $"GLFW error 0x{code:X}: {Marshal.PtrToStringUTF8(desc)}";
        _onCursor = (_, x, y) => CursorMoved?.Invoke(x, y);
        _onButton = (_, b, a, m) => MouseButton?.Invoke(b, a, m);
        _onScroll = (_, dx, dy) => Scrolled?.Invoke(dx, dy);
        _onKey = (_, k, _, a, m) => Key?.Invoke(k, a, m);
        _onSize = (_, w, h) => { Width = w; Height = h; Resized?.Invoke(w, h); };
        try { glfwSetErrorCallback(_onError); }
        catch (DllNotFoundException e) { throw new GlException($"cannot load {Lib} ({e.Message}); install libglfw3"); }
        if (glfwInit() == 0) throw new GlException($"glfwInit failed: {_lastError ?? "no display?"}");
        glfwDefaultWindowHints();
        glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
        glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
        glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
        // Not forward-compatible: core 3.3 then still allows lines wider than one pixel (outlines in screenshots).
        glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, 0);
        glfwWindowHint(GLFW_DEPTH_BITS, 24);
        glfwWindowHint(GLFW_VISIBLE, visible ? 1 : 0);
        _window = glfwCreateWindow(width, height, title, 0, 0);
        if (_window == 0)
        {
            var why = _lastError;
            glfwTerminate();
            throw new GlException($"glfwCreateWindow (OpenGL 3.3 core) failed: {why}");
        }
        try
        {
            Checked("glfwMakeContextCurrent", () => glfwMakeContextCurrent(_window));
            Checked("glfwSwapInterval(1)", () => glfwSwapInterval(1));
            int w = 0, h = 0;
            Checked("glfwGetFramebufferSize", () => glfwGetFramebufferSize(_window, out w, out h));
            Width = w; Height = h;
        }
        catch (GlException)
        {
            glfwDestroyWindow(_window);
            glfwTerminate();
            throw;
        }
        Gl = GL.GetApi(name => glfwGetProcAddress(name));
        glfwSetCursorPosCallback(_window, _onCursor);
        glfwSetMouseButtonCallback(_window, _onButton);
        glfwSetScrollCallback(_window, _onScroll);
        glfwSetKeyCallback(_window, _onKey);
        glfwSetFramebufferSizeCallback(_window, _onSize);
    }

    public bool ShouldClose => glfwWindowShouldClose(_window) != 0;
    public void Close() => glfwSetWindowShouldClose(_window, 1);
    public string Title { set => glfwSetWindowTitle(_window, value); }

    public void PollEvents() => glfwPollEvents();
    /// <summary>Waits up to <paramref name="seconds"/> for input (an idle viewer need not redraw).</summary>
    public void WaitEvents(double seconds) => glfwWaitEventsTimeout(seconds);

    public void MakeCurrent()
    {
        ObjectDisposedException.ThrowIf(_window == 0, this);
        Checked("glfwMakeContextCurrent", () => glfwMakeContextCurrent(_window));
    }

    public void SwapBuffers() => glfwSwapBuffers(_window);

    /// <summary>Runs a GLFW call and throws a <see cref="GlException"/> if GLFW reported an error during it.</summary>
    void Checked(string what, Action call)
    {
        _lastError = null;
        call();
        if (_lastError is { } error) throw new GlException($"{what} failed: {error}");
    }

    // Tear-down never throws (Dispose may run while another exception unwinds): each GLFW error is kept in TeardownErrors and traced.
    void Teardown(string what, Action call)
    {
        _lastError = null;
        call();
        if (_lastError is not { } error) return;
        _teardownErrors.Add($"{what} failed: {error}");
        Trace.TraceWarning($"GlfwWindow: {what} failed: {error}");
    }

    public void Dispose()
    {
        if (_window == 0) return;
        Gl.Dispose();
        Teardown("glfwMakeContextCurrent(NULL)", () => glfwMakeContextCurrent(0));
        Teardown("glfwDestroyWindow", () => glfwDestroyWindow(_window));
        _window = 0;
        Teardown("glfwTerminate", glfwTerminate);
        glfwSetErrorCallback(null);
    }
}
