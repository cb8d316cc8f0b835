using System.Collections.Concurrent;

namespace MieCool.Mesh.Tests;

/// <summary>Coarse meshes shared by the tests (meshing is the slow part): R = 265 nm, box 5 R, h_min 30-60 nm.</summary>
public sealed class Meshes
{
    public const double R = 265e-9;
    readonly ConcurrentDictionary<string, Lazy<MeshResult>> _cache = new();

    public static readonly Dictionary<string, MeshSpec> Specs = new()
    {
        ["disc50"] = Spec(new ContactSpec(ContactKind.Radius, 50e-9)),
        ["disc2"] = Spec(new ContactSpec(ContactKind.Radius, 2e-9)),
        ["flat60"] = Spec(new ContactSpec(ContactKind.Flattening, 60e-9)),
        ["half"] = Spec(new ContactSpec(ContactKind.Embedding, R)),
        ["deep"] = Spec(new ContactSpec(ContactKind.Embedding, 1.6 * R)),
        ["full"] = Spec(new ContactSpec(ContactKind.Embedding, 2 * R)),
        ["shellFlat"] = Spec(new ContactSpec(ContactKind.Flattening, 100e-9)) with { ShellThickness = 50e-9 },
        ["shellDisc"] = Spec(new ContactSpec(ContactKind.Radius, 80e-9)) with { ShellThickness = 60e-9 },
        ["shellHalf"] = Spec(new ContactSpec(ContactKind.Embedding, R)) with { ShellThickness = 60e-9 },
        ["disc50_h60"] = Spec(new ContactSpec(ContactKind.Radius, 50e-9)) with { HMin = 60e-9 },
        ["disc50_h30"] = Spec(new ContactSpec(ContactKind.Radius, 50e-9)) with { HMin = 30e-9 },
        ["disc50_p2"] = Spec(new ContactSpec(ContactKind.Radius, 50e-9)) with { HMin = 50e-9, Order = 2 },
        ["shellHalf_p2"] = Spec(new ContactSpec(ContactKind.Embedding, R)) with { ShellThickness = 60e-9, HMin = 50e-9, Order = 2 },
    };

    static MeshSpec Spec(ContactSpec contact) =>
        new(R, 0, contact, BoxHalfSize: 5, HMin: 30e-9, Grading: 0.3, Order: 1, Threads: 2);

    public MeshResult Get(string name) => _cache.GetOrAdd(name, n => new Lazy<MeshResult>(() => ParticleMesher.Generate(Specs[n]))).Value;
}

[CollectionDefinition("meshes")]
public sealed class MeshCollection : ICollectionFixture<Meshes>;
