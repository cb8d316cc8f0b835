using System.Numerics;

namespace MieCool.Viewer.Scene;

/// <summary>
/// An orbit camera around a target, z up, in the viewer's normalised coordinates (particle radii from the
/// particle centre). Azimuth 0, elevation 0 looks along +y; azimuth -90 along +x; elevation -90 along +z.
/// </summary>
public sealed class Camera
{
    /// <summary>The point orbited and looked at, normalised units (the origin is the particle centre).</summary>
    public Vector3 Target { get; set; }
    /// <summary>Distance from the target, normalised units.</summary>
    public float Distance { get; set; } = 10;
    /// <summary>Rotation of the eye about the z axis through the target, degrees (see the class summary).</summary>
    public float AzimuthDeg { get; set; }
    /// <summary>Height of the eye above the target's horizontal plane as an angle, degrees, -90 to 90.</summary>
    public float ElevationDeg { get; set; }
    /// <summary>Vertical field of view, degrees (full angle, top to bottom of the viewport).</summary>
    public float FovYDeg { get; set; } = 30;

    /// <summary>An independent copy (the camera is mutable; a renderer holds one).</summary>
    public Camera Clone() => (Camera)MemberwiseClone();

    /// <summary>
    /// A camera facing the cut of <paramref name="clip"/> from the removed side, seeing about
    /// ±<paramref name="halfHeight"/> vertically.
    /// </summary>
    public static Camera Facing(ClipPlane? clip, float halfHeight)
    {
        var c = new Camera();
        c.Distance = halfHeight / MathF.Tan(c.FovYDeg * MathF.PI / 360);
        (c.AzimuthDeg, c.ElevationDeg) = clip switch
        {
            null => (-30f, 20f),
            { Axis: 0, Sign: > 0 } => (-90f, 0f),
            { Axis: 0 } => (90f, 0f),
            { Axis: 1, Sign: > 0 } => (0f, 0f),
            { Axis: 1 } => (180f, 0f),
            { Axis: 2, Sign: > 0 } => (0f, -90f),
            _ => (0f, 90f),
        };
        return c;
    }

    float Az => AzimuthDeg * MathF.PI / 180;
    float El => ElevationDeg * MathF.PI / 180;

    /// <summary>Unit vector from the target to the eye.</summary>
    public Vector3 Backward => new(MathF.Sin(Az) * MathF.Cos(El), -MathF.Cos(Az) * MathF.Cos(El), MathF.Sin(El));
    /// <summary>Unit vector to the right of the view, always horizontal (no roll).</summary>
    public Vector3 Right => new(MathF.Cos(Az), MathF.Sin(Az), 0);
    /// <summary>Unit vector up the view, perpendicular to <see cref="Right"/> and the view direction.</summary>
    public Vector3 Up => Vector3.Cross(Right, -Backward);
    /// <summary>Position of the eye, normalised units.</summary>
    public Vector3 Eye => Target + Distance * Backward;

    /// <summary>The world-to-view transform (right-handed, looking down -z), row-vector convention.</summary>
    public Matrix4x4 View => Matrix4x4.CreateLookAt(Eye, Target, Up);

    /// <summary>OpenGL perspective projection (clip z in [-1, 1]), in System.Numerics' row-vector convention.</summary>
    public Matrix4x4 Projection(float aspect)
    {
        float f = 1 / MathF.Tan(FovYDeg * MathF.PI / 360), n = Distance * 1e-3f, far = Distance * 100 + 100;
        return new Matrix4x4(
            f / aspect, 0, 0, 0,
            0, f, 0, 0,
            0, 0, (n + far) / (n - far), -1,
            0, 0, 2 * n * far / (n - far), 0);
    }

    /// <summary>Rotates by a mouse drag of (dx, dy) pixels.</summary>
    public void Orbit(double dx, double dy)
    {
        AzimuthDeg = (float)((AzimuthDeg - 0.3 * dx) % 360);
        ElevationDeg = (float)Math.Clamp(ElevationDeg + 0.3 * dy, -90, 90);
    }

    /// <summary>
    /// Moves the target with a drag of (dx, dy) pixels in a viewport <paramref name="viewportHeight"/> pixels high,
    /// so that the point under the cursor at the target's depth follows it.
    /// </summary>
    public void Pan(double dx, double dy, int viewportHeight)
    {
        float perPixel = 2 * Distance * MathF.Tan(FovYDeg * MathF.PI / 360) / Math.Max(1, viewportHeight);
        Target += perPixel * ((float)-dx * Right + (float)dy * Up);
    }

    /// <summary>Zooms by wheel steps (positive: closer).</summary>
    public void Zoom(double steps) => Distance *= (float)Math.Exp(-0.15 * steps);
}
