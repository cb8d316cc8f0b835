using MieCool.Mesh;

namespace MieCool.Results.Tests;

/// <summary>Small structured tetrahedral meshes with known volumes, for export tests.</summary>
public static class TestMeshes
{
    /// <summary>
    /// The box [0,a]^3 cut into n^3 cubes of six tetrahedra each (Kuhn split, all edges along x, y, z or a cube
    /// diagonal). Cells with centroid z &lt; a/2 are substrate, the rest air, except the cube at the centre, which
    /// is particle. Boundary triangles: z = 0 is substrate_outer, the rest air_outer. Order 2 adds edge midpoints
    /// in gmsh's order.
    /// </summary>
    public static TetMesh Box(int n, double a = 1e-6, int order = 1)
    {
        var nodes = new List<double>();
        int Id(int i, int j, int k) => (k * (n + 1) + j) * (n + 1) + i;
        for (int k = 0; k <= n; k++) for (int j = 0; j <= n; j++) for (int i = 0; i <= n; i++)
            nodes.AddRange([a * i / n, a * j / n, a * k / n]);
        // the six tetrahedra of a cube along the paths from corner 000 to 111 (permutations of the axes)
        int[][] perms = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
        var cells = new List<int>(); var region = new List<int>();
        for (int k = 0; k < n; k++) for (int j = 0; j < n; j++) for (int i = 0; i < n; i++)
        {
            bool centre = n % 2 == 1 && i == n / 2 && j == n / 2 && k == n / 2;
            foreach (var p in perms)
            {
                int[] c = [i, j, k];
                var tet = new List<int> { Id(c[0], c[1], c[2]) };
                foreach (var axis in p) { c[axis]++; tet.Add(Id(c[0], c[1], c[2])); }
                // odd permutations give left-handed tetrahedra: swap two vertices so that every cell is positively
                // oriented, as gmsh's are (VTK integrates signed volumes)
                if (p is [0, 2, 1] or [1, 0, 2] or [2, 1, 0]) (tet[1], tet[2]) = (tet[2], tet[1]);
                cells.AddRange(tet);
                region.Add(centre ? Tags.Particle : (k + 0.5) < n / 2.0 ? Tags.Substrate : Tags.Air);
            }
        }
        // boundary triangles: faces used by exactly one tetrahedron
        var faceUse = new Dictionary<(int, int, int), (int Count, int[] Face)>();
        int[][] local = [[1, 2, 3], [0, 2, 3], [0, 1, 3], [0, 1, 2]];
        for (int c = 0; c < cells.Count / 4; c++)
            foreach (var l in local)
            {
                int[] f = [cells[4 * c + l[0]], cells[4 * c + l[1]], cells[4 * c + l[2]]];
                var key = Key(f);
                faceUse[key] = faceUse.TryGetValue(key, out var u) ? (u.Count + 1, u.Face) : (1, f);
            }
        var faces = new List<int>(); var faceRegion = new List<int>();
        foreach (var (_, (count, f)) in faceUse)
        {
            if (count != 1) continue;
            faces.AddRange(f);
            bool bottom = f.All(v => nodes[3 * v + 2] == 0);
            faceRegion.Add(bottom ? Tags.SubstrateOuter : Tags.AirOuter);
        }
        var mesh = new TetMesh
        {
            Nodes = [.. nodes], Cells = [.. cells], NodesPerCell = 4, CellRegion = [.. region],
            BoundaryFaces = [.. faces], BoundaryRegion = [.. faceRegion],
            Particle = new ParticlePlacement(a / (2 * n), a / (2 * n), a / 2, 0),
        };
        return order == 1 ? mesh : Quadratic(mesh);
    }

    static (int, int, int) Key(int[] f)
    {
        var s = f.Order().ToArray();
        return (s[0], s[1], s[2]);
    }

    /// <summary>Adds a midpoint node on every edge: 10-node tetrahedra and 6-node triangles, gmsh's order.</summary>
    public static TetMesh Quadratic(TetMesh m)
    {
        var nodes = new List<double>(m.Nodes);
        var mid = new Dictionary<(int, int), int>();
        int Mid(int a, int b)
        {
            var key = a < b ? (a, b) : (b, a);
            if (mid.TryGetValue(key, out int id)) return id;
            id = nodes.Count / 3;
            for (int d = 0; d < 3; d++) nodes.Add(0.5 * (m.Nodes[3 * a + d] + m.Nodes[3 * b + d]));
            mid[key] = id;
            return id;
        }
        var cells = new List<int>();
        for (int c = 0; c < m.CellCount; c++)
        {
            var v = m.Cells.AsSpan(4 * c, 4).ToArray();
            cells.AddRange(v);
            foreach (var (a, b) in TetMesh.P2EdgeOrder) cells.Add(Mid(v[a], v[b]));
        }
        var faces = new List<int>();
        for (int f = 0; f < m.BoundaryFaceCount; f++)
        {
            var v = m.BoundaryFaces.AsSpan(3 * f, 3).ToArray();
            faces.AddRange(v);
            faces.AddRange([Mid(v[0], v[1]), Mid(v[1], v[2]), Mid(v[2], v[0])]); // gmsh 6-node triangle
        }
        return new TetMesh
        {
            Nodes = [.. nodes], Cells = [.. cells], NodesPerCell = 10, CellRegion = m.CellRegion,
            BoundaryFaces = [.. faces], BoundaryRegion = m.BoundaryRegion, Particle = m.Particle,
        };
    }
}
