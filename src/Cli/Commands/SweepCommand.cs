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
        "the case file of `miecool run`; its [particle] diameter is replaced by each of --diameters");
    static readonly SweepOption Diameters = new("diameters", Dimension.Length, "nm",
        "particle diameters, each above twice the contact radius")
        { Required = true, Range = Interval.Positive(100e-6), Example = "400:700:10nm", CaseKeys = ["particle.diameter"] };
    static readonly TextOption Out = new("out", "DIR",
        "output folder for sweep.csv, sweep.png and summary.json (written at the end, all or nothing)")
        { DefaultNote = "out/<case file name without .toml>_sweep", Accepts = "a folder path (not a file)" };
    static readonly SwitchOption CaseMesh = new("case-mesh",
        "mesh each point with the case's own [mesh] instead of the coarse mesh (slower)");
    static readonly SwitchOption Quiet = new("quiet", "no progress line per diameter on standard error");

    /// <inheritdoc/>
    public string Name => Syntax.Command;
    /// <inheritdoc/>
    public string Summary => "the coupled model over a range of diameters: particle dT against diameter (CSV, PNG, optimum)";
    /// <inheritdoc/>
    public CommandSyntax Syntax { get; } = new("sweep", $"""
        Runs the coupled model of `miecool run` (optics -> heat source -> FEM) for every diameter and writes into DIR
        (all or nothing):
          sweep.csv     one row per diameter, the columns
                        {string.Join(",", Columns[..8])},
                        {string.Join(",", Columns[8..])}
          sweep.png     particle mean dT (with min-max band) and eta_c against the diameter, the optimum marked
          summary.json  the optimum and every row with the keys of `miecool run`'s summary.json, the case and its inputs
        Prints the optimum (the most negative mean dT). Each point uses the coarse mesh of `miecool run --coarse`
        (h_min >= R/6, P1: a few per cent from the converged value, the same at every diameter, so the curve's shape
        and its optimum are reliable) unless --case-mesh is given.
        The contact geometry is kept as the case gives it (a contact radius stays the same at every diameter).
        """)
    {
        Positionals = [CaseFile],
        Options = [Diameters, Out, CaseMesh, Quiet],
        Examples = ["miecool sweep cases/tonkaev2019_mapbi3_d530.toml --diameters 400:700:10nm"],
    };

    /// <summary>
    /// Solves the coupled model of CASE at every diameter (the coarse mesh unless --case-mesh; each diameter wider than the
    /// contact disc) and writes DIR (default out/&lt;case name&gt;_sweep) all or nothing: sweep.csv, sweep.png and
    /// summary.json; prints the optimum (the most negative particle mean dT) and the folder written.
    /// </summary>
    public int Run(Args args, Console console)
    {
        string casePath = args.Get(CaseFile);
        var range = args.Get(Diameters);
        string outDir = args.Find(Out) ?? Path.Combine("out", Path.GetFileNameWithoutExtension(casePath) + "_sweep");
        bool caseMesh = args.Get(CaseMesh), quiet = args.Get(Quiet);
        OutputFolder.CheckWritable(outDir);
        var c = Case.Load(casePath);
        var problem = CaseProblems.Coupled(c);
        var diameters = range.Values();
        foreach (var d in diameters)
            if (d / 2 <= c.Substrate.ContactRadiusM)
                throw new InputException("--diameters",
                    Inv($"diameter {d * 1e9:G4} nm is not wider than the contact disc ({2 * c.Substrate.ContactRadiusM * 1e9:G4} nm)"),
                    valid: "diameters above twice [substrate] contact_radius");

        var rows = new List<CoupledSolution>();
        foreach (var d in diameters)
        {
            var at = problem.WithDiameter(d);
            if (!caseMesh) at = at with { Mesh = at.Mesh.Coarse() };
            ProgressDisplay.Line(console, quiet, "sweep", Inv($"diameter {d * 1e9:G4} nm ({rows.Count + 1}/{diameters.Length})"));
            rows.Add(CaseProblems.Check(c, () => CoupledModel.Solve(at)));
        }
        var best = rows.Where(r => r.SteadyState.Converged).MinBy(r => r.Thermal.Heat.ParticleMeanRiseK)
                   ?? throw new ComputationException($"{c.Source}: no diameter of the sweep has a steady state to report: " +
                                                     rows[0].SteadyState.Status);
        OutputFolder.Write(outDir, temp =>
        {
            File.WriteAllText(Path.Combine(temp, "sweep.csv"), Csv(c, caseMesh, rows));
            Plot(Path.Combine(temp, "sweep.png"), rows, best);
            var doc = new Dictionary<string, object?>
            {
                ["optimum"] = SummaryFile.Row(best),
                ["mesh"] = caseMesh ? "the case's [mesh]" : "coarse (as run --coarse)",
                ["rows"] = rows.Select(SummaryFile.Row).ToList(),
            };
            SummaryFile.Provenance(doc, c, casePath, ["sweep.csv", "sweep.png", "summary.json"]);
            File.WriteAllText(Path.Combine(temp, "summary.json"), SummaryFile.Json(doc));
            return 0;
        });
        var b = best.Optics; var bt = best.Thermal.Heat;
        console.Out.WriteLine(Inv($"optimum: diameter {best.Problem.Optics.DiameterM * 1e9:G4} nm: ")
                              + Inv($"particle mean dT {bt.ParticleMeanRiseK:G4} K, eta_c {b.CoolingEfficiency:G4}, ")
                              + Inv($"P_heat {b.HeatPowerW:G4} W"));
        console.Out.WriteLine($"wrote {Path.GetFullPath(outDir)}: sweep.csv, sweep.png, summary.json");
        return Program.Ok;
    }

    static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>The columns of sweep.csv: keys of <see cref="SummaryFile.Row"/>, so that they read as in summary.json.</summary>
    internal static readonly string[] Columns =
        ["diameter_nm", "Qabs", "F_bulk", "eta_ext", "lambda_f_nm", "eta_c", "P_abs_W", "P_heat_W",
         "dT_particle_mean_K", "dT_particle_min_K", "dT_particle_max_K", "dofs"];

    static string Csv(Case c, bool caseMesh, List<CoupledSolution> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"# miecool sweep {c.Source}: {(caseMesh ? "the case's [mesh]" : "coarse mesh (as run --coarse)")}; " +
                      "every other input as in the case");
        sb.AppendLine(string.Join(",", Columns));
        foreach (var r in rows)
        {
            var row = SummaryFile.Row(r);
            sb.AppendLine(string.Join(",", Columns.Select(k => row[k] switch
            {
                double v => v.ToString("G10", CultureInfo.InvariantCulture),
                int i => i.ToString(CultureInfo.InvariantCulture),
                var o => Convert.ToString(o, CultureInfo.InvariantCulture),
            })));
        }
        return sb.ToString();
    }

    static void Plot(string path, List<CoupledSolution> rows, CoupledSolution best)
    {
        rows = rows.Where(r => r.SteadyState.Converged).ToList(); // a diameter without a steady state has no temperature
        double[] d = rows.Select(r => r.Problem.Optics.DiameterM * 1e9).ToArray();
        double bestD = best.Problem.Optics.DiameterM * 1e9, bestDT = best.Thermal.Heat.ParticleMeanRiseK;
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
        var t = plot.Add.Text(Inv($"{bestD:F0} nm: {bestDT:G4} K"), bestD, bestDT);
        t.LabelFontSize = 13; t.OffsetY = 10; t.LabelAlignment = Alignment.UpperCenter;
        var o = best.Optics.Inputs;
        plot.Title(Inv($"{o.Material.Name} on the substrate, pump {o.PumpWavelengthM * 1e9:F0} nm, ")
                   + Inv($"{o.IntensityWPerM2 / 1e4:G3} W/cm^2, eta_int {o.InternalQuantumEfficiency:G4}"));
        plot.XLabel("particle diameter (nm)");
        plot.YLabel("particle temperature change dT (K)");
        plot.Axes.Right.Label.Text = "cooling efficiency eta_c";
        plot.ShowLegend(Edge.Bottom);
        plot.SavePng(path, 1100, 700);
    }
}
