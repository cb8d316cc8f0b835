using System.Globalization;
using System.Text;
using MieCool.Cli.Output;
using MieCool.Coupling;
using MieCool.Core;
using MieCool.Cases;
using MieCool.Optics.Cooling;
using MieCool.Results;
using MieCool.Thermal.Transient;
using Spectre.Console;

namespace MieCool.Cli;

/// <summary>
/// `miecool transient CASE [--end T] [--out DIR] [--json]`: how fast the particle cools. The steady state first (as `run`
/// for an optical case, as `heat` for a [source] case), then rho c_p dT/dt = div(k grad T) + q from the ambient temperature
/// with the pump switched on at t = 0 ([transient]: end, pump_off or pulses, tolerances); cooling_curve.csv/.png,
/// fields.h5/.xdmf as a time series, summary.json with the end state, the steady value and t50_s, t90_s, t99_s.
/// </summary>
public sealed class TransientCommand : ICommand
{
    static readonly Positional CaseFile = new("CASE",
        "the case file: as for `run` (an [optics] case) or `heat` (a [source] case), with [thermal.density], " +
        "[thermal.specific_heat] and optionally [transient]");
    static readonly QuantityOption End = new("end", Dimension.Time, "s", "end time of the run (the pump is switched on at t = 0)")
        { DefaultNote = "the case's [transient] end", Range = new Interval(1e-18, 1e9), Example = "1ms" };
    static readonly TextOption Out = new("out", "DIR", "output folder (must not be a file; written at the end, never on failure; an " +
                                                       "earlier result there is replaced as a whole)")
        { DefaultNote = "out/<case file name without .toml>_transient", Accepts = "a folder path (not a file)" };

    /// <inheritdoc/>
    public string Name => Syntax.Command;
    /// <inheritdoc/>
    public string Summary => "transient cooling after the pump is switched on (and off): cooling_curve.csv/png, t50/t90/t99";
    /// <inheritdoc/>
    public CommandSyntax Syntax { get; } = new("transient", """
        The particle's temperature against time. First the steady state of CASE (as `run` does for an [optics] case,
        self-consistent where [steady_state] says so, as `heat` does for a [source] case), on the same mesh; then
        rho c_p dT/dt = div(k grad T) + q(r, T_p) from the ambient temperature, the pump switched on at t = 0 and
        optionally off ([transient] pump_off) or pulsed (pulse_period, pulse_duration), by BDF2 with steps from
        sub-nanosecond to the end, controlled by [transient] tolerance. The source follows the particle's mean
        temperature as in the steady state. rho and c_p per region: [thermal.density], [thermal.specific_heat].
        The outer boundary keeps its steady meaning (far field, fixed or convective); with the far-field condition the
        box of L stands for infinite space until the heat front reaches it (t ~ L^2 / D of the substrate), after which
        the curve approaches its steady value faster than in infinite space. Writes into DIR (all or nothing):
          cooling_curve.csv    time_s, dT_particle_mean_K, min, max, T_particle_mean_K, powers, stored heat, pump
          cooling_curve.png/.svg  particle mean (min-max band) dT against log time, pump switches, the steady value
          fields.h5/.xdmf      T and dT (K) at about [transient] snapshots times, a time series ParaView plays
          summary.json         the end state (dT_particle_mean_K, ...), the steady value, t50_s, t90_s, t99_s
        """)
    {
        Positionals = [CaseFile],
        Options = [End, Out, CommonOptions.Coarse, CommonOptions.Threads, CommonOptions.SummaryJson, CommonOptions.Quiet,
                   CommonOptions.Set, Figure.Dpi],
        ExitCodes = "0 done, 2 bad input (case file, options) or a solver that did not converge, 1 another failure",
        Examples = ["miecool transient cases/tonkaev2019_mapbi3_d530.toml --end 1ms --coarse"],
    };

    static readonly string[] Files =
        ["cooling_curve.csv", "cooling_curve.png", "cooling_curve.svg", .. ResultFile.FileNames("fields.h5", particleFields: false),
         "summary.json"];

    /// <summary>Runs the steady state and the transient of CASE and writes DIR (default out/&lt;case&gt;_transient).</summary>
    public int Run(Args args, Console console)
    {
        string casePath = args.Get(CaseFile);
        string outDir = args.Find(Out) ?? Path.Combine("out", Path.GetFileNameWithoutExtension(casePath) + "_transient");
        bool json = args.Get(CommonOptions.SummaryJson), quiet = args.Get(CommonOptions.Quiet), coarse = args.Get(CommonOptions.Coarse);
        using var target = OutputFolder.Claim(outDir, args.Spelled(Out));

        var c = CommonOptions.LoadCase(casePath, args);
        var spec = c.Find<TransientSpec>() ?? TransientSpec.Default;
        double end = args.TryGet(End, out double e) ? e
            : spec.EndS ?? throw new InputException(c.Source, "a transient run needs an end time", "transient.end", null,
                                                    "[transient] end = \"1 ms\" in the case file, or --end 1ms");
        var meshSpec = CommonOptions.MeshSpec(c, args);
        if (coarse) meshSpec = meshSpec.Coarse();
        bool optical = c.Find<OpticsSpec>() is not null;
        var echo = json ? console.Err : console.Out;
        if (!quiet || !json)
        {
            echo.Write(c.Effective());
            if (coarse) echo.WriteLine(HeatCommand.CoarseNote(meshSpec));
            echo.WriteLine(Inv($"# transient: pump on at t = 0 until {end:G4} s") +
                           (spec.Schedule.OffS is double off ? Inv($", off at {off:G4} s") : "") +
                           (spec.Schedule.PulsePeriodS is double p
                               ? Inv($", pulses of {spec.Schedule.PulseDurationS:G4} s every {p:G4} s") : ""));
            echo.WriteLine();
        }
        TransientStudy run;
        if (optical)
        {
            var problem = CaseProblems.Coupled(c, meshSpec);
            run = ProgressDisplay.Run(console, quiet,
                                      progress => CaseProblems.Check(c, () => TransientModel.Solve(problem, spec, end, progress)));
        }
        else
        {
            var problem = CaseProblems.Conduction(c, meshSpec);
            run = ProgressDisplay.Run(console, quiet,
                                      progress => CaseProblems.Check(c, () => TransientModel.Solve(problem, spec, end, progress)));
        }
        if (run.Steady is { SteadyState: { Model: SteadyStateModel.SelfConsistent, Converged: false } st })
            throw new ComputationException($"{c.Source}: no self-consistent steady state to approach: {st.Status}; nothing was written.");

        int dpi = args.Get(Figure.Dpi);
        var summary = target.Write(temp => WriteOutputs(temp, c, casePath, coarse, meshSpec, run, spec, end, console, quiet, dpi));
        if (json) console.Out.WriteLine(SummaryFile.Json(summary));
        else PrintResults(console, run, Path.GetFullPath(outDir));
        return Program.Ok;
    }

    static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    static Dictionary<string, object?> WriteOutputs(string dir, Case c, string casePath, bool coarse, Mesh.MeshSpec meshSpec,
                                                    TransientStudy run, TransientSpec spec, double end, Console console, bool quiet,
                                                    int dpi)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var steps = run.Transient.Steps;
        double ambient = run.SteadyHeat.AmbientTemperatureK;
        ProgressDisplay.Line(console, quiet, "export", "cooling_curve.csv, cooling_curve.png");
        FiniteOutput.WriteAllText(Path.Combine(dir, "cooling_curve.csv"), Csv(run, ambient));
        CurvePlot(Path.Combine(dir, "cooling_curve.png"), run, spec.Schedule, end, Path.GetFileNameWithoutExtension(casePath), dpi);
        ProgressDisplay.Line(console, quiet, "export", $"fields.h5, fields.xdmf ({run.Transient.Snapshots.Count} times)");
        var mesh = run.Mesh.Mesh;
        var series = run.Transient.Snapshots.Select(s => new ResultStep(s.TimeS, FiniteOutput.Check(
            [
                ResultField.AtNodes("T", s.TemperatureRiseK.Select(v => v + ambient).ToArray(), "K", "temperature"),
                ResultField.AtNodes("dT", s.TemperatureRiseK, "K", "temperature change from ambient"),
            ], "fields.h5"))).ToList();
        var fixedFields = FiniteOutput.Check(
            [ResultField.AtCells("q", run.Source.CellAverages(mesh), "W/m^3", "heat-source density of the steady state (cell average)")],
            "fields.h5");
        ResultFile.Write(Path.Combine(dir, "fields.h5"), mesh, fixedFields, SummaryFile.ProgramVersion, series);

        var doc = SummaryDocument(c, casePath, coarse, meshSpec, run, spec, end, clock.Elapsed);
        FiniteOutput.WriteAllText(Path.Combine(dir, "summary.json"), SummaryFile.Json(doc));
        return doc;
    }

    /// <summary>summary.json: the end state under the keys of `heat`/`run`, the steady value, t50_s/t90_s/t99_s, the run.</summary>
    static Dictionary<string, object?> SummaryDocument(Case c, string casePath, bool coarse, Mesh.MeshSpec meshSpec, TransientStudy run,
                                               TransientSpec spec, double end, TimeSpan export)
    {
        var last = run.Transient.End; double ambient = run.SteadyHeat.AmbientTemperatureK;
        var doc = SummaryFile.Particle(ambient, last.ParticleMeanRiseK, last.ParticleMinRiseK, last.ParticleMaxRiseK);
        foreach (var (k, v) in new Dictionary<string, object?>
        {
            ["time_s"] = last.TimeS,
            ["steady_dT_particle_mean_K"] = run.SteadyRiseK,
            ["steady_T_particle_mean_K"] = SummaryFile.Absolute(run.SteadyHeat.ParticleMeanTemperatureK),
            ["t50_s"] = run.Times.T50S,
            ["t90_s"] = run.Times.T90S,
            ["t99_s"] = run.Times.T99S,
            ["source"] = run.Source.Description,
            ["source_power_end_W"] = last.SourcePowerW,
            ["heat_flow_out_end_W"] = last.OutflowW,
            ["stored_heat_end_J"] = last.StoredHeatJ,
            ["energy_balance_rel"] = run.Transient.WorstEnergyBalance,
        }) doc[k] = v;
        if (run.Steady is { } coupled)
        {
            doc["steady"] = SummaryFile.Thermal(coupled.Thermal);
            foreach (var (k, v) in SummaryFile.Optics(coupled)) doc[k] = v;
            foreach (var (k, v) in SummaryFile.SteadyState(coupled)) doc[k] = v;
        }
        var s = spec.Schedule;
        doc["transient"] = new Dictionary<string, object?>
        {
            ["end_s"] = end, ["pump_off_s"] = s.OffS, ["pulse_period_s"] = s.PulsePeriodS, ["pulse_duration_s"] = s.PulseDurationS,
            ["tolerance"] = spec.RelativeTolerance, ["absolute_tolerance_K"] = spec.AbsoluteToleranceK,
            ["first_step_s"] = run.Transient.Steps[0].StepS, ["steps"] = run.Transient.Steps.Count,
            ["rejected"] = run.Transient.Rejected, ["cg_iterations"] = run.Transient.Steps.Sum(x => x.Iterations),
            ["response_cg_iterations"] = run.Transient.ResponseIterations,
            ["source_evaluations"] = run.Transient.SourceEvaluations,
            ["field_samplings"] = run.FieldSamplings, ["preconditioners"] = run.Transient.Preconditioners,
            ["snapshots"] = run.Transient.Snapshots.Count, ["method"] = "BDF2 (backward Euler first), Milne error estimate",
        };
        var m = run.Mesh.Report;
        doc["mesh"] = new Dictionary<string, object>
        {
            ["nodes"] = m.NodeCount, ["cells"] = m.CellCount, ["order"] = meshSpec.Order, ["h_min_m"] = meshSpec.HMin,
            ["grading"] = meshSpec.Grading, ["box_half_size_R"] = meshSpec.BoxHalfSize, ["coarse_override"] = coarse,
        };
        doc["seconds"] = new Dictionary<string, double>
        {
            ["steady"] = run.SteadyTime.TotalSeconds, ["transient"] = run.TransientTime.TotalSeconds,
            ["transient_assemble"] = run.Transient.AssemblyTime.TotalSeconds,
            ["transient_solve"] = run.Transient.SolveTime.TotalSeconds,
            ["transient_source"] = run.Transient.SourceTime.TotalSeconds, ["export"] = export.TotalSeconds,
            ["total"] = (run.SteadyTime + run.TransientTime + export).TotalSeconds,
        };
        SummaryFile.Provenance(doc, c, casePath, Files);
        if (run.Steady is { } co) doc["material_data"] = SummaryFile.MaterialData(co.Problem.Optics);
        return doc;
    }

    static string Csv(TransientStudy run, double ambient)
    {
        var sb = new StringBuilder();
        sb.AppendLine(Inv($"# miecool transient: pump on at t = 0; steady dT_particle_mean_K = {run.SteadyRiseK:R}"));
        sb.AppendLine("time_s,dT_particle_mean_K,dT_particle_min_K,dT_particle_max_K,T_particle_mean_K,source_W,heat_flow_out_W," +
                      "stored_heat_J,pump_on,step_s");
        foreach (var s in run.Transient.Steps)
            sb.AppendLine(Inv($"{s.TimeS:R},{s.ParticleMeanRiseK:R},{s.ParticleMinRiseK:R},{s.ParticleMaxRiseK:R},") +
                          Inv($"{ambient + s.ParticleMeanRiseK:R},{s.SourcePowerW:R},{s.OutflowW:R},{s.StoredHeatJ:R},") +
                          Inv($"{(s.PumpOn ? 1 : 0)},{s.StepS:R}"));
        return sb.ToString();
    }

    /// <summary>Particle mean dT (min-max band) against log10 t, the steady value, the pump's switches; PNG at dpi and SVG.</summary>
    static void CurvePlot(string path, TransientStudy run, PumpSchedule schedule, double end, string name, int dpi)
    {
        var steps = run.Transient.Steps;
        double[] x = steps.Select(s => Math.Log10(s.TimeS)).ToArray();
        using var plot = new ScottPlot.Plot(); // disposed here: Skia objects must not be freed later by the finalizer thread
        var band = plot.Add.FillY(x, steps.Select(s => s.ParticleMinRiseK).ToArray(),
                                  steps.Select(s => s.ParticleMaxRiseK).ToArray());
        band.FillColor = ScottPlot.Colors.RoyalBlue.WithAlpha(0.2); band.LegendText = "particle min-max dT";
        var mean = plot.Add.ScatterLine(x, steps.Select(s => s.ParticleMeanRiseK).ToArray(), ScottPlot.Colors.RoyalBlue);
        mean.LineWidth = 2.5f; mean.LegendText = "particle mean dT";
        var steady = plot.Add.HorizontalLine(run.SteadyRiseK, 1.5f, ScottPlot.Colors.Black, ScottPlot.LinePattern.Dashed);
        steady.LegendText = Inv($"steady mean dT {run.SteadyRiseK:G4} K");
        foreach (double t in schedule.Switches(end).Take(20))
        {
            var v = plot.Add.VerticalLine(Math.Log10(t), 1.5f, ScottPlot.Colors.Crimson, ScottPlot.LinePattern.Dotted);
            v.LegendText = schedule.IsOn(t * (1 + 1e-9)) ? "pump on" : "pump off";
        }
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int k = (int)Math.Floor(x[0]); k <= (int)Math.Ceiling(x[^1]); k++) ticks.AddMajor(k, Inv($"1e{k}"));
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Title(Inv($"{name}: particle temperature after the pump is switched on") +
                   (run.Times.T90S is double t90 ? Inv($" (t90 = {t90:G3} s)") : ""));
        plot.XLabel("time t (s, log scale)");
        plot.YLabel("particle temperature change dT (K)");
        plot.ShowLegend(ScottPlot.Edge.Bottom);
        Figure.Save(plot, path, 1100, 700, dpi);
    }

    static void PrintResults(Console console, TransientStudy run, string outDir)
    {
        static string G(double? v, int digits = 5) => v is double d
            ? d.ToString("G" + digits, CultureInfo.InvariantCulture).Replace("E-0", "e-").Replace("E+0", "e+").Replace("E", "e")
            : "not reached";
        var tr = run.Transient; var last = tr.End;
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("quantity").AddColumn(new TableColumn("value").RightAligned()).AddColumn("unit");
        void Row(string q, string v, string u) => table.AddRow(Markup.Escape(q), Markup.Escape(v), Markup.Escape(u));
        Row("end time", G(last.TimeS, 4), "s");
        Row("particle mean / min / max dT at the end", $"{G(last.ParticleMeanRiseK, 5)} / {G(last.ParticleMinRiseK, 5)} / " +
            $"{G(last.ParticleMaxRiseK, 5)}", "K");
        Row("steady particle mean dT", G(run.SteadyRiseK, 6), "K");
        Row("t50 / t90 / t99 (of the steady change)",
            $"{G(run.Times.T50S, 3)} / {G(run.Times.T90S, 3)} / {G(run.Times.T99S, 3)}", "s");
        Row("steps (rejected), CG iterations", $"{tr.Steps.Count} ({tr.Rejected}), {tr.Steps.Sum(s => s.Iterations)}", "");
        Row("source evaluations, field samplings", $"{tr.SourceEvaluations}, {run.FieldSamplings}", "");
        Row("worst energy balance of a step", G(tr.WorstEnergyBalance, 3), "1");
        Row("time steady / transient", Inv($"{run.SteadyTime.TotalSeconds:F2} / {run.TransientTime.TotalSeconds:F2}"), "s");
        Terminal.For(console.Out, console.Interactive).Write(table);
        console.Out.WriteLine($"wrote {outDir}: cooling_curve.csv/png/svg, fields.h5 + fields.xdmf (time series, ParaView), summary.json");
    }
}
