using MieCool.Mesh;
using MieCool.Mesh.Geometry;
using MieCool.Thermal.LinearAlgebra;

namespace MieCool.Thermal.Assembly;

/// <summary>
/// The particle/substrate interface with a finite thermal boundary (Kapitza) conductance G, in doubled-node form.
/// Interface faces are the faces shared by a particle or shell cell and a substrate cell. Every node of such a face
/// (P2: its edge nodes too) gets a copy, appended after the mesh's nodes, and every substrate cell touching the node uses
/// the copy; particle, shell and air cells keep the original, so the temperature may jump across the interface only.
/// On the rim of a contact disc (or of an embedded cap), where air cells meet both sides, the air stays attached to the
/// particle side: the air cells there bridge particle and substrate past G within one element of the rim, negligible for
/// an air conductivity far below the substrate's, and gone as h -&gt; 0. Particle and substrate cells meeting at an edge or
/// a vertex only stay continuous there. The interface term of the weak form,
/// <code>
///   int_Gamma G [theta] [v] ds,   [u] = u_particle - u_substrate,
/// </code>
/// follows from integrating -div(k grad theta) v by parts on each side with the flux condition
/// q_n = G [theta] (Swartz and Pohl, Rev. Mod. Phys. 61, 605 (1989)). Per face it is G M_f on the (+,+) and (-,-)
/// blocks and -G M_f on (+,-) and (-,+), with the face mass matrix M_f = int phi_a phi_b ds of the 3- or 6-node
/// triangle: positive semi-definite, so the system stays symmetric positive definite.
/// </summary>
internal sealed class ThermalInterface
{
    /// <summary>G, W/(m^2 K).</summary>
    public required double Conductance { get; init; }
    /// <summary>Nodes of the mesh before the doubling; node <c>OriginalNodeCount + k</c> is the copy of <c>Original[k]</c>.</summary>
    public required int OriginalNodeCount { get; init; }
    /// <summary>The original of each copy.</summary>
    public required int[] Original { get; init; }
    /// <summary>Nodes per face: 3 (P1) or 6 (P2: vertices, then edges 0-1, 1-2, 2-0).</summary>
    public required int NodesPerFace { get; init; }
    /// <summary>The particle-side nodes of every interface face (original indices), <see cref="NodesPerFace"/> per face.</summary>
    public required int[] ParticleFaces { get; init; }
    /// <summary>The substrate-side nodes (copies) of every interface face, matching <see cref="ParticleFaces"/>.</summary>
    public required int[] SubstrateFaces { get; init; }
    /// <summary>Area of every interface face (straight-sided), m^2.</summary>
    public required double[] FaceArea { get; init; }
    /// <summary>int phi_a phi_b ds on a triangle of unit area, <see cref="NodesPerFace"/>^2 entries.</summary>
    public required double[] UnitMass { get; init; }

    /// <summary>Number of interface faces.</summary>
    public int FaceCount => FaceArea.Length;
    /// <summary>Total interface area, m^2.</summary>
    public double Area => FaceArea.Sum();

    /// <summary>Local vertices of face f of a tetrahedron: the face opposite vertex f.</summary>
    static readonly int[][] LocalFaces = [[1, 2, 3], [0, 2, 3], [0, 1, 3], [0, 1, 2]];

    /// <summary>
    /// Finds the interface faces of <paramref name="mesh"/> and returns the mesh with the substrate side's nodes doubled
    /// (cell order and tags kept; outer boundary faces of substrate cells use the copies) and the interface; null when
    /// the mesh has no face shared by a particle (or shell) cell and a substrate cell.
    /// </summary>
    public static (TetMesh Mesh, ThermalInterface Interface)? Split(TetMesh mesh, double conductance)
    {
        int npc = mesh.NodesPerCell, npf = mesh.NodesPerFace, n = mesh.NodeCount;
        var cells = mesh.Cells; var region = mesh.CellRegion;
        var particleFaces = new Dictionary<(int, int, int), int>(); // sorted vertices -> 4 cell + local face
        for (int c = 0; c < mesh.CellCount; c++)
        {
            if (!Tags.IsParticle(region[c])) continue;
            for (int f = 0; f < 4; f++) particleFaces[Key(cells, c * npc, LocalFaces[f])] = 4 * c + f;
        }
        var faceNodes = new List<int>();
        for (int c = 0; c < mesh.CellCount && particleFaces.Count > 0; c++)
        {
            if (region[c] != Tags.Substrate) continue;
            for (int f = 0; f < 4; f++)
                if (particleFaces.TryGetValue(Key(cells, c * npc, LocalFaces[f]), out int pf))
                    AddFaceNodes(mesh, pf / 4, LocalFaces[pf % 4], faceNodes);
        }
        if (faceNodes.Count == 0) return null;

        // Copies of the interface nodes, appended in the order of their first appearance.
        var copy = new int[n];
        Array.Fill(copy, -1);
        var original = new List<int>();
        foreach (int i in faceNodes)
            if (copy[i] < 0) { copy[i] = n + original.Count; original.Add(i); }
        var nodes = new double[3 * (n + original.Count)];
        Array.Copy(mesh.Nodes, nodes, 3 * n);
        for (int k = 0; k < original.Count; k++) Array.Copy(mesh.Nodes, 3 * original[k], nodes, 3 * (n + k), 3);
        var split = (int[])cells.Clone();
        for (int c = 0; c < mesh.CellCount; c++)
            if (region[c] == Tags.Substrate)
                for (int a = c * npc; a < (c + 1) * npc; a++) if (copy[split[a]] >= 0) split[a] = copy[split[a]];

        var pSide = faceNodes.ToArray();
        var sSide = pSide.Select(i => copy[i]).ToArray();
        var area = new double[pSide.Length / npf];
        for (int f = 0; f < area.Length; f++) area[f] = Triangles.Area(mesh.Nodes, pSide[f * npf], pSide[f * npf + 1], pSide[f * npf + 2]);
        var doubled = new TetMesh
        {
            Nodes = nodes, Cells = split, NodesPerCell = npc, CellRegion = region,
            BoundaryFaces = SplitBoundaryFaces(mesh, copy), BoundaryRegion = mesh.BoundaryRegion, Particle = mesh.Particle,
        };
        return (doubled, new ThermalInterface
        {
            Conductance = conductance, OriginalNodeCount = n, Original = original.ToArray(), NodesPerFace = npf,
            ParticleFaces = pSide, SubstrateFaces = sSide, FaceArea = area, UnitMass = UnitMassMatrix(npf),
        });
    }

    static (int, int, int) Key(int[] cells, int o, int[] local)
    {
        int a = cells[o + local[0]], b = cells[o + local[1]], c = cells[o + local[2]];
        if (a > b) (a, b) = (b, a);
        if (b > c) (b, c) = (c, b);
        if (a > b) (a, b) = (b, a);
        return (a, b, c);
    }

    /// <summary>The 3 or 6 nodes of a cell's face in the triangle order (vertices, then edges 0-1, 1-2, 2-0).</summary>
    static void AddFaceNodes(TetMesh mesh, int cell, int[] local, List<int> result)
    {
        int o = cell * mesh.NodesPerCell;
        foreach (int a in local) result.Add(mesh.Cells[o + a]);
        if (mesh.NodesPerCell == 4) return;
        for (int e = 0; e < 3; e++)
        {
            int a = local[e], b = local[(e + 1) % 3];
            int edge = Array.FindIndex(TetMesh.P2EdgeOrder, p => (p.A == a && p.B == b) || (p.A == b && p.B == a));
            result.Add(mesh.Cells[o + 4 + edge]);
        }
    }

    /// <summary>
    /// Boundary faces with interface nodes whose cells (one for an outer face, two for an inner tagged one) are all
    /// substrate cells take the copies; the others, the interface faces themselves included, keep the particle side.
    /// </summary>
    static int[] SplitBoundaryFaces(TetMesh mesh, int[] copy)
    {
        int npf = mesh.NodesPerFace, npc = mesh.NodesPerCell;
        var faces = (int[])mesh.BoundaryFaces.Clone();
        var touched = new Dictionary<(int, int, int), (bool Substrate, bool Other)>();
        int[] local = [0, 1, 2];
        for (int f = 0; f < mesh.BoundaryFaceCount; f++)
        {
            bool any = false;
            for (int a = 0; a < npf; a++) any |= copy[faces[f * npf + a]] >= 0;
            if (any) touched[Key(faces, f * npf, local)] = (false, false);
        }
        if (touched.Count == 0) return faces;
        for (int c = 0; c < mesh.CellCount; c++)
        {
            bool any = false;
            for (int a = 0; a < 4; a++) any |= copy[mesh.Cells[c * npc + a]] >= 0;
            if (!any) continue;
            for (int lf = 0; lf < 4; lf++)
            {
                var key = Key(mesh.Cells, c * npc, LocalFaces[lf]);
                if (!touched.TryGetValue(key, out var side)) continue;
                touched[key] = mesh.CellRegion[c] == Tags.Substrate ? side with { Substrate = true } : side with { Other = true };
            }
        }
        for (int f = 0; f < mesh.BoundaryFaceCount; f++)
        {
            int o = f * npf;
            if (!touched.TryGetValue(Key(mesh.BoundaryFaces, o, local), out var side) || !side.Substrate || side.Other) continue;
            for (int a = o; a < o + npf; a++) if (copy[faces[a]] >= 0) faces[a] = copy[faces[a]];
        }
        return faces;
    }

    /// <summary>int phi_a phi_b ds over a triangle of unit area, by a rule exact for their product (degree 2 p).</summary>
    static double[] UnitMassMatrix(int npf)
    {
        var rule = QuadratureRule.Triangle(npf == 3 ? 2 : 4);
        Span<double> phi = stackalloc double[6];
        var m = new double[npf * npf];
        for (int q = 0; q < rule.Count; q++)
        {
            Lagrange.TriangleValues(npf, rule.Barycentric.AsSpan(3 * q, 3), phi);
            for (int a = 0; a < npf; a++)
                for (int b = 0; b < npf; b++) m[a * npf + b] += rule.Weights[q] * phi[a] * phi[b]; // phi_a phi_b ds
        }
        return m;
    }

    /// <summary>
    /// Per copy: true when its unknown is the jump d = theta_particle - theta_substrate (so theta_substrate = theta_particle
    /// - d), false when it is theta_substrate itself (a copy whose substrate side has a fixed temperature).
    /// </summary>
    public bool[] JumpUnknown { get; private set; } = [];

    /// <summary>Takes the jump as the unknown of every copy whose temperature is not fixed (<paramref name="fixedRise"/> NaN).</summary>
    public void ChooseUnknowns(double[] fixedRise)
    {
        JumpUnknown = new bool[Original.Length];
        for (int k = 0; k < Original.Length; k++) JumpUnknown[k] = double.IsNaN(fixedRise[OriginalNodeCount + k]);
    }

    /// <summary>
    /// The system in the unknowns y (theta = T y: theta_i = y_i, but theta_s = y_p - y_s at the copy s of node p where the
    /// jump is the unknown): T^T K T plus the interface term int G [theta] [v] ds with [theta] = y_s. G then appears only in
    /// the rows of the jumps, where G M y_s is of the size of the heat flux: no two large terms cancel in K y, whatever G,
    /// which the doubled nodal form suffers from for G h / k &gt;&gt; 1 (its residual stalls at machine precision times G h / k).
    /// </summary>
    public CsrMatrix ToJumpForm(CsrMatrix K)
    {
        int n = K.Size, npf = NodesPerFace;
        var rp = K.RowPointers; var ci = K.ColumnIndices; var v = K.Values;
        var extra = new List<(long Key, double Value)>();
        // Entries on the row or column of a jump: theta_s = y_p - y_s spreads K_ab over (p or s) x (q or t).
        for (int a = 0; a < n; a++)
            for (int k = rp[a]; k < rp[a + 1]; k++)
            {
                int b = ci[k];
                if (!IsJump(a) && !IsJump(b)) continue;
                foreach (var (alpha, ca) in Expand(a))
                    foreach (var (beta, cb) in Expand(b)) extra.Add(((long)alpha * n + beta, ca * cb * v[k]));
            }
        // The interface term: [theta]_a = y_s (a jump unknown) or y_p - y_s (a fixed substrate side).
        for (int f = 0; f < FaceCount; f++)
        {
            double g = Conductance * FaceArea[f];
            for (int a = 0; a < npf; a++)
                for (int b = 0; b < npf; b++)
                {
                    double m = g * UnitMass[a * npf + b]; // G int phi_a phi_b ds
                    foreach (var (alpha, ca) in Jump(f, a))
                        foreach (var (beta, cb) in Jump(f, b)) extra.Add(((long)alpha * n + beta, ca * cb * m));
                }
        }
        return Merge(K, extra);
    }

    bool IsJump(int i) => i >= OriginalNodeCount && JumpUnknown[i - OriginalNodeCount];

    /// <summary>The unknowns y_alpha and coefficients of theta_i = sum T_i,alpha y_alpha.</summary>
    (int, double)[] Expand(int i) => IsJump(i) ? [(Original[i - OriginalNodeCount], 1), (i, -1)] : [(i, 1)];

    /// <summary>The unknowns and coefficients of [theta] at node a of interface face f.</summary>
    (int, double)[] Jump(int f, int a)
    {
        int p = ParticleFaces[f * NodesPerFace + a], s = SubstrateFaces[f * NodesPerFace + a];
        return IsJump(s) ? [(s, 1)] : [(p, 1), (s, -1)];
    }

    /// <summary>K without the entries on a jump's row or column, plus the summed (row * n + column, value) entries.</summary>
    CsrMatrix Merge(CsrMatrix K, List<(long Key, double Value)> extra)
    {
        int n = K.Size;
        var keys = extra.Select(e => e.Key).ToArray(); var add = extra.Select(e => e.Value).ToArray();
        Array.Sort(keys, add);
        var rp = K.RowPointers; var ci = K.ColumnIndices; var v = K.Values;
        var rowPointers = new int[n + 1];
        var columns = new List<int>(K.NonZeros + keys.Length); var values = new List<double>(K.NonZeros + keys.Length);
        int next = 0;
        for (int i = 0; i < n; i++)
        {
            for (int p = rp[i]; ;)
            {
                while (p < rp[i + 1] && (IsJump(i) || IsJump(ci[p]))) p++; // replaced by their expansion
                int old = p < rp[i + 1] ? ci[p] : int.MaxValue;
                int col = next < keys.Length && keys[next] / n == i ? (int)(keys[next] % n) : int.MaxValue;
                if (old == int.MaxValue && col == int.MaxValue) break;
                double value = 0;
                if (old <= col) { value = v[p++]; col = old; }
                for (; next < keys.Length && keys[next] == (long)i * n + col; next++) value += add[next];
                columns.Add(col); values.Add(value);
            }
            rowPointers[i + 1] = columns.Count;
        }
        return new CsrMatrix(n, rowPointers, columns.ToArray(), values.ToArray());
    }

    /// <summary>T^T b: the load of a jump's copy moves to its particle node too (with the opposite sign on the jump's row).</summary>
    public double[] ToJumpForm(double[] b)
    {
        var y = (double[])b.Clone();
        for (int k = 0; k < Original.Length; k++)
            if (JumpUnknown[k]) { y[Original[k]] += b[OriginalNodeCount + k]; y[OriginalNodeCount + k] = -b[OriginalNodeCount + k]; }
        return y;
    }

    /// <summary>theta = T y: the substrate side of a jump's copy is theta_particle - jump.</summary>
    public double[] ToNodal(double[] y)
    {
        var theta = (double[])y.Clone();
        for (int k = 0; k < Original.Length; k++)
            if (JumpUnknown[k]) theta[OriginalNodeCount + k] = y[Original[k]] - y[OriginalNodeCount + k];
        return theta;
    }

    /// <summary>r = T^-T r_y: a residual of the jump form back on the nodes (r_y,p = r_p + r_s, r_y,s = -r_s).</summary>
    public double[] ToNodalResidual(double[] ry)
    {
        var r = (double[])ry.Clone();
        for (int k = 0; k < Original.Length; k++)
            if (JumpUnknown[k]) { r[OriginalNodeCount + k] = -ry[OriginalNodeCount + k]; r[Original[k]] += ry[OriginalNodeCount + k]; }
        return r;
    }

    /// <summary>
    /// Heat crossing the interface from the particle to the substrate, int G [theta] ds (W), and int [theta] ds (K m^2),
    /// from the unknowns y of the jump form (int phi_a ds = the row sums of the face mass matrix).
    /// </summary>
    public (double HeatFlowW, double JumpIntegral) Flow(double[] y)
    {
        int npf = NodesPerFace;
        double jump = 0;
        for (int f = 0; f < FaceCount; f++)
            for (int a = 0; a < npf; a++)
            {
                double w = 0, d = 0;
                for (int b = 0; b < npf; b++) w += UnitMass[a * npf + b];
                foreach (var (alpha, c) in Jump(f, a)) d += c * y[alpha];
                jump += FaceArea[f] * w * d;
            }
        return (Conductance * jump, jump);
    }
}
