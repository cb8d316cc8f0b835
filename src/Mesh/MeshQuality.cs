using System.Globalization;
using MieCool.Core;

namespace MieCool.Mesh;

/// <summary>
/// Faces of a tetrahedral mesh that break conformity: a face of one tetrahedron only that is no tagged boundary triangle
/// (a crack, e.g. a duplicated node: heat cannot cross it), a face shared by more than two tetrahedra, or a tetrahedron
/// that uses one vertex twice.
/// </summary>
/// <param name="OpenFaces">Faces of exactly one tetrahedron that are not among the tagged boundary triangles.</param>
/// <param name="OverfullFaces">Faces shared by three or more tetrahedra.</param>
/// <param name="DegenerateCells">Tetrahedra with a repeated vertex.</param>
/// <param name="First">The centroid of the first defective face (or cell) found, m; null when there is none.</param>
/// <param name="FirstRegion">The volume tag of a tetrahedron there (0 when there is none).</param>
public sealed record MeshDefects(int OpenFaces, int OverfullFaces, int DegenerateCells, (double X, double Y, double Z)? First,
                                 int FirstRegion)
{
    /// <summary>True when every face has two tetrahedra, or one and a tagged boundary triangle, and no cell is degenerate.</summary>
    public bool None => OpenFaces == 0 && OverfullFaces == 0 && DegenerateCells == 0;

    /// <summary>One sentence: the counts and where the first defect is (nm, region).</summary>
    public string Describe()
    {
        if (None) return "no open or overfull faces, no degenerate tetrahedra";
        var at = First is var (x, y, z)
            ? string.Create(CultureInfo.InvariantCulture, $"({x * 1e9:F2}, {y * 1e9:F2}, {z * 1e9:F2}) nm") +
              $" in the {Tags.RegionName(FirstRegion)}"
            : "";
        return $"{OpenFaces} faces belong to one tetrahedron only and to no tagged boundary (a crack: the mesh is not " +
               $"conforming there), {OverfullFaces} faces to more than two tetrahedra, {DegenerateCells} tetrahedra repeat " +
               $"a vertex; the first at {at}";
    }
}

/// <summary>Quality measures of a tetrahedral mesh, computed on the managed arrays (vertices only for order 2).</summary>
public static class MeshQuality
{
    /// <summary>
    /// Checks that the mesh is conforming (<see cref="FindDefects"/>); throws a <see cref="ComputationException"/> naming the
    /// number of defective faces and where the first one is, so that no solver ever runs on a cracked mesh.
    /// </summary>
    /// <param name="mesh">The mesh to check.</param>
    /// <param name="origin">Who made the mesh, for the message (e.g. "gmsh").</param>
    public static void CheckConforming(TetMesh mesh, string origin)
    {
        var d = FindDefects(mesh);
        if (!d.None) throw new ComputationException($"mesh defect in the mesh {origin} produced: {d.Describe()}");
    }

    /// <summary>
    /// Every face of every tetrahedron (its three vertices) must belong to two tetrahedra, or to one and to a tagged
    /// boundary triangle. Faces are bucketed by their smallest vertex and sorted within the bucket, so memory stays
    /// at one 8-byte key per cell face.
    /// </summary>
    public static MeshDefects FindDefects(TetMesh mesh)
    {
        int nv = mesh.NodeCount, nc = mesh.CellCount, npc = mesh.NodesPerCell;
        int degenerate = 0, firstDegenerate = -1;
        for (int cell = 0; cell < nc; cell++)
        {
            int o = cell * npc, v0 = mesh.Cells[o], v1 = mesh.Cells[o + 1], v2 = mesh.Cells[o + 2], v3 = mesh.Cells[o + 3];
            if (v0 != v1 && v0 != v2 && v0 != v3 && v1 != v2 && v1 != v3 && v2 != v3) continue;
            if (degenerate++ == 0) firstDegenerate = cell;
        }
        var (cellStart, cellKeys) = Buckets(nv, 4 * nc, i =>
        {
            int o = (i >> 2) * npc, k = i & 3;
            return (mesh.Cells[o + ((k + 1) & 3)], mesh.Cells[o + ((k + 2) & 3)], mesh.Cells[o + ((k + 3) & 3)]);
        });
        int npf = mesh.NodesPerFace;
        var (faceStart, faceKeys) = Buckets(nv, mesh.BoundaryFaceCount, f =>
            (mesh.BoundaryFaces[f * npf], mesh.BoundaryFaces[f * npf + 1], mesh.BoundaryFaces[f * npf + 2]));

        int open = 0, overfull = 0;
        long firstKey = -1; int firstVertex = -1;
        object gate = new();
        Parallel.For(0, (nv + 4095) / 4096, block =>
        {
            int localOpen = 0, localOver = 0; long key = -1; int vertex = -1;
            for (int v = block * 4096, end = Math.Min(nv, v + 4096); v < end; v++)
            {
                int s = cellStart[v], e = cellStart[v + 1];
                Array.Sort(cellKeys, s, e - s);
                for (int i = s; i < e;)
                {
                    int j = i + 1;
                    while (j < e && cellKeys[j] == cellKeys[i]) j++;
                    bool bad = j - i > 2
                               || (j - i == 1 && Array.IndexOf(faceKeys, cellKeys[i], faceStart[v], faceStart[v + 1] - faceStart[v]) < 0);
                    if (bad)
                    {
                        if (j - i > 2) localOver++; else localOpen++;
                        if (vertex < 0) { vertex = v; key = cellKeys[i]; }
                    }
                    i = j;
                }
            }
            if (localOpen + localOver == 0) return;
            lock (gate)
            {
                open += localOpen; overfull += localOver;
                if (firstVertex < 0 || vertex < firstVertex) { firstVertex = vertex; firstKey = key; }
            }
        });
        if (firstVertex < 0 && degenerate == 0) return new MeshDefects(0, 0, 0, null, 0);
        if (firstVertex < 0)
        {
            return new MeshDefects(0, 0, degenerate, CellCentroid(mesh, firstDegenerate), mesh.CellRegion[firstDegenerate]);
        }

        int a = firstVertex, b = (int)(firstKey >> 32), c = (int)(firstKey & 0xFFFFFFFF);
        double X(int v, int k) => mesh.Nodes[3 * v + k];
        var centroid = ((X(a, 0) + X(b, 0) + X(c, 0)) / 3, (X(a, 1) + X(b, 1) + X(c, 1)) / 3, (X(a, 2) + X(b, 2) + X(c, 2)) / 3);
        int region = 0;
        for (int cell = 0; cell < nc && region == 0; cell++)
        {
            int o = cell * npc, hits = 0;
            for (int k = 0; k < 4; k++) { int v = mesh.Cells[o + k]; if (v == a || v == b || v == c) hits++; }
            if (hits == 3) region = mesh.CellRegion[cell];
        }
        return new MeshDefects(open, overfull, degenerate, centroid, region);
    }

    static (double, double, double) CellCentroid(TetMesh mesh, int cell)
    {
        double x = 0, y = 0, z = 0;
        for (int k = 0; k < 4; k++)
        {
            int v = mesh.Cells[cell * mesh.NodesPerCell + k];
            x += mesh.Nodes[3 * v] / 4; y += mesh.Nodes[3 * v + 1] / 4; z += mesh.Nodes[3 * v + 2] / 4;
        }
        return (x, y, z);
    }

    // Triangles (by their three vertices) grouped by the smallest vertex: bucket offsets and, per triangle, the other two
    // vertices packed into one key (middle << 32 | largest).
    static (int[] Start, long[] Keys) Buckets(int vertexCount, int count, Func<int, (int, int, int)> triangle)
    {
        var start = new int[vertexCount + 1];
        for (int i = 0; i < count; i++) start[Sorted(triangle(i)).A + 1]++;
        for (int v = 0; v < vertexCount; v++) start[v + 1] += start[v];
        var next = start.AsSpan(0, vertexCount).ToArray();
        var keys = GC.AllocateUninitializedArray<long>(count);
        for (int i = 0; i < count; i++)
        {
            var (a, b, c) = Sorted(triangle(i));
            keys[next[a]++] = ((long)b << 32) | (uint)c;
        }
        return (start, keys);
    }

    static (int A, int B, int C) Sorted((int, int, int) t)
    {
        var (a, b, c) = t;
        if (a > b) (a, b) = (b, a);
        if (b > c) (b, c) = (c, b);
        if (a > b) (a, b) = (b, a);
        return (a, b, c);
    }

    /// <summary>Counts, volumes, smallest dihedral angle and the measured contact radius.</summary>
    public static MeshReport Report(TetMesh mesh, IReadOnlyDictionary<int, double> exactVolumes,
                                    double geometrySeconds, double meshingSeconds, double readBackSeconds,
                                    double readBackCpuSeconds, int threads)
    {
        // One pass: cells and volume per region, and for each node a bit per region whose cells touch it.
        var tags = Tags.Volumes;
        var cells = new int[tags.Length];
        var volume = new double[tags.Length];
        var touched = new byte[mesh.NodeCount];
        for (int c = 0; c < mesh.CellCount; c++)
        {
            int r = Array.IndexOf(tags, mesh.CellRegion[c]);
            if (r < 0) continue;
            cells[r]++;
            volume[r] += mesh.CellVolume(c);
            byte bit = (byte)(1 << r);
            for (int k = 0, o = c * mesh.NodesPerCell; k < mesh.NodesPerCell; k++) touched[mesh.Cells[o + k]] |= bit;
        }
        var nodes = new int[tags.Length];
        foreach (var t in touched)
            for (int r = 0; r < tags.Length; r++)
                if ((t & (1 << r)) != 0) nodes[r]++;

        var regions = new List<RegionStats>();
        for (int r = 0; r < tags.Length; r++)
            if (exactVolumes.TryGetValue(tags[r], out double exact))
                regions.Add(new RegionStats(tags[r], cells[r], nodes[r], volume[r], exact));
        double wedge = mesh.Particle is { } p ? Math.Asin(Math.Clamp(p.ContactRadius / p.Radius, 0, 1)) * 180 / Math.PI : double.NaN;
        return new MeshReport(regions, mesh.NodeCount, VertexCount(mesh), mesh.CellCount, mesh.BoundaryFaceCount,
                              MinDihedralAngleDeg(mesh), ContactRadius(mesh), wedge,
                              geometrySeconds, meshingSeconds, readBackSeconds, readBackCpuSeconds, threads);
    }

    /// <summary>Number of distinct tetrahedron vertices (the first four nodes of each cell).</summary>
    public static int VertexCount(TetMesh mesh)
    {
        var seen = new bool[mesh.NodeCount];
        int n = 0;
        for (int c = 0; c < mesh.CellCount; c++)
            for (int k = 0; k < 4; k++)
            {
                int v = mesh.Cells[c * mesh.NodesPerCell + k];
                if (!seen[v]) { seen[v] = true; n++; }
            }
        return n;
    }

    /// <summary>
    /// Smallest dihedral angle over all tetrahedra, degrees. The angle along the edge shared by the faces opposite
    /// vertices k and l is pi - angle(n_k, n_l) with n the outward face normals.
    /// </summary>
    public static double MinDihedralAngleDeg(TetMesh mesh)
    {
        double minCos = -1; // track max of cos(dihedral) = -n_k . n_l, i.e. the smallest angle
        object gate = new();
        Parallel.For(0, (mesh.CellCount + 65535) / 65536, () => -1.0, (block, _, local) =>
        {
            int end = Math.Min(mesh.CellCount, (block + 1) * 65536);
            Span<double> n = stackalloc double[12];
            for (int c = block * 65536; c < end; c++)
            {
                FaceNormals(mesh, c, n);
                for (int k = 0; k < 4; k++)
                    for (int l = k + 1; l < 4; l++)
                    {
                        double cos = -(n[3 * k] * n[3 * l] + n[3 * k + 1] * n[3 * l + 1] + n[3 * k + 2] * n[3 * l + 2]);
                        if (cos > local) local = cos;
                    }
            }
            return local;
        }, local => { lock (gate) minCos = Math.Max(minCos, local); });
        return Math.Acos(Math.Clamp(minCos, -1, 1)) * 180 / Math.PI;
    }

    // Unit outward normals of the faces opposite vertices 0..3, written as n[3k..3k+2].
    static void FaceNormals(TetMesh mesh, int c, Span<double> n)
    {
        int o = c * mesh.NodesPerCell;
        Span<double> p = stackalloc double[12];
        for (int k = 0; k < 4; k++)
        {
            int v = mesh.Cells[o + k];
            p[3 * k] = mesh.Nodes[3 * v]; p[3 * k + 1] = mesh.Nodes[3 * v + 1]; p[3 * k + 2] = mesh.Nodes[3 * v + 2];
        }
        for (int k = 0; k < 4; k++)
        {
            int a = (k + 1) & 3, b = (k + 2) & 3, d = (k + 3) & 3;
            double ux = p[3 * b] - p[3 * a], uy = p[3 * b + 1] - p[3 * a + 1], uz = p[3 * b + 2] - p[3 * a + 2];
            double vx = p[3 * d] - p[3 * a], vy = p[3 * d + 1] - p[3 * a + 1], vz = p[3 * d + 2] - p[3 * a + 2];
            double nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
            // Orient away from the opposite vertex k.
            double wx = p[3 * k] - p[3 * a], wy = p[3 * k + 1] - p[3 * a + 1], wz = p[3 * k + 2] - p[3 * a + 2];
            double sign = nx * wx + ny * wy + nz * wz > 0 ? -1 : 1;
            double len = Math.Sqrt(nx * nx + ny * ny + nz * nz);
            double f = len > 0 ? sign / len : 0;
            n[3 * k] = nx * f; n[3 * k + 1] = ny * f; n[3 * k + 2] = nz * f;
        }
    }

    /// <summary>
    /// Contact radius on the mesh, m: the largest distance from the z axis of a vertex on the plane z = 0 that belongs
    /// both to a particle (core or shell) cell and to a substrate cell. 0 when they share no such vertex.
    /// </summary>
    public static double ContactRadius(TetMesh mesh)
    {
        const byte InParticle = 1, InSubstrate = 2;
        var flags = new byte[mesh.NodeCount];
        for (int c = 0; c < mesh.CellCount; c++)
        {
            byte f = mesh.CellRegion[c] switch
            {
                Tags.Particle or Tags.Shell => InParticle,
                Tags.Substrate => InSubstrate,
                _ => 0,
            };
            if (f == 0) continue;
            for (int k = 0; k < 4; k++) flags[mesh.Cells[c * mesh.NodesPerCell + k]] |= f;
        }
        double scale = 0;
        for (int i = 0; i < mesh.Nodes.Length; i++) scale = Math.Max(scale, Math.Abs(mesh.Nodes[i]));
        double tol = 1e-9 * scale, best = 0;
        for (int v = 0; v < flags.Length; v++)
        {
            if (flags[v] != (InParticle | InSubstrate) || Math.Abs(mesh.Nodes[3 * v + 2]) > tol) continue;
            best = Math.Max(best, Math.Sqrt(mesh.Nodes[3 * v] * mesh.Nodes[3 * v] + mesh.Nodes[3 * v + 1] * mesh.Nodes[3 * v + 1]));
        }
        return best;
    }
}
