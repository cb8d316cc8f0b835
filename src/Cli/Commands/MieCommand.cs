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
    public string Name => "mie";
    public string Summary => "Mie efficiencies, multipoles (ED, MD, EQ, ...) and a_n, b_n of a sphere or core-shell sphere";
    public string Usage => """
        usage: miecool mie --x X[,X...] --m M[,M...] [--core-x X[,X...] --core-m M[,M...]] [--nmax N] [--angles DEG,...] [--json]

          --x       size parameter(s) x = 2 pi n_host r / lambda0 of the (outer) sphere, > 0, comma-separated
          --m       relative refractive index m = n_particle / n_host, n+ki with k >= 0 (m = n + ik, exp(-i w t));
                    one value for all x or one per x
          --core-x  core size parameter(s) for a core-shell sphere (then --x/--m is the shell), 0 < core-x < x
          --core-m  core relative index, one value or one per x
          --nmax    number of terms (default Wiscombe's x + 4 x^(1/3) + 2)
          --angles  scattering angles in degrees (0..180) at which to print the amplitudes S1, S2 (B&H eq. 4.74)
          --json    print a JSON array, one object per x: x, m_re, m_im, Qext, Qsca, Qabs, Qback, g, Qpr,
                    multipoles {ED, MD, EQ, MQ, EO, MO: {Qext, Qsca, Qabs}}, a and b as [[re, im], ...],
                    with --angles also "amplitudes": [{theta_deg, S1: [re, im], S2: [re, im]}, ...]

        Efficiencies are cross sections over pi r^2 of the outer radius (Bohren & Huffman 1983 conventions).
        example: miecool mie --x 0.5,3.0,1e4 --m 2.6+0.01i --json
        """;

    public int Run(Args args, Console console)
    {
        var xs = ParseSizes(args.Require("x", "size parameters > 0, e.g. --x 0.5,3.0"), "--x");
        var ms = ParseIndices(args.Require("m", IndexParser.Valid), "--m", xs.Length);
        string? coreXText = args.Get("core-x"), coreMText = args.Get("core-m");
        double[]? coreX = null; Complex[]? coreM = null;
        if (coreXText is not null || coreMText is not null)
        {
            if (coreXText is null) throw new InputException("--core-m", "needs --core-x (the core size parameter)", valid: "--core-x X --core-m M");
            if (coreMText is null) throw new InputException("--core-x", "needs --core-m (the core relative index)", valid: "--core-x X --core-m M");
            coreX = ParseSizes(coreXText, "--core-x");
            if (coreX.Length == 1 && xs.Length > 1) coreX = Enumerable.Repeat(coreX[0], xs.Length).ToArray();
            if (coreX.Length != xs.Length)
                throw new InputException("--core-x", $"has {coreX.Length} values but --x has {xs.Length}", value: coreXText, valid: $"1 or {xs.Length} values");
            coreM = ParseIndices(coreMText, "--core-m", xs.Length);
            for (int i = 0; i < xs.Length; i++)
                if (!(coreX[i] < xs[i]))
                    throw new InputException("--core-x", $"core size parameter must be smaller than the shell's x = {Units.Invariant(xs[i])}",
                        value: Units.Invariant(coreX[i]), valid: "0 < core-x < x");
        }
        int? nmax = null;
        if (args.Number("nmax", 1, 1e7) is double nm)
        {
            if (nm != Math.Floor(nm)) throw new InputException("--nmax", "must be an integer", value: Units.Invariant(nm), valid: "an integer >= 1");
            nmax = (int)nm;
        }
        double[] angles = args.Get("angles") is string angleText ? ParseAngles(angleText) : [];
        bool json = args.Flag("json");
        args.EnsureAllUsed();

        var results = new MieResult[xs.Length];
        for (int i = 0; i < xs.Length; i++)
            results[i] = coreX is null ? MieSolver.Sphere(xs[i], ms[i], nmax) : MieSolver.CoreShell(coreX[i], coreM![i], xs[i], ms[i], nmax);

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
            return v;
        }).ToArray();

    static double[] ParseAngles(string text) =>
        SplitList(text).Select(s =>
        {
            if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v) || v < 0 || v > 180)
                throw new InputException("--angles", "not a scattering angle in degrees", value: s, valid: "angles in [0, 180] degrees, comma-separated");
            return v;
        }).ToArray();

    static Complex[] ParseIndices(string text, string option, int count)
    {
        var items = SplitList(text).Select(s => IndexParser.Parse(s, option)).ToArray();
        if (items.Length == 1) return Enumerable.Repeat(items[0], count).ToArray();
        if (items.Length != count)
            throw new InputException(option, $"has {items.Length} values but --x has {count}", value: text, valid: $"1 or {count} values");
        return items;
    }

    static void WriteJson(TextWriter output, double[] xs, Complex[] ms, double[]? coreX, Complex[]? coreM, MieResult[] results, double[] angles)
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
            o.WriteLine($"{lead} {results[i].NMax,6} {G(q.Qext),12} {G(q.Qsca),12} {G(q.Qabs),12} {G(q.Qback),12} {G(q.G),10} {G(q.Qpr),12}");
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
