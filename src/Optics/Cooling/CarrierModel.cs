using MieCool.Core;
using MieCool.Core.Numerics;

namespace MieCool.Optics.Cooling;

/// <summary>
/// Where the internal quantum efficiency eta_int (radiative / total recombination rate in the bulk) comes from:
/// <see cref="ConstantEfficiency"/> (the fixed <see cref="CoolingInputs.InternalQuantumEfficiency"/>, the default) or
/// <see cref="Abc"/> (the ABC recombination model at the steady-state carrier density the pump sustains).
/// </summary>
public abstract record CarrierModel
{
    private protected CarrierModel() { }

    /// <summary>The default: <see cref="ConstantEfficiency"/>.</summary>
    public static CarrierModel Default { get; } = new ConstantEfficiency();

    /// <summary>One-line description for reports.</summary>
    public abstract string Description { get; }

    /// <summary>Throws an <see cref="InputException"/> (source <see cref="CoolingInputs.Source"/>) for a coefficient outside its
    /// range.</summary>
    public virtual void Validate() { }

    /// <summary>
    /// G = P_abs / (E_pump V), 1/(m^3 s): the absorbed photon flux per particle volume, E_pump = h c / lambda_p and
    /// V = pi D^3 / 6 (every absorbed pump photon makes one electron-hole pair, spread uniformly over the particle).
    /// </summary>
    /// <param name="absorbedPowerW">P_abs, W.</param>
    /// <param name="pumpWavelengthM">Pump vacuum wavelength lambda_p, m.</param>
    /// <param name="diameterM">Sphere diameter D, m.</param>
    public static double GenerationRatePerM3PerS(double absorbedPowerW, double pumpWavelengthM, double diameterM)
    {
        double photonEnergyJ = PhysicalConstants.PlanckTimesSpeedOfLight / pumpWavelengthM;
        double volumeM3 = Math.PI * diameterM * diameterM * diameterM / 6;
        return absorbedPowerW / (photonEnergyJ * volumeM3);
    }

    /// <summary>eta_int is the given <see cref="CoolingInputs.InternalQuantumEfficiency"/>, independent of the pump (today's
    /// model).</summary>
    public sealed record ConstantEfficiency : CarrierModel
    {
        /// <inheritdoc/>
        public override string Description => "constant eta_int";
    }

    /// <summary>
    /// ABC recombination, R(N) = A N + B(T) N^2 + C N^3 per volume (trap-assisted, radiative, Auger), the standard form for
    /// metal-halide perovskites (Johnston &amp; Herz, Acc. Chem. Res. 49, 146 (2016), Eq. 1), with eta_int = B N^2 / R(N).
    /// The radiative coefficient of free, non-degenerate carriers falls as B(T) = B_300 (300 K / T)^(3/2): the van
    /// Roosbroeck-Shockley rate (Phys. Rev. 94, 1558 (1954)) with Boltzmann statistics divided by n_i^2, as measured for
    /// MAPbI3 by Milot et al., Adv. Funct. Mater. 25, 6218 (2015). In steady state the generation G equals R(N)
    /// (<see cref="CarrierDensityPerM3"/>).
    /// </summary>
    /// <param name="AS">A, 1/s: trap-assisted (monomolecular) recombination rate, &gt;= 0.</param>
    /// <param name="B300M3PerS">B at 300 K, m^3/s: radiative (bimolecular) coefficient, &gt; 0.</param>
    /// <param name="CM6PerS">C, m^6/s: Auger coefficient, &gt;= 0, temperature independent.</param>
    public sealed record Abc(double AS, double B300M3PerS, double CM6PerS) : CarrierModel
    {
        /// <summary>The temperature at which <see cref="B300M3PerS"/> applies, K.</summary>
        public const double ReferenceTemperatureK = 300;

        /// <inheritdoc/>
        public override string Description => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"ABC: A {AS:G4} /s, B(300 K) {B300M3PerS * 1e6:G4} cm^3/s, C {CM6PerS * 1e12:G4} cm^6/s");

        /// <inheritdoc/>
        public override void Validate()
        {
            if (!(AS >= 0) || !double.IsFinite(AS))
                throw new InputException(CoolingInputs.Source, "the ABC coefficient A must be finite and >= 0", "abc_a",
                    Units.Invariant(AS) + " /s", "A >= 0, e.g. 1e7 /s");
            if (!(B300M3PerS > 0) || !double.IsFinite(B300M3PerS))
                throw new InputException(CoolingInputs.Source, "the ABC coefficient B must be finite and > 0", "abc_b",
                    Units.Invariant(B300M3PerS * 1e6) + " cm^3/s", "B > 0, e.g. 1e-10 cm^3/s");
            if (!(CM6PerS >= 0) || !double.IsFinite(CM6PerS))
                throw new InputException(CoolingInputs.Source, "the ABC coefficient C must be finite and >= 0", "abc_c",
                    Units.Invariant(CM6PerS * 1e12) + " cm^6/s", "C >= 0, e.g. 1e-28 cm^6/s");
        }

        /// <summary>B(T) = B_300 (300 K / T)^(3/2), m^3/s.</summary>
        /// <param name="temperatureK">Particle temperature, K (&gt; 0).</param>
        public double RadiativeCoefficientM3PerS(double temperatureK) =>
            B300M3PerS * Math.Pow(ReferenceTemperatureK / temperatureK, 1.5);

        /// <summary>R(N) = A N + B(T) N^2 + C N^3, 1/(m^3 s).</summary>
        /// <param name="carrierDensityPerM3">N, 1/m^3.</param>
        /// <param name="temperatureK">Particle temperature, K.</param>
        public double RecombinationRatePerM3PerS(double carrierDensityPerM3, double temperatureK)
        {
            double n = carrierDensityPerM3;
            return n * (AS + n * (RadiativeCoefficientM3PerS(temperatureK) + n * CM6PerS));
        }

        /// <summary>
        /// eta_int = B(T) N^2 / R(N). At N = 0 its limit: 0 with A &gt; 0, else 1 (B / (B + C N) at N -&gt; 0).
        /// </summary>
        /// <param name="carrierDensityPerM3">N, 1/m^3 (&gt;= 0).</param>
        /// <param name="temperatureK">Particle temperature, K.</param>
        public double InternalQuantumEfficiency(double carrierDensityPerM3, double temperatureK)
        {
            double n = carrierDensityPerM3;
            if (!(n > 0)) return AS > 0 ? 0 : 1;
            double b = RadiativeCoefficientM3PerS(temperatureK);
            return b * n * n / RecombinationRatePerM3PerS(n, temperatureK);
        }

        /// <summary>
        /// The steady-state carrier density N &gt; 0 with R(N) = G, 1/m^3 (0 when G = 0). R rises monotonically from 0, so the
        /// root is unique; it is bracketed by [0, N_hi], N_hi the smallest of G/A, sqrt(G/B), (G/C)^(1/3) (one term alone
        /// reaches G there), and found by Brent's method (<see cref="Brent.FindRoot"/>) in N / N_hi in [0, 2] to 1e-15.
        /// </summary>
        /// <param name="generationPerM3PerS">G, 1/(m^3 s) (&gt;= 0, finite).</param>
        /// <param name="temperatureK">Particle temperature, K.</param>
        public double CarrierDensityPerM3(double generationPerM3PerS, double temperatureK)
        {
            double g = generationPerM3PerS;
            if (!(g >= 0) || !double.IsFinite(g))
                throw new ArgumentOutOfRangeException(nameof(generationPerM3PerS), g, "the generation rate must be finite and >= 0");
            if (g == 0) return 0;
            double hi = Math.Sqrt(g / RadiativeCoefficientM3PerS(temperatureK));
            if (AS > 0) hi = Math.Min(hi, g / AS);
            if (CM6PerS > 0) hi = Math.Min(hi, Math.Cbrt(g / CM6PerS));
            // [0, 2]: R(N_hi) = G only to rounding, so the upper end is doubled to bracket the root for sure
            var root = Brent.FindRoot(x => RecombinationRatePerM3PerS(x * hi, temperatureK) / g - 1, 0, 2, 1e-15, 200);
            return root.X * hi;
        }
    }
}
