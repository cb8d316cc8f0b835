namespace MieCool.Cases;

/// <summary>What `miecool sweep` varies when the command line gives no --vary.</summary>
/// <param name="Vary">Each item KEY=START:STOP:STEP[unit] or KEY=V1,V2,... (the syntax of --vary).</param>
/// <param name="Zip">True: the lists are walked together (equal lengths); false: every combination (a grid).</param>
public sealed record SweepSpec(IReadOnlyList<string> Vary, bool Zip);

/// <summary>[sweep]: the keys `miecool sweep` varies (the command line's --vary and --zip take precedence).</summary>
public sealed class SweepSection : CaseSection<SweepSpec>
{
    readonly TextListKey _vary;
    readonly BoolKey _zip;

    /// <summary>Declares [sweep]: vary and zip.</summary>
    public SweepSection() : base("sweep",
        "What `miecool sweep` varies when no --vary is given: case keys over ranges or lists, as a grid or zipped.",
        SectionPresence.Optional)
    {
        _vary = Declare(new TextListKey("vary",
            "The varied keys, each KEY=START:STOP:STEP[unit] (an evenly spaced range) or KEY=V1,V2,... (a list, one unit at " +
            "the end or one per value); the sweep runs every combination, or with zip = true the lists side by side.")
            { Example = ["particle.diameter=400:700:10nm", "optics.intensity=1e6,7e6W/cm^2"] });
        _zip = Declare(new BoolKey("zip", "true: the i-th values of every list form the i-th point (equal lengths); " +
                                          "false: every combination of the values (a grid).")
            { Default = false });
    }

    /// <summary>The section as given; the items are checked by `miecool sweep` (their keys against the case).</summary>
    protected override SweepSpec Parse(SectionValues values, CaseContext context) => new(values.Get(_vary), values.Get(_zip));
}
