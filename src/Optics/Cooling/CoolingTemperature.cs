using System.Globalization;
using System.Numerics;
using MieCool.Core;
using MieCool.Optics.Mie;

namespace MieCool.Optics.Cooling;

public static partial class CoolingModel
{
    /// <summary>Absolute tolerance of <see cref="ZeroCoolingTemperature"/>, K.</summary>
    public const double ZeroCoolingToleranceK = 1e-6;

    /// <summary>
    /// The particle temperature T in [<paramref name="minK"/>, <paramref name="maxK"/>] at which eta_c(T) = 0, K: below it the
    /// particle heats, so it is the lowest temperature laser cooling can reach for these eta_ext and alpha_b (everything
    /// else held as in <paramref name="inputs"/>, whose own <see cref="CoolingInputs.TemperatureK"/> is not used). Found by
    /// Brent's method (Brent, Algorithms for Minimization without Derivatives (1973), ch. 4) to
    /// <see cref="ZeroCoolingToleranceK"/>. Null when eta_c has the same sign at both ends (no bracketed root; with more
    /// than one root inside, one of them is returned). The inputs are validated at both ends first.
    /// </summary>
    /// <param name="inputs">The particle and the model.</param>
    /// <param name="minK">Lower end of the search, K (&gt; 0).</param>
    /// <param name="maxK">Upper end of the search, K (&gt; <paramref name="minK"/>).</param>
    public static double? ZeroCoolingTemperature(CoolingInputs inputs, double minK, double maxK)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (!(minK > 0) || !(maxK > minK) || !double.IsFinite(maxK))
            throw new InputException(CoolingInputs.Source, "the temperature range must satisfy 0 < min < max", "temperature",
                string.Create(CultureInfo.InvariantCulture, $"{minK} K to {maxK} K"), "e.g. 100 K to 300 K");
        (inputs with { TemperatureK = minK }).Validate();
        (inputs with { TemperatureK = maxK }).Validate();
        var workspace = new MieWorkspace();
        double Eta(double t) => EfficiencyAt(inputs with { TemperatureK = t }, inputs.PumpWavelengthM, workspace);
        double fa = Eta(minK), fb = Eta(maxK);
        if (fa == 0) return minK;
        if (fb == 0) return maxK;
        if (Math.Sign(fa) == Math.Sign(fb)) return null;
        return Brent(Eta, minK, maxK, fa, fb, ZeroCoolingToleranceK);
    }

    /// <summary>
    /// eta_c(pump wavelength, particle temperature) of the particle of <paramref name="inputs"/> (its own pump wavelength
    /// and temperature are not used): element [i, j] at <paramref name="pumpWavelengthsM"/>[i] and
    /// <paramref name="temperaturesK"/>[j]. The emission, F and eta_ext are computed once per temperature; eta_abs needs no
    /// Mie solution. Every input is validated (as <see cref="InputException"/>s) before the work.
    /// </summary>
    /// <param name="inputs">The particle and the model.</param>
    /// <param name="pumpWavelengthsM">Pump vacuum wavelengths, m, inside the material data; at least one.</param>
    /// <param name="temperaturesK">Particle temperatures, K, each &gt; 0; at least one.</param>
    public static double[,] EfficiencyMap(CoolingInputs inputs, double[] pumpWavelengthsM, double[] temperaturesK)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(pumpWavelengthsM);
        ArgumentNullException.ThrowIfNull(temperaturesK);
        const string source = CoolingInputs.Source;
        if (pumpWavelengthsM.Length == 0) throw new InputException(source, "empty pump range", "pump_wavelengths");
        if (temperaturesK.Length == 0) throw new InputException(source, "empty temperature range", "temperatures");
        foreach (var p in pumpWavelengthsM) CoolingInputs.CheckWavelength(inputs.Material, p, "pump_wavelengths");
        int np = pumpWavelengthsM.Length, nt = temperaturesK.Length;
        var atT = new CoolingInputs[nt];
        var etaAbs = new double[np, nt];
        for (int j = 0; j < nt; j++)
        {
            atT[j] = inputs with { TemperatureK = temperaturesK[j] };
            atT[j].Validate();
            for (int i = 0; i < np; i++) // k_r may refuse (an Urbach tail above its edge): before any parallel work
            {
                var (kr, kb) = PumpK(atT[j], pumpWavelengthsM[i]);
                etaAbs[i, j] = AbsorptionEfficiency(kr, kb);
            }
        }
        var etaC = new double[np, nt];
        Parallel.For(0, nt, () => new MieWorkspace(), (j, _, mie) =>
        {
            var escape = EscapeAt(atT[j], mie);
            double etaExt = escape.ExternalQuantumEfficiency(inputs.InternalQuantumEfficiency);
            for (int i = 0; i < np; i++)
            {
                double etaExtIj = inputs.CarriersUsed is CarrierModel.Abc
                    ? escape.ExternalQuantumEfficiency(AbcEfficiency(atT[j], pumpWavelengthsM[i], mie))
                    : etaExt;
                etaC[i, j] = CoolingEfficiency(etaExtIj, etaAbs[i, j], pumpWavelengthsM[i], escape.EscapeWavelengthM);
            }
            return mie;
        }, _ => { });
        return etaC;
    }

    /// <summary>eta_c of validated <paramref name="inputs"/> at their temperature and the pump <paramref name="pumpWavelengthM"/>
    /// (m): the same numbers as <see cref="Evaluate"/>'s, without the Mie solution at the pump (eta_c does not need it).</summary>
    static double EfficiencyAt(CoolingInputs inputs, double pumpWavelengthM, MieWorkspace workspace)
    {
        var (kr, kb) = PumpK(inputs, pumpWavelengthM);
        var escape = EscapeAt(inputs, workspace);
        double etaInt = inputs.CarriersUsed is CarrierModel.Abc
            ? AbcEfficiency(inputs, pumpWavelengthM, workspace) : inputs.InternalQuantumEfficiency;
        double etaExt = escape.ExternalQuantumEfficiency(etaInt);
        return CoolingEfficiency(etaExt, AbsorptionEfficiency(kr, kb), pumpWavelengthM, escape.EscapeWavelengthM);
    }

    /// <summary>eta_int of the ABC model at the inputs' temperature and intensity, pumped at <paramref name="pumpWavelengthM"/> (m):
    /// it needs P_abs, so the Mie solution at the pump (allocation-free in <paramref name="workspace"/>).</summary>
    static double AbcEfficiency(CoolingInputs inputs, double pumpWavelengthM, MieWorkspace workspace)
    {
        var (kr, kb) = PumpK(inputs, pumpWavelengthM);
        double radius = inputs.RadiusM;
        double x = Convention.SizeParameter(radius, pumpWavelengthM, inputs.HostIndex);
        workspace.Sphere(x, new Complex(inputs.Material.At(pumpWavelengthM).Real, kr + kb) / inputs.HostIndex);
        double pAbs = Math.Max(workspace.Qabs, 0) * Math.PI * radius * radius * inputs.IntensityWPerM2;
        return InternalQuantumEfficiency(inputs, pAbs, inputs.DiameterM, pumpWavelengthM).EtaInt;
    }

    /// <summary>The escape of the emission at the inputs' temperature (page index at the emission wavelengths), no peak.</summary>
    static EmissionEscape EscapeAt(CoolingInputs inputs, MieWorkspace workspace)
    {
        var emission = inputs.EmissionAt(inputs.TemperatureK);
        double alphaB = inputs.BackgroundAbsorptionPerM;
        var indices = EmissionIndex(inputs.Material, emission.Wavelengths, alphaB);
        var ratio = SubstrateRatio(inputs.Material, inputs.DiameterM, inputs.HostIndex, alphaB, emission.Wavelengths, inputs.Substrate);
        return Escape(indices, inputs.DiameterM, inputs.HostIndex, emission, alphaB, workspace, ratio);
    }

    const double Unit = 2.220446049250313e-16; // the double precision machine epsilon, 2^-52

    /// <summary>
    /// A root of <paramref name="f"/> in [a, b], f(a) and f(b) of opposite signs, to <paramref name="tolerance"/>: Brent's
    /// zeroin (Brent 1973, ch. 4), inverse quadratic interpolation or secant steps safeguarded by bisection.
    /// </summary>
    static double Brent(Func<double, double> f, double a, double b, double fa, double fb, double tolerance)
    {
        double c = a, fc = fa, d = b - a, e = d;
        for (int iteration = 0; iteration < 200; iteration++)
        {
            if (Math.Sign(fb) == Math.Sign(fc)) { c = a; fc = fa; d = b - a; e = d; }
            if (Math.Abs(fc) < Math.Abs(fb)) { a = b; b = c; c = a; fa = fb; fb = fc; fc = fa; }
            double tol = 2 * double.Epsilon + 2 * Unit * Math.Abs(b) + 0.5 * tolerance, m = 0.5 * (c - b);
            if (Math.Abs(m) <= tol || fb == 0) return b;
            if (Math.Abs(e) >= tol && Math.Abs(fa) > Math.Abs(fb))
            {
                double s = fb / fa, p, q;
                if (a == c) { p = 2 * m * s; q = 1 - s; } // secant
                else
                {
                    double qq = fa / fc, r = fb / fc; // inverse quadratic interpolation
                    p = s * (2 * m * qq * (qq - r) - (b - a) * (r - 1));
                    q = (qq - 1) * (r - 1) * (s - 1);
                }
                if (p > 0) q = -q; else p = -p;
                if (2 * p < Math.Min(3 * m * q - Math.Abs(tol * q), Math.Abs(e * q))) { e = d; d = p / q; }
                else { d = m; e = m; } // bisection
            }
            else { d = m; e = m; }
            a = b; fa = fb;
            b += Math.Abs(d) > tol ? d : (m > 0 ? tol : -tol);
            fb = f(b);
        }
        throw new ComputationException("Brent's method did not converge in 200 iterations");
    }
}
