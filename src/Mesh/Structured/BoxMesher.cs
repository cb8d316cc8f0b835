namespace MieCool.Mesh.Structured;

/// <summary>
/// A structured tetrahedral mesh of a box: n_x x n_y x n_z cubes (cuboids), each split into the six Kuhn
/// (Freudenthal) tetrahedra around its main diagonal, which conform across cubes (Freudenthal 1942, Kuhn 1960).
/// Linear or quadratic (edge nodes at midpoints, gmsh order). Every cell is positively oriented, as gmsh's are. Every
/// square boundary face is split along the diagonal from its lowest to its highest corner. Nodes are the points of the
/// grid, x fastest (of the grid of half the spacing for order 2: every one of its points is a vertex or an edge
/// midpoint). The one box mesher of MieCool: for manufactured solutions, tests and benchmarks.
/// </summary>
public static class BoxMesher
{
    /// <summary>
    /// Meshes [min, max] with the given cube counts. <paramref name="region"/> tags each cell by its centroid
    /// (default <see cref="Tags.Particle"/>), <paramref name="surface"/> each boundary triangle by its centroid
    /// (default <see cref="Tags.AirOuter"/>). Boundary triangles are listed side by side and not consistently oriented
    /// (the FEM orients each face by its cell).
    /// </summary>
    public static TetMesh Generate((double X, double Y, double Z) min, (double X, double Y, double Z) max,
                                   int nx, int ny, int nz, int order = 1,
                                   Func<double, double, double, int>? region = null, Func<double, double, double, int>? surface = null,
                                   ParticlePlacement? particle = null)
    {
        if (nx < 1 || ny < 1 || nz < 1) throw new ArgumentOutOfRangeException(nameof(nx), "at least one cube per direction");
        if (order is not (1 or 2)) throw new ArgumentOutOfRangeException(nameof(order), "order 1 or 2");
        if (!(min.X < max.X && min.Y < max.Y && min.Z < max.Z))
            throw new ArgumentException($"an empty box from {min} to {max}", nameof(max));
        region ??= (_, _, _) => Tags.Particle;
        surface ??= (_, _, _) => Tags.AirOuter;
        // Nodes on the grid refined `order` times: vertex (i,j,k) is grid point (order i, order j, order k).
        int gx = order * nx + 1, gy = order * ny + 1, gz = order * nz + 1;
        var nodes = new double[3L * gx * gy * gz > int.MaxValue ? throw new ArgumentException("mesh too large") : 3 * gx * gy * gz];
        for (int k = 0; k < gz; k++)
            for (int j = 0; j < gy; j++)
                for (int i = 0; i < gx; i++)
                {
                    int p = 3 * (i + gx * (j + gy * k));
                    nodes[p] = min.X + (max.X - min.X) * i / (gx - 1);
                    nodes[p + 1] = min.Y + (max.Y - min.Y) * j / (gy - 1);
                    nodes[p + 2] = min.Z + (max.Z - min.Z) * k / (gz - 1);
                }
        int Id(int i, int j, int k) => i + gx * (j + gy * k); // grid indices
        int npc = order == 1 ? 4 : 10;
        var cells = new int[6 * nx * ny * nz * npc];
        var cellRegion = new int[6 * nx * ny * nz];
        // The tetrahedron of the path through axes perm has det [e_perm0, e_perm1, e_perm2] = the permutation's sign:
        // the odd ones swap vertices 1 and 2.
        int[][] perms = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
        bool[] odd = [false, true, true, false, false, true];
        Span<int> v = stackalloc int[12]; // the 4 vertices' grid coordinates
        int c = 0;
        for (int k = 0; k < nz; k++)
            for (int j = 0; j < ny; j++)
                for (int i = 0; i < nx; i++)
                    for (int t = 0; t < 6; t++)
                    {
                        // Kuhn path: v0 = corner, v_{m+1} = v_m + e_perm[m], v3 = opposite corner.
                        var perm = perms[t];
                        v[0] = order * i; v[1] = order * j; v[2] = order * k;
                        for (int m = 0; m < 3; m++)
                        {
                            for (int d = 0; d < 3; d++) v[3 * (m + 1) + d] = v[3 * m + d];
                            v[3 * (m + 1) + perm[m]] += order;
                        }
                        double cx = 0, cy = 0, cz = 0; // the centroid, summed along the path
                        for (int a = 0; a < 4; a++)
                        {
                            int p = 3 * Id(v[3 * a], v[3 * a + 1], v[3 * a + 2]);
                            cx += nodes[p] / 4; cy += nodes[p + 1] / 4; cz += nodes[p + 2] / 4;
                        }
                        if (odd[t])
                            for (int d = 0; d < 3; d++) (v[3 + d], v[6 + d]) = (v[6 + d], v[3 + d]);
                        int o = c * npc;
                        for (int a = 0; a < 4; a++) cells[o + a] = Id(v[3 * a], v[3 * a + 1], v[3 * a + 2]);
                        if (order == 2)
                            for (int e = 0; e < 6; e++)
                            {
                                var (a, b) = TetMesh.P2EdgeOrder[e];
                                cells[o + 4 + e] = Id((v[3 * a] + v[3 * b]) / 2, (v[3 * a + 1] + v[3 * b + 1]) / 2,
                                                      (v[3 * a + 2] + v[3 * b + 2]) / 2);
                            }
                        cellRegion[c++] = region(cx, cy, cz);
                    }

        // Boundary: each side square (u, v) -> triangles {00, 10, 11} and {00, 01, 11} in its (u, v) coordinates.
        var faces = new List<int>(); var faceTags = new List<int>();
        void Side(int axis, int fixedIndex, int nu, int nv)
        {
            int ua = (axis + 1) % 3, va = (axis + 2) % 3;
            int Pt(int u, int w)
            {
                Span<int> g = stackalloc int[3];
                g[axis] = fixedIndex; g[ua] = u; g[va] = w;
                return Id(g[0], g[1], g[2]);
            }
            for (int b = 0; b < nv; b++)
                for (int a = 0; a < nu; a++)
                {
                    int u0 = order * a, w0 = order * b, s = order;
                    (int, int)[][] tris = [[(u0, w0), (u0 + s, w0), (u0 + s, w0 + s)], [(u0, w0), (u0, w0 + s), (u0 + s, w0 + s)]];
                    foreach (var t in tris)
                    {
                        double fx = 0, fy = 0, fz = 0;
                        foreach (var (pu, pw) in t)
                        {
                            int p = 3 * Pt(pu, pw);
                            fx += nodes[p] / 3; fy += nodes[p + 1] / 3; fz += nodes[p + 2] / 3;
                        }
                        foreach (var (pu, pw) in t) faces.Add(Pt(pu, pw));
                        if (order == 2)
                            for (int e = 0; e < 3; e++)
                            {
                                var (p0, q0) = t[e]; var (p1, q1) = t[(e + 1) % 3];
                                faces.Add(Pt((p0 + p1) / 2, (q0 + q1) / 2));
                            }
                        faceTags.Add(surface(fx, fy, fz));
                    }
                }
        }
        Side(0, 0, ny, nz); Side(0, gx - 1, ny, nz);
        Side(1, 0, nz, nx); Side(1, gy - 1, nz, nx);
        Side(2, 0, nx, ny); Side(2, gz - 1, nx, ny);
        return new TetMesh
        {
            Nodes = nodes, Cells = cells, NodesPerCell = npc, CellRegion = cellRegion,
            BoundaryFaces = faces.ToArray(), BoundaryRegion = faceTags.ToArray(), Particle = particle,
        };
    }

    /// <summary>The cube [-<paramref name="halfSize"/>, <paramref name="halfSize"/>]^3 with n cubes per direction.</summary>
    public static TetMesh Cube(double halfSize, int n, int order = 1, Func<double, double, double, int>? region = null,
                               Func<double, double, double, int>? surface = null, ParticlePlacement? particle = null) =>
        Generate((-halfSize, -halfSize, -halfSize), (halfSize, halfSize, halfSize), n, n, n, order, region, surface, particle);
}
