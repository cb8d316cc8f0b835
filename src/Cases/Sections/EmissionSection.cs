using MieCool.Core;
using MieCool.Optics.Cooling;
using MieCool.Optics.Emitters;

namespace MieCool.Cases;

/// <summary>The particle's emission, SI.</summary>
/// <param name="Spectrum">Intrinsic (bulk) photoluminescence spectrum.</param>
/// <param name="InternalQuantumEfficiency">eta_int in [0, 1] (not used when <paramref name="Carriers"/> is
/// <see cref="CarrierModel.Abc"/>).</param>
/// <param name="BackgroundAbsorptionPerM">alpha_b, 1/m: parasitic absorption at the pump that only heats.</param>
/// <param name="Distribution">How the emitted (escaping) power is spread over the particle.</param>
/// <param name="PeakShiftJPerK">beta, J/K: the given line's photon energy moves by beta (T - T_ambient) at particle temperature T.</param>
/// <param name="LineShape">The given line (shifted with T) or the van Roosbroeck-Shockley line of the absorption at T.</param>
/// <param name="Carriers">Where eta_int comes from: the constant <paramref name="InternalQuantumEfficiency"/> or the ABC model
/// (coefficients in SI).</param>
public sealed record EmissionSpec(EmissionSpectrum Spectrum, double InternalQuantumEfficiency, double BackgroundAbsorptionPerM,
                                  EmitterDistribution Distribution, double PeakShiftJPerK, EmissionLineShape LineShape,
                                  CarrierModel Carriers);

/// <summary>The words of [emission] carriers: where eta_int comes from.</summary>
public enum CarrierChoice
{
    /// <summary>eta_int = internal_quantum_efficiency (<see cref="CarrierModel.ConstantEfficiency"/>).</summary>
    Constant,
    /// <summary>The ABC recombination model (<see cref="CarrierModel.Abc"/>).</summary>
    Abc,
}

/// <summary>[emission]: intrinsic photoluminescence (Gaussian or a CSV), eta_int, background absorption, emitter distribution.</summary>
public sealed class EmissionSection : CaseSection<EmissionSpec>
{
    readonly QuantityKey _centre, _fwhm;
    readonly TextKey _file;
    readonly NumberKey _etaInt, _background;
    readonly ChoiceKey<EmitterDistribution> _distribution;
    readonly QuantityKey _peakShift;
    readonly ChoiceKey<EmissionLineShape> _lineShape;
    readonly ChoiceKey<CarrierChoice> _carriers;
    readonly NumberKey _abcA, _abcB, _abcC;

    /// <summary>Declares [emission]: peak and fwhm or spectrum_file, internal_quantum_efficiency,
    /// background_absorption_per_cm, distribution.</summary>
    public EmissionSection() : base("emission",
        "The particle's photoluminescence: spectrum, internal quantum efficiency, background absorption (needed by `miecool run`).",
        SectionPresence.Optional)
    {
        _centre = Declare(new QuantityKey("peak", Dimension.Length, "nm",
            "Centre of a Gaussian emission line (photons per unit wavelength).")
            { Range = Interval.Positive(100e-6), Example = 775e-9, OneOf = "spectrum" });
        _file = Declare(new TextKey("spectrum_file",
            "CSV file wavelength_nm,intensity (relative to the case file), instead of a Gaussian line.")
            { Example = "pl.csv", OneOf = "spectrum" });
        _fwhm = Declare(new QuantityKey("fwhm", Dimension.Length, "nm",
            "Full width at half maximum of the Gaussian line "
            + "(with peak; the default is about the room-temperature PL width of MAPbI3).")
            { Range = Interval.Positive(10e-6), Default = 40e-9 });
        _etaInt = Declare(new NumberKey("internal_quantum_efficiency",
            "eta_int: radiative / total recombination rate of the bulk emitter (required; with carriers = \"abc\" it is not "
            + "used: the ABC model gives eta_int).")
            { Range = Interval.Closed(0, 1), Example = 0.99 });
        _background = Declare(new NumberKey("background_absorption_per_cm",
            "alpha_b in 1/cm: parasitic absorption at the pump that only heats (adds to k in the Mie calculation).")
            { Range = Interval.Closed(0, 1e7), Default = 0 });
        _distribution = Declare(new ChoiceKey<EmitterDistribution>("distribution",
            "Where the escaping luminescence leaves from: "
            + "uniform over the particle (carriers diffuse across it) or where the pump is absorbed.",
            ("uniform", EmitterDistribution.Uniform), ("absorbed", EmitterDistribution.Absorbed))
            { Default = EmitterDistribution.Uniform });
        _peakShift = Declare(new QuantityKey("peak_shift", Dimension.EnergyPerTemperature, "meV/K",
            "beta: the shift of the emission's photon energy with the particle temperature, E_peak(T) = E_peak(T_ambient) + "
            + "beta (T - T_ambient), the line's width in energy kept (MAPbI3: the PL blue-shifts on heating).")
            { Range = Interval.Closed(-1e-2 * PhysicalConstants.ElementaryCharge, 1e-2 * PhysicalConstants.ElementaryCharge),
              Default = 0 });
        _lineShape = Declare(new ChoiceKey<EmissionLineShape>("line_shape",
            "given: the peak/fwhm or spectrum_file line, shifted by peak_shift; reciprocity: the van Roosbroeck-Shockley line "
            + "S(E) ~ E^2 alpha(E, T) exp(-E / k_B T) of the [absorption] model at the particle temperature (needs its band tail).",
            ("given", EmissionLineShape.Given), ("reciprocity", EmissionLineShape.Reciprocity))
            { Default = EmissionLineShape.Given });
        _carriers = Declare(new ChoiceKey<CarrierChoice>("carriers",
            "constant: eta_int = internal_quantum_efficiency; abc: eta_int = B N^2 / (A N + B N^2 + C N^3) at the carrier density N "
            + "where the recombination equals the absorbed photon rate per particle volume, B(T) = B_300 (300 K / T)^(3/2).",
            ("constant", CarrierChoice.Constant), ("abc", CarrierChoice.Abc))
            { Default = CarrierChoice.Constant });
        _abcA = Declare(new NumberKey("abc_a_per_s", "A in 1/s: trap-assisted recombination rate (carriers = \"abc\").")
            { Range = Interval.Closed(0, 1e15), Example = 1e7, Required = false });
        _abcB = Declare(new NumberKey("abc_b_cm3_per_s",
            "B at 300 K in cm^3/s: radiative recombination coefficient (carriers = \"abc\").")
            { Range = Interval.Positive(1), Example = 1e-10, Required = false });
        _abcC = Declare(new NumberKey("abc_c_cm6_per_s", "C in cm^6/s: Auger recombination coefficient (carriers = \"abc\").")
            { Range = Interval.Closed(0, 1), Example = 1e-28, Required = false });
    }

    /// <summary>The carrier model: constant (the abc keys refused) or ABC (all three required, converted to SI).</summary>
    CarrierModel Carriers(SectionValues values)
    {
        NumberKey[] abc = [_abcA, _abcB, _abcC];
        if (values.Get(_carriers) == CarrierChoice.Constant)
        {
            foreach (var k in abc)
                if (values.IsGiven(k)) throw values.Invalid(k, "used only with carriers = \"abc\"", "remove it, or set carriers = \"abc\"");
            return CarrierModel.Default;
        }
        foreach (var k in abc)
            if (!values.IsGiven(k)) throw values.Missing(k, "required with carriers = \"abc\"");
        // 1 cm^3 = 1e-6 m^3, 1 cm^6 = 1e-12 m^6
        return new CarrierModel.Abc(values.Get(_abcA), values.Get(_abcB) * 1e-6, values.Get(_abcC) * 1e-12);
    }

    /// <summary>
    /// A Gaussian line (peak with fwhm) or a CSV spectrum found relative to the case file; alpha_b converted from 1/cm
    /// to 1/m; with [optics], the spectrum must lie inside the particle material's data.
    /// </summary>
    protected override EmissionSpec Parse(SectionValues values, CaseContext context)
    {
        EmissionSpectrum spectrum;
        if (values.IsGiven(_centre))
        {
            double centre = values.Get(_centre);
            if (!values.TryGet(_fwhm, out double fwhm)) throw values.Missing(_fwhm, "required with peak");
            spectrum = EmissionSpectrum.Gaussian(centre, fwhm, source: context.Source);
        }
        else
        {
            if (values.IsGiven(_fwhm))
                throw values.Invalid(_fwhm, "a width is used only with a Gaussian peak",
                                     "remove fwhm, or give peak instead of spectrum_file");
            string file = values.Get(_file);
            string path = Path.IsPathRooted(file) ? file
                : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(context.Source)) ?? ".", file);
            if (!File.Exists(path))
                throw values.Invalid(_file, "file not found", "a CSV file wavelength_nm,intensity, relative to the case file");
            spectrum = EmissionSpectrum.ReadCsv(path);
        }
        if (context.Find<OpticsSpec>() is { } optics)
        {
            var m = optics.Material;
            if (spectrum.Wavelengths[0] < m.MinWavelength || spectrum.Wavelengths[^1] > m.MaxWavelength)
                throw values.Invalid(values.IsGiven(_centre) ? _centre : _file,
                    $"the emission spans {spectrum.Wavelengths[0] * 1e9:F1} to {spectrum.Wavelengths[^1] * 1e9:F1} nm, "
                    + $"outside the data of {m.Name}",
                    $"an emission inside {m.MinWavelength * 1e9:F1} to {m.MaxWavelength * 1e9:F1} nm");
        }
        return new EmissionSpec(spectrum, values.Get(_etaInt), values.Get(_background) * 100, values.Get(_distribution),
                                values.Get(_peakShift), values.Get(_lineShape), Carriers(values));
    }
}
