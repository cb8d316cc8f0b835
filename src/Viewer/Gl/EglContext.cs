using System.Runtime.InteropServices;
using Silk.NET.OpenGL;

namespace MieCool.Viewer.Gl;

/// <summary>
/// A headless OpenGL 3.3 core context on Mesa's EGL surfaceless platform (EGL_MESA_platform_surfaceless):
/// no window system, no pbuffer; everything is drawn into framebuffer objects and read back with glReadPixels.
/// Hand P/Invoke of libEGL.so.1 (EGL 1.5 specification, Khronos).
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
    bool _disposed;

    // EGL hands every caller the same display for the same platform, and eglTerminate would end the contexts
    // of all of them: the display is initialised once and terminated with the last context of the process.
    static readonly Lock DisplayLock = new();
    static int _displayUsers;

    public GL Gl { get; }
    public int Width { get; }
    public int Height { get; }
    public bool IsHeadless => true;
    /// <summary>EGL vendor and version, e.g. "Mesa Project 1.5".</summary>
    public string Description { get; }

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
            if (getPlatformDisplay == null) throw new GlException("EGL has neither eglGetPlatformDisplay nor eglGetPlatformDisplayEXT");
            dpy = getPlatformDisplay(EGL_PLATFORM_SURFACELESS_MESA, 0, null);
        }
        catch (DllNotFoundException e)
        {
            throw new GlException($"cannot load {Lib} ({e.Message}); install libegl1 libegl-mesa0 libgl1-mesa-dri");
        }
        if (dpy == 0) throw new GlException($"no EGL surfaceless display (EGL error 0x{eglGetError():X}); is Mesa's libegl-mesa0 installed?");
        lock (DisplayLock)
        {
            if (eglInitialize(dpy, out _, out _) == 0) throw new GlException($"eglInitialize failed (EGL error 0x{eglGetError():X})");
            _displayUsers++;
        }
        _display = dpy;
        Description = $"{Marshal.PtrToStringAnsi(eglQueryString(dpy, EGL_VENDOR))} EGL {Marshal.PtrToStringAnsi(eglQueryString(dpy, EGL_VERSION))}";
        // The API must be bound before the context is created, or EGL makes an OpenGL ES context.
        if (eglBindAPI(EGL_OPENGL_API) == 0) Fail("eglBindAPI(EGL_OPENGL_API)");

        nint config = 0; int count = 0;
        // Surfaceless configs may not advertise pbuffer support: ask for a pbuffer config first, then any.
        int* cfg = stackalloc int[] { EGL_SURFACE_TYPE, EGL_PBUFFER_BIT, EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT,
            EGL_RED_SIZE, 8, EGL_GREEN_SIZE, 8, EGL_BLUE_SIZE, 8, EGL_ALPHA_SIZE, 8, EGL_DEPTH_SIZE, 24, EGL_NONE };
        foreach (int surfaceType in new[] { EGL_PBUFFER_BIT, 0 })
        {
            cfg[1] = surfaceType;
            if (eglChooseConfig(dpy, cfg, &config, 1, out count) != 0 && count > 0) break;
        }
        if (count == 0) Fail("eglChooseConfig found no OpenGL config");

        int* ctxAttribs = stackalloc int[] { EGL_CONTEXT_MAJOR_VERSION, 3, EGL_CONTEXT_MINOR_VERSION, 3,
            EGL_CONTEXT_OPENGL_PROFILE_MASK, EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT, EGL_NONE };
        _context = eglCreateContext(dpy, config, 0, ctxAttribs);
        if (_context == 0) Fail("eglCreateContext (OpenGL 3.3 core)");
        MakeCurrent();
        Gl = GL.GetApi(name => eglGetProcAddress(name));
    }

    void Fail(string what)
    {
        int err = eglGetError();
        ReleaseDisplay();
        throw new GlException($"{what} failed (EGL error 0x{err:X})");
    }

    void ReleaseDisplay()
    {
        lock (DisplayLock)
            if (--_displayUsers == 0) eglTerminate(_display);
    }

    public void MakeCurrent()
    {
        if (eglMakeCurrent(_display, 0, 0, _context) == 0)
            throw new GlException($"eglMakeCurrent(EGL_NO_SURFACE) failed (EGL error 0x{eglGetError():X})");
    }

    public void SwapBuffers() { }

    /// <summary>Releases the context from this thread, so another thread may make it current.</summary>
    public void ReleaseCurrent() => eglMakeCurrent(_display, 0, 0, 0);

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Gl?.Dispose();
        eglMakeCurrent(_display, 0, 0, 0);
        eglDestroyContext(_display, _context);
        ReleaseDisplay();
        eglReleaseThread();
    }
}
