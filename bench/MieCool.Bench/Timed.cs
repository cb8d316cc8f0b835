using System.Diagnostics;

namespace MieCool.Bench;

/// <summary>
/// Timed harnesses for the end-to-end targets that BenchmarkDotNet is too slow for (meshing, FEM solves).
/// Each harness prints its figures, one "name: value unit" per line.
/// </summary>
public static class Timed
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
        return h(args.Skip(1).ToArray());
    }

    static void RegisterAll()
    {
        foreach (var t in typeof(Timed).Assembly.GetTypes())
            if (t.GetMethod("Register", [typeof(Dictionary<string, Func<string[], int>>)]) is { IsStatic: true } m && t != typeof(Timed))
                m.Invoke(null, [Harnesses]);
    }

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
