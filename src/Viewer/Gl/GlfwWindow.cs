using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
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
    // The values the input events report, as glfw3.h defines them.
    /// <summary>Action: the key or button went down (GLFW_PRESS).</summary>
    public const int Press = 1;
    /// <summary>Action: the key or button came up (GLFW_RELEASE).</summary>
    public const int Release = 0;
    /// <summary>Action: a held key auto-repeated (GLFW_REPEAT; keys only).</summary>
    public const int Repeat = 2;
    /// <summary>Mouse button: left (GLFW_MOUSE_BUTTON_LEFT).</summary>
    public const int MouseLeft = 0;
    /// <summary>Mouse button: right (GLFW_MOUSE_BUTTON_RIGHT).</summary>
    public const int MouseRight = 1;
    /// <summary>Mouse button: middle, the wheel (GLFW_MOUSE_BUTTON_MIDDLE).</summary>
    public const int MouseMiddle = 2;
    /// <summary>Modifier bit: a Shift key was held (GLFW_MOD_SHIFT).</summary>
    public const int ModShift = 0x1;
    /// <summary>Modifier bit: a Control key was held (GLFW_MOD_CONTROL).</summary>
    public const int ModControl = 0x2;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] delegate void ErrorFn(int code, nint description);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] delegate void CursorPosFn(nint window, double x, double y);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    delegate void MouseButtonFn(nint window, int button, int action, int mods);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] delegate void ScrollFn(nint window, double dx, double dy);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    delegate void KeyFn(nint window, int key, int scancode, int action, int mods);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] delegate void SizeFn(nint window, int width, int height);

    [DllImport(Lib)] static extern int glfwInit();
    [DllImport(Lib)] static extern void glfwTerminate();
    [DllImport(Lib)] static extern nint glfwSetErrorCallback(ErrorFn? callback);
    [DllImport(Lib)] static extern void glfwDefaultWindowHints();
    [DllImport(Lib)] static extern void glfwWindowHint(int hint, int value);
    [DllImport(Lib)]
    static extern nint glfwCreateWindow(int width, int height, [MarshalAs(UnmanagedType.LPUTF8Str)] string title,
        nint monitor, nint share);
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

    /// <inheritdoc/>
    public GL Gl { get; }
    /// <summary>Width of the window's framebuffer in pixels (not screen coordinates), kept up to date on resizes.</summary>
    public int Width { get; private set; }
    /// <summary>Height of the window's framebuffer in pixels, like <see cref="Width"/>.</summary>
    public int Height { get; private set; }
    /// <summary>Always false: the window has a default framebuffer to present.</summary>
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

    /// <summary>
    /// Initialises GLFW, opens a window of <paramref name="width"/> x <paramref name="height"/> screen coordinates
    /// (hidden unless <paramref name="visible"/>) with a 24-bit depth buffer, makes its context current on the
    /// calling thread and synchronises buffer swaps with the display's refresh.
    /// </summary>
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

    /// <summary>True once the user closed the window or <see cref="Close"/> asked for it; the event loop then ends.</summary>
    public bool ShouldClose => glfwWindowShouldClose(_window) != 0;
    /// <summary>Asks the event loop to end (sets <see cref="ShouldClose"/>); the window stays open until disposed.</summary>
    public void Close() => glfwSetWindowShouldClose(_window, 1);
    /// <summary>The text of the window's title bar (write-only).</summary>
    public string Title { set => glfwSetWindowTitle(_window, value); }

    // GLFW's event functions serve every window of the process, but only while GLFW is initialised, which this
    // window's lifetime brackets; callers pump the events of the window they hold, and the events are raised on it.

    /// <summary>Processes pending input without waiting, raising this window's events on the calling thread.</summary>
    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification =
        "Instance API on purpose: valid only while this window keeps GLFW initialised; ViewerApp and the tests call it on the window.")]
    public void PollEvents() => glfwPollEvents();
    /// <summary>Waits up to <paramref name="seconds"/> for input (an idle viewer need not redraw).</summary>
    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification =
        "Instance API on purpose: valid only while this window keeps GLFW initialised; ViewerApp and the tests call it on the window.")]
    public void WaitEvents(double seconds) => glfwWaitEventsTimeout(seconds);

    /// <summary>Makes the window's context current on the calling thread.</summary>
    public void MakeCurrent()
    {
        ObjectDisposedException.ThrowIf(_window == 0, this);
        Checked("glfwMakeContextCurrent", () => glfwMakeContextCurrent(_window));
    }

    /// <summary>Presents the back buffer, waiting for the display's refresh (swap interval 1).</summary>
    public void SwapBuffers() => glfwSwapBuffers(_window);

    /// <summary>Runs a GLFW call and throws a <see cref="GlException"/> if GLFW reported an error during it.</summary>
    void Checked(string what, Action call)
    {
        _lastError = null;
        call();
        if (_lastError is { } error) throw new GlException($"{what} failed: {error}");
    }

    // Tear-down never throws (Dispose may run while another exception unwinds): each GLFW error is kept in
    // TeardownErrors and traced.
    void Teardown(string what, Action call)
    {
        _lastError = null;
        call();
        if (_lastError is not { } error) return;
        _teardownErrors.Add($"{what} failed: {error}");
        Trace.TraceWarning($"GlfwWindow: {what} failed: {error}");
    }

    /// <summary>
    /// Releases the context, destroys the window and terminates GLFW. Never throws: what GLFW reports lands in
    /// <see cref="TeardownErrors"/>.
    /// </summary>
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
