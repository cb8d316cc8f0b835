using System.Globalization;
using System.Numerics;
using System.Text.Json;
using MieCool.Core;
using MieCool.Optics;
using MieCool.Optics.Materials;

namespace MieCool.Cli;

/// <summary>`miecool materials`: the shipped refractiveindex.info pages, or one material in detail.</summary>
public sealed class MaterialsCommand : ICommand
{
    public string Name => "materials";
    public string Summary => "list the material database (wavelength range, reference), or show one material";
    public string Usage => """
        usage: miecool materials [MATERIAL] [--at WAVELENGTHS] [--json]

          (no MATERIAL)       list the shipped refractiveindex.info pages: database path, valid wavelength range (nm),
                              how n and k are given, and a short reference
          MATERIAL            show one material: a database path (other/perovskite/CH3NH3PbI3/nk/Phillips), a short form
                              that matches one page (CH3NH3PbI3/Phillips, MAPbI3/Phillips, SiO2, N-BK7), a page file
                              (my/film.yml) or a constant index (2.5+0.01i)
          --at WAVELENGTHS    with MATERIAL: print m = n + ik at a wavelength or a sweep, e.g. 980nm or 500:1100:100nm
          --json              machine-readable output

        The data folder is $MIECOOL_DATA if set, else data/materials next to the program.
        Index convention: m = n + ik, k >= 0 absorbs (time factor exp(-i w t)).
        """;

    public int Run(Args args, Console console)
    {
        var spec = args.Positional(0);
        var at = args.Get("at");
        bool json = args.Flag("json");
        args.EnsureAllUsed();
        if (spec is null)
        {
            if (at is not null) throw new InputException("--at", "needs a MATERIAL", valid: "miecool materials MATERIAL --at 980nm");
            return List(console, json);
        }
        var material = MaterialLibrary.Resolve(spec, "MATERIAL");
        double[] wavelengths = at is null ? [] : SweepRange.Parse(at, Dimension.Length, "--at").Values();
        var index = new Complex[wavelengths.Length];
        try { material.At(wavelengths, index); }
        catch (InputException e) { throw e.At("--at"); }
        return Show(console, material, wavelengths, index, json);
    }

    static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // "2.5+0.1i", not "2.5\u002B0.1i"
    };

    static string Nm(double metres) => (metres * 1e9).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>One material for --json; MaxWavelengthNm is null for a constant index (no upper limit).</summary>
    sealed record Entry(string Name, double MinWavelengthNm, double? MaxWavelengthNm, string Data, string Reference,
        string References, string Comments, IReadOnlyDictionary<string, string> Conditions);

    static Entry ToEntry(Material m) => new(m.Name, Math.Round(m.MinWavelength * 1e9, 4), Math.Round(m.MaxWavelength * 1e9, 4),
        m.Kind, m.ShortReference, m.References, m.Comments, m.Conditions);

    static int List(Console console, bool json)
    {
        var db = MaterialLibrary.Database;
        var all = db.All().ToList();
        if (json)
        {
            console.Out.WriteLine(JsonSerializer.Serialize(all.Select(ToEntry), Json));
            return Program.Ok;
        }
        int w = Math.Max("material".Length, all.Max(m => m.Name.Length));
        int r = all.Max(m => m.RangeNm.Length);
        int k = all.Max(m => m.Kind.Length);
        console.Out.WriteLine($"{"material".PadRight(w)}  {"range".PadRight(r)}  {"data".PadRight(k)}  reference");
        foreach (var m in all)
            console.Out.WriteLine($"{m.Name.PadRight(w)}  {m.RangeNm.PadRight(r)}  {m.Kind.PadRight(k)}  {m.ShortReference}");
        console.Out.WriteLine();
        console.Out.WriteLine($"{all.Count} pages in {db.Root} (refractiveindex.info database, CC0). " +
                              "Use a path, a short form such as CH3NH3PbI3/Phillips, a .yml file or a constant such as 2.5+0.01i.");
        return Program.Ok;
    }

    static int Show(Console console, IRefractiveIndex material, double[] wavelengths, Complex[] index, bool json)
    {
        var m = material as Material;
        if (json)
        {
            var entry = m is null
                ? new Entry(material.Name, 0, null, "constant index", "", "", "", new Dictionary<string, string>())
                : ToEntry(m);
            var doc = new
            {
                material = entry,
                index = wavelengths.Select((l, i) => new { wavelength_nm = Math.Round(l * 1e9, 6), n = index[i].Real, k = index[i].Imaginary }),
            };
            console.Out.WriteLine(JsonSerializer.Serialize(doc, Json));
            return Program.Ok;
        }
        console.Out.WriteLine($"material    {material.Name}");
        if (m is null) console.Out.WriteLine("data        constant index, every wavelength");
        else
        {
            console.Out.WriteLine($"file        {m.Source}");
            console.Out.WriteLine($"range       {m.RangeNm}");
            console.Out.WriteLine($"data        {m.Kind} (monotone cubic interpolation between tabulated points)");
            foreach (var (key, value) in m.Conditions) console.Out.WriteLine($"condition   {key}: {value}");
            console.Out.WriteLine("references  " + m.References.Replace("\n", "\n            "));
            if (m.Comments.Length > 0) console.Out.WriteLine("comments    " + m.Comments.Replace("\n", "\n            "));
        }
        if (wavelengths.Length > 0)
        {
            console.Out.WriteLine();
            console.Out.WriteLine("wavelength_nm,n,k");
            for (int i = 0; i < wavelengths.Length; i++)
                console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{wavelengths[i] * 1e9:0.###},{index[i].Real:0.######},{index[i].Imaginary:0.######E+0}"));
        }
        return Program.Ok;
    }
}
