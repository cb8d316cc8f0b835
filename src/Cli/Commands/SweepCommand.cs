using System.Globalization;
using System.Text;
using MieCool.Cli.Pipeline;
using MieCool.Core;
using MieCool.Io.Cases;
using ScottPlot;

namespace MieCool.Cli;

/// <summary>
/// `miecool sweep CASE --diameters A:B:STEPnm [--out DIR] [--case-mesh]`: reruns the coupled model of `miecool run` for
/// each diameter (same case otherwise, contact geometry as given) and writes sweep.csv and sweep.png with the optimum.
/// </summary>
public sealed class SweepCommand : ICommand
{
    static readonly Positional CaseFile = new("CASE", "the case file of `miecool run`; its [particle] diameter is replaced by each of --diameters");
    static readonly SweepOption Diameters = new("diameters", Dimension.Length, "nm", "particle diameters, each above twice the contact radius")
        { Required = true, Range = ValueRange.Positive(100e-6), Example = "400:700:10nm", CaseKeys = ["particle.diameter"] };
    static readonly TextOption Out = new("out", "DIR", "output folder for sweep.csv and sweep.png (written at the end, all or nothing)")
        { DefaultNote = "out/<case file name without .toml>_sweep", Accepts = "a folder path (not a file)" };
    static readonly SwitchOption CaseMesh = new("case-mesh", "mesh each point with the case's own [mesh] instead of the coarse mesh (slower)");
    static readonly SwitchOption Quiet = new("quiet", "no progress line per diameter on standard error");

    public string Name => Syntax.Command;
    public string Summary => "the coupled model over a range of diameters: particle dT against diameter (CSV, PNG, optimum)";
    public CommandSyntax Syntax { get; } = new("sweep", """
        Runs the coupled model of `miecool run` (optics -> heat source -> FEM) for every diameter and writes into DIR
        (all or nothing):
          sweep.csv   diameter_nm,Qabs,F_bulk,eta_ext,lambda_f_nm,eta_c,P_abs_W,P_heat_W,dT_mean_K,dT_min_K,dT_max_K,unknowns
          sweep.png   particle mean dT (with min-max band) and eta_c against the diameter, the optimum marked
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

    public int Run(Args args, Console console)
    {
        string casePath = args.Get(CaseFile);
        var range = args.Get(Diameters);
        string outDir = args.Find(Out) ?? Path.Combine("out", Path.GetFileNameWithoutExtension(casePath) + "_sweep");
        bool caseMesh = args.Get(CaseMesh), quiet = args.Get(Quiet);
        OutputFolder.CheckWritable(outDir);
        var c = Case.Load(casePath);
        CoupledPipeline.Preflight(c);
        var diameters = range.Values();
        foreach (var d in diameters)
            if (d / 2 <= c.Substrate.ContactRadiusM)
                throw new InputException("--diameters", Inv($"diameter {d * 1e9:G4} nm is not wider than the contact disc ({2 * c.Substrate.ContactRadiusM * 1e9:G4} nm)"),
                                         valid: "diameters above twice [substrate] contact_radius");

        var rows = new List<(double D, CoupledRun Run)>();
        foreach (var d in diameters)
        {
            var spec = c.ToMeshSpec() with { Radius = d / 2 };
            if (!caseMesh) spec = ThermalPipeline.Coarse(spec);
            if (!quiet) console.Err.WriteLine(Inv($"[sweep] diameter {d * 1e9:G4} nm ({rows.Count + 1}/{diameters.Length})"));
            var run = new CoupledPipeline().Run(c, spec);
            rows.Add((d, run));
        }
        var best = rows.MinBy(r => r.Run.Thermal.Solution.ParticleMeanRiseK);
        OutputFolder.Write(outDir, temp =>
        {
            File.WriteAllText(Path.Combine(temp, "sweep.csv"), Csv(c, caseMesh, rows));
            Plot(Path.Combine(temp, "sweep.png"), rows, best, c);
            return 0;
        });
        var b = best.Run;
        console.Out.WriteLine(Inv($"optimum: diameter {best.D * 1e9:G4} nm: particle mean dT {b.Thermal.Solution.ParticleMeanRiseK:G4} K, eta_c {b.Optics.CoolingEfficiency:G4}, P_heat {b.Optics.HeatPowerW:G4} W"));
        console.Out.WriteLine($"wrote {Path.GetFullPath(outDir)}: sweep.csv, sweep.png");
        return Program.Ok;
    }

    static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    static string Csv(Case c, bool caseMesh, List<(double D, CoupledRun Run)> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"# miecool sweep {c.Source}: {(caseMesh ? "the case's [mesh]" : "coarse mesh (as run --coarse)")}; every other input as in the case");
        sb.AppendLine("diameter_nm,Qabs,F_bulk,eta_ext,lambda_f_nm,eta_c,P_abs_W,P_heat_W,dT_mean_K,dT_min_K,dT_max_K,unknowns");
        foreach (var (d, r) in rows)
        {
            var o = r.Optics; var s = r.Thermal.Solution;
            sb.AppendLine(Inv($"{d * 1e9:F2},{o.Pump.Qabs:G8},{o.Escape.FBulkAverage:G8},{o.ExternalQuantumEfficiency:G8},{o.EscapeWavelengthM * 1e9:F3},{o.CoolingEfficiency:G8},{o.AbsorbedPowerW:G8},{o.HeatPowerW:G8},{s.ParticleMeanRiseK:G8},{s.ParticleMinRiseK:G8},{s.ParticleMaxRiseK:G8},{s.Solver.Unknowns}"));
        }
        return sb.ToString();
    }

    static void Plot(string path, List<(double D, CoupledRun Run)> rows, (double D, CoupledRun Run) best, Case c)
    {
        double[] d = rows.Select(r => r.D * 1e9).ToArray();
        using var plot = new Plot(); // disposed here: Skia objects must not be freed later by the finalizer thread
        var band = plot.Add.FillY(d, rows.Select(r => r.Run.Thermal.Solution.ParticleMinRiseK).ToArray(),
                                  rows.Select(r => r.Run.Thermal.Solution.ParticleMaxRiseK).ToArray());
        band.FillColor = Colors.RoyalBlue.WithAlpha(0.2); band.LegendText = "particle min-max dT";
        var mean = plot.Add.ScatterLine(d, rows.Select(r => r.Run.Thermal.Solution.ParticleMeanRiseK).ToArray(), Colors.RoyalBlue);
        mean.LineWidth = 2.5f; mean.LegendText = "particle mean dT (left axis)";
        var eta = plot.Add.ScatterLine(d, rows.Select(r => r.Run.Optics.CoolingEfficiency).ToArray(), Colors.Crimson);
        eta.LineWidth = 2; eta.LinePattern = LinePattern.Dashed; eta.LegendText = "eta_c (right axis, > 0 cools)";
        eta.Axes.YAxis = plot.Axes.Right;
        var m = plot.Add.Marker(best.D * 1e9, best.Run.Thermal.Solution.ParticleMeanRiseK, MarkerShape.FilledCircle, 10, Colors.Black);
        var t = plot.Add.Text(Inv($"{best.D * 1e9:F0} nm: {best.Run.Thermal.Solution.ParticleMeanRiseK:G4} K"), best.D * 1e9, best.Run.Thermal.Solution.ParticleMeanRiseK);
        t.LabelFontSize = 13; t.OffsetY = 10; t.LabelAlignment = Alignment.UpperCenter;
        var o = best.Run.Optics.Inputs;
        plot.Title(Inv($"{o.Material.Name} on the substrate, pump {o.PumpWavelengthM * 1e9:F0} nm, {o.IntensityWPerM2 / 1e4:G3} W/cm^2, eta_int {o.InternalQuantumEfficiency:G4}"));
        plot.XLabel("particle diameter (nm)");
        plot.YLabel("particle temperature change dT (K)");
        plot.Axes.Right.Label.Text = "cooling efficiency eta_c";
        plot.ShowLegend(Edge.Bottom);
        plot.SavePng(path, 1100, 700);
    }
}
