using System.Globalization;
using MieCool.Core;
using MieCool.Optics;
using MieCool.Optics.Cooling;

namespace MieCool.Cli;

/// <summary>
/// The cooling-model options shared by `miecool cooling` and `miecool map`: every assumption of the model is an
/// option with a documented default (or none, when there is no sensible one).
/// </summary>
static class CoolingOptions
{
    public const string Help = """
          --material SPEC              particle material: database path (other/perovskite/CH3NH3PbI3/nk/Phillips), short form,
                                       .yml page or constant index (2.6+0.01i)                                       [required]
          --host N                     real refractive index of the surrounding medium                               [1.0]
          --intensity I                pump intensity, e.g. 7e6W/cm2                                                  [required]
          --eta-int X                  internal quantum efficiency of the bulk emitter, in [0, 1]                     [required]
          --emission SPEC              intrinsic photoluminescence: gaussian:CENTRE:FWHM (e.g. gaussian:775nm:40nm) or a
                                       CSV file with columns wavelength_nm,intensity (photons per unit wavelength)    [required]
          --absorption MODEL           resonant sub-gap absorption at the pump: tabulated (k of the material data) or
                                       urbach:E_g:E_U:alpha0, e.g. urbach:1.61eV:15meV:1e4/cm (alpha = alpha0 exp((E-E_g)/E_U),
                                       k = alpha lambda/(4 pi), E below E_g)                                          [tabulated]
          --background-absorption A    parasitic absorption coefficient at the pump that only heats, e.g. 10/cm      [0/cm]
        """;

    /// <summary>Reads the model options; diameter and pump are given separately by the command.</summary>
    public static CoolingInputs Read(Args args, double diameterM, double pumpWavelengthM)
    {
        var material = MieCool.Optics.Materials.MaterialLibrary.Resolve(args.Require("material", "a material, e.g. other/perovskite/CH3NH3PbI3/nk/Phillips"), "--material");
        double host = args.Number("host", 1e-6, 100) ?? 1.0;
        double intensity = Units.Parse(args.Require("intensity", "an intensity, e.g. 7e6W/cm2"), Dimension.Intensity, "--intensity");
        double etaInt = args.Number("eta-int") ?? throw new InputException("--eta-int", "missing required option", valid: "a number in [0, 1], e.g. 0.99");
        var emission = Emission(args.Require("emission", "gaussian:775nm:40nm or a CSV file wavelength_nm,intensity"));
        SubGapAbsorption absorption = Absorption(args.Get("absorption") ?? "tabulated");
        double background = args.Get("background-absorption") is string b ? InverseLength(b, "--background-absorption") : 0;
        return new CoolingInputs(material, diameterM, host, pumpWavelengthM, intensity, etaInt, emission, absorption, background);
    }

    /// <summary>The option each parameter of <see cref="CoolingInputs"/> (and of the cooling map) is given by.</summary>
    static readonly Dictionary<string, string> Options = new()
    {
        ["diameter"] = "--diameter", ["host_index"] = "--host", ["pump_wavelength"] = "--pump", ["intensity"] = "--intensity",
        ["internal_quantum_efficiency"] = "--eta-int", ["background_absorption"] = "--background-absorption",
        ["absorption"] = "--absorption", ["emission"] = "--emission", ["diameters"] = "--diameters", ["pump_wavelengths"] = "--pumps",
    };

    /// <summary>Runs the cooling model with its input errors re-attributed to the option that gave the value.</summary>
    public static T Check<T>(Func<T> model)
    {
        try { return model(); }
        catch (InputException e) when (e.Origin == CoolingInputs.Source && e.Key is not null && Options.ContainsKey(e.Key))
        {
            throw e.AtOption(Options[e.Key]);
        }
    }


    /// <summary>"gaussian:775nm:40nm" or a CSV path.</summary>
    public static EmissionSpectrum Emission(string spec)
    {
        const string valid = "gaussian:CENTRE:FWHM such as gaussian:775nm:40nm, or a CSV file with columns wavelength_nm,intensity";
        if (spec.StartsWith("gaussian", StringComparison.OrdinalIgnoreCase))
        {
            var parts = spec.Split(':');
            if (parts.Length != 3) throw new InputException("--emission", "malformed Gaussian emission", value: spec, valid: valid);
            double centre = Units.Parse(parts[1], Dimension.Length, "--emission", "centre");
            double fwhm = Units.Parse(parts[2], Dimension.Length, "--emission", "FWHM");
            return EmissionSpectrum.Gaussian(centre, fwhm, source: "--emission");
        }
        if (!File.Exists(spec)) throw new InputException("--emission", "neither a Gaussian nor an existing CSV file", value: spec, valid: valid);
        return EmissionSpectrum.ReadCsv(spec);
    }

    /// <summary>"tabulated" or "urbach:E_g:E_U:alpha0".</summary>
    public static SubGapAbsorption Absorption(string spec)
    {
        const string valid = "tabulated, or urbach:E_g:E_U:alpha0 such as urbach:1.61eV:15meV:1e4/cm";
        if (spec.Equals("tabulated", StringComparison.OrdinalIgnoreCase)) return new TabulatedAbsorption();
        var parts = spec.Split(':');
        if (parts.Length == 4 && parts[0].Equals("urbach", StringComparison.OrdinalIgnoreCase))
        {
            var u = new UrbachAbsorption(EnergyEv(parts[1], "E_g"), EnergyEv(parts[2], "E_U"), InverseLength(parts[3], "--absorption", "alpha0"));
            Check(() => { u.Validate(); return 0; });
            return u;
        }
        throw new InputException("--absorption", "unknown absorption model", value: spec, valid: valid);
    }

    /// <summary>An energy "1.61eV", "15meV" or a bare number in eV.</summary>
    static double EnergyEv(string text, string key)
    {
        var t = text.Trim();
        double f = 1;
        if (t.EndsWith("meV", StringComparison.Ordinal)) { f = 1e-3; t = t[..^3]; }
        else if (t.EndsWith("eV", StringComparison.Ordinal)) t = t[..^2];
        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
            throw new InputException("--absorption", "malformed energy", key, text, "a number with eV or meV, e.g. 1.61eV or 15meV");
        return v * f;
    }

    /// <summary>An absorption coefficient "10/cm", "10cm-1", "1e3/m", "0", in 1/m.</summary>
    public static double InverseLength(string text, string option, string? key = null)
    {
        var t = text.Trim().Replace(" ", "").Replace("^", "");
        (string Suffix, double Factor)[] units = [("/cm", 100), ("cm-1", 100), ("/m", 1), ("m-1", 1), ("/um", 1e6), ("um-1", 1e6)];
        double f = double.NaN;
        foreach (var (s, factor) in units)
            if (t.EndsWith(s, StringComparison.Ordinal)) { f = factor; t = t[..^s.Length]; break; }
        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v) || (double.IsNaN(f) && v != 0))
            throw new InputException(option, "malformed absorption coefficient", key, text, "a number with 1/cm or 1/m, e.g. 10/cm");
        if (v < 0) throw new InputException(option, "absorption coefficient must be >= 0", key, text, "a number >= 0 with 1/cm or 1/m");
        return double.IsNaN(f) ? 0 : v * f;
    }
}
