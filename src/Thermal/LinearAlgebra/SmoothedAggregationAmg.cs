using MieCool.Core;

namespace MieCool.Thermal.LinearAlgebra;

/// <summary>
/// Smoothed-aggregation algebraic multigrid (Vanek, Mandel and Brezina, Computing 56, 1996) as a symmetric
/// V-cycle preconditioner for conjugate gradients:
/// strength of connection |a_ij| >= eps sqrt(a_ii a_jj); greedy aggregation of strong neighbourhoods;
/// tentative prolongator T (piecewise constant, the near-null space of diffusion); smoothed prolongator
/// P = (I - omega D^-1 A) T with omega = 4 / (3 rho(D^-1 A)); Galerkin coarse operators A_c = P^T A P;
/// Chebyshev smoothing on D^-1 A over [0.1, 1.1] rho (Adams, Brezina, Hu and Tuminaro, JCP 188, 2003);
/// dense Cholesky on the coarsest level.
/// </summary>
public sealed class SmoothedAggregationAmg : IPreconditioner
{
    sealed class Level
    {
        public required CsrMatrix A;
        public required double[] InverseDiagonal;
        public required double SpectralRadius; // of D^-1 A
        public CsrMatrix? P, R;                // to and from the next coarser level
        public double[] X = [], B = [], Rv = [], D = [];
    }

    readonly List<Level> levels = [];
    readonly MathNet.Numerics.LinearAlgebra.Factorization.Cholesky<double>? coarse;
    /// <summary>Chebyshev steps before and after each coarse-grid correction (the V-cycle's pre- and post-smoothing).</summary>
    public int ChebyshevDegree { get; }
    /// <inheritdoc/>
    public string Name => "amg";
    /// <summary>Unknowns per level, finest first.</summary>
    public IReadOnlyList<int> LevelSizes => levels.Select(l => l.A.Size).ToArray();
    /// <summary>Sum of nonzeros over all levels divided by those of the finest matrix.</summary>
    public double OperatorComplexity => levels.Sum(l => (double)l.A.NonZeros) / levels[0].A.NonZeros;

    /// <summary>
    /// Builds the hierarchy: levels are coarsened until one has at most <paramref name="coarsestSize"/> unknowns, there are
    /// <paramref name="maxLevels"/> of them, or aggregation stalls (no aggregates, or at least 0.8 as many as unknowns);
    /// the coarsest is factorised densely when it has at most 6000 unknowns, else smoothed by 8 Chebyshev steps.
    /// </summary>
    /// <param name="A">The SPD fine-level matrix.</param>
    /// <param name="strengthThreshold">eps of the strength of connection on the finest level, halved on each coarser one.</param>
    /// <param name="coarsestSize">Stop coarsening at this many unknowns.</param>
    /// <param name="maxLevels">Most levels, the finest included.</param>
    /// <param name="chebyshevDegree">Chebyshev steps per smoothing (<see cref="ChebyshevDegree"/>).</param>
    public SmoothedAggregationAmg(CsrMatrix A, double strengthThreshold = 0.08, int coarsestSize = 400, int maxLevels = 12,
                                  int chebyshevDegree = 2)
    {
        ChebyshevDegree = chebyshevDegree;
        var current = A;
        double eps = strengthThreshold;
        while (true)
        {
            var level = MakeLevel(current);
            levels.Add(level);
            if (current.Size <= coarsestSize || levels.Count == maxLevels) break;
            var aggregate = Aggregate(current, eps, out int aggregates);
            if (aggregates == 0 || aggregates >= 0.8 * current.Size) break; // coarsening stalled
            var P = SmoothedProlongator(level, aggregate, aggregates);
            var R = P.Transpose();
            level.P = P; level.R = R;
            var AP = CsrMatrix.Multiply(current, P, sortRows: false);
            current = CsrMatrix.Multiply(R, AP, sortRows: false); // Galerkin: P^T A P
            eps *= 0.5;
        }
        var last = levels[^1];
        if (last.A.Size <= 6000)
        {
            var dense = MathNet.Numerics.LinearAlgebra.Double.DenseMatrix.OfArray(last.A.ToDense());
            try { coarse = dense.Cholesky(); }
            catch (ArgumentException e)
            {
                throw new ComputationException("AMG: the coarsest matrix is not positive definite; the problem is not SPD " +
                                               "(check boundary conditions) or use preconditioner \"ic0\"", e);
            }
        }
        foreach (var l in levels)
        {
            int n = l.A.Size;
            l.X = new double[n]; l.B = new double[n]; l.Rv = new double[n]; l.D = new double[n];
        }
    }

    static Level MakeLevel(CsrMatrix A)
    {
        var d = A.Diagonal();
        for (int i = 0; i < d.Length; i++)
        {
            if (!(d[i] > 0))
                throw new ComputationException($"AMG: diagonal entry {i} is {d[i]:g3}; the matrix is not SPD " +
                                               "(check conductivities and boundary conditions)");
            d[i] = 1 / d[i];
        }
        return new Level { A = A, InverseDiagonal = d, SpectralRadius = SpectralRadius(A, d) };
    }

    /// <summary>rho(D^-1 A) by power iteration (15 steps from a fixed pseudo-random start), raised 5 % for safety.</summary>
    static double SpectralRadius(CsrMatrix A, double[] invDiag)
    {
        int n = A.Size;
        var x = new double[n]; var y = new double[n];
        var rng = new Random(12345);
        for (int i = 0; i < n; i++) x[i] = rng.NextDouble() + 0.5;
        double lambda = 1;
        for (int it = 0; it < 15; it++)
        {
            double norm = Vectors.Norm(x);
            for (int i = 0; i < n; i++) x[i] /= norm;
            A.Multiply(x, y);
            for (int i = 0; i < n; i++) y[i] *= invDiag[i];
            lambda = Vectors.Norm(y);
            (x, y) = (y, x);
        }
        return 1.05 * lambda;
    }

    /// <summary>
    /// Greedy aggregation over strong connections: (1) a node whose strong neighbours are all free roots an
    /// aggregate with them; (2) leftovers join the aggregate of their strongest aggregated neighbour; (3) any
    /// still left form aggregates with their free strong neighbours. Nodes without strong neighbours (e.g.
    /// eliminated fixed temperatures) stay unaggregated: the smoother alone handles them. Returns the aggregate
    /// of each node (-1 for none).
    /// </summary>
    static int[] Aggregate(CsrMatrix A, double eps, out int count)
    {
        int n = A.Size;
        var rp = A.RowPointers; var ci = A.ColumnIndices; var v = A.Values;
        var diag = A.Diagonal();
        var strong = new bool[A.NonZeros];
        var hasStrong = new bool[n];
        Vectors.For(n, (b, e) =>
        {
            for (int i = b; i < e; i++)
                for (int p = rp[i]; p < rp[i + 1]; p++)
                {
                    int j = ci[p];
                    if (j != i && v[p] * v[p] >= eps * eps * Math.Abs(diag[i] * diag[j])) { strong[p] = true; hasStrong[i] = true; }
                }
        });
        var agg = new int[n]; Array.Fill(agg, -1);
        count = 0;
        // Phase 1
        for (int i = 0; i < n; i++)
        {
            if (agg[i] >= 0 || !hasStrong[i]) continue;
            bool free = true;
            for (int p = rp[i]; p < rp[i + 1] && free; p++) if (strong[p] && agg[ci[p]] >= 0) free = false;
            if (!free) continue;
            agg[i] = count;
            for (int p = rp[i]; p < rp[i + 1]; p++) if (strong[p]) agg[ci[p]] = count;
            count++;
        }
        // Phase 2
        var phase1 = (int[])agg.Clone();
        for (int i = 0; i < n; i++)
        {
            if (agg[i] >= 0 || !hasStrong[i]) continue;
            double best = 0; int target = -1;
            for (int p = rp[i]; p < rp[i + 1]; p++)
                if (strong[p] && phase1[ci[p]] >= 0 && Math.Abs(v[p]) > best) { best = Math.Abs(v[p]); target = phase1[ci[p]]; }
            if (target >= 0) agg[i] = target;
        }
        // Phase 3
        for (int i = 0; i < n; i++)
        {
            if (agg[i] >= 0 || !hasStrong[i]) continue;
            agg[i] = count;
            for (int p = rp[i]; p < rp[i + 1]; p++) if (strong[p] && agg[ci[p]] < 0) agg[ci[p]] = count;
            count++;
        }
        return agg;
    }

    /// <summary>
    /// P = (I - omega D^-1 A) T, omega = 4 / (3 rho), T_{i, agg(i)} = 1, formed directly: row i of P is
    /// e_agg(i) - (omega / a_ii) sum_j a_ij e_agg(j) (symbolic count, then fill).
    /// </summary>
    static CsrMatrix SmoothedProlongator(Level level, int[] agg, int aggregates)
    {
        var A = level.A; int n = A.Size;
        double omega = 4.0 / (3.0 * level.SpectralRadius);
        var inv = level.InverseDiagonal;
        var arp = A.RowPointers; var aci = A.ColumnIndices; var av = A.Values;
        int chunks = Math.Max(1, Math.Min(4 * Parallelism.Threads, n / 2000));
        var rp = new int[n + 1];
        Parallel.For(0, chunks, Parallelism.Options, chunk =>
        {
            var (b, e) = Parallelism.Range(chunk, n, chunks);
            var mark = new int[aggregates]; Array.Fill(mark, -1);
            for (int i = b; i < e; i++)
            {
                int count = 0;
                for (int p = arp[i]; p < arp[i + 1]; p++) { int g = agg[aci[p]]; if (g >= 0 && mark[g] != i) { mark[g] = i; count++; } }
                if (agg[i] >= 0 && mark[agg[i]] != i) count++;
                rp[i + 1] = count;
            }
        });
        for (int i = 0; i < n; i++) rp[i + 1] += rp[i];
        var ci = new int[rp[n]]; var v = new double[rp[n]];
        Parallel.For(0, chunks, Parallelism.Options, chunk =>
        {
            var (b, e) = Parallelism.Range(chunk, n, chunks);
            var pos = new int[aggregates]; Array.Fill(pos, -1);
            for (int i = b; i < e; i++)
            {
                int start = rp[i], count = start;
                double scale = omega * inv[i];
                void Add(int g, double x)
                {
                    int at = pos[g];
                    if (at < start) { at = count++; pos[g] = at; ci[at] = g; v[at] = 0; }
                    v[at] += x;
                }
                if (agg[i] >= 0) Add(agg[i], 1);
                for (int p = arp[i]; p < arp[i + 1]; p++) { int g = agg[aci[p]]; if (g >= 0) Add(g, -scale * av[p]); }
            }
        });
        return new CsrMatrix(n, rp, ci, v, aggregates);
    }

    /// <summary>
    /// z = one symmetric V-cycle for A z = r from z = 0: a fixed symmetric linear operator, as conjugate gradients needs.
    /// </summary>
    public void Apply(double[] r, double[] z)
    {
        var fine = levels[0];
        Array.Copy(r, fine.B, r.Length);
        Cycle(0);
        Array.Copy(fine.X, z, r.Length);
    }

    /// <summary>V-cycle on level l for A x = b from x = 0: Chebyshev, coarse correction, Chebyshev (symmetric).</summary>
    void Cycle(int l)
    {
        var L = levels[l];
        if (l == levels.Count - 1)
        {
            if (coarse is not null)
            {
                var x = coarse.Solve(MathNet.Numerics.LinearAlgebra.Double.DenseVector.OfArray(L.B));
                for (int i = 0; i < L.X.Length; i++) L.X[i] = x[i];
            }
            else { Array.Clear(L.X); Chebyshev(L, 8, zeroStart: true); }
            return;
        }
        Array.Clear(L.X);
        Chebyshev(L, ChebyshevDegree, zeroStart: true);
        // Residual, restriction, coarse solve, prolongation.
        L.A.Multiply(L.X, L.Rv);
        Vectors.For(L.Rv.Length, (b, e) => { for (int i = b; i < e; i++) L.Rv[i] = L.B[i] - L.Rv[i]; });
        var C = levels[l + 1];
        L.R!.Multiply(L.Rv, C.B);
        Cycle(l + 1);
        L.P!.Multiply(C.X, L.Rv);
        Vectors.Axpy(1, L.Rv, L.X);
        Chebyshev(L, ChebyshevDegree, zeroStart: false);
    }

    /// <summary>
    /// m steps of Chebyshev iteration for A x = b preconditioned by D, eigenvalues of D^-1 A taken in
    /// [0.1, 1.1] rho (Saad, Iterative Methods, Alg. 12.1).
    /// </summary>
    static void Chebyshev(Level L, int m, bool zeroStart)
    {
        double lmax = 1.1 * L.SpectralRadius / 1.05, lmin = 0.1 * L.SpectralRadius / 1.05;
        double theta = 0.5 * (lmax + lmin), delta = 0.5 * (lmax - lmin), sigma = theta / delta;
        double rho = 1 / sigma;
        var x = L.X; var b = L.B; var r = L.Rv; var d = L.D; var inv = L.InverseDiagonal;
        if (zeroStart) Vectors.For(r.Length, (s, e) => { for (int i = s; i < e; i++) d[i] = inv[i] * b[i] / theta; });
        else
        {
            L.A.Multiply(x, r);
            Vectors.For(r.Length, (s, e) => { for (int i = s; i < e; i++) d[i] = inv[i] * (b[i] - r[i]) / theta; });
        }
        for (int k = 0; k < m; k++)
        {
            Vectors.Axpy(1, d, x);
            if (k == m - 1) break;
            L.A.Multiply(x, r);
            double rhoNew = 1 / (2 * sigma - rho);
            double c1 = rhoNew * rho, c2 = 2 * rhoNew / delta;
            Vectors.For(r.Length, (s, e) =>
            {
                for (int i = s; i < e; i++) { double ri = b[i] - r[i]; d[i] = c1 * d[i] + c2 * inv[i] * ri; }
            });
            rho = rhoNew;
        }
    }
}
