using System.Numerics;
using MieCool.Optics.Fields;

namespace MieCool.Optics.Substrate;

/// <summary>
/// Vector spherical wave functions in the normalisation of Jackson (Classical Electrodynamics, 3rd ed., Sec. 9.7):
/// X_lm = L Y_lm / sqrt(l(l+1)) (orthonormal on the unit sphere), M_lm = z_l(kr) X_lm, N_lm = curl(M_lm) / k, with
/// z_l = j_l (regular, "1") or h_l^(1) (outgoing, "3"). In the (theta, phi) basis, with <see cref="AngularFunctions"/>
/// pi and tau and N_l = 1 / sqrt(2 pi l(l+1)):
///   X_lm = N_l e^{i m phi} [-pi theta^ - i tau phi^],   Z_lm = i r^ x X_lm = N_l e^{i m phi} [-tau theta^ - i pi phi^],
///   N_lm = i sqrt(l(l+1)) z_l/(kr) Y_lm r^ + (kr z_l)'/(kr) (r^ x X_lm).
/// A plane wave e e^{i k.r} (e . k = 0) is sum_lm 4 pi i^l [(X_lm^*(k^) . e) M_lm^(1) + (Z_lm^*(k^) . e) N_lm^(1)]
/// (completeness of X, Z on the sphere with j_l Y_lm = i^-l / (4 pi) int Y_lm(k^) e^{i k.r} dOmega_k), and an outgoing wave
/// is a spectrum of plane waves (Weyl; e.g. Devaney &amp; Wolf, J. Math. Phys. 15, 234 (1974)): for z &gt; 0 (upper sign)
/// and z &lt; 0,
///   M_lm^(3)(r) = i^-l / (2 pi k) int d^2kappa X_lm(k^+-) e^{i k+-.r} / k_z,   N_lm^(3): Z_lm in place of X_lm,
/// k+- = (kappa, +-k_z), k_z = sqrt(k^2 - kappa^2) with Im k_z &gt;= 0. Plane waves carry their field in the basis
/// e_TE = phi^(alpha) = (-sin a, cos a, 0) and e_TM = theta^(beta, alpha) = (cos b cos a, cos b sin a, -sin b) of their
/// direction k^ = (sin b cos a, sin b sin a, cos b), so that (e_TM, e_TE, k^) is right-handed; for a complex direction the
/// "conjugate" X^* is the analytic continuation of the real-angle conjugate (pi, tau not conjugated).
/// Index of (l, m) in flat arrays: l(l+1) + m - 1 (l &gt;= 1).
/// </summary>
public static class VectorWaves
{
    /// <summary>The flat index of (l, m): l(l+1) + m - 1.</summary>
    public static int Index(int l, int m) => l * (l + 1) + m - 1;

    /// <summary>Number of (l, m) pairs up to lmax: lmax(lmax+2).</summary>
    public static int Count(int lmax) => lmax * (lmax + 2);

    /// <summary>1 / sqrt(2 pi l(l+1)).</summary>
    public static double Norm(int l) => 1 / Math.Sqrt(2 * Math.PI * l * (l + 1.0));

    /// <summary>pi_l^m and tau_l^m for a signed m from those of |m| (Q_l^-m = (-1)^m Q_l^m).</summary>
    public static (Complex Pi, Complex Tau) OfSignedOrder(int m, Complex piAbs, Complex tauAbs)
    {
        if (m >= 0) return (piAbs, tauAbs);
        double sign = (-m) % 2 == 0 ? 1 : -1; // (-1)^|m|
        return (-sign * piAbs, sign * tauAbs);
    }

    /// <summary>
    /// The TE and TM components of X_lm (magnetic type, tau = 0 of the solver) and Z_lm (electric, tau = 1) at a plane-wave
    /// direction, without e^{i m alpha}: X = N_l (-i tau e_TE - pi e_TM), Z = N_l (-i pi e_TE - tau e_TM).
    /// </summary>
    public static (Complex Te, Complex Tm) Components(int type, int l, Complex pi, Complex tau)
    {
        double n = Norm(l);
        return type == 0 ? (-Complex.ImaginaryOne * tau * n, -pi * n) : (-Complex.ImaginaryOne * pi * n, -tau * n);
    }

    /// <summary>The components of the analytically continued conjugates X^*, Z^* (they multiply e^{-i m alpha}).</summary>
    public static (Complex Te, Complex Tm) ConjugateComponents(int type, int l, Complex pi, Complex tau)
    {
        double n = Norm(l);
        return type == 0 ? (Complex.ImaginaryOne * tau * n, -pi * n) : (Complex.ImaginaryOne * pi * n, -tau * n);
    }

    /// <summary>
    /// The field sum_lm [cM_lm M_lm + cN_lm N_lm] at the Cartesian point (x, y, z) (relative to the expansion centre),
    /// wavenumber <paramref name="k"/> (complex inside an absorbing sphere), regular (j_l) or outgoing (h_l^(1), real k only).
    /// </summary>
    public static FieldVector Field(ReadOnlySpan<Complex> cM, ReadOnlySpan<Complex> cN, int lmax, Complex k, bool regular,
                                    double x, double y, double z)
    {
        double r = Math.Sqrt(x * x + y * y + z * z);
        double rho = Math.Sqrt(x * x + y * y);
        double ct = r > 0 ? z / r : 1, st = r > 0 ? rho / r : 0;
        double cp = rho > 0 ? x / rho : 1, sp = rho > 0 ? y / rho : 0;
        Complex kr = k * r;
        Span<Complex> zl = stackalloc Complex[lmax + 2];
        if (regular && r == 0) { zl.Clear(); zl[0] = 1; }
        else if (regular) SphericalBessel.J(kr, zl);
        else
        {
            if (k.Imaginary != 0) throw new ArgumentException("outgoing waves need a real wavenumber", nameof(k));
            SphericalBessel.H1(kr.Real, zl);
        }
        Span<Complex> pi = stackalloc Complex[lmax + 1], tau = stackalloc Complex[lmax + 1];
        Complex er = 0, et = 0, ep = 0;
        double phi = Math.Atan2(sp, cp);
        for (int mAbs = 0; mAbs <= lmax; mAbs++)
        {
            if (!Active(cM, cN, lmax, mAbs)) continue; // e.g. normal incidence excites m = +-1 only
            AngularFunctions.Evaluate(mAbs, lmax, ct, st, pi, tau);
            foreach (int m in mAbs == 0 ? [0] : (ReadOnlySpan<int>)[mAbs, -mAbs])
            {
                Complex eim = Complex.FromPolarCoordinates(1, m * phi);
                for (int l = Math.Max(1, mAbs); l <= lmax; l++)
                {
                    int i = Index(l, m);
                    var (p, t) = OfSignedOrder(m, pi[l], tau[l]);
                    double nl = Norm(l);
                    // X = nl e^{im phi} (-p theta^ - i t phi^); r^ x X = nl e^{im phi} (-p phi^ + i t theta^)
                    Complex xt = -p * nl * eim, xp = -Complex.ImaginaryOne * t * nl * eim;
                    Complex rxt = Complex.ImaginaryOne * t * nl * eim, rxp = -p * nl * eim;
                    Complex q = st > 1e-12 ? p * st / (m == 0 ? 1 : m) : Complex.Zero; // Q_l^m = pi sin / m (m != 0)
                    if (m == 0) q = Q0(l, ct);
                    Complex y0 = q * eim / Math.Sqrt(2 * Math.PI);
                    Complex zOver = r > 0 ? zl[l] / kr : (l == 1 ? 1.0 / 3 : 0); // j_1(kr)/kr -> 1/3
                    Complex dz = r > 0 ? zl[l - 1] - l * zl[l] / kr : (l == 1 ? 2.0 / 3 : 0); // (kr z_l)'/(kr)
                    Complex a = cM[i], b = cN[i];
                    et += a * zl[l] * xt + b * dz * rxt;
                    ep += a * zl[l] * xp + b * dz * rxp;
                    er += b * Complex.ImaginaryOne * Math.Sqrt(l * (l + 1.0)) * zOver * y0;
                }
            }
        }
        // spherical -> Cartesian
        Complex ex = er * st * cp + et * ct * cp - ep * sp;
        Complex ey = er * st * sp + et * ct * sp + ep * cp;
        Complex ez = er * ct - et * st;
        return new FieldVector(ex, ey, ez);
    }

    /// <summary>Whether any coefficient of order +-mAbs is non-zero.</summary>
    static bool Active(ReadOnlySpan<Complex> cM, ReadOnlySpan<Complex> cN, int lmax, int mAbs)
    {
        for (int l = Math.Max(1, mAbs); l <= lmax; l++)
        {
            int i = Index(l, mAbs), j = Index(l, -mAbs);
            if (cM[i] != Complex.Zero || cN[i] != Complex.Zero || cM[j] != Complex.Zero || cN[j] != Complex.Zero) return true;
        }
        return false;
    }

    /// <summary>Q_l^0(x), normalised (sqrt((2l+1)/2) P_l(x)), by the Legendre recurrence.</summary>
    static double Q0(int l, double x)
    {
        double p0 = 1, p1 = x;
        if (l == 0) return Math.Sqrt(0.5);
        for (int n = 2; n <= l; n++) (p0, p1) = (p1, ((2 * n - 1) * x * p1 - (n - 1) * p0) / n);
        return Math.Sqrt((2 * l + 1) / 2.0) * p1;
    }
}
