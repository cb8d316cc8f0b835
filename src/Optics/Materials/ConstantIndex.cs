using System.Numerics;

namespace MieCool.Optics.Materials;

/// <summary>A wavelength-independent index m = n + ik (k &gt;= 0), valid at every wavelength.</summary>
public sealed class ConstantIndex : IRefractiveIndex
{
    public ConstantIndex(Complex m)
    {
        if (!(m.Real > 0) || !(m.Imaginary >= 0) || !double.IsFinite(m.Real) || !double.IsFinite(m.Imaginary))
            throw new ArgumentOutOfRangeException(nameof(m), m, "need n > 0 and k >= 0 (m = n + ik)");
        Value = m;
    }

    public Complex Value { get; }
    public string Name => IndexParser.Format(Value);
    public string References => "";
    public double MinWavelength => 0;
    public double MaxWavelength => double.PositiveInfinity;
    public Complex At(double vacuumWavelength) => Value;
    public void At(ReadOnlySpan<double> vacuumWavelengths, Span<Complex> index)
    {
        if (index.Length != vacuumWavelengths.Length) throw new ArgumentException("spans differ in length", nameof(index));
        index.Fill(Value);
    }
}
