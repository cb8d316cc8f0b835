namespace MieCool.Mesh.Tests;

public sealed class QualityTests
{
    static TetMesh OneTet(double[] xyz) => new()
    {
        Nodes = xyz, Cells = [0, 1, 2, 3], NodesPerCell = 4, CellRegion = [Tags.Air], BoundaryFaces = [], BoundaryRegion = [],
    };

    [Fact]
    public void A_regular_tetrahedron_has_dihedral_angles_of_arccos_one_third()
    {
        var m = OneTet([1, 1, 1, 1, -1, -1, -1, 1, -1, -1, -1, 1]);
        Assert.Equal(Math.Acos(1.0 / 3) * 180 / Math.PI, MeshQuality.MinDihedralAngleDeg(m), 1e-9);
    }

    [Fact]
    public void A_corner_tetrahedron_has_its_smallest_dihedral_angle_at_the_slanted_face()
    {
        // Three right angles at the origin; each edge to the slanted face x+y+z=1 makes arccos(1/sqrt 3) = 54.74 deg.
        var m = OneTet([0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1]);
        Assert.Equal(Math.Acos(1 / Math.Sqrt(3)) * 180 / Math.PI, MeshQuality.MinDihedralAngleDeg(m), 1e-9);
        // The order of the vertices (orientation) does not matter.
        var flipped = OneTet([0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1]);
        Assert.Equal(MeshQuality.MinDihedralAngleDeg(m), MeshQuality.MinDihedralAngleDeg(flipped), 1e-12);
    }

    [Fact]
    public void A_sliver_is_detected()
    {
        // Four nearly coplanar points: a square lifted by a tiny amount on one diagonal.
        var m = OneTet([0, 0, 0, 1, 0, 0, 1, 1, 1e-3, 0, 1, 1e-3 * 0]);
        Assert.True(MeshQuality.MinDihedralAngleDeg(m) < 0.2);
    }
}
