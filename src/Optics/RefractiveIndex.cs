using System.Numerics;

namespace MieCool.Optics;

/// <summary>
/// The sign convention of all of MieCool's optics, stated once:
/// complex refractive index m = n + i k with k &gt;= 0 for an absorbing medium, fields varying in time as
/// exp(-i omega t) (Bohren &amp; Huffman 1983). Relative permittivity eps = m^2, so Im(eps) = 2 n k &gt;= 0.
/// Wiscombe's MIEV0 (1979) uses m = n - i k with exp(+i omega t): its tables are converted at the boundary
/// (conjugate m, and conjugate the amplitudes S1, S2).
/// Size parameter x = 2 pi n_host r / lambda0 with lambda0 the vacuum wavelength; the index entering the
/// Mie series is relative to the host, m_rel = m / n_host.
/// </summary>
public static class Convention
{
    /// <summary>Size parameter x = 2 pi n_host r / lambda0 (r and lambda0 in the same unit, lambda0 in vacuum).</summary>
    public static double SizeParameter(double radius, double vacuumWavelength, double hostIndex) =>
        2 * Math.PI * hostIndex * radius / vacuumWavelength;
}

/// <summary>
/// The complex refractive index of a material as a function of vacuum wavelength (m), in the
/// <see cref="Convention"/> m = n + i k, k &gt;= 0.
/// </summary>
public interface IRefractiveIndex
{
    /// <summary>Name for output, e.g. "other/perovskite/CH3NH3PbI3/nk/Phillips" or "2.5+0.01i".</summary>
    string Name { get; }
    /// <summary>Literature reference(s) of the data, plain text (empty for a constant).</summary>
    string References { get; }
    /// <summary>Shortest valid vacuum wavelength, m (inclusive); 0 for a constant index, which covers (0, +inf).</summary>
    double MinWavelength { get; }
    /// <summary>Longest valid vacuum wavelength, m (inclusive); +inf for a constant index.</summary>
    double MaxWavelength { get; }
    /// <summary>
    /// The index at a vacuum wavelength in metres. Outside [MinWavelength, MaxWavelength] it throws an
    /// <see cref="MieCool.Core.InputException"/> that states the range: never a silent extrapolation.
    /// </summary>
    Complex At(double vacuumWavelength);

    /// <summary>
    /// The index at many vacuum wavelengths (m) into <paramref name="index"/> (same length), without allocating:
    /// the path for spectra. Implementations override it to reuse table lookups between neighbouring wavelengths.
    /// Any wavelength outside the range throws as <see cref="At(double)"/> does.
    /// </summary>
    void At(ReadOnlySpan<double> vacuumWavelengths, Span<Complex> index)
    {
        if (index.Length != vacuumWavelengths.Length) throw new ArgumentException("spans differ in length", nameof(index));
        for (int i = 0; i < vacuumWavelengths.Length; i++) index[i] = At(vacuumWavelengths[i]);
    }
}
