namespace MieCool.Mesh.Tests;

/// <summary>Exact volumes and areas of spheres cut by the plane z = 0, derived here independently of the mesher.</summary>
static class Analytic
{
    public const double Nm = 1e-9;

    public static double Ball(double r) => 4.0 / 3.0 * Math.PI * r * r * r;

    /// <summary>Spherical cap of height h on a sphere of radius r: V = pi h^2 (3 r - h) / 3.</summary>
    public static double Cap(double r, double h) => Math.PI * h * h * (3 * r - h) / 3;

    /// <summary>Part of the ball (radius r, centre height zc) above z = 0.</summary>
    public static double BallAbove(double r, double zc) =>
        zc >= r ? Ball(r) : zc <= -r ? 0 : Ball(r) - Cap(r, r - zc);

    /// <summary>Area of the part of a sphere (radius r, centre zc) above z = 0: a zone has area 2 pi r * height (Archimedes).</summary>
    public static double SphereAreaAbove(double r, double zc) => 2 * Math.PI * r * (Math.Min(r, Math.Max(-r, zc)) + r);
}
