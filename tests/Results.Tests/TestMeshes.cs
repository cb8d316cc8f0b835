using MieCool.Mesh;
using MieCool.Mesh.Structured;

namespace MieCool.Results.Tests;

/// <summary>Small structured tetrahedral meshes with known volumes, for export tests.</summary>
public static class TestMeshes
{
    /// <summary>
    /// The box [0,a]^3 cut into n^3 cubes of six tetrahedra each (the shared Kuhn mesher, positively oriented cells).
    /// Cells in cube layers below z = a/2 are substrate, the rest air, except the cube at the centre (odd n), which is
    /// particle. Boundary triangles: z = 0 is substrate_outer, the rest air_outer. Order 2 adds edge midpoints in gmsh's order.
    /// </summary>
    public static TetMesh Box(int n, double a = 1e-6, int order = 1)
    {
        double h = a / n;
        return BoxMesher.Generate((0, 0, 0), (a, a, a), n, n, n, order,
            region: (x, y, z) =>
            {
                // a centroid lies strictly inside its cube (i, j, k)
                int i = (int)(x / h), j = (int)(y / h), k = (int)(z / h);
                bool centre = n % 2 == 1 && i == n / 2 && j == n / 2 && k == n / 2;
                return centre ? Tags.Particle : (k + 0.5) < n / 2.0 ? Tags.Substrate : Tags.Air;
            },
            surface: (_, _, z) => z < h / 4 ? Tags.SubstrateOuter : Tags.AirOuter, // side triangles' centroids are h/3 or more above z = 0
            particle: new ParticlePlacement(a / (2 * n), a / (2 * n), a / 2, 0));
    }
}
