using MieCool.Mesh;
using MieCool.Thermal.Assembly;
using MieCool.Thermal.LinearAlgebra;

namespace MieCool.Thermal;

/// <summary>
/// What solves of one operator with other right-hand sides share (the response field and the final field of a
/// self-consistent run, the first Picard iterate on the conductivities it was frozen at): the solver's node numbering of
/// the last mesh, the last assembled operator (matrix, interface and boundary terms; a new source then costs its load
/// vector alone) and the preconditioners of the last matrix (an AMG set-up is half of an AMG solve at 664k unknowns; up to
/// two kinds, so that the AMG that takes over a stalled IC(0) solve keeps the IC(0) beside it). Every match is exact:
/// <list type="bullet">
/// <item>the numbering and the operator are those of the same <see cref="TetMesh"/> instance (meshes are not changed
/// after they are made) with equal conductivities, boundary conditions, ambient temperature and interface conductance;</item>
/// <item>the preconditioner is that of a matrix with the same size, pattern and values (a 64-bit FNV-1a digest of the row
/// pointers, column indices and the values' bits) and the same kind; even a digest collision would only slow conjugate
/// gradients down (any SPD preconditioner gives the same converged answer).</item>
/// </list>
/// A reused operator or preconditioner gives bitwise the answer of a fresh assembly. Not thread-safe: one per solve
/// sequence.
/// </summary>
public sealed class SolverCache
{
    // the preconditioners of the last matrix, newest first: up to two kinds, so that the AMG of a stalled IC(0) solve does
    // not evict the IC(0); another matrix replaces them (no stale preconditioner is kept alive)
    readonly List<(string Kind, ulong Digest, int Size, int NonZeros, IPreconditioner M)> _kept = [];
    const int Kept = 2;
    (TetMesh Mesh, TetMesh Local, int[] NewIndex, int[] NewCell)? _numbering;
    (HeatProblem Problem, HeatSystem System)? _operator; // the problem as given (before any interface doubling)

    /// <summary>Preconditioners built.</summary>
    public int Builds { get; private set; }

    /// <summary>Solves that reused the last one.</summary>
    public int Reuses { get; private set; }

    /// <summary>Solves that reused the last assembled operator (only their load vector assembled).</summary>
    public int OperatorReuses { get; private set; }

    /// <summary>The preconditioner of <paramref name="matrix"/>: a kept one of the same kind and matrix, else a new one.</summary>
    /// <param name="matrix">The system matrix.</param>
    /// <param name="kind">A name of the preconditioner's kind and settings (a different kind never matches).</param>
    /// <param name="build">Builds it for <paramref name="matrix"/>.</param>
    public IPreconditioner For(CsrMatrix matrix, string kind, Func<CsrMatrix, IPreconditioner> build) =>
        For(matrix, kind, build, solve: true);

    /// <summary><see cref="For(CsrMatrix, string, Func{CsrMatrix, IPreconditioner})"/>, counted as a reuse only for a
    /// <paramref name="solve"/> (not when built ahead of one).</summary>
    internal IPreconditioner For(CsrMatrix matrix, string kind, Func<CsrMatrix, IPreconditioner> build, bool solve)
    {
        ulong digest = Digest(matrix);
        int at = _kept.FindIndex(e => e.Kind == kind && e.Size == matrix.Size && e.NonZeros == matrix.NonZeros && e.Digest == digest);
        if (at >= 0)
        {
            var hit = _kept[at];
            _kept.RemoveAt(at);
            _kept.Insert(0, hit);
            if (solve) Reuses++;
            return hit.M;
        }
        _kept.RemoveAll(e => e.Size != matrix.Size || e.NonZeros != matrix.NonZeros || e.Digest != digest);
        var built = build(matrix);
        _kept.Insert(0, (kind, digest, matrix.Size, matrix.NonZeros, built));
        if (_kept.Count > Kept) _kept.RemoveAt(_kept.Count - 1);
        Builds++;
        return built;
    }

    /// <summary>The solver's numbering of <paramref name="mesh"/>: the last one when it is the same mesh, else made by
    /// <paramref name="make"/> (the renumbered mesh, new index of each node, new index of each cell).</summary>
    internal (TetMesh Local, int[] NewIndex, int[] NewCell) Numbering(TetMesh mesh, Func<TetMesh, (TetMesh, int[], int[])> make)
    {
        if (_numbering is { } n && ReferenceEquals(n.Mesh, mesh)) return (n.Local, n.NewIndex, n.NewCell);
        var (local, newIndex, newCell) = make(mesh);
        _numbering = (mesh, local, newIndex, newCell);
        _operator = null; // of another mesh
        return (local, newIndex, newCell);
    }

    /// <summary>
    /// The system of <paramref name="problem"/> (linear, validated, in the solver's numbering): the last operator with this
    /// problem's load when they share their operator, else a fresh assembly, which is kept.
    /// </summary>
    internal HeatSystem Assemble(HeatProblem problem)
    {
        if (_operator is { } last && SameOperator(last.Problem, problem))
        {
            OperatorReuses++;
            return HeatAssembler.WithSource(last.System, problem.Source);
        }
        var system = HeatAssembler.AssembleValidated(problem, null);
        _operator = (problem, system);
        return system;
    }

    /// <summary>The matrix of the operator assembled last (null: none).</summary>
    internal CsrMatrix? LastMatrix => _operator?.System.Matrix;

    /// <summary>Whether <paramref name="a"/> and <paramref name="b"/> have the same operator: the same mesh and the same
    /// data of every term but the source.</summary>
    static bool SameOperator(HeatProblem a, HeatProblem b) =>
        ReferenceEquals(a.Mesh, b.Mesh) && Same(a.ConductivityWPerMK, b.ConductivityWPerMK) && Same(a.Boundaries, b.Boundaries)
        && a.AmbientTemperatureK.Equals(b.AmbientTemperatureK)
        && Nullable.Equals(a.InterfaceConductanceWPerM2K, b.InterfaceConductanceWPerM2K)
        && (ReferenceEquals(a.CellConductivityWPerMK, b.CellConductivityWPerMK)
            || (a.CellConductivityWPerMK is { } ka && b.CellConductivityWPerMK is { } kb && ka.AsSpan().SequenceEqual(kb)))
        && !a.IsTemperatureDependent && !b.IsTemperatureDependent;

    static bool Same<T>(IReadOnlyDictionary<int, T> a, IReadOnlyDictionary<int, T> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && EqualityComparer<T>.Default.Equals(kv.Value, v));

    static ulong Digest(CsrMatrix m)
    {
        const ulong prime = 1099511628211;
        ulong h = 14695981039346656037;
        foreach (int v in m.RowPointers) h = (h ^ (uint)v) * prime;
        var cols = m.ColumnIndices; var values = m.Values;
        for (int i = 0; i < m.NonZeros; i++)
        {
            h = (h ^ (uint)cols[i]) * prime;
            h = (h ^ (ulong)BitConverter.DoubleToInt64Bits(values[i])) * prime;
        }
        return h;
    }
}
