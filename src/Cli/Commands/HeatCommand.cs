using System.Globalization;
using MieCool.Cli.Output;
using MieCool.Coupling;
using MieCool.Results;
using MieCool.Core;
using MieCool.Cases;
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
        "output folder for the result files and summary.json (must not be a file; written at the end, never on failure; " +
        "an earlier result there is replaced as a whole)")
        { Required = true, Accepts = "a folder path (not a file)" };

    /// <inheritdoc/>
    public string Name => Syntax.Command;
    /// <inheritdoc/>
    public string Summary => "steady temperature for a prescribed heat source in the particle (FEM); DIR/heat.h5 + summary.json";
    /// <inheritdoc/>
    public CommandSyntax Syntax { get; } = new("heat", """
        Meshes the [particle] on the [substrate] ([mesh]), solves steady heat conduction with the [thermal] settings
        for the [source] power spread uniformly over the particle, and writes into DIR (all or nothing):
          heat.h5, heat.xdmf   mesh, region, T and dT (K) point data, q (W/m^3) cell data (ParaView: open the .xdmf)
          heat_boundary.xdmf   the boundary triangles with their named tags (ParaView)
          heat_particle.xdmf   q (W/m^3) as point data on the particle's own sub-grid (ParaView)
          view.py              the standard ParaView view: a slice of T through the particle (docs/file-format.md)
          summary.json         every effective input with units, the results, solver statistics, timings
        Prints the effective configuration first and a results table after: particle mean/min/max temperature,
        heat flow through each outer boundary and across the particle surface, the energy balance.
        """)
    {
        Positionals = [CaseFile],
        Options = [Out, CommonOptions.Coarse, CommonOptions.Threads, CommonOptions.SummaryJson, CommonOptions.Quiet, CommonOptions.Set],
        ExitCodes = "0 done, 2 bad input (case file, options) or a solver that did not converge (the message names the " +
                    "[thermal] solver keys to change), 1 another computation failure (e.g. gmsh)",
        Examples = ["miecool heat cases/heat_sphere_on_glass.toml --out out/heat --coarse"],
    };

    /// <summary>
    /// Meshes CASE (coarse with --coarse), solves the conduction problem for the [source] power and writes DIR/heat.h5,
    /// heat.xdmf (T, dT in K at the nodes; q in W/m^3 per cell) and summary.json, all or nothing; prints the effective
    /// case and the results table, or with --json the summary.json document. A solver that does not converge is bad
    /// input (exit 2).
    /// </summary>
    public int Run(Args args, Console console)
    {
        string casePath = args.Get(CaseFile);
        string outDir = args.Get(Out);
        bool json = args.Get(CommonOptions.SummaryJson), quiet = args.Get(CommonOptions.Quiet), coarse = args.Get(CommonOptions.Coarse);
        using var target = OutputFolder.Claim(outDir, args.Spelled(Out));

        var c = CommonOptions.LoadCase(casePath, args);
        var meshSpec = CommonOptions.MeshSpec(c, args);
        if (coarse) meshSpec = meshSpec.Coarse();
        var problem = CaseProblems.Conduction(c, meshSpec);

        var echo = json ? console.Err : console.Out;
        if (!quiet || !json)
        {
            echo.Write(c.Effective());
            if (coarse) echo.WriteLine(CoarseNote(meshSpec));
            echo.WriteLine($"# source: {problem.Source.Description}");
            echo.WriteLine();
        }

        var run = ProgressDisplay.Run(console, quiet, progress => CaseProblems.Check(c, () => Conduction.Solve(problem, progress)));
        string[] files = [.. ResultFile.FileNames("heat.h5", particleFields: true), "summary.json"];
        var summary = target.Write(temp =>
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            ProgressDisplay.Line(console, quiet, "export", "heat.h5, heat*.xdmf, view.py");
            ResultFile.Write(Path.Combine(temp, "heat.h5"), run.Mesh.Mesh, ExportedFields.Content(run, null, "heat.h5"));
            var doc = SummaryFile.Document(c, casePath, coarse, meshSpec, run, null, files, clock.Elapsed);
            FiniteOutput.WriteAllText(Path.Combine(temp, "summary.json"), SummaryFile.Json(doc));
            return doc;
        });

        if (json) console.Out.WriteLine(SummaryFile.Json(summary));
        else PrintResults(console, run, (Dictionary<string, double>)summary["seconds"]!, Path.GetFullPath(outDir));
        return Program.Ok;
    }

    /// <summary>The line that `--coarse` echoes: the mesh settings used instead of [mesh].</summary>
    internal static string CoarseNote(MeshSpec m) => string.Create(CultureInfo.InvariantCulture,
        $"# --coarse: mesh h_min = {m.HMin * 1e9:G4} nm, grading = {m.Grading:G3}, box_half_size = {m.BoxHalfSize:G4}, "
        + $"order = {m.Order} (instead of [mesh])");

    static void PrintResults(Console console, ThermalSolution run, Dictionary<string, double> seconds, string outDir)
    {
        var s = run.Heat;
        static string G(double v, int digits = 5) =>
            v.ToString("G" + digits, CultureInfo.InvariantCulture).Replace("E-0", "e-").Replace("E+0", "e+").Replace("E", "e");
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("quantity").AddColumn(new TableColumn("value").RightAligned()).AddColumn("unit");
        void Row(string q, string v, string u) => table.AddRow(Markup.Escape(q), Markup.Escape(v), Markup.Escape(u));
        Row("particle mean T (rise)", $"{G(s.ParticleMeanTemperatureK, 7)} ({G(s.ParticleMeanRiseK)})", "K");
        Row("particle min T (rise)", $"{G(s.ParticleMinTemperatureK, 7)} ({G(s.ParticleMinRiseK)})", "K");
        Row("particle max T (rise)", $"{G(s.ParticleMaxTemperatureK, 7)} ({G(s.ParticleMaxRiseK)})", "K");
        Row("heat-source integral", G(run.Source.IntegralW), "W");
        foreach (var (tag, w) in s.BoundaryHeatFlowW.OrderBy(p => p.Key))
            Row($"heat flow out through {Tags.RegionName(tag)}", G(w), "W");
        Row("heat flow out across particle surface", G(s.ParticleHeatFlowW), "W");
        Row("energy balance |out - source| / source", G(s.EnergyBalanceRelativeError, 3), "1");
        Row("unknowns / nonzeros", $"{s.Solver.Unknowns} / {s.Solver.NonZeros}", "");
        Row($"{s.Solver.Method} iterations, residual", $"{s.Solver.Iterations}, {G(s.Solver.RelativeResidual, 3)}", "");
        var (label, times) = SummaryFile.TimingRow(seconds, "mesh", "source", "assemble", "solve", "export");
        Row(label, times, "s");
        Terminal.For(console.Out, console.Interactive).Write(table);
        console.Out.WriteLine($"wrote {Path.Combine(outDir, "heat.h5")}, heat.xdmf (ParaView: open by absolute path), summary.json");
    }
}
