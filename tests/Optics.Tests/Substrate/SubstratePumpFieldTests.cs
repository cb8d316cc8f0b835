using System.Numerics;
using MieCool.Optics.Fields;
using MieCool.Optics.Substrate;

namespace MieCool.Optics.Tests.Substrate;

/// <summary>
/// The pump field at many points (four at a time, in parallel) against the same field point by point
/// (<see cref="SubstratePumpField.Intensity"/>, to the last bit) and against the general evaluator of the same waves
/// (<see cref="SubstrateScattering.InternalField"/>, every m, no tables).
/// </summary>
public class SubstratePumpFieldTests
{
    static readonly (double X, double Y, double Z) Centre = (40e-9, -25e-9, 265e-9);

    static SubstratePumpField Field() => new(SphereOnSubstrate.Solve(new SphereOnSubstrateProblem(
        265e-9, new Complex(2.31719, 0.0133512), 1.0, new PlanarSubstrate(1.4507), 265e-9, 980e-9,
        new Illumination(0, PlanePolarisation.TE, IncidenceSide.Host))));

    /// <summary>
    /// Points in and just around the sphere, relative to the centre: random ones, a few on the axis (rho = 0), the centre
    /// itself and points so near it that the Bessel recurrence gives way to its series, all in a count that is not a
    /// multiple of four or of the chunk.
    /// </summary>
    static double[] Points(int count, int seed)
    {
        var rng = new Random(seed);
        var xyz = new double[3 * count];
        for (int i = 0; i < count; i++)
        {
            double r = 275e-9 * Math.Cbrt(rng.NextDouble()), mu = 2 * rng.NextDouble() - 1, phi = 2 * Math.PI * rng.NextDouble();
            double s = Math.Sqrt(1 - mu * mu);
            (double x, double y, double z) = (r * s * Math.Cos(phi), r * s * Math.Sin(phi), r * mu);
            if (i % 97 == 5) (x, y) = (0, 0);                            // on the axis
            if (i % 211 == 7) (x, y, z) = (0, 0, 0);                     // the centre
            if (i % 331 == 9) (x, y, z) = (1e-15 * mu, 2e-15 * s, 1e-15); // |k_1 r| < 1e-4: the series
            xyz[3 * i] = Centre.X + x; xyz[3 * i + 1] = Centre.Y + y; xyz[3 * i + 2] = Centre.Z + z;
        }
        return xyz;
    }

    [Theory]
    [InlineData(Polarisation.X)]
    [InlineData(Polarisation.Y)]
    [InlineData(Polarisation.Average)]
    public void Many_points_at_once_give_each_point_s_own_value_to_the_last_bit(Polarisation polarisation)
    {
        var field = Field();
        const int n = 5003;
        var xyz = Points(n, 11);
        var p = new double[n];
        double intensity = 7e10, factor = field.PowerDensityFactor(intensity), a2 = 265e-9 * 265e-9;
        field.AbsorbedPowerDensity(xyz, p, intensity, Centre, downward: true, polarisation);
        int inside = 0;
        for (int i = 0; i < n; i++)
        {
            double x = xyz[3 * i] - Centre.X, y = xyz[3 * i + 1] - Centre.Y, z = xyz[3 * i + 2] - Centre.Z;
            bool isInside = x * x + y * y + z * z <= a2;
            double expected = isInside ? factor * field.Intensity(x, y, z, polarisation) : 0;
            inside += isInside ? 1 : 0;
            Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(p[i]),
                        $"point {i}: {p[i]:R} instead of {expected:R}");
        }
        Assert.InRange(inside, n / 2, n - 1); // both kinds of point were there
        Assert.True(p.Max() > 0);
    }

    [Fact]
    public void Many_points_at_once_match_the_general_evaluator_of_the_waves()
    {
        var field = Field();
        var r = field.Solution;
        const int n = 403;
        var xyz = Points(n, 5);
        double[] px = new double[n], py = new double[n];
        field.AbsorbedPowerDensity(xyz, px, 1, Centre, downward: true, Polarisation.X);
        field.AbsorbedPowerDensity(xyz, py, 1, Centre, downward: true, Polarisation.Y);
        double factor = field.PowerDensityFactor(1), a2 = 265e-9 * 265e-9;
        for (int i = 0; i < n; i++)
        {
            double x = xyz[3 * i] - Centre.X, y = xyz[3 * i + 1] - Centre.Y, z = xyz[3 * i + 2] - Centre.Z;
            if (x * x + y * y + z * z > a2) { Assert.Equal(0, px[i]); continue; }
            // the y-polarised solution at (x, y, z); the x-polarised one is it at (-y, x, z) (the geometry is symmetric about z)
            double ey = factor * r.InternalField(x, y, z).Norm2, ex = factor * r.InternalField(-y, x, z).Norm2;
            Assert.Equal(ey, py[i], 1e-11 * ey);
            Assert.Equal(ex, px[i], 1e-11 * ex);
        }
    }

    [Fact]
    public void The_result_does_not_depend_on_the_threads()
    {
        var field = Field();
        const int n = 20000;
        var xyz = Points(n, 2);
        var first = new double[n];
        field.AbsorbedPowerDensity(xyz, first, 7e10, Centre, downward: true, Polarisation.Average);
        var again = new double[n];
        Parallel.For(0, 3, _ => { }); // the pool warmed: another schedule of the chunks
        field.AbsorbedPowerDensity(xyz, again, 7e10, Centre, downward: true, Polarisation.Average);
        Assert.Equal(first, again);
    }
}
