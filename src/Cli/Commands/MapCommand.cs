using MieCool.Cli.Output;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using MieCool.Core;
using MieCool.Optics.Cooling;
using ScottPlot;
using Spectre.Console;

namespace MieCool.Cli;

/// <summary>`miecool map`: the cooling model over diameters x pump wavelengths, CSV and heat maps.</summary>
public sealed class MapCommand : ICommand
{
    static readonly SweepOption Diameters = new("diameters", Dimension.Length, "nm", "sphere diameters (the map's rows)")
        { Required = true, Range = Interval.Positive(100e-6), MaxPoints = MaxAxisPoints, Example = "300:800:2nm",
          CaseKeys = ["particle.diameter"] };
    static readonly SweepOption PumpWavelengths = new("pump-wavelengths", Dimension.Length, "nm",
        $"pump vacuum wavelengths (the map's columns; diameters x pump wavelengths at most {MaxMapPoints} points)")
        { Aliases = ["pumps"], Required = true, Range = Interval.Positive(100e-6), MaxPoints = MaxAxisPoints, Example = "850:1100:2nm",
          CaseKeys = ["optics.pump_wavelength"] };
    static readonly SweepOption Temperatures = new("temperatures", Dimension.Temperature, "K",
        "particle temperatures: also map eta_c(pump wavelength, temperature) of the first diameter (the band tail and the "
        + "emission move with T; see the temperature options)")
        { Range = Interval.Positive(5000), MaxPoints = MaxAxisPoints, Example = "160:330:5K" };
    static readonly TextOption Out = new("out", "DIR",
        $"output folder for {CsvName}, eta_c.png and cooling_power.png (written all or nothing; an earlier result " +
        "folder there is replaced as a whole)")
        { Required = true, Accepts = "a folder path (not a file)" };

    /// <inheritdoc/>
    public string Name => Syntax.Command;
    /// <inheritdoc/>
    public string Summary => "cooling efficiency and cooling power over diameter x pump wavelength: CSV and heat-map PNGs";
    /// <inheritdoc/>
    public CommandSyntax Syntax { get; } = new("map", $"""
        The cooling model of `miecool cooling` at every diameter x pump wavelength. Writes into DIR:
          {CsvName}   a # line with the inputs, then one row per diameter and pump wavelength:
                            diameter_nm,pump_nm,Qabs,Cabs_nm2,eta_abs,F_bulk,eta_ext,lambda_f_nm,eta_c,P_abs_W,cooling_power_W
                            (cooling power = -P_heat, positive cools)
          eta_c.png         heat map of the cooling efficiency eta_c, pump wavelength across, diameter up
          cooling_power.png heat map of the cooling power in uW
          with --temperatures: eta_c_temperature.csv (pump_nm,temperature_K,eta_c at the first diameter) and
          eta_c_temperature.png (pump wavelength across, particle temperature up)
          eta_c.svg, cooling_power.svg, eta_c_temperature.svg  the same figures as vector graphics (the PNGs at --dpi)
        Colour maps: cool-warm centred on zero when the values
        take both signs (heating and cooling), else viridis. The optimum (largest eta_c, largest cooling power) is marked on
        the maps and printed; an optimum at the edge of the scanned diameters or pump wavelengths gets a warning (standard
        error and the map's title): the true optimum may lie beyond the range.
        """)
    {
        Options = [CommonOptions.Material, Diameters, PumpWavelengths, CommonOptions.HostIndex, .. CoolingOptions.Model, Temperatures, Out,
                   Figure.Dpi],
        Examples =
        [
            "miecool map --material other/perovskite/CH3NH3PbI3/nk/Phillips --diameters 300:800:2nm " +
            "--pump-wavelengths 850:1100:2nm " +
            "--intensity 7e6W/cm2 --internal-quantum-efficiency 0.99 --emission gaussian:775nm:40nm --out map-mapbi3",
        ],
    };

    /// <summary>
    /// Evaluates the cooling model at every diameter x pump wavelength (every pump inside the material's data), writes
    /// DIR/cooling_map.csv, eta_c.png and cooling_power.png (cooling power in uW) all or nothing, and prints the time
    /// taken, both optima (largest eta_c, largest cooling power) and the files written.
    /// </summary>
    public int Run(Args args, Console console)
    {
        var diameters = args.Get(Diameters).Values();
        var pumps = args.Get(PumpWavelengths).Values();
        CheckMapSize(args, Diameters, diameters.Length, pumps.Length);
        if (args.TryGet(Temperatures, out var ts)) CheckMapSize(args, Temperatures, ts.Count, pumps.Length);
        var inputs = CoolingOptions.Read(args, diameters[0], pumps[0]);
        foreach (var p in pumps) CoolingInputs.CheckWavelength(inputs.Material, p, null, args.Spelled(PumpWavelengths));
        CommonOptions.CheckSizeParameter(MieCool.Optics.Convention.SizeParameter(diameters[^1] / 2, pumps[0], inputs.HostIndex),
            args.Spelled(Diameters), "the largest diameter at the shortest pump wavelength", args.Text(Diameters));
        var outDir = args.Get(Out);
        using var target = OutputFolder.Claim(outDir, args.Spelled(Out));

        var clock = Stopwatch.StartNew();
        var map = CoolingOptions.Check(() => RunWithProgress(console, inputs, diameters, pumps),
                                       ("diameters", Diameters), ("pump_wavelengths", PumpWavelengths));
        clock.Stop();

        double[]? temperatures = args.TryGet(Temperatures, out var t) ? t.Values() : null;
        double[,]? etaT = temperatures is null ? null : CoolingOptions.Check(
            () => CoolingModel.EfficiencyMap(inputs with { DiameterM = diameters[0] }, pumps, temperatures),
            ("temperatures", Temperatures), ("pump_wavelengths", PumpWavelengths));
        Write(target, map, inputs, temperatures, etaT, args.Get(Figure.Dpi));
        var be = map.BestEfficiency; var bp = map.BestPower;
        foreach (var w in EdgeWarnings("largest eta_c", be, map).Concat(EdgeWarnings("largest cooling power", bp, map)))
            console.Err.WriteLine($"warning: {w}");
        console.Out.WriteLine($"map: {diameters.Length} diameters x {pumps.Length} pump wavelengths in " +
                              $"{clock.Elapsed.TotalSeconds:F2} s; absorption model: {map.AbsorptionModel}");
        console.Out.WriteLine(Optimum("largest eta_c", be, map, inputs));
        console.Out.WriteLine(Optimum("largest cooling power", bp, map, inputs));
        console.Out.WriteLine($"wrote {Path.Combine(outDir, CsvName)}, {Path.Combine(outDir, "eta_c.png")}, " +
                              $"{Path.Combine(outDir, "cooling_power.png")}" +
                              (temperatures is null ? "" : ", eta_c_temperature.csv, eta_c_temperature.png") + " (each PNG with an SVG)");
        return Program.Ok;
    }

    const string CsvName = "cooling_map.csv";
    /// <summary>The most values of one axis, and the most points of a map (each point is one Mie solution, ~1 ms).</summary>
    const int MaxAxisPoints = 10_000, MaxMapPoints = 1_000_000;

    /// <summary>Refuses a map of more than <see cref="MaxMapPoints"/> points (rows x columns), naming both options.</summary>
    static void CheckMapSize(Args args, Option rows, int nRows, int nColumns)
    {
        if ((long)nRows * nColumns > MaxMapPoints)
            throw new InputException(args.Spelled(PumpWavelengths),
                $"the map would have {nRows} x {nColumns} = {(long)nRows * nColumns} points ({args.Spelled(rows)} x " +
                $"{args.Spelled(PumpWavelengths)})", valid: $"at most {MaxMapPoints} points; use coarser steps");
    }

    static string Optimum(string what, MapPoint p, CoolingMapResult map, CoolingInputs inputs)
    {
        int i = p.DiameterIndex, j = p.PumpIndex;
        return $"{what}: diameter {p.DiameterM * 1e9:F1} nm, pump {p.PumpWavelengthM * 1e9:F1} nm: " +
               $"eta_c = {map.CoolingEfficiency[i, j]:G4}, " +
               $"cooling power {map.CoolingPowerW[i, j]:G4} W, Qabs = {map.Qabs[i, j]:G4}, F_bulk = {map.FBulkAverage[i]:G4}, " +
               $"lambda_f = {map.EscapeWavelengthM[i] * 1e9:F1} nm";
    }

    static CoolingMapResult RunWithProgress(Console console, CoolingInputs inputs, double[] diameters, double[] pumps)
    {
        int total = diameters.Length;
        if (console.Interactive)
        {
            CoolingMapResult? result = null;
            var ansi = Terminal.For(console.Err, true);
            ansi.Progress().AutoClear(true).Start(ctx =>
            {
                var task = ctx.AddTask($"map {diameters.Length} x {pumps.Length}", maxValue: total);
                result = CoolingMap.Compute(inputs, diameters, pumps, new SyncProgress(done => task.Value = done));
                task.Value = total;
            });
            return result!;
        }
        int step = Math.Max(1, total / 10), last = 0;
        var gate = new object();
        return CoolingMap.Compute(inputs, diameters, pumps, new SyncProgress(done =>
        {
            lock (gate)
            {
                if (done - last < step && done != total) return;
                last = done;
                console.Err.WriteLine($"map: {done}/{total} diameters");
            }
        }));
    }

    /// <summary>An IProgress that calls back on the reporting thread (Progress&lt;T&gt; would post to a context).</summary>
    sealed class SyncProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }

    /// <summary>
    /// The warnings for an optimum (<paramref name="what"/>) at the edge of the scanned diameters or pump wavelengths (an axis
    /// of at least two values): the true optimum may lie beyond the range.
    /// </summary>
    static List<string> EdgeWarnings(string what, MapPoint best, CoolingMapResult map) =>
        new[]
        {
            Figure.EdgeWarning($"diameters ({what})", best.DiameterM * 1e9, map.DiametersM[0] * 1e9, map.DiametersM[^1] * 1e9, "nm"),
            Figure.EdgeWarning($"pump wavelengths ({what})", best.PumpWavelengthM * 1e9, map.PumpWavelengthsM[0] * 1e9,
                               map.PumpWavelengthsM[^1] * 1e9, "nm"),
        }.OfType<string>().ToList();

    /// <summary>Writes the CSV and both heat maps into DIR, all or nothing (<see cref="OutputFolder"/>).</summary>
    static void Write(OutputClaim target, CoolingMapResult map, CoolingInputs inputs, double[]? temperatures, double[,]? etaT,
                      int dpi) =>
        target.Write(temp =>
        {
            FiniteOutput.WriteAllText(Path.Combine(temp, CsvName), Csv(map, inputs));
            if (temperatures is not null && etaT is not null)
            {
                FiniteOutput.WriteAllText(Path.Combine(temp, "eta_c_temperature.csv"), TemperatureCsv(map, inputs, temperatures, etaT));
                TemperatureMap(Path.Combine(temp, "eta_c_temperature.png"), map, inputs, temperatures, etaT, dpi);
            }
            HeatMap(map, map.CoolingEfficiency, 1, "cooling efficiency eta_c", "eta_c (> 0 cools)",
                    Path.Combine(temp, "eta_c.png"), map.BestEfficiency, inputs, EdgeWarnings("largest eta_c", map.BestEfficiency, map),
                    dpi);
            HeatMap(map, map.CoolingPowerW, 1e6, "cooling power -P_heat (positive cools)",
                    "cooling power (uW) = cooling_power_W x 1e6", Path.Combine(temp, "cooling_power.png"), map.BestPower, inputs,
                    EdgeWarnings("largest cooling power", map.BestPower, map), dpi);
            return 0;
        });

    static string Csv(CoolingMapResult map, CoolingInputs inputs)
    {
        var sb = new StringBuilder();
        var ci = CultureInfo.InvariantCulture;
        sb.AppendLine($"# miecool map: material {inputs.Material.Name}; host index {inputs.HostIndex.ToString(ci)}; intensity " +
                      $"{(inputs.IntensityWPerM2 / 1e4).ToString("G6", ci)} W/cm^2; " +
                      $"eta_int {inputs.InternalQuantumEfficiency.ToString(ci)}; " +
                      $"emission {inputs.Emission.Description}; absorption {map.AbsorptionModel}; background absorption " +
                      $"{(inputs.BackgroundAbsorptionPerM / 100).ToString("G6", ci)} 1/cm");
        sb.AppendLine("diameter_nm,pump_nm,Qabs,Cabs_nm2,eta_abs,F_bulk,eta_ext,lambda_f_nm,eta_c,P_abs_W,cooling_power_W");
        for (int i = 0; i < map.DiametersM.Length; i++)
        {
            double r = map.DiametersM[i] / 2, area = Math.PI * r * r;
            for (int j = 0; j < map.PumpWavelengthsM.Length; j++)
            {
                double cabs = map.Qabs[i, j] * area;
                sb.Append((map.DiametersM[i] * 1e9).ToString("G12", ci)).Append(',')
                  .Append((map.PumpWavelengthsM[j] * 1e9).ToString("G12", ci)).Append(',')
                  .Append(map.Qabs[i, j].ToString("R", ci)).Append(',')
                  .Append((cabs * 1e18).ToString("R", ci)).Append(',')
                  .Append(map.AbsorptionEfficiency[j].ToString("R", ci)).Append(',')
                  .Append(map.FBulkAverage[i].ToString("R", ci)).Append(',')
                  .Append(map.ExternalQuantumEfficiency[i].ToString("R", ci)).Append(',')
                  .Append((map.EscapeWavelengthM[i] * 1e9).ToString("R", ci)).Append(',')
                  .Append(map.CoolingEfficiency[i, j].ToString("R", ci)).Append(',')
                  .Append((cabs * inputs.IntensityWPerM2).ToString("R", ci)).Append(',')
                  .Append(map.CoolingPowerW[i, j].ToString("R", ci)).AppendLine();
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// Heat map (PNG at <paramref name="dpi"/> and SVG) with pump wavelength (nm) on x, diameter (nm) on y, the colour map by
    /// the viewer's rule (<see cref="Figure.ScaleOf"/>: cool-warm centred on zero when the values take both signs, as eta_c
    /// does across its cooling edge, else viridis), a colour bar, the optimum marked and an edge warning under the title.
    /// </summary>
    static void HeatMap(CoolingMapResult map, double[,] values, double scale, string title, string barLabel, string path,
                        MapPoint best, CoolingInputs inputs, List<string> warnings, int dpi)
    {
        int nd = map.DiametersM.Length, np = map.PumpWavelengthsM.Length;
        // ScottPlot draws row 0 at the top: put the largest diameter first
        var data = new double[nd, np];
        for (int i = 0; i < nd; i++)
            for (int j = 0; j < np; j++)
                data[nd - 1 - i, j] = values[i, j] * scale;
        double d0 = map.DiametersM[0] * 1e9, d1 = map.DiametersM[^1] * 1e9;
        double p0 = map.PumpWavelengthsM[0] * 1e9, p1 = map.PumpWavelengthsM[^1] * 1e9;
        double dd = nd > 1 ? (d1 - d0) / (nd - 1) : 1, dp = np > 1 ? (p1 - p0) / (np - 1) : 1;

        using var plot = new Plot(); // disposed here: Skia objects must not be freed later by the finalizer thread
        var hm = plot.Add.Heatmap(data);
        var (cmap, lo, hi) = Figure.ScaleOf(data.Cast<double>());
        hm.Colormap = cmap;
        hm.ManualRange = new ScottPlot.Range(lo, hi);
        hm.Rectangle = new CoordinateRect(p0 - dp / 2, p1 + dp / 2, d0 - dd / 2, d1 + dd / 2);
        var bar = plot.Add.ColorBar(hm);
        bar.Label = barLabel;
        var marker = plot.Add.Marker(best.PumpWavelengthM * 1e9, best.DiameterM * 1e9, MarkerShape.OpenCircle, 16, Colors.White);
        marker.LineWidth = 2.5f;
        var text = plot.Add.Text(
            $"{best.DiameterM * 1e9:F0} nm, {best.PumpWavelengthM * 1e9:F0} nm: {CoolingCommand.G(best.Value * scale, 3)}",
            best.PumpWavelengthM * 1e9, best.DiameterM * 1e9);
        text.LabelFontColor = Colors.White;
        text.LabelFontSize = 13;
        bool rightHalf = best.PumpWavelengthM * 1e9 > 0.5 * (p0 + p1), upperHalf = best.DiameterM * 1e9 > 0.5 * (d0 + d1);
        text.LabelAlignment = (rightHalf, upperHalf) switch
        {
            (true, true) => Alignment.UpperRight, (true, false) => Alignment.LowerRight,
            (false, true) => Alignment.UpperLeft, _ => Alignment.LowerLeft,
        };
        text.OffsetX = rightHalf ? -12 : 12; text.OffsetY = upperHalf ? 12 : -12; // pixels, y down
        plot.Title($"{title}\n{inputs.Material.Name}, {CoolingCommand.G(inputs.IntensityWPerM2 / 1e4, 3)} W/cm^2, " +
                   $"eta_int {inputs.InternalQuantumEfficiency:G4}" +
                   (warnings.Count > 0 ? "\nwarning: the optimum is at the edge of the scanned range" : ""));
        plot.XLabel("pump wavelength (nm)");
        plot.YLabel("diameter (nm)");
        plot.Axes.SetLimits(p0 - dp / 2, p1 + dp / 2, d0 - dd / 2, d1 + dd / 2);
        Figure.Save(plot, path, 1000, 700, dpi);
    }

    /// <summary>eta_c_temperature.csv: a # line with the inputs, then pump_nm,temperature_K,eta_c at the first diameter.</summary>
    static string TemperatureCsv(CoolingMapResult map, CoolingInputs inputs, double[] temperatures, double[,] etaT)
    {
        var sb = new StringBuilder();
        var ci = CultureInfo.InvariantCulture;
        sb.AppendLine(string.Create(ci, $"# miecool map: eta_c(pump, T) of {inputs.Material.Name}, ")
                      + string.Create(ci, $"diameter {map.DiametersM[0] * 1e9:G6} nm, absorption {map.AbsorptionModel}"));
        sb.AppendLine("pump_nm,temperature_K,eta_c");
        for (int j = 0; j < map.PumpWavelengthsM.Length; j++)
            for (int k = 0; k < temperatures.Length; k++)
                sb.AppendLine(string.Create(ci, $"{map.PumpWavelengthsM[j] * 1e9:G8},{temperatures[k]:G8},{etaT[j, k]:G8}"));
        return sb.ToString();
    }

    /// <summary>eta_c_temperature.png: eta_c over pump wavelength (across) and particle temperature (up), zero contour marked.</summary>
    static void TemperatureMap(string path, CoolingMapResult map, CoolingInputs inputs, double[] temperatures, double[,] etaT,
                               int dpi)
    {
        int np = map.PumpWavelengthsM.Length, nt = temperatures.Length;
        var data = new double[nt, np]; // ScottPlot draws row 0 at the top: the highest temperature first
        for (int k = 0; k < nt; k++)
            for (int j = 0; j < np; j++)
                data[nt - 1 - k, j] = etaT[j, k];
        double p0 = map.PumpWavelengthsM[0] * 1e9, p1 = map.PumpWavelengthsM[^1] * 1e9, t0 = temperatures[0], t1 = temperatures[^1];
        double dp = np > 1 ? (p1 - p0) / (np - 1) : 1, dt = nt > 1 ? (t1 - t0) / (nt - 1) : 1;
        using var plot = new Plot(); // disposed here: Skia objects must not be freed later by the finalizer thread
        var hm = plot.Add.Heatmap(data);
        var (cmap, lo, hi) = Figure.ScaleOf(data.Cast<double>());
        hm.Colormap = cmap;
        hm.ManualRange = new ScottPlot.Range(lo, hi);
        hm.Rectangle = new CoordinateRect(p0 - dp / 2, p1 + dp / 2, t0 - dt / 2, t1 + dt / 2);
        plot.Add.ColorBar(hm).Label = "eta_c (> 0 cools)";
        plot.Title("cooling efficiency eta_c(pump, T)\n" +
                   $"{inputs.Material.Name}, D = {CoolingCommand.G(map.DiametersM[0] * 1e9, 4)} nm, " +
                   $"{CoolingCommand.G(inputs.IntensityWPerM2 / 1e4, 3)} W/cm^2");
        plot.XLabel("pump wavelength (nm)");
        plot.YLabel("particle temperature (K)");
        plot.Axes.SetLimits(p0 - dp / 2, p1 + dp / 2, t0 - dt / 2, t1 + dt / 2);
        Figure.Save(plot, path, 1000, 700, dpi);
    }
}
