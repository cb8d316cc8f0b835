using System.Globalization;
using System.Text.Json;
using MieCool.Core;
using MieCool.Optics;
using MieCool.Optics.Cooling;
using MieCool.Optics.Emitters;
using MieCool.Thermal;
using Spectre.Console;

namespace MieCool.Cli;

/// <summary>`miecool cooling`: the laser-cooling efficiency and heat balance of one sphere.</summary>
public sealed class CoolingCommand : ICommand
{
    static readonly QuantityOption Diameter = CommonOptions.Diameter;
    static readonly QuantityOption PumpWavelength = new("pump-wavelength", Dimension.Length, "nm",
        "pump vacuum wavelength (inside the material's data)")
        { Aliases = ["pump"], Required = true, Range = Interval.Positive(100e-6), Example = "980nm",
          CaseKeys = ["optics.pump_wavelength"] };
    static readonly SwitchOption Json = new("json",
        "print the inputs and results as one JSON object instead of the table (units in the key names, e.g. diameter_nm, P_heat_W)");

    /// <inheritdoc/>
    public string Name => Syntax.Command;
    /// <inheritdoc/>
    public string Summary => "laser-cooling efficiency, absorbed and net heat power of one sphere (Mie + Purcell + Sheik-Bahae)";
    /// <inheritdoc/>
    public CommandSyntax Syntax { get; } = new("cooling", """
        The laser-cooling model of one sphere, printed as a table of inputs, pump absorption, emission escape and result.
        Model (Sheik-Bahae & Epstein, Nature Photonics 1, 693 (2007)): eta_c = eta_ext eta_abs lambda_p/lambda_f - 1 with
        eta_ext = F eta_int/(F eta_int + 1 - eta_int), F the Purcell factor of emitters filling the sphere relative to the bulk,
        averaged over the emission; eta_abs = alpha_r/(alpha_r + alpha_b); P_abs = Cabs(lambda_p) I; P_heat = -eta_c P_abs
        (negative: the particle cools). Temperature estimates are analytic (sphere in a homogeneous medium; half-embedded
        between air and glass), not the FEM. Writes no files. The options are the case keys of `miecool run` (see
        `miecool template`), with the same names.
        """)
    {
        Options =
        [
            CommonOptions.Material, Diameter, CommonOptions.HostIndex, PumpWavelength, .. CoolingOptions.Model,
            .. CoolingOptions.Estimates, Json,
        ],
        Examples =
        [
            "miecool cooling --material other/perovskite/CH3NH3PbI3/nk/Phillips --diameter 530nm --host-index 1.0 " +
            "--pump-wavelength 980nm --intensity 7e6W/cm2 --internal-quantum-efficiency 0.99 --emission gaussian:775nm:40nm",
        ],
    };

    /// <summary>
    /// Evaluates the cooling model at the given diameter and pump (both inside the material's data) and prints the table
    /// of inputs, pump absorption, emission escape and result with the analytic temperature estimates, or with --json one
    /// object (units in the key names: diameter_nm, P_heat_W, dT_half_embedded_K, ...). Writes no files.
    /// </summary>
    public int Run(Args args, Console console)
    {
        double pump = args.Get(PumpWavelength);
        var inputs = CoolingOptions.Read(args, args.Get(Diameter), pump);
        CoolingInputs.CheckWavelength(inputs.Material, pump, null, args.Spelled(PumpWavelength));
        var kappa = new Conductivities(args.Get(CoolingOptions.KappaHost), args.Get(CoolingOptions.ConductivityAir),
                                       args.Get(CoolingOptions.ConductivitySubstrate));
        bool json = args.Get(Json);
        var r = CoolingOptions.Check(() => CoolingModel.Evaluate(inputs), ("diameter", Diameter), ("pump_wavelength", PumpWavelength));
        var estimate = new Estimates(SphereConduction.RiseInInfiniteMedium(r.HeatPowerW, kappa.Host, inputs.RadiusM),
                                     SphereConduction.RiseHalfEmbedded(r.HeatPowerW, kappa.Air, kappa.Glass, inputs.RadiusM),
                                     ZeroCooling(inputs));
        if (json) console.Out.WriteLine(CliJson.Serialize(ToJson(r, kappa, estimate)));
        else Print(r, kappa, estimate, console);
        return Program.Ok;
    }

    /// <summary>The conductivities of the analytic temperature estimates, W/(m K) (validated by their options).</summary>
    sealed record Conductivities(double Host, double Air, double Glass);

    /// <summary>
    /// Linear analytic temperature changes (sphere in the host, sphere half-embedded between air and glass), K, and the
    /// zero-cooling temperature: where eta_c(T) falls to zero below the evaluation temperature, the lowest temperature
    /// laser cooling can reach with these inputs (null when eta_c keeps its sign down to 20 K).
    /// </summary>
    sealed record Estimates(double HomogeneousK, double HalfEmbeddedK, double? ZeroCoolingK);

    /// <summary>eta_c(T) = 0 between 20 K and the evaluation temperature, or null.</summary>
    static double? ZeroCooling(CoolingInputs inputs)
    {
        const double lowestK = 20;
        if (!(inputs.TemperatureK > lowestK)) return null;
        try { return CoolingModel.ZeroCoolingTemperature(inputs, lowestK, inputs.TemperatureK); }
        catch (InputException) { return null; } // e.g. a reciprocity line that cannot be formed at 20 K
    }


    /// <summary>A number for people: plain up to 1e5, otherwise "1.234e-3".</summary>
    internal static string G(double v, int digits = 4)
    {
        double a = Math.Abs(v);
        if (a != 0 && (a >= 1e5 || a < 1e-3))
            return v.ToString("0." + new string('#', Math.Max(digits - 1, 1)) + "e+0", CultureInfo.InvariantCulture);
        return v.ToString("G" + digits, CultureInfo.InvariantCulture);
    }

    static Dictionary<string, object?> ToJson(CoolingResult r, Conductivities kappa, Estimates estimate)
    {
        var i = r.Inputs; var p = r.Pump; var e = r.Escape;
        return new()
        {
            ["material"] = i.Material.Name,
            ["diameter_nm"] = i.DiameterM * 1e9,
            ["host_index"] = i.HostIndex,
            ["pump_nm"] = i.PumpWavelengthM * 1e9,
            ["intensity_W_per_cm2"] = i.IntensityWPerM2 / 1e4,
            ["eta_int"] = i.InternalQuantumEfficiency,
            ["emission"] = i.Emission.Description,
            ["absorption_model"] = p.AbsorptionModel,
            ["background_absorption_per_cm"] = i.BackgroundAbsorptionPerM / 100,
            ["pump_index_n"] = p.IndexUsed.Real,
            ["pump_k_resonant"] = p.ResonantK,
            ["pump_k_background"] = p.BackgroundK,
            ["pump_k_tabulated"] = p.TabulatedIndex.Imaginary,
            ["Qabs"] = p.Qabs,
            ["Cabs_nm2"] = p.CabsM2 * 1e18,
            ["Qabs_multipoles"] = p.Multipoles.Take(6)
                .Select(t => new Dictionary<string, object> { ["label"] = t.Label, ["n"] = t.Order, ["Qabs"] = t.Value }).ToList(),
            ["F_bulk_avg"] = e.FBulkAverage,
            ["F_host_avg"] = e.FHostAverage,
            ["emission_peak_nm"] = e.PeakWavelengthM * 1e9,
            ["F_peak_dominant"] = e.AtPeak?.Dominant.Label,
            ["F_peak_multipoles"] = e.AtPeak?.Orders.OrderByDescending(t => t.Value).Take(6)
                .Select(t => new Dictionary<string, object> { ["label"] = t.Label, ["n"] = t.Order, ["F"] = t.Value }).ToList(),
            ["F_spectrum"] = e.WavelengthsM.Select((w, k) => new Dictionary<string, double>
                {
                    ["wavelength_nm"] = w * 1e9, ["weight"] = i.Emission.Weights[k], ["F_bulk"] = e.FBulk[k], ["F_host"] = e.FHost[k],
                }).ToList(),
            ["p_e"] = e.Recycling.Escape,
            ["p_r"] = e.Recycling.Reabsorption,
            ["p_r_background"] = e.Recycling.BackgroundReabsorption,
            ["eta_ext"] = r.ExternalQuantumEfficiency,
            ["eta_abs"] = r.AbsorptionEfficiency,
            ["lambda_f_nm"] = r.EscapeWavelengthM * 1e9,
            ["eta_c"] = r.CoolingEfficiency,
            ["P_abs_W"] = r.AbsorbedPowerW,
            ["P_heat_W"] = r.HeatPowerW,
            ["dT_homogeneous_K"] = estimate.HomogeneousK,
            ["dT_half_embedded_K"] = estimate.HalfEmbeddedK,
            ["kappa_host_W_per_mK"] = kappa.Host,
            ["kappa_air_W_per_mK"] = kappa.Air,
            ["kappa_glass_W_per_mK"] = kappa.Glass,
            ["temperature_K"] = i.TemperatureK,
            ["T_zero_cooling_K"] = estimate.ZeroCoolingK,
        };
    }

    static string Shares(IEnumerable<MultipoleTerm> terms, double total, int count) =>
        string.Join(", ", terms.OrderByDescending(t => t.Value).Take(count)
            .Select(t => $"{t.Label} {G(t.Value, 3)} ({t.Value / total * 100:F0}%)"));

    static void Print(CoolingResult r, Conductivities kappa, Estimates estimate, Console console)
    {
        var i = r.Inputs; var p = r.Pump; var e = r.Escape;
        var ansi = Terminal.For(console.Out, console.Interactive);
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("quantity").AddColumn(new TableColumn("value").RightAligned()).AddColumn("unit");
        void Row(string q, string v, string u = "") => table.AddRow(Markup.Escape(q), Markup.Escape(v), Markup.Escape(u));
        void Section(string title) => table.AddRow($"[bold]{Markup.Escape(title)}[/]", "", "");

        Section("inputs");
        Row("material", i.Material.Name);
        Row("diameter", G(i.DiameterM * 1e9), "nm");
        Row("host index", G(i.HostIndex));
        Row("pump wavelength", G(i.PumpWavelengthM * 1e9), "nm");
        Row("pump intensity", G(i.IntensityWPerM2 / 1e4), "W/cm^2");
        Row("eta_int (bulk internal quantum efficiency)", G(i.InternalQuantumEfficiency));
        Row("emission spectrum", i.Emission.Description);
        Row("sub-gap absorption model", p.AbsorptionModel);
        Row("background absorption alpha_b", G(i.BackgroundAbsorptionPerM / 100), "1/cm");
        Section("pump absorption");
        Row("index at pump (n + i(k_r + k_b))", $"{G(p.IndexUsed.Real, 5)} + {G(p.IndexUsed.Imaginary, 4)}i");
        Row("k_r (model) / k tabulated", $"{G(p.ResonantK, 4)} / {G(p.TabulatedIndex.Imaginary, 4)}");
        Row("Qabs at pump", G(p.Qabs));
        Row("Cabs at pump", G(p.CabsM2 * 1e18), "nm^2");
        Row("largest Qabs terms", Shares(p.Multipoles, p.Qabs, 3));
        Row("eta_abs = alpha_r/(alpha_r + alpha_b)", G(p.AbsorptionEfficiency));
        Section("emission escape (Purcell)");
        Row("F averaged over emission, rel. bulk", G(e.FBulkAverage));
        Row("F averaged over emission, rel. host", G(e.FHostAverage));
        if (e.AtPeak is { } peak)
            Row($"largest F terms at {G(e.PeakWavelengthM * 1e9)} nm (rel. host)", Shares(peak.Orders, peak.FAverage, 3));
        Row("p_e (emitted photons that escape)", G(e.Recycling.Escape, 4));
        Row("p_r (re-absorbed; of it in the background, heat)",
            $"{G(e.Recycling.Reabsorption, 4)} ({G(e.Recycling.BackgroundReabsorption, 3)})");
        Row("eta_ext (with photon recycling)", G(r.ExternalQuantumEfficiency, 6));
        Row("lambda_f (mean escaping photon energy)", G(r.EscapeWavelengthM * 1e9, 5), "nm");
        Section("result");
        Row("eta_c = eta_ext eta_abs lambda_p/lambda_f - 1", G(r.CoolingEfficiency, 5));
        Row("P_abs = Cabs I", G(r.AbsorbedPowerW), "W");
        Row("P_heat = -eta_c P_abs (negative cools)", G(r.HeatPowerW), "W");
        Row("eta_c = 0 at (lowest temperature cooling can reach)",
            estimate.ZeroCoolingK is double t0 ? G(t0, 5) : "none down to 20 K", "K");
        Row($"dT, sphere in host (kappa {G(kappa.Host, 3)} W/(m K))", G(estimate.HomogeneousK), "K");
        Row($"dT, half-embedded air/glass (kappa {G(0.5 * (kappa.Air + kappa.Glass), 3)} W/(m K))", G(estimate.HalfEmbeddedK), "K");
        ansi.Write(table);
        console.Out.WriteLine(r.CoolingEfficiency > 0
            ? $"cools: eta_c = {G(r.CoolingEfficiency, 4)}, {G(-r.HeatPowerW)} W removed; "
              + "temperatures are linear analytic estimates, not the FEM"
            : $"heats: eta_c = {G(r.CoolingEfficiency, 4)}, {G(r.HeatPowerW)} W deposited; "
              + "temperatures are linear analytic estimates, not the FEM");
    }
}

/// <summary>Spectre.Console writing to one of our writers (no colours when not interactive).</summary>
static class Terminal
{
    public static IAnsiConsole For(TextWriter writer, bool interactive)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!interactive) console.Profile.Width = 140; // files and CI logs: do not wrap at 80 columns
        return console;
    }
}
