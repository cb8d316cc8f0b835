namespace MieCool.Viewer.Scene;

/// <summary>An 8-bit RGB colour.</summary>
/// <param name="R">Red, 0-255 (sRGB-encoded, as stored in images).</param>
/// <param name="G">Green, 0-255.</param>
/// <param name="B">Blue, 0-255.</param>
public readonly record struct Rgb(byte R, byte G, byte B)
{
    /// <summary>Parses the web notation "#RRGGBB" (the leading character is skipped, not checked).</summary>
    public static Rgb FromHex(string hex) => new(
        Convert.ToByte(hex.Substring(1, 2), 16), Convert.ToByte(hex.Substring(3, 2), 16),
        Convert.ToByte(hex.Substring(5, 2), 16));
    /// <summary>The web notation "#RRGGBB", upper-case hex digits.</summary>
    public override string ToString() => $"#{R:X2}{G:X2}{B:X2}";
}

/// <summary>
/// A colour map as a lookup table of <see cref="Size"/> colours for t in [0, 1]. Continuous maps are
/// interpolated in CIELAB between anchor colours so that equal steps in t are near-equal perceived steps:
/// <see cref="Viridis"/> (sequential, through the published viridis anchor colours of van der Walt and Smith,
/// matplotlib 2015) and <see cref="CoolWarm"/> (diverging, Moreland 2009's end and mid colours), and
/// <see cref="Regions"/> (categorical, one colour per volume tag).
/// </summary>
public sealed class ColorMap
{
    /// <summary>Entries in every table: 256, one texel each in the GPU's 256 x 1 lookup texture.</summary>
    public const int Size = 256;
    /// <summary>Short name, e.g. "viridis", "cool-warm", "regions".</summary>
    public string Name { get; }
    /// <summary>Size colours, RGBA8 (alpha 255), t = i / (Size - 1).</summary>
    public byte[] Lut { get; }
    /// <summary>True for categorical maps: sample without interpolation.</summary>
    public bool Discrete { get; }
    /// <summary>Number of distinct entries for a discrete map (each repeated over Size / Entries texels).</summary>
    public int Entries { get; }

    ColorMap(string name, byte[] lut, bool discrete, int entries)
    {
        Name = name; Lut = lut; Discrete = discrete; Entries = entries;
    }

    /// <summary>Table entry <paramref name="i"/> (0 to <see cref="Size"/> - 1), the colour at t = i / (Size - 1).</summary>
    public Rgb this[int i] => new(Lut[4 * i], Lut[4 * i + 1], Lut[4 * i + 2]);
    /// <summary>The colour at t in [0, 1] (clamped), nearest table entry, as the GPU samples it.</summary>
    public Rgb At(double t) => this[(int)Math.Round(Math.Clamp(t, 0, 1) * (Size - 1))];
    /// <summary>The colour at t = 0, the bottom of the colour bar.</summary>
    public Rgb Low => this[0];
    /// <summary>The colour at t = 1, the top of the colour bar.</summary>
    public Rgb High => this[Size - 1];

    // viridis at t = 0, 1/9, ..., 1 (the 10-colour palette published with matplotlib's viridis).
    static readonly string[] ViridisAnchors =
        ["#440154", "#482878", "#3E4A89", "#31688E", "#26828E", "#1F9E89", "#35B779", "#6DCD59", "#B4DE2C", "#FDE725"];

    /// <summary>Sequential, dark purple (low) through blue and green to yellow (high): fields of one sign, e.g. T, |E|^2.</summary>
    public static ColorMap Viridis { get; } = FromAnchors("viridis", ViridisAnchors.Select(Rgb.FromHex).ToArray());

    // Moreland (2009), "Diverging Color Maps for Scientific Visualization": blue (59,76,192), red (180,4,38)
    // and a neutral mid-point (221,221,221) at t = 0.5.
    /// <summary>Diverging, blue (low) through light grey (t = 0.5) to red (high): signed fields centred on zero, e.g. dT.</summary>
    public static ColorMap CoolWarm { get; } =
        FromAnchors("cool-warm", [new(59, 76, 192), new(221, 221, 221), new(180, 4, 38)]);

    /// <summary>
    /// The colour of undefined values (a field outside the regions where it is data, <see cref="Field.DefinedIn"/>): a
    /// neutral light grey, not on viridis and darker than cool-warm's neutral mid-point (221, 221, 221).
    /// </summary>
    public static Rgb Undefined { get; } = new(200, 200, 200);

    /// <summary>
    /// <paramref name="count"/> region tags from <paramref name="firstTag"/>: 1..4 (particle, shell, substrate, air)
    /// and beyond, distinguishable and colour-blind safe (Okabe-Ito), in equal blocks of the table.
    /// </summary>
    public static ColorMap Regions(int firstTag, int count)
    {
        Rgb[] palette = [Rgb.FromHex("#E69F00"), Rgb.FromHex("#CC79A7"), Rgb.FromHex("#0072B2"), Rgb.FromHex("#56B4E9"),
                         Rgb.FromHex("#009E73"), Rgb.FromHex("#F0E442"), Rgb.FromHex("#D55E00"), Rgb.FromHex("#999999")];
        count = Math.Clamp(count, 1, Size);
        var lut = new byte[4 * Size];
        for (int i = 0; i < Size; i++)
        {
            int tag = firstTag + Math.Min(i * count / Size, count - 1);
            var c = palette[((tag - 1) % palette.Length + palette.Length) % palette.Length];
            lut[4 * i] = c.R; lut[4 * i + 1] = c.G; lut[4 * i + 2] = c.B; lut[4 * i + 3] = 255;
        }
        return new ColorMap("regions", lut, discrete: true, count);
    }

    static ColorMap FromAnchors(string name, Rgb[] anchors)
    {
        var lab = anchors.Select(ToLab).ToArray();
        var lut = new byte[4 * Size];
        for (int i = 0; i < Size; i++)
        {
            double s = (double)i / (Size - 1) * (anchors.Length - 1);
            int k = Math.Min((int)s, anchors.Length - 2);
            double u = s - k;
            var c = FromLab(
                lab[k].L + u * (lab[k + 1].L - lab[k].L),
                lab[k].A + u * (lab[k + 1].A - lab[k].A),
                lab[k].B + u * (lab[k + 1].B - lab[k].B));
            lut[4 * i] = c.R; lut[4 * i + 1] = c.G; lut[4 * i + 2] = c.B; lut[4 * i + 3] = 255;
        }
        return new ColorMap(name, lut, discrete: false, Size);
    }

    // sRGB (IEC 61966-2-1) <-> CIE 1976 L*a*b*, D65 white.
    const double Xn = 0.95047, Yn = 1.0, Zn = 1.08883;

    static double Linear(byte c)
    {
        double v = c / 255.0;
        return v <= 0.04045 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4);
    }

    static byte Encode(double v)
    {
        v = Math.Clamp(v, 0, 1);
        double s = v <= 0.0031308 ? 12.92 * v : 1.055 * Math.Pow(v, 1 / 2.4) - 0.055;
        return (byte)Math.Round(255 * s);
    }

    static double F(double t) => t > 216.0 / 24389 ? Math.Cbrt(t) : (24389.0 / 27 * t + 16) / 116;
    static double FInv(double f) => f * f * f > 216.0 / 24389 ? f * f * f : (116 * f - 16) * 27 / 24389;

    internal static (double L, double A, double B) ToLab(Rgb c)
    {
        double r = Linear(c.R), g = Linear(c.G), b = Linear(c.B);
        double x = 0.4124564 * r + 0.3575761 * g + 0.1804375 * b;
        double y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
        double z = 0.0193339 * r + 0.1191920 * g + 0.9503041 * b;
        double fx = F(x / Xn), fy = F(y / Yn), fz = F(z / Zn);
        return (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz));
    }

    internal static Rgb FromLab(double L, double a, double bb)
    {
        double fy = (L + 16) / 116, fx = fy + a / 500, fz = fy - bb / 200;
        double x = Xn * FInv(fx), y = Yn * FInv(fy), z = Zn * FInv(fz);
        double r = 3.2404542 * x - 1.5371385 * y - 0.4985314 * z;
        double g = -0.9692660 * x + 1.8760108 * y + 0.0415560 * z;
        double b = 0.0556434 * x - 0.2040259 * y + 1.0572252 * z;
        return new Rgb(Encode(r), Encode(g), Encode(b));
    }
}

/// <summary>How a field is coloured: a map and the value range spread over it.</summary>
/// <param name="Map">The colour map.</param>
/// <param name="Min">Value at the map's low end.</param>
/// <param name="Max">Value at the map's high end.</param>
/// <param name="Categories">For a categorical map: the values present (region tags), which the colour bar lists.</param>
public sealed record ColorScale(ColorMap Map, double Min, double Max, int[]? Categories = null)
{
    /// <summary>Position of <paramref name="value"/> on the map, clamped to [0, 1].</summary>
    public double T(double value) => Max > Min ? Math.Clamp((value - Min) / (Max - Min), 0, 1) : 0.5;
    /// <summary>The colour <paramref name="value"/> is drawn in.</summary>
    public Rgb ColorOf(double value) => Map.At(T(value));

    /// <summary>
    /// The default scale of a field: region tags get the categorical map over their tags; a field that takes both signs
    /// where it is defined (each beyond 1e-3 of its largest magnitude, so round-off does not count) the diverging map
    /// centred on zero; anything else (an absolute temperature, a one-signed change such as a pure cooling or heating,
    /// |E|^2, q) viridis over the range the field actually has.
    /// </summary>
    /// <param name="field">The field.</param>
    /// <param name="cellRegion">The mesh's cell regions: values where the field is not defined are left out; null: all count.</param>
    public static ColorScale For(Field field, int[]? cellRegion = null)
    {
        var (min, max) = field.Range(cellRegion);
        if (!double.IsFinite(min)) { min = 0; max = 1; }
        if (field.Name == "region")
        {
            int lo = (int)Math.Round(min), hi = (int)Math.Round(max);
            var present = field.Values.Select(v => (int)Math.Round(v)).Distinct().Order().ToArray();
            return new ColorScale(ColorMap.Regions(lo, hi - lo + 1), lo - 0.5, hi + 0.5, present);
        }
        return OfRange(min, max);
    }

    /// <summary>
    /// The scale of finite values from <paramref name="min"/> to <paramref name="max"/>: cool-warm over [-m, m] when they
    /// take both signs (<see cref="TwoSigned"/>), else viridis over their own range (a single value padded by 1e-3 of it).
    /// </summary>
    public static ColorScale OfRange(double min, double max)
    {
        double m = Math.Max(Math.Abs(min), Math.Abs(max));
        if (TwoSigned(min, max)) return new ColorScale(ColorMap.CoolWarm, -m, m);
        if (max == min) { double pad = Math.Abs(min) > 0 ? Math.Abs(min) * 1e-3 : 1; min -= pad; max += pad; }
        return new ColorScale(ColorMap.Viridis, min, max);
    }

    /// <summary>Whether a range takes both signs, each beyond 1e-3 of its largest magnitude.</summary>
    public static bool TwoSigned(double min, double max)
    {
        double m = Math.Max(Math.Abs(min), Math.Abs(max));
        return min < -1e-3 * m && max > 1e-3 * m;
    }
}
