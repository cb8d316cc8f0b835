using System.Globalization;
using MieCool.Core;
using MieCool.Mesh;
using MieCool.Viewer.Scene;

namespace MieCool.Cli;

/// <summary>The options `miecool view` and `miecool render` share: declared and parsed here, before any GL work.</summary>
static class ViewOptions
{
    public static readonly Positional Folder = new("DIR",
        "a result folder written by miecool run, heat or mesh (fields.h5, heat.h5 or mesh.h5)");

    public static readonly TextOption FieldName = new("field", "NAME",
        "the field to colour by: T, dT, q, E2, region, ... (those of the result file)")
        { DefaultNote = "dT, else T", Accepts = "a field of the result file" };

    public static readonly CustomOption<ClipPlane?> Clip = new("clip", "PLANE",
        "clip plane: y=0 (through the particle centre), x=0, z=265nm, -y=0 (keep y < 0), or none",
        "AXIS=LENGTH with AXIS x, y or z (prefix - to keep the lower side), e.g. y=0, z=265nm, -x=10nm; or none",
        (text, spelled) => ClipPlane.Parse(text, spelled))
        { DefaultLiteral = "y=0" };

    public static readonly TextOption Hide = new("hide", "REGIONS", "regions not to draw, e.g. air,substrate")
        { Accepts = "region names or tags 1-4, comma-separated" };

    /// <summary>--size, with the command's default.</summary>
    public static CustomOption<(int Width, int Height)> Size(string what, string defaultSize) => new("size", "WxH", $"{what} in pixels",
        SizeValid, (text, spelled) => ParseSize(text, spelled)) { DefaultLiteral = defaultSize };

    const string SizeValid = "WIDTHxHEIGHT in pixels, each 16 to 16384, e.g. 1600x1000";

    /// <summary>Loads the result at the DIR argument.</summary>
    public static ResultData Load(Args args) => ResultLoader.Load(args.Get(Folder));

    public static Field FieldOf(Args args, ResultData data) =>
        args.TryGet(FieldName, out var f) ? ResultLoader.RequireField(data, f, args.Spelled(FieldName)) : data.DefaultField;

    /// <summary>"1600x1000" -> (1600, 1000), each side 16 to 16384 pixels.</summary>
    static (int Width, int Height) ParseSize(string text, string option)
    {
        var parts = text.ToLowerInvariant().Split('x');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int w)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int h)
            || w < 16 || h < 16 || w > 16384 || h > 16384)
            throw new InputException(option, "not an image size", value: text, valid: SizeValid);
        return (w, h);
    }

    /// <summary>Region tags from "air,substrate" or "3,4".</summary>
    public static int[] Hidden(Args args, ResultData data)
    {
        if (!args.TryGet(Hide, out var text)) return [];
        var names = Tags.Volumes.ToDictionary(Tags.RegionName);
        var tags = new List<int>();
        foreach (var word in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (names.TryGetValue(word.ToLowerInvariant(), out int t)
                || int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out t))
                tags.Add(t);
            else
                throw new InputException(args.Spelled(Hide), "unknown region", value: word,
                    valid: string.Join(", ", data.Regions.Select(r => $"{Tags.RegionName(r)} ({r})")));
        }
        return tags.ToArray();
    }
}

/// <summary>A view direction and zoom from `--camera AZ,EL[,ZOOM]` (degrees, degrees, factor).</summary>
sealed record CameraView(float AzimuthDeg, float ElevationDeg, float? Zoom)
{
    public const string Valid = "AZIMUTH,ELEVATION[,ZOOM] in degrees (elevation -90 to 90) and a zoom factor > 0, e.g. 30,20 or 0,0,2";

    public static CameraView Parse(string text, string option)
    {
        var parts = text.Split(',');
        var v = new double[parts.Length];
        if (parts.Length is < 2 or > 3) throw new InputException(option, "not a camera", value: text, valid: Valid);
        for (int i = 0; i < parts.Length; i++)
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out v[i]) || !double.IsFinite(v[i]))
                throw new InputException(option, "not a camera", value: text, valid: Valid);
        if (Math.Abs(v[1]) > 90 || (parts.Length == 3 && v[2] <= 0))
            throw new InputException(option, "out of range", value: text, valid: Valid);
        return new CameraView((float)v[0], (float)v[1], parts.Length == 3 ? (float)v[2] : null);
    }

    public void ApplyTo(Camera camera)
    {
        camera.AzimuthDeg = AzimuthDeg;
        camera.ElevationDeg = ElevationDeg;
        if (Zoom is float z) camera.Distance /= z;
    }
}
