using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using MieCool.Cli.Pipeline;
using MieCool.Core;
using MieCool.Io.Cases;
using MieCool.Io.Export;
using MieCool.Mesh;
using MieCool.Optics;
using MieCool.Optics.Cooling;
using MieCool.Optics.Materials;
using MieCool.Optics.Mie;
using MieCool.Optics.Emitters;
using Spectre.Console;

namespace MieCool.Cli;

/// <summary>
/// `miecool run CASE [--out DIR]`: the coupled model. Optics (Mie absorption at the pump, Purcell factor over the
/// emission, eta_c) -> the heat source p(r) - P_lum g(r) at the FEM quadrature points -> steady heat conduction ->
/// summary.json, spectrum.csv/png, fields.h5/xdmf, temperature.png, all written atomically into DIR.
/// </summary>
public sealed class RunCommand : ICommand
{
    static readonly Positional CaseFile = new("CASE",
        "the case file: [particle], [substrate], [mesh], [thermal], [optics], [emission] and [absorption] are used");
    static readonly TextOption Out = new("out", "DIR", "output folder (must not be a file; written at the end, never on failure)")
        { DefaultNote = "out/<case file name without .toml>", Accepts = "a folder path (not a file)" };

    public string Name => Syntax.Command;
    public string Summary => "the coupled model: optics -> heat source -> FEM temperature of the particle; DIR/summary.json, fields.xdmf, PNGs";
    public CommandSyntax Syntax { get; } = new("run", """
        One case file in ([particle], [substrate], [mesh], [thermal], [optics], [emission], [absorption]), the particle's
        temperature change out. Stages: optics (Mie absorption at the pump, Purcell factor over the emission, cooling
        efficiency eta_c), mesh (gmsh), source (the Mie absorbed-power density at every quadrature point of the particle
        minus the escaping luminescence; integral P_heat = -eta_c P_abs), assembly, solve, export. The pump comes from
        above (propagates along -z); the particle sits optically in a homogeneous host (the substrate's optical effect
        is not modelled). Writes into DIR (all or nothing):
          summary.json         every effective input with units, derived values, results, solver statistics, timings
          spectrum.csv/.png    Qabs and its multipoles around the pump, the Purcell factor F_bulk over the emission
          fields.h5/.xdmf      mesh, region, T and dT (K), heat-source density q (W/m^3), |E|^2/|E0|^2 (ParaView)
          temperature.png      dT on the plane y = 0 through the particle centre, with a colour bar
        Prints the effective configuration first and a results table after.
        """)
    {
        Positionals = [CaseFile],
        Options = [Out, CommonOptions.Coarse, CommonOptions.Threads, CommonOptions.SummaryJson, CommonOptions.Quiet],
        ExitCodes = "0 done, 2 bad input (case file, options) or a solver that did not converge, 1 another failure",
        Examples = ["miecool run cases/tonkaev2019_mapbi3_d530.toml --coarse"],
    };

    public int Run(Args args, Console console)
    {
        string casePath = args.Get(CaseFile);
        string outDir = args.Find(Out) ?? Path.Combine("out", Path.GetFileNameWithoutExtension(casePath));
        int threads = args.Get(CommonOptions.Threads);
        bool json = args.Get(CommonOptions.SummaryJson), quiet = args.Get(CommonOptions.Quiet), coarse = args.Get(CommonOptions.Coarse);
        OutputFolder.CheckWritable(outDir);

        var c = Case.Load(casePath);
        CoupledPipeline.Preflight(c);
        var meshSpec = c.ToMeshSpec() with { Threads = threads };
        if (coarse) meshSpec = ThermalPipeline.Coarse(meshSpec);

        var echo = json ? console.Err : console.Out;
        if (!quiet || !json)
        {
            echo.Write(c.Effective());
            if (coarse)
                echo.WriteLine(ThermalPipeline.CoarseNote(meshSpec));
            echo.WriteLine("# optics: pump from above (along -z), particle in a homogeneous host: the substrate's optical effect is not modelled");
            echo.WriteLine();
        }

        CoupledRun run;
        try { run = ProgressDisplay.Run(console, quiet, progress => new CoupledPipeline(progress).Run(c, meshSpec)); }
        catch (SolverNotConvergedException e)
        {
            console.Err.WriteLine($"error: {e.Message}");
            return Program.BadInput;
        }

        var summary = OutputFolder.Write(outDir, temp => WriteOutputs(temp, c, casePath, coarse, meshSpec, run, quiet ? null : console));
        if (json) console.Out.WriteLine(JsonSerializer.Serialize(summary, CliJson.Options));
        else PrintResults(console, run, Path.GetFullPath(outDir));
        return Program.Ok;
    }

    static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    static Dictionary<string, object?> WriteOutputs(string dir, Case c, string casePath, bool coarse, MeshSpec meshSpec, CoupledRun run, Console? console)
    {
        void Stage(string s) => console?.Err.WriteLine($"[export] {s}");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var t = run.Thermal; var s = t.Solution;
        Stage("fields.h5, fields.xdmf");
        ResultFile.Write(Path.Combine(dir, "fields.h5"), t.Mesh.Mesh,
        [
            ResultField.AtNodes("T", s.TemperatureK, "K", "temperature"),
            ResultField.AtNodes("dT", s.TemperatureRiseK, "K", "temperature change from ambient"),
            ResultField.AtCells("q", t.CellSourceWPerM3, "W/m^3", "heat-source density (cell average): absorbed minus escaping luminescence"),
            ResultField.AtCells("E2", run.CellFieldIntensity, "1", "|E|^2 / |E0|^2 of the pump in the particle (cell average; 0 outside)"),
        ], $"miecool {Version}");
        Stage("spectrum.csv, spectrum.png");
        var (absorption, purcell, labels) = Spectra(run.Optics.Inputs);
        File.WriteAllText(Path.Combine(dir, "spectrum.csv"), SpectrumCsv(absorption, purcell, labels, run.Optics.Inputs));
        var inputs = run.Optics.Inputs;
        RunPlots.Spectrum(Path.Combine(dir, "spectrum.png"), absorption, purcell, labels, inputs,
            Inv($"{inputs.Material.Name}, D = {inputs.DiameterM * 1e9:G4} nm, host n = {inputs.HostIndex:G4}"));
        Stage("temperature.png");
        string? gl = TryRenderGl(dir, Path.Combine(dir, "temperature.png"),
            Inv($"{Path.GetFileNameWithoutExtension(casePath)}: particle mean dT {s.ParticleMeanRiseK:G4} K, P_heat {run.Optics.HeatPowerW:G4} W"));
        if (gl is not null)
        {
            console?.Err.WriteLine($"[export] no GL context ({gl}): temperature.png as a 2D plot");
            RunPlots.Temperature(Path.Combine(dir, "temperature.png"), t.Mesh.Mesh, s.TemperatureRiseK,
                Inv($"dT at y = 0: mean {s.ParticleMeanRiseK:G4} K, P_heat = {run.Optics.HeatPowerW * 1e3:G4} mW"));
        }
        var exportTime = clock.Elapsed;
        var doc = SummaryDocument(c, casePath, coarse, meshSpec, run, exportTime);
        File.WriteAllText(Path.Combine(dir, "summary.json"), JsonSerializer.Serialize(doc, CliJson.Options));
        return doc;
    }

    /// <summary>
    /// temperature.png with the viewer's GL renderer (EGL offscreen, clip y = 0 through the particle centre, coloured by
    /// dT with a colour bar, as `miecool render DIR --field dT`); returns null when done, else why GL was not available
    /// (the caller then draws the 2D fallback). MIECOOL_RUN_PLOT=2d forces the fallback.
    /// </summary>
    static string? TryRenderGl(string dir, string png, string caption)
    {
        if (Environment.GetEnvironmentVariable("MIECOOL_RUN_PLOT") == "2d") return "MIECOOL_RUN_PLOT=2d";
        try
        {
            var data = MieCool.Viewer.Scene.ResultLoader.Load(dir);
            using var context = new MieCool.Viewer.Gl.EglContext(1200, 900);
            using var renderer = new MieCool.Viewer.Rendering.SceneRenderer(context.Gl, data, MieCool.Viewer.Scene.ClipPlane.Parse("y=0"), "dT");
            renderer.Caption = caption;
            renderer.RenderImage(1200, 900).SavePng(png);
            return null;
        }
        catch (Exception e) when (e is MieCool.Viewer.Gl.GlException or DllNotFoundException or EntryPointNotFoundException or InvalidOperationException)
        {
            return e.Message;
        }
    }

    static string Version => typeof(RunCommand).Assembly.GetName().Version?.ToString(3) ?? "0";

    /// <summary>Qabs with multipoles over pump +- 150 nm (sub-gap only for an Urbach tail), F_bulk over the emission +- 30 nm.</summary>
    internal static (List<RunPlots.AbsorptionRow>, List<RunPlots.PurcellRow>, string[]) Spectra(CoolingInputs inputs)
    {
        var m = inputs.Material;
        double lo = Math.Max(m.MinWavelength, inputs.PumpWavelengthM - 150e-9), hi = Math.Min(m.MaxWavelength, inputs.PumpWavelengthM + 150e-9);
        if (inputs.Absorption is UrbachAbsorption u) lo = Math.Max(lo, PhysicalConstants.HcOverE / u.BandGapEv * (1 + 1e-9));
        var absorption = new List<RunPlots.AbsorptionRow>();
        const int n = 151;
        for (int i = 0; i < n; i++)
        {
            double wl = lo + (hi - lo) * i / (n - 1);
            var p = CoolingModel.Pump(inputs, inputs.DiameterM, wl, withMultipoles: true);
            absorption.Add(new(wl, p.Qabs, p.Multipoles.ToDictionary(t => t.Label, t => t.Value)));
        }
        var pump = CoolingModel.Pump(inputs, inputs.DiameterM, inputs.PumpWavelengthM, withMultipoles: true);
        var labels = pump.Multipoles.Take(4).Select(t => t.Label).ToArray();

        double e0 = Math.Max(m.MinWavelength, inputs.Emission.Wavelengths[0] - 30e-9), e1 = Math.Min(m.MaxWavelength, inputs.Emission.Wavelengths[^1] + 30e-9);
        var grid = Enumerable.Range(0, n).Select(i => e0 + (e1 - e0) * i / (n - 1)).ToArray();
        var flat = EmissionSpectrum.Table(grid, Enumerable.Repeat(1.0, n).ToArray(), "spectrum grid");
        var esc = CoolingModel.Escape(grid.Select(w => m.At(w)).ToArray(), inputs.DiameterM, inputs.HostIndex, flat);
        var purcell = grid.Select((w, i) => new RunPlots.PurcellRow(w, esc.FBulk[i])).ToList();
        return (absorption, purcell, labels);
    }

    static string SpectrumCsv(List<RunPlots.AbsorptionRow> absorption, List<RunPlots.PurcellRow> purcell, string[] labels, CoolingInputs inputs)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"# miecool run: {inputs.Material.Name}, diameter {Units.Invariant(inputs.DiameterM * 1e9)} nm, host index {Units.Invariant(inputs.HostIndex)}, absorption model: {inputs.Absorption.Description}");
        sb.AppendLine("# Qabs rows around the pump (F_bulk empty), then F_bulk rows over the emission (Qabs empty); Qabs_X = the share of multipole X");
        sb.AppendLine("wavelength_nm,Qabs," + string.Join(",", labels.Select(l => "Qabs_" + l)) + ",F_bulk");
        foreach (var r in absorption)
            sb.AppendLine(Inv($"{r.WavelengthM * 1e9:F3},{r.Qabs:G8},") + string.Join(",", labels.Select(l => Units.Invariant(r.Multipoles.GetValueOrDefault(l)))) + ",");
        foreach (var r in purcell)
            sb.AppendLine(Inv($"{r.WavelengthM * 1e9:F3},") + new string(',', labels.Length + 1) + Units.Invariant(r.FBulk));
        return sb.ToString();
    }

    static Dictionary<string, double> Shares(IEnumerable<MultipoleTerm> terms, int count)
    {
        var list = terms.OrderByDescending(t => t.Value).ToList(); double total = list.Sum(t => t.Value);
        return list.Take(count).ToDictionary(t => t.Label, t => total > 0 ? t.Value / total : 0);
    }

    /// <summary>summary.json: results first, then derived values, every effective input with units, solver, timings.</summary>
    internal static Dictionary<string, object?> SummaryDocument(Case c, string casePath, bool coarse, MeshSpec meshSpec, CoupledRun run, TimeSpan exportTime)
    {
        var o = run.Optics; var i = o.Inputs; var s = run.Thermal.Solution; var t = run.Thermal.Timings; var m = run.Thermal.Mesh.Report;
        double x = Convention.SizeParameter(i.RadiusM, i.PumpWavelengthM, i.HostIndex);
        var inputs = new Dictionary<string, object?>();
        foreach (var v in c.Values)
            inputs[$"{v.Section}.{v.Key}"] = new Dictionary<string, object?>
            {
                ["value"] = v.Literal.Trim('"'), ["si"] = v.Si,
                ["origin"] = v.Origin switch { ValueOrigin.File => $"line {v.Line}", ValueOrigin.Default => "default", _ => "derived" },
            };
        var flows = new Dictionary<string, double>();
        foreach (var (tag, w) in s.BoundaryHeatFlowW.OrderBy(p => p.Key)) flows[Tags.RegionName(tag)] = w;
        flows["particle_surface"] = s.ParticleHeatFlowW;
        return new Dictionary<string, object?>
        {
            ["dT_particle_mean_K"] = s.ParticleMeanRiseK,
            ["dT_particle_min_K"] = s.ParticleMinRiseK,
            ["dT_particle_max_K"] = s.ParticleMaxRiseK,
            ["T_particle_mean_K"] = s.ParticleMeanTemperatureK,
            ["T_particle_min_K"] = s.ParticleMinTemperatureK,
            ["T_particle_max_K"] = s.ParticleMaxTemperatureK,
            ["T_ambient_K"] = s.AmbientTemperatureK,
            ["verdict"] = s.ParticleMeanRiseK < 0 ? "cools" : "heats",
            ["below_absolute_zero"] = s.ParticleMinTemperatureK < 0,
            ["Qabs"] = o.Pump.Qabs,
            ["Qabs_multipole_shares"] = Shares(o.Pump.Multipoles, 4),
            ["Cabs_nm2"] = o.Pump.CabsM2 * 1e18,
            ["F_bulk"] = o.Escape.FBulkAverage,
            ["F_host"] = o.Escape.FHostAverage,
            ["F_multipole_shares_at_emission_peak"] = o.Escape.AtPeak is { } peak ? Shares(peak.Orders, 4) : null,
            ["emission_peak_nm"] = o.Escape.PeakWavelengthM * 1e9,
            ["eta_abs"] = o.AbsorptionEfficiency,
            ["eta_ext"] = o.ExternalQuantumEfficiency,
            ["lambda_f_nm"] = o.EscapeWavelengthM * 1e9,
            ["eta_c"] = o.CoolingEfficiency,
            ["P_abs_W"] = o.AbsorbedPowerW,
            ["P_lum_W"] = run.Source.LuminescencePowerW,
            ["P_heat_W"] = o.HeatPowerW,
            ["source_integral_W"] = run.Source.SourceIntegralW,
            ["absorbed_quadrature_W"] = run.Source.AbsorbedIntegralW,
            ["absorbed_scale"] = run.Source.Scale,
            ["dT_estimate_half_embedded_K"] = o.DeltaTHalfEmbeddedK,
            ["derived"] = new Dictionary<string, object?>
            {
                ["size_parameter_at_pump"] = x,
                ["multipoles_nmax"] = run.Field.Coefficients.NMax,
                ["index_at_pump_tabulated"] = $"{o.Pump.TabulatedIndex.Real:G6}+{o.Pump.TabulatedIndex.Imaginary:G6}i",
                ["index_at_pump_used"] = $"{o.Pump.IndexUsed.Real:G6}+{o.Pump.IndexUsed.Imaginary:G6}i",
                ["k_resonant"] = o.Pump.ResonantK, ["k_background"] = o.Pump.BackgroundK,
                ["absorption_model"] = o.Pump.AbsorptionModel,
                ["emission"] = i.Emission.Description,
                ["unknowns"] = s.Solver.Unknowns,
            },
            ["assumptions"] = new[]
            {
                "pump: plane wave from above, propagating along -z (lab frame, substrate top at z = 0)",
                "optics: the particle in a homogeneous host of the given index; the substrate's optical effect is not modelled",
                "absorbed density scaled so that its mesh integral equals Cabs I (the mesh particle is cut flat at the contact)",
                $"escaping luminescence spread {c.Require<EmissionSpec>("run").Distribution.ToString().ToLowerInvariant()} over the particle",
                "photon recycling and the emission's re-absorption elsewhere are not modelled; no Kapitza resistance",
            },
            ["heat_flow_out_W"] = flows,
            ["energy_balance_rel"] = s.EnergyBalanceRelativeError,
            ["solver"] = new Dictionary<string, object>
            {
                ["method"] = s.Solver.Method, ["unknowns"] = s.Solver.Unknowns, ["nonzeros"] = s.Solver.NonZeros,
                ["iterations"] = s.Solver.Iterations, ["relative_residual"] = s.Solver.RelativeResidual,
                ["tolerance"] = c.Thermal!.Solver.RelativeTolerance, ["max_iterations"] = c.Thermal.Solver.MaxIterations,
            },
            ["mesh"] = new Dictionary<string, object>
            {
                ["nodes"] = m.NodeCount, ["cells"] = m.CellCount, ["order"] = meshSpec.Order,
                ["h_min_m"] = meshSpec.HMin, ["grading"] = meshSpec.Grading, ["box_half_size_R"] = meshSpec.BoxHalfSize,
                ["coarse_override"] = coarse, ["min_dihedral_deg"] = m.MinDihedralDeg, ["contact_radius_m"] = m.ContactRadiusM,
                ["particle_volume_m3"] = run.Thermal.SourcePoints.Weights.Sum(),
                ["source_points"] = run.Thermal.SourcePoints.Count,
            },
            ["seconds"] = new Dictionary<string, double>
            {
                ["optics"] = run.OpticsTime.TotalSeconds, ["mesh"] = t.Mesh.TotalSeconds, ["assemble"] = t.Assemble.TotalSeconds,
                ["solve"] = t.Solve.TotalSeconds, ["export"] = exportTime.TotalSeconds,
                ["total"] = run.OpticsTime.TotalSeconds + t.Total.TotalSeconds + exportTime.TotalSeconds,
            },
            ["case"] = Path.GetFullPath(casePath),
            ["inputs"] = inputs,
            ["files"] = new[] { "summary.json", "spectrum.csv", "spectrum.png", "fields.h5", "fields.xdmf", "temperature.png" },
            ["program"] = $"miecool {Version}",
            ["material_data"] = MaterialData(i.Material),
        };
    }

    /// <summary>The particle's material page: name, reference, range and the SHA-256 of the page file (its data version).</summary>
    static Dictionary<string, string?> MaterialData(MieCool.Optics.IRefractiveIndex material)
    {
        var d = new Dictionary<string, string?> { ["particle"] = material.Name, ["range_nm"] = Inv($"{material.MinWavelength * 1e9:F1}-{material.MaxWavelength * 1e9:F1}") };
        if (material is Material page)
        {
            d["reference"] = page.ShortReference;
            d["page_file"] = page.Source;
            if (File.Exists(page.Source))
                d["page_sha256"] = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(page.Source))).ToLowerInvariant();
        }
        d["database"] = "refractiveindex.info pages shipped in data/materials (CC0; see docs/materials.md)";
        return d;
    }

    static void PrintResults(Console console, CoupledRun run, string outDir)
    {
        var o = run.Optics; var s = run.Thermal.Solution;
        static string G(double v, int digits = 5) => v.ToString("G" + digits, CultureInfo.InvariantCulture).Replace("E-0", "e-").Replace("E+0", "e+").Replace("E", "e");
        static string Top(IEnumerable<MultipoleTerm> terms)
        {
            var l = terms.OrderByDescending(t => t.Value).ToList(); double tot = l.Sum(t => t.Value);
            return string.Join(", ", l.Take(3).Select(t => $"{t.Label} {100 * t.Value / Math.Max(tot, double.Epsilon):F0} %"));
        }
        var table = new Table().Border(TableBorder.Simple).AddColumn("quantity").AddColumn(new TableColumn("value").RightAligned()).AddColumn("unit");
        void Row(string q, string v, string u) => table.AddRow(Markup.Escape(q), Markup.Escape(v), Markup.Escape(u));
        Row("Qabs at the pump (dominant multipoles)", $"{G(o.Pump.Qabs, 4)} ({Top(o.Pump.Multipoles)})", "1");
        Row("F_bulk over the emission (at the peak)", $"{G(o.Escape.FBulkAverage, 4)} ({(o.Escape.AtPeak is { } p ? Top(p.Orders) : "")})", "1");
        Row("eta_ext, eta_abs", $"{G(o.ExternalQuantumEfficiency, 4)}, {G(o.AbsorptionEfficiency, 4)}", "1");
        Row("lambda_f (mean escaping photon)", G(o.EscapeWavelengthM * 1e9, 5), "nm");
        Row("eta_c (> 0 cools)", G(o.CoolingEfficiency, 4), "1");
        Row("P_abs, P_heat = -eta_c P_abs", $"{G(o.AbsorbedPowerW)}, {G(o.HeatPowerW)}", "W");
        Row("particle mean / min / max dT", $"{G(s.ParticleMeanRiseK, 4)} / {G(s.ParticleMinRiseK, 4)} / {G(s.ParticleMaxRiseK, 4)}", "K");
        Row("particle mean T", G(s.ParticleMeanTemperatureK, 6), "K");
        Row("heat-source integral (= P_heat)", G(run.Source.SourceIntegralW), "W");
        Row("unknowns, CG iterations", $"{s.Solver.Unknowns}, {s.Solver.Iterations}", "");
        var t = run.Thermal.Timings;
        Row("time optics / mesh / assemble / solve", Inv($"{run.OpticsTime.TotalSeconds:F2} / {t.Mesh.TotalSeconds:F2} / {t.Assemble.TotalSeconds:F2} / {t.Solve.TotalSeconds:F2}"), "s");
        Terminal.For(console.Out, console.Interactive).Write(table);
        console.Out.WriteLine($"{(s.ParticleMeanRiseK < 0 ? "the particle COOLS" : "the particle HEATS")} by {Math.Abs(s.ParticleMeanRiseK):G4} K on average (the substrate's optical effect is not modelled)");
        if (s.ParticleMinTemperatureK < 0)
            console.Out.WriteLine("warning: the linear steady state lies below absolute zero: the cooling power exceeds what conduction can " +
                                  "supply at constant properties; read the result as \"cools strongly\", not as a temperature");
        console.Out.WriteLine($"wrote {outDir}: summary.json, spectrum.csv/png, fields.h5 + fields.xdmf (ParaView), temperature.png");
    }
}
