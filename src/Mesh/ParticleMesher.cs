using System.Diagnostics;
using System.Globalization;
using MieCool.Core;
using MieCool.Mesh.Gmsh;

namespace MieCool.Mesh;

/// <summary>
/// Meshes a sphere (optionally core-shell) resting on, flattened against, or embedded in a substrate, inside an air box,
/// with gmsh 4.8 (OpenCASCADE geometry; tetrahedra by gmsh's Delaunay on one thread, reproducibly, or by HXT on several).
/// <para>
/// Units: gmsh works in nanometres (1 model unit = <see cref="GmshUnitM"/>), so that the OpenCASCADE tolerances
/// (~1e-7 absolute) are far below every feature; <see cref="TetMesh"/> is converted back to metres.
/// </para>
/// <para>
/// Geometry: air box [-L, L]^2 x [0, L] over substrate box [-L, L]^2 x [-L, 0]. A flattened sphere (contact radius or
/// flattening depth) has its cap below z = 0 cut away first; an embedded sphere is kept whole. One boolean fragment of
/// boxes and sphere(s) then makes all interfaces conforming; each fragment is assigned the region of the innermost
/// input it came from (core, shell, then substrate or air).
/// </para>
/// <para>
/// Sizes: a MathEval background field h(x) = min(h_max, HMin + Grading * max(0, |x - c| - R)), with h_max = L / 2;
/// sizes from points, curvature and boundaries are switched off so that this field alone rules. An analytic field is
/// cheap to evaluate (about 1% of the meshing time), unlike gmsh's Distance field. A contact rim shorter than
/// <see cref="MinRimSegments"/> h_min gets its own refinement (see <see cref="SizeExpression"/>).
/// </para>
/// </summary>
public static class ParticleMesher
{
    /// <summary>Length of one gmsh model unit, m: the geometry is built in nanometres.</summary>
    public const double GmshUnitM = 1e-9;

    /// <summary>
    /// Builds, meshes and reads back the geometry described by <paramref name="spec"/>: refuses a mesh estimated above
    /// <see cref="MeshSpec.MaxElements"/> before gmsh starts (<see cref="MeshBudget.Check"/>), merges coincident nodes and
    /// checks that the mesh is conforming (<see cref="MeshQuality.CheckConforming"/>). gmsh runs in a process of its own
    /// (<see cref="MeshWorker"/>), never in this one.
    /// </summary>
    /// <exception cref="InputException">
    /// Impossible geometry or mesh settings, or a mesh too large to finish (names the case-file key and the valid range).
    /// </exception>
    /// <exception cref="ComputationException">
    /// gmsh failed (the message carries gmsh's own message and what to change) or made a mesh with a crack.
    /// </exception>
    public static MeshResult Generate(MeshSpec spec, IProgress<string>? progress = null) =>
        Generate(spec, progress, MeshCache.Default);

    /// <summary>
    /// <see cref="Generate(MeshSpec, IProgress{string})"/> through <paramref name="cache"/>: a reproducible mesh already made
    /// with the same settings is read back (no gmsh), a new one is kept (<see cref="MeshCache"/>).
    /// </summary>
    public static MeshResult Generate(MeshSpec spec, IProgress<string>? progress, MeshCache cache)
    {
        if (TryCached(spec, progress, cache) is { } cached) return cached;
        ParticleGeometry.Place(spec); // input errors here, as the case file's
        MeshBudget.Check(spec);
        return MeshWorker.Run(spec, progress, cache); // kept as the worker sent it
    }

    /// <summary>
    /// The mesh of <paramref name="spec"/> from <paramref name="cache"/> (<see cref="MeshCache.Default"/> when null) with its
    /// report, or null when it is not there; gmsh is not touched.
    /// </summary>
    public static MeshResult? TryCached(MeshSpec spec, IProgress<string>? progress = null, MeshCache? cache = null)
    {
        cache ??= MeshCache.Default;
        var clock = Stopwatch.StartNew();
        if (cache.TryRead(spec, progress) is not { } mesh) return null;
        MeshBudget.Check(spec);
        var placement = ParticleGeometry.Place(spec);
        double read = clock.Elapsed.TotalSeconds;
        progress?.Report($"mesh from the cache ({cache.PathOf(spec)}): {mesh.NodeCount} nodes, {mesh.CellCount} tetrahedra");
        var report = MeshQuality.Report(mesh, ParticleGeometry.ExactVolumes(placement, spec.BoxHalfSize * spec.Radius),
                                        0, 0, read, read, Threads(spec));
        return new MeshResult(mesh, report) { FromCache = true };
    }

    /// <summary>
    /// <see cref="Generate(MeshSpec, IProgress{string})"/> with gmsh in this process (the worker's, <see cref="MeshWorker.Serve"/>,
    /// and tests of gmsh itself); for order 2 the edge nodes come from gmsh's own SetOrder(2) when
    /// <paramref name="gmshSetOrder"/> (the reference <see cref="QuadraticElevation"/> is tested against), else from
    /// <see cref="QuadraticElevation.Elevate"/> on the linear mesh read back.
    /// </summary>
    internal static MeshResult Generate(MeshSpec spec, IProgress<string>? progress, bool gmshSetOrder)
    {
        var placement = ParticleGeometry.Place(spec);
        var estimate = MeshBudget.Check(spec); // refuse what cannot finish before gmsh starts
        int threads = Threads(spec);
        double L = spec.BoxHalfSize * spec.Radius;

        GmshSession session;
        try { session = new GmshSession(progress is null ? null : new Forward(progress)); }
        catch (GmshException e) { throw new ComputationException($"gmsh could not start: {e.GmshMessage}", e); }
        using var gmsh = session;
        var clock = Stopwatch.StartNew();
        Model model;
        try
        {
            model = BuildGeometry(gmsh, spec, placement, threads);
        }
        catch (GmshException e)
        {
            throw new ComputationException(
                $"gmsh could not build the particle-substrate geometry: {e.GmshMessage}. " +
                $"Check substrate.contact_radius / substrate.flattening / substrate.embedding and particle.shell_thickness " +
                $"(R = {ParticleGeometry.Nm(spec.Radius)}, contact radius {ParticleGeometry.Nm(placement.ContactRadius)}).", e);
        }
        double geometrySeconds = clock.Elapsed.TotalSeconds;

        clock.Restart();
        try
        {
            progress?.Report($"meshing: h_min {ParticleGeometry.Nm(spec.HMin)}, " +
                             $"grading {spec.Grading.ToString(CultureInfo.InvariantCulture)}, " +
                             $"box +-{ParticleGeometry.Nm(L)}, order {spec.Order}, " +
                             (threads == 1 ? "1 thread (Delaunay, reproducible)" : $"{threads} threads (HXT)") +
                             $", about {estimate.Tetrahedra:0.##e0} tetrahedra expected");
            gmsh.Generate(3);
            if (spec.Order == 2 && gmshSetOrder)
            {
                gmsh.SetNumber("Mesh.SecondOrderLinear", 1); // edge nodes at edge midpoints: straight-sided P2 tetrahedra
                gmsh.SetOrder(2);
            }
        }
        catch (GmshException e)
        {
            throw new ComputationException(
                $"gmsh could not mesh the geometry: {e.GmshMessage}. Try a smaller mesh.h_min (now {ParticleGeometry.Nm(spec.HMin)}) " +
                $"or mesh.grading (now {spec.Grading.ToString(CultureInfo.InvariantCulture)}), " +
                "or a contact radius that is not much smaller than mesh.h_min.", e);
        }
        double meshingSeconds = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var mesh = ReadBack(gmsh, model, spec.Order, gmshSetOrder, placement, progress);
        double readBackSeconds = clock.Elapsed.TotalSeconds;
        double readBackCpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;

        try { MeshQuality.CheckConforming(mesh, "gmsh"); }
        catch (ComputationException e)
        {
            throw new ComputationException($"{e.Message}. Mesh again, or with [mesh] threads = 1 (reproducible).", e);
        }
        var report = MeshQuality.Report(mesh, ParticleGeometry.ExactVolumes(placement, L),
                                        geometrySeconds, meshingSeconds, readBackSeconds, readBackCpuSeconds, threads);
        foreach (var r in report.Regions)
            if (r.Cells == 0)
                throw new ComputationException($"gmsh produced no tetrahedra in the {r.Name} region; " +
                                               $"try a smaller mesh.h_min (now {ParticleGeometry.Nm(spec.HMin)}).");
        return new MeshResult(mesh, report);
    }

    /// <summary>Threads gmsh uses for a spec: <see cref="MeshSpec.Threads"/>, every core for 0.</summary>
    public static int Threads(MeshSpec spec) => spec.Threads > 0 ? spec.Threads : Environment.ProcessorCount;

    /// <summary>
    /// True when the spec is meshed reproducibly (one thread: gmsh's Delaunay 3D mesher gives the bit-identical mesh every
    /// run); false for HXT on several threads.
    /// </summary>
    public static bool IsReproducible(MeshSpec spec) => Threads(spec) == 1;

    sealed class Forward(IProgress<string> inner) : IProgress<string>
    {
        public void Report(string value) => inner.Report("gmsh: " + value);
    }

    /// <summary>The model entities by region: volumes per volume tag, surfaces per surface tag.</summary>
    sealed record Model(Dictionary<int, List<int>> Volumes, Dictionary<int, List<int>> Surfaces);

    static Model BuildGeometry(GmshSession g, MeshSpec spec, ParticlePlacement p, int threads)
    {
        const double s = 1 / GmshUnitM; // metres -> model units (nm)
        double R = p.Radius * s, Rc = p.CoreRadius * s, zc = p.CenterZ * s, L = spec.BoxHalfSize * p.Radius * s;
        bool shell = p.CoreRadius < p.Radius;

        g.SetNumber("General.NumThreads", threads);
        g.SetNumber("Mesh.MaxNumThreads1D", threads);
        g.SetNumber("Mesh.MaxNumThreads2D", threads);
        g.SetNumber("Mesh.MaxNumThreads3D", threads);
        g.AddModel("particle_on_substrate");

        var air = new DimTag(3, g.OccAddBox(-L, -L, 0, 2 * L, 2 * L, L));
        var substrate = new DimTag(3, g.OccAddBox(-L, -L, -L, 2 * L, 2 * L, L));
        var outer = new DimTag(3, g.OccAddSphere(0, 0, zc, R));
        DimTag? core = shell ? new DimTag(3, g.OccAddSphere(0, 0, zc, Rc)) : null;

        if (!p.Embedded)
        {
            // Flattened: remove the part of each sphere below z = 0 (the substrate stays a full half-box).
            outer = CutBelowPlane(g, outer, R);
            if (core is DimTag c && zc < Rc) core = CutBelowPlane(g, c, R);
        }

        var tools = new List<DimTag> { outer };
        if (core is DimTag cc) tools.Add(cc);
        var frag = g.OccFragment([air, substrate], tools);
        g.OccSynchronize();

        // Input order in the map: air, substrate, outer, core.
        var fromAir = frag.InputMap[0].Where(d => d.Dim == 3).Select(d => d.Tag).ToHashSet();
        var fromSub = frag.InputMap[1].Where(d => d.Dim == 3).Select(d => d.Tag).ToHashSet();
        var fromOuter = frag.InputMap[2].Where(d => d.Dim == 3).Select(d => d.Tag).ToHashSet();
        var fromCore = shell ? frag.InputMap[3].Where(d => d.Dim == 3).Select(d => d.Tag).ToHashSet() : [];

        var volumes = new Dictionary<int, List<int>>();
        foreach (var v in frag.Entities.Where(d => d.Dim == 3).Select(d => d.Tag))
        {
            int region = fromCore.Contains(v) ? Tags.Particle
                : fromOuter.Contains(v) ? (shell ? Tags.Shell : Tags.Particle)
                : fromSub.Contains(v) ? Tags.Substrate
                : fromAir.Contains(v) ? Tags.Air
                : throw new GmshException("model/occ/fragment", $"volume {v} does not come from any input");
            (volumes.TryGetValue(region, out var list) ? list : volumes[region] = []).Add(v);
        }

        // The particle's outer surface: the combined boundary of core and shell pieces (internal interfaces cancel).
        var particleVolumes = volumes.Where(kv => Tags.IsParticle(kv.Key)).SelectMany(kv => kv.Value)
                                     .Select(t => new DimTag(3, t)).ToList();
        var surfaces = new Dictionary<int, List<int>>
        {
            [Tags.ParticleSurface] = g.GetBoundary(particleVolumes, combined: true).Select(d => Math.Abs(d.Tag)).Distinct().ToList(),
            [Tags.AirOuter] = [],
            [Tags.SubstrateOuter] = [],
        };
        // The box's outer boundary, split by the volume each face bounds.
        var all = volumes.Values.SelectMany(x => x).Select(t => new DimTag(3, t)).ToList();
        var airSet = volumes[Tags.Air].ToHashSet();
        foreach (var f in g.GetBoundary(all, combined: true).Select(d => Math.Abs(d.Tag)).Distinct())
        {
            var (up, _) = g.GetAdjacencies(2, f);
            surfaces[up.Any(airSet.Contains) ? Tags.AirOuter : Tags.SubstrateOuter].Add(f);
        }

        foreach (var (tag, list) in volumes) g.AddPhysicalGroup(3, list, tag, Tags.RegionName(tag));
        foreach (var (tag, list) in surfaces) g.AddPhysicalGroup(2, list, tag, Tags.RegionName(tag));

        // Mesh size: graded analytic field around the particle, nothing else.
        double hMin = spec.HMin * s, hMax = L / 2;
        int field = g.AddField("MathEval");
        g.SetFieldString(field, "F", SizeExpression(hMin, spec.Grading, hMax, zc, R, p.ContactRadius * s));
        g.SetBackgroundField(field);
        g.SetNumber("Mesh.CharacteristicLengthFromPoints", 0);
        g.SetNumber("Mesh.CharacteristicLengthFromCurvature", 0);
        g.SetNumber("Mesh.CharacteristicLengthExtendFromBoundary", 0);
        g.SetNumber("Mesh.CharacteristicLengthMax", hMax);
        g.SetNumber("Mesh.Algorithm", 6);    // Frontal-Delaunay surfaces: best quality for its cost here (Delaunay is 1.5x faster
                                             // but its sphere meshes end in worse tetrahedra; MeshAdapt is 20x slower)
        // One thread: gmsh's Delaunay, the same mesh every run. HXT is 3-10x faster (and multithreaded) but not
        // reproducible in gmsh 4.8, even on one thread: it orders its input nodes by memory address (a std::set of MVertex
        // pointers), so each run inserts them in another order (docs/mesh.md).
        g.SetNumber("Mesh.Algorithm3D", threads == 1 ? 1 : 10);
        g.SetNumber("Mesh.ElementOrder", 1);
        return new Model(volumes, surfaces);
    }

    /// <summary>
    /// gmsh MathEval text of h = min(hMax, hMin + grading * max(0, |x - (0, 0, zc)| - R)), model units.
    /// gmsh 4.8's expression parser rejects "z - -5" and aborts the whole process on a parse error inside meshing, so every
    /// number is written as a plain non-negative decimal and the sign of zc goes into the operator.
    /// A contact rim much shorter than hMin (circumference 2 pi a &lt; <see cref="MinRimSegments"/> hMin) would otherwise meet
    /// hMin-sized elements with a few tiny edges and give slivers, so sizes also grow from hRim = 2 pi a / MinRimSegments
    /// at the rim (distance to the circle of radius a in the plane z = 0), with the same grading.
    /// </summary>
    internal static string SizeExpression(double hMin, double grading, double hMax, double zc, double R, double a)
    {
        static string N(double v) => v.ToString("0.###############", CultureInfo.InvariantCulture);
        var dz = zc >= 0 ? $"(z - {N(zc)})" : $"(z + {N(-zc)})";
        var sphere = $"{N(hMin)} + {N(grading)} * Max(0, Sqrt(x*x + y*y + {dz}*{dz}) - {N(R)})";
        double hRim = RimSize(hMin, a);
        if (hRim >= hMin) return $"Min({N(hMax)}, {sphere})";
        var rim = $"{N(hRim)} + {N(grading)} * Sqrt((Sqrt(x*x + y*y) - {N(a)})*(Sqrt(x*x + y*y) - {N(a)}) + z*z)";
        return $"Min({N(hMax)}, Min({sphere}, {rim}))";
    }

    /// <summary>Fewest element edges along the contact rim before the rim gets its own refinement.</summary>
    public const int MinRimSegments = 12;

    /// <summary>
    /// Element size at the contact rim (radius a): hMin, or 2 pi a / MinRimSegments for a rim shorter than
    /// MinRimSegments * hMin. The graded zone around the rim adds only ~ (4 pi / grading^3) ln(hMin / hRim) elements.
    /// </summary>
    internal static double RimSize(double hMin, double a) =>
        a > 0 ? Math.Min(2 * Math.PI * a / MinRimSegments, hMin) : hMin;

    // Cuts away the part of a sphere below z = 0 with a slab that reaches beyond the sphere.
    static DimTag CutBelowPlane(GmshSession g, DimTag sphere, double R)
    {
        var slab = new DimTag(3, g.OccAddBox(-2 * R, -2 * R, -3 * R, 4 * R, 4 * R, 3 * R));
        var cut = g.OccCut([sphere], [slab]);
        var vols = cut.Entities.Where(d => d.Dim == 3).ToArray();
        if (vols.Length != 1)
            throw new GmshException("model/occ/cut", $"cutting the sphere at z = 0 gave {vols.Length} volumes instead of 1");
        return vols[0];
    }

    /// <summary>
    /// Nodes with bit-identical coordinates (x y z per node) merged into the first of them: the remaining coordinates and,
    /// for each input node, its index among them. The same arrays come back when no two nodes coincide.
    /// </summary>
    public static (double[] Coordinates, int[] Index) MergeCoincident(double[] xyz)
    {
        int n = xyz.Length / 3;
        var index = new int[n];
        var seen = new Dictionary<(double, double, double), int>(n);
        int kept = 0;
        for (int i = 0; i < n; i++)
        {
            var key = (xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]);
            if (seen.TryGetValue(key, out int j)) { index[i] = j; continue; }
            seen.Add(key, kept);
            index[i] = kept++;
        }
        if (kept == n) return (xyz, index);
        var result = new double[3 * kept];
        for (int i = 0; i < n; i++)
            for (int k = 0; k < 3; k++) result[3 * index[i] + k] = xyz[3 * i + k];
        return (result, index);
    }

    /// <summary>
    /// Connectivity of one element type over the entities of each region, concatenated, with the region tag per element.
    /// </summary>
    static (int[] Connectivity, int[] Region) Gather(GmshSession g, int elementType,
                                                     IEnumerable<(int Tag, List<int> Entities)> regions, int[] index)
    {
        var chunks = new List<(int Tag, int[] Nodes)>();
        foreach (var (tag, entities) in regions)
            foreach (var e in entities) chunks.Add((tag, g.GetElementNodeIndices(elementType, e, index)));
        int perElement = elementType switch
        {
            4 => 4, 11 => 10, 2 => 3, 9 => 6,
            _ => throw new ArgumentOutOfRangeException(nameof(elementType)),
        };
        var connectivity = GC.AllocateUninitializedArray<int>(chunks.Sum(c => c.Nodes.Length));
        var region = GC.AllocateUninitializedArray<int>(connectivity.Length / perElement);
        int at = 0;
        foreach (var (tag, nodes) in chunks)
        {
            nodes.CopyTo(connectivity, at);
            region.AsSpan(at / perElement, nodes.Length / perElement).Fill(tag);
            at += nodes.Length;
        }
        return (connectivity, region);
    }

    /// <summary>
    /// Copies gmsh's mesh into a <see cref="TetMesh"/>: compact zero-based node indices, metres, region tags. For order 2
    /// the linear mesh is read and elevated (<see cref="QuadraticElevation"/>), or gmsh's own 10-node tetrahedra are read
    /// when <paramref name="gmshSetOrder"/>.
    /// </summary>
    static TetMesh ReadBack(GmshSession g, Model model, int order, bool gmshSetOrder, ParticlePlacement placement,
                            IProgress<string>? progress)
    {
        var (tags, xyz) = g.GetNodes();
        long maxTag = tags.Length == 0 ? 0 : tags.Max();
        var index = new int[maxTag + 1];
        Array.Fill(index, -1);
        // HXT on several threads now and then inserts an interior point twice: some tetrahedra around it use one copy,
        // the others the other, and the faces between them have one tetrahedron each, an insulated crack (11 to 20 such
        // faces per copy at 4e6 tetrahedra). Each node is merged into the first one with bit-identical coordinates.
        var (merged, first) = MergeCoincident(xyz);
        if (merged.Length != xyz.Length)
            progress?.Report($"merged {(xyz.Length - merged.Length) / 3} duplicated nodes that gmsh made (same coordinates)");
        for (int i = 0; i < tags.Length; i++) index[tags[i]] = first[i];

        bool read2 = order == 2 && gmshSetOrder;
        int tetType = read2 ? 11 : 4, triType = read2 ? 9 : 2;
        var volumes = Tags.Volumes.Where(model.Volumes.ContainsKey).Select(t => (t, model.Volumes[t]));
        var (cells, cellRegion) = Gather(g, tetType, volumes, index);
        var (faces, faceRegion) = Gather(g, triType, Tags.Surfaces.Select(t => (t, model.Surfaces[t])), index);
        var mesh = new TetMesh
        {
            Nodes = merged, // model units until the end
            Cells = cells,
            NodesPerCell = read2 ? 10 : 4,
            CellRegion = cellRegion,
            BoundaryFaces = faces,
            BoundaryRegion = faceRegion,
            Particle = placement,
        };
        if (order == 2 && !gmshSetOrder)
        {
            var clock = Stopwatch.StartNew();
            mesh = QuadraticElevation.Elevate(mesh);
            progress?.Report($"order 2: {mesh.NodeCount - merged.Length / 3} edge nodes at the edge midpoints " +
                             $"({clock.Elapsed.TotalSeconds.ToString("F3", CultureInfo.InvariantCulture)} s)");
        }
        // Metres. The midpoints were taken in model units, as gmsh takes them (0.5 a + 0.5 b = (a + b) / 2 exactly in
        // binary floating point), so the edge nodes are gmsh's own SetOrder(2) nodes to the last bit.
        var x = mesh.Nodes;
        for (int i = 0; i < x.Length; i++) x[i] *= GmshUnitM;
        return mesh;
    }
}
