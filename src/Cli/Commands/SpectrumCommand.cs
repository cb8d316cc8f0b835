using MieCool.Cli.Output;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using MieCool.Core;
using MieCool.Optics;
using MieCool.Optics.Materials;
using MieCool.Optics.Mie;
using MieCool.Optics.Spectra;

namespace MieCool.Cli;

/// <summary>
/// `miecool spectrum`: the Mie extinction, scattering and absorption spectrum of a sphere, with multipoles and resonances.
/// </summary>
public sealed class SpectrumCommand : ICommand
{
    static readonly QuantityOption Diameter = new("diameter", Dimension.Length, "nm",
        "diameter of the sphere (of the core when there is a shell)")
        { Required = true, OneOf = "size", Range = Interval.Positive(100e-6), Example = "530nm", CaseKeys = ["particle.diameter"] };
    static readonly QuantityOption Radius = new("radius", Dimension.Length, "nm",
        "radius of the sphere (of the core when there is a shell)")
        { Required = true, OneOf = "size", Range = Interval.Positive(50e-6), Example = "265nm", CaseKeys = ["particle.radius"] };
    static readonly SweepOption Wavelengths = new("wavelengths", Dimension.Length, "nm", "vacuum wavelengths, inside the material data")
        { Required = true, Range = Interval.Positive(100e-6), MaxPoints = MaxPoints, Example = "500:1100:1nm" };
    static readonly CustomOption<IRefractiveIndex> ShellMaterial = new("shell-material", "SPEC",
        "a shell around the core (core-shell Mie, Yang 2003), as --material; needs --shell-thickness",
        CommonOptions.MaterialValid, CommonOptions.ResolveMaterial)
        { CaseKeys = ["particle.shell_material"] };
    static readonly QuantityOption ShellThickness = new("shell-thickness", Dimension.Length, "nm",
        "thickness of the shell; efficiencies are then relative to the outer cross section; needs --shell-material")
        { Range = Interval.Positive(50e-6), Example = "20nm", CaseKeys = ["particle.shell_thickness"] };
    static readonly TextOption Out = new("out", "DIR",
        "output folder for spectrum.csv, spectrum.png and spectrum.svg (created when missing; nothing is written if an input is bad; " +
        "an earlier result there is replaced as a whole)")
        { Required = true, Accepts = "a folder path (not a file)" };
    static readonly SwitchOption PrintJson = new("json",
        "print the inputs, the resonances and the two file paths as JSON (the echo of the inputs goes to standard error)");
    static readonly SwitchOption Quiet = new("quiet", "no echo of the inputs: print only the resonances and the files written");

    /// <inheritdoc/>
    public string Name => Syntax.Command;
    /// <inheritdoc/>
    public string Summary => "Mie spectrum of a sphere (Qext, Qsca, Qabs, multipoles): CSV, PNG and its resonances";
    /// <inheritdoc/>
    public CommandSyntax Syntax { get; } = new("spectrum", $"""
        The Mie spectrum of a homogeneous or core-shell sphere in a homogeneous host. Writes into DIR:
          spectrum.csv   one row per wavelength: wavelength_nm, x (= 2 pi n_host r_outer / lambda0), n, k of the particle,
                         Qext, Qsca, Qabs, Qback, the asymmetry parameter g, the cross sections Cext_nm2, Csca_nm2, Cabs_nm2,
                         and each multipole's Qext, Qsca, Qabs (ED, MD, EQ, MQ, EO, MO: electric/magnetic dipole,
                         quadrupole, octupole); with a shell also shell_n, shell_k
          spectrum.png   Qext, Qsca, Qabs and the multipole contributions to Qext against the wavelength, the resonances
                         marked (PNG at --dpi; spectrum.svg the same figure as vector graphics)
        Prints the effective inputs, then the resonances: local maxima of Qext and of Qabs with a prominence of at least
        {MinRelativeProminence * 100:0}% of the curve's range, each with the multipole that carries most of it.
        """)
    {
        Options =
        [
            CommonOptions.Material, Diameter, Radius, Wavelengths, CommonOptions.HostIndex, ShellMaterial, ShellThickness, Out, Figure.Dpi,
            PrintJson, Quiet,
        ],
        Examples =
        [
            "miecool spectrum --material other/perovskite/CH3NH3PbI3/nk/Phillips --diameter 530nm --host-index 1.0 " +
            "--wavelengths 500:1100:1nm --out out/mapbi3-530",
        ],
    };

    /// <summary>Fraction of a curve's range that a maximum must rise above its surroundings to count as a resonance.</summary>
    const double MinRelativeProminence = 0.02;
    const int MaxPoints = 1_000_000;

    /// <summary>
    /// Computes the Mie spectrum of the (core-shell) sphere over --wavelengths (inside the data of every material) and
    /// writes DIR/spectrum.csv and spectrum.png all or nothing; prints the effective inputs (unless --quiet), then the
    /// resonances of Qext and Qabs and the files written, or with --json the inputs, resonances and file paths.
    /// </summary>
    public int Run(Args args, Console console)
    {
        // ---- every input was read and checked by the parser; the cross-checks, before anything is computed or written
        var core = args.Get(CommonOptions.Material);
        double radius = args.TryGet(Diameter, out double diameter) ? diameter / 2 : args.Get(Radius);
        double host = args.Get(CommonOptions.HostIndex);
        var outDir = args.Get(Out);
        bool json = args.Get(PrintJson), quiet = args.Get(Quiet);
        IRefractiveIndex? shell = null;
        double shellThickness = 0;
        if (args.Has(ShellMaterial) || args.Has(ShellThickness))
        {
            if (!args.Has(ShellMaterial))
                throw new InputException(args.Spelled(ShellMaterial), "--shell-thickness needs a shell material",
                    valid: "e.g. --shell-material SiO2");
            if (!args.Has(ShellThickness))
                throw new InputException(args.Spelled(ShellThickness), "--shell-material needs a thickness",
                    valid: "a length > 0 such as 20nm");
            shell = args.Get(ShellMaterial);
            shellThickness = args.Get(ShellThickness);
        }
        var sweep = args.Get(Wavelengths);
        string wavelengthText = args.Text(Wavelengths)!;
        var wavelengths = sweep.Values();
        CheckRange(core, wavelengths, wavelengthText, "--material");
        if (shell is not null) CheckRange(shell, wavelengths, wavelengthText, "--shell-material");
        CommonOptions.CheckSizeParameter(Convention.SizeParameter(radius + shellThickness, wavelengths[0], host), args.Spelled(Wavelengths),
            "the outer radius at the shortest wavelength", wavelengthText);
        using var target = OutputFolder.Claim(outDir, args.Spelled(Out));
        var outPath = target.FullPath;

        var inputs = new SpectrumInputs(core, radius, host, shell, shellThickness, wavelengths);
        var echo = json ? console.Err : console.Out;
        if (!quiet) Echo(echo, inputs, sweep, outDir);

        // ---- compute
        var clock = Stopwatch.StartNew();
        var spectrum = ParticleSpectrum.Compute(inputs);
        var elapsed = clock.Elapsed;
        var resonances = spectrum.Resonances(MinRelativeProminence);
        console.Err.WriteLine($"computed {wavelengths.Length} wavelengths in {elapsed.TotalMilliseconds:F1} ms");

        // ---- write into a temporary folder next to DIR, then move into place
        target.Write(tmp =>
        {
            WriteCsv(Path.Combine(tmp, "spectrum.csv"), spectrum);
            SpectrumPlot.Save(Path.Combine(tmp, "spectrum.png"), spectrum, resonances, Title(inputs), dpi: args.Get(Figure.Dpi));
            return 0;
        });

        if (json) console.Out.WriteLine(Json(inputs, resonances, outPath));
        else PrintResonances(console.Out, resonances, outDir);
        return Program.Ok;
    }

    static void CheckRange(IRefractiveIndex m, double[] wavelengths, string text, string option)
    {
        // the same slack as Material's own range check (round-off of a sweep's end)
        double lo = wavelengths[0], hi = wavelengths[^1];
        if (lo < m.MinWavelength * (1 - 1e-9) || hi > m.MaxWavelength * (1 + 1e-9))
            throw new InputException("--wavelengths", $"outside the data of {option} {m.Name}", value: text,
                valid: $"wavelengths within {Nm(m.MinWavelength)}-{Nm(m.MaxWavelength)} nm");
    }

    static string Nm(double metres) => (metres * 1e9).ToString("0.##", CultureInfo.InvariantCulture);
    static string G(double v) => v.ToString(CultureInfo.InvariantCulture);

    static string Describe(IRefractiveIndex m) => m is Material mat
        ? $"{mat.Name} ({mat.ShortReference}; data {mat.RangeNm}, {mat.Kind})"
        : $"constant index m = {m.Name}";

    static string Title(SpectrumInputs s) =>
        $"{Short(s.Core)}, d = {Nm(2 * s.CoreRadius)} nm" +
        (s.Shell is null ? "" : $" + {Nm(s.ShellThickness)} nm {Short(s.Shell)} shell") +
        $", n_host = {G(s.HostIndex)}";

    static string Short(IRefractiveIndex m)
    {
        var parts = m.Name.Split('/');
        return parts.Length >= 4 ? $"{parts[^3]} ({parts[^1]})" : m.Name;
    }

    static void Echo(TextWriter w, SpectrumInputs s, SweepRange sweep, string outDir)
    {
        w.WriteLine("miecool spectrum: effective inputs");
        w.WriteLine($"  material         {Describe(s.Core)}");
        w.WriteLine($"  size             diameter {Nm(2 * s.CoreRadius)} nm (radius {Nm(s.CoreRadius)} nm)"
                    + (s.Shell is null ? "" : " of the core"));
        if (s.Shell is not null)
        {
            w.WriteLine($"  shell            {Describe(s.Shell)}");
            w.WriteLine($"  shell thickness  {Nm(s.ShellThickness)} nm (outer diameter {Nm(2 * s.OuterRadius)} nm)");
        }
        w.WriteLine($"  host index       {G(s.HostIndex)} (m_rel = m / n_host)");
        w.WriteLine($"  wavelengths      {Nm(sweep.Start)}-{Nm(s.Wavelengths[^1])} nm in vacuum, step {Nm(sweep.Step)} nm, "
                    + $"{s.Wavelengths.Length} points");
        w.WriteLine($"  output           {Path.Combine(outDir, "spectrum.csv")}, {Path.Combine(outDir, "spectrum.png")}");
        w.WriteLine("  convention       m = n + ik, k >= 0 absorbs, exp(-i w t); x = 2 pi n_host r_outer / lambda0; "
                    + "Q = C / (pi r_outer^2)");
    }

    static void PrintResonances(TextWriter w, List<Resonance> resonances, string outDir)
    {
        w.WriteLine();
        w.WriteLine($"resonances (local maxima with prominence >= {MinRelativeProminence * 100:0}% of the curve's range):");
        if (resonances.Count == 0) w.WriteLine("  none in this wavelength range");
        else
        {
            w.WriteLine("  peak of  wavelength_nm        Q  dominant multipole (its contribution to the peak)");
            foreach (var r in resonances)
                w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {r.Quantity,-7} {r.Wavelength * 1e9,14:0.0} {r.Q,8:0.000}  {r.Dominant} ({r.Share * 100:0}%)"));
        }
        w.WriteLine($"wrote {Path.Combine(outDir, "spectrum.csv")}, spectrum.png and spectrum.svg");
    }

    static string Json(SpectrumInputs s, List<Resonance> resonances, string outPath)
    {
        var doc = new Dictionary<string, object?>
        {
            ["material"] = s.Core.Name,
            ["diameter_nm"] = 2 * s.CoreRadius * 1e9,
            ["shell_material"] = s.Shell?.Name,
            ["shell_thickness_nm"] = s.Shell is null ? (double?)null : s.ShellThickness * 1e9,
            ["host_index"] = s.HostIndex,
            ["wavelength_min_nm"] = Math.Round(s.Wavelengths[0] * 1e9, 6),
            ["wavelength_max_nm"] = Math.Round(s.Wavelengths[^1] * 1e9, 6),
            ["points"] = s.Wavelengths.Length,
            ["resonances"] = resonances.Select(r => new Dictionary<string, object?>
            {
                ["quantity"] = r.Quantity, ["wavelength_nm"] = Math.Round(r.Wavelength * 1e9, 3), ["q"] = r.Q,
                ["dominant"] = r.Dominant, ["share"] = r.Share, ["prominence"] = r.Prominence,
            }).ToList(),
            ["csv"] = Path.Combine(outPath, "spectrum.csv"),
            ["png"] = Path.Combine(outPath, "spectrum.png"),
        };
        return CliJson.Serialize(doc);
    }

    /// <summary>
    /// The header line of spectrum.csv: wavelength_nm, x, n, k, Qext ... Cabs_nm2, then ED_Qext, ED_Qsca, ED_Qabs ... for
    /// each multipole, and shell_n, shell_k with a shell. Units in the names (nm, nm2); the Q are dimensionless.
    /// </summary>
    public static string CsvHeader(bool shell)
    {
        var sb = new StringBuilder("wavelength_nm,x,n,k,Qext,Qsca,Qabs,Qback,g,Cext_nm2,Csca_nm2,Cabs_nm2");
        foreach (var (_, _, label) in MultipoleNames.Low) sb.Append($",{label}_Qext,{label}_Qsca,{label}_Qabs");
        if (shell) sb.Append(",shell_n,shell_k");
        return sb.ToString();
    }

    static void WriteCsv(string path, SphereSpectrum spectrum)
    {
        bool shell = spectrum.Inputs.Shell is not null;
        using var w = new StreamWriter(path, false, new UTF8Encoding(false));
        w.NewLine = "\n";
        w.WriteLine(CsvHeader(shell));
        var sb = new StringBuilder();
        int line = 1;
        const double Nm2 = 1e18; // m^2 -> nm^2
        foreach (var p in spectrum.Points)
        {
            sb.Clear();
            var q = p.Efficiencies; var c = p.CrossSections;
            sb.AppendJoin(',', [(p.Wavelength * 1e9).ToString("0.######", CultureInfo.InvariantCulture), G(p.X),
                G(p.CoreIndex.Real), G(p.CoreIndex.Imaginary),
                G(q.Qext), G(q.Qsca), G(q.Qabs), G(q.Qback), G(q.G), G(c.Cext * Nm2), G(c.Csca * Nm2), G(c.Cabs * Nm2)]);
            foreach (var m in p.Multipoles) sb.Append(',').Append(G(m.Qext)).Append(',').Append(G(m.Qsca)).Append(',').Append(G(m.Qabs));
            if (shell) sb.Append(',').Append(G(p.ShellIndex.Real)).Append(',').Append(G(p.ShellIndex.Imaginary));
            var text = sb.ToString();
            FiniteOutput.CheckLine(text, "spectrum.csv", ++line);
            w.WriteLine(text);
        }
    }
}
