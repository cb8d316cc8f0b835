using System.Security.Cryptography;
using System.Text;

namespace MieCool.Mesh;

/// <summary>
/// The on-disk cache folder of MieCool (<see cref="MeshCache.Default"/>'s folder): what a run computes from its mesh alone
/// and would compute again, exactly, on the next run with the same inputs (the mesh; the thermal response of a particle,
/// MieCool.Thermal's SolutionStore). One entry is one file, named by the SHA-256 key of everything it depends on; each kind
/// of entry has its own extension and size limit. Writes go to a unique temporary name and are renamed into place, so
/// that concurrent runs never read half a file; after a write the least recently used entries of that kind go first
/// until the kind is below its limit (a read marks an entry used). IO failures are the caller's to report: a cache only
/// ever saves time.
/// </summary>
public static class CacheFolder
{
    /// <summary>
    /// The bytes of the entry <paramref name="path"/>, marked used, or null when there is none. Throws
    /// <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> when it cannot be read.
    /// </summary>
    public static byte[]? Read(string path)
    {
        if (!File.Exists(path)) return null;
        var bytes = File.ReadAllBytes(path);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow); // used: the last to go when the folder is trimmed
        return bytes;
    }

    /// <summary>
    /// Writes the entry <paramref name="path"/> (all of <paramref name="parts"/>, one after the other) by a rename into
    /// place, then deletes the least recently used entries named like <paramref name="pattern"/> (never this one) until
    /// they take at most <paramref name="maxBytes"/>. Throws <see cref="IOException"/> or
    /// <see cref="UnauthorizedAccessException"/> when it cannot be written (no temporary file is left behind).
    /// </summary>
    public static void Write(string path, string pattern, long maxBytes, params ReadOnlyMemory<byte>[] parts)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        string temp = path + $".tmp{Environment.ProcessId}-{Guid.NewGuid():N}";
        try
        {
            Directory.CreateDirectory(folder);
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                foreach (var part in parts) file.Write(part.Span);
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { if (File.Exists(temp)) File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }
        Trim(folder, pattern, maxBytes, path);
    }

    /// <summary>
    /// Whether <paramref name="entry"/> is an entry in the layout both caches share around their own contents:
    /// <paramref name="magic"/> (8 bytes), the 64-character key <paramref name="key"/> (ASCII), the contents, and a
    /// SHA-256 of everything before it.
    /// </summary>
    public static bool ChecksOut(ReadOnlySpan<byte> entry, ReadOnlySpan<byte> magic, string key) =>
        entry.Length >= magic.Length + 64 + 32 && entry[..magic.Length].SequenceEqual(magic)
        && Encoding.ASCII.GetString(entry.Slice(magic.Length, 64)) == key
        && SHA256.HashData(entry[..^32]).AsSpan().SequenceEqual(entry[^32..]);

    /// <summary>Deletes the least recently used entries (never <paramref name="keep"/>) until the kind is below its size.</summary>
    static void Trim(string folder, string pattern, long maxBytes, string keep)
    {
        var entries = new DirectoryInfo(folder).GetFiles(pattern).OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name).ToList();
        long total = entries.Sum(f => f.Length);
        string kept = Path.GetFullPath(keep);
        foreach (var f in entries)
        {
            if (total <= maxBytes) break;
            if (f.FullName == kept) continue;
            long length = f.Length; // before Delete: a deleted FileInfo refreshes (and throws) when asked again
            try { f.Delete(); total -= length; } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
