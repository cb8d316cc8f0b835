using MieCool.Core;
using MieCool.Thermal.Transient;

namespace MieCool.Cases;

/// <summary>
/// [transient]: `miecool transient`'s time integration: the end time, when the pump is switched off or pulsed, the
/// tolerances (<see cref="TransientSpec"/>). The heat capacities are in [thermal.density] and [thermal.specific_heat].
/// </summary>
public sealed class TransientSection : CaseSection<TransientSpec>
{
    readonly QuantityKey _end, _off, _period, _duration, _absolute, _first;
    readonly NumberKey _tolerance;
    readonly IntegerKey _snapshots, _maxSteps;

    /// <summary>Declares [transient]: end, pump_off, pulse_period, pulse_duration, tolerance, absolute_tolerance, first_step,
    /// snapshots, max_steps.</summary>
    public TransientSection() : base("transient",
        "Transient conduction (`miecool transient`): the pump switched on at t = 0, the end time, pump off or pulses, tolerances.",
        SectionPresence.Optional)
    {
        var time = new Interval(1e-18, 1e9);
        _end = Declare(new QuantityKey("end", Dimension.Time, "s",
            "End time of the run (the pump is switched on at t = 0); `--end` overrides it.")
            { Range = time, Example = 1e-3, Required = false });
        _off = Declare(new QuantityKey("pump_off", Dimension.Time, "s",
            "Time at which the pump is switched off for good; absent: it stays on.")
            { Range = time, Example = 1e-4, Required = false });
        _period = Declare(new QuantityKey("pulse_period", Dimension.Time, "s",
            "Period of a pulse train (with pulse_duration): pulses start at 0, period, 2 period, ...; absent: continuous.")
            { Range = time, Example = 1e-6, Required = false });
        _duration = Declare(new QuantityKey("pulse_duration", Dimension.Time, "s",
            "On-time of each pulse of the train (shorter than pulse_period).")
            { Range = time, Example = 1e-7, Required = false });
        _tolerance = Declare(new NumberKey("tolerance",
            "Error allowed in the curve, relative to the largest |dT| of the field (each step's local error is kept below a " +
            "quarter of it).")
            { Range = new Interval(1e-10, 0.1), Default = 1e-3 });
        _absolute = Declare(new QuantityKey("absolute_tolerance", Dimension.Temperature, "K",
            "Absolute error allowed while the field is still near zero.")
            { Range = new Interval(1e-15, 1), Default = 1e-6 });
        _first = Declare(new QuantityKey("first_step", Dimension.Time, "s",
            "First time step (and the first after each pump switch); absent: 1e-3 a^2 / D of the particle.")
            { Range = time, Example = 1e-10, Required = false });
        _snapshots = Declare(new IntegerKey("snapshots",
            "How many fields to keep for fields.xdmf, spread evenly in log(t) (the end state always).")
            { Min = 1, Max = TransientSettings.MaxSnapshots, Default = 30 });
        _maxSteps = Declare(new IntegerKey("max_steps", "Limit on the time steps (accepted and rejected); more is an error.")
            { Min = 10, Max = 10_000_000, Default = 20_000 });
    }

    /// <summary>The spec; a pulse train needs both its keys, and its pulses must be shorter than its period.</summary>
    protected override TransientSpec Parse(SectionValues values, CaseContext context)
    {
        double? Opt(QuantityKey k) => values.TryGet(k, out double v) ? v : null;
        double? period = Opt(_period), duration = Opt(_duration);
        if (period is null != duration is null)
            throw period is null ? values.Missing(_period, "pulse_duration is given") : values.Missing(_duration, "pulse_period is given");
        if (period is double p && duration is double d && !(d < p))
            throw values.Invalid(_duration, "a pulse must be shorter than its period", $"a time below {Units.Invariant(p)} s");
        double? end = Opt(_end), off = Opt(_off);
        if (end is double e && off is double o && !(o < e))
            throw values.Invalid(_off, "the pump must be switched off before the end", $"a time below {Units.Invariant(e)} s");
        return new TransientSpec(end, new PumpSchedule(off, period, duration), values.Get(_tolerance), values.Get(_absolute),
                                 Opt(_first), values.Get(_snapshots), values.Get(_maxSteps));
    }
}
