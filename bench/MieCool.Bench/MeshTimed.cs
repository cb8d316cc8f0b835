using System.Diagnostics;
using System.Globalization;
using MieCool.Mesh;

namespace MieCool.Bench;

/// <summary>
/// `timed mesh [h_min_nm grading box_half_size order threads contact_radius_nm]`: meshes a 530 nm sphere on glass with a
/// ~50 nm contact disc and prints the node count, wall and CPU times of each stage and the peak memory (VmHWM), of this
/// process and of gmsh's worker process.
/// Defaults (4.4 nm, 0.2, 20, order 1, 2 threads, a = 50 nm) give about 650,000 nodes; (9.6 nm, 0.2, 20) about 80,000;
/// target: &lt; 25 s, &lt; 1 GB, read-back &lt; 1 s.
/// </summary>
public static class MeshTimed
{
    public static void Register(Dictionary<string, Func<string[], int>> h) => h["mesh"] = Run;

    static int Run(string[] args)
    {
        double Arg(int i, double fallback) => args.Length > i ? double.Parse(args[i], CultureInfo.InvariantCulture) : fallback;
        var spec = new MeshSpec(
            Radius: 265e-9, ShellThickness: 0, Contact: new ContactSpec(ContactKind.Radius, Arg(5, 50) * 1e-9),
            BoxHalfSize: Arg(2, 20), HMin: Arg(0, 4.4) * 1e-9, Grading: Arg(1, 0.2), Order: (int)Arg(3, 1),
            Threads: (int)Arg(4, 2));
        Console.WriteLine($"spec: R 265 nm, contact radius {spec.Contact.Value * 1e9} nm, h_min {spec.HMin * 1e9} nm, " +
                          $"grading {spec.Grading}, box {spec.BoxHalfSize} R, order {spec.Order}, threads {spec.Threads}");
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var result = ParticleMesher.Generate(spec);
        double total = wall.Elapsed.TotalSeconds;
        double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
        foreach (var line in result.Report.Lines()) Console.WriteLine(line);
        var r = result.Report;
        Console.WriteLine($"nodes: {r.NodeCount}");
        Console.WriteLine($"cells: {r.CellCount}");
        Console.WriteLine($"mesh_total: {total:F2} s");
        var worker = Timed.Children(); // gmsh runs in its worker process (MeshWorker)
        Console.WriteLine($"mesh_cpu: {cpu + worker.CpuSeconds:F2} s (worker {worker.CpuSeconds:F2} s)");
        Console.WriteLine($"gmsh_meshing: {r.MeshingSeconds:F2} s");
        Console.WriteLine($"read_back: {r.ReadBackSeconds:F3} s");
        Console.WriteLine($"read_back_cpu: {r.ReadBackCpuSeconds:F3} s");
        Console.WriteLine($"peak_memory: {Timed.PeakWorkingSet() / 1048576.0:F0} MiB (this process), " +
                          $"{worker.PeakBytes / 1048576.0:F0} MiB (gmsh's worker)");
        return 0;
    }
}
