using System.Collections.Concurrent;
using System.Numerics;

namespace MieCool.Optics.Mie;

/// <summary>
/// Efficiencies and multipole parts of a homogeneous sphere over many size parameters (a spectrum), stored as
/// arrays. <see cref="Compute"/> runs serially into preallocated storage without allocating per point;
/// <see cref="ComputeParallel"/> splits the points over cores with one <see cref="MieWorkspace"/> per thread.
/// Multipoles n = 1..<see cref="Orders"/> are stored (orders beyond that still enter the totals).
/// </summary>
public sealed class MieSpectrum
{
    readonly double[] _mpExt, _mpSca;

    /// <summary>Storage for <paramref name="count"/> points and multipole orders 1..<paramref name="orders"/>.</summary>
    public MieSpectrum(int count, int orders)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(orders);
        Count = count; Orders = orders;
        X = new double[count]; M = new Complex[count]; NMax = new int[count];
        Qext = new double[count]; Qsca = new double[count]; Qback = new double[count]; G = new double[count];
        _mpExt = new double[count * orders * 2]; _mpSca = new double[count * orders * 2];
    }

    /// <summary>Number of points (size parameters) of the spectrum.</summary>
    public int Count { get; }
    /// <summary>Highest multipole order stored.</summary>
    public int Orders { get; }
    /// <summary>Size parameter x = 2 pi n_host r / lambda0 of each point (set by <see cref="Solve"/>, or by the caller).</summary>
    public double[] X { get; }
    /// <summary>Relative index m = m_particle / n_host (m = n + ik, k &gt;= 0) of each point (set as <see cref="X"/>).</summary>
    public Complex[] M { get; }
    /// <summary>Number of series terms used at each point (Wiscombe's criterion for its x).</summary>
    public int[] NMax { get; }
    /// <summary>Extinction efficiency Cext / (pi r^2) of each point (B&amp;H eq. 4.62).</summary>
    public double[] Qext { get; }
    /// <summary>Scattering efficiency Csca / (pi r^2) of each point (B&amp;H eq. 4.61).</summary>
    public double[] Qsca { get; }
    /// <summary>Backscattering (radar) efficiency of each point (B&amp;H eq. 4.82).</summary>
    public double[] Qback { get; }
    /// <summary>Asymmetry parameter g = &lt;cos theta&gt; of each point (B&amp;H p. 120).</summary>
    public double[] G { get; }
    /// <summary>Absorption efficiency Qext - Qsca at point <paramref name="i"/>.</summary>
    public double Qabs(int i) => Qext[i] - Qsca[i];
    /// <summary>The efficiencies at point <paramref name="i"/> as a record, with Qpr = Qext - g Qsca.</summary>
    public MieEfficiencies Efficiencies(int i) => new(Qext[i], Qsca[i], Qback[i], G[i], Qext[i] - G[i] * Qsca[i]);

    /// <summary>Part of order n (1..Orders) and type at point i; zero beyond that point's NMax.</summary>
    public MultipoleEfficiencies Multipole(int i, int n, MultipoleType type)
    {
        if (n < 1 || n > Orders) throw new ArgumentOutOfRangeException(nameof(n), n, $"stored multipole orders are 1..{Orders}");
        int k = (i * Orders + n - 1) * 2 + (int)type;
        return new MultipoleEfficiencies(_mpExt[k], _mpSca[k], _mpExt[k] - _mpSca[k]);
    }

    /// <summary>Solves every point, in parallel, storing all multipole orders of the largest x.</summary>
    public static MieSpectrum Solve(ReadOnlySpan<double> x, ReadOnlySpan<Complex> m, bool parallel = true)
    {
        if (x.Length != m.Length) throw new ArgumentException($"{x.Length} size parameters but {m.Length} indices");
        double xmax = 0;
        foreach (var v in x) xmax = Math.Max(xmax, v);
        var s = new MieSpectrum(x.Length, x.Length == 0 ? 0 : MieKernel.TermCount(xmax));
        x.CopyTo(s.X); m.CopyTo(s.M);
        if (parallel) s.ComputeParallel(); else s.Compute(new MieWorkspace());
        return s;
    }

    /// <summary>
    /// Spectrum of a homogeneous sphere of <paramref name="radius"/> (m) in a host of real index
    /// <paramref name="hostIndex"/> at the given vacuum wavelengths (m): x = 2 pi n_host r / lambda0 and
    /// m = m_particle(lambda0) / n_host (<see cref="Convention"/>). The material throws outside its data range.
    /// </summary>
    public static MieSpectrum ForSphere(double radius, ReadOnlySpan<double> vacuumWavelengths, IRefractiveIndex particle,
                                        double hostIndex = 1.0, bool parallel = true)
    {
        if (!(radius > 0) || !double.IsFinite(radius))
            throw new ArgumentOutOfRangeException(nameof(radius), radius, "radius must be > 0 (m)");
        if (!(hostIndex > 0) || !double.IsFinite(hostIndex))
            throw new ArgumentOutOfRangeException(nameof(hostIndex), hostIndex, "host index must be real and > 0");
        var x = new double[vacuumWavelengths.Length]; var m = new Complex[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = Convention.SizeParameter(radius, vacuumWavelengths[i], hostIndex);
            m[i] = particle.At(vacuumWavelengths[i]) / hostIndex;
        }
        return Solve(x, m, parallel);
    }

    /// <summary>Solves the points set in <see cref="X"/> and <see cref="M"/>, serially, in the given workspace.</summary>
    public void Compute(MieWorkspace workspace) => ComputeRange(0, Count, workspace);

    /// <summary>Solves the points set in <see cref="X"/> and <see cref="M"/> on up to maxDegreeOfParallelism cores.</summary>
    public void ComputeParallel(int? maxDegreeOfParallelism = null)
    {
        int cores = maxDegreeOfParallelism ?? Environment.ProcessorCount;
        if (cores <= 1 || Count < 64) { Compute(new MieWorkspace()); return; }
        int chunk = (Count + cores - 1) / cores;   // one contiguous block per core: the work per point is ~1 us
        Parallel.ForEach(Partitioner.Create(0, Count, chunk), new ParallelOptions { MaxDegreeOfParallelism = cores },
            () => new MieWorkspace(),
            (range, _, ws) => { ComputeRange(range.Item1, range.Item2, ws); return ws; },
            _ => { });
    }

    void ComputeRange(int from, int to, MieWorkspace ws)
    {
        for (int i = from; i < to; i++)
        {
            ws.Sphere(X[i], M[i]);
            NMax[i] = ws.NMax; Qext[i] = ws.Qext; Qsca[i] = ws.Qsca; Qback[i] = ws.Qback; G[i] = ws.G;
            // per-order parts, B&H eqs. 4.61-4.62 term by term
            double x2 = X[i] * X[i];
            var a = ws.A; var b = ws.B;
            int top = Math.Min(Orders, ws.NMax), k = i * Orders * 2;
            for (int n = 1; n <= top; n++, k += 2)
            {
                double f = 2.0 * (2 * n + 1) / x2;   // as in MieResult.MultipoleOf
                Complex an = a[n - 1], bn = b[n - 1];
                _mpExt[k] = f * an.Real; _mpSca[k] = f * (an.Real * an.Real + an.Imaginary * an.Imaginary);
                _mpExt[k + 1] = f * bn.Real; _mpSca[k + 1] = f * (bn.Real * bn.Real + bn.Imaginary * bn.Imaginary);
            }
            for (int n = top + 1; n <= Orders; n++, k += 2) { _mpExt[k] = _mpSca[k] = _mpExt[k + 1] = _mpSca[k + 1] = 0; }
        }
    }
}
