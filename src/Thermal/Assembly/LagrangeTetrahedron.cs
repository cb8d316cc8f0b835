using MieCool.Mesh;

namespace MieCool.Thermal.Assembly;

/// <summary>
/// Geometry of one straight-sided tetrahedron: volume and the constant gradients of its barycentric
/// coordinates lambda_0..lambda_3 (grad lambda_a, a = 0..3, stored x y z per vertex).
/// </summary>
public struct TetGeometry
{
    public double Volume;
    public double G0x, G0y, G0z, G1x, G1y, G1z, G2x, G2y, G2z, G3x, G3y, G3z;

    /// <summary>From the four vertex positions of cell <paramref name="cell"/> of <paramref name="mesh"/>.</summary>
    public static TetGeometry Of(TetMesh mesh, int cell)
    {
        var c = mesh.Cells; var x = mesh.Nodes; int o = cell * mesh.NodesPerCell;
        int n0 = 3 * c[o], n1 = 3 * c[o + 1], n2 = 3 * c[o + 2], n3 = 3 * c[o + 3];
        // Jacobian columns: x1 - x0, x2 - x0, x3 - x0.
        double ax = x[n1] - x[n0], ay = x[n1 + 1] - x[n0 + 1], az = x[n1 + 2] - x[n0 + 2];
        double bx = x[n2] - x[n0], by = x[n2 + 1] - x[n0 + 1], bz = x[n2 + 2] - x[n0 + 2];
        double cx = x[n3] - x[n0], cy = x[n3 + 1] - x[n0 + 1], cz = x[n3 + 2] - x[n0 + 2];
        double det = ax * (by * cz - bz * cy) - ay * (bx * cz - bz * cx) + az * (bx * cy - by * cx);
        double inv = 1.0 / det;
        TetGeometry g;
        g.Volume = Math.Abs(det) / 6.0;
        // Rows of J^-1 are grad lambda_1..3 (cross products of the other two edges over det).
        g.G1x = (by * cz - bz * cy) * inv; g.G1y = (bz * cx - bx * cz) * inv; g.G1z = (bx * cy - by * cx) * inv;
        g.G2x = (cy * az - cz * ay) * inv; g.G2y = (cz * ax - cx * az) * inv; g.G2z = (cx * ay - cy * ax) * inv;
        g.G3x = (ay * bz - az * by) * inv; g.G3y = (az * bx - ax * bz) * inv; g.G3z = (ax * by - ay * bx) * inv;
        g.G0x = -g.G1x - g.G2x - g.G3x; g.G0y = -g.G1y - g.G2y - g.G3y; g.G0z = -g.G1z - g.G2z - g.G3z;
        return g;
    }

    public readonly (double X, double Y, double Z) GradLambda(int a) => a switch
    {
        0 => (G0x, G0y, G0z), 1 => (G1x, G1y, G1z), 2 => (G2x, G2y, G2z), _ => (G3x, G3y, G3z),
    };
}

/// <summary>
/// Lagrange shape functions of order 1 (4 nodes) and 2 (10 nodes, gmsh order: vertices then the edges of
/// <see cref="TetMesh.P2EdgeOrder"/>) on a tetrahedron, in barycentric coordinates lambda:
/// P1 phi_a = lambda_a; P2 vertex phi_a = lambda_a (2 lambda_a - 1), edge phi_ab = 4 lambda_a lambda_b.
/// Also the 3- and 6-node triangles (edges 0-1, 1-2, 2-0) for boundary faces.
/// </summary>
public static class Lagrange
{
    static readonly (int A, int B)[] TriangleEdges = [(0, 1), (1, 2), (2, 0)];

    /// <summary>Values of the <paramref name="nodes"/> (4 or 10) tetrahedron shape functions at barycentric <paramref name="l"/>.</summary>
    public static void TetValues(int nodes, ReadOnlySpan<double> l, Span<double> phi)
    {
        if (nodes == 4) { for (int a = 0; a < 4; a++) phi[a] = l[a]; return; }
        for (int a = 0; a < 4; a++) phi[a] = l[a] * (2 * l[a] - 1);
        for (int e = 0; e < 6; e++) { var (a, b) = TetMesh.P2EdgeOrder[e]; phi[4 + e] = 4 * l[a] * l[b]; }
    }

    /// <summary>Gradients (x y z per shape function) at barycentric <paramref name="l"/> of a straight-sided tetrahedron.</summary>
    public static void TetGradients(int nodes, in TetGeometry g, ReadOnlySpan<double> l, Span<double> grad)
    {
        Span<double> gl = [g.G0x, g.G0y, g.G0z, g.G1x, g.G1y, g.G1z, g.G2x, g.G2y, g.G2z, g.G3x, g.G3y, g.G3z];
        if (nodes == 4) { gl.CopyTo(grad); return; }
        for (int a = 0; a < 4; a++)
        {
            double f = 4 * l[a] - 1; // d/d lambda_a of lambda_a (2 lambda_a - 1)
            for (int d = 0; d < 3; d++) grad[3 * a + d] = f * gl[3 * a + d];
        }
        for (int e = 0; e < 6; e++)
        {
            var (a, b) = TetMesh.P2EdgeOrder[e];
            for (int d = 0; d < 3; d++) grad[3 * (4 + e) + d] = 4 * (l[a] * gl[3 * b + d] + l[b] * gl[3 * a + d]);
        }
    }

    /// <summary>Values of the <paramref name="nodes"/> (3 or 6) triangle shape functions at barycentric <paramref name="l"/>.</summary>
    public static void TriangleValues(int nodes, ReadOnlySpan<double> l, Span<double> phi)
    {
        if (nodes == 3) { for (int a = 0; a < 3; a++) phi[a] = l[a]; return; }
        for (int a = 0; a < 3; a++) phi[a] = l[a] * (2 * l[a] - 1);
        for (int e = 0; e < 3; e++) { var (a, b) = TriangleEdges[e]; phi[3 + e] = 4 * l[a] * l[b]; }
    }
}
