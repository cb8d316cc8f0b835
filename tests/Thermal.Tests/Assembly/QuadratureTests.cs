using MieCool.Thermal.Assembly;

namespace MieCool.Thermal.Tests.Assembly;

public class QuadratureTests
{
    static double Factorial(int n) => n <= 1 ? 1 : n * Factorial(n - 1);

    [Theory]
    [InlineData(1)] [InlineData(2)] [InlineData(3)] [InlineData(5)] [InlineData(6)]
    public void TetrahedronRuleIntegratesMonomialsExactly(int degree)
    {
        // int_T x^a y^b z^c = a! b! c! / (a+b+c+3)! on the reference tetrahedron (volume 1/6).
        var rule = QuadratureRule.Tetrahedron(degree);
        for (int a = 0; a <= degree; a++)
            for (int b = 0; a + b <= degree; b++)
                for (int c = 0; a + b + c <= degree; c++)
                {
                    double s = 0;
                    for (int q = 0; q < rule.Count; q++)
                    {
                        var l = rule.Barycentric.AsSpan(4 * q, 4);
                        s += rule.Weights[q] / 6 * Math.Pow(l[1], a) * Math.Pow(l[2], b) * Math.Pow(l[3], c);
                    }
                    double exact = Factorial(a) * Factorial(b) * Factorial(c) / Factorial(a + b + c + 3);
                    Assert.True(Math.Abs(s - exact) < 1e-14, $"x^{a} y^{b} z^{c}: {s} vs {exact}");
                }
    }

    [Theory]
    [InlineData(1)] [InlineData(3)] [InlineData(5)]
    public void TriangleRuleIntegratesMonomialsExactly(int degree)
    {
        // int_T x^a y^b = a! b! / (a+b+2)! on the reference triangle (area 1/2).
        var rule = QuadratureRule.Triangle(degree);
        for (int a = 0; a <= degree; a++)
            for (int b = 0; a + b <= degree; b++)
            {
                double s = 0;
                for (int q = 0; q < rule.Count; q++)
                    s += rule.Weights[q] / 2 * Math.Pow(rule.Barycentric[3 * q + 1], a) * Math.Pow(rule.Barycentric[3 * q + 2], b);
                Assert.True(Math.Abs(s - Factorial(a) * Factorial(b) / Factorial(a + b + 2)) < 1e-14, $"x^{a} y^{b}");
            }
    }
}
