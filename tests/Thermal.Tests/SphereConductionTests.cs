namespace MieCool.Thermal.Tests;

/// <summary>The closed-form sphere estimates (the FEM is checked against the same solution in AnalyticSphereTests).</summary>
public sealed class SphereConductionTests
{
    [Fact]
    public void The_estimates_are_the_point_source_solution_at_the_sphere_surface()
    {
        const double P = -1e-6, R = 265e-9;
        Assert.Equal(P / (4 * Math.PI * 0.026 * R), SphereConduction.RiseInInfiniteMedium(P, 0.026, R), 1e-9);
        // air over fused silica: the mean conductivity (0.026 + 1.38) / 2 = 0.703 W/(m K)
        Assert.Equal(P / (4 * Math.PI * 0.703 * R), SphereConduction.RiseHalfEmbedded(P, 0.026, 1.38, R), 1e-9);
        // two equal half-spaces are one infinite medium
        Assert.Equal(SphereConduction.RiseInInfiniteMedium(P, 1.38, R), SphereConduction.RiseHalfEmbedded(P, 1.38, 1.38, R), 1e-15);
    }
}
