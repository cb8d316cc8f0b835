using MieCool.Thermal.Assembly;

namespace MieCool.Thermal.Tests.Assembly;

public class LagrangeTests
{
    /// <summary>
    /// The closed-form integrals of the shape functions against a degree-3 quadrature of the shape functions themselves
    /// (exact for P2, whose functions are quadratic); they also sum to the volume (the functions are a partition of unity).
    /// </summary>
    [Theory]
    [InlineData(4)]
    [InlineData(10)]
    public void Shape_function_integrals_are_those_of_a_quadrature(int nodes)
    {
        var rule = QuadratureRule.Tetrahedron(3);
        Span<double> phi = stackalloc double[10];
        var quadrature = new double[nodes];
        for (int q = 0; q < rule.Count; q++)
        {
            Lagrange.TetValues(nodes, rule.Barycentric.AsSpan(4 * q, 4), phi);
            for (int a = 0; a < nodes; a++) quadrature[a] += rule.Weights[q] * phi[a]; // weights sum to 1: int phi_a / |T|
        }
        const double volume = 2.5e-21; // m^3, any
        double sum = 0;
        for (int a = 0; a < nodes; a++)
        {
            double closed = Lagrange.TetIntegral(nodes, a, 1.0 * volume);
            Assert.Equal(quadrature[a] * volume, closed, 1e-15 * volume);
            sum += closed;
        }
        Assert.Equal(volume, sum, 1e-15 * volume);
    }
}
