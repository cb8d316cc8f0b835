using System.Numerics;
using MieCool.Optics.Mie;

namespace MieCool.Optics.Tests.Mie;

/// <summary>
/// Core-shell spheres against an independent 40-digit reference: a direct solve of the interface conditions
/// with mpmath Bessel functions (tests/Optics.Tests/Mie/reference/coreshell_mpmath.py, B&amp;H section 8.1),
/// which shares no code or algorithm with Yang's recursion.
/// </summary>
public class CoreShellReferenceTests
{
    [Theory]
    [InlineData(1.0, 1.5, 0.1, 2.0, 2.6, 0.01,
                4.3780382716322315, 4.053659218260718, 0.8662153575471471, 0.07032423432470106, 0.5352330427093673, 0.4882767447114078)]
    [InlineData(5.0, 1.33, 0.0, 6.0, 1.59, 0.66,
                2.9461800106401053, 1.7424880003907701, 0.40407394841781225, -0.0329096387017891, 0.7323258053263604,
                0.24110699255723736)]
    [InlineData(0.5, 1.45, 0.0, 0.6, 0.2, 3.4,
                5.316203180429151, 2.4212557450870884, 0.31657839775431984, 0.21193641335158928, 0.0009776363034912315,
                0.009383043712045267)]
    [InlineData(30.0, 1.5, 0.0, 40.0, 2.0, 0.1,
                2.1740044672943077, 1.2407483028887885, 0.46317977522805615, -0.164862933919352, 0.4281112814363939, 0.2010972641244144)]
    public void Matches_direct_high_precision_solution(double xc, double mcRe, double mcIm, double xs, double msRe, double msIm,
                                                       double qext, double qsca, double a1Re, double a1Im, double b1Re, double b1Im)
    {
        var r = MieSolver.CoreShell(xc, new Complex(mcRe, mcIm), xs, new Complex(msRe, msIm));
        Assert.Equal(qext, r.Efficiencies.Qext, 1e-11);
        Assert.Equal(qsca, r.Efficiencies.Qsca, 1e-11);
        Assert.True((r.a(1) - new Complex(a1Re, a1Im)).Magnitude < 1e-12, $"a_1 = {r.a(1)}");
        Assert.True((r.b(1) - new Complex(b1Re, b1Im)).Magnitude < 1e-12, $"b_1 = {r.b(1)}");
        Assert.True(r.CoreIrregularResidual < 1e-9, $"core irregular residual {r.CoreIrregularResidual:G3}");
    }
}
