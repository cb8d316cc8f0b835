using System.Globalization;
using System.Numerics;
using System.Text.Json;
using MieCool.Core;
using MieCool.Optics;
using MieCool.Optics.Mie;

namespace MieCool.Cli;

/// <summary>`miecool mie`: Lorenz-Mie efficiencies, multipoles and coefficients of homogeneous or core-shell spheres.</summary>
public sealed class MieCommand : ICommand
{
    /// <summary>The most Mie terms one command line may ask for, over all --x (--json holds ~600 bytes per term).</summary>
    const int MaxTotalTerms = 500_000;
    // before X and CoreX: static fields are initialised in textual order
    static readonly string SizesValid =
        $"size parameters in (0, {Interval.Number(CommonOptions.MaxSizeParameter)}], comma-separated, at most " +
        $"{Interval.Number(MaxTotalTerms)} Mie terms (x + 4 x^(1/3) + 2 each) in all";
    static readonly CustomOption<double[]> X = new("x", "X[,X...]",
        "size parameter(s) x = 2 pi n_host r / lambda0 of the (outer) sphere, comma-separated",
        SizesValid + ", e.g. 0.5,3.0", (text, spelled) => ParseSizes(text, spelled)) { Required = true };
    static readonly CustomOption<Complex[]> M = new("m", "M[,M...]",
        "relative refractive index m = n_particle / n_host, n+ki with k >= 0 (m = n + ik, exp(-i w t)); one value for all x or one per x",
        IndexParser.Valid + "; one value or one per x", (text, spelled) => ParseIndices(text, spelled)) { Required = true };
    static readonly CustomOption<double[]> CoreX = new("core-x", "X[,X...]",
        "core size parameter(s) for a core-shell sphere (then --x and --m describe the shell); needs --core-m",
        "0 < core-x < x, one value or one per x", (text, spelled) => ParseSizes(text, spelled));
    static readonly CustomOption<Complex[]> CoreM = new("core-m", "M[,M...]", "core relative index, one value or one per x; needs --core-x",
        IndexParser.Valid + "; one value or one per x", (text, spelled) => ParseIndices(text, spelled));
    static readonly CountOption NMax = new("nmax", "number of multipole terms")
        { Min = 1, Max = 200_000, DefaultNote = "Wiscombe's x + 4 x^(1/3) + 2" };
    static readonly CustomOption<double[]> Angles = new("angles", "DEG[,DEG...]",
        "scattering angles in degrees at which to print the amplitudes S1, S2 (B&H eq. 4.74)",
        "angles in [0, 180] degrees, comma-separated", (text, _) => ParseAngles(text));
    static readonly SwitchOption Json = new("json",
        "print a JSON array, one object per x: x, m_re, m_im (core_x, core_m_re, core_m_im with a core), nmax, Qext, Qsca, Qabs, " +
        "Qback, g, Qpr, multipoles {ED, MD, EQ, MQ, EO, MO: {Qext, Qsca, Qabs}}, a and b as [[re, im], ...], with --angles " +
        "also \"amplitudes\": [{theta_deg, S1: [re, im], S2: [re, im]}, ...]");

    /// <inheritdoc/>
    public string Name => Syntax.Command;
    /// <inheritdoc/>
    public string Summary => "Mie efficiencies, multipoles (ED, MD, EQ, ...) and a_n, b_n of a sphere or core-shell sphere";
    /// <inheritdoc/>
    public CommandSyntax Syntax { get; } = new("mie", """
        Lorenz-Mie efficiencies of a homogeneous or core-shell sphere for each size parameter: a table of Qext, Qsca, Qabs,
        Qback, g and Qpr, the multipole efficiencies, and with --angles the scattering amplitudes. Efficiencies are cross
        sections over pi r^2 of the outer radius (Bohren & Huffman 1983 conventions). Writes no files.
        """)
    {
        Options = [X, M, CoreX, CoreM, NMax, Angles, Json],
        Examples = ["miecool mie --x 0.5,3.0,1e4 --m 2.6+0.01i --json"],
    };

    /// <summary>
    /// Solves the Lorenz-Mie problem for each --x (a core-shell sphere with --core-x and --core-m; one index broadcast to
    /// every x) and prints the efficiency table, the multipole efficiencies and with --angles the amplitudes S1, S2, or
    /// with --json one object per x including a_n and b_n. Writes no files.
    /// </summary>
    public int Run(Args args, Console console)
    {
        var xs = args.Get(X);
        var ms = Broadcast(args.Get(M), args.Spelled(M), xs.Length);
        double[]? coreX = null; Complex[]? coreM = null;
        if (args.Has(CoreX) || args.Has(CoreM))
        {
            if (!args.Has(CoreX))
                throw new InputException(args.Spelled(CoreM), "needs --core-x (the core size parameter)", valid: "--core-x X --core-m M");
            if (!args.Has(CoreM))
                throw new InputException(args.Spelled(CoreX), "needs --core-m (the core relative index)", valid: "--core-x X --core-m M");
            coreX = args.Get(CoreX);
            if (coreX.Length == 1 && xs.Length > 1) coreX = Enumerable.Repeat(coreX[0], xs.Length).ToArray();
            if (coreX.Length != xs.Length)
                throw new InputException(args.Spelled(CoreX), $"has {coreX.Length} values but --x has {xs.Length}",
                    valid: $"1 or {xs.Length} values");
            coreM = Broadcast(args.Get(CoreM), args.Spelled(CoreM), xs.Length);
            for (int i = 0; i < xs.Length; i++)
                if (!(coreX[i] < xs[i]))
                    throw new InputException(args.Spelled(CoreX),
                        $"core size parameter must be smaller than the shell's x = {Units.Invariant(xs[i])}",
                        value: Units.Invariant(coreX[i]), valid: "0 < core-x < x");
        }
        int? nmax = args.TryGet(NMax, out int n) ? n : null;
        double terms = xs.Sum(x => nmax ?? CommonOptions.MaxTerms(x));
        if (terms > MaxTotalTerms)
            throw new InputException(args.Spelled(nmax is null ? X : NMax),
                $"asks for {CommonOptions.About(terms)} Mie terms over {xs.Length} size parameters", valid: SizesValid);
        double[] angles = args.Find(Angles) ?? [];
        bool json = args.Get(Json);

        var results = new MieResult[xs.Length];
        for (int i = 0; i < xs.Length; i++)
            results[i] = coreX is null
                ? MieSolver.Sphere(xs[i], ms[i], nmax)
                : MieSolver.CoreShell(coreX[i], coreM![i], xs[i], ms[i], nmax);

        if (json) WriteJson(console.Out, xs, ms, coreX, coreM, results, angles);
        else WriteTable(console.Out, xs, ms, coreX, coreM, results, angles);
        return Program.Ok;
    }

    /// <summary>Splits on commas outside parentheses, so "(2.6,0.01)" stays one value.</summary>
    static List<string> SplitList(string text)
    {
        var parts = new List<string>(); int depth = 0, start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '(') depth++;
            else if (text[i] == ')') depth--;
            else if (text[i] == ',' && depth == 0) { parts.Add(text[start..i].Trim()); start = i + 1; }
        }
        parts.Add(text[start..].Trim());
        return parts;
    }

    static double[] ParseSizes(string text, string option) =>
        SplitList(text).Select(s =>
        {
            if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
                throw new InputException(option, "not a number", value: s, valid: "size parameters > 0, comma-separated");
            if (v <= 0) throw new InputException(option, "size parameter must be positive", value: s, valid: "x > 0");
            CommonOptions.CheckSizeParameter(v, option, "as given", s);
            return v;
        }).ToArray();

    static double[] ParseAngles(string text) =>
        SplitList(text).Select(s =>
        {
            if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v)
                || v < 0 || v > 180)
                throw new InputException("--angles", "not a scattering angle in degrees", value: s,
                    valid: "angles in [0, 180] degrees, comma-separated");
            return v;
        }).ToArray();

    static Complex[] ParseIndices(string text, string option) => SplitList(text).Select(s => IndexParser.Parse(s, option)).ToArray();

    /// <summary>One index for every x, or one per x.</summary>
    static Complex[] Broadcast(Complex[] items, string option, int count)
    {
        if (items.Length == 1) return Enumerable.Repeat(items[0], count).ToArray();
        if (items.Length != count)
            throw new InputException(option, $"has {items.Length} values but --x has {count}",
                value: string.Join(",", items.Select(IndexParser.Format)), valid: $"1 or {count} values");
        return items;
    }

    static void WriteJson(TextWriter output, double[] xs, Complex[] ms, double[]? coreX, Complex[]? coreM, MieResult[] results,
                          double[] angles)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartArray();
            for (int i = 0; i < results.Length; i++)
            {
                var r = results[i]; var q = r.Efficiencies;
                w.WriteStartObject();
                w.WriteNumber("x", xs[i]);
                w.WriteNumber("m_re", ms[i].Real);
                w.WriteNumber("m_im", ms[i].Imaginary);
                if (coreX is not null)
                {
                    w.WriteNumber("core_x", coreX[i]);
                    w.WriteNumber("core_m_re", coreM![i].Real);
                    w.WriteNumber("core_m_im", coreM[i].Imaginary);
                }
                w.WriteNumber("nmax", r.NMax);
                w.WriteNumber("Qext", q.Qext);
                w.WriteNumber("Qsca", q.Qsca);
                w.WriteNumber("Qabs", q.Qabs);
                w.WriteNumber("Qback", q.Qback);
                w.WriteNumber("g", q.G);
                w.WriteNumber("Qpr", q.Qpr);
                w.WriteStartObject("multipoles");
                foreach (var (n, type, label) in MultipoleNames.Low)
                {
                    var p = n <= r.NMax ? r.Multipole(n, type) : default;
                    w.WriteStartObject(label);
                    w.WriteNumber("Qext", p.Qext);
                    w.WriteNumber("Qsca", p.Qsca);
                    w.WriteNumber("Qabs", p.Qabs);
                    w.WriteEndObject();
                }
                w.WriteEndObject();
                WriteCoefficients(w, "a", r.A);
                WriteCoefficients(w, "b", r.B);
                if (angles.Length > 0)
                {
                    w.WriteStartArray("amplitudes");
                    foreach (double deg in angles)
                    {
                        var (s1, s2) = r.Amplitudes(deg * Math.PI / 180);
                        w.WriteStartObject();
                        w.WriteNumber("theta_deg", deg);
                        w.WritePropertyName("S1"); w.WriteRawValue($"[{Units.Invariant(s1.Real)}, {Units.Invariant(s1.Imaginary)}]", true);
                        w.WritePropertyName("S2"); w.WriteRawValue($"[{Units.Invariant(s2.Real)}, {Units.Invariant(s2.Imaginary)}]", true);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    static void WriteCoefficients(Utf8JsonWriter w, string name, ReadOnlySpan<Complex> c)
    {
        w.WriteStartArray(name);
        // one compact [re, im] pair per order keeps long series readable
        foreach (var v in c)
            w.WriteRawValue($"[{Units.Invariant(v.Real)}, {Units.Invariant(v.Imaginary)}]", skipInputValidation: true);
        w.WriteEndArray();
    }

    static void WriteTable(TextWriter o, double[] xs, Complex[] ms, double[]? coreX, Complex[]? coreM, MieResult[] results, double[] angles)
    {
        o.WriteLine("Lorenz-Mie efficiencies (m = n + ik, exp(-i w t); Q = C / (pi r^2) of the outer radius)");
        string head = coreX is null ? $"{"x",12} {"m",18}" : $"{"core_x",12} {"core_m",18} {"x",12} {"m",18}";
        o.WriteLine($"{head} {"nmax",6} {"Qext",12} {"Qsca",12} {"Qabs",12} {"Qback",12} {"g",10} {"Qpr",12}");
        for (int i = 0; i < results.Length; i++)
        {
            var q = results[i].Efficiencies;
            string lead = coreX is null ? $"{G(xs[i]),12} {IndexParser.Format(ms[i]),18}"
                : $"{G(coreX[i]),12} {IndexParser.Format(coreM![i]),18} {G(xs[i]),12} {IndexParser.Format(ms[i]),18}";
            o.WriteLine($"{lead} {results[i].NMax,6} {G(q.Qext),12} {G(q.Qsca),12} {G(q.Qabs),12} {G(q.Qback),12} " +
                        $"{G(q.G),10} {G(q.Qpr),12}");
        }
        o.WriteLine();
        o.WriteLine("Multipole extinction / scattering / absorption efficiencies");
        o.WriteLine($"{"x",12} {"multipole",9} {"Qext",12} {"Qsca",12} {"Qabs",12}");
        for (int i = 0; i < results.Length; i++)
            foreach (var (n, type, label) in MultipoleNames.Low)
            {
                if (n > results[i].NMax) continue;
                var p = results[i].Multipole(n, type);
                o.WriteLine($"{G(xs[i]),12} {label,9} {G(p.Qext),12} {G(p.Qsca),12} {G(p.Qabs),12}");
            }
        if (angles.Length == 0) return;
        o.WriteLine();
        o.WriteLine("Scattering amplitudes (B&H eq. 4.74)");
        o.WriteLine($"{"x",12} {"theta_deg",9} {"Re S1",13} {"Im S1",13} {"Re S2",13} {"Im S2",13}");
        for (int i = 0; i < results.Length; i++)
            foreach (double deg in angles)
            {
                var (s1, s2) = results[i].Amplitudes(deg * Math.PI / 180);
                o.WriteLine($"{G(xs[i]),12} {G(deg),9} {G(s1.Real),13} {G(s1.Imaginary),13} {G(s2.Real),13} {G(s2.Imaginary),13}");
            }
    }

    static string G(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
