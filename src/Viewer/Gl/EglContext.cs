using System.Diagnostics;
using System.Runtime.InteropServices;
using Silk.NET.OpenGL;

namespace MieCool.Viewer.Gl;

/// <summary>
/// A headless OpenGL 3.3 core context on Mesa's EGL surfaceless platform (EGL_MESA_platform_surfaceless):
/// no window system, no pbuffer; everything is drawn into framebuffer objects and read back with glReadPixels.
/// Hand P/Invoke of libEGL.so.1 (EGL 1.5 specification, Khronos). A failed set-up call throws a
/// <see cref="GlException"/> naming the call and the EGL error (e.g. "EGL_BAD_ALLOC = 0x3003"); tear-down never throws.
/// </summary>
public sealed unsafe class EglContext : IGlContext
{
    const string Lib = "libEGL.so.1";
    const int EGL_NONE = 0x3038, EGL_SURFACE_TYPE = 0x3033, EGL_PBUFFER_BIT = 0x0001, EGL_RENDERABLE_TYPE = 0x3040,
        EGL_OPENGL_BIT = 0x0008, EGL_RED_SIZE = 0x3024, EGL_GREEN_SIZE = 0x3023, EGL_BLUE_SIZE = 0x3022,
        EGL_ALPHA_SIZE = 0x3021, EGL_DEPTH_SIZE = 0x3025, EGL_OPENGL_API = 0x30A2,
        EGL_CONTEXT_MAJOR_VERSION = 0x3098, EGL_CONTEXT_MINOR_VERSION = 0x30FB,
        EGL_CONTEXT_OPENGL_PROFILE_MASK = 0x30FD, EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT = 0x1,
        EGL_PLATFORM_SURFACELESS_MESA = 0x31DD, EGL_VENDOR = 0x3053, EGL_VERSION = 0x3054;

    [DllImport(Lib)] static extern nint eglGetProcAddress(string name);
    [DllImport(Lib)] static extern int eglInitialize(nint dpy, out int major, out int minor);
    [DllImport(Lib)] static extern int eglTerminate(nint dpy);
    [DllImport(Lib)] static extern int eglBindAPI(int api);
    [DllImport(Lib)] static extern int eglChooseConfig(nint dpy, int* attribs, nint* configs, int size, out int count);
    [DllImport(Lib)] static extern nint eglCreateContext(nint dpy, nint config, nint share, int* attribs);
    [DllImport(Lib)] static extern int eglDestroyContext(nint dpy, nint ctx);
    [DllImport(Lib)] static extern int eglMakeCurrent(nint dpy, nint draw, nint read, nint ctx);
    [DllImport(Lib)] static extern int eglGetError();
    [DllImport(Lib)] static extern nint eglQueryString(nint dpy, int name);
    [DllImport(Lib)] static extern int eglReleaseThread();

    readonly nint _display, _context;
    readonly List<string> _teardownErrors = [];
    bool _disposed;

    // EGL hands every caller the same display for the same platform, and eglTerminate would end the contexts
    // of all of them: the display is initialised once and terminated with the last context of the process.
    static readonly Lock DisplayLock = new();
    static int _displayUsers;

    /// <inheritdoc/>
    public GL Gl { get; }
    /// <summary>Nominal width in pixels, as asked for: there is no surface; frames go to framebuffer objects of any size.</summary>
    public int Width { get; }
    /// <summary>Nominal height in pixels, as asked for (see <see cref="Width"/>).</summary>
    public int Height { get; }
    /// <summary>Always true: a surfaceless context has no default framebuffer.</summary>
    public bool IsHeadless => true;
    /// <summary>EGL vendor and version, e.g. "Mesa Project 1.5".</summary>
    public string Description { get; }
    /// <summary>What failed while <see cref="Dispose"/> released the context and the display; empty when nothing did.</summary>
    public IReadOnlyList<string> TeardownErrors => _teardownErrors;

    /// <summary>The name and value of an EGL error code (egl.h), e.g. "EGL_BAD_ALLOC = 0x3003".</summary>
    public static string ErrorName(int code) => code switch
    {
        0x3000 => "EGL_SUCCESS", 0x3001 => "EGL_NOT_INITIALIZED", 0x3002 => "EGL_BAD_ACCESS", 0x3003 => "EGL_BAD_ALLOC",
        0x3004 => "EGL_BAD_ATTRIBUTE", 0x3005 => "EGL_BAD_CONFIG", 0x3006 => "EGL_BAD_CONTEXT",
        0x3007 => "EGL_BAD_CURRENT_SURFACE", 0x3008 => "EGL_BAD_DISPLAY", 0x3009 => "EGL_BAD_MATCH",
        0x300A => "EGL_BAD_NATIVE_PIXMAP", 0x300B => "EGL_BAD_NATIVE_WINDOW", 0x300C => "EGL_BAD_PARAMETER",
        0x300D => "EGL_BAD_SURFACE", 0x300E => "EGL_CONTEXT_LOST", _ => "unknown EGL error",
    } + $" = 0x{code:X4}";

    /// <summary>The error of this thread's last EGL call, named.</summary>
    static string LastError() => ErrorName(eglGetError());

    /// <summary>
    /// Creates the context and makes it current on the calling thread. <paramref name="width"/> and
    /// <paramref name="height"/> are only recorded (see <see cref="Width"/>); nothing is allocated for them.
    /// </summary>
    public EglContext(int width = 1, int height = 1)
    {
        Width = width; Height = height;
        nint dpy;
        try
        {
            // eglGetPlatformDisplay is core in EGL 1.5; the EXT entry point covers older loaders.
            var getPlatformDisplay = (delegate* unmanaged<int, nint, nint*, nint>)eglGetProcAddress("eglGetPlatformDisplay");
            if (getPlatformDisplay == null)
                getPlatformDisplay = (delegate* unmanaged<int, nint, nint*, nint>)eglGetProcAddress("eglGetPlatformDisplayEXT");
            if (getPlatformDisplay == null)
                throw new GlException("EGL has neither eglGetPlatformDisplay nor eglGetPlatformDisplayEXT");
            dpy = getPlatformDisplay(EGL_PLATFORM_SURFACELESS_MESA, 0, null);
        }
        catch (DllNotFoundException e)
        {
            throw new GlException($"cannot load {Lib} ({e.Message}); install libegl1 libegl-mesa0 libgl1-mesa-dri");
        }
        if (dpy == 0) throw new GlException($"no EGL surfaceless display ({LastError()}); is Mesa's libegl-mesa0 installed?");
        lock (DisplayLock)
        {
            if (eglInitialize(dpy, out _, out _) == 0) throw new GlException($"eglInitialize failed ({LastError()})");
            _displayUsers++;
        }
        _display = dpy;
        Description = $"{Query(EGL_VENDOR)} EGL {Query(EGL_VERSION)}";
        // The API must be bound before the context is created, or EGL makes an OpenGL ES context.
        if (eglBindAPI(EGL_OPENGL_API) == 0) Fail("eglBindAPI(EGL_OPENGL_API)");

        nint config = 0; int count = 0, chosen = 0;
        // Surfaceless configs may not advertise pbuffer support: ask for a pbuffer config first, then any.
        int* cfg = stackalloc int[] { EGL_SURFACE_TYPE, EGL_PBUFFER_BIT, EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT,
            EGL_RED_SIZE, 8, EGL_GREEN_SIZE, 8, EGL_BLUE_SIZE, 8, EGL_ALPHA_SIZE, 8, EGL_DEPTH_SIZE, 24, EGL_NONE };
        foreach (int surfaceType in new[] { EGL_PBUFFER_BIT, 0 })
        {
            cfg[1] = surfaceType;
            if ((chosen = eglChooseConfig(dpy, cfg, &config, 1, out count)) != 0 && count > 0) break;
        }
        if (chosen == 0 || count == 0)
            Fail("eglChooseConfig (OpenGL, 8-bit RGBA, 24-bit depth)", chosen == 0 ? null : "no such config");

        int* ctxAttribs = stackalloc int[] { EGL_CONTEXT_MAJOR_VERSION, 3, EGL_CONTEXT_MINOR_VERSION, 3,
            EGL_CONTEXT_OPENGL_PROFILE_MASK, EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT, EGL_NONE };
        _context = eglCreateContext(dpy, config, 0, ctxAttribs);
        if (_context == 0) Fail("eglCreateContext (OpenGL 3.3 core)");
        if (eglMakeCurrent(dpy, 0, 0, _context) == 0) Fail("eglMakeCurrent(EGL_NO_SURFACE)");
        Gl = GL.GetApi(name => eglGetProcAddress(name));
    }

    string Query(int name) =>
        Marshal.PtrToStringAnsi(eglQueryString(_display, name)) ?? $"(eglQueryString failed: {LastError()})";

    /// <summary>
    /// Throws for a failed set-up call (with <paramref name="why"/>, else the EGL error), after releasing what the
    /// constructor acquired.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    void Fail(string what, string? why = null)
    {
        string error = why ?? LastError(); // first: the clean-up below makes EGL calls of its own
        if (_context != 0 && eglDestroyContext(_display, _context) == 0) TeardownFailed("eglDestroyContext");
        ReleaseDisplay();
        string cleanup = _teardownErrors.Count == 0 ? "" : $"; clean-up: {string.Join("; ", _teardownErrors)}";
        throw new GlException($"{what} failed ({error})" + cleanup);
    }

    void ReleaseDisplay()
    {
        lock (DisplayLock)
            if (--_displayUsers == 0 && eglTerminate(_display) == 0) TeardownFailed("eglTerminate");
    }

    // Tear-down never throws (Dispose may run while another exception unwinds): each failure is kept in
    // TeardownErrors and traced.
    void TeardownFailed(string what)
    {
        var message = $"{what} failed ({LastError()})";
        _teardownErrors.Add(message);
        Trace.TraceWarning($"EglContext: {message}");
    }

    /// <summary>Makes the context current on the calling thread, without a surface (EGL_NO_SURFACE).</summary>
    public void MakeCurrent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (eglMakeCurrent(_display, 0, 0, _context) == 0)
            throw new GlException($"eglMakeCurrent(EGL_NO_SURFACE) failed ({LastError()})");
    }

    /// <summary>Nothing to present: there is no surface (frames are read back from framebuffer objects).</summary>
    public void SwapBuffers() { }

    /// <summary>Releases the context from this thread, so another thread may make it current (nothing to do once disposed).</summary>
    public void ReleaseCurrent()
    {
        if (_disposed) return;
        if (eglMakeCurrent(_display, 0, 0, 0) == 0)
            throw new GlException($"eglMakeCurrent(EGL_NO_CONTEXT) failed ({LastError()})");
    }

    /// <summary>
    /// Releases the context from this thread, destroys it, terminates the display with the last context of the
    /// process and releases EGL's per-thread state. Never throws: failures land in <see cref="TeardownErrors"/>.
    /// </summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Gl?.Dispose();
        if (eglMakeCurrent(_display, 0, 0, 0) == 0) TeardownFailed("eglMakeCurrent(EGL_NO_CONTEXT)");
        if (eglDestroyContext(_display, _context) == 0) TeardownFailed("eglDestroyContext");
        ReleaseDisplay();
        if (eglReleaseThread() == 0) TeardownFailed("eglReleaseThread");
    }
}
