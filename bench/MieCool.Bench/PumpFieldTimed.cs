using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using MieCool.Cases;
using MieCool.Coupling;
using MieCool.Optics.Fields;
using MieCool.Optics.Substrate;
using CaseProblems = MieCool.Cli.CaseProblems;

namespace MieCool.Bench;

/// <summary>
/// `timed pump-field [CASE] [REPEATS]`: the pump's absorbed-power density <see cref="IPumpField.AbsorbedPowerDensity"/> at
/// the particle's quadrature points of one gmsh mesh of the case (default: cases/tonkaev2019_mapbi3_d530.toml, the sphere
/// on glass: <see cref="SubstratePumpField"/>), what each evaluation of the self-consistent balance samples. Median of the
/// repeats after one warm-up (JIT), wall clock and the process's CPU time (the machine may be shared); then, on one thread,
/// the parts of a point's work: the radial functions j_l(k_1 r) alone (<see cref="SphericalBessel.J"/>), and the whole
/// field at every point, so that the sum over l and the angular functions are their difference.
/// </summary>
public static class PumpFieldTimed
{
    public static void Register(Dictionary<string, Func<string[], int>> h) => h["pump-field"] = Run;

    static int Run(string[] args)
    {
        string @case = args.FirstOrDefault(a => a.EndsWith(".toml", StringComparison.Ordinal)) ?? FindCase();
        int repeats = args.FirstOrDefault(a => int.TryParse(a, out _)) is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : 5;
        var problem = CaseProblems.Coupled(Case.Load(@case));
        var mesh = Conduction.Mesh(problem.Mesh, null);
        var points = Conduction.ParticlePoints(mesh.Mesh);
        var centre = MieCool.Mesh.ParticleGeometry.Place(problem.Mesh).Center;
        var (optics, field) = CoupledModel.OpticsAt(problem.Optics);
        double intensity = optics.Inputs.IntensityWPerM2;
        int n = points.Count;
        var p = new double[n];
        Console.WriteLine($"cores: {Environment.ProcessorCount}; {field.GetType().Name}, {field.MultipoleOrders} orders, {n} points");
        var process = Process.GetCurrentProcess();
        double cpu = 0;
        double Median(Action f)
        {
            f(); // warm-up (JIT)
            var t = new List<double>(); var c = new List<double>();
            for (int i = 0; i < repeats; i++)
            {
                process.Refresh();
                var c0 = process.TotalProcessorTime;
                var sw = Stopwatch.StartNew();
                f();
                t.Add(sw.Elapsed.TotalMilliseconds);
                process.Refresh();
                c.Add((process.TotalProcessorTime - c0).TotalMilliseconds);
            }
            t.Sort(); c.Sort();
            cpu = c[c.Count / 2];
            return t[t.Count / 2];
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        double whole = Median(() => field.AbsorbedPowerDensity(points.Positions, p, intensity, centre, true, problem.Polarisation));
        long allocated = (GC.GetAllocatedBytesForCurrentThread() - before) / (repeats + 1);
        double sum = 0;
        foreach (double v in p) sum += v;
        Console.WriteLine(FormattableString.Invariant(
            $"absorbed power density, {n} points: {whole:F1} ms wall, CPU {cpu:F1} ms ({cpu * 1e6 / n:F0} ns/point of CPU); ") +
            FormattableString.Invariant($"{allocated} bytes allocated on the calling thread per call; sum p {sum:R}"));
        if (field is not SubstratePumpField sub) return 0;
        // one thread: the radial functions alone, then the whole field point by point
        var k1 = sub.Solution.Problem.SphereIndex * 2 * Math.PI / sub.Solution.Problem.VacuumWavelengthM;
        var j = new Complex[sub.MultipoleOrders + 2];
        Complex check = 0;
        double bessel = Median(() =>
        {
            for (int i = 0; i < n; i++)
            {
                double x = points.Positions[3 * i] - centre.X, y = points.Positions[3 * i + 1] - centre.Y,
                       z = points.Positions[3 * i + 2] - centre.Z;
                SphericalBessel.J(k1 * Math.Sqrt(x * x + y * y + z * z), j);
                check += j[1];
            }
        });
        Console.WriteLine(FormattableString.Invariant($"one thread, j_l(k_1 r) at every point: {bessel:F1} ms ({bessel * 1e6 / n:F0} ns/point)"));
        double serial = Median(() =>
        {
            for (int i = 0; i < n; i++)
            {
                double x = points.Positions[3 * i] - centre.X, y = points.Positions[3 * i + 1] - centre.Y,
                       z = points.Positions[3 * i + 2] - centre.Z;
                check += sub.Intensity(x, y, z, problem.Polarisation);
            }
        });
        Console.WriteLine(FormattableString.Invariant(
            $"one thread, |E|^2 at every point (radial + angular + sum): {serial:F1} ms ({serial * 1e6 / n:F0} ns/point); ") +
            FormattableString.Invariant($"the angular functions and the sum: {(serial - bessel) * 1e6 / n:F0} ns/point ({check.Real:G3})"));
        return 0;
    }

    static string FindCase()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var p = Path.Combine(d.FullName, "cases", "tonkaev2019_mapbi3_d530.toml");
            if (File.Exists(p)) return p;
        }
        throw new FileNotFoundException("cases/tonkaev2019_mapbi3_d530.toml not found above " + AppContext.BaseDirectory);
    }
}
