using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Globalization;
using Microsoft.Win32.SafeHandles;
using MieCool.Core;

namespace MieCool.Mesh;

/// <summary>
/// gmsh in a process of its own: <see cref="ParticleMesher.Generate(MeshSpec, IProgress{string}?)"/> has a worker,
/// <c>dotnet MieCool.Mesh.dll</c> (this assembly is also the worker's program, <see cref="Serve"/>), mesh with libgmsh and
/// send the mesh back. gmsh 4.8 corrupts the C heap now and then (a test host that meshed, and ran no other native library,
/// died in glibc's malloc; docs/known-issues.md) and aborts its process on some C++ exceptions; in a process of its own
/// neither can reach the program or its other native libraries (Mesa, Skia), and its setlocale and setenv race with no
/// other thread. One worker serves the program's meshes one after the other (a sweep pays its start-up once); a worker
/// that crashes is replaced, and the mesh made once more by the new one (a crash inside gmsh is rare and intermittent), the
/// last time with one thread (<see cref="Attempts"/>); a crash of every try is a <see cref="ComputationException"/> with the
/// worker's last words.
/// <para>
/// Protocol: the parent writes each <see cref="MeshSpec"/> as one line to the worker's standard input (its values in
/// round-trip notation, <see cref="SpecLine"/>) and keeps the input open: its end (the parent gone, however it ended)
/// stops the worker at once, also in the middle of a mesh. The worker writes one line per message to its standard error:
/// "progress: TEXT" (gmsh's log and the mesher's lines), then either "error: TEXT" (gmsh failed) or "done LENGTH", after
/// which LENGTH bytes of result follow on its standard output, which nothing else writes to (the worker points its file
/// descriptor 1 at standard error first, so that gmsh's own terminal output cannot mix into it): "MCWORK01", the report
/// (int32 length, then its values, little-endian), then the mesh in <see cref="MeshCache"/>'s checked layout (SHA-256).
/// </para>
/// </summary>
public sealed partial class MeshWorker : IDisposable
{
    static readonly byte[] Magic = "MCWORK01"u8.ToArray();

    const string ProgressTag = "progress: ", ErrorTag = "error: ", DoneTag = "done ";

    /// <summary>
    /// Workers that try one mesh before a crash is reported; the last of them meshes a multi-threaded spec with one thread
    /// (gmsh's Delaunay instead of HXT, in which the crashes are seen: twice in a row for one coarse spec, 2026-12-03).
    /// </summary>
    public const int Attempts = 3;

    static readonly Lazy<MeshWorker> Shared = new(() => new MeshWorker(Start));

    readonly Func<ProcessStartInfo> _start;
    readonly Lock _gate = new(); // one mesh at a time: gmsh is one global state in its worker
    Process? _process;

    /// <summary>A worker pool of one, started by <paramref name="start"/> when a mesh is wanted and none is running.</summary>
    internal MeshWorker(Func<ProcessStartInfo> start) => _start = start;

    /// <summary>The process id of the running worker (null: none yet, or it ended).</summary>
    internal int? ProcessId
    {
        get { lock (_gate) return _process is { HasExited: false } p ? p.Id : null; }
    }

    /// <summary>
    /// The mesh of <paramref name="spec"/> made by the program's worker process (the spec already checked by the caller,
    /// see <see cref="ParticleMesher.Generate(MeshSpec, IProgress{string}, MeshCache)"/>), its progress forwarded to
    /// <paramref name="progress"/> as it comes, and kept in <paramref name="keep"/> (when it keeps such meshes) as the worker
    /// sent it: its answer is already a cache entry. One mesh at a time; a second caller waits.
    /// </summary>
    /// <exception cref="ComputationException">gmsh failed (its message), or the worker could not start or crashed twice.</exception>
    public static MeshResult Run(MeshSpec spec, IProgress<string>? progress = null, MeshCache? keep = null) =>
        Shared.Value.Mesh(spec, progress, keep);

    /// <summary><see cref="Run"/> with this pool's worker.</summary>
    internal MeshResult Mesh(MeshSpec spec, IProgress<string>? progress, MeshCache? keep = null)
    {
        lock (_gate)
        {
            for (int attempt = 1; ; attempt++)
            {
                var tried = SpecOfAttempt(spec, attempt);
                var (answer, crash) = Once(tried, progress);
                if (answer is var (result, entry))
                {
                    keep?.WriteEntry(tried, entry, progress); // under the spec it was made for (its report says 1 thread)
                    return result;
                }
                if (attempt == Attempts)
                    throw new ComputationException($"gmsh crashed {Attempts} times while meshing ({crash}); mesh with other " +
                                                   "[mesh] settings (h_min, grading), or report it with the case file");
                bool single = SpecOfAttempt(spec, attempt + 1).Threads != tried.Threads;
                progress?.Report($"gmsh crashed while meshing ({crash}); meshing again in a new process" +
                                 (single ? " with 1 thread (gmsh's Delaunay instead of HXT)" : ""));
            }
        }
    }

    /// <summary>What try <paramref name="attempt"/> meshes: the spec, and for the last try of a multi-threaded one, one thread.</summary>
    internal static MeshSpec SpecOfAttempt(MeshSpec spec, int attempt) =>
        attempt == Attempts && ParticleMesher.Threads(spec) > 1 ? spec with { Threads = 1 } : spec;

    /// <summary>Ends the worker (closes its standard input: it stops itself), if one runs.</summary>
    public void Dispose()
    {
        lock (_gate) Stop();
    }

    /// <summary>Ends the worker, if one runs, and returns its exit code (null: none ran).</summary>
    int? Stop()
    {
        if (_process is not { } worker) return null;
        _process = null;
        using (worker)
        {
            try { worker.StandardInput.Close(); } catch (IOException) { }
            if (!worker.WaitForExit(5000))
            {
                try { worker.Kill(); } catch (InvalidOperationException) { } // it ended meanwhile
                worker.WaitForExit();
            }
            return worker.ExitCode;
        }
    }

    Process Launch()
    {
        var start = _start();
        start.RedirectStandardInput = start.RedirectStandardOutput = start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.StandardErrorEncoding = Encoding.UTF8;
        try { return Process.Start(start) ?? throw new InvalidOperationException("no process"); }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new ComputationException($"the mesher could not start ({start.FileName} {string.Join(' ', start.ArgumentList)}: " +
                                           $"{e.Message})", e);
        }
    }

    /// <summary>
    /// One try: the mesh and the cache entry it came in, or null and why the worker died (a failure of gmsh is thrown; the
    /// worker stays).
    /// </summary>
    ((MeshResult Result, ReadOnlyMemory<byte> Entry)? Answer, string Crash) Once(MeshSpec spec, IProgress<string>? progress)
    {
        if (_process is { HasExited: true }) Stop();
        var worker = _process ??= Launch();
        var lastWords = new Queue<string>(); // the last lines that were no message: a crash's own report
        bool terminal = Environment.GetEnvironmentVariable("MIECOOL_GMSH_TERMINAL") == "1"; // gmsh's own output, passed on
        byte[]? output = null;
        try
        {
            try
            {
                worker.StandardInput.WriteLine(SpecLine(spec));
                worker.StandardInput.Flush();
            }
            catch (IOException) { } // the worker is gone already: its end of standard error and its exit code tell
            while (worker.StandardError.ReadLine() is { } line)
            {
                if (line.StartsWith(ProgressTag, StringComparison.Ordinal)) progress?.Report(line[ProgressTag.Length..]);
                else if (line.StartsWith(ErrorTag, StringComparison.Ordinal)) throw new ComputationException(line[ErrorTag.Length..]);
                else if (line.StartsWith(DoneTag, StringComparison.Ordinal))
                {
                    if (int.TryParse(line.AsSpan(DoneTag.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int n))
                    {
                        output = new byte[n];
                        try { worker.StandardOutput.BaseStream.ReadExactly(output); }
                        catch (EndOfStreamException) { output = null; }
                    }
                    break;
                }
                else if (!string.IsNullOrWhiteSpace(line))
                {
                    if (terminal) Console.Error.WriteLine(line);
                    lastWords.Enqueue(line.Trim());
                    if (lastWords.Count > 3) lastWords.Dequeue();
                }
            }
        }
        catch (Exception e) when (e is not ComputationException)
        {
            Stop(); // no worker left in an unknown state
            throw;
        }
        if (output is not null && Decode(output, spec) is { } answer) return (answer, "");
        // the worker died, or sent what does not check out: it goes
        int? code = Stop();
        string words = lastWords.Count > 0 ? string.Join(" / ", lastWords) : "no message";
        return (null, output is null ? $"exit code {code}: {words}" : $"its result did not check out; {words}");
    }

    /// <summary>
    /// The argument that makes a native program (<see cref="ProgramImage.IsNative"/>) the worker: its entry point hands a
    /// command line of only this to <see cref="Serve"/> (src/Cli/Program.cs).
    /// </summary>
    public const string WorkerArgument = "--mesh-worker";

    /// <summary>
    /// The worker: <c>dotnet MieCool.Mesh.dll</c>, with the dotnet host that runs this program; in a native program, the
    /// program itself with <see cref="WorkerArgument"/> (its image holds this assembly's code).
    /// </summary>
    internal static ProcessStartInfo Start()
    {
        ProcessStartInfo start;
        if (ProgramImage.NativeExecutable is { } native)
        {
            start = new ProcessStartInfo(native);
            start.ArgumentList.Add(WorkerArgument);
        }
        else
        {
            start = new ProcessStartInfo(Host());
            start.ArgumentList.Add(WorkerPath());
        }
        // gmsh's OpenMP threads wait passively instead of spinning (GmshSession); a user's own setting wins
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OMP_WAIT_POLICY"))) start.Environment["OMP_WAIT_POLICY"] = "PASSIVE";
        return start;
    }

    /// <summary>The dotnet host that runs this program (and so can run the worker).</summary>
    static string Host()
    {
        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
        // the shared runtime is DOTNET_ROOT/shared/Microsoft.NETCore.App/VERSION/
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var host = Path.Combine(root, "dotnet");
        return File.Exists(host) ? host : "dotnet";
    }

    /// <summary>The worker's program: this assembly, which its runtimeconfig.json beside it makes runnable.</summary>
    static string WorkerPath()
    {
        var dll = ProgramImage.Assembly("MieCool.Mesh.dll");
        if (!File.Exists(dll) || !File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json")))
            throw new ComputationException($"the mesher cannot run: MieCool.Mesh.runtimeconfig.json is missing beside '{dll}' " +
                                           "(rebuild the program: MieCool.Mesh is also the mesher's executable)");
        return dll;
    }

    /// <summary>The spec as one line of its values, doubles in round-trip notation (read back bit for bit).</summary>
    internal static string SpecLine(MeshSpec s) => string.Join(" ",
        R(s.Radius), R(s.ShellThickness), s.Contact.Kind.ToString(), R(s.Contact.Value), R(s.BoxHalfSize), R(s.HMin), R(s.Grading),
        s.Order.ToString(CultureInfo.InvariantCulture), s.Threads.ToString(CultureInfo.InvariantCulture),
        s.MaxElements.ToString(CultureInfo.InvariantCulture));

    static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The spec of a <see cref="SpecLine"/>, or null when the line is not one.</summary>
    internal static MeshSpec? ParseSpec(string line)
    {
        var v = line.Split(' ');
        static bool D(string t, out double x) => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out x);
        static bool I(string t, out int x) => int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out x);
        if (v.Length != 10 || !D(v[0], out var r) || !D(v[1], out var shell) || !Enum.TryParse<ContactKind>(v[2], out var kind)
            || !D(v[3], out var contact) || !D(v[4], out var box) || !D(v[5], out var h) || !D(v[6], out var g)
            || !I(v[7], out var order) || !I(v[8], out var threads) || !I(v[9], out var max))
            return null;
        return new MeshSpec(r, shell, new ContactSpec(kind, contact), box, h, g, order, threads, max);
    }

    static byte[] EncodeReport(MeshReport r)
    {
        using var s = new MemoryStream();
        using (var w = new BinaryWriter(s))
        {
            w.Write(r.Regions.Count);
            foreach (var g in r.Regions)
            {
                w.Write(g.Tag); w.Write(g.Cells); w.Write(g.Nodes); w.Write(g.VolumeM3); w.Write(g.ExactVolumeM3);
            }
            w.Write(r.NodeCount); w.Write(r.VertexCount); w.Write(r.CellCount); w.Write(r.BoundaryFaceCount);
            w.Write(r.MinDihedralDeg); w.Write(r.ContactRadiusM); w.Write(r.ContactWedgeDeg); w.Write(r.GeometrySeconds);
            w.Write(r.MeshingSeconds); w.Write(r.ReadBackSeconds); w.Write(r.ReadBackCpuSeconds); w.Write(r.Threads);
        }
        return s.ToArray();
    }

    static MeshReport? DecodeReport(byte[] b, int at, int length)
    {
        try
        {
            using var r = new BinaryReader(new MemoryStream(b, at, length));
            int n = r.ReadInt32();
            if (n < 0 || n > 16) return null;
            var regions = new RegionStats[n];
            for (int i = 0; i < n; i++) regions[i] = new(r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadDouble(), r.ReadDouble());
            return new MeshReport(regions, r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadDouble(), r.ReadDouble(),
                                  r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadInt32());
        }
        catch (EndOfStreamException) { return null; }
    }

    static (MeshResult, ReadOnlyMemory<byte>)? Decode(byte[] b, MeshSpec spec)
    {
        if (b.Length < 12 || !b.AsSpan(0, 8).SequenceEqual(Magic)) return null;
        int length = BinaryPrimitives.ReadInt32LittleEndian(b.AsSpan(8));
        if (length <= 0 || 12L + length > b.Length) return null;
        var report = DecodeReport(b, 12, length);
        var entry = b.AsMemory(12 + length);
        var mesh = MeshCache.Decode(entry, MeshCache.Key(spec));
        return report is null || mesh is null ? null : (new MeshResult(mesh, report), entry);
    }

    /// <summary>
    /// The worker's program (<c>dotnet MieCool.Mesh.dll</c>, or a native program's <see cref="WorkerArgument"/>; see the
    /// class remarks for the protocol): meshes each spec read from standard input in this process with gmsh, until standard
    /// input ends (then it kills itself at once: exit code 137). Exit code 2 when its standard output cannot be set aside.
    /// </summary>
    public static int Serve()
    {
        // the result channel is the standard output as it was; descriptor 1 then points at standard error
        int resultFd = Dup(1);
        if (resultFd < 0 || Dup2(2, 1) < 0) return 2;
        var messages = new StreamWriter(Console.OpenStandardError(), new UTF8Encoding(false)) { AutoFlush = true };
        using var output = new FileStream(new SafeFileHandle(resultFd, ownsHandle: true), FileAccess.Write);
        // standard input on a thread of its own: its end means the parent is gone, and nobody waits for any mesh
        var specs = new System.Collections.Concurrent.BlockingCollection<string>();
        new Thread(() =>
        {
            try
            {
                while (Console.In.ReadLine() is { } line) specs.Add(line);
            }
            catch (IOException) { }
            Process.GetCurrentProcess().Kill();
        }) { IsBackground = true, Name = "parent watch" }.Start();
        var progress = new Lines(messages);
        Span<byte> length = stackalloc byte[4];
        while (true)
        {
            var line = specs.Take();
            if (ParseSpec(line) is not { } spec)
            {
                messages.WriteLine(ErrorTag + $"not a mesh specification: \"{line}\"");
                continue;
            }
            MeshResult result;
            try { result = ParticleMesher.Generate(spec, progress, gmshSetOrder: false); }
            catch (Exception e) when (e is ComputationException or InputException)
            {
                messages.WriteLine(ErrorTag + e.Message.ReplaceLineEndings(" "));
                continue;
            }
            var report = EncodeReport(result.Report);
            var mesh = MeshCache.Encode(result.Mesh, MeshCache.Key(spec));
            BinaryPrimitives.WriteInt32LittleEndian(length, report.Length);
            messages.WriteLine(DoneTag + (Magic.Length + 4 + report.Length + mesh.Length).ToString(CultureInfo.InvariantCulture));
            output.Write(Magic);
            output.Write(length);
            output.Write(report);
            output.Write(mesh);
            output.Flush();
        }
    }

    sealed class Lines(StreamWriter writer) : IProgress<string>
    {
        public void Report(string value)
        {
            lock (writer) writer.WriteLine(ProgressTag + value.ReplaceLineEndings(" "));
        }
    }

    [LibraryImport("libc", EntryPoint = "dup")] private static partial int Dup(int fd);
    [LibraryImport("libc", EntryPoint = "dup2")] private static partial int Dup2(int from, int to);
}

/// <summary>The entry point of <c>dotnet MieCool.Mesh.dll</c>: the mesher's worker process (<see cref="MeshWorker"/>).</summary>
static class WorkerProgram
{
    static int Main() => MeshWorker.Serve();
}
