using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using MieCool.Cli.Output;
using MieCool.Coupling;
using MieCool.Core;
using MieCool.Cases;
using MieCool.Results;
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
    static readonly TextOption Out = new("out", "DIR", "output folder (must not be a file; written at the end, never on failure; an " +
                                                       "earlier result there is replaced as a whole)")
        { DefaultNote = "out/<case file name without .toml>", Accepts = "a folder path (not a file)" };

    /// <inheritdoc/>
    public string Name => Syntax.Command;
    /// <inheritdoc/>
    public string Summary =>
        "the coupled model: optics -> heat source -> FEM temperature of the particle; DIR/summary.json, fields.xdmf, PNGs";
    /// <inheritdoc/>
    public CommandSyntax Syntax { get; } = new("run", """
        One case file in ([particle], [substrate], [mesh], [thermal], [optics], [emission], [absorption]), the particle's
        temperature change out. Stages: optics (Mie absorption at the pump, Purcell factor over the emission, cooling
        efficiency eta_c), mesh (gmsh), source (the Mie absorbed-power density at every quadrature point of the particle
        minus the escaping luminescence; integral P_heat = -eta_c P_abs), assembly, solve, export. The pump comes from
        above (propagates along -z); with [optics] substrate = "interface" (the default) the optics see the sphere
        touching its substrate (pump absorption and field, the emission's escape, and for an absorbing substrate the heat
        the particle makes it take up), with "none" a homogeneous host. Writes into DIR (all or nothing):
          summary.json         every effective input with units, derived values, results, solver statistics, timings
          spectrum.csv         one row per wavelength around the pump: wavelength_nm, Qabs, Qabs_X of each multipole X
          spectrum_emission.csv  one row per wavelength over the emission: wavelength_nm, F_bulk (the Purcell factor)
          spectrum.png/.svg    both spectra: Qabs and its multipoles around the pump, F_bulk and its multipoles over
                               the emission
          fields.h5/.xdmf      mesh, region, T and dT (K), heat-source density q (W/m^3), |E|^2/|E0|^2 (ParaView);
                               fields_boundary.xdmf (the boundary), fields_particle.xdmf (point q, |E|^2 in the particle)
          view.py              the standard ParaView view, run by paraview's script option (docs/file-format.md)
          temperature.png      dT on the plane y = 0 through the particle centre (GL picture: a PNG at --dpi only;
                               .png/.svg from the 2D fallback without GL), colour bar, scale bar, regions named
        Prints the effective configuration first and a results table after.
        """)
    {
        Positionals = [CaseFile],
        Options = [Out, CommonOptions.Coarse, CommonOptions.Threads, CommonOptions.SummaryJson, CommonOptions.Quiet, CommonOptions.Set,
                   Figure.Dpi],
        ExitCodes = "0 done, 2 bad input (case file, options) or a solver that did not converge, 1 another failure",
        Examples = ["miecool run cases/tonkaev2019_mapbi3_d530.toml --coarse"],
    };

    /// <summary>
    /// Solves the coupled model of CASE (coarse mesh with --coarse) and writes DIR (default out/&lt;case name&gt;) all or
    /// nothing: fields.h5/.xdmf, spectrum.csv/.png, temperature.png and summary.json; prints the effective case and the
    /// results table, or with --json the summary.json document. A solver that does not converge is bad input (exit 2).
    /// </summary>
    public int Run(Args args, Console console)
    {
        string casePath = args.Get(CaseFile);
        string outDir = args.Find(Out) ?? Path.Combine("out", Path.GetFileNameWithoutExtension(casePath));
        bool json = args.Get(CommonOptions.SummaryJson), quiet = args.Get(CommonOptions.Quiet), coarse = args.Get(CommonOptions.Coarse);
        using var target = OutputFolder.Claim(outDir, args.Spelled(Out));

        var c = CommonOptions.LoadCase(casePath, args);
        var meshSpec = CommonOptions.MeshSpec(c, args);
        if (coarse) meshSpec = meshSpec.Coarse();
        var problem = CaseProblems.Coupled(c, meshSpec);

        var echo = json ? console.Err : console.Out;
        if (!quiet || !json)
        {
            echo.Write(c.Effective());
            if (coarse) echo.WriteLine(HeatCommand.CoarseNote(meshSpec));
            echo.WriteLine(problem.Optics.Substrate is null
                ? "# optics: pump from above (along -z), particle in a homogeneous host: the substrate's optical effect is not modelled"
                : "# optics: pump from above (along -z), the sphere touching its substrate (T-matrix with the interface)");
            echo.WriteLine();
        }

        // the spectra (the optics at the steady temperature over the wavelengths) and their figure are made beside the final
        // heat solve (its triangular solves leave the second core idle)
        int dpi = args.Get(Figure.Dpi);
        Task<SpectrumFiles>? spectra = null;
        var run = ProgressDisplay.Run(console, quiet, progress => CaseProblems.Check(c, () =>
            CoupledModel.Solve(problem, progress, optics => spectra = Task.Run(() => SpectrumFiles.Of(optics, dpi)))));
        if (run.SteadyState is { Model: SteadyStateModel.SelfConsistent, Converged: false } st)
            throw new ComputationException(FormattableString.Invariant(
                $"{c.Source}: no self-consistent steady state to report: {st.Status}. The linear (constant-property) mean dT ") +
                FormattableString.Invariant($"would be {st.LinearRiseK:G4} K; nothing was written. ") +
                "Check the [absorption] band-tail and [emission] peak_shift inputs, or [steady_state] validity_min/validity_max.");
        var summary = target.Write(temp => WriteOutputs(temp, c, casePath, coarse, run, console, quiet, dpi, spectra));
        if (json) console.Out.WriteLine(SummaryFile.Json(summary));
        else PrintResults(console, run, summary["T_zero_cooling_K"] as double?, (Dictionary<string, double>)summary["seconds"]!,
                          Path.GetFullPath(outDir));
        return Program.Ok;
    }

    static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>The files of `miecool run`, in the order they are written.</summary>
    static readonly string[] Files =
        [.. ResultFile.FileNames("fields.h5", particleFields: true), "temperature.png", "spectrum.csv", "spectrum_emission.csv",
         "spectrum.png", "spectrum.svg", "summary.json"];

    /// <summary>
    /// spectrum.csv, spectrum_emission.csv and spectrum.png/.svg of `miecool run`, made in memory from the optics at the
    /// steady state (<see cref="Of(CoolingResult, int)"/>), so that they can be made before the result folder is written.
    /// </summary>
    internal sealed record SpectrumFiles(string Csv, string EmissionCsv, FigureFiles Figure)
    {
        /// <summary>The spectra of <paramref name="optics"/> (Mie around the pump, the Purcell factor over the emission), drawn.</summary>
        public static SpectrumFiles Of(CoolingResult optics, int dpi) => Of(CoolingSpectra.Of(optics), optics.Inputs, dpi);

        /// <summary>The tables and the figure of <paramref name="spectra"/>, computed for <paramref name="inputs"/>.</summary>
        public static SpectrumFiles Of(CoolingSpectra spectra, CoolingInputs inputs, int dpi) =>
            new(RunCommand.SpectrumCsv(spectra), RunCommand.EmissionCsv(spectra), RunPlots.Spectrum(spectra, inputs,
                Inv($"{inputs.Material.Name}, D = {inputs.DiameterM * 1e9:G4} nm, host n = {inputs.HostIndex:G4}"), dpi));
    }

    /// <summary>
    /// Writes the files of `miecool run` into <paramref name="dir"/>; <paramref name="started"/>: the spectrum files of
    /// <c>run.Optics</c> at <paramref name="dpi"/> when already started (null: made here).
    /// </summary>
    internal static Dictionary<string, object?> WriteOutputs(string dir, Case c, string casePath, bool coarse, CoupledSolution run,
                                                    Console console, bool quiet, int dpi = Figure.BaseDpi,
                                                    Task<SpectrumFiles>? started = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var t = run.Thermal; var s = t.Heat;
        // Work on the second core: the spectra (Mie around the pump, the Purcell factor over the emission; with their figure
        // when started beside the solve), then fields.h5 (PureHDF). The pictures are drawn one native drawing library at a
        // time: the temperature picture (Mesa) on this thread once a started spectrum figure (Skia) is done, else before the
        // spectrum figure is drawn here. The picture is drawn from the fields in memory, the very values fields.h5 stores.
        var content = ExportedFields.Content(t, run, "fields.h5");
        ProgressDisplay.Line(console, quiet, "export", "fields.h5, fields*.xdmf, view.py");
        var computed = started is null ? Task.Run(() => CoolingSpectra.Of(run.Optics)) : null;
        var hdf5 = (started ?? (Task)computed!).ContinueWith(_ => ResultFile.Write(Path.Combine(dir, "fields.h5"), t.Mesh.Mesh,
                                                                                   content), TaskScheduler.Default);
        bool vector = false; // temperature.svg beside the PNG: the 2D fallback's vector figure
        try
        {
            started?.Wait(CancellationToken.None);
            ProgressDisplay.Line(console, quiet, "export", "temperature.png");
            var data = MieCool.Viewer.Scene.ResultLoader.Of(t.Mesh.Mesh, content.Fields, Path.GetFileName(dir) + "/fields.h5");
            string? gl = TryRenderGl(data, Path.Combine(dir, "temperature.png"),
                Inv($"{Path.GetFileNameWithoutExtension(casePath)}: particle mean dT {s.ParticleMeanRiseK:G4} K, ")
                + Inv($"P_heat {run.Optics.HeatPowerW:G4} W"), dpi);
            if (gl is not null)
            {
                ProgressDisplay.Line(console, quiet, "export", $"no GL context ({gl}): temperature.png as a 2D plot");
                vector = true;
                RunPlots.Temperature(Path.Combine(dir, "temperature.png"), t.Mesh.Mesh, s.TemperatureRiseK,
                    Inv($"dT at y = 0: mean {s.ParticleMeanRiseK:G4} K, P_heat = {run.Optics.HeatPowerW * 1e3:G4} mW"), dpi);
            }
            ProgressDisplay.Line(console, quiet, "export", "spectrum.csv, spectrum_emission.csv, spectrum.png");
            var spectra = started?.GetAwaiter().GetResult() ?? SpectrumFiles.Of(computed!.GetAwaiter().GetResult(), run.Optics.Inputs, dpi);
            FiniteOutput.WriteAllText(Path.Combine(dir, "spectrum.csv"), spectra.Csv);
            FiniteOutput.WriteAllText(Path.Combine(dir, "spectrum_emission.csv"), spectra.EmissionCsv);
            spectra.Figure.Write(Path.Combine(dir, "spectrum.png"));
        }
        catch
        {
            // the folder is removed by the caller: fields.h5 is finished (or failed) first, never written into a removed folder
            try { hdf5.Wait(CancellationToken.None); } catch (AggregateException) { }
            throw;
        }
        hdf5.GetAwaiter().GetResult(); // its own exception (a full disk), not an AggregateException
        var doc = SummaryFile.Document(c, casePath, coarse, run.Problem.Mesh, t, run, vector ? [.. Files, "temperature.svg"] : Files,
                                       clock.Elapsed);
        FiniteOutput.WriteAllText(Path.Combine(dir, "summary.json"), SummaryFile.Json(doc));
        return doc;
    }

    /// <summary>
    /// temperature.png with the viewer's GL renderer (EGL offscreen, clip y = 0 through the particle centre, coloured by
    /// dT with a colour bar, as `miecool render DIR --field dT`); returns null when done, else why GL was not available
    /// (the caller then draws the 2D fallback). MIECOOL_RUN_PLOT=2d forces the fallback.
    /// </summary>
    static string? TryRenderGl(MieCool.Viewer.Scene.ResultData data, string png, string caption, int dpi)
    {
        int w = Figure.Pixels(1200, dpi), h = Figure.Pixels(900, dpi);
        if (Environment.GetEnvironmentVariable("MIECOOL_RUN_PLOT") == "2d") return "MIECOOL_RUN_PLOT=2d";
        try
        {
            using var context = new MieCool.Viewer.Gl.EglContext(w, h);
            using var renderer = new MieCool.Viewer.Rendering.SceneRenderer(
                context.Gl, data, MieCool.Viewer.Scene.ClipPlane.Parse("y=0"), "dT");
            renderer.Caption = caption;
            renderer.RenderImage(w, h).SavePng(png);
            return null;
        }
        catch (Exception e) when (e is MieCool.Viewer.Gl.GlException or DllNotFoundException or EntryPointNotFoundException
                                    or InvalidOperationException)
        {
            return e.Message;
        }
    }

    /// <summary>
    /// spectrum.csv: one table, one row per wavelength around the pump: wavelength_nm, Qabs and each multipole's part
    /// Qabs_X. The Purcell factor is on another wavelength grid (the emission's): <see cref="EmissionCsv"/>.
    /// </summary>
    internal static string SpectrumCsv(CoolingSpectra spectra)
    {
        var labels = spectra.Labels;
        var sb = new StringBuilder();
        sb.AppendLine("wavelength_nm,Qabs," + string.Join(",", labels.Select(l => "Qabs_" + l)));
        foreach (var r in spectra.Absorption)
            sb.AppendLine(Inv($"{r.WavelengthM * 1e9:F3},{r.Qabs:G8},")
                          + string.Join(",", labels.Select(l => Units.Invariant(r.Multipoles.GetValueOrDefault(l)))));
        return sb.ToString();
    }

    /// <summary>spectrum_emission.csv: one row per wavelength over the emission: wavelength_nm, F_bulk.</summary>
    internal static string EmissionCsv(CoolingSpectra spectra)
    {
        var sb = new StringBuilder();
        sb.AppendLine("wavelength_nm,F_bulk");
        foreach (var r in spectra.Escape) sb.AppendLine(Inv($"{r.WavelengthM * 1e9:F3},") + Units.Invariant(r.FBulk));
        return sb.ToString();
    }

    static void PrintResults(Console console, CoupledSolution run, double? zeroCoolingK, Dictionary<string, double> seconds,
                             string outDir)
    {
        var o = run.Optics; var s = run.Thermal.Heat;
        static string G(double v, int digits = 5) =>
            v.ToString("G" + digits, CultureInfo.InvariantCulture).Replace("E-0", "e-").Replace("E+0", "e+").Replace("E", "e");
        static string Top(IEnumerable<MultipoleTerm> terms)
        {
            var l = terms.OrderByDescending(t => t.Value).ToList(); double tot = l.Sum(t => t.Value);
            return string.Join(", ", l.Take(3).Select(t => $"{t.Label} {100 * t.Value / Math.Max(tot, double.Epsilon):F0} %"));
        }
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("quantity").AddColumn(new TableColumn("value").RightAligned()).AddColumn("unit");
        void Row(string q, string v, string u) => table.AddRow(Markup.Escape(q), Markup.Escape(v), Markup.Escape(u));
        Row("Qabs at the pump (dominant multipoles)", $"{G(o.Pump.Qabs, 4)} ({Top(o.Pump.Multipoles)})", "1");
        Row("F_bulk over the emission (at the peak)",
            $"{G(o.Escape.FBulkAverage, 4)} ({(o.Escape.AtPeak is { } p ? Top(p.Orders) : "")})", "1");
        var rc = o.Escape.Recycling;
        Row("emitted photons: escape p_e / re-absorbed p_r (background)",
            $"{G(rc.Escape, 4)} / {G(rc.Reabsorption, 4)} ({G(rc.BackgroundReabsorption, 3)})", "1");
        Row("eta_ext, eta_abs", $"{G(o.ExternalQuantumEfficiency, 4)}, {G(o.AbsorptionEfficiency, 4)}", "1");
        Row("lambda_f (mean escaping photon)", G(o.EscapeWavelengthM * 1e9, 5), "nm");
        Row("eta_c (> 0 cools)", G(o.CoolingEfficiency, 4), "1");
        Row("P_abs, P_heat = -eta_c P_abs", $"{G(o.AbsorbedPowerW)}, {G(o.HeatPowerW)}", "W");
        Row("particle mean / min / max dT", $"{G(s.ParticleMeanRiseK, 4)} / {G(s.ParticleMinRiseK, 4)} / {G(s.ParticleMaxRiseK, 4)}", "K");
        Row("particle mean T", s.ParticleMeanTemperatureK >= 0 ? G(s.ParticleMeanTemperatureK, 6) : "below 0 K: not a temperature", "K");
        if (run.SteadyState.Model == SteadyStateModel.SelfConsistent)
        {
            var st = run.SteadyState;
            Row("self-consistent: evaluations, residual", $"{st.Evaluations}, {G(st.ResidualK, 3)}", "K");
            Row("linear (constant-property) mean dT", G(st.LinearRiseK, 4), "K");
        }
        Row("heat-source integral (= P_heat)", G(run.Source.Heat.IntegralW), "W");
        if (run.Source.SubstrateHeat is { } below)
            Row("heat in the substrate: pump / luminescence / in mesh",
                $"{G(below.PumpPowerW, 4)} / {G(below.LuminescencePowerW, 4)} / {G(run.Source.Heat.Substrate?.IntegralW ?? 0, 4)}", "W");
        Row("unknowns, CG iterations", $"{s.Solver.Unknowns}, {s.Solver.Iterations}", "");
        var (label, times) = SummaryFile.TimingRow(seconds, "optics", "mesh", "source", "assemble", "solve", "export");
        Row(label, times, "s");
        Terminal.For(console.Out, console.Interactive).Write(table);
        console.Out.WriteLine($"{(s.ParticleMeanRiseK < 0 ? "the particle COOLS" : "the particle HEATS")} by " +
                              $"{Math.Abs(s.ParticleMeanRiseK):G4} K on average" +
                              (run.Optics.Pump.OnSubstrate is null ? " (the substrate's optical effect is not modelled)" : ""));
        if (run.SteadyState is { Model: SteadyStateModel.SelfConsistent } st2)
            console.Out.WriteLine(FormattableString.Invariant(
                $"self-consistent steady state: mean T {s.ParticleMeanTemperatureK:F2} K after {st2.Evaluations} evaluations ") +
                FormattableString.Invariant($"(residual {st2.ResidualK:G2} K); the linear model would say dT = {st2.LinearRiseK:G4} K"));
        console.Out.WriteLine(zeroCoolingK is double t0 // computed once, for summary.json
            ? FormattableString.Invariant($"eta_c falls to zero at {t0:F1} K: ")
              + "with these inputs the particle cannot be laser-cooled below it"
            : FormattableString.Invariant($"eta_c stays positive down to {run.Problem.SteadyState.ValidityMinK:G4} K: ")
              + "the cooling is limited by the collapsing sub-gap absorption, not by eta_c");
        if (s.ParticleMinTemperatureK < 0)
            console.Out.WriteLine("warning: the linear steady state lies below absolute zero: the cooling power exceeds what " +
                                  "conduction can supply at constant properties; read the result as \"cools strongly\", not as a " +
                                  "temperature");
        console.Out.WriteLine($"wrote {outDir}: summary.json, spectrum*.csv/png, fields.h5 + fields*.xdmf + view.py (ParaView), " +
                              "temperature.png");
    }
}
