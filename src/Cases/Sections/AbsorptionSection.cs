using MieCool.Core;
using MieCool.Optics.Cooling;

namespace MieCool.Cases;

/// <summary>The sub-gap absorption model at the pump (what the particle absorbs resonantly, the part that can cool).</summary>
/// <param name="Model">Tabulated k of the material page, or an Urbach tail with E_g and E_U in eV and alpha_0 in 1/m (SI).</param>
public sealed record AbsorptionSpec(SubGapAbsorption Model);

/// <summary>[absorption]: tabulated k of the material page, or an Urbach tail alpha_0 exp((E - E_g)/E_U).</summary>
public sealed class AbsorptionSection : CaseSection<AbsorptionSpec>
{
    enum Model { Tabulated, Urbach }
    readonly ChoiceKey<Model> _model;
    readonly NumberKey _gap, _urbach, _alpha0;

    /// <summary>Declares [absorption]: model, and the Urbach parameters band_gap_ev, urbach_energy_mev, alpha0_per_cm.</summary>
    public AbsorptionSection() : base("absorption",
        "Resonant sub-gap absorption at the pump: the tabulated k of the material page or an Urbach tail "
        + "(used by `miecool run`; tabulated when absent).",
        SectionPresence.Optional)
    {
        _model = Declare(new ChoiceKey<Model>("model",
            "tabulated: k of the material page at the pump; "
            + "urbach: alpha = alpha_0 exp((E - E_g)/E_U), k = alpha lambda / (4 pi), n from the page.",
            ("tabulated", Model.Tabulated), ("urbach", Model.Urbach)) { Default = Model.Tabulated });
        _gap = Declare(new NumberKey("band_gap_ev", "E_g in eV (required with model = \"urbach\").")
            { Range = new Interval(0, 20, false, true), Example = 1.61, Required = false });
        _urbach = Declare(new NumberKey("urbach_energy_mev", "E_U in meV (required with model = \"urbach\").")
            { Range = new Interval(0, 1000, false, true), Example = 15, Required = false });
        _alpha0 = Declare(new NumberKey("alpha0_per_cm",
            "alpha_0 in 1/cm, the absorption coefficient at the gap (required with model = \"urbach\").")
            { Range = Interval.Closed(0, 1e8), Example = 1e4, Required = false });
    }

    /// <summary>
    /// The tabulated model (no Urbach key allowed), or the Urbach tail (all three keys needed) converted to eV and
    /// 1/m; with [optics], the pump photon energy must not exceed the gap.
    /// </summary>
    protected override AbsorptionSpec Parse(SectionValues values, CaseContext context)
    {
        var model = values.Get(_model);
        NumberKey[] urbach = [_gap, _urbach, _alpha0];
        if (model == Model.Tabulated)
        {
            foreach (var k in urbach)
                if (values.IsGiven(k))
                    throw values.Invalid(k, "used only with model = \"urbach\"", "remove it, or set model = \"urbach\"");
            return new AbsorptionSpec(new TabulatedAbsorption());
        }
        foreach (var k in urbach)
            if (!values.IsGiven(k)) throw values.Missing(k, "model = \"urbach\"");
        var u = UrbachAbsorption.Constant(values.Get(_gap), values.Get(_urbach) * 1e-3, values.Get(_alpha0) * 100);
        if (context.Find<OpticsSpec>() is { } optics && PhysicalConstants.HcOverE / optics.PumpWavelengthM > values.Get(_gap))
            throw values.Invalid(_gap,
                $"the pump photon energy {PhysicalConstants.HcOverE / optics.PumpWavelengthM:F3} eV is above the gap",
                "a band gap above the pump photon energy (the Urbach tail describes sub-gap absorption), or model = \"tabulated\"");
        return new AbsorptionSpec(u);
    }
}
