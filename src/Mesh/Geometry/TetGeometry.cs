namespace MieCool.Mesh.Geometry;

/// <summary>
/// Geometry of one straight-sided tetrahedron x_0..x_3: its signed volume and the constant gradients of its barycentric
/// coordinates lambda_0..lambda_3 (grad lambda_a, a = 0..3, stored x y z per vertex), from the Jacobian
/// J = [x_1 - x_0, x_2 - x_0, x_3 - x_0]: the rows of J^-1 are grad lambda_1..3 and
/// lambda_0 = 1 - lambda_1 - lambda_2 - lambda_3.
/// The one place that computes a tetrahedron's volume or the barycentric coordinates of a point (FEM shape-function
/// gradients, point location, sampling).
/// </summary>
public struct TetGeometry
{
    /// <summary>det J / 6: positive when x_1 - x_0, x_2 - x_0, x_3 - x_0 are right-handed (gmsh's orientation), m^3.</summary>
    public double SignedVolume;
    /// <summary>grad lambda_0 = -(grad lambda_1 + grad lambda_2 + grad lambda_3), 1/m.</summary>
    public double G0x, G0y, G0z;
    /// <summary>grad lambda_1, the first row of J^-1, 1/m.</summary>
    public double G1x, G1y, G1z;
    /// <summary>grad lambda_2, the second row of J^-1, 1/m.</summary>
    public double G2x, G2y, G2z;
    /// <summary>grad lambda_3, the third row of J^-1, 1/m.</summary>
    public double G3x, G3y, G3z;
    /// <summary>The first vertex x_0, m.</summary>
    public double X0, Y0, Z0;

    /// <summary>|det J| / 6, m^3.</summary>
    public readonly double Volume => Math.Abs(SignedVolume);

    /// <summary>
    /// From the four vertex positions of cell <paramref name="cell"/> of <paramref name="mesh"/> (the first four nodes of a
    /// quadratic cell).
    /// </summary>
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
        g.SignedVolume = det / 6.0;
        g.X0 = x[n0]; g.Y0 = x[n0 + 1]; g.Z0 = x[n0 + 2];
        // Rows of J^-1 are grad lambda_1..3 (cross products of the other two edges over det).
        g.G1x = (by * cz - bz * cy) * inv; g.G1y = (bz * cx - bx * cz) * inv; g.G1z = (bx * cy - by * cx) * inv;
        g.G2x = (cy * az - cz * ay) * inv; g.G2y = (cz * ax - cx * az) * inv; g.G2z = (cx * ay - cy * ax) * inv;
        g.G3x = (ay * bz - az * by) * inv; g.G3y = (az * bx - ax * bz) * inv; g.G3z = (ax * by - ay * bx) * inv;
        g.G0x = -g.G1x - g.G2x - g.G3x; g.G0y = -g.G1y - g.G2y - g.G3y; g.G0z = -g.G1z - g.G2z - g.G3z;
        return g;
    }

    /// <summary>
    /// grad lambda_a of vertex <paramref name="a"/> (0..3; any other value gives vertex 3), 1/m: the gradient of the P1
    /// shape function of that vertex, constant over the cell.
    /// </summary>
    public readonly (double X, double Y, double Z) GradLambda(int a) => a switch
    {
        0 => (G0x, G0y, G0z), 1 => (G1x, G1y, G1z), 2 => (G2x, G2y, G2z), _ => (G3x, G3y, G3z),
    };

    /// <summary>
    /// The barycentric coordinates lambda_0..3 of the point (x, y, z), m, written to <paramref name="lambda"/>:
    /// lambda_a = grad lambda_a . (p - x_0) for a = 1..3. All four lie in [0, 1] exactly when the point is in the cell;
    /// they sum to 1 and are NaN or infinite for a degenerate (flat) cell.
    /// </summary>
    public readonly void Barycentric(double x, double y, double z, Span<double> lambda)
    {
        double px = x - X0, py = y - Y0, pz = z - Z0;
        lambda[1] = G1x * px + G1y * py + G1z * pz;
        lambda[2] = G2x * px + G2y * py + G2z * pz;
        lambda[3] = G3x * px + G3y * py + G3z * pz;
        lambda[0] = 1 - lambda[1] - lambda[2] - lambda[3];
    }

    /// <summary>
    /// The point with barycentric coordinates <paramref name="lambda"/> in cell <paramref name="cell"/> of
    /// <paramref name="mesh"/>, m.
    /// </summary>
    public static (double X, double Y, double Z) PointAt(TetMesh mesh, int cell, ReadOnlySpan<double> lambda)
    {
        double x = 0, y = 0, z = 0; int o = cell * mesh.NodesPerCell;
        for (int a = 0; a < 4; a++)
        {
            int v = 3 * mesh.Cells[o + a];
            x += lambda[a] * mesh.Nodes[v]; y += lambda[a] * mesh.Nodes[v + 1]; z += lambda[a] * mesh.Nodes[v + 2];
        }
        return (x, y, z);
    }
}
