using MieCool.Core;

namespace MieCool.Cli.Output;

/// <summary>
/// The one place every command writes its result folder. <see cref="Claim"/> (before any computation) checks the path,
/// creates missing parent folders, takes DIR's exclusive lock (a hidden lock file beside DIR, held with
/// <see cref="FileShare.None"/>: another miecool process writing DIR is refused) and removes leftovers of killed runs.
/// <see cref="OutputClaim.Write{T}"/> then writes everything into a hidden temporary sibling of DIR and replaces DIR as a
/// whole, so that DIR only ever holds one complete result. A fault (read-only, missing parent, file where a folder is
/// expected, full disk) becomes one <see cref="InputException"/> naming the path and what is valid, and leaves nothing
/// behind; so does SIGINT or SIGTERM (<see cref="Signals"/>).
/// </summary>
/// <remarks>
/// Names beside DIR: <c>.DIR.lock</c> (the lock), <c>.DIR.tmp-PID-GUID</c> (the result being written),
/// <c>.DIR.old-PID-GUID</c> (the previous result while it is swapped out). A run killed with SIGKILL can leave these; the
/// next run that claims DIR removes them (it holds the lock, so no live writer owns them).
/// </remarks>
public static class OutputFolder
{
    /// <summary>
    /// Every file name a miecool command writes into a result folder. An existing DIR is replaced only when it is empty or
    /// holds nothing but such files (a folder of other files is refused, never deleted).
    /// </summary>
    public static readonly IReadOnlySet<string> ResultFiles = new HashSet<string>(StringComparer.Ordinal)
    {
        "summary.json", "fields.h5", "fields.xdmf", "spectrum.csv", "spectrum.png", "temperature.png", // run, spectrum
        "spectrum_emission.csv", "fields_boundary.xdmf", "fields_particle.xdmf", "view.py",            // run
        "heat.h5", "heat.xdmf", "heat_boundary.xdmf", "heat_particle.xdmf",                             // heat
        "mesh.h5", "mesh.xdmf", "mesh_boundary.xdmf",                                                   // mesh
        "sweep.csv", "sweep.png",                                                                       // sweep
        "cooling_map.csv", "eta_c.png", "cooling_power.png", "eta_c_temperature.csv", "eta_c_temperature.png", // map
        "cooling_curve.csv", "cooling_curve.png",                                                       // transient
        "spectrum.svg", "temperature.svg", "sweep.svg", "eta_c.svg", "cooling_power.svg", "eta_c_temperature.svg", // figures
        "cooling_curve.svg",                                                                            // as SVG
    };

    /// <summary>
    /// Claims DIR for this process: refuses a path that cannot become a result folder (a file, a file above it, a folder of
    /// other files, a folder that does not accept new files, another process writing it), creates its missing parents,
    /// takes the lock and removes leftovers of killed runs. Dispose the claim when the command ends (it releases the lock
    /// and removes the parents it created when nothing was written). <paramref name="option"/> names the option in errors.
    /// </summary>
    public static OutputClaim Claim(string outDir, string option = "--out") => new(outDir, option);

    /// <summary>
    /// The error for an I/O fault while writing <paramref name="path"/>: one line that says what went wrong (disk full,
    /// read-only, missing folder, permission) and what is valid; <paramref name="option"/> names the option.
    /// </summary>
    public static InputException Fault(Exception e, string option, string path, string valid)
    {
        e = IoCause(e) ?? e;
        string why = e switch
        {
            _ when IsDiskFull(e) => "no space left on the device (disk full)",
            _ when e.HResult == ReadOnlyFileSystem || e.Message.Contains("Read-only file system", StringComparison.Ordinal)
                => "the file system is read-only",
            DirectoryNotFoundException => "a folder on the path does not exist",
            // ENOENT on creating a file in a folder that exists: a folder that does not take new files (/proc, /sys)
            FileNotFoundException => "the folder does not accept new files (a system folder such as /proc)",
            UnauthorizedAccessException => "permission denied (read-only or immutable)",
            _ => e.Message,
        };
        return new InputException(option, $"cannot write {path}: {why}", valid: valid, inner: e);
    }

    /// <summary>
    /// True for IOException ENOSPC / EDQUOT (Linux errno 28 and 122, Windows ERROR_DISK_FULL / HANDLE_DISK_FULL), and for
    /// .NET's own "Failed to create ... with allocation size ... because the disk was full" (a file created with its size).
    /// </summary>
    static bool IsDiskFull(Exception e) =>
        e.HResult is 28 or 122 or 112 or 39 or unchecked((int)0x80070070) or unchecked((int)0x80070027)
        || e.Message.Contains("No space left", StringComparison.Ordinal)
        || e.Message.Contains("because the disk was full", StringComparison.Ordinal)
        || e.Message.Contains("quota exceeded", StringComparison.OrdinalIgnoreCase);

    const int ReadOnlyFileSystem = 30; // EROFS

    /// <summary>
    /// Whether <paramref name="e"/> is an I/O fault of the file system (not a bug): mapped by <see cref="Fault"/>. Writers
    /// that call through reflection (PureHDF) wrap it in a TargetInvocationException: the cause is looked for inside.
    /// </summary>
    public static bool IsIoFault(Exception e) => IoCause(e) is not null;

    static Exception? IoCause(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is IOException or UnauthorizedAccessException) return e;
        return null;
    }

    // ---- what SIGINT / SIGTERM clean up: the claims of this process, under one gate with their commits
    internal static readonly Lock Gate = new();
    internal static readonly List<OutputClaim> Active = [];
    internal static readonly HashSet<string> TempFiles = [];
    /// <summary>
    /// Folders that keep what is finished (a sweep's points), by their lock file: on a signal the lock is removed, the folder
    /// kept and named in the signal's line (the same command resumes there).
    /// </summary>
    internal static readonly Dictionary<string, string> Resumable = [];
    internal static volatile bool Aborted;
    /// <summary>Set (under the gate) when something unfinished was removed after the signal, by the handler or by the writer.</summary>
    internal static bool Discarded;

    static int _writers;
    static readonly ManualResetEventSlim Idle = new(true);

    /// <summary>
    /// Abandons every claim of this process (on SIGINT / SIGTERM, <see cref="Signals"/>): no write or commit starts after
    /// it; a write in progress (it cannot be stopped: HDF5, PNG encoders) may finish for up to <paramref name="wait"/>, so
    /// that it cannot recreate what is removed; then the temporary folders and files, the lock files and the parents
    /// created are removed. The writing thread then ends with an <see cref="OperationCanceledException"/>.
    /// </summary>
    /// <returns>
    /// Whether anything unfinished was removed once the signal came (here, or by the writing thread as it stopped): false when
    /// every result had already been put in place (a signal after the result was complete, which is then kept).
    /// </returns>
    public static bool AbandonAll(TimeSpan wait)
    {
        lock (Gate) Aborted = true;
        Idle.Wait(wait);
        lock (Gate)
        {
            foreach (var c in Active.ToList()) c.Abandon();
            foreach (var f in TempFiles) Remove(f);
            foreach (var lockFile in Resumable.Keys) Remove(lockFile);
            Discarded |= TempFiles.Count > 0;
            return Discarded;
        }
    }

    /// <summary>Runs <paramref name="write"/> as one write that <see cref="AbandonAll"/> waits for; refused once abandoned.</summary>
    internal static T Writing<T>(Func<T> write)
    {
        lock (Gate)
        {
            ThrowIfAborted();
            if (_writers++ == 0) Idle.Reset();
        }
        try { return write(); }
        finally
        {
            lock (Gate) if (--_writers == 0) Idle.Set();
        }
    }

    /// <summary>After SIGINT / SIGTERM: the signal handler ends the process; the writing thread stops here.</summary>
    internal static void ThrowIfAborted()
    {
        if (Aborted) throw new OperationCanceledException("interrupted by a signal");
    }

    /// <summary>
    /// The end of a temporary file or folder of <see cref="TempFiles"/> (it was moved into place, or a write failed): removed
    /// under the gate, as the signal handler removes it (never two threads deleting the same file at once).
    /// </summary>
    internal static void Discard(string temp)
    {
        lock (Gate)
        {
            if (TempFiles.Remove(temp) && Aborted) Discarded = true;
            Remove(temp);
        }
    }

    /// <summary>True when a process with id <paramref name="pid"/> runs (Linux: /proc/PID).</summary>
    internal static bool IsAlive(int pid)
    {
        if (OperatingSystem.IsLinux()) return Directory.Exists($"/proc/{pid}");
        try { using var p = System.Diagnostics.Process.GetProcessById(pid); return !p.HasExited; }
        catch (ArgumentException) { return false; }
    }

    /// <summary>
    /// Deletes the folders that are empty, innermost first (the parents a run created, when it wrote nothing into them);
    /// one that holds anything (another process wrote there) stays.
    /// </summary>
    internal static void RemoveEmpty(IEnumerable<string> foldersInnermostFirst)
    {
        foreach (var folder in foldersInnermostFirst)
        {
            try
            {
                if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any()) Directory.Delete(folder);
            }
            catch (Exception e) when (IsIoFault(e)) { }
        }
    }

    /// <summary>Deletes a folder or file, ignoring one that is already gone; retried once (a writer may still add a file).</summary>
    internal static void Remove(string path)
    {
        for (int attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
                else if (File.Exists(path)) File.Delete(path);
                return;
            }
            catch (Exception e) when (IsIoFault(e)) { if (attempt == 2) return; }
        }
    }
}

/// <summary>
/// One command's hold on its result folder (<see cref="OutputFolder.Claim"/>): the lock, the temporary folder while writing,
/// and the folders it created. <see cref="Write{T}"/> replaces DIR as a whole; <see cref="Dispose"/> releases everything.
/// </summary>
public sealed class OutputClaim : IDisposable
{
    const string Valid = "a folder path in a writable folder with free space (a new folder, or a miecool result folder, " +
                         "which is replaced as a whole)";
    readonly string _option, _given, _full, _parent, _name;
    readonly List<string> _madeParents = [];
    FileStream? _lock;
    string? _temp;
    bool _committed, _released;

    /// <summary>The full path of DIR.</summary>
    public string FullPath => _full;
    string LockPath => Path.Combine(_parent, $".{_name}.lock");

    internal OutputClaim(string outDir, string option)
    {
        _option = option; _given = outDir;
        _full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outDir));
        _parent = Path.GetDirectoryName(_full)
            ?? throw new InputException(option, "is the root folder", value: outDir, valid: Valid);
        _name = Path.GetFileName(_full);
        if (File.Exists(_full))
            throw new InputException(option, "is a file, not a folder", value: outDir, valid: Valid);
        for (var p = _parent; p is not null && !Directory.Exists(p); p = Path.GetDirectoryName(p))
            if (File.Exists(p)) throw new InputException(option, $"{p} is a file, not a folder", value: outDir, valid: Valid);
        CheckReplaceable();
        lock (OutputFolder.Gate)
        {
            OutputFolder.ThrowIfAborted();
            OutputFolder.Active.Add(this);
        }
        try
        {
            MakeParents();
            TakeLock();
            RemoveLeftovers();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>An existing DIR must be empty or hold only miecool result files: anything else is the user's, never deleted.</summary>
    void CheckReplaceable()
    {
        if (!Directory.Exists(_full)) return;
        string[] entries;
        try { entries = Directory.GetFileSystemEntries(_full); }
        catch (Exception e) when (OutputFolder.IsIoFault(e)) { throw OutputFolder.Fault(e, _option, _full, Valid); }
        var foreign = entries.Where(e => Directory.Exists(e) || !OutputFolder.ResultFiles.Contains(Path.GetFileName(e)))
                             .Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        if (foreign.Count > 0)
            throw new InputException(_option,
                $"the folder exists and holds {(foreign.Count == 1 ? "an entry" : $"{foreign.Count} entries")} that miecool did " +
                $"not write ({string.Join(", ", foreign.Take(3))}{(foreign.Count > 3 ? ", ..." : "")}); it is not replaced",
                value: _given, valid: "a new or empty folder, or an earlier miecool result folder (replaced as a whole)");
    }

    void MakeParents()
    {
        var missing = new Stack<string>();
        for (var p = _parent; p is not null && !Directory.Exists(p); p = Path.GetDirectoryName(p)) missing.Push(p);
        try
        {
            while (missing.Count > 0)
            {
                var p = missing.Pop();
                Directory.CreateDirectory(p);
                _madeParents.Add(p);
            }
        }
        catch (Exception e) when (OutputFolder.IsIoFault(e)) { throw OutputFolder.Fault(e, _option, _full, Valid); }
    }

    /// <summary>
    /// Opens .DIR.lock with FileShare.None (on Linux an exclusive flock, released by the kernel when the process dies, so a
    /// killed run's lock file is taken over). The file is deleted at release; a lock taken on a file that was deleted
    /// meanwhile (by the previous holder's release) is taken again on the new file.
    /// </summary>
    void TakeLock()
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                _lock = new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException e) when (IsHeld(e))
            {
                throw new InputException(_option, "another miecool process is writing this folder now (it holds " +
                                                  $"{LockPath})", value: _given,
                    valid: "wait until that run ends, or choose another folder", inner: e);
            }
            catch (Exception e) when (OutputFolder.IsIoFault(e)) { throw OutputFolder.Fault(e, _option, _full, Valid); }
            if (File.Exists(LockPath) || attempt >= 10) break;
            _lock.Dispose(); _lock = null; // the holder released (and deleted) the file between our open and our lock
        }
        try
        {
            var pid = System.Text.Encoding.ASCII.GetBytes($"{Environment.ProcessId}\n");
            _lock.SetLength(0); _lock.Write(pid); _lock.Flush();
        }
        catch (Exception e) when (OutputFolder.IsIoFault(e)) { throw OutputFolder.Fault(e, _option, _full, Valid); }
    }

    /// <summary>The lock is held by another open file (EWOULDBLOCK from flock: .NET's sharing violation).</summary>
    static bool IsHeld(IOException e) => e.HResult is 11 or unchecked((int)0x80070020)
                                         || e.Message.Contains("being used by another process", StringComparison.Ordinal);

    /// <summary>Temporary and swapped-out folders of DIR left by killed runs (no live writer owns them while we hold the lock).</summary>
    void RemoveLeftovers()
    {
        foreach (var pattern in new[] { $".{_name}.tmp-*", $".{_name}.old-*" })
            foreach (var d in Directory.EnumerateDirectories(_parent, pattern))
                if (d != _temp) OutputFolder.Remove(d);
    }

    /// <summary>
    /// Calls <paramref name="write"/> with a fresh temporary folder beside DIR, checks that it wrote only result files, then
    /// replaces DIR with it as a whole (an earlier result is removed). A fault while writing or moving becomes an
    /// <see cref="InputException"/> naming DIR; on any failure nothing of this result is left.
    /// </summary>
    public T Write<T>(Func<string, T> write)
    {
        ObjectDisposedException.ThrowIf(_released, this);
        if (_committed) throw new InvalidOperationException("an output claim writes once");
        var temp = Path.Combine(_parent, $".{_name}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
        lock (OutputFolder.Gate) _temp = temp; // what the signal handler removes
        try
        {
            var result = OutputFolder.Writing(() =>
            {
                Directory.CreateDirectory(temp);
                return write(temp);
            });
            foreach (var f in Directory.GetFileSystemEntries(temp))
                if (!OutputFolder.ResultFiles.Contains(Path.GetFileName(f)))
                    throw new InvalidOperationException($"{Path.GetFileName(f)} is not in OutputFolder.ResultFiles");
            Commit();
            return result;
        }
        catch (Exception e) when (OutputFolder.IsIoFault(e)) { throw OutputFolder.Fault(e, _option, _full, Valid); }
        finally
        {
            // under the gate: the signal handler's Abandon removes the same folder, and must not see it half deleted
            lock (OutputFolder.Gate)
                if (!_committed && _temp is not null) { OutputFolder.Remove(_temp); _temp = null; }
        }
    }

    /// <summary>DIR := the temporary folder: renamed into place, an existing DIR swapped out first and then removed.</summary>
    void Commit()
    {
        lock (OutputFolder.Gate)
        {
            OutputFolder.ThrowIfAborted();
            if (!Directory.Exists(_full)) Directory.Move(_temp!, _full);
            else
            {
                CheckReplaceable(); // still only results (a user may have added a file while we computed)
                var old = Path.Combine(_parent, $".{_name}.old-{Environment.ProcessId}-{Guid.NewGuid():N}");
                Directory.Move(_full, old);
                try { Directory.Move(_temp!, _full); }
                catch
                {
                    Directory.Move(old, _full); // put the earlier result back
                    throw;
                }
                OutputFolder.Remove(old);
            }
            _committed = true;
            _temp = null;
        }
    }

    /// <summary>Signal path: removes the temporary folder and releases the claim (the caller holds the gate).</summary>
    internal void Abandon()
    {
        if (_temp is not null) { OutputFolder.Remove(_temp); _temp = null; }
        Release();
    }

    /// <summary>Releases the lock (deleting its file) and removes the parent folders this claim created when nothing was written.</summary>
    public void Dispose()
    {
        lock (OutputFolder.Gate) Release();
    }

    void Release()
    {
        if (_released) return;
        _released = true;
        OutputFolder.Active.Remove(this);
        if (!_committed && OutputFolder.Aborted) OutputFolder.Discarded = true;
        if (_lock is not null)
        {
            try { File.Delete(LockPath); } catch (Exception e) when (OutputFolder.IsIoFault(e)) { } // deleted while held, then closed
            _lock.Dispose();
            _lock = null;
        }
        if (_committed) return;
        OutputFolder.RemoveEmpty(Enumerable.Reverse(_madeParents));
    }
}

/// <summary>
/// The one place commands write a single output file (`render --out FILE`, `template --out FILE`): FILE must lie in an
/// existing folder and must not be a folder; it is written under a hidden temporary name beside it and renamed into place,
/// so a fault leaves neither a partial FILE nor the temporary one. Faults become an <see cref="InputException"/>.
/// </summary>
public static class OutputFile
{
    /// <summary>
    /// Refuses, before any work, a FILE that <see cref="Write"/> could not write: a folder, a path whose folder is missing
    /// or is a file, or (without <paramref name="overwrite"/>) an existing file.
    /// </summary>
    public static void Check(string path, string option, string valid, bool overwrite = true)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full);
        if (Directory.Exists(full)) throw new InputException(option, "is a folder, not a file", value: path, valid: valid);
        if (folder is null || !Directory.Exists(folder))
            throw new InputException(option, File.Exists(folder) ? $"{folder} is a file, not a folder" : $"folder {folder} does not exist",
                                     value: path, valid: valid);
        if (!overwrite && File.Exists(full)) throw new InputException(option, "file exists; not overwriting it", value: path, valid: valid);
    }

    /// <summary>
    /// Calls <paramref name="write"/> with a temporary path beside <paramref name="path"/>, then renames it to the path
    /// (replacing an existing file only when <paramref name="overwrite"/>). <paramref name="option"/> names the option and
    /// <paramref name="valid"/> says what is valid in errors.
    /// </summary>
    public static void Write(string path, string option, string valid, Action<string> write, bool overwrite = true)
    {
        Check(path, option, valid, overwrite);
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
        lock (OutputFolder.Gate)
        {
            OutputFolder.ThrowIfAborted();
            RemoveLeftovers(folder, Path.GetFileName(full));
            OutputFolder.TempFiles.Add(temp);
        }
        try
        {
            OutputFolder.Writing(() => { write(temp); return 0; });
            lock (OutputFolder.Gate)
            {
                OutputFolder.ThrowIfAborted();
                File.Move(temp, full, overwrite);
                OutputFolder.TempFiles.Remove(temp); // in place: nothing of it is unfinished
            }
        }
        catch (Exception e) when (OutputFolder.IsIoFault(e)) { throw OutputFolder.Fault(e, option, path, valid); }
        finally
        {
            OutputFolder.Discard(temp);
        }
    }

    /// <summary>
    /// Temporary files of FILE left by killed runs (<c>.FILE.tmp-PID-GUID</c>, and a PNG encoder's own <c>.</c> + that +
    /// <c>.tmp</c> inside it) whose process no longer runs: removed, so that a killed run leaves nothing a later one keeps.
    /// </summary>
    static void RemoveLeftovers(string folder, string name)
    {
        foreach (var pattern in new[] { $".{name}.tmp-*", $"..{name}.tmp-*" })
        {
            string[] found;
            try { found = Directory.GetFiles(folder, pattern); }
            catch (Exception e) when (OutputFolder.IsIoFault(e)) { return; }
            foreach (var f in found)
            {
                var rest = Path.GetFileName(f)[(pattern.Length - 1)..];
                int dash = rest.IndexOf('-');
                if (dash > 0 && int.TryParse(rest.AsSpan(0, dash), out int pid) && pid != Environment.ProcessId
                    && !OutputFolder.IsAlive(pid))
                    OutputFolder.Remove(f);
            }
        }
    }
}
