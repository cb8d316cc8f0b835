using MieCool.Mesh;
using MieCool.Mesh.Structured;

namespace MieCool.Thermal.Tests;

/// <summary>Manufactured and analytic solutions on structured box meshes: measured orders and exact cases.</summary>
public class ConvergenceTests
{
    const double K = 2.0;

    /// <summary>theta = sin(pi x) sin(pi y) sin(pi z) on the unit cube, theta = 0 on the boundary, q = 3 pi^2 k theta.</summary>
    static double SineError(int n, int order)
    {
        var mesh = BoxMesher.Generate((0, 0, 0), (1, 1, 1), n, n, n, order);
        Func<double, double, double, double> exact = (x, y, z) => Math.Sin(Math.PI * x) * Math.Sin(Math.PI * y) * Math.Sin(Math.PI * z);
        var problem = new HeatProblem(mesh, Fem.Conductivity(K, Tags.Particle),
            new Dictionary<int, BoundaryCondition> { [Tags.AirOuter] = new BoundaryCondition.FixedTemperature(300) },
            VolumetricSource.FromFunction((x, y, z, _) => 3 * Math.PI * Math.PI * K * exact(x, y, z)), AmbientTemperatureK: 300);
        var s = SteadyHeatSolver.Solve(problem);
        return Fem.L2Error(mesh, s.TemperatureRiseK, exact);
    }

    [Fact]
    public void LinearElementsConvergeAtSecondOrderInL2()
    {
        int[] n = [4, 8, 16];
        var err = n.Select(k => SineError(k, 1)).ToArray();
        double rate = Fem.FittedOrder(n.Select(k => 1.0 / k).ToArray(), err);
        Assert.InRange(rate, 1.85, 2.2);
    }

    [Fact]
    public void QuadraticElementsConvergeAtThirdOrderInL2()
    {
        int[] n = [2, 4, 8];
        var err = n.Select(k => SineError(k, 2)).ToArray();
        double rate = Fem.FittedOrder(n.Select(k => 1.0 / k).ToArray(), err);
        Assert.InRange(rate, 2.8, 3.4);
    }

    /// <summary>
    /// Slab 0 &lt; x &lt; L, uniform q, theta(0) = 0, convection -k theta'(L) = h (theta(L) - theta_inf), other sides
    /// insulated: theta = -q x^2 / (2k) + A x with A = (q L + h (q L^2 / (2k) + theta_inf)) / (k + h L).
    /// Quadratic elements reproduce it to solver precision.
    /// </summary>
    [Fact]
    public void QuadraticElementsAreExactForTheConvectiveSlab()
    {
        double L = 2e-6, q = 3e14, h = 4e5, thetaInf = 5, T0 = 300;
        var mesh = BoxMesher.Generate((0, 0, 0), (L, L / 4, L / 4), 6, 2, 2, order: 2,
            surface: (x, _, _) => x < 1e-3 * L ? Tags.SubstrateOuter : x > 0.999 * L ? Tags.AirOuter : Tags.ParticleSurface);
        var problem = new HeatProblem(mesh, Fem.Conductivity(K, Tags.Particle),
            new Dictionary<int, BoundaryCondition>
            {
                [Tags.SubstrateOuter] = new BoundaryCondition.FixedTemperature(T0),
                [Tags.AirOuter] = new BoundaryCondition.Convection(h, T0 + thetaInf),
            },
            VolumetricSource.Uniform(q, Tags.Particle), AmbientTemperatureK: T0);
        var s = SteadyHeatSolver.Solve(problem);
        double A = (q * L + h * (q * L * L / (2 * K) + thetaInf)) / (K + h * L);
        double maxTheta = 0, maxErr = 0;
        for (int i = 0; i < mesh.NodeCount; i++)
        {
            double x = mesh.Nodes[3 * i], exact = -q * x * x / (2 * K) + A * x;
            maxTheta = Math.Max(maxTheta, Math.Abs(exact));
            maxErr = Math.Max(maxErr, Math.Abs(s.TemperatureRiseK[i] - exact));
        }
        Assert.True(maxErr < 1e-7 * maxTheta, $"max error {maxErr} K of {maxTheta} K");
        // Heat leaving: through the convective face h (theta(L) - theta_inf) times its area, the rest through x = 0.
        double area = L * L / 16, thetaL = -q * L * L / (2 * K) + A * L;
        Assert.Equal(h * (thetaL - thetaInf) * area, s.BoundaryHeatFlowW[Tags.AirOuter], 1e-6 * q * L * area);
        Assert.Equal(q * L * area, s.BoundaryHeatFlowW.Values.Sum(), 1e-8 * q * L * area);
        Assert.True(s.EnergyBalanceRelativeError < 1e-8);
    }

    /// <summary>
    /// A Gaussian source of power P and width sigma in infinite space: theta(r) = P erf(r / (sqrt 2 sigma)) / (4 pi k r).
    /// The far-field condition on a box of half-size 6 sigma keeps the error at the discretisation level, while a
    /// fixed temperature on the same box is off by about the monopole's value there, P / (4 pi k L).
    /// </summary>
    [Fact]
    public void FarFieldConditionStandsForInfiniteSpace()
    {
        double sigma = 1e-7, P = 1e-4, Lh = 6 * sigma;
        var mesh = BoxMesher.Cube(Lh, 12, order: 2, particle: new ParticlePlacement(sigma, sigma, 0, 0));
        Func<double, double, double, double> exact = (x, y, z) =>
        {
            double r = Math.Sqrt(x * x + y * y + z * z);
            return r < 1e-12
                ? P / (4 * Math.PI * K) * Math.Sqrt(2 / Math.PI) / sigma
                : P * Erf(r / (Math.Sqrt(2) * sigma)) / (4 * Math.PI * K * r);
        };
        var q = VolumetricSource.FromFunction((x, y, z, _) =>
            P * Math.Exp(-(x * x + y * y + z * z) / (2 * sigma * sigma)) / Math.Pow(2 * Math.PI * sigma * sigma, 1.5));
        double centre = exact(0, 0, 0);
        double ErrorWith(BoundaryCondition bc)
        {
            var s = SteadyHeatSolver.Solve(new HeatProblem(mesh, Fem.Conductivity(K, Tags.Particle),
                new Dictionary<int, BoundaryCondition> { [Tags.AirOuter] = bc }, q, 300));
            Assert.True(s.EnergyBalanceRelativeError < 1e-8);
            double maxErr = 0;
            for (int i = 0; i < mesh.NodeCount; i++)
                maxErr = Math.Max(maxErr,
                                  Math.Abs(s.TemperatureRiseK[i] - exact(mesh.Nodes[3 * i], mesh.Nodes[3 * i + 1], mesh.Nodes[3 * i + 2])));
            return maxErr / centre;
        }
        double farField = ErrorWith(new BoundaryCondition.FarField());
        double fixedT = ErrorWith(new BoundaryCondition.FixedTemperature(300));
        Assert.True(farField < 0.01, $"far field: {farField:P2}");
        Assert.True(fixedT > 5 * farField, $"fixed {fixedT:P2} vs far field {farField:P2}");
    }

    /// <summary>erf by Abramowitz and Stegun 7.1.26 is too coarse here; use the series/continued fraction via MathNet.</summary>
    static double Erf(double x) => MathNet.Numerics.SpecialFunctions.Erf(x);
}
