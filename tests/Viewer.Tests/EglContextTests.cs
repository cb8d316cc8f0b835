using MieCool.Viewer.Gl;

namespace MieCool.Viewer.Tests;

/// <summary>The EGL context's error handling: set-up failures throw naming the EGL error, tear-down reports what failed.</summary>
public sealed class EglContextTests
{
    [Theory]
    [InlineData(0x3000, "EGL_SUCCESS = 0x3000")]
    [InlineData(0x3002, "EGL_BAD_ACCESS = 0x3002")]
    [InlineData(0x3003, "EGL_BAD_ALLOC = 0x3003")]
    [InlineData(0x300E, "EGL_CONTEXT_LOST = 0x300E")]
    [InlineData(0x3100, "unknown EGL error = 0x3100")]
    public void Error_codes_are_named_as_in_egl_h(int code, string name) => Assert.Equal(name, EglContext.ErrorName(code));

    [Fact]
    public void A_context_current_on_another_thread_cannot_be_made_current_and_the_error_is_named()
    {
        using var gl = new EglContext(); // current on this thread
        Exception? caught = null;
        var other = new Thread(() =>
        {
            try { gl.MakeCurrent(); } catch (Exception e) { caught = e; }
        });
        other.Start();
        other.Join();
        // EGL: a context current to another thread cannot be made current on this one (EGL_BAD_ACCESS).
        var e = Assert.IsType<GlException>(caught);
        Assert.Equal("eglMakeCurrent(EGL_NO_SURFACE) failed (EGL_BAD_ACCESS = 0x3002)", e.Message);
        gl.ReleaseCurrent();
    }

    [Fact]
    public void Dispose_releases_the_context_and_the_display_without_errors_and_only_once()
    {
        var first = new EglContext();
        var second = new EglContext(); // the display is shared: terminated with the last context only
        first.Dispose();
        second.MakeCurrent();          // still usable after the other context was disposed
        GlErrors.Check(second.Gl, "a GL call after disposing the other context");
        second.Dispose();
        second.Dispose();
        Assert.Empty(first.TeardownErrors);
        Assert.Empty(second.TeardownErrors);
        Assert.Throws<ObjectDisposedException>(second.MakeCurrent);
    }
}
