using MieCool.Mesh.Geometry;

namespace MieCool.Mesh;

/// <summary>
/// Fixed physical-group tags shared by the mesher, the FEM, the exporters and the viewer.
/// Volumes: particle (core), shell, substrate, air. Surfaces: the particle's outer surface and the outer
/// boundaries of the air box and of the substrate.
/// </summary>
public static class Tags
{
    /// <summary>Volume: the particle, or its core when it has a shell.</summary>
    public const int Particle = 1;
    /// <summary>Volume: the shell around the core (absent for a homogeneous particle).</summary>
    public const int Shell = 2;
    /// <summary>Volume: the substrate, z &lt; 0.</summary>
    public const int Substrate = 3;
    /// <summary>Volume: the air (or other ambient medium) above the substrate, outside the particle.</summary>
    public const int Air = 4;
    /// <summary>Surface: the particle's outer surface (the shell's, with a shell), contact with the substrate included.</summary>
    public const int ParticleSurface = 11;
    /// <summary>Surface: the outer boundary of the air box (top and sides above z = 0).</summary>
    public const int AirOuter = 12;
    /// <summary>Surface: the outer boundary of the substrate block (bottom and sides below z = 0).</summary>
    public const int SubstrateOuter = 13;

    /// <summary>
    /// The snake_case name of a tag ("particle", "air_outer", ...): the name of gmsh's physical group, and the one used in
    /// reports, messages and the viewer; <c>tag&lt;n&gt;</c> for a tag that is none of these.
    /// </summary>
    public static string RegionName(int tag) => tag switch
    {
        Particle => "particle", Shell => "shell", Substrate => "substrate", Air => "air",
        ParticleSurface => "particle_surface", AirOuter => "air_outer", SubstrateOuter => "substrate_outer",
        _ => $"tag{tag}",
    };

    /// <summary>The volume tags of the particle (its core and shell): the regions that carry the heat source.</summary>
    public static readonly int[] ParticleRegions = [Particle, Shell];

    /// <summary>True for a volume tag of the particle: <see cref="Particle"/> (the core) or <see cref="Shell"/>.</summary>
    public static bool IsParticle(int region) => region is Particle or Shell;

    /// <summary>All volume tags, in the order reports list the regions.</summary>
    public static readonly int[] Volumes = [Particle, Shell, Substrate, Air];
    /// <summary>All surface tags.</summary>
    public static readonly int[] Surfaces = [ParticleSurface, AirOuter, SubstrateOuter];
}

/// <summary>
/// The particle as placed in the mesh, SI. Coordinates: the substrate's top surface is the plane z = 0,
/// the substrate fills z &lt; 0, air z &gt; 0; the particle's centre is on the z axis at <see cref="Center"/>.
/// </summary>
/// <param name="Radius">Outer radius of the particle (shell included), m.</param>
/// <param name="CoreRadius">Radius of the core; equals <see cref="Radius"/> without a shell, m.</param>
/// <param name="CenterZ">z of the sphere centre, m (R - d for a flattening or embedding depth d).</param>
/// <param name="ContactRadius">Radius of the contact disc between particle and substrate, m (0 for a point contact).</param>
public sealed record ParticlePlacement(double Radius, double CoreRadius, double CenterZ, double ContactRadius)
{
    /// <summary>The sphere centre (0, 0, <see cref="CenterZ"/>), m.</summary>
    public (double X, double Y, double Z) Center => (0, 0, CenterZ);

    /// <summary>True when the whole sphere is present and sunk into the substrate (an embedding depth); false when the
    /// sphere is flattened, i.e. its cap below z = 0 is cut away and the substrate is intact.</summary>
    public bool Embedded { get; init; }
}

/// <summary>
/// A tetrahedral mesh in managed arrays, SI (metres). Linear tetrahedra have 4 nodes per cell; quadratic
/// ones 10, in gmsh's order (4 vertices, then edge nodes 0-1, 1-2, 2-0, 3-0, 3-2, 3-1... as gmsh numbers them,
/// see <see cref="P2EdgeOrder"/>).
/// </summary>
public sealed class TetMesh
{
    /// <summary>gmsh's 10-node tetrahedron: node 4+e lies on the edge (P2EdgeOrder[e].A, P2EdgeOrder[e].B).</summary>
    public static readonly (int A, int B)[] P2EdgeOrder = [(0, 1), (1, 2), (2, 0), (3, 0), (3, 2), (3, 1)];

    /// <summary>Node coordinates, x0 y0 z0 x1 y1 z1 ..., metres.</summary>
    public required double[] Nodes { get; init; }
    /// <summary>Cell connectivity, <see cref="NodesPerCell"/> zero-based node indices per cell.</summary>
    public required int[] Cells { get; init; }
    /// <summary>4 (linear) or 10 (quadratic).</summary>
    public required int NodesPerCell { get; init; }
    /// <summary>Volume tag of each cell (see <see cref="Tags"/>).</summary>
    public required int[] CellRegion { get; init; }
    /// <summary>Boundary triangles, 3 (linear) or 6 (quadratic) zero-based node indices each.</summary>
    public required int[] BoundaryFaces { get; init; }
    /// <summary>Surface tag of each boundary triangle (see <see cref="Tags"/>).</summary>
    public required int[] BoundaryRegion { get; init; }
    /// <summary>The particle's placement, when the mesh is of a particle on a substrate.</summary>
    public ParticlePlacement? Particle { get; init; }

    /// <summary>Number of nodes (vertices plus, for order 2, edge nodes).</summary>
    public int NodeCount => Nodes.Length / 3;
    /// <summary>Number of tetrahedra.</summary>
    public int CellCount => Cells.Length / NodesPerCell;
    /// <summary>Nodes per boundary triangle: 3 (linear) or 6 (quadratic: 3 vertices, then the edge nodes).</summary>
    public int NodesPerFace => NodesPerCell == 4 ? 3 : 6;
    /// <summary>Number of tagged boundary triangles.</summary>
    public int BoundaryFaceCount => BoundaryFaces.Length / NodesPerFace;
    /// <summary>Polynomial order of the elements: 1 (4-node tetrahedra) or 2 (10-node).</summary>
    public int Order => NodesPerCell == 4 ? 1 : 2;

    /// <summary>Volume of one cell from its four vertices (straight-sided), m^3.</summary>
    public double CellVolume(int c) => TetGeometry.Of(this, c).Volume;

    /// <summary>Area of one boundary triangle from its three vertices (straight-sided), m^2.</summary>
    public double BoundaryFaceArea(int face)
    {
        int o = face * NodesPerFace;
        return Triangles.Area(Nodes, BoundaryFaces[o], BoundaryFaces[o + 1], BoundaryFaces[o + 2]);
    }

    /// <summary>Total volume of each region tag present, m^3.</summary>
    public Dictionary<int, double> RegionVolumes()
    {
        var v = new Dictionary<int, double>();
        for (int c = 0; c < CellCount; c++)
        {
            v.TryGetValue(CellRegion[c], out double s);
            v[CellRegion[c]] = s + CellVolume(c);
        }
        return v;
    }
}
