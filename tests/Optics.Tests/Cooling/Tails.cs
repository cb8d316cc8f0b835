using MieCool.Optics.Cooling;

namespace MieCool.Optics.Tests.Cooling;

/// <summary>SI constants written out (SI 2019, exact) and the band tail of issue 11, for the temperature tests.</summary>
static class Tails
{
    public const double ElectronVolt = 1.602176634e-19; // J
    public const double Boltzmann = 1.380649e-23;       // J/K
    public const double Hc = 6.62607015e-34 * 299_792_458.0; // J m

    public const double Mev = 1e-3 * ElectronVolt;

    /// <summary>MAPbI3 as in issue 11: E0 = 1.600 eV, gamma = 0.30 meV/K, E_U = 15 meV, E_U,st = 3.8 meV, hbar_w = 11.5 meV.</summary>
    public static BandTail Mapi => new(1.600 * ElectronVolt, 0.30 * Mev, 15 * Mev, 3.8 * Mev, 11.5 * Mev);

    /// <summary>Photon energy of a vacuum wavelength, J.</summary>
    public static double Energy(double wavelengthM) => Hc / wavelengthM;

    /// <summary>
    /// E_U(T) written through coth: P / (e^y - 1) = P (coth(y/2) - 1) / 2, y = hbar_w / k_B T, with P fixed by E_U(300 K).
    /// </summary>
    public static double UrbachByCoth(double eu300, double euStatic, double phonon, double t)
    {
        static double Coth(double z) => 1 / Math.Tanh(z);
        double y300 = phonon / (Boltzmann * 300), y = phonon / (Boltzmann * t);
        double p = (eu300 - euStatic) / ((Coth(y300 / 2) - 1) / 2);
        return euStatic + p * (Coth(y / 2) - 1) / 2;
    }

    /// <summary>x(E, T) = (E - E0(T)) / E_U(T) of <see cref="Mapi"/>, by hand.</summary>
    public static double MapiExponent(double energyJ, double t) =>
        (energyJ - (1.600 * ElectronVolt + 0.30 * Mev * (t - 300))) / UrbachByCoth(15 * Mev, 3.8 * Mev, 11.5 * Mev, t);
}
