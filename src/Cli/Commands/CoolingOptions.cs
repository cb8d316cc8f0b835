using System.Globalization;
using MieCool.Core;
using MieCool.Optics;
using MieCool.Optics.Cooling;

namespace MieCool.Cli;

/// <summary>
/// The cooling-model options shared by `miecool cooling` and `miecool map`: every assumption of the model is an
/// option with a documented default (or none, when there is no sensible one). Each stands for the case key of
/// `miecool run` with the same name.
/// </summary>
static class CoolingOptions
{
    public static readonly QuantityOption Intensity = new("intensity", Dimension.Intensity, "W/cm^2", "pump intensity at the particle")
        { Required = true, Range = Interval.Closed(0, 1e20), Example = "7e6W/cm2", CaseKeys = ["optics.intensity"] };

    public static readonly NumberOption InternalQuantumEfficiency = new("internal-quantum-efficiency",
        "eta_int: internal quantum efficiency of the bulk emitter (radiative / total recombination rate)")
        { Aliases = ["eta-int"], Required = true, Range = Interval.Closed(0, 1), CaseKeys = ["emission.internal_quantum_efficiency"] };

    public static readonly CustomOption<EmissionSpectrum> Emission = new("emission", "SPEC",
        "intrinsic photoluminescence (photons per unit wavelength): a Gaussian line gaussian:PEAK:FWHM, or a CSV file with " +
        "columns wavelength_nm,intensity",
        "gaussian:PEAK:FWHM with units, e.g. gaussian:775nm:40nm, or an existing CSV file wavelength_nm,intensity",
        (text, _) => ParseEmission(text))
        { Required = true, CaseKeys = ["emission.peak", "emission.fwhm", "emission.spectrum_file"] };

    public static readonly CustomOption<SubGapAbsorption> Absorption = new("absorption", "MODEL",
        "resonant sub-gap absorption at the pump: tabulated (the k of the material data), or an Urbach tail " +
        "urbach:E_g:E_U:alpha0 (alpha = alpha0 exp((E - E_g)/E_U), k = alpha lambda/(4 pi), for E below E_g)",
        "tabulated, or urbach:E_g:E_U:alpha0 such as urbach:1.61eV:15meV:1e4/cm",
        (text, _) => ParseAbsorption(text))
        { DefaultLiteral = "tabulated",
          CaseKeys = ["absorption.model", "absorption.band_edge", "absorption.urbach_energy", "absorption.alpha0"] };

    public static readonly CustomOption<double> BackgroundAbsorption = new("background-absorption-per-cm", "ALPHA",
        "alpha_b: parasitic absorption coefficient at the pump that only heats (adds to k in the Mie calculation)",
        "a number >= 0 in 1/cm, or with a unit: 10/cm, 10cm-1, 1e3/m, 1/um",
        (text, spelled) => InverseLength(text, spelled, bareUnitPerM: 100))
        { Aliases = ["background-absorption"], DefaultLiteral = "0", CaseKeys = ["emission.background_absorption_per_cm"] };

    // dry air at 300 K and fused silica, W/(m K) (Incropera, Fundamentals of Heat and Mass Transfer, Tables A.4 and A.3)
    const double AirConductivity = 0.026, GlassConductivity = 1.38;

    public static readonly QuantityOption KappaHost = new("kappa-host", Dimension.Conductivity, "W/(m K)",
        "thermal conductivity of the homogeneous host, for the sphere-in-host temperature estimate")
        { Default = AirConductivity, DefaultNote = "air", Range = Interval.Positive(1e4) };

    public static readonly QuantityOption ConductivityAir = new("conductivity-air", Dimension.Conductivity, "W/(m K)",
        "thermal conductivity of the air above, for the half-embedded (air/glass) temperature estimate")
        { Aliases = ["kappa-air"], Default = AirConductivity, Range = Interval.Positive(1e4),
          CaseKeys = ["thermal.conductivity.air"] };

    public static readonly QuantityOption ConductivitySubstrate = new("conductivity-substrate", Dimension.Conductivity, "W/(m K)",
        "thermal conductivity of the glass substrate below, for the half-embedded (air/glass) temperature estimate")
        { Aliases = ["kappa-glass"], Default = GlassConductivity, DefaultNote = "fused silica",
          Range = Interval.Positive(1e4), CaseKeys = ["thermal.conductivity.substrate"] };

    const double Ev = PhysicalConstants.ElementaryCharge, Mev = 1e-3 * PhysicalConstants.ElementaryCharge;

    public static readonly QuantityOption Temperature = new("temperature", Dimension.Temperature, "K",
        "the particle temperature at which the optical properties are evaluated (the band tail and the emission line move "
        + "with it; the given emission applies at 300 K)")
        { Default = 300.0, Range = Interval.Positive(5000) };
    public static readonly QuantityOption BandEdge = new("band-edge", Dimension.Energy, "eV",
        "E0 at 300 K: with --urbach-energy, the tabulated model's k is rescaled below the edge with the temperature")
        { Range = Interval.Positive(20 * Ev), CaseKeys = ["absorption.band_edge"] };
    public static readonly QuantityOption UrbachEnergy = new("urbach-energy", Dimension.Energy, "meV",
        "E_U at 300 K of the tabulated model's band tail (with --band-edge)")
        { Range = Interval.Positive(Ev), CaseKeys = ["absorption.urbach_energy"] };
    public static readonly QuantityOption BandEdgeShift = new("band-edge-shift", Dimension.EnergyPerTemperature, "meV/K",
        "gamma = dE0/dT of the band tail (tabulated with --band-edge, or urbach:...)")
        { Default = 0.0, Range = Interval.Closed(-10 * Mev, 10 * Mev), CaseKeys = ["absorption.band_edge_shift"] };
    public static readonly QuantityOption UrbachStatic = new("urbach-static", Dimension.Energy, "meV",
        "E_U,st, the static part of the Urbach energy (default: all of it, no thermal part)")
        { Range = Interval.Closed(0, Ev), CaseKeys = ["absorption.urbach_static"] };
    public static readonly QuantityOption PhononEnergy = new("phonon-energy", Dimension.Energy, "meV",
        "hbar_w of the Urbach energy's thermal part (needed with --urbach-static below E_U)")
        { Range = Interval.Positive(Ev), CaseKeys = ["absorption.phonon_energy"] };
    public static readonly QuantityOption DataTemperature = new("data-temperature", Dimension.Temperature, "K",
        "the temperature at which the material page's k was measured (tabulated model with a band tail)")
        { Default = 300.0, Range = Interval.Positive(5000), CaseKeys = ["absorption.data_temperature"] };
    public static readonly QuantityOption PeakShift = new("peak-shift", Dimension.EnergyPerTemperature, "meV/K",
        "beta: the emission's photon energy moves by beta (T - 300 K)")
        { Default = 0.0, Range = Interval.Closed(-10 * Mev, 10 * Mev), CaseKeys = ["emission.peak_shift"] };

    /// <summary>The model options after the particle and pump, in the order help lists them.</summary>
    public static readonly Option[] Model =
        [Intensity, InternalQuantumEfficiency, Emission, Absorption, BackgroundAbsorption,
         Temperature, BandEdge, UrbachEnergy, BandEdgeShift, UrbachStatic, PhononEnergy, DataTemperature, PeakShift];

    /// <summary>The conductivities of `miecool cooling`'s analytic temperature estimates (thermal, not part of the optics).</summary>
    public static readonly Option[] Estimates = [KappaHost, ConductivityAir, ConductivitySubstrate];

    /// <summary>
    /// The model inputs; diameter and pump come from the command. The emission must lie inside the material's data
    /// (the pump is checked by the command, against the option it read it from).
    /// </summary>
    public static CoolingInputs Read(Args args, double diameterM, double pumpWavelengthM)
    {
        var material = args.Get(CommonOptions.Material);
        var emission = args.Get(Emission);
        CoolingInputs.CheckWavelength(material, emission.Wavelengths[0], null, args.Spelled(Emission));
        CoolingInputs.CheckWavelength(material, emission.Wavelengths[^1], null, args.Spelled(Emission));
        return new CoolingInputs(material, diameterM, args.Get(CommonOptions.HostIndex), pumpWavelengthM, args.Get(Intensity),
                                 args.Get(InternalQuantumEfficiency), emission, WithTail(args), args.Get(BackgroundAbsorption),
                                 TemperatureK: args.Get(Temperature), EmissionPeakShiftJPerK: args.Get(PeakShift));
    }

    /// <summary>
    /// The --absorption model with the band tail of the temperature options: the tabulated model gets a tail from
    /// --band-edge and --urbach-energy; both models take --band-edge-shift, --urbach-static and --phonon-energy.
    /// </summary>
    static SubGapAbsorption WithTail(Args args)
    {
        var model = args.Get(Absorption);
        bool edge = args.Has(BandEdge), eu = args.Has(UrbachEnergy);
        if (edge != eu)
            throw new InputException(args.Spelled(edge ? BandEdge : UrbachEnergy), "a band tail needs both --band-edge and --urbach-energy",
                                     valid: "--band-edge 1.6eV --urbach-energy 15meV");
        BandTail? tail = model switch
        {
            UrbachAbsorption when edge => throw new InputException(args.Spelled(BandEdge),
                "the urbach:E_g:E_U:alpha0 model gives its own edge", valid: "--absorption tabulated with --band-edge"),
            UrbachAbsorption u => u.Tail,
            _ when edge => BandTail.Constant(args.Get(BandEdge), args.Get(UrbachEnergy)),
            _ => null,
        };
        if (tail is null)
        {
            foreach (var o in new Option[] { UrbachStatic, PhononEnergy })
                if (args.Has(o)) throw new InputException(args.Spelled(o), "needs a band tail", valid: "--band-edge and --urbach-energy");
            return model;
        }
        double st = args.TryGet(UrbachStatic, out double s0) ? s0 : tail.UrbachEnergyJ;
        tail = tail with
        {
            EdgeShiftJPerK = args.Get(BandEdgeShift), UrbachStaticJ = st,
            PhononEnergyJ = args.TryGet(PhononEnergy, out double hw) ? hw : 0,
        };
        Check(() => { tail.Validate(); return 0; });
        return model is UrbachAbsorption ua ? ua with { Tail = tail } : new TabulatedAbsorption(tail, args.Get(DataTemperature));
    }

    /// <summary>The option (canonical name) each parameter of <see cref="CoolingInputs"/> and of the cooling map comes from.</summary>
    static readonly Dictionary<string, Option> Options = new()
    {
        ["host_index"] = CommonOptions.HostIndex, ["intensity"] = Intensity, ["internal_quantum_efficiency"] = InternalQuantumEfficiency,
        ["background_absorption"] = BackgroundAbsorption, ["absorption"] = Absorption, ["emission"] = Emission,
        ["temperature"] = Temperature, ["peak_shift"] = PeakShift,
    };

    /// <summary>
    /// Runs the cooling model with its input errors (keyed by the model's parameter names) re-attributed to the option
    /// that gave the value; <paramref name="more"/> adds the command's own (diameter, pump).
    /// </summary>
    public static T Check<T>(Func<T> model, params (string Parameter, Option Option)[] more)
    {
        try { return model(); }
        catch (InputException e) when (e.Origin == CoolingInputs.Source && e.Key is not null)
        {
            var option = more.FirstOrDefault(m => m.Parameter == e.Key).Option ?? Options.GetValueOrDefault(e.Key);
            if (option is null) throw;
            throw e.AtOption("--" + option.Name);
        }
    }

    /// <summary>"gaussian:775nm:40nm" or a CSV path.</summary>
    public static EmissionSpectrum ParseEmission(string spec)
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
        if (!File.Exists(spec))
            throw new InputException("--emission", "neither a Gaussian nor an existing CSV file", value: spec, valid: valid);
        return EmissionSpectrum.ReadCsv(spec);
    }

    /// <summary>"tabulated" or "urbach:E_g:E_U:alpha0".</summary>
    public static SubGapAbsorption ParseAbsorption(string spec)
    {
        const string valid = "tabulated, or urbach:E_g:E_U:alpha0 such as urbach:1.61eV:15meV:1e4/cm";
        if (spec.Equals("tabulated", StringComparison.OrdinalIgnoreCase)) return new TabulatedAbsorption();
        var parts = spec.Split(':');
        if (parts.Length == 4 && parts[0].Equals("urbach", StringComparison.OrdinalIgnoreCase))
        {
            var u = UrbachAbsorption.Constant(EnergyEv(parts[1], "E_g"), EnergyEv(parts[2], "E_U"),
                                              InverseLength(parts[3], "--absorption", "alpha0"));
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

    /// <summary>
    /// An absorption coefficient "10/cm", "10cm-1", "1e3/m", in 1/m; a bare number is in the unit <paramref name="bareUnitPerM"/>
    /// (1/m per unit) when given, else only "0" may be bare.
    /// </summary>
    public static double InverseLength(string text, string option, string? key = null, double? bareUnitPerM = null)
    {
        var t = text.Trim().Replace(" ", "").Replace("^", "");
        (string Suffix, double Factor)[] units = [("/cm", 100), ("cm-1", 100), ("/m", 1), ("m-1", 1), ("/um", 1e6), ("um-1", 1e6)];
        double f = double.NaN;
        foreach (var (s, factor) in units)
            if (t.EndsWith(s, StringComparison.Ordinal)) { f = factor; t = t[..^s.Length]; break; }
        if (double.IsNaN(f) && bareUnitPerM is double bare) f = bare;
        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v)
            || (double.IsNaN(f) && v != 0))
            throw new InputException(option, "malformed absorption coefficient", key, text, "a number with 1/cm or 1/m, e.g. 10/cm");
        if (v < 0) throw new InputException(option, "absorption coefficient must be >= 0", key, text, "a number >= 0 with 1/cm or 1/m");
        return double.IsNaN(f) ? 0 : v * f;
    }
}
