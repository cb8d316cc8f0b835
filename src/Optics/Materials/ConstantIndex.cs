using System.Numerics;

namespace MieCool.Optics.Materials;

/// <summary>A wavelength-independent index m = n + ik (k &gt;= 0), valid at every wavelength.</summary>
public sealed class ConstantIndex : IRefractiveIndex
{
    /// <summary>The index <paramref name="m"/> at every wavelength.</summary>
    /// <param name="m">m = n + ik with n &gt; 0 and k &gt;= 0, both finite; anything else throws.</param>
    public ConstantIndex(Complex m)
    {
        if (!(m.Real > 0) || !(m.Imaginary >= 0) || !double.IsFinite(m.Real) || !double.IsFinite(m.Imaginary))
            throw new ArgumentOutOfRangeException(nameof(m), m, "need n > 0 and k >= 0 (m = n + ik)");
        Value = m;
    }

    /// <summary>The index m = n + ik, the same at every vacuum wavelength.</summary>
    public Complex Value { get; }
    /// <summary>The index as the user can write it again, e.g. "2.5+0.01i" (<see cref="IndexParser.Format"/>).</summary>
    public string Name => IndexParser.Format(Value);
    /// <summary>Empty: a constant index has no literature source.</summary>
    public string References => "";
    /// <summary>0: every wavelength is valid.</summary>
    public double MinWavelength => 0;
    /// <summary>+inf: every wavelength is valid.</summary>
    public double MaxWavelength => double.PositiveInfinity;
    /// <summary><see cref="Value"/>, whatever the vacuum wavelength (m).</summary>
    public Complex At(double vacuumWavelength) => Value;
    /// <summary>Fills <paramref name="index"/> with <see cref="Value"/>; the spans must have the same length.</summary>
    public void At(ReadOnlySpan<double> vacuumWavelengths, Span<Complex> index)
    {
        if (index.Length != vacuumWavelengths.Length) throw new ArgumentException("spans differ in length", nameof(index));
        index.Fill(Value);
    }
}
