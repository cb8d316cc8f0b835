using System.Numerics;
using MieCool.Optics.Substrate;

namespace MieCool.Optics.Tests.Substrate;

/// <summary>The tabulated angular functions the T-matrix integrals use, against the direct recurrences.</summary>
public class AngularTableTests
{
    [Theory]
    [InlineData(0.3, 0.0)]     // a real direction
    [InlineData(1.7, 0.0)]     // evanescent: sin > 1, cos imaginary
    [InlineData(0.9, -0.08)]   // on the deflected Sommerfeld contour
    public void The_table_gives_the_recurrences_values_and_their_parity(double kappaRe, double kappaIm)
    {
        const int L = 18;
        var table = new AngularTable(L);
        Complex s = new(kappaRe, kappaIm), c = Complex.Sqrt(1 - s * s);
        var p0 = new Complex[L + 1]; var t0 = new Complex[L + 1]; var p1 = new Complex[L + 1]; var t1 = new Complex[L + 1];
        var pm = new Complex[L + 1]; var tm = new Complex[L + 1];
        for (int m = 0; m <= L; m++)
        {
            AngularFunctions.Evaluate(m, L, c, s, p0, t0);
            table.Evaluate(m, c, s, p1, t1);
            table.Evaluate(m, -c, s, pm, tm);
            for (int l = 0; l <= L; l++)
            {
                double scale = 1 + p0[l].Magnitude + t0[l].Magnitude;
                Assert.True((p1[l] - p0[l]).Magnitude <= 1e-14 * scale, $"pi l={l} m={m}");
                Assert.True((t1[l] - t0[l]).Magnitude <= 1e-14 * scale, $"tau l={l} m={m}");
                double parity = AngularTable.Parity(l, m);
                Assert.Equal(parity * p1[l], pm[l]); // exactly: only signs flip
                Assert.Equal(-parity * t1[l], tm[l]);
            }
        }
    }
}
