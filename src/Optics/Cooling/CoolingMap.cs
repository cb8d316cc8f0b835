using System.Numerics;
using MieCool.Core;
using MieCool.Optics.Mie;

namespace MieCool.Optics.Cooling;

/// <summary>A grid point of a cooling map.</summary>
/// <param name="DiameterIndex">Row i of the map.</param>
/// <param name="PumpIndex">Column j of the map.</param>
/// <param name="DiameterM">The diameter of row i, m.</param>
/// <param name="PumpWavelengthM">The pump vacuum wavelength of column j, m.</param>
/// <param name="Value">The map's value there (an efficiency, or a power in W).</param>
public readonly record struct MapPoint(int DiameterIndex, int PumpIndex, double DiameterM, double PumpWavelengthM, double Value);

/// <summary>
/// The cooling model over a grid of diameters (rows, index i) and pump wavelengths (columns, index j).
/// Arrays [i, j] unless one-dimensional.
/// </summary>
/// <param name="DiametersM">Sphere diameters of the rows, m, as given.</param>
/// <param name="PumpWavelengthsM">Pump vacuum wavelengths of the columns, m, as given.</param>
/// <param name="CoolingEfficiency">eta_c.</param>
/// <param name="CoolingPowerW">-P_heat = eta_c Cabs I, W (positive cools).</param>
/// <param name="Qabs">Absorption efficiency at the pump.</param>
/// <param name="FBulkAverage">Emission-averaged escape factor relative to the bulk, per diameter.</param>
/// <param name="ExternalQuantumEfficiency">eta_ext per diameter.</param>
/// <param name="EscapeWavelengthM">lambda_f per diameter, m.</param>
/// <param name="AbsorptionEfficiency">eta_abs per pump wavelength.</param>
/// <param name="AbsorptionModel">The sub-gap absorption model used (<see cref="SubGapAbsorption.Description"/>).</param>
public sealed record CoolingMapResult(double[] DiametersM, double[] PumpWavelengthsM, double[,] CoolingEfficiency,
    double[,] CoolingPowerW, double[,] Qabs, double[] FBulkAverage, double[] ExternalQuantumEfficiency,
    double[] EscapeWavelengthM, double[] AbsorptionEfficiency, string AbsorptionModel)
{
    /// <summary>The grid point of the largest cooling efficiency.</summary>
    public MapPoint BestEfficiency => ArgMax(CoolingEfficiency);
    /// <summary>The grid point of the largest cooling power.</summary>
    public MapPoint BestPower => ArgMax(CoolingPowerW);

    MapPoint ArgMax(double[,] v)
    {
        int bi = 0, bj = 0;
        for (int i = 0; i < v.GetLength(0); i++)
            for (int j = 0; j < v.GetLength(1); j++)
                if (v[i, j] > v[bi, bj]) { bi = i; bj = j; }
        return new MapPoint(bi, bj, DiametersM[bi], PumpWavelengthsM[bj], v[bi, bj]);
    }
}

/// <summary>
/// Computes <see cref="CoolingModel"/> over a diameter x pump-wavelength grid. F(lambda) depends on the diameter and
/// the emission wavelength only, so it is computed once per diameter over the emission quadrature; the pump needs one
/// Mie solution per grid point. Parallel over diameters. Everything at the particle temperature
/// <see cref="CoolingInputs.TemperatureK"/> of the template.
/// </summary>
public static class CoolingMap
{
    /// <summary>
    /// The map over every pair (diametersM[i], pumpWavelengthsM[j]); all inputs and grid wavelengths are validated
    /// (as <see cref="InputException"/>s) before any work.
    /// </summary>
    /// <param name="template">All model inputs, with the particle temperature; its DiameterM and PumpWavelengthM are ignored
    /// (replaced by the grid).</param>
    /// <param name="diametersM">Sphere diameters of the rows, m, each &gt; 0; at least one.</param>
    /// <param name="pumpWavelengthsM">Pump vacuum wavelengths of the columns, m, inside the material data; at least one.</param>
    /// <param name="progress">Receives the number of finished diameters.</param>
    /// <param name="cancel">Stops the remaining diameters (throws <see cref="OperationCanceledException"/>).</param>
    public static CoolingMapResult Compute(CoolingInputs template, double[] diametersM, double[] pumpWavelengthsM,
                                           IProgress<int>? progress = null, CancellationToken cancel = default)
    {
        const string source = CoolingInputs.Source;
        if (diametersM.Length == 0) throw new InputException(source, "empty diameter range", "diameters");
        if (pumpWavelengthsM.Length == 0) throw new InputException(source, "empty pump range", "pump_wavelengths");
        // validate every input (and every grid wavelength) before any work
        template.Validate();
        if (template.CarriersUsed is CarrierModel.Abc)
            throw new InputException(source, "a cooling map reports one eta_ext per diameter: it needs a constant eta_int, "
                + "not the ABC carrier model (whose eta_int depends on the absorbed power)", "carriers", "abc", "constant");
        foreach (var d in diametersM)
            if (!(d > 0)) throw new InputException(source, "diameters must be positive", "diameters", $"{d * 1e9:G6} nm");
        foreach (var p in pumpWavelengthsM) CoolingInputs.CheckWavelength(template.Material, p, "pump_wavelengths");

        int nd = diametersM.Length, np = pumpWavelengthsM.Length;
        var material = template.Material;
        double host = template.HostIndex;

        // per pump wavelength: the index the Mie calculation uses and eta_abs
        var pumpIndex = new Complex[np]; var etaAbs = new double[np];
        for (int j = 0; j < np; j++)
        {
            double wl = pumpWavelengthsM[j];
            Complex tab = material.At(wl);
            var (kr, kb) = CoolingModel.PumpK(template, wl);
            pumpIndex[j] = new Complex(tab.Real, kr + kb) / host;
            etaAbs[j] = CoolingModel.AbsorptionEfficiency(kr, kb);
        }
        var emission = template.EmissionAt(template.TemperatureK);
        double alphaB = template.BackgroundAbsorptionPerM;
        var emissionIndex = CoolingModel.EmissionIndex(material, emission.Wavelengths, alphaB);

        var etaC = new double[nd, np]; var power = new double[nd, np]; var qabs = new double[nd, np];
        var fBulk = new double[nd]; var etaExt = new double[nd]; var lambdaF = new double[nd];
        int done = 0;
        Parallel.For(0, nd, new ParallelOptions { CancellationToken = cancel }, () => new MieWorkspace(), (i, _, mie) =>
        {
            double d = diametersM[i], r = d / 2;
            var escape = CoolingModel.Escape(emissionIndex, d, host, emission, alphaB, mie);
            fBulk[i] = escape.FBulkAverage;
            lambdaF[i] = escape.EscapeWavelengthM;
            etaExt[i] = escape.ExternalQuantumEfficiency(template.InternalQuantumEfficiency);
            for (int j = 0; j < np; j++)
            {
                double wl = pumpWavelengthsM[j];
                double x = Convention.SizeParameter(r, wl, host);
                mie.Sphere(x, pumpIndex[j]); // allocation-free
                double q = Math.Max(mie.Qabs, 0);
                double ec = CoolingModel.CoolingEfficiency(etaExt[i], etaAbs[j], wl, lambdaF[i]);
                qabs[i, j] = q;
                etaC[i, j] = ec;
                power[i, j] = ec * q * Math.PI * r * r * template.IntensityWPerM2;
            }
            progress?.Report(Interlocked.Increment(ref done));
            return mie;
        }, _ => { });
        return new CoolingMapResult(diametersM, pumpWavelengthsM, etaC, power, qabs, fBulk, etaExt, lambdaF, etaAbs,
                                    template.Absorption.Description);
    }
}
