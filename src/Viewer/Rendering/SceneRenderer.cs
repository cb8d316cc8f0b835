using System.Diagnostics;
using System.Numerics;
using System.Runtime.InteropServices;
using MieCool.Mesh;
using MieCool.Mesh.Geometry;
using MieCool.Viewer.Gl;
using MieCool.Viewer.Scene;
using Silk.NET.OpenGL;

namespace MieCool.Viewer.Rendering;

/// <summary>
/// Draws a <see cref="ResultData"/>: boundary and region-interface surfaces (lit, cut away on the removed
/// side of the clip plane), the plane section coloured by the field with region outlines, and the overlay
/// (colour bar, caption, keys). Geometry is kept in normalised coordinates (particle radii from the particle
/// centre) so single-precision GPU arithmetic is well scaled for nanometre meshes. Needs a current context.
/// </summary>
public sealed class SceneRenderer : IDisposable
{
    const int Floats = 4; // x y z value
    const float ClipEpsilon = 1e-4f; // normalised: faces lying in the plane are cut, the section shows instead

    readonly GL _gl;
    readonly ShaderProgram _scene, _overlay;
    readonly GlBuffer _surfaceVbo, _sliceVbo, _lineVbo, _overlayVbo;
    readonly GlVertexArray _surfaceVao, _sliceVao, _lineVao, _overlayVao;
    int _overlayVerts;
    readonly float _maxLineWidth;
    readonly GlTexture _lut, _overlayTex;
    int _surfaceVerts, _sliceVerts, _lineVerts;
    (Field, ClipPlane?, int)? _surfaceKey, _sliceKey;
    PlaneCut.Section? _section;
    ClipPlane? _sectionClip;
    Field? _sectionField;
    OverlayContent? _builtOverlay;
    ColorMap? _builtLut;
    Field _field;

    /// <summary>The mesh and fields drawn.</summary>
    public ResultData Data { get; }
    /// <summary>The mesh's boundary and region-interface faces, extracted once in the constructor.</summary>
    public SurfaceFaces Faces { get; }
    /// <summary>
    /// Origin of the normalised coordinates in the lab frame, metres: the particle centre (the middle of the particle
    /// cells when the mesh does not record it, the middle of the mesh without a particle). A lab point p is drawn at
    /// (p - Origin) / <see cref="Scale"/>.
    /// </summary>
    public Vector3D Origin { get; }
    /// <summary>
    /// Length of one normalised unit, metres: the particle radius (half the particle cells' largest extent when the
    /// mesh does not record it, a twentieth of the mesh's largest extent without a particle).
    /// </summary>
    public double Scale { get; }
    /// <summary>Half-size of the mesh's bounding box in normalised units.</summary>
    public float MeshRadius { get; }

    /// <summary>The field shown; setting it also resets <see cref="ColorScale"/> to the field's default scale.</summary>
    public Field Field
    {
        get => _field;
        set { _field = value; ColorScale = ColorScale.For(value, Data.Mesh.CellRegion); }
    }
    /// <summary>The colour map and value range the field is drawn with (and the colour bar shows).</summary>
    public ColorScale ColorScale { get; set; }
    /// <summary>The clip plane, lab frame; null draws the whole mesh without a section.</summary>
    public ClipPlane? Clip { get; set; }
    /// <summary>Region tags not drawn (see <see cref="MieCool.Mesh.Tags"/>); change the set to show or hide a region.</summary>
    public HashSet<int> HiddenRegions { get; } = [];
    /// <summary>The view, in normalised coordinates; <see cref="DefaultCamera"/> gives the initial one.</summary>
    public Camera Camera { get; set; }
    /// <summary>Legend lines shown at the bottom left (the window's keys), or null.</summary>
    public string[]? Keys { get; set; }
    /// <summary>
    /// The caption's first part, at the top left (the data's source by default); the field's range and the clip
    /// follow it.
    /// </summary>
    public string Caption { get; set; }
    /// <summary>Clear colour behind the mesh, 8-bit sRGB (white by default).</summary>
    public (byte R, byte G, byte B) Background { get; set; } = (255, 255, 255);
    /// <summary>Check glGetError after every frame (debug builds and tests).</summary>
    public bool CheckErrors { get; set; }
#if DEBUG
        = true;
#endif
    /// <summary>Seconds spent extracting the surfaces (once, in the constructor), for benchmarks.</summary>
    public double FaceExtractionSeconds { get; }
    /// <summary>Seconds of the last rebuild of the section and outline (after a clip, field or visibility change).</summary>
    public double LastSliceSeconds { get; private set; }

    /// <summary>
    /// Extracts the surfaces and creates the GL objects in the current context of <paramref name="gl"/>; shows
    /// <paramref name="fieldName"/> (an <see cref="ArgumentException"/> when there is none such), else the data's
    /// default field, cut by <paramref name="clip"/> and seen by <see cref="DefaultCamera"/>.
    /// </summary>
    public SceneRenderer(GL gl, ResultData data, ClipPlane? clip, string? fieldName = null)
    {
        _gl = gl;
        Data = data;
        var sw = Stopwatch.StartNew();
        Faces = SurfaceExtraction.Extract(data.Mesh);
        FaceExtractionSeconds = sw.Elapsed.TotalSeconds;
        (Origin, Scale, MeshRadius) = Normalisation(data);
        _field = fieldName is null ? data.DefaultField
            : data.Find(fieldName) ?? throw new ArgumentException($"no field {fieldName}");
        ColorScale = ColorScale.For(_field, data.Mesh.CellRegion);
        Clip = clip;
        Camera = DefaultCamera(clip);
        Caption = data.Source;

        _scene = new ShaderProgram(gl, Shaders.SceneVertex, Shaders.SceneFragment);
        _overlay = new ShaderProgram(gl, Shaders.OverlayVertex, Shaders.OverlayFragment);
        _surfaceVbo = new GlBuffer(gl); _sliceVbo = new GlBuffer(gl);
        _lineVbo = new GlBuffer(gl); _overlayVbo = new GlBuffer(gl);
        _surfaceVao = new GlVertexArray(gl); _sliceVao = new GlVertexArray(gl);
        _lineVao = new GlVertexArray(gl); _overlayVao = new GlVertexArray(gl);
        _overlayVao.SetFloatLayout(_overlayVbo, 2, 2);
        // Wide lines are core in 3.3 unless the context is forward-compatible; ask what this one draws.
        Span<float> range = stackalloc float[2];
        gl.GetFloat(GLEnum.AliasedLineWidthRange, range);
        _maxLineWidth = Math.Max(1, range[1]);
        foreach (var (vao, vbo) in new[] { (_surfaceVao, _surfaceVbo), (_sliceVao, _sliceVbo), (_lineVao, _lineVbo) })
            vao.SetFloatLayout(vbo, 3, 1);
        _lut = new GlTexture(gl, linear: true);
        _overlayTex = new GlTexture(gl, linear: false);
    }

    /// <summary>
    /// The initial view: facing the cut (from above at an angle without one), framed on the particle with a margin
    /// (about ±2.5 radii vertically); <paramref name="wholeMesh"/> frames the whole mesh instead (the 10 um box of a run).
    /// </summary>
    public Camera DefaultCamera(ClipPlane? clip, bool wholeMesh = false) =>
        Camera.Facing(clip, wholeMesh ? 1.2f * MeshRadius : ParticleHalfHeight);

    /// <summary>Half the height of the particle-framed view, normalised units (particle radii).</summary>
    const float ParticleHalfHeight = 2.5f;

    /// <summary>Value drawn in <see cref="ColorMap.Undefined"/>: the shader tests for it (a float NaN may not survive GLSL).</summary>
    const float UndefinedValue = 3e38f;

    float CellValue(Field field, int cell)
    {
        int region = Data.Mesh.CellRegion[cell];
        return field.Defined(region) ? (float)field.Values[cell] : UndefinedValue;
    }

    static (Vector3D, double, float) Normalisation(ResultData data)
    {
        var m = data.Mesh;
        var (lo, hi) = Bounds(m.Nodes, null, m);
        Vector3D origin; double scale;
        if (m.Particle is { } p) { origin = new(0, 0, p.CenterZ); scale = p.Radius; }
        else if (m.CellRegion.Contains(MieCool.Mesh.Tags.Particle))
        {
            var (plo, phi) = Bounds(m.Nodes, MieCool.Mesh.Tags.Particle, m);
            origin = (plo + phi) * 0.5;
            scale = Math.Max(Math.Max(phi.X - plo.X, phi.Y - plo.Y), phi.Z - plo.Z) / 2;
        }
        else { origin = (lo + hi) * 0.5; scale = Math.Max(Math.Max(hi.X - lo.X, hi.Y - lo.Y), hi.Z - lo.Z) / 20; }
        if (!(scale > 0)) scale = 1;
        var far = Vector3D.Max((hi - origin).Abs(), (lo - origin).Abs());
        return (origin, scale, (float)(Math.Max(Math.Max(far.X, far.Y), far.Z) / scale));
    }

    static (Vector3D Lo, Vector3D Hi) Bounds(double[] xyz, int? region, MieCool.Mesh.TetMesh m)
    {
        var lo = new Vector3D(double.MaxValue, double.MaxValue, double.MaxValue);
        var hi = new Vector3D(double.MinValue, double.MinValue, double.MinValue);
        if (region is null)
        {
            for (int i = 0; i < xyz.Length; i += 3)
            {
                var v = new Vector3D(xyz[i], xyz[i + 1], xyz[i + 2]);
                lo = Vector3D.Min(lo, v); hi = Vector3D.Max(hi, v);
            }
        }
        else
        {
            for (int c = 0; c < m.CellCount; c++)
            {
                if (m.CellRegion[c] != region) continue;
                for (int k = 0; k < 4; k++)
                {
                    int n = m.Cells[c * m.NodesPerCell + k];
                    var v = new Vector3D(xyz[3 * n], xyz[3 * n + 1], xyz[3 * n + 2]);
                    lo = Vector3D.Min(lo, v); hi = Vector3D.Max(hi, v);
                }
            }
        }
        return (lo, hi);
    }

    /// <summary>Normalised position of node n.</summary>
    Vector3 Node(int n)
    {
        var x = Data.Mesh.Nodes;
        return new((float)((x[3 * n] - Origin.X) / Scale), (float)((x[3 * n + 1] - Origin.Y) / Scale),
            (float)((x[3 * n + 2] - Origin.Z) / Scale));
    }

    bool Shown(int region) => !HiddenRegions.Contains(region);

    /// <summary>
    /// Surface triangles where exactly one side is shown (an interface to a hidden region, or the outer boundary
    /// of a shown one), coloured by the shown side; faces wholly on the removed side of the clip are left out,
    /// faces across it are cut by the clip distance.
    /// </summary>
    void BuildSurfaces()
    {
        var f = Faces; var field = _field; var region = Data.Mesh.CellRegion; var x = Data.Mesh.Nodes;
        bool point = field.Location == FieldLocation.Point;
        var keep = new List<int>(f.Count);
        var side = new List<int>(f.Count); // the shown cell
        for (int i = 0; i < f.Count; i++)
        {
            int ca = f.CellA[i], cb = f.CellB[i];
            bool a = Shown(region[ca]), b = cb >= 0 && Shown(region[cb]);
            if (a == b) continue;
            bool kept = Clip is null;
            for (int k = 0; k < 3 && !kept; k++)
            {
                int n = f.Nodes[3 * i + k];
                kept = Clip!.Distance(x[3 * n], x[3 * n + 1], x[3 * n + 2]) > 0;
            }
            if (!kept) continue;
            keep.Add(i); side.Add(a ? ca : cb);
        }
        var v = new float[keep.Count * 3 * Floats];
        Parallel.For(0, (keep.Count + 8191) / 8192, chunk =>
        {
            int j1 = Math.Min(keep.Count, (chunk + 1) * 8192);
            for (int j = chunk * 8192; j < j1; j++)
            {
                int i = keep[j], cell = side[j];
                for (int k = 0; k < 3; k++)
                {
                    int n = f.Nodes[3 * i + k], o = (3 * j + k) * Floats;
                    var p = Node(n);
                    v[o] = p.X; v[o + 1] = p.Y; v[o + 2] = p.Z;
                    v[o + 3] = point ? (float)field.Values[n] : CellValue(field, cell);
                }
            }
        });
        _surfaceVbo.Upload<float>(v);
        _surfaceVerts = keep.Count * 3;
    }

    /// <summary>
    /// The section's triangles in shown regions, and the outline where interfaces and the boundary cross the plane.
    /// </summary>
    void BuildSlice(ClipPlane clip)
    {
        var sw = Stopwatch.StartNew();
        if (_section is null || _sectionClip != clip || !ReferenceEquals(_sectionField, _field))
        {
            _section = PlaneCut.Cut(Data.Mesh, clip.Axis, clip.Offset, clip.Sign, _field?.Values,
                _field is { Location: FieldLocation.Cell });
            _sectionClip = clip; _sectionField = _field;
        }
        var s = _section;
        var region = Data.Mesh.CellRegion;
        var v = new List<float>(s.Values.Length * Floats);
        bool partial = _field is { Location: FieldLocation.Cell, DefinedIn: not null };
        for (int t = 0; t < s.TriangleCount; t++)
        {
            if (!Shown(region[s.Cells[t]])) continue;
            bool undefined = partial && !_field!.Defined(region[s.Cells[t]]);
            for (int i = 3 * t; i < 3 * t + 3; i++)
                v.AddRange([
                    (float)((s.Positions[3 * i] - Origin.X) / Scale),
                    (float)((s.Positions[3 * i + 1] - Origin.Y) / Scale),
                    (float)((s.Positions[3 * i + 2] - Origin.Z) / Scale),
                    undefined ? UndefinedValue : (float)s.Values[i]]);
        }
        var sliceVerts = CollectionsMarshal.AsSpan(v);
        _sliceVbo.Upload<float>(sliceVerts);
        _sliceVerts = v.Count / Floats;
        var lines = Outline(clip);
        _lineVbo.Upload<float>(lines);
        _lineVerts = lines.Length / Floats;
        LastSliceSeconds = sw.Elapsed.TotalSeconds;
    }

    /// <summary>Segments where region interfaces and the outer boundary of shown regions cross the clip plane.</summary>
    float[] Outline(ClipPlane clip)
    {
        var f = Faces; var x = Data.Mesh.Nodes; var region = Data.Mesh.CellRegion;
        var list = new List<float>();
        Span<double> d = stackalloc double[3];
        for (int i = 0; i < f.Count; i++)
        {
            int below = 0;
            for (int k = 0; k < 3; k++)
            {
                int n = f.Nodes[3 * i + k];
                d[k] = clip.Distance(x[3 * n], x[3 * n + 1], x[3 * n + 2]);
                if (d[k] < 0) below++;
            }
            if (below is 0 or 3) continue;
            if (!Shown(region[f.CellA[i]]) && !(f.CellB[i] >= 0 && Shown(region[f.CellB[i]]))) continue;
            for (int k = 0; k < 3; k++)
            {
                int k2 = (k + 1) % 3;
                if ((d[k] < 0) == (d[k2] < 0)) continue;
                double t = d[k] / (d[k] - d[k2]);
                var p = Vector3.Lerp(Node(f.Nodes[3 * i + k]), Node(f.Nodes[3 * i + k2]), (float)t);
                list.AddRange([p.X, p.Y, p.Z, 0]);
            }
        }
        return list.ToArray();
    }

    int VisibleMask()
    {
        int mask = 0;
        for (int r = 1; r < 31; r++) if (!HiddenRegions.Contains(r)) mask |= 1 << r;
        return mask;
    }

    /// <summary>Rebuilds whatever geometry the field, the clip or the shown regions changed.</summary>
    void UpdateGeometry()
    {
        int mask = VisibleMask();
        var key = (_field, Clip, mask);
        if (_surfaceKey != key) { BuildSurfaces(); _surfaceKey = key; }
        if (Clip is { } clip && _sliceKey != key) { BuildSlice(clip); _sliceKey = key; }
    }

    /// <summary>
    /// Two triangles (x y u v, NDC and texture coordinates) for every 32-pixel tile of the overlay with any
    /// non-transparent pixel: blending only there keeps a full-screen pass out of every frame.
    /// </summary>
    static float[] OverlayTiles(byte[] rgba, int width, int height)
    {
        const int T = 32;
        var v = new List<float>();
        for (int ty = 0; ty < height; ty += T)
            for (int tx = 0; tx < width; tx += T)
            {
                int x1 = Math.Min(width, tx + T), y1 = Math.Min(height, ty + T);
                bool any = false;
                for (int y = ty; y < y1 && !any; y++)
                    for (int x = tx; x < x1; x++)
                        if (rgba[4 * (y * width + x) + 3] != 0) { any = true; break; }
                if (!any) continue;
                float u0 = (float)tx / width, u1 = (float)x1 / width, v0 = (float)ty / height, v1 = (float)y1 / height;
                float X0 = 2 * u0 - 1, X1 = 2 * u1 - 1, Y0 = 1 - 2 * v0, Y1 = 1 - 2 * v1; // image rows run down
                v.AddRange([X0, Y0, u0, v0, X1, Y0, u1, v0, X1, Y1, u1, v1]);
                v.AddRange([X0, Y0, u0, v0, X1, Y1, u1, v1, X0, Y1, u0, v1]);
            }
        return v.ToArray();
    }

    /// <summary>
    /// Metres per pixel at the camera's target (the particle centre, on the section plane of a default view): the length
    /// the overlay's scale bar measures; exact for the section facing the camera, a perspective approximation elsewhere.
    /// </summary>
    public double MetresPerPixel(int height) =>
        2 * Camera.Distance * Math.Tan(Camera.FovYDeg * Math.PI / 360) / Math.Max(1, height) * Scale;

    /// <summary>
    /// Names of the shown regions beside or inside them, in pixels (top row 0), each the left end of its text: "particle"
    /// just outside its rim at the upper right (the particle's inside stays free for the field), "substrate" half a radius
    /// below its top (z = 0) and "air" two radii above the particle centre, both 2.3 radii to the left of the particle in
    /// the view; labels whose point is outside the image or behind the eye are left out.
    /// </summary>
    public RegionLabels RegionLabels(int width, int height)
    {
        var list = new List<RegionLabel>();
        var present = Data.Regions;
        var viewProj = Camera.View * Camera.Projection((float)width / height);
        void Add(int tag, Vector3 p)
        {
            if (!present.Contains(tag) || !Shown(tag)) return;
            var c = Vector4.Transform(new Vector4(p, 1), viewProj);
            if (c.W <= 0) return;
            float x = (c.X / c.W + 1) / 2 * width, y = (1 - c.Y / c.W) / 2 * height;
            if (x < 0 || y < 0 || x >= width || y >= height) return;
            list.Add(new RegionLabel(Tags.RegionName(tag), x, y));
        }
        var side = -2.3f * Camera.Right;
        float top = (float)((0 - Origin.Z) / Scale); // the substrate surface, z = 0 in the lab frame
        Add(Tags.Particle, 0.75f * Camera.Right + 0.95f * Camera.Up);
        Add(Tags.Substrate, side + new Vector3(0, 0, top - 0.5f));
        Add(Tags.Air, side + new Vector3(0, 0, Math.Max(2f, top + 1f)));
        return new RegionLabels(list);
    }

    /// <summary>The caption line: source, the field's actual range (not the colour scale's), the clip.</summary>
    string FullCaption()
    {
        if (_rangeOf != _field)
        {
            _range = _field.Range(Data.Mesh.CellRegion); _rangeOf = _field;
        }
        double span = _range.Max - _range.Min;
        var range = _field.Name == "region" ? "" :
            $"   {_field.Name} from {Overlay.FormatValue(_range.Min, span)} to {Overlay.FormatValue(_range.Max, span)} {_field.Unit}";
        return Caption + range + (Clip is null ? "" : $"   clip {Clip}");
    }

    Field? _rangeOf;
    (double Min, double Max) _range;

    /// <summary>Draws one frame into the bound framebuffer of the given size.</summary>
    public void Draw(int width, int height)
    {
        UpdateGeometry();
        if (!ReferenceEquals(_builtLut, ColorScale.Map))
        {
            _lut.Upload(ColorScale.Map.Lut, ColorMap.Size, 1);
            var filter = (int)(ColorScale.Map.Discrete ? GLEnum.Nearest : GLEnum.Linear);
            _gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureMinFilter, filter);
            _gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureMagFilter, filter);
            _builtLut = ColorScale.Map;
        }
        var overlay = new OverlayContent(width, height, _field, ColorScale, FullCaption(), Keys)
        {
            MetresPerPixel = MetresPerPixel(height),
            Labels = RegionLabels(width, height),
            UndefinedNote = _field is { Location: FieldLocation.Cell, DefinedIn: { } d } && Data.Regions.Any(r => !d.Contains(r))
                ? $"{_field.Name} undefined outside the " + string.Join(" and ", d.Order().Select(Tags.RegionName).Distinct())
                : null,
        };
        if (_builtOverlay != overlay)
        {
            var pixels = Overlay.Draw(overlay);
            _overlayTex.Upload(pixels, width, height);
            var quads = OverlayTiles(pixels, width, height);
            _overlayVbo.Upload<float>(quads);
            _overlayVerts = quads.Length / 4;
            _builtOverlay = overlay;
        }

        var gl = _gl;
        gl.Viewport(0, 0, (uint)width, (uint)height);
        gl.ClearColor(Background.R / 255f, Background.G / 255f, Background.B / 255f, 1);
        gl.Clear(ClearBufferMask.ColorBufferBit | ClearBufferMask.DepthBufferBit);
        gl.Enable(EnableCap.DepthTest);
        gl.DepthFunc(DepthFunction.Less);
        gl.Disable(EnableCap.Blend);
        gl.Disable(EnableCap.CullFace);

        var view = Camera.View;
        _scene.Use();
        _scene.Set("uView", view);
        _scene.Set("uViewProj", view * Camera.Projection((float)width / height));
        _scene.Set("uRange", new Vector2((float)ColorScale.Min, (float)ColorScale.Max));
        _scene.Set("uLut", 0);
        _scene.Set("uLineColor", new Vector3(0.15f, 0.15f, 0.15f));
        var u = ColorMap.Undefined;
        _scene.Set("uUndefined", new Vector3(u.R / 255f, u.G / 255f, u.B / 255f));
        _lut.Bind(0);
        if (Clip is { } clip)
        {
            float offset = (float)((clip.Offset - Origin[clip.Axis]) / Scale);
            _scene.Set("uClip", new Vector4(clip.Normal, -clip.Sign * offset - ClipEpsilon));
        }

        // The section first: it hides most of the surfaces, which the depth test then rejects early.
        if (Clip is not null)
        {
            // The section sits exactly on the cut: push it back a little so the outline draws over it.
            gl.Enable(EnableCap.PolygonOffsetFill);
            gl.PolygonOffset(1, 1);
            _scene.Set("uMode", 1);
            _sliceVao.Bind();
            gl.DrawArrays(PrimitiveType.Triangles, 0, (uint)_sliceVerts);
            gl.Disable(EnableCap.PolygonOffsetFill);
            _scene.Set("uMode", 2);
            _lineVao.Bind();
            gl.LineWidth(Math.Clamp(MathF.Round(height / 600f), 1, _maxLineWidth)); // about 1 px per 600 px of height
            gl.DrawArrays(PrimitiveType.Lines, 0, (uint)_lineVerts);
            gl.LineWidth(1);
        }
        _scene.Set("uMode", 0);
        if (Clip is not null) gl.Enable(EnableCap.ClipDistance0);
        _surfaceVao.Bind();
        gl.DrawArrays(PrimitiveType.Triangles, 0, (uint)_surfaceVerts);
        gl.Disable(EnableCap.ClipDistance0);

        gl.Disable(EnableCap.DepthTest);
        gl.Enable(EnableCap.Blend);
        gl.BlendFunc(BlendingFactor.One, BlendingFactor.OneMinusSrcAlpha); // premultiplied alpha
        _overlay.Use();
        _overlay.Set("uOverlay", 0);
        _overlayTex.Bind(0);
        _overlayVao.Bind();
        gl.DrawArrays(PrimitiveType.Triangles, 0, (uint)_overlayVerts);
        gl.Disable(EnableCap.Blend);
        gl.BindVertexArray(0);
        if (CheckErrors) GlErrors.Check(gl, "a frame");
    }

    /// <summary>Renders offscreen at any size (multisampled, then resolved) and reads the pixels back.</summary>
    public RgbaImage RenderImage(int width, int height, int samples = 4)
    {
        using var resolved = new GlFramebuffer(_gl, width, height);
        if (samples > 0)
        {
            using var msaa = new GlFramebuffer(_gl, width, height, samples);
            msaa.Bind();
            Draw(width, height);
            msaa.BlitTo(resolved.Handle, width, height);
        }
        else
        {
            resolved.Bind();
            Draw(width, height);
        }
        var pixels = resolved.ReadPixels();
        if (CheckErrors) GlErrors.Check(_gl, "reading pixels");
        return new RgbaImage(width, height, pixels);
    }

    /// <summary>Deletes the renderer's GL objects (its context must be current).</summary>
    public void Dispose()
    {
        _scene.Dispose(); _overlay.Dispose();
        _surfaceVbo.Dispose(); _sliceVbo.Dispose(); _lineVbo.Dispose();
        _surfaceVao.Dispose(); _sliceVao.Dispose(); _lineVao.Dispose(); _overlayVao.Dispose(); _overlayVbo.Dispose();
        _lut.Dispose(); _overlayTex.Dispose();
    }
}

/// <summary>A double-precision 3-vector for mesh coordinates in metres.</summary>
/// <param name="X">x, metres.</param>
/// <param name="Y">y, metres.</param>
/// <param name="Z">z, metres (up, normal to the substrate).</param>
public readonly record struct Vector3D(double X, double Y, double Z)
{
    /// <summary>The coordinate along axis 0 = x, 1 = y, 2 = z (as <see cref="ClipPlane.Axis"/> numbers them).</summary>
    public double this[int axis] => axis switch { 0 => X, 1 => Y, _ => Z };
    /// <summary>Component-wise sum.</summary>
    public static Vector3D operator +(Vector3D a, Vector3D b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);
    /// <summary>Component-wise difference.</summary>
    public static Vector3D operator -(Vector3D a, Vector3D b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);
    /// <summary>The vector scaled by <paramref name="s"/>.</summary>
    public static Vector3D operator *(Vector3D a, double s) => new(a.X * s, a.Y * s, a.Z * s);
    /// <summary>Component-wise absolute value.</summary>
    public Vector3D Abs() => new(Math.Abs(X), Math.Abs(Y), Math.Abs(Z));
    /// <summary>Component-wise minimum: the low corner of the box around both points.</summary>
    public static Vector3D Min(Vector3D a, Vector3D b) => new(Math.Min(a.X, b.X), Math.Min(a.Y, b.Y), Math.Min(a.Z, b.Z));
    /// <summary>Component-wise maximum: the high corner of the box around both points.</summary>
    public static Vector3D Max(Vector3D a, Vector3D b) => new(Math.Max(a.X, b.X), Math.Max(a.Y, b.Y), Math.Max(a.Z, b.Z));
}
