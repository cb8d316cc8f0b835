using System.Runtime.InteropServices;
using System.Text;
using MieCool.Core;
using MieCool.Optics.Cooling;
using MieCool.Optics.Materials;

namespace MieCool.Native;

/// <summary>
/// The cooling entry point of the C ABI (miecool.h): the laser-cooling model of one sphere in a homogeneous host
/// (<see cref="CoolingModel.Evaluate"/>, Sheik-Bahae &amp; Epstein 2007), with the inputs of `miecool cooling` that are plain
/// numbers: a Gaussian emission line and the tabulated k of the material as the sub-gap absorption, at 300 K.
/// </summary>
static class CoolingExports
{
    /// <summary>
    /// miecool_cooling: material is a UTF-8 spec as `miecool cooling --material` takes it (an index "2.5+0.01i", a .yml page,
    /// a database path such as other/perovskite/CH3NH3PbI3/nk/Phillips, found through MIECOOL_DATA or above the program).
    /// Lengths in m, intensity in W/m^2, alpha_b in 1/m. Outputs (each may be NULL): Qabs and Cabs (m^2) at the pump,
    /// eta_abs, F_bulk averaged over the emission, eta_ext, lambda_f (m), eta_c, P_abs (W), P_heat (W, negative cools).
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "miecool_cooling")]
    static unsafe int Cooling(byte* material, double diameterM, double hostIndex, double pumpWavelengthM, double intensityWPerM2,
                              double etaInt, double emissionPeakM, double emissionFwhmM, double backgroundAbsorptionPerM,
                              double* qabs, double* cabsM2, double* etaAbs, double* fBulk, double* etaExt, double* lambdaFM,
                              double* etaC, double* pAbsW, double* pHeatW)
    {
        const string F = "miecool_cooling";
        try
        {
            if (material == null) throw new InputException(F, "is NULL", "material", valid: "a material spec such as 2.5+0.01i");
            var spec = Encoding.UTF8.GetString(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(material));
            var index = MaterialLibrary.Resolve(spec, F + ": material");
            Abi.Positive(emissionPeakM, F, "emission_peak", " m");
            Abi.Positive(emissionFwhmM, F, "emission_fwhm", " m");
            var emission = EmissionSpectrum.Gaussian(emissionPeakM, emissionFwhmM, source: F);
            var inputs = new CoolingInputs(index, diameterM, hostIndex, pumpWavelengthM, intensityWPerM2, etaInt, emission,
                                           new TabulatedAbsorption(), backgroundAbsorptionPerM);
            var r = CoolingModel.Evaluate(inputs);   // validates every input first (errors keyed by the names above)
            Abi.Finite([r.Pump.Qabs, r.Pump.CabsM2, r.AbsorptionEfficiency, r.Escape.FBulkAverage, r.ExternalQuantumEfficiency,
                        r.EscapeWavelengthM, r.CoolingEfficiency, r.AbsorbedPowerW, r.HeatPowerW], F, "result");
            Abi.Write(r.Pump.Qabs, qabs); Abi.Write(r.Pump.CabsM2, cabsM2); Abi.Write(r.AbsorptionEfficiency, etaAbs);
            Abi.Write(r.Escape.FBulkAverage, fBulk); Abi.Write(r.ExternalQuantumEfficiency, etaExt);
            Abi.Write(r.EscapeWavelengthM, lambdaFM); Abi.Write(r.CoolingEfficiency, etaC);
            Abi.Write(r.AbsorbedPowerW, pAbsW); Abi.Write(r.HeatPowerW, pHeatW);
            return Abi.Success();
        }
        catch (Exception e)
        {
            return Abi.Fail(e);
        }
    }
}
