using System.Diagnostics;
using MieCool.Core;
using MieCool.Mesh;
using MieCool.Thermal;
using MieCool.Thermal.Transient;

namespace MieCool.Coupling;

/// <summary>
/// The times at which the particle's mean temperature change first reaches 50 %, 90 % and 99 % of the steady change while
/// the pump shines from t = 0 (linear interpolation between steps; null when not reached before the end or the first
/// pump switch).
/// </summary>
/// <param name="T50S">t50, s.</param>
/// <param name="T90S">t90, s.</param>
/// <param name="T99S">t99, s.</param>
public sealed record ResponseTimes(double? T50S, double? T90S, double? T99S)
{
    /// <summary>The response times of a curve towards the steady mean rise <paramref name="steadyRiseK"/>.</summary>
    public static ResponseTimes Of(IReadOnlyList<TransientStep> steps, double steadyRiseK)
    {
        double? At(double fraction)
        {
            if (steadyRiseK == 0 || !double.IsFinite(steadyRiseK)) return null;
            double target = fraction * steadyRiseK, t0 = 0, r0 = 0;
            foreach (var s in steps)
            {
                if (!s.PumpOn) return null; // switched off before reaching it
                if (Math.Abs(s.ParticleMeanRiseK) >= Math.Abs(target) && Math.Sign(s.ParticleMeanRiseK) == Math.Sign(target))
                    return t0 + (s.TimeS - t0) * (target - r0) / (s.ParticleMeanRiseK - r0);
                (t0, r0) = (s.TimeS, s.ParticleMeanRiseK);
            }
            return null;
        }
        return new ResponseTimes(At(0.5), At(0.9), At(0.99));
    }
}

/// <summary>A transient study: the steady state it approaches, the curve, and what it cost.</summary>
/// <param name="Mesh">The mesh (the steady solve's).</param>
/// <param name="Transient">The curve, the kept fields, the step statistics.</param>
/// <param name="Steady">The steady state of the same case: the coupled solution (optical cases) or null.</param>
/// <param name="SteadyHeat">The steady heat solution (its particle mean rise is the curve's target).</param>
/// <param name="Times">t50, t90, t99 towards the steady change.</param>
/// <param name="Source">The heat source of the steady state (the transient's at the end for a continuous pump).</param>
/// <param name="FieldSamplings">How often the pump's field was sampled at the source points (optical cases).</param>
/// <param name="SteadyTime">Wall clock of the steady solve (optics, mesh, source, heat).</param>
/// <param name="TransientTime">Wall clock of the time integration.</param>
public sealed record TransientStudy(MeshResult Mesh, TransientSolution Transient, CoupledSolution? Steady, HeatSolution SteadyHeat,
                                    ResponseTimes Times, HeatSource Source, int FieldSamplings, TimeSpan SteadyTime,
                                    TimeSpan TransientTime)
{
    /// <summary>The steady particle mean rise, K: the value the curve approaches while the pump shines.</summary>
    public double SteadyRiseK => SteadyHeat.ParticleMeanRiseK;
}

/// <summary>
/// Transient conduction on the steady problem's mesh (<see cref="TransientHeatSolver"/>): the steady state is solved first
/// (it meshes, and it is the curve's target), then rho c_p dT/dt = div(k grad T) + q(r, T_p(t)) from the ambient
/// temperature with the pump switched on at t = 0. For a self-consistent optical case the source follows the particle's
/// mean temperature: at each temperature the optics (Qabs, eta_c, P_abs, P_lum) are evaluated exactly, while the pump's
/// absorbed-power density is sampled at the points again only when the temperature has moved by more than
/// <see cref="ShapeWindowK"/> since the last sampling (its shape changes only through the small sub-gap k(T), and it is
/// rescaled to the exact P_abs, so every power stays exact). A linear optical case and a prescribed source keep the source
/// of the steady solve.
/// </summary>
public static class TransientModel
{
    /// <summary>
    /// Temperature window within which the absorbed-power density's shape is reused, K. The shape depends on T only through
    /// the sub-gap k(T) (1e-4 .. 1e-3 against n ~ 2.3): across the whole MAPbI3 range it changes by ~1e-3 of itself, so
    /// over 0.5 K by ~1e-5, far below the transient's tolerances; the powers are exact at every temperature.
    /// </summary>
    public const double ShapeWindowK = 0.5;

    /// <summary>The transient of an optical case up to <paramref name="endS"/> with <paramref name="spec"/>'s schedule.</summary>
    public static TransientStudy Solve(CoupledProblem problem, TransientSpec spec, double endS,
                                       IProgress<StageProgress>? progress = null, CancellationToken cancellation = default) =>
        Solve(problem, t => problem.Optics with { TemperatureK = t }, spec, endS, progress, cancellation);

    /// <summary>
    /// <see cref="Solve(CoupledProblem, TransientSpec, double, IProgress{StageProgress}?, CancellationToken)"/> with the optical
    /// inputs at a particle temperature given by <paramref name="opticsAt"/> (tests impose a temperature dependence with it).
    /// </summary>
    internal static TransientStudy Solve(CoupledProblem problem, Func<double, Optics.Cooling.CoolingInputs> opticsAt,
                                         TransientSpec spec, double endS, IProgress<StageProgress>? progress,
                                         CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        Check(problem.Thermal, spec, endS);
        problem.Validate();
        var steady = CoupledModel.Solve(problem, opticsAt, null, progress, cancellation);
        var steadyTime = clock.Elapsed;
        var mesh = steady.Thermal.Mesh;
        var heat = steady.Source.Heat;
        var below = heat.Substrate?.Points;
        var points = below is null ? heat.Points : heat.Points.Concat(below);
        int samplings = 0;
        Func<double, double[]> source;
        if (problem.SteadyState.Model == SteadyStateModel.Linear)
        {
            var fixedQ = Densities(heat);
            source = _ => fixedQ;
        }
        else
        {
            var centre = ParticleGeometry.Place(problem.Mesh).Center;
            var settings = problem.SteadyState;
            double shapeT = double.NaN, intensity = problem.Optics.IntensityWPerM2;
            double[]? shape = null;
            source = t =>
            {
                if (!(t >= settings.ValidityMinK && t <= settings.ValidityMaxK))
                    throw new ComputationException(FormattableString.Invariant(
                        $"the particle's mean temperature {t:F2} K left the validity range {settings.ValidityMinK:G4}-") +
                        FormattableString.Invariant($"{settings.ValidityMaxK:G4} K of the material model during the transient"));
                var (optics, field) = CoupledModel.OpticsAt(opticsAt(t));
                if (shape is null || Math.Abs(t - shapeT) > ShapeWindowK)
                {
                    shape = new double[heat.Points.Count];
                    field.AbsorbedPowerDensity(heat.Points.Positions, shape, intensity, centre, downward: true, problem.Polarisation);
                    shapeT = t;
                    samplings++;
                }
                var built = OpticalSource.FromDensity(heat.Points, centre, optics, shape, field.PowerDensityFactor(intensity),
                                                      problem.Emitters, below);
                return Densities(built.Heat);
            };
        }
        var transient = Integrate(problem.Thermal, mesh.Mesh, points, source,
                                  problem.SteadyState.Model == SteadyStateModel.SelfConsistent, spec, endS, progress, cancellation);
        return new TransientStudy(mesh, transient, steady, steady.Thermal.Heat,
                                  ResponseTimes.Of(transient.Steps, steady.Thermal.Heat.ParticleMeanRiseK), heat, samplings,
                                  steadyTime, clock.Elapsed - steadyTime);
    }

    /// <summary>The transient of a prescribed source (a `heat` case) up to <paramref name="endS"/>.</summary>
    public static TransientStudy Solve(ConductionProblem problem, TransientSpec spec, double endS,
                                       IProgress<StageProgress>? progress = null, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        Check(problem.Thermal, spec, endS);
        var steady = Conduction.Solve(problem, progress, cancellation);
        var steadyTime = clock.Elapsed;
        var q = steady.Source.DensityWPerM3;
        var transient = Integrate(problem.Thermal, steady.Mesh.Mesh, steady.Source.Points, _ => q, false, spec, endS, progress,
                                  cancellation);
        return new TransientStudy(steady.Mesh, transient, null, steady.Heat,
                                  ResponseTimes.Of(transient.Steps, steady.Heat.ParticleMeanRiseK), steady.Source, 0, steadyTime,
                                  clock.Elapsed - steadyTime);
    }

    /// <summary>What can be refused before anything is computed: the settings, the schedule, the heat capacities' presence.</summary>
    static void Check(ThermalSettings thermal, TransientSpec spec, double endS)
    {
        spec.Settings(endS).Validate("[transient]");
        spec.Schedule.Validate("[transient]", endS);
        foreach (int tag in new[] { Tags.Particle, Tags.Substrate, Tags.Air }) thermal.HeatCapacity.ForRegion(tag);
        TransientProblem.RefuseUnsupported("[thermal]", thermal.InterfaceConductanceWPerM2K, !thermal.ConductivityExponent.IsConstant);
    }

    static double[] Densities(HeatSource heat) =>
        heat.Substrate is { } s ? [.. heat.DensityWPerM3, .. s.DensityWPerM3] : heat.DensityWPerM3;

    static TransientSolution Integrate(ThermalSettings thermal, TetMesh mesh, SourcePoints points, Func<double, double[]> source,
                                       bool followsTemperature, TransientSpec spec, double endS, IProgress<StageProgress>? progress,
                                       CancellationToken cancellation)
    {
        var problem = new TransientProblem(thermal.Problem(mesh, VolumetricSource.None), thermal.HeatCapacities(mesh), points,
                                           source, spec.Schedule, spec.Settings(endS)) { SourceDependsOnTemperature = followsTemperature };
        string first = spec.FirstStepS is double h ? Units.Invariant(h) + " s" : "1e-3 a^2/D";
        progress?.Report(new("transient", FormattableString.Invariant(
            $"time steps from {first} to {endS:G3} s, tolerance {spec.RelativeTolerance:G2}")));
        var report = progress is null ? null : new Forward(progress);
        return TransientHeatSolver.Solve(problem, thermal.Solver, report, cancellation);
    }

    sealed class Forward(IProgress<StageProgress> inner) : IProgress<string>
    {
        public void Report(string value) => inner.Report(new("transient", value));
    }
}
