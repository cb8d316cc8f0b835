using MieCool.Core;
using MieCool.Optics.Cooling;
using MieCool.Thermal;

namespace MieCool.Cases;

/// <summary>The sub-gap absorption model at the pump (what the particle absorbs resonantly, the part that can cool).</summary>
/// <param name="Model">The tabulated k of the material page (optionally rescaled with a temperature-dependent band tail),
/// or an Urbach tail alpha_0 exp(x(E, T)); SI.</param>
public sealed record AbsorptionSpec(SubGapAbsorption Model);

/// <summary>
/// [absorption]: the resonant sub-gap absorption at the pump and its temperature dependence. The band tail: the edge
/// E0(T) = E0 + gamma (T - 300 K), the Urbach energy E_U(T) = E_U,st + P / (exp(hbar_w / k_B T) - 1) with P such that
/// E_U(300 K) = urbach_energy, the tail exponent x(E, T) = (E - E0(T)) / E_U(T). Model tabulated: the page's k, measured
/// at data_temperature and rescaled below the edge by exp(x(E, T) - x(E, T_data)) (no band-tail keys: the page's k at
/// every temperature); model urbach: alpha_0 exp(x(E, T)).
/// </summary>
public sealed class AbsorptionSection : CaseSection<AbsorptionSpec>
{
    enum Model { Tabulated, Urbach }
    readonly ChoiceKey<Model> _model;
    readonly QuantityKey _dataTemperature, _edge, _edgeShift, _urbach, _static, _phonon, _alpha0;

    /// <summary>
    /// Declares [absorption]: model, data_temperature, band_edge, band_edge_shift, urbach_energy, urbach_static,
    /// phonon_energy, alpha0.
    /// </summary>
    public AbsorptionSection() : base("absorption",
        "Resonant sub-gap absorption at the pump and its band tail's temperature dependence (used by `miecool run`; "
        + "the tabulated k of the page when absent).",
        SectionPresence.Optional)
    {
        _model = Declare(new ChoiceKey<Model>("model",
            "tabulated: the page's k, rescaled below the band edge with the particle temperature when the band-tail keys "
            + "are given; urbach: alpha = alpha0 exp((E - E0(T)) / E_U(T)), k = alpha lambda / (4 pi), n from the page.",
            ("tabulated", Model.Tabulated), ("urbach", Model.Urbach)) { Default = Model.Tabulated });
        _dataTemperature = Declare(new QuantityKey("data_temperature", Dimension.Temperature, "K",
            "Tabulated only: the temperature at which the page's k was measured (default: the ambient temperature).")
            { Range = Interval.Positive(5000), Example = 293.15, Required = false });
        _edge = Declare(new QuantityKey("band_edge", Dimension.Energy, "eV", "E0: the band edge at 300 K.")
            { Range = Interval.Positive(20 * PhysicalConstants.ElementaryCharge), Example = 1.6 * PhysicalConstants.ElementaryCharge,
              Required = false });
        _edgeShift = Declare(new QuantityKey("band_edge_shift", Dimension.EnergyPerTemperature, "meV/K",
            "gamma: dE0/dT (MAPbI3's tetragonal phase: positive, the gap widens on heating).")
            { Range = Interval.Closed(-1e-2 * PhysicalConstants.ElementaryCharge, 1e-2 * PhysicalConstants.ElementaryCharge),
              Example = 0.3e-3 * PhysicalConstants.ElementaryCharge, Required = false });
        _urbach = Declare(new QuantityKey("urbach_energy", Dimension.Energy, "meV", "E_U(300 K): the Urbach energy at 300 K.")
            { Range = Interval.Positive(PhysicalConstants.ElementaryCharge), Example = 15e-3 * PhysicalConstants.ElementaryCharge,
              Required = false });
        _static = Declare(new QuantityKey("urbach_static", Dimension.Energy, "meV",
            "E_U,st: the static (temperature-independent) part of the Urbach energy (default: urbach_energy, no phonon part).")
            { Range = Interval.Closed(0, PhysicalConstants.ElementaryCharge), Example = 3.8e-3 * PhysicalConstants.ElementaryCharge,
              Required = false });
        _phonon = Declare(new QuantityKey("phonon_energy", Dimension.Energy, "meV",
            "hbar_w: the effective phonon energy of the Urbach energy's thermal part (required when urbach_static < urbach_energy).")
            { Range = Interval.Positive(PhysicalConstants.ElementaryCharge), Example = 11.5e-3 * PhysicalConstants.ElementaryCharge,
              Required = false });
        _alpha0 = Declare(new QuantityKey("alpha0", Dimension.InverseLength, "/cm",
            "Urbach only: alpha_0, the absorption coefficient at the band edge.")
            { Range = Interval.Closed(0, 1e10), Example = 1.5e6, Required = false });
    }

    /// <summary>
    /// The model: its keys cross-checked (an Urbach-only key with the tabulated model is refused, and the reverse), the
    /// band tail validated, the pump below the edge at 300 K for the Urbach model.
    /// </summary>
    protected override AbsorptionSpec Parse(SectionValues values, CaseContext context)
    {
        var model = values.Get(_model);
        BandTail? tail = null;
        if (values.IsGiven(_edge) || model == Model.Urbach)
        {
            if (!values.IsGiven(_edge)) throw values.Missing(_edge, "model = \"urbach\"");
            if (!values.IsGiven(_urbach)) throw values.Missing(_urbach, "band_edge");
            double eu = values.Get(_urbach);
            double st = values.TryGet(_static, out double s) ? s : eu;
            if (st > eu) throw values.Invalid(_static, "exceeds urbach_energy", "a static part <= urbach_energy");
            double phonon = values.TryGet(_phonon, out double p) ? p : 0;
            if (st < eu && !values.IsGiven(_phonon)) throw values.Missing(_phonon, "urbach_static < urbach_energy");
            tail = new BandTail(values.Get(_edge), values.TryGet(_edgeShift, out double g) ? g : 0, eu, st, phonon);
        }
        else
            foreach (var k in new[] { _edgeShift, _urbach, _static, _phonon })
                if (values.IsGiven(k)) throw values.Invalid(k, "a band-tail key needs band_edge", "give band_edge too, or remove it");
        if (model == Model.Tabulated)
        {
            if (values.IsGiven(_alpha0))
                throw values.Invalid(_alpha0, "used only with model = \"urbach\"", "remove it, or set model = \"urbach\"");
            double data = values.TryGet(_dataTemperature, out double d) ? d : context.Find<ThermalSettings>()?.AmbientK ?? 293.15;
            return new AbsorptionSpec(new TabulatedAbsorption(tail, data));
        }
        if (values.IsGiven(_dataTemperature))
            throw values.Invalid(_dataTemperature, "used only with model = \"tabulated\"", "remove it, or set model = \"tabulated\"");
        if (!values.IsGiven(_alpha0)) throw values.Missing(_alpha0, "model = \"urbach\"");
        var u = new UrbachAbsorption(tail!, values.Get(_alpha0));
        if (context.Find<OpticsSpec>() is { } optics
            && PhysicalConstants.PlanckTimesSpeedOfLight / optics.PumpWavelengthM >= tail!.EdgeAt(BandTail.ReferenceK))
            throw values.Invalid(_edge, "the pump photon energy is above the band edge",
                "a band edge above the pump photon energy (the Urbach tail describes sub-gap absorption), or model = \"tabulated\"");
        return new AbsorptionSpec(u);
    }
}
