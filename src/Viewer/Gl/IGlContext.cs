using Silk.NET.OpenGL;

namespace MieCool.Viewer.Gl;

/// <summary>
/// An OpenGL 3.3 core context: the one seam between the renderer and where its pixels go. Two implementations:
/// <see cref="EglContext"/> (surfaceless, headless: rendering into framebuffer objects only) and
/// <see cref="GlfwWindow"/> (an on-screen window with input). The renderer never knows which one it has.
/// </summary>
public interface IGlContext : IDisposable
{
    /// <summary>The OpenGL entry points, resolved through this context's proc-address function.</summary>
    GL Gl { get; }
    /// <summary>Width of the default drawable in pixels (the window's framebuffer; the nominal size offscreen).</summary>
    int Width { get; }
    /// <summary>Height of the default drawable in pixels, like <see cref="Width"/>.</summary>
    int Height { get; }
    /// <summary>True when there is no default framebuffer to present (EGL surfaceless).</summary>
    bool IsHeadless { get; }
    /// <summary>Makes this context current on the calling thread; GL calls and object deletion need it.</summary>
    void MakeCurrent();
    /// <summary>Presents the back buffer (a window); nothing to do offscreen.</summary>
    void SwapBuffers();
}

/// <summary>A GL or context-creation failure (no EGL, no display, a shader that does not compile, a GL error).</summary>
public sealed class GlException(string message) : Exception(message);

/// <summary>glGetError checks, used after every frame in debug builds and in tests.</summary>
public static class GlErrors
{
    /// <summary>Throws a <see cref="GlException"/> naming <paramref name="where"/> if any GL error is pending.</summary>
    public static void Check(GL gl, string where)
    {
        var errors = new List<GLEnum>();
        for (GLEnum e = gl.GetError(); e != GLEnum.NoError && errors.Count < 16; e = gl.GetError()) errors.Add(e);
        if (errors.Count > 0) throw new GlException($"OpenGL error after {where}: {string.Join(", ", errors)}");
    }
}
