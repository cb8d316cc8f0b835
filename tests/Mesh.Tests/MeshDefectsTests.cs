using MieCool.Core;

namespace MieCool.Mesh.Tests;

public sealed class MeshDefectsTests
{
    // Two tetrahedra sharing the face (1, 2, 3): apexes 0 (below) and 4 (above); their six outer faces are tagged.
    static readonly double[] Xyz = [0, 0, -1, 1, 0, 0, 0, 1, 0, -1, -1, 0, 0, 0, 1];
    static readonly int[] Outer = [0, 2, 1, 0, 1, 3, 0, 3, 2, 4, 1, 2, 4, 3, 1, 4, 2, 3];

    static TetMesh Mesh(double[] xyz, int[] cells, int[] faces) => new()
    {
        Nodes = xyz, Cells = cells, NodesPerCell = 4, CellRegion = Enumerable.Repeat(Tags.Particle, cells.Length / 4).ToArray(),
        BoundaryFaces = faces, BoundaryRegion = Enumerable.Repeat(Tags.AirOuter, faces.Length / 3).ToArray(),
    };

    [Fact]
    public void Two_tetrahedra_sharing_a_face_with_their_outer_faces_tagged_are_conforming()
    {
        var d = MeshQuality.FindDefects(Mesh(Xyz, [0, 1, 2, 3, 4, 1, 2, 3], Outer));
        Assert.True(d.None, d.Describe());
        MeshQuality.CheckConforming(Mesh(Xyz, [0, 1, 2, 3, 4, 1, 2, 3], Outer), "a test");
    }

    [Fact]
    public void A_duplicated_node_is_a_crack_of_open_faces_found_with_its_place()
    {
        // Node 5 is a copy of node 3 (same coordinates): the upper tetrahedron uses it, so the shared face opens on both sides.
        double[] xyz = [.. Xyz, -1, -1, 0];
        int[] faces = [0, 2, 1, 0, 1, 3, 0, 3, 2, 4, 1, 2, 4, 5, 1, 4, 2, 5];
        int[] cracked = [0, 1, 2, 3, 4, 1, 2, 5];
        var mesh = Mesh(xyz, cracked, faces);
        var d = MeshQuality.FindDefects(mesh);
        Assert.Equal(2, d.OpenFaces);
        Assert.Equal(0, d.OverfullFaces);
        var (x, y, z) = d.First!.Value;
        Assert.Equal(0, x, 1e-12); // centroid of (1, 0, 0), (0, 1, 0), (-1, -1, 0)
        Assert.Equal(0, y, 1e-12);
        Assert.Equal(0, z, 1e-12);
        Assert.Equal(Tags.Particle, d.FirstRegion);
        var e = Assert.Throws<ComputationException>(() => MeshQuality.CheckConforming(mesh, "a test"));
        Assert.Contains("2 faces belong to one tetrahedron only", e.Message);
        Assert.Contains("(0.00, 0.00, 0.00) nm in the particle", e.Message);

        // Merging nodes with identical coordinates, as the mesher does, closes the crack.
        var (merged, index) = ParticleMesher.MergeCoincident(xyz);
        Assert.Equal(Xyz, merged);
        Assert.Equal([0, 1, 2, 3, 4, 3], index);
        var cells = cracked.Select(v => index[v]).ToArray();
        Assert.True(MeshQuality.FindDefects(Mesh(merged, cells, faces.Select(v => index[v]).ToArray())).None);
    }

    [Fact]
    public void An_untagged_outer_face_is_open_and_a_face_of_three_tetrahedra_is_overfull()
    {
        Assert.Equal(1, MeshQuality.FindDefects(Mesh(Xyz, [0, 1, 2, 3, 4, 1, 2, 3], Outer[3..])).OpenFaces);
        var d = MeshQuality.FindDefects(Mesh(Xyz, [0, 1, 2, 3, 4, 1, 2, 3, 4, 3, 2, 1], Outer));
        Assert.Equal(1, d.OverfullFaces);
        Assert.False(d.None);
    }

    [Fact]
    public void A_tetrahedron_that_repeats_a_vertex_is_degenerate()
    {
        var d = MeshQuality.FindDefects(Mesh(Xyz, [0, 1, 2, 3, 4, 1, 2, 3, 0, 1, 1, 2], Outer));
        Assert.Equal(1, d.DegenerateCells);
        Assert.Contains("1 tetrahedra repeat a vertex", d.Describe());
    }
}

[Collection("meshes")]
public sealed class ConformingMeshTests(Meshes meshes)
{
    [Theory]
    [InlineData("disc50")]
    [InlineData("disc2")]
    [InlineData("full")]
    [InlineData("shellHalf")]
    [InlineData("disc50_p2")]
    public void Every_mesh_of_the_mesher_is_conforming(string name) =>
        Assert.True(MeshQuality.FindDefects(meshes.Get(name).Mesh).None);

    [Fact]
    public void One_thread_gives_the_bit_identical_mesh_twice()
    {
        var spec = new MeshSpec(Meshes.R, 0, new ContactSpec(ContactKind.Radius, 50e-9), BoxHalfSize: 5, HMin: 45e-9,
                                Grading: 0.35, Order: 2, Threads: 1);
        Assert.True(ParticleMesher.IsReproducible(spec));
        var a = ParticleMesher.Generate(spec).Mesh;
        var b = ParticleMesher.Generate(spec).Mesh;
        Assert.Equal(a.Nodes, b.Nodes);   // coordinates, bit for bit
        Assert.Equal(a.Cells, b.Cells);   // connectivity
        Assert.Equal(a.CellRegion, b.CellRegion);
        Assert.Equal(a.BoundaryFaces, b.BoundaryFaces);
        Assert.Equal(a.BoundaryRegion, b.BoundaryRegion);
        Assert.False(ParticleMesher.IsReproducible(spec with { Threads = 2 }));
    }
}
