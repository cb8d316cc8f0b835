using System.Globalization;
using MieCool.Core;

namespace MieCool.Optics.Cooling;

/// <summary>
/// A temperature-dependent Urbach band tail: the absorption below the edge falls as exp(x(E, T)) with
/// x(E, T) = (E - E0(T)) / E_U(T) (Urbach, Phys. Rev. 92, 1324 (1953)). The edge moves linearly with temperature,
/// E0(T) = E0 + gamma (T - 300 K), and the Urbach energy has a static (structural disorder) part and a thermal part
/// from one Einstein phonon, E_U(T) = E_U,st + P / (exp(hbar_w / k_B T) - 1) (Cody et al., Phys. Rev. Lett. 47, 1480
/// (1981); for MAPbI3 Ledinsky et al., J. Phys. Chem. Lett. 10, 1368 (2019): E_U,st = 3.8 +- 0.7 meV). P is not an
/// input: it is fixed by E_U(300 K) = <paramref name="UrbachEnergyJ"/>. All energies in J.
/// </summary>
/// <param name="EdgeJ">E0 at <see cref="ReferenceK"/>, J: the energy where the tail starts (the band gap).</param>
/// <param name="EdgeShiftJPerK">gamma = dE0/dT, J/K (positive: the edge moves down on cooling, as for tetragonal MAPbI3).</param>
/// <param name="UrbachEnergyJ">E_U at <see cref="ReferenceK"/>, J.</param>
/// <param name="UrbachStaticJ">E_U,st, J: the temperature-independent part, the limit of E_U as T -&gt; 0; in [0, E_U].</param>
/// <param name="PhononEnergyJ">hbar_w of the Einstein phonon, J (&gt; 0 unless E_U,st = E_U, when it is not used).</param>
public sealed record BandTail(double EdgeJ, double EdgeShiftJPerK, double UrbachEnergyJ, double UrbachStaticJ, double PhononEnergyJ)
{
    /// <summary>The temperature at which <see cref="EdgeJ"/> and <see cref="UrbachEnergyJ"/> are given, K.</summary>
    public const double ReferenceK = 300;

    /// <summary>A temperature-independent tail: gamma = 0 and E_U,st = E_U (no phonon part).</summary>
    /// <param name="edgeJ">E0, J.</param>
    /// <param name="urbachEnergyJ">E_U, J.</param>
    public static BandTail Constant(double edgeJ, double urbachEnergyJ) => new(edgeJ, 0, urbachEnergyJ, urbachEnergyJ, 0);

    /// <summary>Whether the tail is the same at every temperature (gamma = 0 and E_U,st = E_U).</summary>
    public bool IsConstant => EdgeShiftJPerK == 0 && !HasPhononPart;

    bool HasPhononPart => UrbachStaticJ != UrbachEnergyJ;

    /// <summary>
    /// P, J, in E_U(T) = E_U,st + P / (exp(hbar_w / k_B T) - 1): P = (E_U - E_U,st) (exp(hbar_w / k_B 300 K) - 1);
    /// 0 without a phonon part.
    /// </summary>
    public double PhononAmplitudeJ => HasPhononPart ? (UrbachEnergyJ - UrbachStaticJ) * BoseDenominator(ReferenceK) : 0;

    /// <summary>E0(T) = E0 + gamma (T - 300 K), J, at the temperature <paramref name="temperatureK"/> (K).</summary>
    public double EdgeAt(double temperatureK) => EdgeJ + EdgeShiftJPerK * (temperatureK - ReferenceK);

    /// <summary>
    /// E_U(T) = E_U,st + P / (exp(hbar_w / k_B T) - 1), J, at <paramref name="temperatureK"/> (K, &gt; 0); E_U itself at
    /// 300 K, E_U,st as T -&gt; 0, the constant E_U without a phonon part.
    /// </summary>
    public double UrbachEnergyAt(double temperatureK)
    {
        if (!HasPhononPart) return UrbachEnergyJ;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(temperatureK);
        // (E_U - E_U,st) (e^y300 - 1) / (e^y - 1): P / (e^y - 1) with P written out; at 300 K the ratio is exactly 1
        return UrbachStaticJ + (UrbachEnergyJ - UrbachStaticJ) * (BoseDenominator(ReferenceK) / BoseDenominator(temperatureK));
    }

    /// <summary>exp(hbar_w / k_B T) - 1 (+inf as T -&gt; 0).</summary>
    double BoseDenominator(double temperatureK) => Math.Exp(PhononEnergyJ / (PhysicalConstants.Boltzmann * temperatureK)) - 1;

    /// <summary>
    /// x(E, T) = (E - E0(T)) / E_U(T): the Urbach exponent of a photon of energy <paramref name="photonEnergyJ"/> (J) at
    /// <paramref name="temperatureK"/> (K); negative below the edge.
    /// </summary>
    public double Exponent(double photonEnergyJ, double temperatureK) =>
        (photonEnergyJ - EdgeAt(temperatureK)) / UrbachEnergyAt(temperatureK);

    /// <summary>
    /// Throws an <see cref="InputException"/> (source <see cref="CoolingInputs.Source"/>, key "absorption") unless
    /// E0 &gt; 0, gamma finite, E_U &gt; 0, 0 &lt;= E_U,st &lt;= E_U, and hbar_w &gt; 0 (unless E_U,st = E_U), all finite.
    /// </summary>
    public void Validate()
    {
        if (!(EdgeJ > 0) || !double.IsFinite(EdgeJ))
            Fail("the band edge E0 must be positive", InEv(EdgeJ, 1, "eV"), "E0 > 0, e.g. 1.600 eV");
        if (!double.IsFinite(EdgeShiftJPerK))
            Fail("the edge shift gamma = dE0/dT must be finite", InEv(EdgeShiftJPerK, 1e3, "meV/K"), "a finite shift, e.g. 0.30 meV/K");
        if (!(UrbachEnergyJ > 0) || !double.IsFinite(UrbachEnergyJ))
            Fail("the Urbach energy E_U must be positive", InEv(UrbachEnergyJ, 1e3, "meV"), "E_U > 0, e.g. 15 meV");
        if (!(UrbachStaticJ >= 0 && UrbachStaticJ <= UrbachEnergyJ))
            Fail("the static Urbach energy E_U,st must be in [0, E_U]", InEv(UrbachStaticJ, 1e3, "meV"),
                $"0 <= E_U,st <= E_U = {InEv(UrbachEnergyJ, 1e3, "meV")}, e.g. 3.8 meV");
        if (HasPhononPart && (!(PhononEnergyJ > 0) || !double.IsFinite(PhononEnergyJ)))
            Fail("the phonon energy hbar_w must be positive when E_U has a thermal part (E_U,st < E_U)", InEv(PhononEnergyJ, 1e3, "meV"),
                "hbar_w > 0, e.g. 11.5 meV");
    }

    static void Fail(string problem, string value, string valid) =>
        throw new InputException(CoolingInputs.Source, problem, "absorption", value, valid);

    /// <summary><paramref name="j"/> (J, or J/K) in eV times <paramref name="scale"/> (1e3: meV), as text with the unit.</summary>
    static string InEv(double j, double scale, string unit) =>
        string.Create(CultureInfo.InvariantCulture, $"{j / PhysicalConstants.ElementaryCharge * scale:G6} {unit}");

    /// <summary>The parameters in the units people quote them in (eV, meV, meV/K), for output.</summary>
    public string Description
    {
        get
        {
            var inv = CultureInfo.InvariantCulture;
            double e = PhysicalConstants.ElementaryCharge;
            if (IsConstant)
                return string.Create(inv, $"E0 = {EdgeJ / e:G5} eV, E_U = {UrbachEnergyJ / e * 1e3:G4} meV (temperature independent)");
            string eu = HasPhononPart
                ? string.Create(inv, $"E_U = {UrbachEnergyJ / e * 1e3:G4} meV at 300 K (static {UrbachStaticJ / e * 1e3:G4} meV, " +
                                     $"phonon {PhononEnergyJ / e * 1e3:G4} meV)")
                : string.Create(inv, $"E_U = {UrbachEnergyJ / e * 1e3:G4} meV (temperature independent)");
            return string.Create(inv, $"E0 = {EdgeJ / e:G5} eV + {EdgeShiftJPerK / e * 1e3:G4} meV/K (T - 300 K), ") + eu;
        }
    }
}
