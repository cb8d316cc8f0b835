using System.Globalization;
using MieCool.Core;

namespace MieCool.Mesh;

/// <summary>
/// What a mesh of a <see cref="MeshSpec"/> will cost, estimated from its size field before gmsh runs.
/// </summary>
/// <param name="Tetrahedra">Estimated number of tetrahedra (0.87-1.2x gmsh's count where measured, see <see cref="MeshBudget"/>).</param>
/// <param name="Nodes">Estimated number of nodes: vertices for order 1, vertices plus edge nodes for order 2.</param>
/// <param name="MemoryBytes">Estimated peak memory of meshing and reading the mesh back, bytes.</param>
/// <param name="ParticleShare">Share of the tetrahedra inside the particle's sphere (element size h_min).</param>
/// <param name="GradedShare">Share in the graded zone around it (h_min growing by the grading; the contact rim's zone included).</param>
/// <param name="FarShare">Share where the size has reached its largest value, half the box's half-size.</param>
public sealed record MeshEstimate(double Tetrahedra, double Nodes, double MemoryBytes,
                                  double ParticleShare, double GradedShare, double FarShare)
{
    /// <summary>
    /// The case-file key that drives the count: mesh.h_min when most tetrahedra fill the particle, mesh.grading when
    /// most lie in the graded zone, mesh.box_half_size when most lie where the size has reached its largest value.
    /// </summary>
    public string DominantKey =>
        ParticleShare >= GradedShare && ParticleShare >= FarShare ? "mesh.h_min"
        : GradedShare >= FarShare ? "mesh.grading"
        : "mesh.box_half_size";
}

/// <summary>
/// Refuses meshes that cannot finish before gmsh starts: the element count is estimated from the size field
/// h(x) = min(h_max, h_min + grading max(0, |x - c| - R)), h_max = L / 2 (<see cref="ParticleMesher.SizeExpression"/>) as
/// N = C * integral over the box of dV / h(x)^3, with C tetrahedra per h^3 measured on gmsh's meshes of this geometry
/// (<see cref="TetrahedraPerCubeReproducible"/>, <see cref="TetrahedraPerCubeParallel"/>). The integral is radial
/// about the sphere centre: the sphere's area inside the box, over h^3, from R out to the box's corners.
/// </summary>
public static class MeshBudget
{
    /// <summary>Default of mesh.max_elements: the most tetrahedra a mesh may have unless the case allows more.</summary>
    public const int DefaultMaxElements = 20_000_000;

    /// <summary>
    /// The largest mesh.max_elements accepted: 10-node tetrahedra of 2e8 cells fill a .NET array of 2^31 entries.
    /// </summary>
    public const int MaxMaxElements = 200_000_000;

    /// <summary>
    /// Tetrahedra per unit h^3 of gmsh's Delaunay mesher (one thread, the reproducible default), measured:
    /// 4.5-6.2 over h_min 5-60 nm, grading 0.05-0.3, box 5-20 R, contact radius 2-50 nm (docs/mesh.md).
    /// </summary>
    public const double TetrahedraPerCubeReproducible = 5.2;

    /// <summary>
    /// Tetrahedra per unit h^3 of gmsh's HXT mesher (two or more threads), measured: 3.9-4.9 over h_min 5-60 nm,
    /// grading 0.05-0.3, box 5-1000 R, orders 1 and 2 (docs/mesh.md); gmsh's edges come out longer than h (a regular
    /// tetrahedron of edge h would give 8.5).
    /// </summary>
    public const double TetrahedraPerCubeParallel = 4.2;

    /// <summary>Peak memory per tetrahedron while meshing (gmsh's mesh and the managed copy), bytes; measured.</summary>
    const double BytesPerTetrahedronReproducible = 460, BytesPerTetrahedronParallel = 180;

    /// <summary>Extra peak memory per tetrahedron of elevating the mesh to order 2, bytes; measured.</summary>
    const double BytesPerTetrahedronOrder2 = 480;

    /// <summary>Memory of the process before meshing (runtime, libgmsh, OpenCASCADE), bytes.</summary>
    const double BaseBytes = 100e6;

    /// <summary>
    /// The estimated cost of meshing <paramref name="spec"/>; throws like <see cref="ParticleGeometry.Place"/> on a bad spec.
    /// </summary>
    public static MeshEstimate Estimate(MeshSpec spec)
    {
        var p = ParticleGeometry.Place(spec);
        var (ball, graded, far) = Integrals(spec, p);
        bool reproducible = ParticleMesher.IsReproducible(spec);
        double c = reproducible ? TetrahedraPerCubeReproducible : TetrahedraPerCubeParallel;
        double total = ball + graded + far;
        double tets = c * total;
        double vertices = tets / 6; // ~6 tetrahedra per vertex in 3D Delaunay meshes
        double nodes = spec.Order == 1 ? vertices : 2 * vertices + tets; // edges ~ vertices + tetrahedra (Euler)
        double bytes = BaseBytes + tets * (reproducible ? BytesPerTetrahedronReproducible : BytesPerTetrahedronParallel)
                       + (spec.Order == 2 ? tets * BytesPerTetrahedronOrder2 : 0);
        return new MeshEstimate(tets, nodes, bytes, ball / total, graded / total, far / total);
    }

    /// <summary>
    /// Throws an <see cref="InputException"/> when the estimated number of tetrahedra exceeds
    /// <see cref="MeshSpec.MaxElements"/>: it names the key that drives the count, the estimate (tetrahedra, nodes,
    /// memory), a value of that key that would fit, and mesh.max_elements to allow more.
    /// </summary>
    public static MeshEstimate Check(MeshSpec spec)
    {
        var e = Estimate(spec);
        if (!(spec.MaxElements > 0))
            throw new InputException(ParticleGeometry.Source, "the element limit must be positive", "mesh.max_elements",
                spec.MaxElements.ToString(CultureInfo.InvariantCulture), $"an integer in [1, {MaxMaxElements}]");
        if (e.Tetrahedra <= spec.MaxElements) return e;

        string key = e.DominantKey;
        var (value, fit) = key switch
        {
            "mesh.h_min" => (ParticleGeometry.Nm(spec.HMin), FitHMin(spec)),
            "mesh.grading" => (N(spec.Grading), FitGrading(spec)),
            _ => (N(spec.BoxHalfSize), FitBox(spec)),
        };
        string where = key switch
        {
            "mesh.h_min" => "inside the particle",
            "mesh.grading" => "in the graded zone around the particle",
            _ => "far from the particle, at the largest element size",
        };
        throw new InputException(ParticleGeometry.Source,
            $"this mesh would take about {Count(e.Tetrahedra)} tetrahedra ({Count(e.Nodes)} nodes, ~{Bytes(e.MemoryBytes)} of memory " +
            $"to mesh), most of them {where} (h_min {ParticleGeometry.Nm(spec.HMin)}, grading {N(spec.Grading)}, " +
            $"box_half_size {N(spec.BoxHalfSize)}, order {spec.Order}); the limit mesh.max_elements is " +
            $"{spec.MaxElements.ToString(CultureInfo.InvariantCulture)}",
            key, value,
            (fit is null ? "" : $"{key} {fit} with the other keys as they are; or ") +
            $"raise mesh.max_elements (up to {MaxMaxElements}) to allow {Count(e.Tetrahedra)} tetrahedra");
    }

    // The three parts of integral dV / h^3: the sphere |x - c| < R (h = h_min), the graded zone and the far zone (h = h_max).
    // The box is taken centred on the sphere (the centre is at most R from the box's centre). The contact rim's refinement
    // (when hRim < h_min) is added to the graded part.
    static (double Ball, double Graded, double Far) Integrals(MeshSpec spec, ParticlePlacement p)
    {
        double R = p.Radius, L = spec.BoxHalfSize * R, hMin = spec.HMin, g = spec.Grading, hMax = L / 2;
        double rEnd = Math.Sqrt(3) * L; // the box's corners
        double ball = 4.0 / 3.0 * Math.PI * R * R * R / (hMin * hMin * hMin);

        // Graded zone, in t = ln h: r = R + (h - h_min) / g, dr = h dt / g, so dV / h^3 = A(r) dt / (g h^2).
        double hEnd = Math.Min(hMax, hMin + g * (rEnd - R));
        double graded = hEnd > hMin
            ? Simpson(Math.Log(hMin), Math.Log(hEnd), 400, t =>
            {
                double h = Math.Exp(t);
                return BoxSphereArea(R + (h - hMin) / g, L) / (g * h * h);
            })
            : 0;
        // Far zone: h = h_max from r* = R + (h_max - h_min) / g out to the corners.
        double rStar = R + (hMax - hMin) / g;
        double far = rStar < rEnd ? Simpson(rStar, rEnd, 400, r => BoxSphereArea(r, L)) / (hMax * hMax * hMax) : 0;

        // Contact rim: sizes from hRim < h_min at the rim circle (radius a), growing by the grading with the distance s from
        // it; the zone around a circle has area ~ 4 pi^2 a s (a tube) + 4 pi s^2 (a ball, far from it) at distance s.
        double hRim = ParticleMesher.RimSize(hMin, p.ContactRadius);
        if (hRim < hMin)
        {
            double a = p.ContactRadius;
            graded += Simpson(Math.Log(hRim), Math.Log(hMin), 200, t =>
            {
                double h = Math.Exp(t), s = (h - hRim) / g;
                return (4 * Math.PI * Math.PI * a * s + 4 * Math.PI * s * s) * (1 / (h * h * h) - 1 / (hMin * hMin * hMin)) * h / g;
            });
        }
        return (ball, graded, far);
    }

    /// <summary>
    /// Area of the sphere of radius <paramref name="r"/> about the centre of the cube [-L, L]^3 that lies inside the cube.
    /// One octant, over x: the sphere's area element r dx dy / z integrates in closed form over y, between the faces
    /// z &lt;= L (y >= sqrt(r^2 - L^2 - x^2)) and y &lt;= L.
    /// </summary>
    public static double BoxSphereArea(double r, double L)
    {
        if (r <= L) return 4 * Math.PI * r * r;
        if (r >= Math.Sqrt(3) * L) return 0;
        const int n = 200;
        double xMax = Math.Min(L, r), dx = xMax / n, sum = 0;
        for (int i = 0; i < n; i++)
        {
            double x = (i + 0.5) * dx, rho2 = r * r - x * x;
            if (rho2 <= 0) continue;
            double rho = Math.Sqrt(rho2);
            double yHi = Math.Min(L, rho), yLo = Math.Sqrt(Math.Max(0, rho2 - L * L));
            if (yLo < yHi) sum += r * (Math.Asin(yHi / rho) - Math.Asin(yLo / rho)) * dx;
        }
        return 8 * sum;
    }

    static double Simpson(double a, double b, int n, Func<double, double> f)
    {
        double h = (b - a) / n, s = f(a) + f(b);
        for (int i = 1; i < n; i++) s += f(a + i * h) * (i % 2 == 1 ? 4 : 2);
        return s * h / 3;
    }

    // The value of one key at which the estimate meets the limit (bisection on a log scale), or null if none in range does.
    static string? FitHMin(MeshSpec s) =>
        Fit(s.HMin, s.Radius, h => s with { HMin = h }, s.MaxElements) is double h ? ">= " + ParticleGeometry.Nm(Up(h)) : null;

    static string? FitGrading(MeshSpec s) =>
        Fit(s.Grading, ParticleGeometry.MaxGrading, g => s with { Grading = g }, s.MaxElements) is double g ? ">= " + N(Up(g)) : null;

    static string? FitBox(MeshSpec s) =>
        Fit(s.BoxHalfSize, ParticleGeometry.MinBoxHalfSize, b => s with { BoxHalfSize = b }, s.MaxElements) is double b
            ? "<= " + N(Down(b)) : null;

    static double? Fit(double from, double to, Func<double, MeshSpec> with, double max)
    {
        if (Estimate(with(to)).Tetrahedra > max) return null;
        double lo = from, hi = to; // the estimate at lo is above the limit, at hi within it
        for (int i = 0; i < 60; i++)
        {
            double mid = Math.Sqrt(lo * hi);
            if (Estimate(with(mid)).Tetrahedra > max) lo = mid; else hi = mid;
        }
        return hi;
    }

    // Two significant digits, rounded away from the limit.
    static double Up(double v) { double m = Math.Pow(10, Math.Floor(Math.Log10(v)) - 1); return Math.Ceiling(v / m) * m; }
    static double Down(double v) { double m = Math.Pow(10, Math.Floor(Math.Log10(v)) - 1); return Math.Floor(v / m) * m; }

    static string N(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
    static string Count(double n) => n.ToString(n < 1e6 ? "F0" : "0.0e0", CultureInfo.InvariantCulture);

    static string Bytes(double b) => b >= 1e12 ? (b / 1e12).ToString(b >= 1e15 ? "0.0e0" : "G3", CultureInfo.InvariantCulture) + " TB"
        : b >= 1e9 ? (b / 1e9).ToString("G3", CultureInfo.InvariantCulture) + " GB"
        : (b / 1e6).ToString("F0", CultureInfo.InvariantCulture) + " MB";
}
