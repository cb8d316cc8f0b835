using MieCool.Mesh;
using MieCool.Mesh.Geometry;
using MieCool.Mesh.Structured;
using MieCool.Thermal.Assembly;

namespace MieCool.Thermal.Tests.Assembly;

/// <summary>The assembled stiffness matrix is the sum of the element matrices at their global positions.</summary>
public class HeatAssemblerTests
{
    /// <summary>
    /// Every entry of the assembled matrix (before the fixed temperature of the outer surface is eliminated: volume terms
    /// only) equals the sum of the element
    /// matrices' entries for that node pair, accumulated here in a dictionary by node pair (no sparsity pattern, no
    /// position search); P2 rows are long enough to take several 8-column chunks of the vector search.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void The_matrix_is_the_sum_of_the_element_matrices(int order)
    {
        var mesh = BoxMesher.Cube(1e-6, 4, order, region: (x, _, _) => x < 0 ? Tags.Particle : Tags.Air);
        var k = new Dictionary<int, double> { [Tags.Particle] = 0.5, [Tags.Air] = 2 };
        var problem = new HeatProblem(mesh, k,
            new Dictionary<int, BoundaryCondition> { [Tags.AirOuter] = new BoundaryCondition.FixedTemperature(300) },
            VolumetricSource.Uniform(1, Tags.Particle), 300);
        var K = HeatAssembler.Assemble(problem).UnconstrainedMatrix!;
        int npc = mesh.NodesPerCell;
        var expected = new Dictionary<(int, int), double>();
        var ke = new double[npc * npc];
        for (int c = 0; c < mesh.CellCount; c++)
        {
            HeatAssembler.Conduction(npc, TetGeometry.Of(mesh, c), k[mesh.CellRegion[c]], ke);
            for (int a = 0; a < npc; a++)
                for (int b = 0; b < npc; b++)
                {
                    var key = (mesh.Cells[c * npc + a], mesh.Cells[c * npc + b]);
                    expected[key] = expected.GetValueOrDefault(key) + ke[a * npc + b];
                }
        }
        Assert.Equal(expected.Count, K.NonZeros);
        double scale = expected.Values.Max(Math.Abs);
        int longest = Enumerable.Range(0, K.Size).Max(i => K.RowPointers[i + 1] - K.RowPointers[i]);
        if (order == 2) Assert.True(longest > 16, $"longest row {longest}");
        foreach (var ((i, j), v) in expected) Assert.Equal(v, K.Values[K.Find(i, j)], 1e-13 * scale);
    }
}
