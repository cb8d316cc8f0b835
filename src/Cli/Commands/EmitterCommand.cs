using System.Numerics;
using System.Text.Json;
using MieCool.Core;
using MieCool.Optics;
using MieCool.Optics.Emitters;
using MieCool.Optics.Fields;
using Spectre.Console;

namespace MieCool.Cli;

/// <summary>`miecool emitter`: radiative rate (Purcell factor) of dipole emitters inside a sphere.</summary>
public sealed class EmitterCommand : ICommand
{
    static readonly NumberOption X = new("x", "size parameter in the host at the emission wavelength, x = 2 pi n_host a / lambda0")
        { Required = true, Range = Interval.Positive(1e4) };
    static readonly CustomOption<Complex> M = new("m", "M",
        "sphere index relative to the host, m = n + ik (k >= 0 absorbs), e.g. 2.6+0.0001i",
        IndexParser.Valid, (text, spelled) => IndexParser.Parse(text, spelled)) { Required = true };
    static readonly NumberOption HostIndex = new("host-index", "real index of the host (used for the bulk normalisation F_avg_bulk only)")
        { Aliases = ["host"], ValueName = "N", Default = 1.0, Range = Interval.Positive(100), CaseKeys = ["optics.host_index"] };
    static readonly SwitchOption Json = new("json",
        "print {x, m, host, F_avg, F_center, F_avg_bulk, F_avg_radial, F_avg_tangential, dominant, orders: [{n, type, label, F}]} " +
        "instead of the tables");

    /// <inheritdoc/>
    public string Name => Syntax.Command;
    /// <inheritdoc/>
    public string Summary => "radiative rate of dipoles inside a sphere (Purcell factor), averaged over volume and orientation";
    /// <inheritdoc/>
    public CommandSyntax Syntax { get; } = new("emitter", """
        F is the power a dipole radiates to the far field (what escapes), relative to the same dipole moment in the
        infinite host; F_avg averages over orientations and over the sphere volume, F_center is the centre value, and
        F_avg_bulk is F_avg relative to the dipole in an infinite medium of the sphere's material (= F_avg / Re m).
        orders: the share of each multipole (ED, MD, EQ, MQ, EO, MO, ...) in F_avg (host-normalised). Chew,
        J. Chem. Phys. 87, 1355 (1987); Phys. Rev. A 38, 3410 (1988); computed by reciprocity from the internal field.
        Prints a summary table and the multipole orders; writes no files.
        """)
    {
        Options = [X, M, HostIndex, Json],
        Examples = ["miecool emitter --x 3.0 --m 2.6+0.0001i --host-index 1.0 --json"],
    };

    /// <summary>
    /// Computes the far-field Purcell factor of dipoles in the sphere of size parameter --x and relative index --m, and
    /// prints the summary table (F_avg, F_center, F_avg_bulk, radial and tangential averages, the dominant multipole) and
    /// each multipole order's F_n and share, or with --json one object. Writes no files.
    /// </summary>
    public int Run(Args args, Console console)
    {
        double x = args.Get(X);
        var m = args.Get(M);
        double host = args.Get(HostIndex);
        bool json = args.Get(Json);
        var e = DipoleInSphere.VolumeAverage(SphereCoefficients.Sphere(x, m), host);
        if (json)
        {
            var doc = new Dictionary<string, object>
            {
                ["x"] = x, ["m"] = IndexParser.Format(m), ["host"] = host,
                ["F_avg"] = e.FAverage, ["F_center"] = e.FCenter, ["F_avg_bulk"] = e.FAverageBulk,
                ["F_avg_radial"] = e.FAverageRadial, ["F_avg_tangential"] = e.FAverageTangential,
                ["dominant"] = e.Dominant.Label,
                ["orders"] = e.Orders.Select(t => new Dictionary<string, object>
                    { ["n"] = t.Order, ["type"] = t.Type.ToString().ToLowerInvariant(), ["label"] = t.Label, ["F"] = t.Value }).ToList(),
            };
            console.Out.WriteLine(CliJson.Serialize(doc));
            return Program.Ok;
        }
        var ansi = Terminal.For(console.Out, console.Interactive);
        var summary = new Table().Border(TableBorder.Rounded).AddColumn("quantity").AddColumn(new TableColumn("value").RightAligned());
        summary.AddRow("x (host)", CoolingCommand.G(x)).AddRow("m (relative)", Markup.Escape(IndexParser.Format(m)));
        summary.AddRow("F_avg (rel. host)", CoolingCommand.G(e.FAverage, 6)).AddRow("F_center (rel. host)", CoolingCommand.G(e.FCenter, 6));
        summary.AddRow("F_avg (rel. bulk sphere material)", CoolingCommand.G(e.FAverageBulk, 6));
        summary.AddRow("F_avg radial / tangential dipoles",
                       $"{CoolingCommand.G(e.FAverageRadial, 5)} / {CoolingCommand.G(e.FAverageTangential, 5)}");
        summary.AddRow("dominant multipole", e.Dominant.Label);
        ansi.Write(summary);
        var orders = new Table().Border(TableBorder.Rounded).AddColumn("n").AddColumn("multipole")
            .AddColumn(new TableColumn("F_n (rel. host)").RightAligned()).AddColumn(new TableColumn("share").RightAligned());
        foreach (var t in e.Orders.Where(t => t.Value > 1e-6 * e.FAverage))
            orders.AddRow(t.Order.ToString(), t.Label, CoolingCommand.G(t.Value, 5), $"{t.Value / e.FAverage * 100:F1}%");
        ansi.Write(orders);
        return Program.Ok;
    }
}
