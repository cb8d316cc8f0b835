using System.Globalization;
using System.Text;
using MieCool.Cli.Output;
using MieCool.Coupling;
using MieCool.Core;
using MieCool.Cases;
using ScottPlot;

namespace MieCool.Cli;

/// <summary>
/// `miecool sweep CASE --diameters A:B:STEPnm [--out DIR] [--case-mesh]`: reruns the coupled model of `miecool run` for
/// each diameter (same case otherwise, contact geometry as given) and writes sweep.csv and sweep.png with the optimum.
/// </summary>
public sealed class SweepCommand : ICommand
{
    static readonly Positional CaseFile = new("CASE",
        "the case file of `miecool run`; its [particle] diameter (or [optics] intensity) is replaced by each swept value");
    static readonly SweepOption Diameters = new("diameters", Dimension.Length, "nm",
        "particle diameters, each above twice the contact radius")
        { Required = true, OneOf = "axis", Range = Interval.Positive(100e-6), Example = "400:700:10nm",
          MaxPoints = MaxPoints, CaseKeys = ["particle.diameter"] };
    static readonly CustomOption<double[]> Intensities = new("intensities", "LIST",
        "pump intensities: a comma-separated list with one unit at the end (1e5,1e6,7e6W/cm2), or start:stop:step "
        + "(the temperature against intensity: where the cooling saturates)",
        $"values > 0 with an intensity unit, e.g. 1e5,1e6,7e6,3e7W/cm2 or 1e6:1e7:1e6W/cm2, at most {MaxPoints} of them",
        (text, spelled) => ParseIntensities(text, spelled))
        { Required = true, OneOf = "axis" }; // each value replaces [optics] intensity
    static readonly TextOption Out = new("out", "DIR",
        "output folder for sweep.csv, sweep.png and summary.json (written at the end, all or nothing; an earlier " +
        "result there is replaced as a whole)")
        { DefaultNote = "out/<case file name without .toml>_sweep", Accepts = "a folder path (not a file)" };
    static readonly SwitchOption CaseMesh = new("case-mesh",
        "mesh each point with the case's own [mesh] instead of the coarse mesh (slower)");
    static readonly SwitchOption Quiet = new("quiet", "no progress line per point on standard error");

    /// <inheritdoc/>
    public string Name => Syntax.Command;
    /// <inheritdoc/>
    public string Summary => "the coupled model over diameters or intensities: particle dT against either (CSV, PNG, optimum)";
    /// <inheritdoc/>
    public CommandSyntax Syntax { get; } = new("sweep", $"""
        Runs the coupled model of `miecool run` (optics -> heat source -> FEM) for every diameter (--diameters) or pump
        intensity (--intensities) and writes into DIR (all or nothing):
          sweep.csv     one row per point: the swept value (diameter_nm or intensity_W_per_cm2), then
                        {string.Join(",", Columns[..8])},
                        {string.Join(",", Columns[8..])}
          sweep.png     particle mean dT (with min-max band) and eta_c against the swept value, the optimum marked
          summary.json  the optimum and every row with the keys of `miecool run`'s summary.json, the case and its inputs
        Prints the optimum (the most negative mean dT). Each point uses the coarse mesh of `miecool run --coarse`
        (h_min >= R/6, P1: a few per cent from the converged value, the same at every point, so the curve's shape
        and its optimum are reliable) unless --case-mesh is given.
        The contact geometry is kept as the case gives it (a contact radius stays the same at every diameter).
        """)
    {
        Positionals = [CaseFile],
        Options = [Diameters, Intensities, Out, CaseMesh, Quiet],
        Examples =
        [
            "miecool sweep cases/tonkaev2019_mapbi3_d530.toml --diameters 400:700:10nm",
            "miecool sweep cases/tonkaev2019_mapbi3_d530.toml --intensities 1e5,1e6,3e6,7e6,1.4e7,3e7W/cm2",
        ],
    };

    /// <summary>
    /// Solves the coupled model of CASE at every diameter (the coarse mesh unless --case-mesh; each diameter wider than the
    /// contact disc) and writes DIR (default out/&lt;case name&gt;_sweep) all or nothing: sweep.csv, sweep.png and
    /// summary.json; prints the optimum (the most negative particle mean dT) and the folder written.
    /// </summary>
    public int Run(Args args, Console console)
    {
        string casePath = args.Get(CaseFile);
        string outDir = args.Find(Out) ?? Path.Combine("out", Path.GetFileNameWithoutExtension(casePath) + "_sweep");
        bool caseMesh = args.Get(CaseMesh), quiet = args.Get(Quiet);
        using var target = OutputFolder.Claim(outDir, args.Spelled(Out));
        var c = Case.Load(casePath);
        var problem = CaseProblems.Coupled(c);
        var axis = args.Has(Diameters) ? Axis.Diameter : Axis.Intensity;
        double[] values = axis == Axis.Diameter ? args.Get(Diameters).Values() : args.Get(Intensities);
        if (axis == Axis.Diameter)
            foreach (var d in values)
                if (d / 2 <= c.Substrate.ContactRadiusM)
                    throw new InputException(args.Spelled(Diameters),
                        Inv($"diameter {d * 1e9:G4} nm is not wider than the contact disc ({2 * c.Substrate.ContactRadiusM * 1e9:G4} nm)"),
                        valid: "diameters above twice [substrate] contact_radius");

        var rows = new List<CoupledSolution>();
        foreach (var v in values)
        {
            var at = axis == Axis.Diameter ? problem.WithDiameter(v)
                                           : problem with { Optics = problem.Optics with { IntensityWPerM2 = v } };
            if (!caseMesh) at = at with { Mesh = at.Mesh.Coarse() };
            ProgressDisplay.Line(console, quiet, "sweep", $"{Label(axis, v)} ({rows.Count + 1}/{values.Length})");
            rows.Add(CaseProblems.Check(c, () => CoupledModel.Solve(at)));
        }
        var best = rows.Where(r => r.SteadyState.Converged).MinBy(r => r.Thermal.Heat.ParticleMeanRiseK)
                   ?? throw new ComputationException($"{c.Source}: no point of the sweep has a steady state to report: " +
                                                     rows[0].SteadyState.Status);
        target.Write(temp =>
        {
            FiniteOutput.WriteAllText(Path.Combine(temp, "sweep.csv"), Csv(c, caseMesh, rows, axis));
            Plot(Path.Combine(temp, "sweep.png"), rows, best, axis);
            var doc = new Dictionary<string, object?>
            {
                ["swept"] = AxisKey(axis),
                ["optimum"] = SummaryFile.Row(best),
                ["mesh"] = caseMesh ? "the case's [mesh]" : "coarse (as run --coarse)",
                ["rows"] = rows.Select(SummaryFile.Row).ToList(),
            };
            SummaryFile.Provenance(doc, c, casePath, ["sweep.csv", "sweep.png", "summary.json"]);
            FiniteOutput.WriteAllText(Path.Combine(temp, "summary.json"), SummaryFile.Json(doc));
            return 0;
        });
        var b = best.Optics; var bt = best.Thermal.Heat;
        console.Out.WriteLine($"optimum: {Label(axis, Value(best, axis))}: "
                              + Inv($"particle mean dT {bt.ParticleMeanRiseK:G4} K, eta_c {b.CoolingEfficiency:G4}, ")
                              + Inv($"P_heat {b.HeatPowerW:G4} W"));
        console.Out.WriteLine($"wrote {Path.GetFullPath(outDir)}: sweep.csv, sweep.png, summary.json");
        return Program.Ok;
    }

    /// <summary>The most points a sweep may have (each is a whole coupled run: mesh, optics, FEM).</summary>
    const int MaxPoints = 10_000;

    /// <summary>What a sweep varies.</summary>
    enum Axis { Diameter, Intensity }

    static string AxisKey(Axis a) => a == Axis.Diameter ? "diameter_nm" : "intensity_W_per_cm2";
    static double Value(CoupledSolution s, Axis a) => a == Axis.Diameter ? s.Problem.Optics.DiameterM : s.Problem.Optics.IntensityWPerM2;
    static double Shown(double si, Axis a) => a == Axis.Diameter ? si * 1e9 : si / 1e4;
    static string Label(Axis a, double si) =>
        a == Axis.Diameter ? Inv($"diameter {si * 1e9:G4} nm") : Inv($"intensity {si / 1e4:G4} W/cm^2");

    /// <summary>"1e5,1e6,7e6W/cm2" (one unit at the end, applying to every value) or start:stop:step, in W/m^2.</summary>
    static double[] ParseIntensities(string text, string spelled)
    {
        if (text.Contains(':', StringComparison.Ordinal))
        {
            var range = SweepRange.Parse(text, Dimension.Intensity, spelled);
            if (!SweepOption.HasAtMost(range, MaxPoints))
                throw new InputException(spelled, $"too many points (at most {MaxPoints})", value: text,
                                         valid: $"start:stop:step with at most {MaxPoints} values, e.g. 1e6:1e7:1e6W/cm2");
            return range.Values();
        }
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        int unitStart = parts[^1].IndexOfAny(['W', 'w', 'k', 'M', 'G', 'm']);
        string unit = unitStart > 0 ? parts[^1][unitStart..] : "";
        if (unit.Length > 0) parts[^1] = parts[^1][..unitStart];
        var values = parts.Select(p => Units.Parse(p.EndsWith(unit, StringComparison.Ordinal) || unit.Length == 0 ? p : p + unit,
                                                   Dimension.Intensity, spelled)).ToArray();
        if (values.Length > MaxPoints || values.Any(v => !(v > 0)))
            throw new InputException(spelled, $"intensities must be > 0, at most {MaxPoints} of them", value: text,
                                     valid: "e.g. 1e5,1e6,7e6W/cm2");
        return values;
    }

    static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>The columns of sweep.csv: keys of <see cref="SummaryFile.Row"/>, so that they read as in summary.json.</summary>
    internal static readonly string[] Columns =
        ["diameter_nm", "Qabs", "F_bulk", "eta_ext", "lambda_f_nm", "eta_c", "P_abs_W", "P_heat_W",
         "dT_particle_mean_K", "dT_particle_min_K", "dT_particle_max_K", "dofs"];

    static string Csv(Case c, bool caseMesh, List<CoupledSolution> rows, Axis axis)
    {
        var columns = axis == Axis.Diameter ? Columns : [AxisKey(axis), .. Columns];
        var sb = new StringBuilder();
        sb.AppendLine($"# miecool sweep {c.Source}: {(caseMesh ? "the case's [mesh]" : "coarse mesh (as run --coarse)")}; " +
                      "every other input as in the case");
        sb.AppendLine(string.Join(",", columns));
        foreach (var r in rows)
        {
            var row = SummaryFile.Row(r);
            sb.AppendLine(string.Join(",", columns.Select(k => row[k] switch
            {
                double v => v.ToString("G10", CultureInfo.InvariantCulture),
                int i => i.ToString(CultureInfo.InvariantCulture),
                var o => Convert.ToString(o, CultureInfo.InvariantCulture),
            })));
        }
        return sb.ToString();
    }

    static void Plot(string path, List<CoupledSolution> rows, CoupledSolution best, Axis axis)
    {
        rows = rows.Where(r => r.SteadyState.Converged).ToList(); // a point without a steady state has no temperature
        // intensities span decades: plotted against log10 of the intensity in W/cm^2
        double X(CoupledSolution r) => axis == Axis.Diameter ? Shown(Value(r, axis), axis) : Math.Log10(Shown(Value(r, axis), axis));
        double[] d = rows.Select(X).ToArray();
        double bestD = X(best), bestDT = best.Thermal.Heat.ParticleMeanRiseK;
        using var plot = new Plot(); // disposed here: Skia objects must not be freed later by the finalizer thread
        var band = plot.Add.FillY(d, rows.Select(r => r.Thermal.Heat.ParticleMinRiseK).ToArray(),
                                  rows.Select(r => r.Thermal.Heat.ParticleMaxRiseK).ToArray());
        band.FillColor = Colors.RoyalBlue.WithAlpha(0.2); band.LegendText = "particle min-max dT";
        var mean = plot.Add.ScatterLine(d, rows.Select(r => r.Thermal.Heat.ParticleMeanRiseK).ToArray(), Colors.RoyalBlue);
        mean.LineWidth = 2.5f; mean.LegendText = "particle mean dT (left axis)";
        var eta = plot.Add.ScatterLine(d, rows.Select(r => r.Optics.CoolingEfficiency).ToArray(), Colors.Crimson);
        eta.LineWidth = 2; eta.LinePattern = LinePattern.Dashed; eta.LegendText = "eta_c (right axis, > 0 cools)";
        eta.Axes.YAxis = plot.Axes.Right;
        var m = plot.Add.Marker(bestD, bestDT, MarkerShape.FilledCircle, 10, Colors.Black);
        var t = plot.Add.Text(Inv($"{Shown(Value(best, axis), axis):G4} {(axis == Axis.Diameter ? "nm" : "W/cm^2")}: {bestDT:G4} K"),
                              bestD, bestDT);
        t.LabelFontSize = 13; t.OffsetY = 10; t.LabelAlignment = Alignment.UpperCenter;
        var o = best.Optics.Inputs;
        plot.Title(Inv($"{o.Material.Name} on the substrate, pump {o.PumpWavelengthM * 1e9:F0} nm, ")
                   + (axis == Axis.Diameter ? Inv($"{o.IntensityWPerM2 / 1e4:G3} W/cm^2, ") : Inv($"D = {o.DiameterM * 1e9:G4} nm, "))
                   + Inv($"eta_int {o.InternalQuantumEfficiency:G4}"));
        plot.XLabel(axis == Axis.Diameter ? "particle diameter (nm)" : "log10 of the pump intensity in W/cm^2");
        plot.YLabel("particle temperature change dT (K)");
        plot.Axes.Right.Label.Text = "cooling efficiency eta_c";
        plot.ShowLegend(Edge.Bottom);
        plot.SavePng(path, 1100, 700);
    }
}
