using System.Globalization;
using System.Numerics;
using MieCool.Core;
using MieCool.Optics;
using MieCool.Optics.Materials;

namespace MieCool.Cli;

/// <summary>`miecool materials`: the shipped refractiveindex.info pages, or one material in detail.</summary>
public sealed class MaterialsCommand : ICommand
{
    static readonly Positional MaterialArgument = new("MATERIAL",
        "one material: a database path (other/perovskite/CH3NH3PbI3/nk/Phillips), a short form that matches one page " +
        "(CH3NH3PbI3/Phillips, MAPbI3/Phillips, SiO2, N-BK7), a page file (my/film.yml) or a constant index (2.5+0.01i); " +
        "without it, the shipped pages are listed: database path, valid wavelength range (nm), how n and k are given, " +
        "and a short reference") { Required = false };
    static readonly SweepOption At = new("at", Dimension.Length, "nm",
        "with MATERIAL: print m = n + ik at a wavelength or over a sweep (CSV lines wavelength_nm,n,k)")
        { ValueName = "WAVELENGTHS", Range = Interval.Positive(), Example = "500:1100:100nm" };
    static readonly SwitchOption PrintJson = new("json",
        "print JSON instead: the list as [{name, min_wavelength_nm, max_wavelength_nm, data, reference, references, comments, " +
        "conditions}], one material as {material: {...}, index: [{wavelength_nm, n, k}]}");

    /// <inheritdoc/>
    public string Name => Syntax.Command;
    /// <inheritdoc/>
    public string Summary => "list the material database (wavelength range, reference), or show one material";
    /// <inheritdoc/>
    public CommandSyntax Syntax { get; } = new("materials", """
        The refractiveindex.info pages shipped with MieCool, or one material in detail (file, range, data, conditions,
        references) and, with --at, its index. The data folder is $MIECOOL_DATA if set, else data/materials next to the
        program. Index convention: m = n + ik, k >= 0 absorbs (time factor exp(-i w t)).
        """)
    {
        Positionals = [MaterialArgument],
        Options = [At, PrintJson],
        Examples = ["miecool materials MAPbI3/Phillips --at 500:1100:100nm"],
    };

    /// <summary>
    /// Without MATERIAL, lists the shipped pages (database path, range in nm, data kind, short reference); with it, shows
    /// that material (file, range, data, conditions, references) and with --at the CSV lines wavelength_nm,n,k. --json
    /// prints the same as JSON. Writes no files.
    /// </summary>
    public int Run(Args args, Console console)
    {
        var spec = args.Find(MaterialArgument);
        var at = args.Find(At);
        bool json = args.Get(PrintJson);
        if (spec is null)
        {
            if (at is not null)
                throw new InputException(args.Spelled(At), "needs a MATERIAL", valid: "miecool materials MATERIAL --at 980nm");
            return List(console, json);
        }
        var material = MaterialLibrary.Resolve(spec, "MATERIAL");
        double[] wavelengths = at is null ? [] : at.Values();
        var index = new Complex[wavelengths.Length];
        try { material.At(wavelengths, index); }
        catch (InputException e) when (e.Line is null) { throw e.At(args.Spelled(At)); } // a page's own error keeps its file and line
        return Show(console, material, wavelengths, index, json);
    }

    static string Nm(double metres) => (metres * 1e9).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>One material for --json (snake_case keys); max_wavelength_nm is null for a constant index (no upper limit).</summary>
    static Dictionary<string, object?> Entry(string name, double minNm, double? maxNm, string data, string reference,
        string references, string comments, IReadOnlyDictionary<string, string> conditions) => new()
    {
        ["name"] = name, ["min_wavelength_nm"] = minNm, ["max_wavelength_nm"] = maxNm, ["data"] = data, ["reference"] = reference,
        ["references"] = references, ["comments"] = comments,
        ["conditions"] = conditions.ToDictionary(c => c.Key, c => (object?)c.Value),
    };

    static Dictionary<string, object?> ToEntry(Material m) => Entry(m.Name, Math.Round(m.MinWavelength * 1e9, 4),
        Math.Round(m.MaxWavelength * 1e9, 4), m.Kind, m.ShortReference, m.References, m.Comments, m.Conditions);

    static int List(Console console, bool json)
    {
        var db = MaterialLibrary.Database;
        var all = db.All().ToList();
        if (json)
        {
            console.Out.WriteLine(CliJson.Serialize(all.Select(ToEntry).ToList()));
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
                ? Entry(material.Name, 0, null, "constant index", "", "", "", new Dictionary<string, string>())
                : ToEntry(m);
            var doc = new Dictionary<string, object?>
            {
                ["material"] = entry,
                ["index"] = wavelengths.Select((l, i) => new Dictionary<string, object?>
                {
                    ["wavelength_nm"] = Math.Round(l * 1e9, 6), ["n"] = index[i].Real, ["k"] = index[i].Imaginary,
                }).ToList(),
            };
            console.Out.WriteLine(CliJson.Serialize(doc));
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
