using System.Diagnostics;
using System.Globalization;
using MieCool.Results;
using MieCool.Mesh;
using MieCool.Mesh.Structured;

namespace MieCool.Bench;

/// <summary>
/// `timed io [--n N] [--order 1|2]`: writes and reads back a result file (mesh + one point and one cell field) for a
/// structured box of 6 n^3 tetrahedra; prints sizes, write and read times, MB/s and peak memory.
/// </summary>
public static class ResultFileBench
{
    public static void Register(Dictionary<string, Func<string[], int>> h) => h["io"] = Run;

    static int Run(string[] args)
    {
        int Arg(string name, int fallback)
        {
            int i = Array.IndexOf(args, name);
            return i >= 0 ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }
        int n = Arg("--n", 60), order = Arg("--order", 1);
        double R = 265e-9;
        var mesh = BoxMesher.Cube(10 * R, n, order,
            region: (x, y, z) => x * x + y * y + (z - R) * (z - R) < R * R ? Tags.Particle : z < 0 ? Tags.Substrate : Tags.Air,
            surface: (_, _, z) => z < 0 ? Tags.SubstrateOuter : Tags.AirOuter,
            particle: new ParticlePlacement(R, R, R, 0));
        var t = new double[mesh.NodeCount];
        for (int i = 0; i < t.Length; i++) t[i] = 293.15 + 1e6 * mesh.Nodes[3 * i + 2];
        var q = new double[mesh.CellCount];
        for (int c = 0; c < q.Length; c++) q[c] = mesh.CellRegion[c] == Tags.Particle ? 1e15 : 0;
        ResultField[] fields =
            [ResultField.AtNodes("T", t, "K", "temperature"), ResultField.AtCells("q", q, "W/m^3", "heat-source density")];

        string dir = Directory.CreateTempSubdirectory("miecool-bench-io-").FullName;
        try
        {
            string path = Path.Combine(dir, "r.h5");
            ResultFile.Write(path, mesh, fields); // warm-up (JIT)
            ResultFile.Read(path);
            var clock = Stopwatch.StartNew();
            ResultFile.Write(path, mesh, fields);
            double write = clock.Elapsed.TotalSeconds;
            clock.Restart();
            var back = ResultFile.Read(path);
            double read = clock.Elapsed.TotalSeconds;
            double mb = new FileInfo(path).Length / 1e6;
            if (back.Mesh.CellCount != mesh.CellCount) throw new InvalidOperationException("read back a different mesh");
            long peak = Process.GetCurrentProcess().PeakWorkingSet64;
            Console.WriteLine(
                FormattableString.Invariant($"io: P{order}, {mesh.NodeCount} nodes, {mesh.CellCount} cells, file {mb:F1} MB; ") +
                FormattableString.Invariant($"write {write:F3} s ({mb / write:F0} MB/s), read {read:F3} s ({mb / read:F0} MB/s); ") +
                FormattableString.Invariant($"peak working set {peak / 1e6:F0} MB"));
        }
        finally { Directory.Delete(dir, recursive: true); }
        return 0;
    }
}
