using System.Text.RegularExpressions;
using MieCool.Core;

namespace MieCool.Cli.Output;

/// <summary>
/// The result folder of `miecool sweep`, which grows point by point (unlike the all-or-nothing folders of
/// <see cref="OutputFolder"/>): DIR/points/ holds one small JSON per finished point (and, without --no-fields, a folder of
/// its fields), each written under a hidden temporary name and renamed into place, and kept across runs so that a rerun
/// resumes; the merged files (sweep.csv, sweep.json, sweep.png, summary.json) and best/ are rebuilt from the points and
/// each replaced as a whole. A folder holding anything else is refused, never deleted. Each process holds a lock beside
/// DIR (the whole sweep, or its shard: shards of one sweep run at once), released by the kernel if the process dies; a
/// killed run's temporary files are removed by the next run (their process id is no longer alive). On SIGINT or SIGTERM
/// the point being written and the lock are removed, the finished points kept (<see cref="Signals"/>).
/// </summary>
public sealed partial class SweepFolder : IDisposable
{
    /// <summary>The entries a sweep folder may hold (besides its own hidden temporary names).</summary>
    public static readonly IReadOnlySet<string> Entries = new HashSet<string>(StringComparer.Ordinal)
    {
        "points", "best", "sweep.csv", "sweep.json", "sweep.png", "sweep.svg", "summary.json", "sweep.sbatch", "logs",
    };

    const string Valid = "a new or empty folder, or the folder of the same `miecool sweep` (resumed)";
    readonly string _option, _lockPath;
    readonly List<string> _made = []; // DIR and its parents when this run created them, innermost first
    FileStream? _lock;

    /// <summary>DIR, full path.</summary>
    public string FullPath { get; }
    /// <summary>DIR/points.</summary>
    public string PointsPath => Path.Combine(FullPath, "points");

    SweepFolder(string dir, string option, string lockSuffix)
    {
        _option = option;
        FullPath = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dir));
        string parent = Path.GetDirectoryName(FullPath) ?? throw new InputException(option, "is the root folder", value: dir, valid: Valid);
        _lockPath = Path.Combine(parent, $".{Path.GetFileName(FullPath)}.{lockSuffix}");
        if (File.Exists(FullPath)) throw new InputException(option, "is a file, not a folder", value: dir, valid: Valid);
        for (var p = parent; p is not null && !Directory.Exists(p); p = Path.GetDirectoryName(p))
            if (File.Exists(p)) throw new InputException(option, $"{p} is a file, not a folder", value: dir, valid: Valid);
        try
        {
            if (Directory.Exists(FullPath))
            {
                var foreign = Directory.GetFileSystemEntries(FullPath).Select(Path.GetFileName)
                                       .Where(n => !Entries.Contains(n!) && !IsTemporary(n!)).Order(StringComparer.Ordinal).ToList();
                if (foreign.Count > 0)
                    throw new InputException(option, $"the folder holds {foreign.Count} entr{(foreign.Count == 1 ? "y" : "ies")} " +
                        $"that miecool sweep did not write ({string.Join(", ", foreign.Take(3))}{(foreign.Count > 3 ? ", ..." : "")}); " +
                        "it is not used", value: dir, valid: Valid);
            }
            for (var p = FullPath; p is not null && !Directory.Exists(p); p = Path.GetDirectoryName(p)) _made.Add(p);
            Directory.CreateDirectory(PointsPath);
            TakeLock(dir);
            lock (OutputFolder.Gate) OutputFolder.Resumable[_lockPath] = FullPath;
            foreach (var folder in new[] { FullPath, PointsPath }) RemoveLeftovers(folder);
        }
        catch (Exception e) when (OutputFolder.IsIoFault(e))
        {
            Dispose();
            throw OutputFolder.Fault(e, option, FullPath, Valid);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>
    /// Claims DIR for a sweep (<paramref name="shard"/> null: the whole sweep, or a merge) or for one shard K/N of it.
    /// </summary>
    public static SweepFolder Claim(string dir, string option, (int K, int N)? shard = null) =>
        new(dir, option, shard is { } s ? $"shard-{s.K}-of-{s.N}.lock" : "lock");

    void TakeLock(string dir)
    {
        try
        {
            _lock = new FileStream(_lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            _lock.SetLength(0);
            _lock.Write(System.Text.Encoding.ASCII.GetBytes($"{Environment.ProcessId}\n"));
            _lock.Flush();
        }
        catch (IOException e) when (e.HResult is 11 or unchecked((int)0x80070020)
                                    || e.Message.Contains("being used by another process", StringComparison.Ordinal))
        {
            throw new InputException(_option, $"another miecool process is running this sweep (or shard) now (it holds {_lockPath})",
                                     value: dir, valid: "wait until it ends, or choose another folder", inner: e);
        }
    }

    /// <summary>Temporary files and folders of killed runs (their process is gone) in <paramref name="folder"/>.</summary>
    static void RemoveLeftovers(string folder)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(folder, ".*"))
        {
            var m = Temporary().Match(Path.GetFileName(entry));
            if (m.Success && int.TryParse(m.Groups[1].Value, out int pid) && pid != Environment.ProcessId && !OutputFolder.IsAlive(pid))
                OutputFolder.Remove(entry);
        }
    }

    static bool IsTemporary(string name) => Temporary().IsMatch(name);

    [GeneratedRegex(@"^\..+\.tmp-(\d+)-[0-9a-f]{32}$")]
    private static partial Regex Temporary();

    static string TempBeside(string full) =>
        Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");

    /// <summary>Writes DIR/<paramref name="relative"/> atomically (a temporary file renamed into place, replacing an older one).</summary>
    public void WriteText(string relative, string text) =>
        Atomically(relative, isFolder: false, temp => { FiniteOutput.WriteAllText(temp, text); return true; });

    /// <summary>
    /// Writes DIR/<paramref name="relative"/> atomically with a writer of its own (a PNG): <paramref name="write"/> writes the
    /// temporary path it is given and returns true, or false to write nothing (an older file is then removed).
    /// </summary>
    public bool WriteFolderFile(string relative, Func<string, bool> write)
    {
        bool written = Atomically(relative, isFolder: false, write);
        if (!written) OutputFolder.Remove(Path.Combine(FullPath, relative));
        return written;
    }

    /// <summary>
    /// Writes the folder DIR/<paramref name="relative"/> as a whole: <paramref name="write"/> fills a temporary folder, which
    /// then replaces an older one.
    /// </summary>
    public T WriteFolder<T>(string relative, Func<string, T> write)
    {
        T result = default!;
        Atomically(relative, isFolder: true, temp => { Directory.CreateDirectory(temp); result = write(temp); return true; });
        return result;
    }

    bool Atomically(string relative, bool isFolder, Func<string, bool> write)
    {
        var full = Path.Combine(FullPath, relative);
        var temp = TempBeside(full);
        lock (OutputFolder.Gate)
        {
            OutputFolder.ThrowIfAborted();
            OutputFolder.TempFiles.Add(temp);
        }
        try
        {
            if (!OutputFolder.Writing(() => write(temp))) return false;
            lock (OutputFolder.Gate)
            {
                OutputFolder.ThrowIfAborted();
                if (!isFolder) File.Move(temp, full, overwrite: true);
                else if (!Directory.Exists(full)) Directory.Move(temp, full);
                else
                {
                    var old = TempBeside(full);
                    Directory.Move(full, old);
                    Directory.Move(temp, full);
                    OutputFolder.Remove(old);
                }
                OutputFolder.TempFiles.Remove(temp); // in place: nothing of it is unfinished
            }
            return true;
        }
        catch (Exception e) when (OutputFolder.IsIoFault(e)) { throw OutputFolder.Fault(e, _option, full, Valid); }
        finally
        {
            OutputFolder.Discard(temp);
        }
    }

    /// <summary>
    /// Releases the lock (deleting its file); a DIR this run created and left without a single file (it failed before its
    /// first point) is removed first, while the lock is held, and the parents it created after.
    /// </summary>
    public void Dispose()
    {
        bool empty = _made.Count > 0 && Directory.Exists(FullPath)
                     && !Directory.EnumerateFiles(FullPath, "*", SearchOption.AllDirectories).Any();
        if (empty) OutputFolder.Remove(FullPath);
        if (_lock is not null)
        {
            lock (OutputFolder.Gate) OutputFolder.Resumable.Remove(_lockPath);
            try { File.Delete(_lockPath); } catch (Exception e) when (OutputFolder.IsIoFault(e)) { }
            _lock.Dispose();
            _lock = null;
        }
        if (empty) OutputFolder.RemoveEmpty(_made.Skip(1)); // the parents, innermost first
        _made.Clear();
    }
}
