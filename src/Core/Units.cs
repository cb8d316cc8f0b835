using System.Globalization;
using System.Text.RegularExpressions;

namespace MieCool.Core;

/// <summary>Physical dimensions that user input may carry.</summary>
public enum Dimension
{
    /// <summary>A length (diameters, wavelengths, thicknesses); SI unit m.</summary>
    Length,
    /// <summary>A power (a laser's power, a heat flow); SI unit W.</summary>
    Power,
    /// <summary>An irradiance, power per area (the pump intensity); SI unit W/m^2.</summary>
    Intensity,
    /// <summary>A thermal conductivity; SI unit W/(m K).</summary>
    Conductivity,
    /// <summary>An absolute temperature; SI unit K (degrees Celsius are accepted and shifted by 273.15).</summary>
    Temperature,
    /// <summary>A heat-transfer (interface or convection) coefficient, heat flux per temperature step; SI unit W/(m^2 K).</summary>
    HeatTransferCoefficient,
    /// <summary>A volumetric power density (a heat source); SI unit W/m^3.</summary>
    PowerDensity,
    /// <summary>A time; SI unit s.</summary>
    Time,
    /// <summary>An energy (a band edge, an Urbach or phonon energy); SI unit J (eV and meV are accepted).</summary>
    Energy,
    /// <summary>An energy per temperature (a band-edge or emission-peak shift); SI unit J/K (meV/K, eV/K accepted).</summary>
    EnergyPerTemperature,
    /// <summary>An inverse length (an absorption coefficient); SI unit 1/m (1/cm, cm^-1, 1/um accepted).</summary>
    InverseLength,
    /// <summary>A plane angle (an angle of incidence); SI unit rad (deg and mrad accepted).</summary>
    Angle,
    /// <summary>A mass density; SI unit kg/m^3 (g/cm^3 accepted).</summary>
    MassDensity,
    /// <summary>A specific heat capacity; SI unit J/(kg K) (J/(g K), kJ/(kg K) accepted).</summary>
    SpecificHeat,
    /// <summary>A pure number, written without a unit.</summary>
    Dimensionless,
}

/// <summary>
/// Parses quantities written with units, such as "530 nm", "530nm", "7e6 W/cm^2", "0.5 W/(m K)", "293.15 K",
/// "1.600 eV", "0.30 meV/K", "1.5e4 /cm", into SI values. This is the only place where user units become SI: everything
/// inside MieCool is SI.
/// </summary>
public static partial class Units
{
    // unit text (normalised: no spaces, "^" removed, "·"/"*" removed, µ -> u) -> factor to SI
    const double ElementaryCharge = PhysicalConstants.ElementaryCharge; // J per eV

    static readonly Dictionary<Dimension, (string Unit, double Factor)[]> Table = new()
    {
        [Dimension.Length] =
            [("m", 1), ("cm", 1e-2), ("mm", 1e-3), ("um", 1e-6), ("micron", 1e-6), ("nm", 1e-9), ("pm", 1e-12), ("A", 1e-10)],
        [Dimension.Power] = [("W", 1), ("kW", 1e3), ("mW", 1e-3), ("uW", 1e-6), ("nW", 1e-9), ("pW", 1e-12)],
        [Dimension.Intensity] =
        [
            ("W/m2", 1), ("W/cm2", 1e4), ("kW/cm2", 1e7), ("MW/cm2", 1e10), ("GW/cm2", 1e13), ("mW/cm2", 10),
            ("W/mm2", 1e6), ("W/um2", 1e12),
        ],
        [Dimension.Conductivity] = [("W/(mK)", 1), ("W/m/K", 1), ("W/mK", 1), ("W/(m.K)", 1), ("W/(Km)", 1), ("mW/(mK)", 1e-3)],
        [Dimension.Temperature] = [("K", 1)],
        [Dimension.HeatTransferCoefficient] =
            [("W/(m2K)", 1), ("W/m2/K", 1), ("W/m2K", 1), ("W/(m2.K)", 1), ("MW/(m2K)", 1e6), ("GW/(m2K)", 1e9)],
        [Dimension.PowerDensity] = [("W/m3", 1), ("W/cm3", 1e6), ("W/um3", 1e18)],
        [Dimension.Time] = [("s", 1), ("ms", 1e-3), ("us", 1e-6), ("ns", 1e-9), ("ps", 1e-12), ("fs", 1e-15)],
        [Dimension.Energy] = [("J", 1), ("eV", ElementaryCharge), ("meV", 1e-3 * ElementaryCharge)],
        [Dimension.EnergyPerTemperature] = [("J/K", 1), ("eV/K", ElementaryCharge), ("meV/K", 1e-3 * ElementaryCharge)],
        [Dimension.InverseLength] =
        [
            ("1/m", 1), ("/m", 1), ("m-1", 1), ("1/cm", 1e2), ("/cm", 1e2), ("cm-1", 1e2), ("1/um", 1e6), ("/um", 1e6), ("um-1", 1e6),
        ],
        [Dimension.Angle] = [("rad", 1), ("mrad", 1e-3), ("deg", Math.PI / 180)],
        [Dimension.MassDensity] = [("kg/m3", 1), ("g/cm3", 1e3), ("g/m3", 1e-3), ("kg/cm3", 1e6)],
        [Dimension.SpecificHeat] =
            [("J/(kgK)", 1), ("J/kg/K", 1), ("J/kgK", 1), ("J/(kg.K)", 1), ("J/(gK)", 1e3), ("J/g/K", 1e3), ("kJ/(kgK)", 1e3)],
        [Dimension.Dimensionless] = [("", 1)],
    };

    /// <summary>The units accepted for a dimension, for error messages.</summary>
    public static string Accepted(Dimension d) => d switch
    {
        Dimension.Intensity => "W/m^2, W/cm^2, kW/cm^2, MW/cm^2, mW/cm^2, W/mm^2, W/um^2",
        Dimension.Conductivity => "W/(m K)",
        Dimension.HeatTransferCoefficient => "W/(m^2 K), MW/(m^2 K), GW/(m^2 K)",
        Dimension.PowerDensity => "W/m^3, W/cm^3, W/um^3",
        Dimension.Temperature => "K, or degC",
        Dimension.Energy => "eV, meV, J",
        Dimension.EnergyPerTemperature => "meV/K, eV/K, J/K",
        Dimension.InverseLength => "1/cm (or /cm, cm^-1), 1/m (or /m, m^-1), 1/um (or /um, um^-1)",
        Dimension.MassDensity => "kg/m^3, g/cm^3",
        Dimension.SpecificHeat => "J/(kg K), J/(g K), kJ/(kg K)",
        _ => string.Join(", ", Table[d].Select(t => t.Unit).Where(u => u != "micron")),
    };

    [GeneratedRegex(@"^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*(.*?)\s*$")]
    private static partial Regex NumberAndUnit();

    /// <summary>Normalises a unit string: removes spaces, '^', '*', '·'; µ/μ to u; "W/m²" to W/m2.</summary>
    static string Normalise(string unit) => unit
        .Replace(" ", "").Replace("^", "").Replace("*", "").Replace("·", "")
        .Replace("µ", "u").Replace("μ", "u").Replace("²", "2").Replace("³", "3").Replace("Å", "A");

    /// <summary>Tries to parse <paramref name="text"/> as a quantity of dimension <paramref name="d"/>, in SI.</summary>
    public static bool TryParse(string text, Dimension d, out double si, out string? problem)
    {
        si = double.NaN; problem = null;
        var match = NumberAndUnit().Match(text ?? "");
        if (!match.Success) { problem = "not a number with a unit"; return false; }
        double v = double.Parse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        string unit = Normalise(match.Groups[2].Value);
        if (d == Dimension.Temperature && (unit is "degC" or "C" or "°C"))
        { si = v + 273.15; return true; }
        foreach (var (u, f) in Table[d])
            if (string.Equals(u, unit, StringComparison.Ordinal)) { si = v * f; return true; }
        // be lenient about case only for unambiguous spellings (NM, Nm are not accepted: nm vs Nm would differ)
        problem = unit.Length == 0 ? "a unit is required" : $"unknown unit \"{match.Groups[2].Value}\"";
        return false;
    }

    /// <summary>
    /// Parses a quantity or throws an <see cref="InputException"/> naming <paramref name="source"/> and <paramref name="key"/>.
    /// </summary>
    public static double Parse(string text, Dimension d, string source, string? key = null, int? line = null)
    {
        if (TryParse(text, d, out var si, out var problem)) return si;
        throw new InputException(source, $"{problem} for a {Describe(d)}", key, text,
            $"a number followed by one of {Accepted(d)}", line);
    }

    /// <summary>Human name of a dimension.</summary>
    public static string Describe(Dimension d) => d switch
    {
        Dimension.HeatTransferCoefficient => "heat-transfer coefficient",
        Dimension.PowerDensity => "power density",
        Dimension.EnergyPerTemperature => "energy per temperature",
        Dimension.InverseLength => "inverse length",
        Dimension.MassDensity => "mass density",
        Dimension.SpecificHeat => "specific heat capacity",
        _ => d.ToString().ToLowerInvariant(),
    };

    /// <summary>Invariant-culture "R" formatting for machine-readable output.</summary>
    public static string Invariant(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
