using System.Diagnostics;
using MieCool.Core;
using MieCool.Mesh;
using MieCool.Thermal.LinearAlgebra;

namespace MieCool.Thermal.Assembly;

/// <summary>
/// The discrete system K theta = f of a <see cref="HeatProblem"/> for the rise theta = T - T_ambient, from the weak form
/// <code>
///   sum_regions int k grad theta . grad v dx  +  sum_Robin int h theta v ds  =  int q v dx  +  sum_Robin int h theta_inf v ds
/// </code>
/// with fixed temperatures imposed by symmetric elimination (the matrix stays SPD).
/// </summary>
public sealed class HeatSystem
{
    public required HeatProblem Problem { get; init; }
    public required MeshTopology Topology { get; init; }
    /// <summary>K with the fixed-temperature rows and columns eliminated (diagonal kept), SPD.</summary>
    public required CsrMatrix Matrix { get; init; }
    /// <summary>Right-hand side matching <see cref="Matrix"/>.</summary>
    public required double[] Rhs { get; init; }
    /// <summary>The volume load int q phi_i dx alone (its sum is the total source power, W).</summary>
    public required double[] SourceLoad { get; init; }
    /// <summary>K and f before the elimination of fixed temperatures (kept only when there are some: their reactions are the boundary heat flows).</summary>
    public CsrMatrix? UnconstrainedMatrix { get; init; }
    public double[]? UnconstrainedRhs { get; init; }
    /// <summary>Fixed rise per node, NaN where the node is free.</summary>
    public required double[] FixedRise { get; init; }
    /// <summary>Boundary faces with a convection or far-field condition, and the outward normal side.</summary>
    internal RobinFace[] RobinFaces { get; init; } = [];
    public TimeSpan AssemblyTime { get; internal set; }
}

internal readonly record struct RobinFace(int Face, int Tag, int Cell, double Conductivity, double HeatTransfer, double FluidRise, bool FarField);

/// <summary>Assembles <see cref="HeatSystem"/>s (see there for the weak form).</summary>
public static class HeatAssembler
{
    /// <summary>Quadrature used for the volume source: degree 2 (4 points) for P1, degree 3 (27 points) for P2.</summary>
    public static QuadratureRule SourceRule(int order) => QuadratureRule.Tetrahedron(order == 1 ? 2 : 3);

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
                var (x, y, z) = PointAt(mesh, c, rule.Barycentric.AsSpan(4 * q, 4));
                int p = i * nq + q;
                pos[3 * p] = x; pos[3 * p + 1] = y; pos[3 * p + 2] = z;
                w[p] = rule.Weights[q] * vol;
            }
        }
        return new SourcePoints(cells, rule, pos, w);
    }

    static (double X, double Y, double Z) PointAt(TetMesh mesh, int cell, ReadOnlySpan<double> l)
    {
        double x = 0, y = 0, z = 0; int o = cell * mesh.NodesPerCell;
        for (int a = 0; a < 4; a++)
        {
            int v = 3 * mesh.Cells[o + a];
            x += l[a] * mesh.Nodes[v]; y += l[a] * mesh.Nodes[v + 1]; z += l[a] * mesh.Nodes[v + 2];
        }
        return (x, y, z);
    }

    /// <summary>Assembles the system; <paramref name="topology"/> may be reused between problems on the same mesh.</summary>
    public static HeatSystem Assemble(HeatProblem problem, MeshTopology? topology = null)
    {
        problem.Validate();
        var clock = Stopwatch.StartNew();
        var mesh = problem.Mesh;
        topology ??= new MeshTopology(mesh);
        var K = topology.CreateMatrix();
        var f = new double[mesh.NodeCount];
        var k = new double[mesh.CellCount];
        for (int c = 0; c < k.Length; c++) k[c] = problem.ConductivityWPerMK[mesh.CellRegion[c]];

        var functionSource = problem.Source as VolumetricSource.FunctionSource;
        bool[]? sourceRegion = null;
        if (functionSource is not null)
        {
            sourceRegion = new bool[Math.Max(mesh.CellRegion.DefaultIfEmpty(0).Max(), 0) + 1];
            if (functionSource.Regions.Length == 0) Array.Fill(sourceRegion, true);
            foreach (var r in functionSource.Regions) if (r >= 0 && r < sourceRegion.Length) sourceRegion[r] = true;
        }

        // Volume terms, phase by phase: the cell lists of a phase share no node, so the scatter needs no locks.
        var sourceRule = SourceRule(mesh.Order);
        foreach (var phase in topology.Phases)
            Parallel.For(0, phase.Length, Parallelism.Options, p =>
                VolumeTerms(mesh, phase[p], k, K, f, functionSource, sourceRegion, sourceRule));
        if (problem.Source is VolumetricSource.SampledSource sampled) SourceFromSamples(mesh, sampled, f);

        var rhs = (double[])f.Clone();

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
                rhs[i] += ge[a];
                for (int b = 0; b < npf; b++) K.Values[K.Find(i, mesh.BoundaryFaces[o + b])] += me[a * npf + b];
            }
        }
        // Fixed temperatures: keep the unconstrained system for the reactions, then eliminate.
        var fixedRise = FixedRises(problem);
        bool anyFixed = fixedRise.Any(v => !double.IsNaN(v));
        var unconstrained = anyFixed ? K.CloneValues() : null;
        var unconstrainedRhs = anyFixed ? (double[])rhs.Clone() : null;
        if (anyFixed) EliminateFixed(K, rhs, fixedRise);

        return new HeatSystem
        {
            Problem = problem, Topology = topology, Matrix = K, Rhs = rhs, SourceLoad = f, UnconstrainedMatrix = unconstrained, UnconstrainedRhs = unconstrainedRhs,
            FixedRise = fixedRise, RobinFaces = robin, AssemblyTime = clock.Elapsed,
        };
    }

    /// <summary>Conduction and source terms of the given cells.</summary>
    static void VolumeTerms(TetMesh mesh, int[] cells, double[] k, CsrMatrix K, double[] f,
                            VolumetricSource.FunctionSource? source, bool[]? sourceRegion, QuadratureRule sourceRule)
    {
        Span<double> ke = stackalloc double[100];
        Span<double> fe = stackalloc double[10];
        int npc = mesh.NodesPerCell;
        foreach (int c in cells)
        {
            var g = TetGeometry.Of(mesh, c);
            Conduction(npc, g, k[c], ke);
            ScatterMatrix(K, mesh, c, ke);
            if (source is not null && sourceRegion![mesh.CellRegion[c]])
            {
                SourceFromFunction(mesh, c, g, sourceRule, source, fe);
                ScatterVector(f, mesh, c, fe);
            }
        }
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
                    ke[10 * a + b] += kdx * (grad[3 * a] * grad[3 * b] + grad[3 * a + 1] * grad[3 * b + 1] + grad[3 * a + 2] * grad[3 * b + 2]);
        }
        for (int a = 0; a < 10; a++) for (int b = 0; b < a; b++) ke[10 * a + b] = ke[10 * b + a];
    }

    static readonly QuadratureRule Stiffness2 = QuadratureRule.Tetrahedron(2);

    /// <summary>Volume source term: f_a = int q(x) phi_a dx (closed form for constant q: int phi_a = V/4 for P1; -V/20 at vertices, V/5 at edges for P2).</summary>
    internal static void SourceFromFunction(TetMesh mesh, int c, in TetGeometry g, QuadratureRule rule,
                                            VolumetricSource.FunctionSource source, Span<double> fe)
    {
        int npc = mesh.NodesPerCell;
        if (source.Constant is double q0)
        {
            double qv = q0 * g.Volume;
            for (int a = 0; a < npc; a++) fe[a] = npc == 4 ? qv / 4 : a < 4 ? -qv / 20 : qv / 5;
            return;
        }
        var q = source.Density;
        Span<double> phi = stackalloc double[10];
        fe[..npc].Clear();
        for (int p = 0; p < rule.Count; p++)
        {
            var l = rule.Barycentric.AsSpan(4 * p, 4);
            var (x, y, z) = PointAt(mesh, c, l);
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

    static void ScatterMatrix(CsrMatrix K, TetMesh mesh, int c, ReadOnlySpan<double> ke)
    {
        int npc = mesh.NodesPerCell, o = c * npc;
        var cells = mesh.Cells; var v = K.Values; var rp = K.RowPointers; var ci = K.ColumnIndices;
        for (int a = 0; a < npc; a++)
        {
            int i = cells[o + a], lo = rp[i], hi = rp[i + 1];
            for (int b = 0; b < npc; b++)
            {
                int j = cells[o + b], l = lo, h = hi - 1;
                while (l < h) { int mid = (l + h) >> 1; if (ci[mid] < j) l = mid + 1; else h = mid; } // ci[l] == j
                v[l] += ke[a * npc + b];
            }
        }
    }

    static void ScatterVector(double[] f, TetMesh mesh, int c, ReadOnlySpan<double> fe)
    {
        int npc = mesh.NodesPerCell, o = c * npc;
        for (int a = 0; a < npc; a++) f[mesh.Cells[o + a]] += fe[a];
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
                throw new InputException("heat problem", $"a convection or far-field condition on surface {Tags.RegionName(tag)} ({tag}), " +
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
            if ((x[3 * v] - x[v0]) * nx + (x[3 * v + 1] - x[v0 + 1]) * ny + (x[3 * v + 2] - x[v0 + 2]) * nz > 0) { nx = -nx; ny = -ny; nz = -nz; }
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

    /// <summary>Symmetric elimination: column j of a fixed node moves to the right-hand side; its row becomes a_jj theta_j = a_jj g_j.</summary>
    static void EliminateFixed(CsrMatrix K, double[] rhs, double[] fixedRise)
    {
        var rp = K.RowPointers; var ci = K.ColumnIndices; var v = K.Values;
        Vectors.For(K.Size, (b, e) =>
        {
            for (int i = b; i < e; i++)
            {
                if (!double.IsNaN(fixedRise[i])) continue;
                for (int p = rp[i]; p < rp[i + 1]; p++)
                {
                    double g = fixedRise[ci[p]];
                    if (double.IsNaN(g)) continue;
                    rhs[i] -= v[p] * g;
                    v[p] = 0;
                }
            }
        });
        for (int i = 0; i < K.Size; i++)
        {
            double g = fixedRise[i];
            if (double.IsNaN(g)) continue;
            double diag = 0;
            for (int p = rp[i]; p < rp[i + 1]; p++) { if (ci[p] == i) diag = v[p]; else v[p] = 0; }
            if (!(diag > 0)) { diag = 1; v[K.Find(i, i)] = 1; }
            rhs[i] = diag * g;
        }
    }
}
