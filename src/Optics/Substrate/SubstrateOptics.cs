using System.Collections.Concurrent;
using System.Numerics;

namespace MieCool.Optics.Substrate;

/// <summary>
/// The substrate as the cooling model's optics see it: the particle is a sphere whose centre is
/// <see cref="CentreHeightM"/> above a bare substrate of <see cref="Material"/> (its index at each wavelength), solved with
/// <see cref="SphereOnSubstrate"/>: the pump's absorption and field, and the emitters' escape.
/// </summary>
/// <param name="Material">The substrate's refractive index against vacuum wavelength.</param>
/// <param name="CentreHeightM">Height of the sphere's centre above the interface, m; null: touching (the radius).</param>
/// <param name="Settings">Convergence settings; null: <see cref="SubstrateSettings.Default"/>.</param>
public sealed record SubstrateOptics(IRefractiveIndex Material, double? CentreHeightM = null, SubstrateSettings? Settings = null)
{
    /// <summary>Spacing of the wavelength grid on which the escape ratio is computed and interpolated, m.</summary>
    public const double EscapeGridM = 4e-9;

    /// <summary>
    /// The ratio is needed to ~1e-6 (it multiplies F, and the cubic between the nodes is good to 1e-3): integrals to 1e-6
    /// reach it with a wide margin, since the panels' error estimate is the embedded 10-point rule's while the 21-point
    /// value is kept (measured against 1e-12: within 1e-13 on glass over 700-850 nm, 3e-9 on silicon, 4e-11 with a film),
    /// and below the error of the default multipole order; 0.7 of the evaluations at 1e-8.
    /// </summary>
    static readonly SubstrateSettings EscapeSettings = new(Tolerance: 1e-6);

    // per grid node: F_leaving / F_free and F_substrate / F_leaving
    readonly ConcurrentDictionary<(double Radius, double Host, Complex Index, long Node), (double Leaving, double Substrate)> _ratio =
        new();

    /// <summary>
    /// Computes, in parallel over the cores, the grid nodes that <see cref="EscapeRatio"/> will need for
    /// <paramref name="wavelengthsM"/> and does not have yet (the same arguments as there).
    /// </summary>
    public void Prefetch(double radiusM, double hostIndex, Func<double, Complex> indexAt, Complex indexKey,
                         ReadOnlySpan<double> wavelengthsM)
    {
        var missing = new HashSet<long>();
        foreach (double wl in wavelengthsM)
        {
            long j = (long)Math.Floor(wl / EscapeGridM);
            for (long node = j - 1; node <= j + 2; node++)
                if (!_ratio.ContainsKey((radiusM, hostIndex, indexKey, node))) missing.Add(node);
        }
        Parallel.ForEach(missing, node => _ratio.GetOrAdd((radiusM, hostIndex, indexKey, node), key => Node(key, indexAt)));
    }

    (double Leaving, double Substrate) Node((double Radius, double Host, Complex Index, long Node) key, Func<double, Complex> indexAt)
    {
        double wl = key.Node * EscapeGridM;
        var e = SphereOnSubstrate.Emission(key.Radius, indexAt(wl), key.Host, At(wl), CentreHeightM ?? key.Radius, wl,
                                           Settings ?? EscapeSettings);
        return (e.FLeaving / e.FHostFree, e.FSubstrate / e.FLeaving);
    }

    /// <summary>
    /// The settings for the pump's solve at a vacuum wavelength (m): <see cref="Settings"/> (or the default), with the
    /// scattered powers (<see cref="SubstrateSettings.ScatteredPowers"/>) only where the substrate absorbs there: the cooling
    /// model uses them for <see cref="SubstrateScattering.QabsSubstrate"/>, the heat the particle makes it take up.
    /// </summary>
    public SubstrateSettings PumpSettings(double wavelengthM) =>
        (Settings ?? SubstrateSettings.Default) with { ScatteredPowers = Material.At(wavelengthM).Imaginary > 0 };

    /// <summary>The planar substrate at one vacuum wavelength (m).</summary>
    public PlanarSubstrate At(double wavelengthM) => new(Material.At(wavelengthM));

    /// <summary>
    /// F_leaving / F_free at a vacuum wavelength (m): the emitters' rate leaving the sphere on the substrate (into the host
    /// and into the substrate side, <see cref="SphereOnSubstrate.Emission"/>) over the same sphere's in the infinite host.
    /// It is computed at grid wavelengths <see cref="EscapeGridM"/> apart (once per sphere, cached) and interpolated by
    /// the cubic through the four nearest nodes: the ratio varies smoothly (1.045 to 1.09 for the 530 nm MAPbI3 sphere on
    /// glass over 700-860 nm; the interpolation error is tested below 1e-3), while F itself follows the resonances, which
    /// the free sphere's exact F carries.
    /// </summary>
    /// <param name="radiusM">Sphere radius, m.</param>
    /// <param name="hostIndex">Real host index.</param>
    /// <param name="indexAt">The sphere's index (n + i (k + k_b)) at a vacuum wavelength.</param>
    /// <param name="indexKey">A key that identifies <paramref name="indexAt"/> for the cache (e.g. k_b as a complex).</param>
    /// <param name="wavelengthM">Vacuum wavelength, m.</param>
    public double EscapeRatio(double radiusM, double hostIndex, Func<double, Complex> indexAt, Complex indexKey, double wavelengthM) =>
        Interpolate(radiusM, hostIndex, indexAt, indexKey, wavelengthM, substrate: false);

    /// <summary>
    /// F_substrate / F_leaving at a vacuum wavelength (m): the share of the light leaving the sphere that goes into the
    /// substrate side (through the plane just above the interface), from the same grid and cubic as
    /// <see cref="EscapeRatio"/> (the same arguments). In an absorbing substrate this light is heat in the substrate.
    /// </summary>
    public double SubstrateShare(double radiusM, double hostIndex, Func<double, Complex> indexAt, Complex indexKey, double wavelengthM) =>
        Interpolate(radiusM, hostIndex, indexAt, indexKey, wavelengthM, substrate: true);

    double Interpolate(double radiusM, double hostIndex, Func<double, Complex> indexAt, Complex indexKey, double wavelengthM,
                       bool substrate)
    {
        double u = wavelengthM / EscapeGridM;
        long j = (long)Math.Floor(u);
        double t = u - j;
        Span<double> f = stackalloc double[4];
        for (int q = 0; q < 4; q++)
        {
            var node = _ratio.GetOrAdd((radiusM, hostIndex, indexKey, j - 1 + q), key => Node(key, indexAt));
            f[q] = substrate ? node.Substrate : node.Leaving;
        }
        // Lagrange cubic through nodes -1, 0, 1, 2 at t in [0, 1)
        return -t * (t - 1) * (t - 2) / 6 * f[0] + (t + 1) * (t - 1) * (t - 2) / 2 * f[1]
               - (t + 1) * t * (t - 2) / 2 * f[2] + (t + 1) * t * (t - 1) / 6 * f[3];
    }
}
