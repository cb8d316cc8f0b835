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

    /// <summary>
    /// The update of a conjugate-gradient step in one pass, x += a p and r -= a q, returning r . r (partial sums per
    /// chunk added in chunk order, as <see cref="Dot"/>).
    /// </summary>
    public static double Step(double a, double[] p, double[] q, double[] x, double[] r)
    {
        int n = r.Length, chunks = Parallelism.Chunks(n);
        if (p.Length < n || q.Length < n || x.Length < n) throw new ArgumentException("vector lengths differ");
        var partial = new double[chunks];
        Parallel.For(0, chunks, Parallelism.Options, c =>
        {
            var (b, e) = Parallelism.Range(c, n, chunks);
            double s0 = 0, s1 = 0;
            int i = b;
            for (; i + 1 < e; i += 2)
            {
                x[i] += a * p[i]; x[i + 1] += a * p[i + 1];
                double r0 = r[i] - a * q[i], r1 = r[i + 1] - a * q[i + 1];
                r[i] = r0; r[i + 1] = r1;
                s0 += r0 * r0; s1 += r1 * r1;
            }
            if (i < e) { x[i] += a * p[i]; double r0 = r[i] - a * q[i]; r[i] = r0; s0 += r0 * r0; }
            partial[c] = s0 + s1;
        });
        double s = 0;
        foreach (var v in partial) s += v;
        return s;
    }

    /// <summary>Runs body(begin, end) over contiguous chunks of [0, n) in parallel.</summary>
    public static void For(int n, Action<int, int> body)
    {
        int chunks = Parallelism.Chunks(n);
        if (chunks == 1) { body(0, n); return; }
        Parallel.For(0, chunks, Parallelism.Options, c => { var (b, e) = Parallelism.Range(c, n, chunks); body(b, e); });
    }
}
