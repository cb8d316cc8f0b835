namespace MieCool.Thermal.LinearAlgebra;

/// <summary>
/// Keeps the last preconditioner built and gives it back for a matrix with the same pattern and values, so that solves
/// of one operator with other right-hand sides (the response field and the final field of a self-consistent run, the
/// first Picard iterate on the conductivities it was frozen at, a transient's steps at one step size) set it up once:
/// the set-up is half of an AMG solve at 664k unknowns. The match is exact (a 64-bit FNV-1a digest of the row pointers,
/// column indices and the values' bits, and the size and kind), never approximate; and even a digest collision would
/// only slow conjugate gradients down (any SPD preconditioner gives the same converged answer). Not thread-safe: one per
/// solve sequence.
/// </summary>
public sealed class PreconditionerCache
{
    IPreconditioner? _last;
    string? _kind;
    ulong _digest;
    int _size, _nonZeros;

    /// <summary>Preconditioners built.</summary>
    public int Builds { get; private set; }

    /// <summary>Solves that reused the last one.</summary>
    public int Reuses { get; private set; }

    /// <summary>The preconditioner of <paramref name="matrix"/>: the last one when the matrix is the same, else a new one.</summary>
    /// <param name="matrix">The system matrix.</param>
    /// <param name="kind">A name of the preconditioner's kind and settings (a different kind never matches).</param>
    /// <param name="build">Builds it for <paramref name="matrix"/>.</param>
    public IPreconditioner For(CsrMatrix matrix, string kind, Func<CsrMatrix, IPreconditioner> build)
    {
        ulong digest = Digest(matrix);
        if (_last is not null && _kind == kind && _size == matrix.Size && _nonZeros == matrix.NonZeros && _digest == digest)
        {
            Reuses++;
            return _last;
        }
        _last = build(matrix);
        (_kind, _digest, _size, _nonZeros) = (kind, digest, matrix.Size, matrix.NonZeros);
        Builds++;
        return _last;
    }

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
