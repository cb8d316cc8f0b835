using System.Numerics;
using MieCool.Core;
using MieCool.Optics.Emitters;
using MieCool.Optics.Fields;
using MieCool.Optics.Mie;

namespace MieCool.Optics.Cooling;

/// <summary>Absorption of the pump by the sphere.</summary>
/// <param name="WavelengthM">Pump vacuum wavelength, m.</param>
/// <param name="TabulatedIndex">Material index from the data at the pump (n + i k_tab).</param>
/// <param name="ResonantK">k_r from the absorption model (what can cool).</param>
/// <param name="BackgroundK">k_b = alpha_b lambda / (4 pi) (what only heats).</param>
/// <param name="IndexUsed">n + i (k_r + k_b): the index the Mie calculation used.</param>
/// <param name="Qabs">Absorption efficiency Cabs / (pi a^2).</param>
/// <param name="CabsM2">Absorption cross section, m^2.</param>
/// <param name="AbsorptionEfficiency">eta_abs = alpha_r / (alpha_r + alpha_b) (1 when both vanish).</param>
/// <param name="Multipoles">Qabs per multipole, largest first.</param>
/// <param name="AbsorptionModel">Which sub-gap absorption model was used.</param>
/// <param name="Mie">The Mie solution at the pump (its coefficients also give the internal field).</param>
public sealed record PumpAbsorption(double WavelengthM, Complex TabulatedIndex, double ResonantK, double BackgroundK,
    Complex IndexUsed, double Qabs, double CabsM2, double AbsorptionEfficiency, IReadOnlyList<MultipoleTerm> Multipoles,
    string AbsorptionModel, MieResult Mie);

/// <summary>How the emission escapes the sphere.</summary>
/// <param name="WavelengthsM">Emission quadrature wavelengths, m.</param>
/// <param name="FHost">Volume/orientation-averaged radiative rate relative to the dipole in the infinite host, per wavelength.</param>
/// <param name="FBulk">The same relative to the dipole in the bulk material (what eta_ext needs), per wavelength.</param>
/// <param name="FBulkAverage">Emission-weighted mean of FBulk.</param>
/// <param name="FHostAverage">Emission-weighted mean of FHost.</param>
/// <param name="EscapeWavelengthM">lambda_f: the mean energy of the escaping photons (spectrum weighted by FBulk), as a
/// wavelength, m.</param>
/// <param name="AtPeak">Full emitter result (multipoles) at the emission peak wavelength; null when not asked for.</param>
/// <param name="PeakWavelengthM">The peak of the intrinsic emission spectrum (<see cref="EmissionSpectrum.Peak"/>), vacuum
/// wavelength, m: where <paramref name="AtPeak"/> is evaluated.</param>
public sealed record EmissionEscape(double[] WavelengthsM, double[] FHost, double[] FBulk, double FBulkAverage,
    double FHostAverage, double EscapeWavelengthM, SphereEmission? AtPeak, double PeakWavelengthM);

/// <summary>Everything the cooling model computes (SI).</summary>
/// <param name="Inputs">The assumptions the result was computed from.</param>
/// <param name="Pump">Absorption of the pump: Mie solution, Qabs, Cabs and eta_abs.</param>
/// <param name="Escape">Escape of the emission: the Purcell factors F and the mean escape wavelength lambda_f.</param>
/// <param name="ExternalQuantumEfficiency">eta_ext = F eta_int / (F eta_int + 1 - eta_int), F = FBulkAverage.</param>
/// <param name="CoolingEfficiency">eta_c = eta_ext eta_abs lambda_p / lambda_f - 1 (&gt; 0 cools).</param>
/// <param name="AbsorbedPowerW">P_abs = Cabs(lambda_p) I, W.</param>
/// <param name="HeatPowerW">P_heat = -eta_c P_abs, W (negative: the particle loses heat, i.e. cools).</param>
/// <param name="EmissionUsed">The intrinsic emission at the particle temperature (<see cref="CoolingInputs.EmissionAt"/>), the
/// spectrum F and lambda_f were averaged over.</param>
/// <param name="InternalQuantumEfficiencyUsed">eta_int that entered eta_ext: the input's with the constant model, the ABC
/// model's B N^2 / R(N) at the particle temperature with <see cref="CarrierModel.Abc"/>.</param>
/// <param name="CarrierDensityPerM3">The steady-state carrier density N, 1/m^3, with <see cref="CarrierModel.Abc"/>
/// (<see cref="CarrierModel.Abc.CarrierDensityPerM3"/>); null with the constant model.</param>
public sealed record CoolingResult(CoolingInputs Inputs, PumpAbsorption Pump, EmissionEscape Escape,
    double ExternalQuantumEfficiency, double CoolingEfficiency, double AbsorbedPowerW, double HeatPowerW, EmissionSpectrum EmissionUsed,
    double InternalQuantumEfficiencyUsed, double? CarrierDensityPerM3)
{
    /// <summary>eta_abs = alpha_r / (alpha_r + alpha_b): the share of the absorbed pump that can cool (from <see cref="Pump"/>).</summary>
    public double AbsorptionEfficiency => Pump.AbsorptionEfficiency;
    /// <summary>lambda_f, m: the vacuum wavelength of the mean energy of the escaping photons (from <see cref="Escape"/>).</summary>
    public double EscapeWavelengthM => Escape.EscapeWavelengthM;
    /// <summary>Cooling power -P_heat, W (positive cools).</summary>
    public double CoolingPowerW => -HeatPowerW;
}

/// <summary>
/// The laser-cooling efficiency of one sphere: Sheik-Bahae &amp; Epstein, Nature Photonics 1, 693 (2007) and
/// Phys. Rev. Lett. 92, 247403 (2004): eta_c = eta_ext eta_abs lambda_p / lambda_f - 1, with the external quantum
/// efficiency set by the Purcell-modified radiative rate (factor F relative to the bulk emitter) and the absorbed
/// power from Mie theory. Net heat P_heat = -eta_c P_abs. Every optical property is evaluated at the particle temperature
/// <see cref="CoolingInputs.TemperatureK"/>: k_r at the pump from the absorption model, the emission line from
/// <see cref="CoolingInputs.EmissionAt"/>; the index at the emission wavelengths (for F) is the page's at every temperature.
/// </summary>
public static partial class CoolingModel
{
    /// <summary>eta_ext = F eta_int / (F eta_int + 1 - eta_int): radiative rate scaled by F, non-radiative unchanged.</summary>
    public static double ExternalQuantumEfficiency(double f, double etaInt)
    {
        double num = f * etaInt, den = num + 1 - etaInt;
        return den > 0 ? num / den : 0;
    }

    /// <summary>eta_abs = alpha_r / (alpha_r + alpha_b); 1 when nothing absorbs (then P_abs = 0 anyway).</summary>
    public static double AbsorptionEfficiency(double alphaResonant, double alphaBackground) =>
        alphaResonant + alphaBackground > 0 ? alphaResonant / (alphaResonant + alphaBackground) : 1;

    /// <summary>eta_c = eta_ext eta_abs lambda_p / lambda_f - 1 (Sheik-Bahae &amp; Epstein 2007, Eq. 1).</summary>
    public static double CoolingEfficiency(double etaExt, double etaAbs, double pumpWavelength, double escapeWavelength) =>
        etaExt * etaAbs * pumpWavelength / escapeWavelength - 1;

    /// <summary>
    /// The full model for one particle at its temperature <see cref="CoolingInputs.TemperatureK"/>.
    /// <paramref name="extraTerms"/> Mie terms beyond Wiscombe's count at the pump make
    /// its coefficients accurate enough for pointwise internal fields too (<see cref="SphereField.ExtraTerms"/>), so that
    /// a coupled model solves the pump once.
    /// </summary>
    /// <param name="inputs">Every assumption of the model; validated first.</param>
    /// <param name="extraTerms">Mie terms beyond Wiscombe's count at the pump (0: Wiscombe's count).</param>
    public static CoolingResult Evaluate(CoolingInputs inputs, int extraTerms = 0)
    {
        inputs.Validate();
        var pump = Pump(inputs, inputs.DiameterM, inputs.PumpWavelengthM, withMultipoles: true, extraTerms);
        var emission = inputs.EmissionAt(inputs.TemperatureK);
        var escape = Escape(inputs.Material, inputs.DiameterM, inputs.HostIndex, emission, withPeak: true);
        double pAbs = pump.CabsM2 * inputs.IntensityWPerM2;
        var (etaInt, density) = InternalQuantumEfficiency(inputs, pAbs, inputs.DiameterM, inputs.PumpWavelengthM);
        double etaExt = ExternalQuantumEfficiency(escape.FBulkAverage, etaInt);
        double etaC = CoolingEfficiency(etaExt, pump.AbsorptionEfficiency, inputs.PumpWavelengthM, escape.EscapeWavelengthM);
        double pHeat = -etaC * pAbs;
        return new CoolingResult(inputs, pump, escape, etaExt, etaC, pAbs, pHeat, emission, etaInt, density);
    }

    /// <summary>
    /// eta_int and the carrier density N (1/m^3; null with the constant model) of the particle of <paramref name="inputs"/>
    /// at its temperature: the constant model returns <see cref="CoolingInputs.InternalQuantumEfficiency"/>; the ABC model
    /// solves R(N) = G, G = P_abs / (E_pump V) (<see cref="CarrierModel.GenerationRatePerM3PerS"/>).
    /// </summary>
    /// <param name="inputs">The model; its carrier model and temperature are used.</param>
    /// <param name="absorbedPowerW">P_abs, W (it does not depend on eta_int).</param>
    /// <param name="diameterM">Sphere diameter, m.</param>
    /// <param name="pumpWavelengthM">Pump vacuum wavelength, m.</param>
    public static (double EtaInt, double? CarrierDensityPerM3) InternalQuantumEfficiency(CoolingInputs inputs, double absorbedPowerW,
                                                                                         double diameterM, double pumpWavelengthM)
    {
        if (inputs.CarriersUsed is not CarrierModel.Abc abc) return (inputs.InternalQuantumEfficiency, null);
        double g = CarrierModel.GenerationRatePerM3PerS(absorbedPowerW, pumpWavelengthM, diameterM);
        double n = abc.CarrierDensityPerM3(g, inputs.TemperatureK);
        return (abc.InternalQuantumEfficiency(n, inputs.TemperatureK), n);
    }

    /// <summary>
    /// (k_r, k_b) at a pump vacuum wavelength (m) at the particle temperature <see cref="CoolingInputs.TemperatureK"/>:
    /// k_r from the absorption model, k_b = alpha_b lambda / (4 pi).
    /// </summary>
    /// <param name="inputs">Material, absorption models and particle temperature.</param>
    /// <param name="pumpWavelengthM">Pump vacuum wavelength, m.</param>
    public static (double ResonantK, double BackgroundK) PumpK(CoolingInputs inputs, double pumpWavelengthM) =>
        (inputs.Absorption.ResonantK(inputs.Material, pumpWavelengthM, inputs.TemperatureK),
         inputs.BackgroundAbsorptionPerM * pumpWavelengthM / (4 * Math.PI));

    /// <summary>
    /// Absorption of the pump (Mie with k = k_r + k_b, <paramref name="extraTerms"/> beyond Wiscombe's count) and eta_abs, at
    /// the particle temperature <see cref="CoolingInputs.TemperatureK"/>.
    /// </summary>
    /// <param name="inputs">Material, host, absorption models, temperature; its own diameter and pump wavelength are not used
    /// here.</param>
    /// <param name="diameterM">Sphere diameter, m (a cooling map varies it).</param>
    /// <param name="pumpWavelengthM">Pump vacuum wavelength, m; outside the material data it throws.</param>
    /// <param name="withMultipoles">Whether to list Qabs per multipole (else <see cref="PumpAbsorption.Multipoles"/> is empty).</param>
    /// <param name="extraTerms">Mie terms beyond Wiscombe's count (0: Wiscombe's count).</param>
    public static PumpAbsorption Pump(CoolingInputs inputs, double diameterM, double pumpWavelengthM, bool withMultipoles,
                                      int extraTerms = 0)
    {
        var material = inputs.Material;
        CoolingInputs.CheckWavelength(material, pumpWavelengthM, "pump_wavelength");
        Complex tab = material.At(pumpWavelengthM);
        var (kr, kb) = PumpK(inputs, pumpWavelengthM);
        var index = new Complex(tab.Real, kr + kb);
        double radius = diameterM / 2;
        double x = Convention.SizeParameter(radius, pumpWavelengthM, inputs.HostIndex);
        var mie = MieSolver.Sphere(x, index / inputs.HostIndex, extraTerms > 0 ? MieSolver.TermCount(x) + extraTerms : null);
        double qabs = Math.Max(mie.Efficiencies.Qabs, 0);
        IReadOnlyList<MultipoleTerm> multipoles = [];
        if (withMultipoles)
        {
            var list = new List<MultipoleTerm>(2 * mie.NMax);
            for (int n = 1; n <= mie.NMax; n++)
                foreach (var type in (ReadOnlySpan<MultipoleType>)[MultipoleType.Electric, MultipoleType.Magnetic])
                    list.Add(MultipoleTerm.Of(n, type, mie.Multipole(n, type).Qabs));
            multipoles = list.OrderByDescending(t => t.Value).ToList();
        }
        double etaAbs = AbsorptionEfficiency(kr, kb); // alpha = 4 pi k / lambda at one wavelength: the ratio of k's
        return new PumpAbsorption(pumpWavelengthM, tab, kr, kb, index, qabs, qabs * Math.PI * radius * radius, etaAbs,
                                  multipoles, inputs.Absorption.Description, mie);
    }

    /// <summary>
    /// Escape factors over the emission spectrum: F(lambda) of dipoles filling the sphere (tabulated index at each
    /// emission wavelength), its emission-weighted mean and lambda_f.
    /// </summary>
    public static EmissionEscape Escape(IRefractiveIndex material, double diameterM, double hostIndex, EmissionSpectrum emission,
                                        bool withPeak)
    {
        var indices = new Complex[emission.Wavelengths.Length];
        for (int i = 0; i < indices.Length; i++) indices[i] = material.At(emission.Wavelengths[i]);
        var escape = Escape(indices, diameterM, hostIndex, emission);
        if (!withPeak) return escape;
        double peakWl = emission.Peak;
        Complex m = material.At(peakWl) / hostIndex;
        double x = Convention.SizeParameter(diameterM / 2, peakWl, hostIndex);
        return escape with { AtPeak = DipoleInSphere.VolumeAverage(SphereCoefficients.Sphere(x, m), hostIndex) };
    }

    /// <summary><see cref="Escape(IRefractiveIndex, double, double, EmissionSpectrum, bool)"/> with the material index
    /// at every emission wavelength given (a map computes them once); no peak decomposition.</summary>
    public static EmissionEscape Escape(Complex[] materialIndexAtEmission, double diameterM, double hostIndex, EmissionSpectrum emission,
                                        MieWorkspace? workspace = null)
    {
        var wl = emission.Wavelengths;
        var fHost = new double[wl.Length]; var fBulk = new double[wl.Length];
        double radius = diameterM / 2;
        var mie = workspace ?? new MieWorkspace();
        Span<Complex> c = stackalloc Complex[64], d = stackalloc Complex[64];
        for (int i = 0; i < wl.Length; i++)
        {
            Complex mAbs = materialIndexAtEmission[i];
            Complex m = mAbs / hostIndex;
            double x = Convention.SizeParameter(radius, wl[i], hostIndex);
            mie.Sphere(x, m); // allocation-free
            int nmax = mie.NMax;
            if (nmax > c.Length) { c = new Complex[nmax]; d = new Complex[nmax]; }
            mie.InternalCoefficients(c, d);
            var (avg, _, _) = DipoleInSphere.VolumeAverage(x, m, c[..nmax], d[..nmax], default, default);
            fHost[i] = avg;
            fBulk[i] = avg * hostIndex / mAbs.Real; // radiative rate at fixed dipole moment scales with the real index
        }
        double fb = emission.Average(fBulk), fh = emission.Average(fHost);
        double lambdaF = emission.MeanPhotonEnergyWavelength(fBulk);
        return new EmissionEscape(wl, fHost, fBulk, fb, fh, lambdaF, null, emission.Peak);
    }
}
