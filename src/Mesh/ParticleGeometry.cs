using System.Globalization;
using MieCool.Core;

namespace MieCool.Mesh;

/// <summary>
/// The analytic geometry of a sphere (optionally core-shell) on a substrate: validation of a <see cref="MeshSpec"/>,
/// where the sphere sits, and the exact volume of every region (for checking the mesh).
/// Coordinates as in <see cref="ParticlePlacement"/>: substrate top at z = 0, box [-L, L]^3, L = BoxHalfSize * R.
/// </summary>
public static class ParticleGeometry
{
    /// <summary>The source named in input errors; a case-file reader re-attributes them with <see cref="InputException.At"/>.</summary>
    public const string Source = "mesh specification";

    /// <summary>
    /// Smallest box half-size (in R) accepted: the particle (top at most 2R above the substrate) must stay clear of the box.
    /// </summary>
    public const double MinBoxHalfSize = 3;

    /// <summary>Largest accepted size grading dh/dx; beyond 1 neighbouring elements differ by more than their own size.</summary>
    public const double MaxGrading = 1;

    /// <summary>Relative gap (in R) below which a sphere surface is treated as tangent to the substrate plane.</summary>
    public const double TangencyTolerance = 1e-3;

    /// <summary>Checks the specification and places the particle; throws <see cref="InputException"/> naming the case-file key.</summary>
    public static ParticlePlacement Place(MeshSpec spec)
    {
        Validate(spec);
        double R = spec.Radius, t = spec.ShellThickness, v = spec.Contact.Value;
        double zc, a;
        switch (spec.Contact.Kind)
        {
            case ContactKind.Radius: // flattened sphere: the cap below z = 0 is removed, leaving a disc of radius a
                a = v; zc = Math.Sqrt(R * R - a * a); break;
            case ContactKind.Flattening: // cap of height d removed: a^2 = R^2 - (R - d)^2 = 2 R d - d^2
                zc = R - v; a = Math.Sqrt(2 * R * v - v * v); break;
            case ContactKind.Embedding: // whole sphere sunk by e: the plane cuts it in a circle of radius sqrt(2 R e - e^2)
                zc = R - v; a = Math.Sqrt(Math.Max(0, 2 * R * v - v * v)); break;
            default: throw new ArgumentOutOfRangeException(nameof(spec), spec.Contact.Kind, "unknown contact kind");
        }
        var placement = new ParticlePlacement(R, R - t, zc, a) { Embedded = spec.Contact.Kind == ContactKind.Embedding };
        if (t > 0) CheckCoreClearOfPlane(spec, placement);
        return placement;
    }

    static void Validate(MeshSpec s)
    {
        double R = s.Radius;
        if (!(R > 0) || double.IsInfinity(R))
            throw new InputException(Source, "the particle size must be positive", "particle.diameter", Nm(2 * R),
                                     "a length > 0 such as \"530 nm\"");
        if (!(s.ShellThickness >= 0 && s.ShellThickness < R))
            throw new InputException(Source, "the shell must be thinner than the particle radius", "particle.shell_thickness",
                                     Nm(s.ShellThickness), $"0 <= thickness < radius = {Nm(R)}");
        double v = s.Contact.Value;
        switch (s.Contact.Kind)
        {
            case ContactKind.Radius when !(v > 0 && v < R):
                throw new InputException(Source, v == 0
                        ? "a point contact (radius 0) cannot be meshed; give the small contact disc you mean"
                        : "the contact disc must be smaller than the particle", "substrate.contact_radius",
                    Nm(v), $"0 < contact radius < particle radius = {Nm(R)}");
            case ContactKind.Flattening when !(v > 0 && v < R):
                throw new InputException(Source, "the flattening depth must be positive and less than the radius", "substrate.flattening",
                    Nm(v), $"0 < depth < particle radius = {Nm(R)}");
            case ContactKind.Embedding when !(v > 0 && v <= 2 * R):
                throw new InputException(Source, v == 0
                        ? "an embedding of 0 is a point contact, which cannot be meshed"
                        : "the embedding depth must be positive and at most the diameter", "substrate.embedding",
                    Nm(v), $"0 < depth <= particle diameter = {Nm(2 * R)} (fully embedded)");
        }
        if (!(s.HMin > 0) || double.IsInfinity(s.HMin) || s.HMin > R)
            throw new InputException(Source, "the element size at the particle must be positive and at most the particle radius",
                "mesh.h_min", Nm(s.HMin), $"0 < h_min <= particle radius = {Nm(R)}");
        if (!(s.Grading > 0 && s.Grading <= MaxGrading))
            throw new InputException(Source, "the size grading must be positive", "mesh.grading",
                s.Grading.ToString(CultureInfo.InvariantCulture),
                $"0 < grading <= {MaxGrading} (element size growth per unit distance, e.g. 0.15)");
        if (s.Order is not (1 or 2))
            throw new InputException(Source, "unsupported element order", "mesh.order",
                s.Order.ToString(CultureInfo.InvariantCulture), "1 (linear) or 2 (quadratic)");
        if (!(s.BoxHalfSize >= MinBoxHalfSize) || double.IsInfinity(s.BoxHalfSize))
            throw new InputException(Source, "the box must contain the particle with room to spare", "mesh.box_half_size",
                s.BoxHalfSize.ToString(CultureInfo.InvariantCulture),
                $"a number >= {MinBoxHalfSize} (half-size of the box in particle radii, e.g. 20)");
        if (s.Threads < 0)
            throw new InputException(Source, "the thread count cannot be negative", "mesh.threads",
                s.Threads.ToString(CultureInfo.InvariantCulture), "0 (all cores) or a positive count");
    }

    // A core whose surface just touches z = 0 meets the substrate in a single point: not meshable.
    static void CheckCoreClearOfPlane(MeshSpec s, ParticlePlacement p)
    {
        double gap = Math.Abs(Math.Abs(p.CenterZ) - p.CoreRadius);
        if (gap >= TangencyTolerance * p.Radius) return;
        var key = s.Contact.Kind switch
        {
            ContactKind.Radius => "substrate.contact_radius",
            ContactKind.Flattening => "substrate.flattening",
            _ => "substrate.embedding",
        };
        throw new InputException(Source,
            $"with this contact the core (radius {Nm(p.CoreRadius)}, centre at z = {Nm(p.CenterZ)}) " +
            "touches the substrate plane in a single point, which cannot be meshed",
            key, Nm(s.Contact.Value), $"a contact that moves the core at least {Nm(TangencyTolerance * p.Radius)} away from tangency");
    }

    /// <summary>Exact volume of each region for a placement in a box of half-size L, m^3 (keys: <see cref="Tags"/>).</summary>
    public static Dictionary<int, double> ExactVolumes(ParticlePlacement p, double L)
    {
        double half = 4 * L * L * L; // each half of the box [-L, L]^3
        bool flattened = !p.Embedded;
        // Flattened: the particle is the part of the sphere(s) above z = 0. Embedded: the whole sphere(s).
        double outer = flattened ? Above(p.Radius, p.CenterZ) : Ball(p.Radius);
        double core = flattened ? Above(p.CoreRadius, p.CenterZ) : Ball(p.CoreRadius);
        double sunk = flattened ? 0 : Ball(p.Radius) - Above(p.Radius, p.CenterZ);
        var v = new Dictionary<int, double>
        {
            [Tags.Particle] = core,
            [Tags.Substrate] = half - sunk,
            [Tags.Air] = half - (outer - sunk),
        };
        if (p.CoreRadius < p.Radius) v[Tags.Shell] = outer - core;
        return v;
    }

    static double Ball(double r) => 4.0 / 3.0 * Math.PI * r * r * r;

    /// <summary>Volume of the part of a ball (radius r, centre at height zc) above the plane z = 0.</summary>
    public static double Above(double r, double zc)
    {
        if (zc >= r) return Ball(r);
        if (zc <= -r) return 0;
        double h = r - zc; // height of the cap below the plane
        return Ball(r) - Math.PI * h * h * (3 * r - h) / 3; // spherical cap V = pi h^2 (3r - h) / 3
    }

    internal static string Nm(double metres) => (metres * 1e9).ToString("G6", CultureInfo.InvariantCulture) + " nm";
}
