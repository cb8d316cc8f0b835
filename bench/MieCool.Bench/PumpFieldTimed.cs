using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Runtime.Intrinsics;
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
/// repeats after one warm-up (JIT), wall clock and the process's CPU time (the machine may be shared); the former path
/// (point by point, <see cref="SubstratePumpField.Intensity"/>) under the same load, and whether it gives the same values;
/// the new path on at most one and two threads; then, on one thread, the parts of a point's work: the radial functions
/// j_l(k_1 r) alone, one point at a time (<see cref="SphericalBessel.J"/>) and four at a time
/// (<see cref="SphericalBessel.J4"/>), and the angular functions alone.
/// The program compiles loops optimised at once (src/Cli: TieredPGO and quick JIT for loops off); to time what it runs, set
/// DOTNET_TieredPGO=0 DOTNET_TC_QuickJitForLoops=0 (else the first repeats run unoptimised loops).
/// </summary>
public static class PumpFieldTimed
{
    public static void Register(Dictionary<string, Func<string[], int>> h) => h["pump-field"] = Run;

    static int Run(string[] args)
    {
        string @case = args.FirstOrDefault(a => a.EndsWith(".toml", StringComparison.Ordinal)) ?? Timed.HeadlineCase();
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
        double cpu = 0;
        double Median(Action f)
        {
            f(); // warm-up (JIT)
            (double wall, cpu) = Timed.Medians(f, repeats);
            return wall;
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
        // the former path under the same load: point by point (SubstratePumpField.Intensity) over the same chunks
        var q = new double[n];
        double factor = field.PowerDensityFactor(intensity), a2 = sub.Solution.Problem.RadiusM * sub.Solution.Problem.RadiusM;
        double pointwise = Median(() => Parallel.For(0, (n + 1023) / 1024, ci =>
        {
            for (int i = ci * 1024; i < Math.Min(n, ci * 1024 + 1024); i++)
            {
                double x = points.Positions[3 * i] - centre.X, y = points.Positions[3 * i + 1] - centre.Y,
                       z = points.Positions[3 * i + 2] - centre.Z;
                q[i] = x * x + y * y + z * z > a2 ? 0 : factor * sub.Intensity(x, y, z, problem.Polarisation);
            }
        }));
        bool same = p.AsSpan().SequenceEqual(q);
        Console.WriteLine(FormattableString.Invariant(
            $"point by point (the former path), same chunks: {pointwise:F1} ms wall, CPU {cpu:F1} ms ({cpu * 1e6 / n:F0} ns/point); ") +
            $"the same values to the last bit: {same}");
        foreach (int threads in new[] { 1, 2 })
        {
            double t = Median(() => sub.AbsorbedPowerDensity(points.Positions, q, intensity, centre, true, problem.Polarisation, threads));
            Console.WriteLine(FormattableString.Invariant(
                $"at most {threads} thread(s), the absorbed power density: {t:F1} ms wall, CPU {cpu * 1e6 / n:F0} ns/point"));
        }
        // one thread: the radial functions alone, four points at a time and one at a time, and the angular functions alone
        var k1 = sub.Solution.Problem.SphereIndex * 2 * Math.PI / sub.Solution.Problem.VacuumWavelengthM;
        int orders = sub.MultipoleOrders;
        var j = new Complex[orders + 2];
        var jr = new Vector256<double>[orders + 2];
        var ji = new Vector256<double>[orders + 2];
        Complex check = 0;
        double R(int i)
        {
            double x = points.Positions[3 * i] - centre.X, y = points.Positions[3 * i + 1] - centre.Y,
                   z = points.Positions[3 * i + 2] - centre.Z;
            return Math.Sqrt(x * x + y * y + z * z);
        }
        double bessel = Median(() =>
        {
            for (int i = 0; i < n; i++) { SphericalBessel.J(k1 * R(i), j); check += j[1]; }
        });
        Console.WriteLine(FormattableString.Invariant(
            $"one thread, j_l(k_1 r) at every point, one at a time: {bessel:F1} ms, CPU {cpu * 1e6 / n:F0} ns/point"));
        double bessel4 = Median(() =>
        {
            for (int i = 0; i + 4 <= n; i += 4)
            {
                var r4 = Vector256.Create(R(i), R(i + 1), R(i + 2), R(i + 3));
                SphericalBessel.J4(Vector256.Create(k1.Real) * r4, Vector256.Create(k1.Imaginary) * r4, jr, ji);
                check += jr[1][0];
            }
        });
        Console.WriteLine(FormattableString.Invariant(
            $"one thread, j_l(k_1 r) at every point, four at a time (J4): {bessel4:F1} ms, CPU {cpu * 1e6 / n:F0} ns/point"));
        var (pi11, first, ra, rb, _) = new AngularTable(orders).Coefficients(1);
        var pi = new double[orders + 1];
        double angular = Median(() =>
        {
            for (int i = 0; i < n; i++)
            {
                double ct = (points.Positions[3 * i + 2] - centre.Z) / R(i);
                pi[1] = pi11; pi[2] = ct * first * pi[1];
                for (int l = 3; l <= orders; l++) pi[l] = ra[l] * (ct * pi[l - 1] - rb[l] * pi[l - 2]);
                check += pi[orders];
            }
        });
        Console.WriteLine(FormattableString.Invariant(
            $"one thread, pi_l^1(cos theta) at every point, one at a time: {angular:F1} ms, CPU {cpu * 1e6 / n:F0} ns/point ") +
            FormattableString.Invariant($"(a table of them would hold {n * (orders + 1) * 8 / 1e6:F0} MB) ({check.Real:G3})"));
        return 0;
    }

}
