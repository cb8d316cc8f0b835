using System.Diagnostics;
using System.Globalization;
using MieCool.Cases;
using CaseProblems = MieCool.Cli.CaseProblems;
using MieCool.Coupling;

namespace MieCool.Bench;

/// <summary>
/// `timed source [CASE] [REPEATS]`: the source stage of the coupled model (the self-consistent balance) on one gmsh mesh of
/// the case (default: cases/tonkaev2019_mapbi3_d530.toml), in process: one cooling-model and pump-field evaluation at a
/// trial temperature split into the optics and the field sampled at the particle's points, then the whole coupled solve on
/// that mesh REPEATS times (after one warm-up run that JIT-compiles it), each with its stage timings, the number of balance
/// evaluations and T_particle_mean_K. Wall clock; the machine may be shared.
/// </summary>
public static class SourceTimed
{
    public static void Register(Dictionary<string, Func<string[], int>> h) => h["source"] = Run;

    static int Run(string[] args)
    {
        string @case = args.FirstOrDefault(a => a.EndsWith(".toml", StringComparison.Ordinal)) ?? Timed.HeadlineCase();
        int repeats = args.FirstOrDefault(a => int.TryParse(a, out _)) is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : 3;
        var problem = CaseProblems.Coupled(Case.Load(@case));
        var clock = Stopwatch.StartNew();
        var mesh = Conduction.Mesh(problem.Mesh, null);
        Console.WriteLine($"mesh: {clock.Elapsed.TotalSeconds:F2} s, {mesh.Mesh.CellCount} cells");
        var points = Conduction.ParticlePoints(mesh.Mesh);
        var centre = MieCool.Mesh.ParticleGeometry.Place(problem.Mesh).Center;
        Console.WriteLine($"particle points: {points.Count}");
        for (int i = 0; i < 4; i++)
        {
            double t = problem.Thermal.AmbientK - 10 * i;
            clock.Restart();
            var (optics, field) = CoupledModel.OpticsAt(problem.Optics with { TemperatureK = t });
            double opticsMs = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            var source = OpticalSource.Build(points, centre, optics, field, problem.Polarisation, problem.Emitters);
            double buildMs = clock.Elapsed.TotalMilliseconds;
            Console.WriteLine(FormattableString.Invariant(
                $"evaluation at {t:F2} K: optics {opticsMs:F1} ms, field and source at the points {buildMs:F1} ms ") +
                FormattableString.Invariant($"(P_heat {source.Heat.IntegralW:G6} W, {field.MultipoleOrders} orders)"));
        }
        var times = new List<double>();
        for (int i = 0; i <= repeats; i++)
        {
            var s = CoupledModel.Solve(problem, t => problem.Optics with { TemperatureK = t }, mesh, null, CancellationToken.None);
            var st = s.Thermal.Timings;
            if (i > 0) times.Add(st.Source.TotalSeconds);
            Console.WriteLine(FormattableString.Invariant(
                $"{(i == 0 ? "warm-up" : $"run {i}")}: optics {st.Optics.TotalSeconds:F3} s, source {st.Source.TotalSeconds:F3} s, ") +
                FormattableString.Invariant($"assemble {st.Assemble.TotalSeconds:F3} s, solve {st.Solve.TotalSeconds:F3} s; ") +
                FormattableString.Invariant($"{s.SteadyState.Evaluations} evaluations, T_particle_mean_K ") +
                FormattableString.Invariant($"{s.Thermal.Heat.ParticleMeanTemperatureK:R}"));
        }
        times.Sort();
        Console.WriteLine(FormattableString.Invariant($"source stage, median of {repeats}: {times[times.Count / 2]:F3} s"));
        return 0;
    }

}
