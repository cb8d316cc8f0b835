using System.Runtime.InteropServices;
using System.Text;

namespace MieCool.Mesh.Gmsh;

/// <summary>A model entity: dimension (0 point ... 3 volume) and tag.</summary>
public readonly record struct DimTag(int Dim, int Tag);

/// <summary>
/// The result of an OpenCASCADE boolean: the entities it produced and, for each input entity (objects first,
/// then tools, in the order given), the output entities it became.
/// </summary>
public sealed record BooleanResult(DimTag[] Entities, DimTag[][] InputMap);

/// <summary>Axis-aligned bounding box in gmsh's model units.</summary>
public readonly record struct BoundingBox(double XMin, double YMin, double ZMin, double XMax, double YMax, double ZMax);

/// <summary>A gmsh API call that failed; <see cref="GmshMessage"/> is gmsh's own last error message.</summary>
public sealed class GmshException(string function, string gmshMessage)
    : Exception($"gmsh {function} failed: {gmshMessage}")
{
    /// <summary>The gmsh API function that failed, as gmsh's API documentation names it (e.g. "model/occ/fragment").</summary>
    public string Function { get; } = function;
    /// <summary>gmsh's last error message (logger/getLastError), or the error code when gmsh gave none.</summary>
    public string GmshMessage { get; } = gmshMessage;
}

/// <summary>
/// One gmsh session: an empty gmsh model (libgmsh 4.8) from construction to <see cref="Dispose"/>. gmsh is initialized
/// once per process, by the first session, and never finalized: later sessions start from <c>gmsh::clear</c> (a new empty
/// model) and end with it. Initializing calls setlocale and setenv, which race with other threads' native code (Mesa,
/// fontconfig, Skia); the program therefore runs gmsh only in a worker process of its own (<see cref="MeshWorker"/>),
/// which also keeps gmsh's occasional heap corruption out of it (docs/known-issues.md). Every session sets the options
/// it uses. gmsh keeps global state and is not re-entrant, so only one session exists per process at a time; a second
/// constructor call blocks until the first session is disposed (and throws if made on the thread that holds it).
/// Callers never see pointers: every wrapper checks gmsh's <c>ierr</c> and throws <see cref="GmshException"/>
/// with gmsh's last error message, and copies gmsh-allocated arrays into managed ones before freeing them.
/// gmsh's messages go to <c>log</c> (if given) instead of the terminal (environment MIECOOL_GMSH_TERMINAL=1 restores
/// gmsh's own terminal output).
/// </summary>
public sealed unsafe class GmshSession : IDisposable
{
    static readonly SemaphoreSlim Gate = new(1, 1);
    static int _ownerThread;
    static bool _initialized; // gmsh initialized in this process (under Gate)

    readonly IProgress<string>? _log;
    int _forwarded;
    bool _disposed;

    // gmsh's OpenMP threads (HXT) spin at every barrier unless OMP_WAIT_POLICY=PASSIVE; on a shared machine the
    // spinning threads take the cores from the working ones (measured: 2.8 s instead of 4.7-7.9 s CPU for one mesh under
    // load). libgomp reads it from the native environment when libgmsh loads: MeshWorker starts its worker with it, and
    // ./miecool and ./test.sh export it. It is not set from here: a setenv while other threads of the process call getenv
    // can crash glibc.

    /// <summary>
    /// Waits for any other session to end, then initializes gmsh the first time in the process (without reading
    /// configuration files) or clears the previous model, silences its terminal output and starts its logger.
    /// </summary>
    /// <param name="log">Receives gmsh's log messages (at verbosity 4, information); null keeps only errors.</param>
    /// <exception cref="GmshException">libgmsh cannot be loaded or initialized.</exception>
    public GmshSession(IProgress<string>? log = null)
    {
        if (Volatile.Read(ref _ownerThread) == Environment.CurrentManagedThreadId)
            throw new InvalidOperationException("a gmsh session is already open on this thread; gmsh allows one at a time");
        Gate.Wait();
        _ownerThread = Environment.CurrentManagedThreadId;
        _log = log;
        try
        {
            int ierr = 0;
            if (!_initialized)
            {
                try { GmshNative.gmshInitialize(0, null, 0, &ierr); }
                catch (DllNotFoundException e)
                {
                    throw new GmshException("initialize", "libgmsh.so.4.8 could not be loaded; install the Debian package " +
                                                          $"libgmsh4.8 (scripts/deps.sh) ({e.Message})");
                }
                Check(ierr, "initialize");
                _initialized = true;
            }
            else
            {
                GmshNative.gmshClear(&ierr);
                Check(ierr, "clear");
            }
            // Initializing sets General.Terminal = 1; silence it and collect messages through the logger instead.
            // MIECOOL_GMSH_TERMINAL=1 keeps gmsh's own terminal output, to diagnose a crash inside gmsh (the log is lost then).
            SetNumber("General.Terminal", Environment.GetEnvironmentVariable("MIECOOL_GMSH_TERMINAL") == "1" ? 1 : 0);
            SetNumber("General.Verbosity", log is null ? 1 : 4); // 1: errors only; 4: information (5 would add progress ticks)
            GmshNative.gmshLoggerStart(&ierr);
            Check(ierr, "logger/start");
            // Errors are logged and stop meshing (1) instead of being thrown as C++ exceptions (2, the API's default), which
            // cannot cross gmsh's OpenMP regions; every call then checks the log (Done).
            SetNumber("General.AbortOnError", 1);
        }
        catch
        {
            Release();
            throw;
        }
    }

    /// <summary>Clears the model (gmsh stays initialized for the next session) and lets the next session start.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        int ierr = 0;
        try
        {
            ForwardLog();
            GmshNative.gmshLoggerStop(&ierr);
            GmshNative.gmshClear(&ierr);
        }
        finally { Release(); }
    }

    static void Release()
    {
        _ownerThread = 0;
        Gate.Release();
    }

    /// <summary>
    /// Ends every API call: forwards gmsh's new log lines, then throws <see cref="GmshException"/> when the call failed
    /// (non-zero <paramref name="ierr"/>) or logged an error. With General.AbortOnError = 1 gmsh reports its errors
    /// through the logger and stops meshing instead of throwing a C++ exception, which would end the process from inside
    /// one of its OpenMP threads ("terminate called after throwing an instance of 'std::string'").
    /// </summary>
    void Done(int ierr, string function)
    {
        ForwardLog();
        var logged = _errors.Skip(_reported).Select(Strip).ToList();
        _reported = _errors.Count;
        Check(ierr, function, logged);
        if (logged.Count > 0) throw new GmshException(function, string.Join("; ", logged));
    }
    int _reported; // errors of _errors already turned into exceptions

    static string Strip(string line) => line.StartsWith("Error: ", StringComparison.Ordinal) ? line["Error: ".Length..] : line;

    // Throws for a non-zero ierr with gmsh's last error message, or the errors it logged during the call, or the code.
    static void Check(int ierr, string function, IEnumerable<string>? logged = null)
    {
        if (ierr == 0) return;
        byte* msg = null;
        int e2 = 0;
        GmshNative.gmshLoggerGetLastError(&msg, &e2);
        var text = e2 == 0 && msg != null ? Marshal.PtrToStringUTF8((nint)msg) ?? "" : "";
        if (msg != null) GmshNative.gmshFree(msg);
        if (string.IsNullOrWhiteSpace(text) && logged is not null) text = string.Join("; ", logged.Select(Strip));
        if (string.IsNullOrWhiteSpace(text)) text = $"error code {ierr} (gmsh gave no message)";
        throw new GmshException(function, text);
    }

    void Open()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
    }

    /// <summary>
    /// Sends gmsh's log messages that have not been reported yet to the progress sink, and keeps its error messages
    /// (<see cref="Errors"/>) also when there is no sink.
    /// </summary>
    public void ForwardLog()
    {
        foreach (var line in NewLogLines())
        {
            if (line.StartsWith("Error", StringComparison.Ordinal)) _errors.Add(line);
            _log?.Report(line);
        }
    }

    /// <summary>
    /// gmsh's error messages logged during this session ("Error: ..."), in order, also those of calls that did not fail:
    /// gmsh logs many meshing errors and carries on.
    /// </summary>
    public IReadOnlyList<string> Errors => _errors;
    readonly List<string> _errors = [];

    List<string> NewLogLines()
    {
        var result = new List<string>();
        byte** lines = null;
        nuint n = 0;
        int ierr = 0;
        GmshNative.gmshLoggerGet(&lines, &n, &ierr);
        if (ierr != 0 || lines == null) return result;
        try
        {
            for (int i = _forwarded; i < (int)n; i++) result.Add(Marshal.PtrToStringUTF8((nint)lines[i]) ?? "");
            _forwarded = Math.Max(_forwarded, (int)n);
        }
        finally
        {
            for (nuint i = 0; i < n; i++) GmshNative.gmshFree(lines[i]);
            GmshNative.gmshFree(lines);
        }
        return result;
    }

    // ---- options ----

    /// <summary>
    /// Sets a numerical gmsh option (option/setNumber), named "Category.Option" as in gmsh's option reference,
    /// e.g. "Mesh.Algorithm3D".
    /// </summary>
    public void SetNumber(string option, double value)
    {
        Open(); int ierr = 0;
        GmshNative.gmshOptionSetNumber(option, value, &ierr);
        Done(ierr, $"option/setNumber(\"{option}\", {value})");
    }

    /// <summary>The value of a numerical gmsh option (option/getNumber), named "Category.Option".</summary>
    public double GetNumber(string option)
    {
        Open(); int ierr = 0; double v = 0;
        GmshNative.gmshOptionGetNumber(option, &v, &ierr);
        Done(ierr, $"option/getNumber(\"{option}\")");
        return v;
    }

    /// <summary>Sets a string gmsh option (option/setString), named "Category.Option".</summary>
    public void SetString(string option, string value)
    {
        Open(); int ierr = 0;
        GmshNative.gmshOptionSetString(option, value, &ierr);
        Done(ierr, $"option/setString(\"{option}\")");
    }

    /// <summary>The value of a string gmsh option (option/getString), named "Category.Option".</summary>
    public string GetString(string option)
    {
        Open(); int ierr = 0; byte* v = null;
        GmshNative.gmshOptionGetString(option, &v, &ierr);
        try
        {
            Done(ierr, $"option/getString(\"{option}\")");
            return Marshal.PtrToStringUTF8((nint)v) ?? "";
        }
        finally { if (v != null) GmshNative.gmshFree(v); }
    }

    // ---- model ----

    /// <summary>Adds a new model named <paramref name="name"/> and makes it the current one (model/add).</summary>
    public void AddModel(string name)
    {
        Open(); int ierr = 0;
        GmshNative.gmshModelAdd(name, &ierr);
        Done(ierr, "model/add");
    }

    /// <summary>Removes the current model (model/remove).</summary>
    public void RemoveModel()
    {
        Open(); int ierr = 0;
        GmshNative.gmshModelRemove(&ierr);
        Done(ierr, "model/remove");
    }

    /// <summary>The entities of dimension <paramref name="dim"/> of the current model, all of them for -1 (model/getEntities).</summary>
    public DimTag[] GetEntities(int dim = -1)
    {
        Open(); int ierr = 0; int* p = null; nuint n = 0;
        GmshNative.gmshModelGetEntities(&p, &n, dim, &ierr);
        return TakeDimTags(p, n, ierr, "model/getEntities");
    }

    /// <summary>
    /// The boundary of <paramref name="entities"/> (model/getBoundary): of the shape they form together when
    /// <paramref name="combined"/> (shared interfaces cancel), else of each one; tags carry the orientation's sign when
    /// <paramref name="oriented"/>; down to points when <paramref name="recursive"/>.
    /// </summary>
    public DimTag[] GetBoundary(IReadOnlyList<DimTag> entities, bool combined = true, bool oriented = false,
                                bool recursive = false)
    {
        Open(); int ierr = 0; int* p = null; nuint n = 0;
        var flat = Flatten(entities);
        fixed (int* f = flat)
            GmshNative.gmshModelGetBoundary(f, (nuint)flat.Length, &p, &n, combined ? 1 : 0, oriented ? 1 : 0,
                                            recursive ? 1 : 0, &ierr);
        return TakeDimTags(p, n, ierr, "model/getBoundary");
    }

    /// <summary>Tags of the entities of dimension dim+1 (upward) and dim-1 (downward) adjacent to (dim, tag).</summary>
    public (int[] Upward, int[] Downward) GetAdjacencies(int dim, int tag)
    {
        Open(); int ierr = 0; int* up = null, down = null; nuint nu = 0, nd = 0;
        GmshNative.gmshModelGetAdjacencies(dim, tag, &up, &nu, &down, &nd, &ierr);
        try
        {
            Done(ierr, "model/getAdjacencies");
            return (new ReadOnlySpan<int>(up, (int)nu).ToArray(), new ReadOnlySpan<int>(down, (int)nd).ToArray());
        }
        finally { Free(up); Free(down); }
    }

    /// <summary>
    /// The bounding box of entity (<paramref name="dim"/>, <paramref name="tag"/>), of the whole model for (-1, -1), model
    /// units (model/getBoundingBox).
    /// </summary>
    public BoundingBox GetBoundingBox(int dim, int tag)
    {
        Open(); int ierr = 0; double a, b, c, d, e, f;
        GmshNative.gmshModelGetBoundingBox(dim, tag, &a, &b, &c, &d, &e, &f, &ierr);
        Done(ierr, "model/getBoundingBox");
        return new BoundingBox(a, b, c, d, e, f);
    }

    /// <summary>
    /// Groups the entities <paramref name="tags"/> of dimension <paramref name="dim"/> into the physical group
    /// <paramref name="tag"/> named <paramref name="name"/> (model/addPhysicalGroup, model/setPhysicalName); returns the
    /// group's tag (a new one for a negative <paramref name="tag"/>).
    /// </summary>
    public int AddPhysicalGroup(int dim, IReadOnlyList<int> tags, int tag, string name)
    {
        Open(); int ierr = 0;
        var t = tags.ToArray();
        int result;
        fixed (int* p = t) result = GmshNative.gmshModelAddPhysicalGroup(dim, p, (nuint)t.Length, tag, &ierr);
        Done(ierr, "model/addPhysicalGroup");
        GmshNative.gmshModelSetPhysicalName(dim, result, name, &ierr);
        Done(ierr, "model/setPhysicalName");
        return result;
    }

    // ---- OpenCASCADE geometry ----

    /// <summary>
    /// Adds the box [x, x + dx] x [y, y + dy] x [z, z + dz], model units, to the OpenCASCADE representation
    /// (model/occ/addBox); returns its volume tag.
    /// </summary>
    public int OccAddBox(double x, double y, double z, double dx, double dy, double dz)
    {
        Open(); int ierr = 0;
        int t = GmshNative.gmshModelOccAddBox(x, y, z, dx, dy, dz, -1, &ierr);
        Done(ierr, "model/occ/addBox");
        return t;
    }

    /// <summary>
    /// Adds the full sphere of centre (xc, yc, zc) and radius <paramref name="radius"/>, model units, to the OpenCASCADE
    /// representation (model/occ/addSphere); returns its volume tag.
    /// </summary>
    public int OccAddSphere(double xc, double yc, double zc, double radius)
    {
        Open(); int ierr = 0;
        int t = GmshNative.gmshModelOccAddSphere(xc, yc, zc, radius, -1, -Math.PI / 2, Math.PI / 2, 2 * Math.PI, &ierr);
        Done(ierr, "model/occ/addSphere");
        return t;
    }

    /// <summary>
    /// The boolean difference <paramref name="objects"/> minus <paramref name="tools"/> (model/occ/cut), removing the
    /// inputs unless told otherwise.
    /// </summary>
    public BooleanResult OccCut(IReadOnlyList<DimTag> objects, IReadOnlyList<DimTag> tools, bool removeObject = true,
                                bool removeTool = true) =>
        Boolean(objects, tools, removeObject, removeTool, cut: true);

    /// <summary>
    /// The boolean fragments (general fuse) of <paramref name="objects"/> and <paramref name="tools"/>
    /// (model/occ/fragment): all pieces, with conforming shared interfaces, so that one mesh fits every region.
    /// </summary>
    public BooleanResult OccFragment(IReadOnlyList<DimTag> objects, IReadOnlyList<DimTag> tools, bool removeObject = true,
                                     bool removeTool = true) =>
        Boolean(objects, tools, removeObject, removeTool, cut: false);

    BooleanResult Boolean(IReadOnlyList<DimTag> objects, IReadOnlyList<DimTag> tools, bool removeObject, bool removeTool,
                          bool cut)
    {
        Open(); int ierr = 0;
        var o = Flatten(objects);
        var t = Flatten(tools);
        int* outp = null; nuint outn = 0;
        int** map = null; nuint* mapn = null; nuint mapnn = 0;
        fixed (int* po = o)
        fixed (int* pt = t)
        {
            if (cut)
                GmshNative.gmshModelOccCut(po, (nuint)o.Length, pt, (nuint)t.Length, &outp, &outn, &map, &mapn, &mapnn,
                                           -1, removeObject ? 1 : 0, removeTool ? 1 : 0, &ierr);
            else
                GmshNative.gmshModelOccFragment(po, (nuint)o.Length, pt, (nuint)t.Length, &outp, &outn, &map, &mapn, &mapnn,
                                                -1, removeObject ? 1 : 0, removeTool ? 1 : 0, &ierr);
        }
        var inputMap = new DimTag[(int)mapnn][];
        try
        {
            Done(ierr, cut ? "model/occ/cut" : "model/occ/fragment");
            for (int i = 0; i < (int)mapnn; i++) inputMap[i] = ToDimTags(map[i], mapn[i]);
            return new BooleanResult(ToDimTags(outp, outn), inputMap);
        }
        finally
        {
            Free(outp);
            if (map != null) { for (nuint i = 0; i < mapnn; i++) Free(map[i]); Free(map); }
            Free(mapn);
        }
    }

    /// <summary>Volume (dim 3), area (2) or length (1) of an OpenCASCADE entity, model units.</summary>
    public double OccGetMass(int dim, int tag)
    {
        Open(); int ierr = 0; double m = 0;
        GmshNative.gmshModelOccGetMass(dim, tag, &m, &ierr);
        Done(ierr, "model/occ/getMass");
        return m;
    }

    /// <summary>
    /// Makes the OpenCASCADE entities part of the gmsh model (model/occ/synchronize): needed before they can be queried,
    /// grouped or meshed.
    /// </summary>
    public void OccSynchronize()
    {
        Open(); int ierr = 0;
        GmshNative.gmshModelOccSynchronize(&ierr);
        Done(ierr, "model/occ/synchronize");
    }

    // ---- mesh size fields ----

    /// <summary>
    /// Adds a mesh size field of type <paramref name="fieldType"/> (e.g. "MathEval"); returns its tag
    /// (model/mesh/field/add).
    /// </summary>
    public int AddField(string fieldType)
    {
        Open(); int ierr = 0;
        int t = GmshNative.gmshModelMeshFieldAdd(fieldType, -1, &ierr);
        Done(ierr, $"model/mesh/field/add(\"{fieldType}\")");
        return t;
    }

    /// <summary>Sets a numerical option of a size field (model/mesh/field/setNumber).</summary>
    public void SetFieldNumber(int field, string option, double value)
    {
        Open(); int ierr = 0;
        GmshNative.gmshModelMeshFieldSetNumber(field, option, value, &ierr);
        Done(ierr, $"model/mesh/field/setNumber(\"{option}\")");
    }

    /// <summary>Sets a string option of a size field, e.g. the expression "F" of a MathEval field (model/mesh/field/setString).</summary>
    public void SetFieldString(int field, string option, string value)
    {
        Open(); int ierr = 0;
        GmshNative.gmshModelMeshFieldSetString(field, option, value, &ierr);
        Done(ierr, $"model/mesh/field/setString(\"{option}\")");
    }

    /// <summary>Makes the size field the background mesh size (model/mesh/field/setAsBackgroundMesh).</summary>
    public void SetBackgroundField(int field)
    {
        Open(); int ierr = 0;
        GmshNative.gmshModelMeshFieldSetAsBackgroundMesh(field, &ierr);
        Done(ierr, "model/mesh/field/setAsBackgroundMesh");
    }

    // ---- meshing and mesh data ----

    /// <summary>
    /// Meshes the current model up to dimension <paramref name="dim"/> (model/mesh/generate), forwards gmsh's log and throws
    /// <see cref="GmshException"/> when gmsh failed or logged an error (e.g. "No elements in volume 1").
    /// </summary>
    public void Generate(int dim)
    {
        Open(); int ierr = 0;
        GmshNative.gmshModelMeshGenerate(dim, &ierr);
        Done(ierr, $"model/mesh/generate({dim})");
    }

    /// <summary>Elevates the mesh's elements to polynomial order <paramref name="order"/> (model/mesh/setOrder).</summary>
    public void SetOrder(int order)
    {
        Open(); int ierr = 0;
        GmshNative.gmshModelMeshSetOrder(order, &ierr);
        Done(ierr, $"model/mesh/setOrder({order})");
    }

    /// <summary>
    /// Node tags and coordinates (x y z per node) of the nodes classified on an entity (all nodes for -1, -1).
    /// </summary>
    public (long[] Tags, double[] Coordinates) GetNodes(int dim = -1, int tag = -1, bool includeBoundary = false)
    {
        Open(); int ierr = 0;
        nuint* tags = null; nuint ntags = 0; double* xyz = null; nuint nxyz = 0; double* uv = null; nuint nuv = 0;
        GmshNative.gmshModelMeshGetNodes(&tags, &ntags, &xyz, &nxyz, &uv, &nuv, dim, tag, includeBoundary ? 1 : 0, 0,
                                         &ierr);
        try
        {
            Done(ierr, "model/mesh/getNodes");
            var t = new long[(int)ntags];
            new ReadOnlySpan<long>(tags, (int)ntags).CopyTo(t);
            return (t, new ReadOnlySpan<double>(xyz, (int)nxyz).ToArray());
        }
        finally { Free(tags); Free(xyz); Free(uv); }
    }

    /// <summary>
    /// MSH element types present on an entity (e.g. 4 = 4-node tetrahedron, 11 = 10-node, 2 = 3-node triangle, 9 = 6-node).
    /// </summary>
    public int[] GetElementTypes(int dim = -1, int tag = -1)
    {
        Open(); int ierr = 0; int* p = null; nuint n = 0;
        GmshNative.gmshModelMeshGetElementTypes(&p, &n, dim, tag, &ierr);
        try
        {
            Done(ierr, "model/mesh/getElementTypes");
            return new ReadOnlySpan<int>(p, (int)n).ToArray();
        }
        finally { Free(p); }
    }

    /// <summary>Element tags and node tags (concatenated per element) of one element type on an entity (tag -1: all).</summary>
    public (long[] ElementTags, long[] NodeTags) GetElementsByType(int elementType, int tag = -1)
    {
        Open(); int ierr = 0;
        nuint* et = null; nuint net = 0; nuint* nt = null; nuint nnt = 0;
        GmshNative.gmshModelMeshGetElementsByType(elementType, &et, &net, &nt, &nnt, tag, 0, 1, &ierr);
        try
        {
            Done(ierr, "model/mesh/getElementsByType");
            return (new ReadOnlySpan<long>(et, (int)net).ToArray(), new ReadOnlySpan<long>(nt, (int)nnt).ToArray());
        }
        finally { Free(et); Free(nt); }
    }

    /// <summary>
    /// The node tags of the elements of one type on an entity (concatenated per element), translated into compact
    /// indices through <paramref name="indexByNodeTag"/> (gmsh node tag -> zero-based index, -1 for none). Converts
    /// straight from gmsh's buffer, so large meshes never hold a 64-bit managed copy of their connectivity.
    /// </summary>
    public int[] GetElementNodeIndices(int elementType, int tag, int[] indexByNodeTag)
    {
        Open(); int ierr = 0;
        nuint* et = null; nuint net = 0; nuint* nt = null; nuint nnt = 0;
        GmshNative.gmshModelMeshGetElementsByType(elementType, &et, &net, &nt, &nnt, tag, 0, 1, &ierr);
        try
        {
            Done(ierr, "model/mesh/getElementsByType");
            var src = new ReadOnlySpan<nuint>(nt, (int)nnt);
            var dst = GC.AllocateUninitializedArray<int>(src.Length);
            for (int i = 0; i < src.Length; i++)
            {
                ulong t = src[i];
                int idx = t < (ulong)indexByNodeTag.Length ? indexByNodeTag[t] : -1;
                if (idx < 0)
                    throw new GmshException("model/mesh/getElementsByType",
                                            $"an element refers to node tag {t}, which getNodes did not return");
                dst[i] = idx;
            }
            return dst;
        }
        finally { Free(et); Free(nt); }
    }

    // ---- helpers ----

    static int[] Flatten(IReadOnlyList<DimTag> dt)
    {
        var a = new int[2 * dt.Count];
        for (int i = 0; i < dt.Count; i++) { a[2 * i] = dt[i].Dim; a[2 * i + 1] = dt[i].Tag; }
        return a;
    }

    static DimTag[] ToDimTags(int* p, nuint n)
    {
        var r = new DimTag[(int)n / 2];
        for (int i = 0; i < r.Length; i++) r[i] = new DimTag(p[2 * i], p[2 * i + 1]);
        return r;
    }

    DimTag[] TakeDimTags(int* p, nuint n, int ierr, string function)
    {
        try
        {
            Done(ierr, function);
            return ToDimTags(p, n);
        }
        finally { Free(p); }
    }

    static void Free(void* p)
    {
        if (p != null) GmshNative.gmshFree(p);
    }
}
