using System.Diagnostics;
using System.Numerics;
using MieCool.Optics.Fields;

namespace MieCool.Bench;

/// <summary>
/// `timed absorbed-power [points]`: the absorbed power density p(r) of a 530 nm MAPbI3-like sphere (n = 2.32 + 0.0134i)
/// at 980 nm, 7e6 W/cm^2, at N random points inside (default 1e6), what the FEM asks for at its quadrature points.
/// </summary>
public static class AbsorbedPowerBench
{
    public static void Register(Dictionary<string, Func<string[], int>> h) => h["absorbed-power"] = Run;

    static int Run(string[] args)
    {
        int n = args.Length > 0 ? int.Parse(args[0]) : 1_000_000;
        var field = SphereField.Create(265e-9, 980e-9, new Complex(2.3172, 0.01335), 1.0);
        var rng = new Random(7);
        double[] x = new double[n], y = new double[n], z = new double[n], p = new double[n];
        for (int i = 0; i < n; i++)
        {
            double r = 265e-9 * Math.Cbrt(rng.NextDouble()), mu = 2 * rng.NextDouble() - 1, phi = 2 * Math.PI * rng.NextDouble();
            double s = Math.Sqrt(1 - mu * mu);
            x[i] = r * s * Math.Cos(phi); y[i] = r * s * Math.Sin(phi); z[i] = r * mu;
        }
        field.AbsorbedPowerDensity(x[..1000], y[..1000], z[..1000], p[..1000], 7e10); // JIT
        long before = GC.GetAllocatedBytesForCurrentThread();
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        field.AbsorbedPowerDensity(x, y, z, p, 7e10);
        sw.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
        Console.WriteLine($"cores: {Environment.ProcessorCount}; nmax {field.Coefficients.NMax}");
        Console.WriteLine($"absorbed-power {n} points: {sw.Elapsed.TotalSeconds:F3} s " +
                          $"({sw.Elapsed.TotalMilliseconds * 1e6 / n:F0} ns/point)");
        Console.WriteLine($"cpu time: {cpu.TotalSeconds:F3} s " +
                          $"({cpu.TotalMilliseconds * 1e6 / n:F0} ns/point of CPU; wall/CPU shows the load)");
        Console.WriteLine($"allocated on the calling thread: {GC.GetAllocatedBytesForCurrentThread() - before} bytes");
        Console.WriteLine($"mean p: {p.Average():E4} W/m^3");
        return 0;
    }
}
