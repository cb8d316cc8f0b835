using System.Globalization;
using MieCool.Core;
using MieCool.Mesh;
using MieCool.Viewer.Scene;

namespace MieCool.Cli;

/// <summary>The options `miecool view` and `miecool render` share: parsing and checking, before any GL work.</summary>
static class ViewOptions
{
    public const string ClipHelp = "--clip PLANE       clip plane: y=0 (default, through the particle centre), x=0, z=265nm, -y=0 (keep y < 0), none";
    public const string FieldHelp = "--field NAME       field to colour by: T, dT, q, E2, region, ... (default dT, else T)";
    public const string HideHelp = "--hide REGIONS     regions not to draw, e.g. air,substrate (names or tags 1-4)";

    /// <summary>Loads the result at the positional DIR argument.</summary>
    public static ResultData Load(Args args, string command)
    {
        var dir = args.Positional(0) ?? throw new InputException($"miecool {command}", "missing result folder",
            valid: $"miecool {command} DIR (a folder written by miecool run, heat or mesh)");
        return ResultLoader.Load(dir);
    }

    public static Field Field(Args args, ResultData data) =>
        args.Get("field") is string f ? ResultLoader.RequireField(data, f) : data.DefaultField;

    public static ClipPlane? Clip(Args args) => ClipPlane.Parse(args.Get("clip") ?? "y=0");

    /// <summary>"1600x1000" -> (1600, 1000), each side 16 to 16384 pixels.</summary>
    public static (int Width, int Height) Size(string? text, (int, int) fallback)
    {
        if (text is null) return fallback;
        const string valid = "WIDTHxHEIGHT in pixels, each 16 to 16384, e.g. 1600x1000";
        var parts = text.ToLowerInvariant().Split('x');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int w)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int h)
            || w < 16 || h < 16 || w > 16384 || h > 16384)
            throw new InputException("--size", "not an image size", value: text, valid: valid);
        return (w, h);
    }

    /// <summary>Region tags from "air,substrate" or "3,4".</summary>
    public static int[] Hidden(string? text, ResultData data)
    {
        if (text is null) return [];
        var names = Tags.Volumes.ToDictionary(Tags.RegionName);
        var tags = new List<int>();
        foreach (var word in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (names.TryGetValue(word.ToLowerInvariant(), out int t) || int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out t))
                tags.Add(t);
            else
                throw new InputException("--hide", "unknown region", value: word,
                    valid: string.Join(", ", data.Regions.Select(r => $"{Tags.RegionName(r)} ({r})")));
        }
        return tags.ToArray();
    }

    /// <summary>"AZ,EL" or "AZ,EL,ZOOM" (degrees, degrees, factor) applied to a camera.</summary>
    public static void Camera(string? text, Camera camera)
    {
        if (text is null) return;
        const string valid = "AZIMUTH,ELEVATION[,ZOOM] in degrees (elevation -90 to 90) and a zoom factor > 0, e.g. 30,20 or 0,0,2";
        var parts = text.Split(',');
        var v = new double[parts.Length];
        if (parts.Length is < 2 or > 3) throw new InputException("--camera", "not a camera", value: text, valid: valid);
        for (int i = 0; i < parts.Length; i++)
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out v[i]) || !double.IsFinite(v[i]))
                throw new InputException("--camera", "not a camera", value: text, valid: valid);
        if (Math.Abs(v[1]) > 90 || (parts.Length == 3 && v[2] <= 0)) throw new InputException("--camera", "out of range", value: text, valid: valid);
        camera.AzimuthDeg = (float)v[0];
        camera.ElevationDeg = (float)v[1];
        if (parts.Length == 3) camera.Distance /= (float)v[2];
    }
}
