using System.Globalization;
using System.Numerics;
using MieCool.Core;

namespace MieCool.Viewer.Scene;

/// <summary>
/// An axis-aligned clip plane `axis = offset` (SI); the half-space on the side of <see cref="Sign"/> * axis is
/// kept and the camera looks at the cut from the removed side. Text form: "y=0", "z=265nm", "-x=10nm"
/// (keeps x &lt; 10 nm), "none".
/// </summary>
/// <param name="Axis">0 = x, 1 = y, 2 = z.</param>
/// <param name="Offset">Position of the plane along the axis, metres.</param>
/// <param name="Sign">+1 keeps axis &gt; offset, -1 keeps axis &lt; offset.</param>
public sealed record ClipPlane(int Axis, double Offset, int Sign = 1)
{
    /// <summary>Unit normal pointing into the kept half-space.</summary>
    public Vector3 Normal => Axis switch { 0 => new(Sign, 0, 0), 1 => new(0, Sign, 0), _ => new(0, 0, Sign) };

    /// <summary>Signed distance of a point from the plane, positive on the kept side, metres.</summary>
    public double Distance(double x, double y, double z) => Sign * ((Axis switch { 0 => x, 1 => y, _ => z }) - Offset);

    /// <summary>The text form in nanometres, e.g. "y=0nm", "-x=10nm"; <see cref="Parse"/> reads it back.</summary>
    public override string ToString() =>
        $"{(Sign < 0 ? "-" : "")}{"xyz"[Axis]}={(Offset * 1e9).ToString("G6", CultureInfo.InvariantCulture)}nm";

    /// <summary>
    /// Parses "y=0", "z=265nm", "-x=1um" or "none" (null); bad text is an <see cref="InputException"/> naming
    /// <paramref name="source"/>.
    /// </summary>
    public static ClipPlane? Parse(string text, string source = "--clip")
    {
        const string valid = "AXIS=LENGTH with AXIS x, y or z (prefix - to keep the lower side), e.g. y=0, z=265nm, -x=10nm; or none";
        var t = text.Replace(" ", "");
        if (t.Equals("none", StringComparison.OrdinalIgnoreCase)) return null;
        int sign = 1;
        if (t.StartsWith('-')) { sign = -1; t = t[1..]; }
        else if (t.StartsWith('+')) t = t[1..];
        int eq = t.IndexOf('=');
        if (eq != 1 || t.Length < 3 || "xyzXYZ".IndexOf(t[0]) < 0)
            throw new InputException(source, "not a clip plane", value: text, valid: valid);
        int axis = char.ToLowerInvariant(t[0]) - 'x';
        var v = t[2..].Trim();
        double offset;
        if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double bare))
        {
            // A bare number is only unambiguous when it is zero.
            if (bare != 0) throw new InputException(source, "the clip position needs a unit", value: text, valid: valid);
            offset = 0;
        }
        else if (!Units.TryParse(v, Dimension.Length, out offset, out var problem))
            throw new InputException(source, $"clip position: {problem}", value: text, valid: valid);
        return new ClipPlane(axis, offset, sign);
    }
}
