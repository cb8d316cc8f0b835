namespace MieCool.Optics.Mie;

/// <summary>The two kinds of vector spherical harmonics: a_n is electric (TM), b_n magnetic (TE).</summary>
public enum MultipoleType
{
    /// <summary>Electric (TM) multipoles, the N_e1n terms: scattering coefficient a_n, internal coefficient d_n.</summary>
    Electric,
    /// <summary>Magnetic (TE) multipoles, the M_o1n terms: scattering coefficient b_n, internal coefficient c_n.</summary>
    Magnetic,
}

/// <summary>
/// Efficiencies of a sphere (cross section divided by the geometric cross section pi r^2), for the
/// <see cref="Convention"/> m = n + ik, exp(-i w t).
/// Qext extinction, Qsca scattering, Qback backscattering (radar, B&amp;H eq. 4.82), G the asymmetry
/// parameter &lt;cos theta&gt;, Qpr = Qext - G Qsca radiation pressure (B&amp;H chapter 4).
/// </summary>
public sealed record MieEfficiencies(double Qext, double Qsca, double Qback, double G, double Qpr)
{
    /// <summary>Absorption efficiency Qext - Qsca (energy conservation, Cext = Cabs + Csca: B&amp;H section 3.4).</summary>
    public double Qabs => Qext - Qsca;

    /// <summary>Cross sections (same unit as radius^2) for a sphere of outer radius <paramref name="radius"/>.</summary>
    public CrossSections ToCrossSections(double radius)
    {
        double area = Math.PI * radius * radius;
        return new CrossSections(Qext * area, Qsca * area, Qabs * area, Qback * area, Qpr * area);
    }
}

/// <summary>Cross sections, in the square of the unit of the radius given to <see cref="MieEfficiencies.ToCrossSections"/>.</summary>
public readonly record struct CrossSections(double Cext, double Csca, double Cabs, double Cback, double Cpr);

/// <summary>
/// The share of one multipole (order n, electric or magnetic) in the efficiencies:
/// Qext_n = 2/x^2 (2n+1) Re(a_n), Qsca_n = 2/x^2 (2n+1) |a_n|^2 (B&amp;H eqs. 4.61-4.62, term by term),
/// Qabs_n = Qext_n - Qsca_n. Summed over n and both types they give the totals.
/// </summary>
public readonly record struct MultipoleEfficiencies(double Qext, double Qsca, double Qabs);

/// <summary>Conventional labels of the low multipoles: ED, MD, EQ, MQ, EO, MO; higher orders "E16"/"M16"-style "E{2^n}".</summary>
public static class MultipoleNames
{
    /// <summary>ED/MD (n = 1), EQ/MQ (n = 2), EO/MO (n = 3); for n &gt;= 4 "E2^n"/"M2^n" written as e.g. "E16", "M32".</summary>
    public static string Label(int n, MultipoleType type)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "multipole order n starts at 1");
        char t = type == MultipoleType.Electric ? 'E' : 'M';
        return n switch
        {
            1 => $"{t}D",
            2 => $"{t}Q",
            3 => $"{t}O",
            _ => n < 62 ? $"{t}{1L << n}" : $"{t}n{n}",
        };
    }

    /// <summary>The six labels of n = 1..3 in the order ED, MD, EQ, MQ, EO, MO.</summary>
    public static IReadOnlyList<(int N, MultipoleType Type, string Label)> Low { get; } =
    [
        (1, MultipoleType.Electric, "ED"), (1, MultipoleType.Magnetic, "MD"),
        (2, MultipoleType.Electric, "EQ"), (2, MultipoleType.Magnetic, "MQ"),
        (3, MultipoleType.Electric, "EO"), (3, MultipoleType.Magnetic, "MO"),
    ];
}
