namespace MieCool.Mesh.Geometry;

/// <summary>Geometry of straight-sided triangles given by point indices into a flat x y z array.</summary>
public static class Triangles
{
    /// <summary>Area of the triangle of points <paramref name="a"/>, <paramref name="b"/>, <paramref name="c"/> of <paramref name="xyz"/>
    /// (x y z per point): |(x_b - x_a) x (x_c - x_a)| / 2.</summary>
    public static double Area(double[] xyz, int a, int b, int c)
    {
        int pa = 3 * a, pb = 3 * b, pc = 3 * c;
        double ux = xyz[pb] - xyz[pa], uy = xyz[pb + 1] - xyz[pa + 1], uz = xyz[pb + 2] - xyz[pa + 2];
        double wx = xyz[pc] - xyz[pa], wy = xyz[pc + 1] - xyz[pa + 1], wz = xyz[pc + 2] - xyz[pa + 2];
        double nx = uy * wz - uz * wy, ny = uz * wx - ux * wz, nz = ux * wy - uy * wx;
        return 0.5 * Math.Sqrt(nx * nx + ny * ny + nz * nz);
    }
}
