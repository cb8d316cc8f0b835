using System.Numerics;
using MieCool.Mesh;
using MieCool.Optics.Cooling;
using MieCool.Optics.Emitters;
using MieCool.Optics.Fields;
using MieCool.Optics.Materials;
using MieCool.Thermal;

namespace MieCool.Coupling.Tests;

/// <summary>Case-free problems for the coupling tests: a weakly absorbing dielectric sphere on glass, no data files.</summary>
static class Problems
{
    /// <summary>A sphere of index 2.5 + 0.01i (a constant index: no material page), 400 nm, pumped at 800 nm.</summary>
    public static CoolingInputs Optics(double diameterM = 400e-9, double etaInt = 0.99) => new(
        new ConstantIndex(new Complex(2.5, 0.01)), diameterM, HostIndex: 1.0, PumpWavelengthM: 800e-9, IntensityWPerM2: 1e9,
        InternalQuantumEfficiency: etaInt, Emission: EmissionSpectrum.Gaussian(700e-9, 40e-9), Absorption: new TabulatedAbsorption());

    public static ThermalSettings Thermal(OuterBoundary outer = OuterBoundary.FarField, double? interfaceConductance = null,
                                          PreconditionerKind solver = PreconditionerKind.IncompleteCholesky) =>
        new(293.15, new RegionConductivities(0.5, null, 1.38, 0.026), outer, null, interfaceConductance,
            new SolverOptions(solver, 1e-10, 5000));

    /// <summary>A coarse mesh of the sphere flattened to a 50 nm contact disc.</summary>
    public static MeshSpec Mesh(double radiusM = 200e-9) =>
        new MeshSpec(radiusM, 0, new ContactSpec(ContactKind.Radius, 50e-9), Threads: 2).Coarse();

    public static CoupledProblem Coupled(EmitterDistribution emitters = EmitterDistribution.Uniform, double etaInt = 0.99) =>
        new(Optics(etaInt: etaInt), Polarisation.Average, emitters, Mesh(), Thermal());
}
