using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Globalization;
using Microsoft.Win32.SafeHandles;
using MieCool.Core;

namespace MieCool.Mesh;

/// <summary>
/// gmsh in a process of its own: <see cref="ParticleMesher.Generate(MeshSpec, IProgress{string}?)"/> starts
/// <c>dotnet MieCool.Mesh.dll</c> (this assembly is also the worker's program, <see cref="Serve"/>), which meshes with
/// libgmsh and sends the mesh back. gmsh 4.8 corrupts the C heap now and then (a test host that meshed, and ran no other
/// native library, died in glibc's malloc; docs/known-issues.md) and aborts the process on some C++ exceptions; in a
/// process of its own neither can reach the program or its other native libraries (Mesa, Skia), and its setlocale and
/// setenv race with no other thread. A worker that crashes is started once more (a crash inside gmsh is rare and
/// intermittent); a second crash is a <see cref="ComputationException"/> with the worker's last words.
/// <para>
/// Protocol: the parent writes the <see cref="MeshSpec"/> as one line to the worker's standard input (its values in
/// round-trip notation, <see cref="SpecLine"/>) and keeps it
/// open: its end (the parent gone, however it ended) stops the worker at once. The worker writes one line per message to
/// its standard error: "progress: TEXT" (gmsh's log and the mesher's lines) and, when meshing fails, "error: TEXT" before it
/// exits with 1. The result goes to its standard output, which nothing else writes to (the worker points its file
/// descriptor 1 at standard error first, so that gmsh's own terminal output cannot mix into it): "MCWORK01", the report
/// (int32 length, then its values, little-endian), then the mesh in <see cref="MeshCache"/>'s checked layout (SHA-256).
/// </para>
/// </summary>
public static partial class MeshWorker
{
    static readonly byte[] Magic = "MCWORK01"u8.ToArray();

    const string ProgressTag = "progress: ", ErrorTag = "error: ";

    /// <summary>Times a worker is started for one mesh before a crash is reported.</summary>
    public const int Attempts = 2;

    /// <summary>
    /// The mesh of <paramref name="spec"/> made by a worker process (the spec already checked by the caller, see
    /// <see cref="ParticleMesher.Generate(MeshSpec, IProgress{string}, MeshCache)"/>), its progress forwarded to
    /// <paramref name="progress"/> as it comes.
    /// </summary>
    /// <exception cref="ComputationException">gmsh failed (its message), or the worker could not start or crashed twice.</exception>
    public static MeshResult Run(MeshSpec spec, IProgress<string>? progress = null) => Run(spec, progress, Start);

    /// <summary><see cref="Run(MeshSpec, IProgress{string})"/> with the worker that <paramref name="start"/> describes.</summary>
    internal static MeshResult Run(MeshSpec spec, IProgress<string>? progress, Func<ProcessStartInfo> start)
    {
        for (int attempt = 1; ; attempt++)
        {
            var (result, crash) = Once(spec, progress, start());
            if (result is not null) return result;
            if (attempt == Attempts)
                throw new ComputationException($"gmsh crashed {Attempts} times while meshing ({crash}); mesh with other " +
                                               "[mesh] settings (h_min, grading), or report it with the case file");
            progress?.Report($"gmsh crashed while meshing ({crash}); meshing again in a new process");
        }
    }

    /// <summary>One worker: the mesh, or null and why the worker died (a failure of gmsh is thrown).</summary>
    static (MeshResult? Result, string Crash) Once(MeshSpec spec, IProgress<string>? progress, ProcessStartInfo start)
    {
        start.RedirectStandardInput = start.RedirectStandardOutput = start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.StandardErrorEncoding = Encoding.UTF8;
        Process worker;
        try { worker = Process.Start(start) ?? throw new InvalidOperationException("no process"); }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new ComputationException($"the mesher could not start ({start.FileName} {string.Join(' ', start.ArgumentList)}: " +
                                           $"{e.Message})", e);
        }
        using var _ = worker;
        string? error = null;
        var lastWords = new Queue<string>(); // the last lines that were no message: a crash's own report
        bool terminal = Environment.GetEnvironmentVariable("MIECOOL_GMSH_TERMINAL") == "1"; // gmsh's own output, passed on
        var messages = Task.Factory.StartNew(() =>
        {
            while (worker.StandardError.ReadLine() is { } line)
            {
                if (line.StartsWith(ProgressTag, StringComparison.Ordinal)) progress?.Report(line[ProgressTag.Length..]);
                else if (line.StartsWith(ErrorTag, StringComparison.Ordinal)) error = line[ErrorTag.Length..];
                else if (!string.IsNullOrWhiteSpace(line))
                {
                    if (terminal) Console.Error.WriteLine(line);
                    lastWords.Enqueue(line.Trim());
                    if (lastWords.Count > 3) lastWords.Dequeue();
                }
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        byte[] output;
        try
        {
            try
            {
                worker.StandardInput.WriteLine(SpecLine(spec)); // stays open while it works: its end stops the worker
                worker.StandardInput.Flush();
            }
            catch (IOException) { } // the worker is gone already: its exit code tells
            using var memory = new MemoryStream();
            worker.StandardOutput.BaseStream.CopyTo(memory);
            output = memory.ToArray();
            try { worker.StandardInput.Close(); } catch (IOException) { } // its result is complete, or it is gone
            messages.Wait(CancellationToken.None);
            worker.WaitForExit();
        }
        catch
        {
            try { worker.Kill(); } catch (InvalidOperationException) { } // no worker left running
            throw;
        }
        if (worker.ExitCode == 1 && error is not null) throw new ComputationException(error);
        if (worker.ExitCode == 0 && Decode(output, spec) is { } result) return (result, "");
        string words = lastWords.Count > 0 ? string.Join(" / ", lastWords) : "no message";
        return (null, worker.ExitCode == 0 ? $"its result did not check out; {words}" : $"exit code {worker.ExitCode}: {words}");
    }

    /// <summary>The worker: <c>dotnet MieCool.Mesh.dll</c>, with the dotnet host that runs this program.</summary>
    internal static ProcessStartInfo Start()
    {
        var start = new ProcessStartInfo(Host());
        start.ArgumentList.Add(WorkerPath());
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
        var dll = typeof(MeshWorker).Assembly.Location;
        if (string.IsNullOrEmpty(dll) || !File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json")))
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

    static MeshResult? Decode(byte[] b, MeshSpec spec)
    {
        if (b.Length < 12 || !b.AsSpan(0, 8).SequenceEqual(Magic)) return null;
        int length = BinaryPrimitives.ReadInt32LittleEndian(b.AsSpan(8));
        if (length <= 0 || 12L + length > b.Length) return null;
        var report = DecodeReport(b, 12, length);
        var mesh = MeshCache.Decode(b[(12 + length)..], MeshCache.Key(spec));
        return report is null || mesh is null ? null : new MeshResult(mesh, report);
    }

    /// <summary>
    /// The worker's program (<c>dotnet MieCool.Mesh.dll</c>; see the class remarks for the protocol): meshes the spec read from
    /// standard input in this process with gmsh. Exit code 0 with the result, 1 with an error line, 2 without a spec.
    /// </summary>
    public static int Serve()
    {
        // the result channel is the standard output as it was; descriptor 1 then points at standard error
        int resultFd = Dup(1);
        if (resultFd < 0 || Dup2(2, 1) < 0) return 2;
        var messages = new StreamWriter(Console.OpenStandardError(), new UTF8Encoding(false)) { AutoFlush = true };
        var input = Console.In;
        var spec = input.ReadLine() is { } line ? ParseSpec(line) : null;
        if (spec is null) { messages.WriteLine(ErrorTag + "no mesh specification on standard input"); return 2; }
        // the end of standard input: the parent is gone, and nobody waits for this mesh
        new Thread(() =>
        {
            try { while (input.Read() >= 0) { } }
            catch (IOException) { }
            Process.GetCurrentProcess().Kill();
        }) { IsBackground = true, Name = "parent watch" }.Start();
        MeshResult result;
        try { result = ParticleMesher.Generate(spec, new Lines(messages), gmshSetOrder: false); }
        catch (Exception e) when (e is ComputationException or InputException)
        {
            messages.WriteLine(ErrorTag + e.Message.ReplaceLineEndings(" "));
            return 1;
        }
        var report = EncodeReport(result.Report);
        using var output = new FileStream(new SafeFileHandle(resultFd, ownsHandle: true), FileAccess.Write);
        output.Write(Magic);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, report.Length);
        output.Write(length);
        output.Write(report);
        output.Write(MeshCache.Encode(result.Mesh, MeshCache.Key(spec)));
        output.Flush();
        return 0;
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
