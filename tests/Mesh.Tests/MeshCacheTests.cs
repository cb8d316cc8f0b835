namespace MieCool.Mesh.Tests;

/// <summary>
/// The mesh cache: a cached mesh is the mesh gmsh makes, bit for bit; bad entries and unreproducible meshes are not used.
/// </summary>
public sealed class MeshCacheTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("miecool-meshcache-").FullName;
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static MeshSpec Spec(int order = 1, int threads = 1) =>
        new(265e-9, 0, new ContactSpec(ContactKind.Radius, 50e-9), HMin: 60e-9, Grading: 0.4, BoxHalfSize: 8, Order: order,
            Threads: threads);

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(1, true)] // the placement too: version 1 of the file read an embedded particle back as a flattened one
    public void ACachedMeshIsTheFreshMeshBitForBit(int order, bool embedded)
    {
        var spec = embedded ? Spec(order) with { Contact = new ContactSpec(ContactKind.Embedding, 100e-9) } : Spec(order);
        var cache = new MeshCache(_dir);
        var fresh = ParticleMesher.Generate(spec, null, cache);
        Assert.False(fresh.FromCache);
        Assert.Equal(embedded, fresh.Mesh.Particle!.Embedded);
        Assert.True(File.Exists(cache.PathOf(spec)));
        var cached = ParticleMesher.Generate(spec, null, cache);
        Assert.True(cached.FromCache);
        var gmsh = ParticleMesher.Generate(spec, null, new MeshCache(null)).Mesh; // gmsh again, no cache
        foreach (var m in new[] { cached.Mesh, gmsh })
        {
            Assert.Equal(fresh.Mesh.Nodes, m.Nodes);
            Assert.Equal(fresh.Mesh.Cells, m.Cells);
            Assert.Equal(fresh.Mesh.CellRegion, m.CellRegion);
            Assert.Equal(fresh.Mesh.BoundaryFaces, m.BoundaryFaces);
            Assert.Equal(fresh.Mesh.BoundaryRegion, m.BoundaryRegion);
            Assert.Equal(fresh.Mesh.Particle, m.Particle);
        }
        Assert.Equal(fresh.Report.MinDihedralDeg, cached.Report.MinDihedralDeg);
        Assert.Equal(fresh.Report.Regions, cached.Report.Regions);
    }

    [Fact]
    public void ACorruptOrTruncatedEntryIsIgnoredAndReplaced()
    {
        var cache = new MeshCache(_dir);
        var fresh = ParticleMesher.Generate(Spec(), null, cache).Mesh;
        var path = cache.PathOf(Spec())!;
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x40; // one flipped bit
        File.WriteAllBytes(path, bytes);
        Assert.Null(cache.TryRead(Spec()));
        File.WriteAllBytes(path, bytes[..100]);
        Assert.Null(cache.TryRead(Spec()));
        var again = ParticleMesher.Generate(Spec(), null, cache);
        Assert.False(again.FromCache);
        Assert.Equal(fresh.Nodes, again.Mesh.Nodes);
        Assert.NotNull(cache.TryRead(Spec())); // replaced by a good entry
    }

    [Fact]
    public void OffOrUnreproducibleMeshesAreNotKeptAndEverySettingIsInTheKey()
    {
        Assert.False(new MeshCache(null).Keeps(Spec()));
        Assert.False(new MeshCache(_dir).Keeps(Spec(threads: 2))); // HXT: not the same mesh twice
        var keys = new[]
        {
            Spec(), Spec() with { Radius = 266e-9 }, Spec() with { ShellThickness = 10e-9 },
            Spec() with { Contact = new ContactSpec(ContactKind.Flattening, 5e-9) },
            Spec() with { Contact = new ContactSpec(ContactKind.Radius, 51e-9) },
            Spec() with { BoxHalfSize = 9 }, Spec() with { HMin = 61e-9 }, Spec() with { Grading = 0.41 }, Spec(order: 2),
        }.Select(MeshCache.Key).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Equal(MeshCache.Key(Spec()), MeshCache.Key(Spec() with { MaxElements = 10, Threads = 1 })); // does not shape the mesh
    }

    /// <summary>A folder over its size loses its least recently used entries first; the one just written stays.</summary>
    [Fact]
    public void AFullFolderLosesItsLeastRecentlyUsedEntries()
    {
        var big = new MeshCache(_dir);
        ParticleMesher.Generate(Spec(), null, big);
        ParticleMesher.Generate(Spec() with { HMin = 70e-9 }, null, big);
        string a = big.PathOf(Spec())!, b = big.PathOf(Spec() with { HMin = 70e-9 })!;
        File.SetLastWriteTimeUtc(b, DateTime.UtcNow.AddHours(-2));
        File.SetLastWriteTimeUtc(a, DateTime.UtcNow.AddHours(-1));
        Assert.NotNull(big.TryRead(Spec() with { HMin = 70e-9 })); // b used now: a is the least recently used
        // room for b and the new entry c, not for a as well (c's size from a folder of its own)
        var elsewhere = new MeshCache(Path.Combine(_dir, "elsewhere"));
        ParticleMesher.Generate(Spec() with { HMin = 80e-9 }, null, elsewhere);
        long room = new FileInfo(b).Length + new FileInfo(elsewhere.PathOf(Spec() with { HMin = 80e-9 })!).Length;
        var small = new MeshCache(_dir, maxBytes: room);
        ParticleMesher.Generate(Spec() with { HMin = 80e-9 }, null, small); // a third entry: over the limit
        Assert.False(File.Exists(a));
        Assert.True(File.Exists(b));
        Assert.True(File.Exists(small.PathOf(Spec() with { HMin = 80e-9 })));
    }

    [Fact]
    public void AnUnwritableFolderOnlyCostsTheCache()
    {
        var file = Path.Combine(_dir, "not-a-folder");
        File.WriteAllText(file, "x");
        var lines = new List<string>();
        var r = ParticleMesher.Generate(Spec(), new Progress(lines), new MeshCache(Path.Combine(file, "sub")));
        Assert.False(r.FromCache);
        Assert.Contains(lines, l => l.StartsWith("mesh cache: cannot write", StringComparison.Ordinal));
    }

    sealed class Progress(List<string> lines) : IProgress<string>
    {
        public void Report(string value) { lock (lines) lines.Add(value); }
    }
}
