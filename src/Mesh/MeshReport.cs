namespace MieCool.Mesh;

/// <summary>One region of the mesh: its cells, the nodes they touch, and its volume on the mesh and exactly.</summary>
/// <param name="Tag">Volume tag (see <see cref="Tags"/>).</param>
/// <param name="Cells">Number of tetrahedra.</param>
/// <param name="Nodes">
/// Number of distinct nodes of those tetrahedra (shared interface nodes count in every region).
/// </param>
/// <param name="VolumeM3">Sum of the straight-sided cell volumes, m^3.</param>
/// <param name="ExactVolumeM3">The region's volume from the analytic geometry, m^3.</param>
public sealed record RegionStats(int Tag, int Cells, int Nodes, double VolumeM3, double ExactVolumeM3)
{
    /// <summary>The region's name ("particle", "air", ...; see <see cref="Tags.RegionName"/>).</summary>
    public string Name => Tags.RegionName(Tag);
    /// <summary>(mesh - exact) / exact: the geometric discretization error (polyhedral sphere).</summary>
    public double RelativeVolumeError => (VolumeM3 - ExactVolumeM3) / ExactVolumeM3;
}

/// <summary>What the mesher produced and how long it took.</summary>
/// <param name="Regions">Per-region statistics, in <see cref="Tags.Volumes"/> order (shell only with a shell).</param>
/// <param name="NodeCount">All nodes (vertices plus, for order 2, edge nodes).</param>
/// <param name="VertexCount">Tetrahedron vertices (equals <see cref="NodeCount"/> for order 1).</param>
/// <param name="CellCount">Tetrahedra.</param>
/// <param name="BoundaryFaceCount">Triangles tagged with a surface tag.</param>
/// <param name="MinDihedralDeg">Smallest dihedral angle of any tetrahedron (vertices only), degrees.</param>
/// <param name="ContactRadiusM">Contact radius measured on the mesh: the largest distance from the z axis of a vertex on
/// z = 0 shared by particle and substrate cells, m (0 when the particle does not touch the substrate).</param>
/// <param name="ContactWedgeDeg">The acute angle between the sphere and the substrate plane at the contact rim, asin(a / R),
/// degrees: the wedge of air (or substrate) there must be filled with tetrahedra this thin, so it bounds the attainable
/// minimum dihedral angle.</param>
/// <param name="GeometrySeconds">OpenCASCADE geometry and booleans, wall clock.</param>
/// <param name="MeshingSeconds">gmsh 1D-3D meshing, wall clock.</param>
/// <param name="ReadBackSeconds">Copying gmsh's mesh into managed arrays and, for order 2, adding the edge nodes
/// (<see cref="QuadraticElevation"/>), wall clock.</param>
/// <param name="ReadBackCpuSeconds">The same in CPU time of this process (a load-independent measure on a shared machine).</param>
/// <param name="Threads">Threads gmsh was allowed to use.</param>
public sealed record MeshReport(
    IReadOnlyList<RegionStats> Regions,
    int NodeCount,
    int VertexCount,
    int CellCount,
    int BoundaryFaceCount,
    double MinDihedralDeg,
    double ContactRadiusM,
    double ContactWedgeDeg,
    double GeometrySeconds,
    double MeshingSeconds,
    double ReadBackSeconds,
    double ReadBackCpuSeconds,
    int Threads)
{
    /// <summary>The statistics of volume tag <paramref name="tag"/>; null when the mesh has no such region.</summary>
    public RegionStats? Region(int tag) => Regions.FirstOrDefault(r => r.Tag == tag);

    /// <summary>A few human-readable lines (lengths in nm, volumes in nm^3).</summary>
    public IEnumerable<string> Lines()
    {
        yield return $"mesh: {NodeCount} nodes ({VertexCount} vertices), {CellCount} tetrahedra, " +
                     $"{BoundaryFaceCount} boundary triangles";
        foreach (var r in Regions)
            yield return $"  {r.Name,-10} {r.Cells,9} cells {r.Nodes,9} nodes  volume {r.VolumeM3 * 1e27:G6} nm^3 " +
                         $"(exact {r.ExactVolumeM3 * 1e27:G6}, " +
                         $"{(r.RelativeVolumeError >= 0 ? "+" : "")}{r.RelativeVolumeError * 100:F2}%)";
        yield return $"  min dihedral angle {MinDihedralDeg:F2} deg (contact wedge {ContactWedgeDeg:F2} deg), " +
                     $"contact radius on mesh {ContactRadiusM * 1e9:F2} nm";
        yield return $"  geometry {GeometrySeconds:F2} s, meshing {MeshingSeconds:F2} s, read-back {ReadBackSeconds:F3} s " +
                     $"(CPU {ReadBackCpuSeconds:F3} s), {Threads} threads";
    }
}

/// <summary>The mesh and its quality report.</summary>
public sealed record MeshResult(TetMesh Mesh, MeshReport Report)
{
    /// <summary>True when the mesh was read from the <see cref="MeshCache"/> rather than made by gmsh.</summary>
    public bool FromCache { get; init; }
}
