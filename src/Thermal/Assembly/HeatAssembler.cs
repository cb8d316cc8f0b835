using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Diagnostics;
using MieCool.Core;
using MieCool.Mesh;
using MieCool.Mesh.Geometry;
using MieCool.Thermal.LinearAlgebra;

namespace MieCool.Thermal.Assembly;

/// <summary>
/// The discrete system K theta = f of a <see cref="HeatProblem"/> for the rise theta = T - T_ambient, from the weak form
/// <code>
///   sum_regions int k grad theta . grad v dx  +  sum_Robin int h theta v ds
///     =  int q v dx  +  sum_Robin int h theta_inf v ds
/// </code>
/// with fixed temperatures imposed by symmetric elimination (the matrix stays SPD). With an interface conductance G the
/// left side also has int_Gamma G [theta] [v] ds over the particle/substrate interface, whose nodes are doubled: then
/// <see cref="Problem"/> holds the doubled mesh (the mesh's nodes, then one copy per interface node for the substrate
/// side), and at a copy the unknown is the jump theta_particle - theta_substrate rather than theta_substrate (unless that
/// is fixed): the matrix, right-hand sides and <see cref="FixedRise"/> are in these unknowns, <see cref="SourceLoad"/> is
/// per node.
/// </summary>
public sealed class HeatSystem
{
    /// <summary>The problem as assembled (in the solver's node numbering when the solver assembled it).</summary>
    public required HeatProblem Problem { get; init; }
    /// <summary>The connectivity and parallel schedule the matrix was assembled with.</summary>
    public required MeshTopology Topology { get; init; }
    /// <summary>K with the fixed-temperature rows and columns eliminated (diagonal kept), SPD.</summary>
    public required CsrMatrix Matrix { get; init; }
    /// <summary>Right-hand side matching <see cref="Matrix"/>.</summary>
    public required double[] Rhs { get; init; }
    /// <summary>The volume load int q phi_i dx alone (its sum is the total source power, W).</summary>
    public required double[] SourceLoad { get; init; }
    /// <summary>
    /// K before the elimination of fixed temperatures (kept only when there are some: their reactions are the boundary
    /// heat flows); null otherwise.
    /// </summary>
    public CsrMatrix? UnconstrainedMatrix { get; init; }
    /// <summary>
    /// f (volume and Robin loads, W) before the elimination of fixed temperatures, matching
    /// <see cref="UnconstrainedMatrix"/>; null when nothing is fixed.
    /// </summary>
    public double[]? UnconstrainedRhs { get; init; }
    /// <summary>Fixed rise per node, NaN where the node is free.</summary>
    public required double[] FixedRise { get; init; }
    /// <summary>Boundary faces with a convection or far-field condition, and the outward normal side.</summary>
    internal RobinFace[] RobinFaces { get; init; } = [];
    /// <summary>The doubled particle/substrate interface; null for perfect contact or a mesh without interface.</summary>
    internal ThermalInterface? Interface { get; init; }
    /// <summary>
    /// Wall-clock time of the assembly: the topology (when not given), sparsity pattern, element loops and elimination;
    /// <see cref="SteadyHeatSolver"/> adds validation and the node renumbering to it.
    /// </summary>
    public TimeSpan AssemblyTime { get; internal set; }
}

internal readonly record struct RobinFace(int Face, int Tag, int Cell, double Conductivity, double HeatTransfer, double FluidRise,
                                          bool FarField);

/// <summary>Assembles <see cref="HeatSystem"/>s (see there for the weak form).</summary>
public static class HeatAssembler
{
    /// <summary>Quadrature used for the volume source: degree 2 (4 points) for P1, degree 3 (8 points) for P2.</summary>
    public static QuadratureRule SourceRule(int order) => QuadratureRule.Tetrahedron(order == 1 ? 2 : 3);

    /// <summary>
    /// A nodal field (P1 or P2, one value per mesh node) interpolated at every point of <paramref name="points"/>:
    /// u_h(x_p) = sum_a phi_a(x_p) u_a over the nodes of the point's cell.
    /// </summary>
    /// <param name="mesh">The mesh the points and the field belong to.</param>
    /// <param name="points">Quadrature points of some of the mesh's cells.</param>
    /// <param name="nodal">The field's value at each node.</param>
    /// <returns>One value per point, in the points' order.</returns>
    public static double[] AtPoints(TetMesh mesh, SourcePoints points, double[] nodal)
    {
        if (nodal.Length != mesh.NodeCount)
            throw new ArgumentException($"{nodal.Length} nodal values for {mesh.NodeCount} nodes", nameof(nodal));
        int npc = mesh.NodesPerCell, ppc = points.PointsPerCell;
        var values = new double[points.Count];
        Span<double> phi = stackalloc double[10];
        for (int i = 0; i < points.Cells.Length; i++)
        {
            int o = points.Cells[i] * npc;
            for (int q = 0; q < ppc; q++)
            {
                Lagrange.TetValues(npc, points.Rule.Barycentric.AsSpan(4 * q, 4), phi);
                double u = 0;
                for (int a = 0; a < npc; a++) u += phi[a] * nodal[mesh.Cells[o + a]];
                values[i * ppc + q] = u;
            }
        }
        return values;
    }

    /// <summary>
    /// The quadrature points of the cells of <paramref name="regions"/> (e.g. the particle) at which a caller
    /// evaluates a source density for <see cref="VolumetricSource.Sampled"/>.
    /// </summary>
    public static SourcePoints SourcePoints(TetMesh mesh, params int[] regions)
    {
        var rule = SourceRule(mesh.Order);
        var set = regions.ToHashSet();
        var cells = Enumerable.Range(0, mesh.CellCount).Where(c => set.Count == 0 || set.Contains(mesh.CellRegion[c])).ToArray();
        int nq = rule.Count;
        var pos = new double[3 * nq * cells.Length]; var w = new double[nq * cells.Length];
        for (int i = 0; i < cells.Length; i++)
        {
            int c = cells[i];
            double vol = TetGeometry.Of(mesh, c).Volume;
            for (int q = 0; q < nq; q++)
            {
                var (x, y, z) = TetGeometry.PointAt(mesh, c, rule.Barycentric.AsSpan(4 * q, 4));
                int p = i * nq + q;
                pos[3 * p] = x; pos[3 * p + 1] = y; pos[3 * p + 2] = z;
                w[p] = rule.Weights[q] * vol;
            }
        }
        return new SourcePoints(cells, rule, pos, w);
    }

    /// <summary>
    /// Assembles the system; <paramref name="topology"/> may be reused between problems on the same mesh (not with an
    /// interface conductance: the doubled mesh gets its own).
    /// </summary>
    public static HeatSystem Assemble(HeatProblem problem, MeshTopology? topology = null)
    {
        problem.Validate();
        return AssembleValidated(problem, topology);
    }

    /// <summary><see cref="Assemble"/> of a problem its caller has validated (the solver validates once, at its entry).</summary>
    internal static HeatSystem AssembleValidated(HeatProblem problem, MeshTopology? topology)
    {
        var clock = Stopwatch.StartNew();
        var prepared = Prepare(problem, topology);
        return AssemblePrepared(prepared, problem.CellConductivityWPerMK, clock);
    }

    /// <summary>
    /// What a problem's assemblies on one mesh share: the problem on the mesh as assembled (with the particle/substrate
    /// interface doubled when it has a conductance), its topology (sparsity pattern, schedule) and the interface.
    /// </summary>
    internal sealed record Preparation(HeatProblem Problem, MeshTopology Topology, ThermalInterface? Interface);

    /// <summary>The interface doubling and the topology of <paramref name="problem"/>, done once for many assemblies.</summary>
    internal static Preparation Prepare(HeatProblem problem, MeshTopology? topology)
    {
        ThermalInterface? kapitza = null;
        if (problem.InterfaceConductanceWPerM2K is double g && ThermalInterface.Split(problem.Mesh, g) is var (doubled, split))
        {
            problem = problem with { Mesh = doubled };
            kapitza = split;
            topology = null;
        }
        return new Preparation(problem, topology ?? new MeshTopology(problem.Mesh), kapitza);
    }

    /// <summary>
    /// Assembles the prepared problem with the conductivity <paramref name="cellConductivity"/> per cell (null: per region),
    /// reusing the preparation's topology and interface: only the values are computed again.
    /// </summary>
    internal static HeatSystem AssemblePrepared(Preparation prepared, double[]? cellConductivity, Stopwatch? clock = null)
    {
        clock ??= Stopwatch.StartNew();
        var (problem, topology, kapitza) = prepared;
        if (!ReferenceEquals(cellConductivity, problem.CellConductivityWPerMK))
            problem = problem with { CellConductivityWPerMK = cellConductivity };
        var mesh = problem.Mesh;
        var K = topology.CreateMatrix();
        var k = new double[mesh.CellCount];
        if (cellConductivity is not null) Array.Copy(cellConductivity, k, k.Length);
        else for (int c = 0; c < k.Length; c++) k[c] = problem.ConductivityWPerMK[mesh.CellRegion[c]];

        // Volume terms: each node range adds the cells touching it to its own rows only (no locks, no races).
        Parallel.For(0, topology.RangeCells.Length, Parallelism.Options, r =>
            VolumeTerms(mesh, topology.RangeCells[r], topology.RangeStart[r], topology.RangeStart[r + 1], k, K));

        var robin = RobinFaces(problem, topology);
        Span<double> me = stackalloc double[36];
        Span<double> ge = stackalloc double[6];
        foreach (var face in robin)
        {
            RobinTerms(mesh, face, me, ge);
            int npf = mesh.NodesPerFace, o = face.Face * npf;
            for (int a = 0; a < npf; a++)
            {
                int i = mesh.BoundaryFaces[o + a];
                for (int b = 0; b < npf; b++) K.Values[K.Find(i, mesh.BoundaryFaces[o + b])] += me[a * npf + b];
            }
        }
        // Fixed temperatures: keep the unconstrained matrix for the reactions and the loads, then eliminate.
        var fixedRise = FixedRises(problem);
        if (kapitza is not null)
        {
            kapitza.ChooseUnknowns(fixedRise);
            K = kapitza.ToJumpForm(K);
        }
        bool anyFixed = fixedRise.Any(v => !double.IsNaN(v));
        var unconstrained = anyFixed ? K.CloneValues() : null;
        if (anyFixed) EliminateFixed(K, fixedRise);

        var system = new HeatSystem
        {
            Problem = problem, Topology = topology, Matrix = K, Rhs = [], SourceLoad = [], UnconstrainedMatrix = unconstrained,
            FixedRise = fixedRise, RobinFaces = robin, Interface = kapitza,
        };
        return WithSource(system, problem.Source, clock);
    }

    /// <summary>
    /// The system of an assembled operator with the source <paramref name="source"/>: the matrix, boundary terms and fixed
    /// values shared, the right-hand side assembled, f = int q v dx + sum_Robin int h theta_inf v ds with the fixed values'
    /// columns moved over (the same arithmetic, in the same order, as a fresh assembly: bitwise its right-hand side).
    /// </summary>
    internal static HeatSystem WithSource(HeatSystem system, VolumetricSource source, Stopwatch? clock = null)
    {
        clock ??= Stopwatch.StartNew();
        var problem = ReferenceEquals(source, system.Problem.Source) ? system.Problem : system.Problem with { Source = source };
        var (mesh, topology, kapitza) = (problem.Mesh, system.Topology, system.Interface);
        var f = new double[mesh.NodeCount];
        if (source is VolumetricSource.FunctionSource function)
        {
            var sourceRegion = new bool[Math.Max(mesh.CellRegion.DefaultIfEmpty(0).Max(), 0) + 1];
            if (function.Regions.Length == 0) Array.Fill(sourceRegion, true);
            foreach (var r in function.Regions) if (r >= 0 && r < sourceRegion.Length) sourceRegion[r] = true;
            var rule = SourceRule(mesh.Order);
            Parallel.For(0, topology.RangeCells.Length, Parallelism.Options, r =>
                SourceTerms(mesh, topology.RangeCells[r], topology.RangeStart[r], topology.RangeStart[r + 1], f, function,
                            sourceRegion, rule));
        }
        else if (source is VolumetricSource.SampledSource sampled) SourceFromSamples(mesh, sampled, f);

        var rhs = (double[])f.Clone();
        Span<double> me = stackalloc double[36];
        Span<double> ge = stackalloc double[6];
        foreach (var face in system.RobinFaces)
        {
            RobinTerms(mesh, face, me, ge);
            int npf = mesh.NodesPerFace, o = face.Face * npf;
            for (int a = 0; a < npf; a++) rhs[mesh.BoundaryFaces[o + a]] += ge[a];
        }
        if (kapitza is not null) rhs = kapitza.ToJumpForm(rhs);
        var unconstrainedRhs = system.UnconstrainedMatrix is null ? null : (double[])rhs.Clone();
        if (system.UnconstrainedMatrix is { } full) EliminateFixed(full, rhs, system.FixedRise);
        return new HeatSystem
        {
            Problem = problem, Topology = topology, Matrix = system.Matrix, Rhs = rhs, SourceLoad = f,
            UnconstrainedMatrix = system.UnconstrainedMatrix, UnconstrainedRhs = unconstrainedRhs,
            FixedRise = system.FixedRise, RobinFaces = system.RobinFaces, Interface = kapitza, AssemblyTime = clock.Elapsed,
        };
    }

    /// <summary>Conduction terms of the given cells, added to the rows rowBegin .. rowEnd only.</summary>
    static void VolumeTerms(TetMesh mesh, int[] cells, int rowBegin, int rowEnd, double[] k, CsrMatrix K)
    {
        Span<double> ke = stackalloc double[100];
        int npc = mesh.NodesPerCell;
        if (npc == 4 && Vector256.IsHardwareAccelerated)
        {
            VolumeTermsP1(mesh, cells, rowBegin, rowEnd, k, K);
            return;
        }
        foreach (int c in cells)
        {
            var g = TetGeometry.Of(mesh, c);
            Conduction(npc, g, k[c], ke);
            ScatterMatrix(K, mesh, c, ke, rowBegin, rowEnd);
        }
    }

    /// <summary>Source terms int q v dx of the given cells in the source's regions, added to the rows rowBegin .. rowEnd only.</summary>
    static void SourceTerms(TetMesh mesh, int[] cells, int rowBegin, int rowEnd, double[] f, VolumetricSource.FunctionSource source,
                            bool[] sourceRegion, QuadratureRule rule)
    {
        Span<double> fe = stackalloc double[10];
        foreach (int c in cells)
        {
            if (!sourceRegion[mesh.CellRegion[c]]) continue;
            SourceFromFunction(mesh, c, TetGeometry.Of(mesh, c), rule, source, fe);
            ScatterVector(f, mesh, c, fe, rowBegin, rowEnd);
        }
    }

    /// <summary>
    /// The P1 case of <see cref="VolumeTerms"/> without temporaries: the same arithmetic as <see cref="Conduction"/>
    /// (K_ab = k V grad lambda_a . grad lambda_b), but the 16 CSR positions of a cell are found by a branchless
    /// vector count of the columns below j in the row (rows are short and sorted), instead of binary searches whose
    /// unpredictable branches dominated the loop.
    /// </summary>
    static void VolumeTermsP1(TetMesh mesh, int[] cells, int rowBegin, int rowEnd, double[] k, CsrMatrix K)
    {
        var conn = mesh.Cells;
        var v = K.Values; var rp = K.RowPointers; var ci = K.ColumnIndices;
        Span<double> ke = stackalloc double[16];
        foreach (int c in cells)
        {
            int o = 4 * c;
            int i0 = conn[o], i1 = conn[o + 1], i2 = conn[o + 2], i3 = conn[o + 3];
            var g = TetGeometry.Of(mesh, c);
            double kv = k[c] * g.Volume; // k dx (grad lambda constant)
            ke[0] = kv * (g.G0x * g.G0x + g.G0y * g.G0y + g.G0z * g.G0z);
            ke[1] = ke[4] = kv * (g.G0x * g.G1x + g.G0y * g.G1y + g.G0z * g.G1z);
            ke[2] = ke[8] = kv * (g.G0x * g.G2x + g.G0y * g.G2y + g.G0z * g.G2z);
            ke[3] = ke[12] = kv * (g.G0x * g.G3x + g.G0y * g.G3y + g.G0z * g.G3z);
            ke[5] = kv * (g.G1x * g.G1x + g.G1y * g.G1y + g.G1z * g.G1z);
            ke[6] = ke[9] = kv * (g.G1x * g.G2x + g.G1y * g.G2y + g.G1z * g.G2z);
            ke[7] = ke[13] = kv * (g.G1x * g.G3x + g.G1y * g.G3y + g.G1z * g.G3z);
            ke[10] = kv * (g.G2x * g.G2x + g.G2y * g.G2y + g.G2z * g.G2z);
            ke[11] = ke[14] = kv * (g.G2x * g.G3x + g.G2y * g.G3y + g.G2z * g.G3z);
            ke[15] = kv * (g.G3x * g.G3x + g.G3y * g.G3y + g.G3z * g.G3z);
            if ((uint)(i0 - rowBegin) < (uint)(rowEnd - rowBegin)) Scatter(v, rp, ci, i0, i0, i1, i2, i3, ke[0..4]);
            if ((uint)(i1 - rowBegin) < (uint)(rowEnd - rowBegin)) Scatter(v, rp, ci, i1, i0, i1, i2, i3, ke[4..8]);
            if ((uint)(i2 - rowBegin) < (uint)(rowEnd - rowBegin)) Scatter(v, rp, ci, i2, i0, i1, i2, i3, ke[8..12]);
            if ((uint)(i3 - rowBegin) < (uint)(rowEnd - rowBegin)) Scatter(v, rp, ci, i3, i0, i1, i2, i3, ke[12..16]);
        }
    }

    /// <summary>Adds one element row ke (columns j0..j3) to matrix row i.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Scatter(double[] v, int[] rp, int[] ci, int i, int j0, int j1, int j2, int j3, ReadOnlySpan<double> ke)
    {
        RowPositions(rp, ci, i, j0, j1, j2, j3, out int p0, out int p1, out int p2, out int p3);
        v[p0] += ke[0]; v[p1] += ke[1]; v[p2] += ke[2]; v[p3] += ke[3];
    }

    /// <summary>Positions of columns j0..j3 in sorted row i (all present): lo + #(columns &lt; j), counted 8 at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void RowPositions(int[] rp, int[] ci, int i, int j0, int j1, int j2, int j3, out int p0, out int p1, out int p2, out int p3)
    {
        int lo = rp[i], len = rp[i + 1] - lo;
        if (len <= 16 && lo + 16 <= ci.Length)
        {
            ref int r = ref MemoryMarshal.GetArrayDataReference(ci);
            var a = Vector256.LoadUnsafe(ref r, (nuint)lo);
            var b = Vector256.LoadUnsafe(ref r, (nuint)lo + 8);
            uint valid = (uint)((1 << len) - 1);
            p0 = lo + BitOperations.PopCount(Below(a, b, j0) & valid);
            p1 = lo + BitOperations.PopCount(Below(a, b, j1) & valid);
            p2 = lo + BitOperations.PopCount(Below(a, b, j2) & valid);
            p3 = lo + BitOperations.PopCount(Below(a, b, j3) & valid);
            return;
        }
        if (len <= 32 && lo + 32 <= ci.Length)
        {
            ref int r = ref MemoryMarshal.GetArrayDataReference(ci);
            var a = Vector256.LoadUnsafe(ref r, (nuint)lo);
            var b = Vector256.LoadUnsafe(ref r, (nuint)lo + 8);
            var c = Vector256.LoadUnsafe(ref r, (nuint)lo + 16);
            var d = Vector256.LoadUnsafe(ref r, (nuint)lo + 24);
            ulong valid = (1UL << len) - 1;
            p0 = lo + BitOperations.PopCount((Below(a, b, j0) | (ulong)Below(c, d, j0) << 16) & valid);
            p1 = lo + BitOperations.PopCount((Below(a, b, j1) | (ulong)Below(c, d, j1) << 16) & valid);
            p2 = lo + BitOperations.PopCount((Below(a, b, j2) | (ulong)Below(c, d, j2) << 16) & valid);
            p3 = lo + BitOperations.PopCount((Below(a, b, j3) | (ulong)Below(c, d, j3) << 16) & valid);
            return;
        }
        p0 = Search(ci, lo, lo + len, j0); p1 = Search(ci, lo, lo + len, j1);
        p2 = Search(ci, lo, lo + len, j2); p3 = Search(ci, lo, lo + len, j3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static uint Below(Vector256<int> a, Vector256<int> b, int j)
    {
        var vj = Vector256.Create(j);
        return Vector256.LessThan(a, vj).ExtractMostSignificantBits() | Vector256.LessThan(b, vj).ExtractMostSignificantBits() << 8;
    }

    /// <summary>Position of column j in the sorted columns ci[lo..hi) (present).</summary>
    static int Search(int[] ci, int l, int hi, int j)
    {
        int h = hi - 1;
        while (l < h) { int mid = (l + h) >> 1; if (ci[mid] < j) l = mid + 1; else h = mid; }
        return l;
    }

    /// <summary>Conduction term: K_ab = int k(x) grad phi_a . grad phi_b dx (k constant per cell).</summary>
    public static void Conduction(int npc, in TetGeometry g, double k, Span<double> ke)
    {
        if (npc == 4)
        {
            double kv = k * g.Volume; // k dx (grad lambda constant)
            for (int a = 0; a < 4; a++)
            {
                var (ax, ay, az) = g.GradLambda(a);
                for (int b = a; b < 4; b++)
                {
                    var (bx, by, bz) = g.GradLambda(b);
                    ke[4 * a + b] = ke[4 * b + a] = kv * (ax * bx + ay * by + az * bz); // grad phi_a . grad phi_b
                }
            }
            return;
        }
        var rule = Stiffness2; // degree 2 is exact: the gradients of P2 functions are linear
        Span<double> grad = stackalloc double[30];
        ke[..100].Clear();
        for (int q = 0; q < rule.Count; q++)
        {
            Lagrange.TetGradients(10, g, rule.Barycentric.AsSpan(4 * q, 4), grad);
            double kdx = k * rule.Weights[q] * g.Volume; // k(x_q) dx
            for (int a = 0; a < 10; a++)
                for (int b = a; b < 10; b++)
                    ke[10 * a + b] += kdx * (grad[3 * a] * grad[3 * b] + grad[3 * a + 1] * grad[3 * b + 1]
                                             + grad[3 * a + 2] * grad[3 * b + 2]);
        }
        for (int a = 0; a < 10; a++) for (int b = 0; b < a; b++) ke[10 * a + b] = ke[10 * b + a];
    }

    static readonly QuadratureRule Stiffness2 = QuadratureRule.Tetrahedron(2);

    /// <summary>
    /// Volume source term: f_a = int q(x) phi_a dx (closed form for constant q, <see cref="Lagrange.TetIntegral"/>).
    /// </summary>
    internal static void SourceFromFunction(TetMesh mesh, int c, in TetGeometry g, QuadratureRule rule,
                                            VolumetricSource.FunctionSource source, Span<double> fe)
    {
        int npc = mesh.NodesPerCell;
        if (source.Constant is double q0)
        {
            double qv = q0 * g.Volume;
            for (int a = 0; a < npc; a++) fe[a] = Lagrange.TetIntegral(npc, a, qv);
            return;
        }
        var q = source.Density;
        Span<double> phi = stackalloc double[10];
        fe[..npc].Clear();
        for (int p = 0; p < rule.Count; p++)
        {
            var l = rule.Barycentric.AsSpan(4 * p, 4);
            var (x, y, z) = TetGeometry.PointAt(mesh, c, l);
            double qdx = q(x, y, z, mesh.CellRegion[c]) * rule.Weights[p] * g.Volume; // q(x_q) dx
            Lagrange.TetValues(npc, l, phi);
            for (int a = 0; a < npc; a++) fe[a] += qdx * phi[a]; // phi_a(x_q)
        }
    }

    static void SourceFromSamples(TetMesh mesh, VolumetricSource.SampledSource s, double[] f)
    {
        var pts = s.Points; int npc = mesh.NodesPerCell, nq = pts.PointsPerCell;
        if (pts.Rule.Count != SourceRule(mesh.Order).Count)
            throw new InputException("volumetric source", "the sampled source was made for a mesh of another order", "points");
        Span<double> phi = stackalloc double[10];
        for (int i = 0; i < pts.Cells.Length; i++)
        {
            int c = pts.Cells[i], o = c * npc;
            for (int q = 0; q < nq; q++)
            {
                Lagrange.TetValues(npc, pts.Rule.Barycentric.AsSpan(4 * q, 4), phi);
                double qdx = s.Values[i * nq + q] * pts.Weights[i * nq + q]; // q(x_q) dx
                for (int a = 0; a < npc; a++) f[mesh.Cells[o + a]] += qdx * phi[a];
            }
        }
    }

    /// <summary>
    /// Adds the element matrix <paramref name="ke"/> of cell <paramref name="c"/> to the rows rowBegin .. rowEnd of
    /// <paramref name="K"/>: per row the positions of the cell's columns by <see cref="RowPositions(int[], int[], int,
    /// ReadOnlySpan{int}, Span{int})"/>.
    /// </summary>
    static void ScatterMatrix(CsrMatrix K, TetMesh mesh, int c, ReadOnlySpan<double> ke, int rowBegin, int rowEnd)
    {
        int npc = mesh.NodesPerCell, o = c * npc;
        var v = K.Values;
        var columns = mesh.Cells.AsSpan(o, npc);
        Span<int> p = stackalloc int[10];
        for (int a = 0; a < npc; a++)
        {
            int i = columns[a];
            if (i < rowBegin || i >= rowEnd) continue;
            RowPositions(K.RowPointers, K.ColumnIndices, i, columns, p);
            for (int b = 0; b < npc; b++) v[p[b]] += ke[a * npc + b];
        }
    }

    /// <summary>
    /// Positions <paramref name="positions"/> of the columns <paramref name="columns"/> (all present) in the sorted row
    /// <paramref name="i"/>: lo + #(columns of the row below j), counted 8 at a time with a branchless vector compare
    /// (the row's chunks loaded once for all the columns), where binary searches' unpredictable branches dominated the P2
    /// element loop; binary searches without 256-bit vectors.
    /// </summary>
    static void RowPositions(int[] rp, int[] ci, int i, ReadOnlySpan<int> columns, Span<int> positions)
    {
        int lo = rp[i], len = rp[i + 1] - lo, n = columns.Length;
        if (!Vector256.IsHardwareAccelerated || lo + ((len + 7) & ~7) > ci.Length)
        {
            for (int b = 0; b < n; b++) positions[b] = Search(ci, lo, lo + len, columns[b]);
            return;
        }
        for (int b = 0; b < n; b++) positions[b] = lo;
        ref int r = ref MemoryMarshal.GetArrayDataReference(ci);
        for (int k = 0; k < len; k += 8)
        {
            var chunk = Vector256.LoadUnsafe(ref r, (nuint)(lo + k)); // past the row's end: masked off below
            uint valid = len - k >= 8 ? 0xFFu : (1u << (len - k)) - 1;
            for (int b = 0; b < n; b++)
                positions[b] += BitOperations.PopCount(Vector256.LessThan(chunk, Vector256.Create(columns[b])).ExtractMostSignificantBits()
                                                       & valid);
        }
    }

    static void ScatterVector(double[] f, TetMesh mesh, int c, ReadOnlySpan<double> fe, int rowBegin, int rowEnd)
    {
        int npc = mesh.NodesPerCell, o = c * npc;
        for (int a = 0; a < npc; a++) { int i = mesh.Cells[o + a]; if (i >= rowBegin && i < rowEnd) f[i] += fe[a]; }
    }

    static double[] FixedRises(HeatProblem problem)
    {
        var mesh = problem.Mesh;
        var rise = new double[mesh.NodeCount];
        Array.Fill(rise, double.NaN);
        int npf = mesh.NodesPerFace;
        for (int face = 0; face < mesh.BoundaryFaceCount; face++)
            if (problem.Boundaries.TryGetValue(mesh.BoundaryRegion[face], out var bc) && bc is BoundaryCondition.FixedTemperature t)
                for (int a = 0; a < npf; a++) rise[mesh.BoundaryFaces[face * npf + a]] = t.TemperatureK - problem.AmbientTemperatureK;
        return rise;
    }

    static RobinFace[] RobinFaces(HeatProblem problem, MeshTopology topology)
    {
        var mesh = problem.Mesh;
        var faces = new List<RobinFace>();
        var adjacent = new List<int>();
        int npf = mesh.NodesPerFace;
        for (int face = 0; face < mesh.BoundaryFaceCount; face++)
        {
            int tag = mesh.BoundaryRegion[face];
            if (!problem.Boundaries.TryGetValue(tag, out var bc)) continue;
            if (bc is not (BoundaryCondition.Convection or BoundaryCondition.FarField)) continue;
            int o = face * npf;
            topology.CellsOfFace(mesh.BoundaryFaces[o], mesh.BoundaryFaces[o + 1], mesh.BoundaryFaces[o + 2], adjacent);
            if (adjacent.Count != 1)
                throw new InputException("heat problem",
                    $"a convection or far-field condition on surface {Tags.RegionName(tag)} ({tag}), " +
                    $"but its face {face} has {adjacent.Count} adjacent cells", "boundary", tag.ToString(), "an outer surface of the mesh");
            int cell = adjacent[0];
            double kc = problem.ConductivityWPerMK[mesh.CellRegion[cell]];
            faces.Add(bc switch
            {
                BoundaryCondition.Convection cv => new RobinFace(face, tag, cell, kc, cv.HeatTransferCoefficientWPerM2K,
                                                                 cv.FluidTemperatureK - problem.AmbientTemperatureK, false),
                _ => new RobinFace(face, tag, cell, kc, 0, 0, true),
            });
        }
        return faces.ToArray();
    }

    static readonly QuadratureRule FaceRule1 = QuadratureRule.Triangle(3), FaceRule2 = QuadratureRule.Triangle(5);

    /// <summary>
    /// Robin term of one face: M_ab = int h(x) phi_a phi_b ds and g_a = int h(x) theta_inf phi_a ds, where
    /// h is the convection coefficient or, for the far field, h(x) = k (n . r) / |r|^2.
    /// </summary>
    internal static void RobinTerms(TetMesh mesh, in RobinFace face, Span<double> me, Span<double> ge)
    {
        int npf = mesh.NodesPerFace, o = face.Face * npf;
        var x = mesh.Nodes;
        int v0 = 3 * mesh.BoundaryFaces[o], v1 = 3 * mesh.BoundaryFaces[o + 1], v2 = 3 * mesh.BoundaryFaces[o + 2];
        double ux = x[v1] - x[v0], uy = x[v1 + 1] - x[v0 + 1], uz = x[v1 + 2] - x[v0 + 2];
        double wx = x[v2] - x[v0], wy = x[v2 + 1] - x[v0 + 1], wz = x[v2 + 2] - x[v0 + 2];
        double nx = uy * wz - uz * wy, ny = uz * wx - ux * wz, nz = ux * wy - uy * wx;
        double twiceArea = Math.Sqrt(nx * nx + ny * ny + nz * nz);
        nx /= twiceArea; ny /= twiceArea; nz /= twiceArea;
        // Outward: away from the cell's vertex that is not on the face.
        int co = face.Cell * mesh.NodesPerCell;
        for (int a = 0; a < 4; a++)
        {
            int v = mesh.Cells[co + a];
            if (3 * v == v0 || 3 * v == v1 || 3 * v == v2) continue;
            if ((x[3 * v] - x[v0]) * nx + (x[3 * v + 1] - x[v0 + 1]) * ny + (x[3 * v + 2] - x[v0 + 2]) * nz > 0)
            {
                nx = -nx; ny = -ny; nz = -nz;
            }
        }
        double area = 0.5 * twiceArea;
        var (cx, cy, cz) = mesh.Particle?.Center ?? (0, 0, 0);
        var rule = npf == 3 ? FaceRule1 : FaceRule2;
        Span<double> phi = stackalloc double[6];
        me[..(npf * npf)].Clear(); ge[..npf].Clear();
        for (int q = 0; q < rule.Count; q++)
        {
            var l = rule.Barycentric.AsSpan(3 * q, 3);
            double h = face.HeatTransfer;
            if (face.FarField)
            {
                double px = l[0] * x[v0] + l[1] * x[v1] + l[2] * x[v2] - cx;
                double py = l[0] * x[v0 + 1] + l[1] * x[v1 + 1] + l[2] * x[v2 + 1] - cy;
                double pz = l[0] * x[v0 + 2] + l[1] * x[v1 + 2] + l[2] * x[v2 + 2] - cz;
                h = face.Conductivity * (nx * px + ny * py + nz * pz) / (px * px + py * py + pz * pz); // k (n . r) / |r|^2
            }
            double hds = h * rule.Weights[q] * area; // h(x_q) ds
            Lagrange.TriangleValues(npf, l, phi);
            for (int a = 0; a < npf; a++)
            {
                ge[a] += hds * face.FluidRise * phi[a];
                for (int b = 0; b < npf; b++) me[a * npf + b] += hds * phi[a] * phi[b];
            }
        }
    }

    /// <summary>
    /// Symmetric elimination, the matrix's part: the rows and columns of fixed nodes cleared but for their diagonal
    /// (a_jj theta_j = a_jj g_j; a_jj = 1 where it is not positive).
    /// </summary>
    static void EliminateFixed(CsrMatrix K, double[] fixedRise)
    {
        var rp = K.RowPointers; var ci = K.ColumnIndices; var v = K.Values;
        Vectors.For(K.Size, (b, e) =>
        {
            for (int i = b; i < e; i++)
            {
                if (!double.IsNaN(fixedRise[i])) continue;
                for (int p = rp[i]; p < rp[i + 1]; p++) if (!double.IsNaN(fixedRise[ci[p]])) v[p] = 0;
            }
        });
        for (int i = 0; i < K.Size; i++)
        {
            if (double.IsNaN(fixedRise[i])) continue;
            bool positive = false;
            for (int p = rp[i]; p < rp[i + 1]; p++) { if (ci[p] == i) positive = v[p] > 0; else v[p] = 0; }
            if (!positive) v[K.Find(i, i)] = 1;
        }
    }

    /// <summary>
    /// Symmetric elimination, the right-hand side's part, from the matrix before elimination <paramref name="unconstrained"/>:
    /// column j of a fixed node moves to the right-hand side, b_i -= a_ij g_j; its row's value becomes a_jj g_j.
    /// </summary>
    static void EliminateFixed(CsrMatrix unconstrained, double[] rhs, double[] fixedRise)
    {
        var rp = unconstrained.RowPointers; var ci = unconstrained.ColumnIndices; var v = unconstrained.Values;
        Vectors.For(unconstrained.Size, (b, e) =>
        {
            for (int i = b; i < e; i++)
            {
                if (!double.IsNaN(fixedRise[i])) continue;
                for (int p = rp[i]; p < rp[i + 1]; p++)
                {
                    double g = fixedRise[ci[p]];
                    if (!double.IsNaN(g)) rhs[i] -= v[p] * g;
                }
            }
        });
        for (int i = 0; i < unconstrained.Size; i++)
        {
            double g = fixedRise[i];
            if (double.IsNaN(g)) continue;
            double diag = 0;
            for (int p = rp[i]; p < rp[i + 1]; p++) if (ci[p] == i) diag = v[p];
            rhs[i] = (diag > 0 ? diag : 1) * g;
        }
    }
}
