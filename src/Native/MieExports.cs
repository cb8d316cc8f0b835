using System.Numerics;
using System.Runtime.InteropServices;
using MieCool.Optics;
using MieCool.Optics.Mie;

namespace MieCool.Native;

/// <summary>
/// The Mie entry points of the C ABI (miecool.h): efficiencies of homogeneous spheres, many at a time, solved by
/// <see cref="MieSpectrum"/> (in parallel, one workspace per core). Conventions as in <see cref="Convention"/>: m = n + ik
/// with k &gt;= 0 absorbing, x = 2 pi n_env r / lambda0, the index relative to the host m / n_env (as miepython's
/// efficiencies(m, d, lambda0, n_env), whose m is n - ik).
/// </summary>
static class MieExports
{
    /// <summary>
    /// miecool_sphere: for i &lt; count, the sphere of size parameter x[i] and relative index m_re[i] + i m_im[i] into
    /// qext[i], qsca[i], qabs[i] = qext - qsca, qback[i], g[i] (any output may be NULL: not written).
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "miecool_sphere")]
    static unsafe int Sphere(int count, double* x, double* mRe, double* mIm,
                             double* qext, double* qsca, double* qabs, double* qback, double* g)
    {
        const string F = "miecool_sphere";
        try
        {
            Abi.Count(count, F);
            var xs = Abi.In(x, count, F, "x"); var re = Abi.In(mRe, count, F, "m_re"); var im = Abi.In(mIm, count, F, "m_im");
            var s = new MieSpectrum(count, orders: 0);
            for (int i = 0; i < count; i++)
            {
                Abi.Positive(xs[i], F, Abi.Element("x", i, count), "", MieSolver.MaxSizeParameter);
                Abi.Index(re[i], im[i], F, Abi.Element("m", i, count));
                s.X[i] = xs[i]; s.M[i] = new Complex(re[i], im[i]);
            }
            Solve(F, s, count, qext, qsca, qabs, qback, g);
            return Abi.Success();
        }
        catch (Exception e)
        {
            return Abi.Fail(e);
        }
    }

    /// <summary>
    /// miecool_efficiencies: for i &lt; count, the sphere of diameter d_m[i] (m) and index m_re[i] + i m_im[i] in a host of
    /// real index n_env at the vacuum wavelength lambda0_m[i] (m): x = pi d n_env / lambda0, m_rel = m / n_env. Writes x[i]
    /// (may be NULL) and the efficiencies as <see cref="Sphere"/> does.
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "miecool_efficiencies")]
    static unsafe int Efficiencies(int count, double* mRe, double* mIm, double* dM, double* lambda0M, double nEnv,
                                   double* x, double* qext, double* qsca, double* qabs, double* qback, double* g)
    {
        const string F = "miecool_efficiencies";
        try
        {
            Abi.Count(count, F);
            var re = Abi.In(mRe, count, F, "m_re"); var im = Abi.In(mIm, count, F, "m_im");
            var d = Abi.In(dM, count, F, "d"); var lambda0 = Abi.In(lambda0M, count, F, "lambda0");
            Abi.Positive(nEnv, F, "n_env", "");
            var s = new MieSpectrum(count, orders: 0);
            for (int i = 0; i < count; i++)
            {
                Abi.Positive(d[i], F, Abi.Element("d", i, count), " m");
                Abi.Positive(lambda0[i], F, Abi.Element("lambda0", i, count), " m");
                Abi.Index(re[i], im[i], F, Abi.Element("m", i, count));
                s.X[i] = Convention.SizeParameter(d[i] / 2, lambda0[i], nEnv);
                s.M[i] = new Complex(re[i], im[i]) / nEnv;
                Abi.Positive(s.X[i], F, Abi.Element("x = pi d n_env / lambda0", i, count), "", MieSolver.MaxSizeParameter);
            }
            Solve(F, s, count, qext, qsca, qabs, qback, g);
            Abi.Write(s.X, x); // only after a success: on a failure nothing is written
            return Abi.Success();
        }
        catch (Exception e)
        {
            return Abi.Fail(e);
        }
    }

    static unsafe void Solve(string function, MieSpectrum s, int count, double* qext, double* qsca, double* qabs, double* qback,
                             double* g)
    {
        s.ComputeParallel();
        Abi.Finite(s.Qext, function, "Qext"); Abi.Finite(s.Qsca, function, "Qsca");
        Abi.Finite(s.Qback, function, "Qback"); Abi.Finite(s.G, function, "g");
        Abi.Write(s.Qext, qext); Abi.Write(s.Qsca, qsca); Abi.Write(s.Qback, qback); Abi.Write(s.G, g);
        if (qabs != null)
            for (int i = 0; i < count; i++) qabs[i] = s.Qabs(i);
    }
}
