using System.Diagnostics;

namespace MieCool.Bench;

/// <summary>
/// Timed harnesses for the end-to-end targets that BenchmarkDotNet is too slow for (meshing, FEM solves).
/// Each harness prints its figures, one "name: value unit" per line; one that throws prints one "error:" line and exits 1.
/// </summary>
public static partial class Timed
{
    /// <summary>Harnesses by name; each file under bench/ adds its own with a static registration.</summary>
    public static readonly Dictionary<string, Func<string[], int>> Harnesses = new(StringComparer.Ordinal);

    public static int Run(string[] args)
    {
        RegisterAll();
        if (args.Length == 0 || !Harnesses.TryGetValue(args[0], out var h))
        {
            Console.Error.WriteLine("usage: timed NAME [args]; NAME is one of: " + string.Join(", ", Harnesses.Keys.Order()));
            return 2;
        }
        try
        {
            return h(args.Skip(1).ToArray());
        }
        catch (Exception e)
        {
            // a harness that throws fails the run: one line, not a stack trace, and a non-zero exit
            Console.Error.WriteLine($"error: timed {args[0]}: {Describe(e)}");
            return 1;
        }
    }

    /// <summary>The exception as one line, type and message (of the one inner exception, for an aggregate of one).</summary>
    static string Describe(Exception e)
    {
        while (e is AggregateException { InnerExceptions.Count: 1 } a) e = a.InnerExceptions[0];
        var lines = e.Message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return $"{e.GetType().Name}: {string.Join(' ', lines)}";
    }

    static void RegisterAll()
    {
        foreach (var t in typeof(Timed).Assembly.GetTypes())
            if (t.GetMethod("Register", [typeof(Dictionary<string, Func<string[], int>>)]) is { IsStatic: true } m && t != typeof(Timed))
                m.Invoke(null, [Harnesses]);
    }

    /// <summary>cases/tonkaev2019_mapbi3_d530.toml, found in the first folder above the bench's binaries that has it.</summary>
    public static string HeadlineCase()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var p = Path.Combine(d.FullName, "cases", "tonkaev2019_mapbi3_d530.toml");
            if (File.Exists(p)) return p;
        }
        throw new FileNotFoundException("cases/tonkaev2019_mapbi3_d530.toml not found above " + AppContext.BaseDirectory);
    }

    /// <summary>
    /// Wall-clock and CPU milliseconds of <paramref name="f"/>, each the median of <paramref name="repeats"/> calls (the CPU
    /// time is this process's: on a shared machine the wall clock also counts other processes' turns).
    /// </summary>
    public static (double WallMs, double CpuMs) Medians(Action f, int repeats)
    {
        var process = Process.GetCurrentProcess();
        var wall = new List<double>(); var cpu = new List<double>();
        for (int i = 0; i < repeats; i++)
        {
            process.Refresh();
            var c0 = process.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            f();
            wall.Add(sw.Elapsed.TotalMilliseconds);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - c0).TotalMilliseconds);
        }
        wall.Sort(); cpu.Sort();
        return (wall[wall.Count / 2], cpu[cpu.Count / 2]);
    }

    /// <summary>
    /// CPU time of this process's finished child processes (gmsh's worker, <c>MeshWorker</c>), s, and the largest peak
    /// resident memory of any of them, bytes (getrusage RUSAGE_CHILDREN).
    /// </summary>
    public static (double CpuSeconds, long PeakBytes) Children()
    {
        if (GetRusage(-1, out var u) != 0) return (double.NaN, 0); // RUSAGE_CHILDREN
        return (u.UserSeconds + u.UserMicroseconds * 1e-6 + u.SystemSeconds + u.SystemMicroseconds * 1e-6, u.MaxRssKb * 1024);
    }

    // struct rusage of Linux x86-64/arm64: two timevals, then 14 longs (ru_maxrss first, in kB)
    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    struct Rusage
    {
        public long UserSeconds, UserMicroseconds, SystemSeconds, SystemMicroseconds, MaxRssKb;
        public long Rest1, Rest2, Rest3, Rest4, Rest5, Rest6, Rest7, Rest8, Rest9, Rest10, Rest11, Rest12, Rest13;
    }

    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "getrusage")]
    private static partial int GetRusage(int who, out Rusage usage);

    /// <summary>Peak resident memory of this process so far, bytes (VmHWM on Linux).</summary>
    public static long PeakWorkingSet()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
        catch (IOException) { }
        return Process.GetCurrentProcess().PeakWorkingSet64;
    }
}
