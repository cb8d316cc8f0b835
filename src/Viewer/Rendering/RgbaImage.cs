using SkiaSharp;

namespace MieCool.Viewer.Rendering;

/// <summary>An RGBA8 picture, top row first, as read back from a render.</summary>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Pixels">Width x Height x 4 bytes, R G B A per pixel, rows top to bottom.</param>
public sealed record RgbaImage(int Width, int Height, byte[] Pixels)
{
    /// <summary>The pixel in column <paramref name="x"/> from the left, row <paramref name="y"/> from the top.</summary>
    public (byte R, byte G, byte B, byte A) this[int x, int y]
    {
        get { int i = 4 * (y * Width + x); return (Pixels[i], Pixels[i + 1], Pixels[i + 2], Pixels[i + 3]); }
    }

    /// <summary>Writes a PNG (atomically: a temporary name, then a rename).</summary>
    public void SavePng(string path)
    {
        var info = new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(info);
        System.Runtime.InteropServices.Marshal.Copy(Pixels, 0, bitmap.GetPixels(), Pixels.Length);
        // zlib level 3, not 6: the 1200x900 picture of `miecool run` encodes in 0.07 s instead of 0.2 s, 34 % larger (0.4 MB)
        using var pixmap = bitmap.PeekPixels();
        using var data = pixmap.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.AllFilters, 3))
            ?? throw new IOException($"PNG encoding of a {Width}x{Height} image failed");
        var full = Path.GetFullPath(path);
        var tmp = Path.Combine(Path.GetDirectoryName(full)!, "." + Path.GetFileName(full) + ".tmp");
        try
        {
            using (var f = File.Create(tmp)) data.SaveTo(f);
            File.Move(tmp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp); // a fault (a full disk) leaves no partial picture
        }
    }
}
