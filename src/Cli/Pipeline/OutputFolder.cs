namespace MieCool.Cli.Pipeline;

/// <summary>
/// Atomic result folders: everything is written into a temporary sibling of DIR, which is renamed to DIR at the end
/// (or, when DIR already exists, its files are moved in). A failure leaves neither DIR nor the temporary folder.
/// </summary>
public static class OutputFolder
{
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
