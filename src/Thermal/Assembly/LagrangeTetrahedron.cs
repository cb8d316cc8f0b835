using MieCool.Mesh;
using MieCool.Mesh.Geometry;

namespace MieCool.Thermal.Assembly;

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

    /// <summary>
    /// int v phi_a dx over a straight-sided tetrahedron for a constant v given as <paramref name="vVolume"/> = v |T|: P1
    /// v|T|/4; P2 -v|T|/20 at a vertex, v|T|/5 at an edge node. From int lambda_0^i lambda_1^j lambda_2^k
    /// lambda_3^l dx = 3! i! j! k! l! / (i + j + k + l + 3)! |T| (Eisenberg and Malvern, Int. J. Numer. Meth. Eng. 7, 574
    /// (1973)): int lambda_a (2 lambda_a - 1) = 2 |T|/10 - |T|/4, int 4 lambda_a lambda_b = 4 |T|/20.
    /// </summary>
    public static double TetIntegral(int nodes, int a, double vVolume) =>
        nodes == 4 ? vVolume / 4 : a < 4 ? -vVolume / 20 : vVolume / 5;

    /// <summary>Values of the <paramref name="nodes"/> (3 or 6) triangle shape functions at barycentric <paramref name="l"/>.</summary>
    public static void TriangleValues(int nodes, ReadOnlySpan<double> l, Span<double> phi)
    {
        if (nodes == 3) { for (int a = 0; a < 3; a++) phi[a] = l[a]; return; }
        for (int a = 0; a < 3; a++) phi[a] = l[a] * (2 * l[a] - 1);
        for (int e = 0; e < 3; e++) { var (a, b) = TriangleEdges[e]; phi[3 + e] = 4 * l[a] * l[b]; }
    }
}
