using System.Globalization;
using System.Text.Json;
using MieCool.Cli.Pipeline;
using MieCool.Core;
using MieCool.Io.Cases;
using MieCool.Mesh;
using Spectre.Console;

namespace MieCool.Cli;

/// <summary>
/// `miecool heat CASE --out DIR`: steady temperature of the particle on its substrate for the prescribed [source]
/// (thermal only, no optics): mesh -> problem -> FEM solve -> DIR/heat.h5 + heat.xdmf + summary.json.
/// </summary>
public sealed class HeatCommand : ICommand
{
    static readonly Positional CaseFile = new("CASE",
        "the case file: [particle], [substrate], [mesh], [thermal] and [source] are used (see `miecool template`)");
    static readonly TextOption Out = new("out", "DIR",
        "output folder for heat.h5, heat.xdmf and summary.json (must not be a file; written at the end, never on failure)")
        { Required = true, Accepts = "a folder path (not a file)" };

    public string Name => Syntax.Command;
    public string Summary => "steady temperature for a prescribed heat source in the particle (FEM); DIR/heat.h5 + summary.json";
    public CommandSyntax Syntax { get; } = new("heat", """
        Meshes the [particle] on the [substrate] ([mesh]), solves steady heat conduction with the [thermal] settings
        for the [source] power spread uniformly over the particle, and writes into DIR (all or nothing):
          heat.h5, heat.xdmf   mesh, region, T and dT (K) point data, q (W/m^3) cell data (ParaView: open the .xdmf)
          summary.json         every effective input with units, the results, solver statistics, timings
        Prints the effective configuration first and a results table after: particle mean/min/max temperature,
        heat flow through each outer boundary and across the particle surface, the energy balance.
        """)
    {
        Positionals = [CaseFile],
        Options = [Out, CommonOptions.Coarse, CommonOptions.Threads, CommonOptions.SummaryJson, CommonOptions.Quiet],
        ExitCodes = "0 done, 2 bad input (case file, options) or a solver that did not converge (the message names the " +
                    "[thermal] solver keys to change), 1 another computation failure (e.g. gmsh)",
        Examples = ["miecool heat cases/heat_sphere_on_glass.toml --out out/heat --coarse"],
    };

    public int Run(Args args, Console console)
    {
        string casePath = args.Get(CaseFile);
        string outDir = args.Get(Out);
        int threads = args.Get(CommonOptions.Threads);
        bool json = args.Get(CommonOptions.SummaryJson), quiet = args.Get(CommonOptions.Quiet), coarse = args.Get(CommonOptions.Coarse);
        OutputFolder.CheckWritable(outDir);

        var c = Case.Load(casePath);
        ThermalPipeline.Preflight(c);
        var sourceSpec = c.HeatSource ?? c.Require<HeatSourceSpec>("miecool heat (the prescribed heat source)");
        var meshSpec = c.ToMeshSpec() with { Threads = threads };
        if (coarse) meshSpec = ThermalPipeline.Coarse(meshSpec);
        var source = HeatSourceModel.Uniform(sourceSpec.PowerW);

        var echo = json ? console.Err : console.Out;
        if (!quiet || !json)
        {
            echo.Write(c.Effective());
            if (coarse)
                echo.WriteLine(ThermalPipeline.CoarseNote(meshSpec));
            echo.WriteLine($"# source: {source.Description}");
            echo.WriteLine();
        }

        ThermalRun run;
        var pipeline = default(ThermalPipeline);
        try
        {
            run = ProgressDisplay.Run(console, quiet, progress =>
            {
                pipeline = new ThermalPipeline(progress);
                return pipeline.Run(c, meshSpec, source);
            });
        }
        catch (SolverNotConvergedException e)
        {
            // the remedy is in the case file: exit 2 like other bad input (nothing has been written)
            console.Err.WriteLine($"error: {e.Message}");
            return Program.BadInput;
        }

        var summary = OutputFolder.Write(outDir, temp =>
        {
            var (_, exportTime) = new ThermalPipeline().Export(run, Path.Combine(temp, "heat.h5"));
            run = run with { Timings = run.Timings with { Export = exportTime } };
            var doc = SummaryDocument(c, casePath, coarse, meshSpec, sourceSpec, source, run);
            File.WriteAllText(Path.Combine(temp, "summary.json"), JsonSerializer.Serialize(doc, CliJson.Options));
            return doc;
        });

        if (json) console.Out.WriteLine(JsonSerializer.Serialize(summary, CliJson.Options));
        else PrintResults(console, run, Path.GetFullPath(outDir));
        return Program.Ok;
    }



    /// <summary>summary.json: the headline keys of issue 5 first, then every input with units, heat flows, mesh and solver details.</summary>
    internal static Dictionary<string, object?> SummaryDocument(Case c, string casePath, bool coarse, MeshSpec meshSpec,
                                                        HeatSourceSpec sourceSpec, HeatSourceModel source, ThermalRun run)
    {
        var s = run.Solution; var t = run.Timings; var m = run.Mesh.Report;
        var flows = new Dictionary<string, double>();
        foreach (var (tag, w) in s.BoundaryHeatFlowW.OrderBy(p => p.Key)) flows[Tags.RegionName(tag)] = w;
        flows["particle_surface"] = s.ParticleHeatFlowW;
        var inputs = new Dictionary<string, object?>();
        foreach (var v in c.Values)
            inputs[$"{v.Section}.{v.Key}"] = new Dictionary<string, object?>
            {
                ["value"] = v.Literal.Trim('"'),
                ["si"] = v.Si,
                ["origin"] = v.Origin switch { ValueOrigin.File => $"line {v.Line}", ValueOrigin.Default => "default", _ => "derived" },
            };
        return new Dictionary<string, object?>
        {
            ["T_particle_mean_K"] = s.ParticleMeanTemperatureK,
            ["T_particle_max_K"] = s.ParticleMaxTemperatureK,
            ["T_particle_min_K"] = s.ParticleMinTemperatureK,
            ["dT_particle_mean_K"] = s.ParticleMeanRiseK,
            ["dT_particle_max_K"] = s.ParticleMaxRiseK,
            ["dT_particle_min_K"] = s.ParticleMinRiseK,
            ["T_ambient_K"] = s.AmbientTemperatureK,
            ["dofs"] = s.Solver.Unknowns,
            ["iterations"] = s.Solver.Iterations,
            ["relative_residual"] = s.Solver.RelativeResidual,
            ["energy_balance_rel"] = s.EnergyBalanceRelativeError,
            ["seconds"] = new Dictionary<string, double>
            {
                ["mesh"] = t.Mesh.TotalSeconds, ["assemble"] = t.Assemble.TotalSeconds,
                ["solve"] = t.Solve.TotalSeconds, ["export"] = t.Export.TotalSeconds, ["total"] = t.Total.TotalSeconds,
            },
            ["source_power_W"] = s.SourcePowerW,
            ["source"] = source.Description,
            ["heat_flow_out_W"] = flows,
            ["solver"] = new Dictionary<string, object>
            {
                ["method"] = s.Solver.Method, ["nonzeros"] = s.Solver.NonZeros,
                ["tolerance"] = c.Thermal!.Solver.RelativeTolerance, ["max_iterations"] = c.Thermal.Solver.MaxIterations,
            },
            ["mesh"] = new Dictionary<string, object>
            {
                ["nodes"] = m.NodeCount, ["cells"] = m.CellCount, ["order"] = meshSpec.Order,
                ["h_min_m"] = meshSpec.HMin, ["grading"] = meshSpec.Grading, ["box_half_size_R"] = meshSpec.BoxHalfSize,
                ["coarse_override"] = coarse,
                ["min_dihedral_deg"] = m.MinDihedralDeg, ["contact_radius_m"] = m.ContactRadiusM,
                ["particle_volume_m3"] = run.SourcePoints.Weights.Sum(),
            },
            ["case"] = Path.GetFullPath(casePath),
            ["inputs"] = inputs,
            ["files"] = new Dictionary<string, string> { ["hdf5"] = "heat.h5", ["xdmf"] = "heat.xdmf" },
            ["program"] = $"miecool {typeof(HeatCommand).Assembly.GetName().Version?.ToString(3)}",
        };
    }

    static void PrintResults(Console console, ThermalRun run, string outDir)
    {
        var s = run.Solution; var t = run.Timings;
        static string G(double v, int digits = 5) => v.ToString("G" + digits, CultureInfo.InvariantCulture).Replace("E-0", "e-").Replace("E+0", "e+").Replace("E", "e");
        var table = new Table().Border(TableBorder.Simple).AddColumn("quantity").AddColumn(new TableColumn("value").RightAligned()).AddColumn("unit");
        void Row(string q, string v, string u) => table.AddRow(Markup.Escape(q), Markup.Escape(v), Markup.Escape(u));
        Row("particle mean T (rise)", $"{G(s.ParticleMeanTemperatureK, 7)} ({G(s.ParticleMeanRiseK)})", "K");
        Row("particle min T (rise)", $"{G(s.ParticleMinTemperatureK, 7)} ({G(s.ParticleMinRiseK)})", "K");
        Row("particle max T (rise)", $"{G(s.ParticleMaxTemperatureK, 7)} ({G(s.ParticleMaxRiseK)})", "K");
        Row("source power", G(s.SourcePowerW), "W");
        foreach (var (tag, w) in s.BoundaryHeatFlowW.OrderBy(p => p.Key))
            Row($"heat flow out through {Tags.RegionName(tag)}", G(w), "W");
        Row("heat flow out across particle surface", G(s.ParticleHeatFlowW), "W");
        Row("energy balance |out - source| / source", G(s.EnergyBalanceRelativeError, 3), "1");
        Row("unknowns / nonzeros", $"{s.Solver.Unknowns} / {s.Solver.NonZeros}", "");
        Row($"{s.Solver.Method} iterations, residual", $"{s.Solver.Iterations}, {G(s.Solver.RelativeResidual, 3)}", "");
        Row("time mesh / assemble / solve / export",
            $"{t.Mesh.TotalSeconds:F2} / {t.Assemble.TotalSeconds:F2} / {t.Solve.TotalSeconds:F2} / {t.Export.TotalSeconds:F2}".Replace(',', '.'), "s");
        Terminal.For(console.Out, console.Interactive).Write(table);
        console.Out.WriteLine($"wrote {Path.Combine(outDir, "heat.h5")}, heat.xdmf (ParaView: open by absolute path), summary.json");
    }
}
