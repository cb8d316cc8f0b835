using MieCool.Core;

namespace MieCool.Mesh.Tests;

public sealed class InputErrorTests
{
    const double R = 265e-9;
    static readonly MeshSpec Good = new(R, 0, new ContactSpec(ContactKind.Radius, 50e-9), 5, 40e-9, 0.3, 1, 2);

    public static TheoryData<string, MeshSpec> Impossible => new()
    {
        { "particle.diameter", Good with { Radius = 0 } },
        { "particle.diameter", Good with { Radius = double.NaN } },
        { "substrate.contact_radius", Good with { Contact = new(ContactKind.Radius, R) } },
        { "substrate.contact_radius", Good with { Contact = new(ContactKind.Radius, 2 * R) } },
        { "substrate.contact_radius", Good with { Contact = new(ContactKind.Radius, 0) } }, // point contact
        { "substrate.contact_radius", Good with { Contact = new(ContactKind.Radius, -1e-9) } },
        { "substrate.flattening", Good with { Contact = new(ContactKind.Flattening, 0) } },
        { "substrate.flattening", Good with { Contact = new(ContactKind.Flattening, R) } },
        { "substrate.embedding", Good with { Contact = new(ContactKind.Embedding, 0) } },
        { "substrate.embedding", Good with { Contact = new(ContactKind.Embedding, 2.01 * R) } },
        { "particle.shell_thickness", Good with { ShellThickness = R } },
        { "particle.shell_thickness", Good with { ShellThickness = 1.5 * R } },
        { "particle.shell_thickness", Good with { ShellThickness = -1e-9 } },
        { "mesh.h_min", Good with { HMin = 0 } },
        { "mesh.h_min", Good with { HMin = -5e-9 } },
        { "mesh.h_min", Good with { HMin = 2 * R } },
        { "mesh.grading", Good with { Grading = 0 } },
        { "mesh.grading", Good with { Grading = -0.1 } },
        { "mesh.grading", Good with { Grading = double.NaN } },
        { "mesh.order", Good with { Order = 0 } },
        { "mesh.order", Good with { Order = 3 } },
        { "mesh.box_half_size", Good with { BoxHalfSize = 2 } },
        { "mesh.box_half_size", Good with { BoxHalfSize = -5 } },
        { "mesh.threads", Good with { Threads = -1 } },
        // Flattening exactly through the shell: the core would touch the substrate in a single point.
        { "substrate.flattening", Good with { ShellThickness = 50e-9, Contact = new(ContactKind.Flattening, 50e-9) } },
        // Embedded until the core's top is flush with the substrate surface.
        { "substrate.embedding", Good with { ShellThickness = 50e-9, Contact = new(ContactKind.Embedding, 2 * R - 50e-9) } },
    };

    [Theory]
    [MemberData(nameof(Impossible))]
    public void Impossible_geometry_names_the_key_and_the_valid_range(string key, MeshSpec spec)
    {
        var e = Assert.Throws<InputException>(() => ParticleMesher.Generate(spec));
        Assert.Equal(key, e.Key);
        Assert.False(string.IsNullOrWhiteSpace(e.Valid));
        Assert.Contains(key, e.Message);
        Assert.Contains("valid:", e.Message);
    }

    [Fact]
    public void Placement_follows_each_contact_definition()
    {
        // Contact radius a: centre at sqrt(R^2 - a^2).
        var p = ParticleGeometry.Place(Good);
        Assert.Equal(Math.Sqrt(R * R - 50e-9 * 50e-9), p.CenterZ, 1e-18);
        Assert.Equal(50e-9, p.ContactRadius, 1e-18);
        // Flattening d: centre at R - d, a = sqrt(2 R d - d^2); the same disc as asking for a directly.
        double d = R - p.CenterZ;
        var q = ParticleGeometry.Place(Good with { Contact = new(ContactKind.Flattening, d) });
        Assert.Equal(p.CenterZ, q.CenterZ, 1e-18);
        Assert.Equal(p.ContactRadius, q.ContactRadius, 1e-15);
        // Embedding e: centre at R - e, whole sphere kept.
        var h = ParticleGeometry.Place(Good with { Contact = new(ContactKind.Embedding, R), ShellThickness = 60e-9 });
        Assert.Equal(0, h.CenterZ, 1e-18);
        Assert.Equal(R, h.ContactRadius, 1e-18);
        Assert.Equal(R - 60e-9, h.CoreRadius, 1e-18);
        Assert.True(h.Embedded);
        Assert.False(q.Embedded);
    }
}
