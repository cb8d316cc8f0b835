using MieCool.Core;
using MieCool.Coupling;

namespace MieCool.Cases;

/// <summary>
/// [steady_state]: how `miecool run` finds the particle's temperature. Self-consistent (the default): the optics at the
/// particle's mean temperature, iterated to the balance of cooling and conduction, inside the material's validity
/// range; linear: the constant-property answer at the ambient temperature.
/// </summary>
public sealed class SteadyStateSection : CaseSection<SteadyStateSettings>
{
    readonly ChoiceKey<SteadyStateModel> _model;
    readonly QuantityKey _validityMin, _validityMax, _tolerance, _step;

    /// <summary>Declares [steady_state]: model, validity_min, validity_max, tolerance, scan_step.</summary>
    public SteadyStateSection() : base("steady_state",
        "How the particle's steady temperature is found: self-consistent (optics at the particle temperature) or linear.",
        SectionPresence.DefaultsWhenAbsent)
    {
        _model = Declare(new ChoiceKey<SteadyStateModel>("model",
            "self-consistent: the optical properties at the particle's mean temperature, iterated until the conducted heat " +
            "balances -eta_c(T) P_abs(T); linear: constant properties at the ambient temperature (the first MieCool answer).",
            ("self-consistent", SteadyStateModel.SelfConsistent), ("linear", SteadyStateModel.Linear))
            { Default = SteadyStateModel.SelfConsistent });
        _validityMin = Declare(new QuantityKey("validity_min", Dimension.Temperature, "K",
            "Lowest temperature at which the material model holds (MAPbI3: the tetragonal phase from about 162 K); a balance " +
            "below it is reported as outside the model, never as a result.")
            { Range = Interval.Positive(5000), Default = 1 });
        _validityMax = Declare(new QuantityKey("validity_max", Dimension.Temperature, "K",
            "Highest temperature at which the material model holds (MAPbI3: about 327 K, the tetragonal-cubic transition).")
            { Range = Interval.Positive(5000), Default = 5000 });
        _tolerance = Declare(new QuantityKey("tolerance", Dimension.Temperature, "K",
            "Absolute tolerance on the self-consistent particle temperature.")
            { Range = new Interval(1e-9, 10), Default = 1e-3 });
        _step = Declare(new QuantityKey("scan_step", Dimension.Temperature, "K",
            "First step of the scan from the ambient temperature that brackets the balance the particle reaches (each " +
            "further step doubles).")
            { Range = new Interval(1e-3, 1000), Default = 10 });
    }

    /// <summary>The settings; the validity range must be increasing.</summary>
    protected override SteadyStateSettings Parse(SectionValues values, CaseContext context)
    {
        double min = values.Get(_validityMin), max = values.Get(_validityMax);
        if (!(max > min))
            throw values.Invalid(_validityMax, "must be above validity_min", $"a temperature above {Units.Invariant(min)} K");
        return new SteadyStateSettings(values.Get(_model), min, max, values.Get(_tolerance), ScanStepK: values.Get(_step));
    }
}
