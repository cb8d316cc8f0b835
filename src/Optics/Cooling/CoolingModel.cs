using System.Numerics;
using MieCool.Core;
using MieCool.Optics.Emitters;
using MieCool.Optics.Fields;
using MieCool.Optics.Mie;
using MieCool.Optics.Substrate;

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
/// <param name="Mie">The Mie solution at the pump in the homogeneous host (its coefficients give the internal field there).</param>
/// <param name="QabsFree">Qabs of the same sphere in the homogeneous host (equal to <paramref name="Qabs"/> without a
/// substrate).</param>
/// <param name="OnSubstrate">With <see cref="CoolingInputs.Substrate"/>: the normal-incidence (TE) solution of the sphere on
/// its substrate, whose Qabs, multipoles and internal field are the pump's; null otherwise.</param>
public sealed record PumpAbsorption(double WavelengthM, Complex TabulatedIndex, double ResonantK, double BackgroundK,
    Complex IndexUsed, double Qabs, double CabsM2, double AbsorptionEfficiency, IReadOnlyList<MultipoleTerm> Multipoles,
    string AbsorptionModel, MieResult Mie, double QabsFree, SubstrateScattering? OnSubstrate = null);

/// <summary>
/// What becomes of the photons that the emitters in the sphere emit, averaged over the emission line (photon recycling):
/// they escape (p_e), or the sphere re-absorbs them (p_r), across the gap (re-excites a carrier) or in the background
/// absorption (heat, <see cref="BackgroundReabsorption"/>). p_e + p_r = 1.
/// </summary>
/// <param name="Escape">p_e = &lt;F&gt; / &lt;F_tot&gt;: the share of the emitted photons that reaches the far field.</param>
/// <param name="Reabsorption">p_r = 1 - p_e: the share the sphere re-absorbs (across the gap and in the background).</param>
/// <param name="BackgroundReabsorption">The part of p_r absorbed by the background absorption alpha_b, which only heats:
/// &lt;(F_tot - F) k_b / (k_r + k_b)&gt; / &lt;F_tot&gt;; 0 without background absorption.</param>
/// <param name="TotalRate">&lt;F_tot&gt;: the photon emission rate of the emitters (escaping plus re-absorbed) relative to the
/// bulk emitter, emission-averaged; F_tot = max(1, F) at each wavelength (see <see cref="CoolingModel"/>'s Escape).</param>
public sealed record PhotonRecycling(double Escape, double Reabsorption, double BackgroundReabsorption, double TotalRate);

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
/// <param name="Recycling">Escape and re-absorption probabilities of the emitted photons.</param>
public sealed record EmissionEscape(double[] WavelengthsM, double[] FHost, double[] FBulk, double FBulkAverage,
    double FHostAverage, double EscapeWavelengthM, SphereEmission? AtPeak, double PeakWavelengthM, PhotonRecycling Recycling)
{
    /// <summary>
    /// eta_ext of emitters with internal quantum efficiency <paramref name="etaInt"/>:
    /// <see cref="CoolingModel.ExternalQuantumEfficiency(double, double, double)"/> with F = <see cref="FBulkAverage"/> and the
    /// background re-absorption rate &lt;F_tot&gt; p_r,b of <see cref="Recycling"/>.
    /// </summary>
    public double ExternalQuantumEfficiency(double etaInt) =>
        CoolingModel.ExternalQuantumEfficiency(FBulkAverage, etaInt, Recycling.BackgroundReabsorption * Recycling.TotalRate);

    /// <summary>
    /// Per wavelength, F_substrate / F_leaving: the share of the escaping light that goes into the substrate side
    /// (<see cref="SubstrateOptics.SubstrateShare"/>); null without a substrate in the optics.
    /// </summary>
    public double[]? SubstrateShare { get; init; }

    /// <summary>
    /// Per wavelength, the share of the escaping luminescence power that goes into the substrate side at that wavelength:
    /// w_i F_i s_i / lambda_i over sum_j w_j F_j / lambda_j (w the photon spectrum, F = <see cref="FBulk"/>, s =
    /// <see cref="SubstrateShare"/>, photon energy h c / lambda); the sum is the substrate's share of the escaping power.
    /// Null without a substrate.
    /// </summary>
    /// <param name="emission">The spectrum the escape was averaged over (<see cref="CoolingResult.EmissionUsed"/>).</param>
    public double[]? SubstratePowerShares(EmissionSpectrum emission)
    {
        if (SubstrateShare is not { } s) return null;
        double total = 0;
        var shares = new double[s.Length];
        for (int i = 0; i < s.Length; i++)
        {
            double power = emission.Weights[i] * FBulk[i] / WavelengthsM[i];
            total += power; shares[i] = power * s[i];
        }
        for (int i = 0; i < s.Length; i++) shares[i] = total > 0 ? shares[i] / total : 0;
        return shares;
    }
}

/// <summary>Everything the cooling model computes (SI).</summary>
/// <param name="Inputs">The assumptions the result was computed from.</param>
/// <param name="Pump">Absorption of the pump: Mie solution, Qabs, Cabs and eta_abs.</param>
/// <param name="Escape">Escape of the emission: the Purcell factors F and the mean escape wavelength lambda_f.</param>
/// <param name="ExternalQuantumEfficiency">eta_ext (<see cref="EmissionEscape.ExternalQuantumEfficiency"/>): with no
/// background absorption F eta_int / (F eta_int + 1 - eta_int), F = FBulkAverage.</param>
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
    /// <summary>
    /// The external quantum efficiency with photon recycling: the probability that an excitation ends as a photon in the
    /// far field. An emitter of internal quantum efficiency eta_int (bulk radiative rate W_r, non-radiative W_nr,
    /// eta_int = W_r / (W_r + W_nr)) emits photons at F_tot W_r; a share p_e escapes, p_r,g is re-absorbed across the gap
    /// and makes a new excitation (recycling), p_r,b is re-absorbed by the background and heats, p_e + p_r,g + p_r,b = 1.
    /// With eta' = F_tot eta_int / (F_tot eta_int + 1 - eta_int) the chance of a photon per excitation, the geometric series
    /// of generations gives eta_ext = eta' p_e / (1 - eta' p_r,g) (Rau, Paetzold &amp; Kirchartz, Phys. Rev. B 90, 035211
    /// (2014); Sheik-Bahae &amp; Epstein, Phys. Rev. Lett. 92, 247403 (2004)). Multiplied out with F = p_e F_tot and
    /// a_b = p_r,b F_tot:
    ///   eta_ext = F eta_int / (F eta_int + a_b eta_int + 1 - eta_int),
    /// which depends on F_tot only through a_b: without background re-absorption (a_b = 0) it is exactly
    /// F eta_int / (F eta_int + 1 - eta_int) (full recycling: the radiative rate scaled by F, the non-radiative unchanged).
    /// </summary>
    /// <param name="f">F: the escaping radiative rate relative to the bulk emitter, emission-averaged.</param>
    /// <param name="etaInt">eta_int, [0, 1].</param>
    /// <param name="backgroundReabsorption">a_b = &lt;F_tot&gt; p_r,b: the rate of photons the background absorbs, relative to
    /// the bulk radiative rate (0 without background absorption).</param>
    public static double ExternalQuantumEfficiency(double f, double etaInt, double backgroundReabsorption = 0)
    {
        double num = f * etaInt, den = num + backgroundReabsorption * etaInt + 1 - etaInt;
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
        var escape = Escape(inputs.Material, inputs.DiameterM, inputs.HostIndex, emission, inputs.BackgroundAbsorptionPerM,
                            withPeak: true, inputs.Substrate);
        double pAbs = pump.CabsM2 * inputs.IntensityWPerM2;
        var (etaInt, density) = InternalQuantumEfficiency(inputs, pAbs, inputs.DiameterM, inputs.PumpWavelengthM);
        double etaExt = escape.ExternalQuantumEfficiency(etaInt);
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
        double qabsFree = qabs;
        SubstrateScattering? onSubstrate = null;
        if (inputs.Substrate is { } substrate)
        {
            // normal incidence from the host: the TE and TM solutions are the same turned by 90 degrees
            onSubstrate = SphereOnSubstrate.Solve(new SphereOnSubstrateProblem(radius, index, inputs.HostIndex,
                substrate.At(pumpWavelengthM), substrate.CentreHeightM ?? radius, pumpWavelengthM, Illumination.NormalFromHost),
                substrate.PumpSettings(pumpWavelengthM));
            qabs = Math.Max(onSubstrate.Qabs, 0);
            if (withMultipoles)
                multipoles = onSubstrate.Multipoles.Select(t => MultipoleTerm.Of(t.Order, t.Type, t.Qabs)).ToList();
        }
        return new PumpAbsorption(pumpWavelengthM, tab, kr, kb, index, qabs, qabs * Math.PI * radius * radius, etaAbs,
                                  multipoles, inputs.Absorption.Description, mie, qabsFree, onSubstrate);
    }


    /// <summary>
    /// Escape factors over the emission spectrum: F(lambda) of dipoles filling the sphere (the index of
    /// <see cref="EmissionIndex"/> at each emission wavelength), its emission-weighted mean, lambda_f and the recycling
    /// probabilities.
    /// </summary>
    /// <param name="material">The particle's material (its page's n and k at the emission wavelengths).</param>
    /// <param name="diameterM">Sphere diameter, m.</param>
    /// <param name="hostIndex">Real host index.</param>
    /// <param name="emission">The intrinsic emission line.</param>
    /// <param name="backgroundAbsorptionPerM">alpha_b, 1/m: it absorbs the emission as it absorbs the pump.</param>
    /// <param name="withPeak">Whether to add the multipole decomposition at the emission peak (of the free sphere).</param>
    /// <param name="substrate">The substrate as the optics see it: F is then the rate leaving the sphere on it (into the host
    /// and into the substrate side), the free sphere's F times <see cref="SubstrateOptics.EscapeRatio"/>; null: the
    /// homogeneous host.</param>
    public static EmissionEscape Escape(IRefractiveIndex material, double diameterM, double hostIndex, EmissionSpectrum emission,
                                        double backgroundAbsorptionPerM, bool withPeak, SubstrateOptics? substrate = null)
    {
        var indices = EmissionIndex(material, emission.Wavelengths, backgroundAbsorptionPerM);
        var ratio = SubstrateRatio(material, diameterM, hostIndex, backgroundAbsorptionPerM, emission.Wavelengths, substrate);
        var escape = Escape(indices, diameterM, hostIndex, emission, backgroundAbsorptionPerM, null, ratio);
        if (substrate is not null)
        {
            Complex At(double wl) => EmissionIndex(material, [wl], backgroundAbsorptionPerM)[0];
            var key = new Complex(backgroundAbsorptionPerM, 0);
            escape = escape with
            {
                SubstrateShare = emission.Wavelengths
                    .Select(wl => substrate.SubstrateShare(diameterM / 2, hostIndex, At, key, wl)).ToArray(),
            };
        }
        if (!withPeak) return escape;
        double peakWl = emission.Peak;
        Complex m = EmissionIndex(material, [peakWl], backgroundAbsorptionPerM)[0] / hostIndex;
        double x = Convention.SizeParameter(diameterM / 2, peakWl, hostIndex);
        return escape with { AtPeak = DipoleInSphere.VolumeAverage(SphereCoefficients.Sphere(x, m), hostIndex) };
    }

    /// <summary>
    /// Per wavelength (m), the factor <see cref="SubstrateOptics.EscapeRatio"/> that the substrate puts on F; null without a
    /// substrate.
    /// </summary>
    public static double[]? SubstrateRatio(IRefractiveIndex material, double diameterM, double hostIndex, double backgroundAbsorptionPerM,
                                           double[] wavelengthsM, SubstrateOptics? substrate)
    {
        if (substrate is null) return null;
        var ratio = new double[wavelengthsM.Length];
        Complex At(double wl) => EmissionIndex(material, [wl], backgroundAbsorptionPerM)[0];
        substrate.Prefetch(diameterM / 2, hostIndex, At, new Complex(backgroundAbsorptionPerM, 0), wavelengthsM);
        for (int i = 0; i < ratio.Length; i++)
            ratio[i] = substrate.EscapeRatio(diameterM / 2, hostIndex, At, new Complex(backgroundAbsorptionPerM, 0), wavelengthsM[i]);
        return ratio;
    }

    /// <summary>
    /// The particle's index at emission wavelengths (m): the page's n + i (k + k_b), k_b = alpha_b lambda / (4 pi). The page's
    /// k is the gap (interband) absorption that emits and re-absorbs the luminescence, at every particle temperature.
    /// </summary>
    /// <param name="material">The particle's material.</param>
    /// <param name="wavelengthsM">Vacuum wavelengths, m.</param>
    /// <param name="backgroundAbsorptionPerM">alpha_b, 1/m.</param>
    public static Complex[] EmissionIndex(IRefractiveIndex material, ReadOnlySpan<double> wavelengthsM, double backgroundAbsorptionPerM)
    {
        var indices = new Complex[wavelengthsM.Length];
        for (int i = 0; i < indices.Length; i++)
            indices[i] = material.At(wavelengthsM[i]) + new Complex(0, backgroundAbsorptionPerM * wavelengthsM[i] / (4 * Math.PI));
        return indices;
    }

    /// <summary>
    /// <see cref="Escape(IRefractiveIndex, double, double, EmissionSpectrum, double, bool, SubstrateOptics)"/> with the index at every
    /// emission wavelength given (<see cref="EmissionIndex"/>; a map computes them once); no peak decomposition.
    /// <para>
    /// Photon recycling. The emitters' photon emission rate relative to the bulk emitter is taken as
    /// F_tot(lambda) = max(1, F(lambda)): the bulk rate, to which the measured eta_int refers, unless the escape alone exceeds
    /// it (a Purcell-enhanced resonance). This is the detailed-balance (generalised Kirchhoff) picture of Wurfel, J. Phys. C
    /// 15, 3967 (1982): the photons emitted at the bulk rate escape with probability F or are re-absorbed. F obeys it exactly:
    /// its volume average equals n_host^2 Cabs / (n^2 alpha V) of the same sphere, the escape probability of a body that emits at the
    /// bulk rate (tested). A total rate from the Green's function at the emitter (Chew, Phys. Rev. A 38, 3410 (1988)) is not
    /// used: in an absorbing sphere it counts the emitter's near-field absorption, which diverges as the emitter nears the
    /// surface, so its volume average has no finite value (docs/cooling.md). Re-absorbed photons divide between the gap and
    /// the background in proportion to k_r : k_b at their wavelength (both absorb the same field).
    /// </para>
    /// </summary>
    /// <param name="materialIndexAtEmission">n + i (k + k_b) at each emission wavelength.</param>
    /// <param name="diameterM">Sphere diameter, m.</param>
    /// <param name="hostIndex">Real host index.</param>
    /// <param name="emission">The intrinsic emission line.</param>
    /// <param name="backgroundAbsorptionPerM">alpha_b, 1/m (its k_b is inside <paramref name="materialIndexAtEmission"/>).</param>
    /// <param name="workspace">A Mie workspace to reuse (allocation-free), or null.</param>
    /// <param name="substrateRatio">Per emission wavelength, the factor the substrate puts on F (null: none).</param>
    public static EmissionEscape Escape(Complex[] materialIndexAtEmission, double diameterM, double hostIndex, EmissionSpectrum emission,
                                        double backgroundAbsorptionPerM, MieWorkspace? workspace = null, double[]? substrateRatio = null)
    {
        var wl = emission.Wavelengths;
        var fHost = new double[wl.Length]; var fBulk = new double[wl.Length];
        var fTotal = new double[wl.Length]; var background = new double[wl.Length];
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
            fHost[i] = avg * (substrateRatio?[i] ?? 1);
            fBulk[i] = fHost[i] * hostIndex / mAbs.Real; // radiative rate at fixed dipole moment scales with the real index
            fTotal[i] = Math.Max(1, fBulk[i]);
            double kb = backgroundAbsorptionPerM * wl[i] / (4 * Math.PI);
            background[i] = kb > 0 ? (fTotal[i] - fBulk[i]) * kb / mAbs.Imaginary : 0; // the re-absorbed share k_b / (k_r + k_b)
        }
        double fb = emission.Average(fBulk), fh = emission.Average(fHost), ft = emission.Average(fTotal);
        double lambdaF = emission.MeanPhotonEnergyWavelength(fBulk);
        double pe = Math.Min(fb / ft, 1);
        var recycling = new PhotonRecycling(pe, 1 - pe, Math.Min(emission.Average(background) / ft, 1 - pe), ft);
        return new EmissionEscape(wl, fHost, fBulk, fb, fh, lambdaF, null, emission.Peak, recycling);
    }
}
