using System.Numerics;

namespace MieCool.Optics.Mie;

/// <summary>
/// Expansion coefficients of the field inside one layer of a (multilayered) sphere, in the normalisation of
/// Bohren &amp; Huffman eqs. 4.40 and 4.52-4.53, extended to a shell by an irregular (outgoing) part:
/// <code>
///   E_l = sum_n E_n [ c_n M1_o1n - i d_n N1_e1n + cIrr_n M3_o1n - i dIrr_n N3_e1n ],   E_n = i^n E0 (2n+1)/(n(n+1)),
///   H_l = -(k_l/(omega mu)) sum_n E_n [ d_n M1_e1n + i c_n N1_o1n + dIrr_n M3_e1n + i cIrr_n N3_o1n ],
/// </code>
/// where the superscript 1 means the radial function j_n(k_l r) and 3 means h_n^(1)(k_l r), k_l = m_l k the
/// wave number in the layer (k in the host), M and N the vector spherical harmonics of B&amp;H eq. 4.50 and the
/// incident field is E0 e^{ikz} x-polarised, time factor exp(-i w t). In the host the same form holds with
/// m = 1, c = d = 1 (the incident wave) and cIrr = -b_n, dIrr = -a_n (the scattered wave, B&amp;H eq. 4.45).
/// For a homogeneous sphere c_n, d_n are exactly B&amp;H's eq. 4.52 internal coefficients; in the core the
/// irregular coefficients are zero (they are computed, and <see cref="MieResult.CoreIrregularResidual"/> reports how far
/// from zero they came out, a check of the whole chain).
/// Derived from continuity of tangential E and H at each interface: for the TE potential
/// u = c psi_n(rho) + cIrr xi_n(rho): u/m and u' continuous; for the TM potential v = d psi_n + dIrr xi_n:
/// v and v'/m continuous (rho = m_l k r, psi_n = rho j_n, xi_n = rho h_n^(1)).
/// </summary>
public sealed class LayerCoefficients
{
    readonly Complex[] _c, _d, _cIrr, _dIrr;

    internal LayerCoefficients(int index, Complex m, double xInner, double xOuter,
                               Complex[] c, Complex[] d, Complex[] cIrr, Complex[] dIrr)
    {
        Index = index; RelativeIndex = m; XInner = xInner; XOuter = xOuter;
        _c = c; _d = d; _cIrr = cIrr; _dIrr = dIrr;
    }

    /// <summary>0 for the core, increasing outward.</summary>
    public int Index { get; }
    /// <summary>Relative refractive index of the layer, m_l = n_l / n_host.</summary>
    public Complex RelativeIndex { get; }
    /// <summary>Size parameter k r of the layer's inner radius (0 for the core), k the host wave number.</summary>
    public double XInner { get; }
    /// <summary>Size parameter k r of the layer's outer radius, k the host wave number.</summary>
    public double XOuter { get; }
    /// <summary>Number of terms: the coefficients are indexed n = 1..NMax, as the sphere's a_n, b_n.</summary>
    public int NMax => _c.Length;

    /// <summary>Regular TE coefficient c_n (multiplies M1_o1n, radial function j_n(m_l k r)).</summary>
    public Complex c(int n) => _c[Check(n)];
    /// <summary>Regular TM coefficient d_n (multiplies -i N1_e1n).</summary>
    public Complex d(int n) => _d[Check(n)];
    /// <summary>Irregular TE coefficient (multiplies M3_o1n, radial function h_n^(1)(m_l k r)); zero in the core.</summary>
    public Complex cIrregular(int n) => _cIrr[Check(n)];
    /// <summary>Irregular TM coefficient (multiplies -i N3_e1n); zero in the core.</summary>
    public Complex dIrregular(int n) => _dIrr[Check(n)];

    int Check(int n) => n >= 1 && n <= _c.Length ? n - 1
        : throw new ArgumentOutOfRangeException(nameof(n), n, $"multipole order must be in 1..{_c.Length}");

    /// <summary>Largest |cIrr_n|, |dIrr_n| relative to max(|c_n|, |d_n|, 1e-300) in this layer (should be ~1e-12 in the core).</summary>
    internal double IrregularRatio()
    {
        double irr = 0, reg = 1e-300;
        for (int i = 0; i < _c.Length; i++)
        {
            irr = Math.Max(irr, Math.Max(_cIrr[i].Magnitude, _dIrr[i].Magnitude));
            reg = Math.Max(reg, Math.Max(_c[i].Magnitude, _d[i].Magnitude));
        }
        return irr / reg;
    }

    /// <summary>
    /// All layers' coefficients from the external a_n, b_n by transferring the field inward across each
    /// interface (2x2 solves with the Wronskian psi_n xi_n' - xi_n psi_n' = i).
    /// </summary>
    internal static LayerCoefficients[] FromScattering(ReadOnlySpan<double> x, ReadOnlySpan<Complex> m, ReadOnlySpan<Complex> a,
                                                       ReadOnlySpan<Complex> b, int nmax, out double coreResidual)
    {
        int layers = x.Length;
        var result = new LayerCoefficients[layers];
        // host: c = d = 1, cIrr = -b, dIrr = -a
        var c = Enumerable.Repeat(Complex.One, nmax).ToArray();
        var d = Enumerable.Repeat(Complex.One, nmax).ToArray();
        var cI = new Complex[nmax]; var dI = new Complex[nmax];
        for (int i = 0; i < nmax; i++) { cI[i] = -b[i]; dI[i] = -a[i]; }
        Complex mq = 1;
        var psiQ = new Complex[nmax + 1]; var xiQ = new Complex[nmax + 1];
        var psiP = new Complex[nmax + 1]; var xiP = new Complex[nmax + 1];
        for (int l = layers - 1; l >= 0; l--)
        {
            Complex mp = m[l];
            double xb = x[l];
            Complex zq = mq * xb, zp = mp * xb;
            Mie.RiccatiBessel.Evaluate(zq, nmax, psiQ, xiQ);
            Mie.RiccatiBessel.Evaluate(zp, nmax, psiP, xiP);
            var cp = new Complex[nmax]; var dp = new Complex[nmax]; var cpI = new Complex[nmax]; var dpI = new Complex[nmax];
            Complex ratio = mp / mq;
            for (int n = 1; n <= nmax; n++)
            {
                var (pq, dpq) = (psiQ[n], psiQ[n - 1] - n / zq * psiQ[n]);      // f_n' = f_{n-1} - n f_n / z
                var (xq, dxq) = (xiQ[n], xiQ[n - 1] - n / zq * xiQ[n]);
                var (pp, dpp) = (psiP[n], psiP[n - 1] - n / zp * psiP[n]);
                var (xp, dxp) = (xiP[n], xiP[n - 1] - n / zp * xiP[n]);
                int i = n - 1;
                // TE: u/m and u' continuous
                Complex u = ratio * (c[i] * pq + cI[i] * xq), du = c[i] * dpq + cI[i] * dxq;
                cp[i] = (u * dxp - du * xp) / Complex.ImaginaryOne;
                cpI[i] = (pp * du - dpp * u) / Complex.ImaginaryOne;
                // TM: v and v'/m continuous
                Complex v = d[i] * pq + dI[i] * xq, dv = ratio * (d[i] * dpq + dI[i] * dxq);
                dp[i] = (v * dxp - dv * xp) / Complex.ImaginaryOne;
                dpI[i] = (pp * dv - dpp * v) / Complex.ImaginaryOne;
            }
            foreach (var arr in new[] { cp, dp, cpI, dpI })
                foreach (var v in arr)
                    if (!double.IsFinite(v.Real) || !double.IsFinite(v.Imaginary))
                        throw new MieCool.Core.ComputationException(
                            $"internal-field coefficients of layer {l} overflow (|Im(m x)| = {Math.Abs(zp.Imaginary):G3}): " +
                            "the field is confined to a skin far thinner than the layer; " +
                            "internal coefficients are available for |Im(m_l x_l)| < ~600");
            result[l] = new LayerCoefficients(l, mp, l == 0 ? 0 : x[l - 1], xb, cp, dp, cpI, dpI);
            (c, d, cI, dI, mq) = (cp, dp, cpI, dpI, mp);
        }
        coreResidual = result[0].IrregularRatio();
        // in the core the field is regular: report the residual but store exact zeros
        Array.Clear(result[0]._cIrr); Array.Clear(result[0]._dIrr);
        return result;
    }
}
