namespace MieCool.Mesh.Tests;

/// <summary>
/// A mesh does not depend on what the process meshed before it (gmsh keeps global state between sessions): a sweep's
/// point, a cached mesh and a fresh process's mesh must be the same mesh.
/// </summary>
public sealed class MeshHistoryTests
{
    // the sweep's coarse mesh of the headline case (h_min = R / 6 changes with the diameter)
    static MeshSpec Spec(double diameterNm) =>
        new MeshSpec(diameterNm * 0.5e-9, 0, new ContactSpec(ContactKind.Radius, 50e-9), HMin: 25e-9, Grading: 0.25, Order: 2).Coarse();

    [Fact]
    public void TheSameSpecGivesTheSameMeshAfterAnotherOne()
    {
        var none = new MeshCache(null);
        var first = ParticleMesher.Generate(Spec(510), null, none).Mesh;
        _ = ParticleMesher.Generate(Spec(500), null, none);
        _ = ParticleMesher.Generate(Spec(520), null, none);
        var again = ParticleMesher.Generate(Spec(510), null, none).Mesh;
        Assert.Equal(first.NodeCount, again.NodeCount);
        Assert.Equal(first.Nodes, again.Nodes);
        Assert.Equal(first.Cells, again.Cells);
    }
}
