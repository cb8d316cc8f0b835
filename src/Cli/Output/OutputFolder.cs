namespace MieCool.Cli.Output;

/// <summary>
/// Atomic result folders: everything is written into a temporary sibling of DIR, which is renamed to DIR at the end
/// (or, when DIR already exists, its files are moved in). A failure leaves neither DIR nor the temporary folder.
/// </summary>
public static class OutputFolder
{
    /// <summary>
    /// Refuses, before any computation, an output folder that cannot be written: DIR is a file, or the nearest existing
    /// folder above it does not accept a new file. <paramref name="option"/> names the option in the error (e.g. "--out").
    /// </summary>
    public static void CheckWritable(string outDir, string option = "--out")
    {
        var full = Path.GetFullPath(outDir);
        if (File.Exists(full))
            throw new Core.InputException(option, "is a file, not a folder", value: outDir, valid: "a folder path (created at the end)");
        var probe = Directory.Exists(full) ? full : Path.GetDirectoryName(full);
        while (probe is not null && !Directory.Exists(probe))
        {
            if (File.Exists(probe))
                throw new Core.InputException(option, $"{probe} is a file, not a folder", value: outDir, valid: "a path below folders");
            probe = Path.GetDirectoryName(probe);
        }
        if (probe is null) return;
        var test = Path.Combine(probe, $".miecool-write-test-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try { File.WriteAllBytes(test, []); File.Delete(test); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new Core.InputException(option, $"cannot write into {probe}: {e.Message}", value: outDir, valid: "a writable folder");
        }
    }

    /// <summary>Calls <paramref name="write"/> with a fresh temporary folder, then moves its files to <paramref name="outDir"/>.</summary>
    public static T Write<T>(string outDir, Func<string, T> write)
    {
        var full = Path.GetFullPath(outDir);
        var parent = Path.GetDirectoryName(full) ?? ".";
        bool madeParent = !Directory.Exists(parent);
        if (madeParent) Directory.CreateDirectory(parent);
        var temp = Path.Combine(parent, $".{Path.GetFileName(full)}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        bool done = false;
        try
        {
            var result = write(temp);
            if (!Directory.Exists(full)) Directory.Move(temp, full);
            else
            {
                foreach (var f in Directory.GetFiles(temp)) File.Move(f, Path.Combine(full, Path.GetFileName(f)), overwrite: true);
                Directory.Delete(temp);
            }
            done = true;
            return result;
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
            if (!done && madeParent && Directory.Exists(parent) && !Directory.EnumerateFileSystemEntries(parent).Any())
                Directory.Delete(parent);
        }
    }
}
