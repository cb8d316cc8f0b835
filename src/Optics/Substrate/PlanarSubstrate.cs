using System.Numerics;
using System.Runtime.CompilerServices;
using MieCool.Core;

namespace MieCool.Optics.Substrate;

/// <summary>
/// The planar substrate under the particle: a half-space of complex index below z = 0, optionally with one film of
/// thickness t on it (between z = -t and 0), under a host of real index above. Plane waves carry their field in the
/// TE / TM basis of <see cref="VectorWaves"/> (e_TE = phi^, e_TM = theta^ of the wave's direction), in which the Fresnel
/// coefficients of an interface i -> j (wave from medium i, eps = n^2, k_z = sqrt(k^2 - kappa^2), Im k_z &gt;= 0) are
///   r_TE = (k_zi - k_zj) / (k_zi + k_zj),        r_TM = (eps_j k_zi - eps_i k_zj) / (eps_j k_zi + eps_i k_zj)
/// (r_TM the ratio of the magnetic fields, which the theta^ basis makes the ratio of the electric amplitudes too; Born &amp;
/// Wolf, Principles of Optics, Sec. 1.5.2), and a film adds the Airy sum r = (r_1f + r_f3 e^{2i k_zf t}) /
/// (1 + r_1f r_f3 e^{2i k_zf t}) (Born &amp; Wolf Sec. 1.6.4). Reflection is referred to z = 0 for waves from the host, and
/// to the substrate's plane wave extended to z = 0 for waves from below.
/// </summary>
/// <param name="Index">Complex index n + ik of the substrate half-space (k &gt;= 0).</param>
/// <param name="FilmIndex">Index of the film on it; null for a bare substrate.</param>
/// <param name="FilmThicknessM">Film thickness, m (0 without a film).</param>
public sealed record PlanarSubstrate(Complex Index, Complex? FilmIndex = null, double FilmThicknessM = 0)
{
    /// <summary>Whether light that enters the substrate side is absorbed there (the half-space or its film absorbs).</summary>
    public bool Absorbs => Index.Imaginary > 0 || (FilmIndex is Complex f && f.Imaginary > 0 && FilmThicknessM > 0);

    /// <summary>Throws an <see cref="InputException"/> for an index or thickness the optics cannot use.</summary>
    public void Validate(string source)
    {
        if (!(Index.Real > 0) || !(Index.Imaginary >= 0) || !double.IsFinite(Index.Real) || !double.IsFinite(Index.Imaginary))
            throw new InputException(source, "the substrate index must have n > 0 and k >= 0", "substrate",
                                     IndexParser.Format(Index), "n + ik with n > 0, k >= 0");
        if (FilmIndex is Complex f && (!(f.Real > 0) || !(f.Imaginary >= 0)))
            throw new InputException(source, "the film index must have n > 0 and k >= 0", "film_index", IndexParser.Format(f),
                                     "n + ik with n > 0, k >= 0");
        if (!(FilmThicknessM >= 0) || !double.IsFinite(FilmThicknessM) || (FilmIndex is null && FilmThicknessM != 0))
            throw new InputException(source, "the film thickness must be >= 0, and given only with a film index",
                                     "film_thickness", Units.Invariant(FilmThicknessM * 1e9) + " nm", ">= 0 nm with film_index");
    }

    /// <summary>k_z = sqrt(k^2 - kappa^2) on the branch Im k_z &gt;= 0.</summary>
    public static Complex Kz(Complex k, Complex kappa)
    {
        var kz = Complex.Sqrt(k * k - kappa * kappa);
        return kz.Imaginary < 0 || (kz.Imaginary == 0 && kz.Real < 0) ? -kz : kz;
    }

    /// <summary>
    /// Reflection (TE, TM) of a downgoing plane wave in the host of index <paramref name="hostIndex"/> at in-plane wavenumber
    /// kappa (complex on a deflected contour), vacuum wavenumber <paramref name="k0"/>, referred to z = 0.
    /// </summary>
    public (Complex Te, Complex Tm) Reflection(double hostIndex, double k0, Complex kappa)
    {
        Complex e1 = hostIndex * hostIndex, k1 = hostIndex * k0, kz1 = Kz(k1, kappa);
        Complex e3 = Index * Index, kz3 = Kz(Index * k0, kappa);
        if (FilmIndex is not Complex nf || FilmThicknessM == 0)
            return (Rte(kz1, kz3), Rtm(e1, kz1, e3, kz3));
        Complex ef = nf * nf, kzf = Kz(nf * k0, kappa);
        Complex phase = Complex.Exp(2 * Complex.ImaginaryOne * kzf * FilmThicknessM);
        return (Airy(Rte(kz1, kzf), Rte(kzf, kz3), phase), Airy(Rtm(e1, kz1, ef, kzf), Rtm(ef, kzf, e3, kz3), phase));
    }

    /// <summary>
    /// Transmission (TE, TM) into the host of an upgoing plane wave of the substrate, E0 e^{i k.r} with its phase 1 at the
    /// origin (extended through any film): the host's wave is T e^{i(kappa.rho + k_z z)}. kappa must be real (a propagating
    /// wave of a transparent substrate).
    /// </summary>
    public (Complex Te, Complex Tm) TransmissionUp(double hostIndex, double k0, double kappa)
    {
        Complex n1 = hostIndex, e1 = n1 * n1, kz1 = Kz(hostIndex * k0, kappa);
        Complex n3 = Index, e3 = n3 * n3, kz3 = Kz(Index * k0, kappa);
        if (FilmIndex is not Complex nf || FilmThicknessM == 0)
            return (Tte(kz3, kz1), Ttm(n3, e3, kz3, n1, e1, kz1));
        Complex ef = nf * nf, kzf = Kz(nf * k0, kappa), t = FilmThicknessM;
        Complex i = Complex.ImaginaryOne, p1 = Complex.Exp(i * kzf * t), p2 = p1 * p1;
        Complex at = Complex.Exp(-i * kz3 * t); // the incident wave at the film's bottom, z = -t
        Complex te = at * Tte(kz3, kzf) * Tte(kzf, kz1) * p1 / (1 + Rte(kz3, kzf) * Rte(kzf, kz1) * p2); // 1 - r_f3 r_f1 e^{2i phi}
        Complex tm = at * Ttm(n3, e3, kz3, nf, ef, kzf) * Ttm(nf, ef, kzf, n1, e1, kz1) * p1
                     / (1 + Rtm(e3, kz3, ef, kzf) * Rtm(ef, kzf, e1, kz1) * p2);
        return (te, tm);
    }

    static Complex Airy(Complex r1f, Complex rf3, Complex phase) => (r1f + rf3 * phase) / (1 + r1f * rf3 * phase);
    static Complex Rte(Complex kzi, Complex kzj) => (kzi - kzj) / (kzi + kzj);
    static Complex Rtm(Complex ei, Complex kzi, Complex ej, Complex kzj) => (ej * kzi - ei * kzj) / (ej * kzi + ei * kzj);
    static Complex Tte(Complex kzi, Complex kzj) => 2 * kzi / (kzi + kzj);
    static Complex Ttm(Complex ni, Complex ei, Complex kzi, Complex nj, Complex ej, Complex kzj) =>
        ni / nj * 2 * ej * kzi / (ej * kzi + ei * kzj);
}
