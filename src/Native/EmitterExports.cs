using System.Numerics;
using System.Runtime.InteropServices;
using MieCool.Optics.Emitters;
using MieCool.Optics.Fields;
using MieCool.Optics.Mie;

namespace MieCool.Native;

/// <summary>
/// The emitter entry points of the C ABI (miecool.h): the far-field radiative rate (Purcell factor) of dipoles inside a
/// sphere, averaged over orientation and volume (<see cref="DipoleInSphere.VolumeAverage(SphereCoefficients, double)"/>, Chew
/// 1987/1988), as `miecool emitter` prints it.
/// </summary>
static class EmitterExports
{
    /// <summary>The largest size parameter taken, as `miecool emitter --x`.</summary>
    public const double MaxSizeParameter = 1e4;

    /// <summary>miecool_term_count: the number of Mie orders (Wiscombe's x + 4 x^(1/3) + 2) at size parameter x; 0 for a bad x.</summary>
    [UnmanagedCallersOnly(EntryPoint = "miecool_term_count")]
    static int TermCount(double x)
    {
        try
        {
            return x > 0 && x <= MieSolver.MaxSizeParameter ? MieSolver.TermCount(x) : 0;
        }
        catch (Exception)
        {
            return 0;
        }
    }

    /// <summary>
    /// miecool_emitter: dipoles filling the sphere of size parameter x (in the host, at the emission wavelength) and relative
    /// index m_re + i m_im: F averaged over orientation and volume (host-normalised), at the centre, relative to the bulk
    /// sphere material (F_avg / Re m), of radial and tangential dipoles; and per order n = 1..*orders the electric and
    /// magnetic parts of F_avg into electric[n-1], magnetic[n-1] (at most capacity of each; NULL: not written).
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "miecool_emitter")]
    static unsafe int Emitter(double x, double mRe, double mIm, double hostIndex,
                              double* fAvg, double* fCenter, double* fAvgBulk, double* fRadial, double* fTangential,
                              int capacity, double* electric, double* magnetic, int* orders)
    {
        const string F = "miecool_emitter";
        try
        {
            Abi.Positive(x, F, "x", "", MaxSizeParameter);
            Abi.Index(mRe, mIm, F, "m");
            Abi.Positive(hostIndex, F, "host_index", "", 100);
            var e = DipoleInSphere.VolumeAverage(SphereCoefficients.Sphere(x, new Complex(mRe, mIm)), hostIndex);
            Abi.Finite([e.FAverage, e.FCenter, e.FAverageBulk, e.FAverageRadial, e.FAverageTangential], F, "F");
            Abi.Finite(e.Orders.Select(t => t.Value).ToArray(), F, "F_n");
            Abi.Write(e.FAverage, fAvg); Abi.Write(e.FCenter, fCenter); Abi.Write(e.FAverageBulk, fAvgBulk);
            Abi.Write(e.FAverageRadial, fRadial); Abi.Write(e.FAverageTangential, fTangential);
            int n = 0;
            foreach (var t in e.Orders)
            {
                n = Math.Max(n, t.Order);
                if (t.Order > capacity) continue;
                var target = t.Type == MultipoleType.Electric ? electric : magnetic;
                if (target != null) target[t.Order - 1] = t.Value;
            }
            if (orders != null) *orders = n;
            return Abi.Success();
        }
        catch (Exception e)
        {
            return Abi.Fail(e);
        }
    }
}
