namespace MieCool.Thermal.LinearAlgebra;

/// <summary>Parallel BLAS-1 kernels on arrays of equal length.</summary>
public static class Vectors
{
    /// <summary>
    /// x . y over the length of <paramref name="x"/>: partial sums per chunk, added in chunk order, so the result depends
    /// on <see cref="Parallelism.Threads"/> but not on scheduling.
    /// </summary>
    public static double Dot(double[] x, double[] y)
    {
        int n = x.Length, chunks = Parallelism.Chunks(n);
        if (chunks == 1) return DotRange(x, y, 0, n);
        var partial = new double[chunks];
        Parallel.For(0, chunks, Parallelism.Options, c =>
        {
            var (b, e) = Parallelism.Range(c, n, chunks);
            partial[c] = DotRange(x, y, b, e);
        });
        double s = 0;
        foreach (var p in partial) s += p;
        return s;
    }

    static double DotRange(double[] x, double[] y, int b, int e)
    {
        double s0 = 0, s1 = 0;
        int i = b;
        for (; i + 1 < e; i += 2) { s0 += x[i] * y[i]; s1 += x[i + 1] * y[i + 1]; }
        if (i < e) s0 += x[i] * y[i];
        return s0 + s1;
    }

    /// <summary>Euclidean norm |x| = sqrt(x . x).</summary>
    public static double Norm(double[] x) => Math.Sqrt(Dot(x, x));

    /// <summary>y += a x.</summary>
    public static void Axpy(double a, double[] x, double[] y) =>
        For(y.Length, (b, e) => { for (int i = b; i < e; i++) y[i] += a * x[i]; });

    /// <summary>p = z + beta p.</summary>
    public static void Xpby(double[] z, double beta, double[] p) =>
        For(p.Length, (b, e) => { for (int i = b; i < e; i++) p[i] = z[i] + beta * p[i]; });

    /// <summary>Runs body(begin, end) over contiguous chunks of [0, n) in parallel.</summary>
    public static void For(int n, Action<int, int> body)
    {
        int chunks = Parallelism.Chunks(n);
        if (chunks == 1) { body(0, n); return; }
        Parallel.For(0, chunks, Parallelism.Options, c => { var (b, e) = Parallelism.Range(c, n, chunks); body(b, e); });
    }
}
