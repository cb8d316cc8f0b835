using MieCool.Core;

namespace MieCool.Cases;

/// <summary>A prescribed heat source for thermal-only studies, SI.</summary>
/// <param name="PowerW">Total power deposited uniformly in the particle, W (negative: a uniform heat sink).</param>
public sealed record HeatSourceSpec(double PowerW);

/// <summary>[source]: a power deposited uniformly in the particle, for thermal-only studies without optics.</summary>
public sealed class HeatSourceSection : CaseSection<HeatSourceSpec>
{
    readonly QuantityKey _power;

    /// <summary>Declares [source]: power, in uW in the case file, from -1 W to 1 W.</summary>
    public HeatSourceSection() : base("source", "A prescribed heat source for thermal-only studies (no optics).", SectionPresence.Optional)
    {
        _power = Declare(new QuantityKey("power", Dimension.Power, "uW",
            "Total power deposited uniformly in the particle (negative for a uniform heat sink).")
            { Range = new Interval(-1, 1), Example = 1e-6 });
    }

    /// <summary>The total power in W as given (negative for a sink); nothing to cross-check.</summary>
    protected override HeatSourceSpec Parse(SectionValues values, CaseContext context) => new(values.Get(_power));
}
