namespace MieCool.Mesh;

/// <summary>Quality measures of a tetrahedral mesh, computed on the managed arrays (vertices only for order 2).</summary>
public static class MeshQuality
{
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
