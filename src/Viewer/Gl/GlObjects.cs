using System.Numerics;
using Silk.NET.OpenGL;

namespace MieCool.Viewer.Gl;

// Small IDisposable owners of GL objects. Dispose them while their context is current: GL names belong to a
// context, and Silk.NET resolves entry points lazily through that context's proc-address function.

/// <summary>A linked vertex + fragment shader program with cached uniform locations.</summary>
public sealed class ShaderProgram : IDisposable
{
    readonly GL _gl;
    readonly Dictionary<string, int> _uniforms = new(StringComparer.Ordinal);
    /// <summary>The GL program name; 0 once disposed.</summary>
    public uint Handle { get; private set; }

    /// <summary>
    /// Compiles both GLSL sources and links them; a stage that does not compile or a program that does not link
    /// throws a <see cref="GlException"/> with the driver's info log. The shader objects are deleted once linked.
    /// </summary>
    public ShaderProgram(GL gl, string vertexSource, string fragmentSource)
    {
        _gl = gl;
        uint vs = Compile(ShaderType.VertexShader, vertexSource), fs = Compile(ShaderType.FragmentShader, fragmentSource);
        Handle = gl.CreateProgram();
        gl.AttachShader(Handle, vs);
        gl.AttachShader(Handle, fs);
        gl.LinkProgram(Handle);
        gl.DetachShader(Handle, vs); gl.DetachShader(Handle, fs);
        gl.DeleteShader(vs); gl.DeleteShader(fs);
        gl.GetProgram(Handle, ProgramPropertyARB.LinkStatus, out int ok);
        if (ok == 0)
        {
            var log = gl.GetProgramInfoLog(Handle);
            gl.DeleteProgram(Handle);
            throw new GlException("shader program does not link: " + log);
        }
    }

    uint Compile(ShaderType type, string source)
    {
        uint s = _gl.CreateShader(type);
        _gl.ShaderSource(s, source);
        _gl.CompileShader(s);
        _gl.GetShader(s, ShaderParameterName.CompileStatus, out int ok);
        if (ok == 0)
        {
            var log = _gl.GetShaderInfoLog(s);
            _gl.DeleteShader(s);
            throw new GlException($"{type} does not compile: {log}");
        }
        return s;
    }

    /// <summary>Makes this the current program: the <c>Set</c> calls and draws that follow use it.</summary>
    public void Use() => _gl.UseProgram(Handle);

    int Location(string name)
    {
        if (!_uniforms.TryGetValue(name, out int loc)) _uniforms[name] = loc = _gl.GetUniformLocation(Handle, name);
        return loc;
    }

    // The Set overloads write a uniform of the current program (call Use first). A name the linker removed or
    // never saw has location -1, which GL silently ignores.

    /// <summary>Sets an <c>int</c> or <c>sampler2D</c> uniform (a sampler takes its texture unit).</summary>
    public void Set(string name, int v) => _gl.Uniform1(Location(name), v);
    /// <summary>Sets a <c>float</c> uniform.</summary>
    public void Set(string name, float v) => _gl.Uniform1(Location(name), v);
    /// <summary>Sets a <c>vec2</c> uniform.</summary>
    public void Set(string name, Vector2 v) => _gl.Uniform2(Location(name), v.X, v.Y);
    /// <summary>Sets a <c>vec3</c> uniform.</summary>
    public void Set(string name, Vector3 v) => _gl.Uniform3(Location(name), v.X, v.Y, v.Z);
    /// <summary>Sets a <c>vec4</c> uniform.</summary>
    public void Set(string name, Vector4 v) => _gl.Uniform4(Location(name), v.X, v.Y, v.Z, v.W);
    /// <summary>
    /// Sets a <c>mat4</c> uniform from System.Numerics' row-vector matrix, untransposed: its rows arrive as GLSL's
    /// columns, so <c>m * v</c> in GLSL is <c>v * m</c> in C#.
    /// </summary>
    public unsafe void Set(string name, Matrix4x4 m) => _gl.UniformMatrix4(Location(name), 1, false, (float*)&m);

    /// <summary>Deletes the program (its context must be current).</summary>
    public void Dispose()
    {
        if (Handle != 0) { _gl.DeleteProgram(Handle); Handle = 0; }
    }
}

/// <summary>A GL buffer object (vertex or index data).</summary>
public sealed class GlBuffer : IDisposable
{
    readonly GL _gl;
    readonly BufferTargetARB _target;
    /// <summary>The GL buffer name; 0 once disposed.</summary>
    public uint Handle { get; private set; }
    /// <summary>Size of the last upload, bytes.</summary>
    public long SizeBytes { get; private set; }

    /// <summary>Creates an empty buffer that binds to <paramref name="target"/> (vertex data by default).</summary>
    public GlBuffer(GL gl, BufferTargetARB target = BufferTargetARB.ArrayBuffer)
    {
        _gl = gl; _target = target; Handle = gl.GenBuffer();
    }

    /// <summary>Binds the buffer to its target.</summary>
    public void Bind() => _gl.BindBuffer(_target, Handle);

    /// <summary>Binds the buffer and replaces its whole store with a copy of <paramref name="data"/>.</summary>
    public unsafe void Upload<T>(ReadOnlySpan<T> data, BufferUsageARB usage = BufferUsageARB.StaticDraw)
        where T : unmanaged
    {
        Bind();
        SizeBytes = (long)data.Length * sizeof(T);
        fixed (T* p = data) _gl.BufferData(_target, (nuint)SizeBytes, p, usage);
    }

    /// <summary>Deletes the buffer (its context must be current).</summary>
    public void Dispose()
    {
        if (Handle != 0) { _gl.DeleteBuffer(Handle); Handle = 0; }
    }
}

/// <summary>A vertex array object: the attribute layout of interleaved float vertices in one buffer.</summary>
public sealed class GlVertexArray : IDisposable
{
    readonly GL _gl;
    /// <summary>The GL vertex-array name; 0 once disposed.</summary>
    public uint Handle { get; private set; }

    /// <summary>Creates a vertex array without attributes; <see cref="SetFloatLayout"/> declares them.</summary>
    public GlVertexArray(GL gl) { _gl = gl; Handle = gl.GenVertexArray(); }

    /// <summary>Binds the vertex array: the draws that follow read their vertices through its layout.</summary>
    public void Bind() => _gl.BindVertexArray(Handle);

    /// <summary>
    /// Declares float attributes of the given component counts, interleaved in <paramref name="buffer"/>:
    /// attribute i (shader <c>location = i</c>) takes <c>components[i]</c> floats of every vertex.
    /// </summary>
    public unsafe void SetFloatLayout(GlBuffer buffer, params int[] components)
    {
        Bind();
        buffer.Bind();
        int stride = components.Sum() * sizeof(float), offset = 0;
        for (uint i = 0; i < components.Length; i++)
        {
            _gl.EnableVertexAttribArray(i);
            _gl.VertexAttribPointer(i, components[i], VertexAttribPointerType.Float, false, (uint)stride, (void*)offset);
            offset += components[i] * sizeof(float);
        }
        _gl.BindVertexArray(0);
    }

    /// <summary>Deletes the vertex array, not the buffers it reads (its context must be current).</summary>
    public void Dispose()
    {
        if (Handle != 0) { _gl.DeleteVertexArray(Handle); Handle = 0; }
    }
}

/// <summary>An RGBA8 2-D texture.</summary>
public sealed class GlTexture : IDisposable
{
    readonly GL _gl;
    /// <summary>The GL texture name; 0 once disposed.</summary>
    public uint Handle { get; private set; }
    /// <summary>Width of the last upload in pixels (0 before any).</summary>
    public int Width { get; private set; }
    /// <summary>Height of the last upload in pixels (0 before any).</summary>
    public int Height { get; private set; }

    /// <summary>
    /// Creates an empty texture, clamped to its edges, sampled with bilinear filtering when
    /// <paramref name="linear"/> is true, else nearest-pixel; it is left bound to the active texture unit.
    /// </summary>
    public GlTexture(GL gl, bool linear)
    {
        _gl = gl;
        Handle = gl.GenTexture();
        gl.BindTexture(TextureTarget.Texture2D, Handle);
        var filter = (int)(linear ? GLEnum.Linear : GLEnum.Nearest);
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureMinFilter, filter);
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureMagFilter, filter);
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureWrapS, (int)GLEnum.ClampToEdge);
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureWrapT, (int)GLEnum.ClampToEdge);
    }

    /// <summary>Uploads tightly packed RGBA8 pixels, first row at the bottom (GL order) unless the caller flips.</summary>
    public unsafe void Upload(ReadOnlySpan<byte> rgba, int width, int height)
    {
        if (rgba.Length != width * height * 4)
            throw new ArgumentException("pixel buffer size does not match width x height x 4");
        _gl.BindTexture(TextureTarget.Texture2D, Handle);
        _gl.PixelStore(PixelStoreParameter.UnpackAlignment, 1);
        fixed (byte* p = rgba)
            _gl.TexImage2D(TextureTarget.Texture2D, 0, InternalFormat.Rgba8, (uint)width, (uint)height, 0,
                PixelFormat.Rgba, PixelType.UnsignedByte, p);
        Width = width; Height = height;
    }

    /// <summary>Binds the texture to texture unit <paramref name="unit"/> (the value its sampler uniform holds).</summary>
    public void Bind(int unit)
    {
        _gl.ActiveTexture(TextureUnit.Texture0 + unit);
        _gl.BindTexture(TextureTarget.Texture2D, Handle);
    }

    /// <summary>Deletes the texture (its context must be current).</summary>
    public void Dispose()
    {
        if (Handle != 0) { _gl.DeleteTexture(Handle); Handle = 0; }
    }
}

/// <summary>
/// A framebuffer object with an RGBA8 colour and a 24-bit depth renderbuffer, optionally multisampled.
/// A multisampled target is resolved into a single-sampled one with <see cref="BlitTo"/> before reading.
/// </summary>
public sealed class GlFramebuffer : IDisposable
{
    readonly GL _gl;
    uint _color, _depth;
    /// <summary>The GL framebuffer name, for <see cref="BlitTo"/> of another framebuffer; 0 once disposed.</summary>
    public uint Handle { get; private set; }
    /// <summary>Width in pixels.</summary>
    public int Width { get; }
    /// <summary>Height in pixels.</summary>
    public int Height { get; }
    /// <summary>Samples per pixel: 0 single-sampled, else as asked, capped at the driver's GL_MAX_SAMPLES.</summary>
    public int Samples { get; }

    /// <summary>
    /// Creates the framebuffer and its renderbuffers, <paramref name="samples"/> per pixel (0: not multisampled);
    /// an incomplete framebuffer is deleted again and throws a <see cref="GlException"/>.
    /// </summary>
    public GlFramebuffer(GL gl, int width, int height, int samples = 0)
    {
        _gl = gl; Width = width; Height = height;
        gl.GetInteger(GLEnum.MaxSamples, out int maxSamples);
        Samples = Math.Min(samples, maxSamples);
        Handle = gl.GenFramebuffer();
        gl.BindFramebuffer(FramebufferTarget.Framebuffer, Handle);
        _color = gl.GenRenderbuffer();
        gl.BindRenderbuffer(RenderbufferTarget.Renderbuffer, _color);
        Storage(InternalFormat.Rgba8);
        gl.FramebufferRenderbuffer(FramebufferTarget.Framebuffer, FramebufferAttachment.ColorAttachment0,
            RenderbufferTarget.Renderbuffer, _color);
        _depth = gl.GenRenderbuffer();
        gl.BindRenderbuffer(RenderbufferTarget.Renderbuffer, _depth);
        Storage(InternalFormat.DepthComponent24);
        gl.FramebufferRenderbuffer(FramebufferTarget.Framebuffer, FramebufferAttachment.DepthAttachment,
            RenderbufferTarget.Renderbuffer, _depth);
        var status = gl.CheckFramebufferStatus(FramebufferTarget.Framebuffer);
        gl.BindFramebuffer(FramebufferTarget.Framebuffer, 0);
        if (status != GLEnum.FramebufferComplete)
        {
            Dispose();
            throw new GlException($"framebuffer {width}x{height} ({Samples} samples) incomplete: {status}");
        }
    }

    /// <summary>Allocates the bound renderbuffer in <paramref name="format"/>, multisampled when Samples &gt; 0.</summary>
    void Storage(InternalFormat format)
    {
        if (Samples > 0)
            _gl.RenderbufferStorageMultisample(RenderbufferTarget.Renderbuffer, (uint)Samples, format, (uint)Width, (uint)Height);
        else _gl.RenderbufferStorage(RenderbufferTarget.Renderbuffer, format, (uint)Width, (uint)Height);
    }

    /// <summary>Binds the framebuffer for drawing and reading and sets the viewport to all of it.</summary>
    public void Bind()
    {
        _gl.BindFramebuffer(FramebufferTarget.Framebuffer, Handle);
        _gl.Viewport(0, 0, (uint)Width, (uint)Height);
    }

    /// <summary>Copies (and resolves) the colour into <paramref name="target"/> (0 = the window's framebuffer).</summary>
    public void BlitTo(uint target, int targetWidth, int targetHeight)
    {
        _gl.BindFramebuffer(FramebufferTarget.ReadFramebuffer, Handle);
        _gl.BindFramebuffer(FramebufferTarget.DrawFramebuffer, target);
        _gl.BlitFramebuffer(0, 0, Width, Height, 0, 0, targetWidth, targetHeight,
            ClearBufferMask.ColorBufferBit, BlitFramebufferFilter.Nearest);
        _gl.BindFramebuffer(FramebufferTarget.Framebuffer, 0);
    }

    /// <summary>Reads the colour as RGBA8, top row first (image order).</summary>
    public unsafe byte[] ReadPixels()
    {
        if (Samples > 0) throw new InvalidOperationException("resolve a multisampled framebuffer before reading it");
        var pixels = new byte[Width * Height * 4];
        _gl.BindFramebuffer(FramebufferTarget.ReadFramebuffer, Handle);
        _gl.PixelStore(PixelStoreParameter.PackAlignment, 1);
        fixed (byte* p = pixels)
            _gl.ReadPixels(0, 0, (uint)Width, (uint)Height, PixelFormat.Rgba, PixelType.UnsignedByte, p);
        _gl.BindFramebuffer(FramebufferTarget.ReadFramebuffer, 0);
        // GL's first row is the bottom one.
        int row = Width * 4;
        var flipped = new byte[pixels.Length];
        for (int y = 0; y < Height; y++) Array.Copy(pixels, (Height - 1 - y) * row, flipped, y * row, row);
        return flipped;
    }

    /// <summary>Deletes the framebuffer and its renderbuffers (its context must be current).</summary>
    public void Dispose()
    {
        if (Handle != 0) { _gl.DeleteFramebuffer(Handle); Handle = 0; }
        if (_color != 0) { _gl.DeleteRenderbuffer(_color); _color = 0; }
        if (_depth != 0) { _gl.DeleteRenderbuffer(_depth); _depth = 0; }
    }
}
