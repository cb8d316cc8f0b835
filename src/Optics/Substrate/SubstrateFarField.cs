using System.Numerics;

namespace MieCool.Optics.Substrate;

/// <summary>
/// The far-field scattering amplitude of the sphere on its substrate in the host half-space: the scattered field (the
/// sphere's outgoing waves and their reflection by the interface; the specular reflection of the initial wave is not part
/// of it) at a distance r from the lab origin (the interface point under the centre), in a direction of polar angle
/// theta &lt; 90 degrees from the upward normal and azimuth phi, is E ~ S e^{ikr} / r, with S = S_TE e_TE + S_TM e_TM in the
/// basis of <see cref="VectorWaves"/> (e_TE = phi^, e_TM = theta^ of the observation direction), in units of the incident
/// amplitude E0 (whose phase is 1 at the lab origin, as in <see cref="SphereOnSubstrate"/>), so S has the unit m.
/// <para>Derivation (conventions of <see cref="VectorWaves"/>, r' = r - c relative to the centre c = h z^):</para>
/// <list type="number">
/// <item>Stationary phase of an angular spectrum (Born &amp; Wolf, Principles of Optics, App. III, double integrals):
/// for r -&gt; infinity along (theta, phi), int d^2kappa g(kappa) e^{i k+.r} -&gt; -2 pi i k cos(theta) g(kappa_s) e^{ikr} / r,
/// with kappa_s = k sin(theta) (cos phi, sin phi), the in-plane wavevector of the observation direction.</item>
/// <item>Direct waves: Weyl's upgoing spectrum of M_lm^(3) is i^-l / (2 pi k) X_lm(k^+) / k_z, so step 1 gives
/// M_lm^(3) -&gt; -i i^-l X_lm(theta, phi) e^{ikr'} / (k r'), and N_lm^(3) the same with Z_lm. This is also Jackson's
/// asymptotic form (Classical Electrodynamics, 3rd ed., Sec. 9.6-9.7): h_l(x) -&gt; (-i)^(l+1) e^{ix} / x,
/// (x h_l)' / x -&gt; (-i)^l e^{ix} / x, r^ x X = -i Z.</item>
/// <item>Reflected waves: each downgoing plane wave of the spectrum, V_j(k^-) e^{i k-.r'} with k^- = (pi - theta, phi),
/// meets z = 0 with the phase e^{i k_z h}; it leaves as r_j V_j(k^-) e^{i k_z h} e^{i k+.r}, i.e. r_j V_j(k^-) e^{2 i k_z h}
/// e^{i k+.r'} about the centre, r_j the Fresnel (Airy) coefficient of <see cref="PlanarSubstrate.Reflection"/> in the
/// TE / TM basis. Step 1 then takes the mirror direction's amplitude V_j(pi - theta, phi) times r_j(k sin theta)
/// e^{2 i k h cos(theta)}: the field of the image source.</item>
/// <item>Phase reference: e^{ikr'} / r' = e^{ikr} e^{-i k h cos(theta)} / r for r -&gt; infinity.</item>
/// </list>
/// Together, with b the scattered coefficients and V_j the TE / TM components of X (magnetic) or Z (electric),
///   S_j = (-i / k) sum_lm i^-l e^{i m phi} [b^M_lm X_j + b^N_lm Z_j], each at
///   V_j(theta) e^{-i k h cos(theta)} + r_j V_j(pi - theta) e^{i k h cos(theta)},
/// k = n_host k0. The host's scattering cross section is int over the upper hemisphere of (|S_TE|^2 + |S_TM|^2) dOmega
/// for a wave from the host (times n_host / n_substrate for a wave from the substrate). With a substrate of the host's
/// index, S is Bohren &amp; Huffman's (Eq. 3.12 with 4.74): (i / k) [S1 e_perp e_perp + S2 e_par,s e_par,i] . e_inc,
/// shifted to the lab origin.
/// </summary>
public static class SubstrateFarField
{
    static readonly Complex I = Complex.ImaginaryOne;

    /// <summary>
    /// The scattering amplitude (S_TE, S_TM), m, in units of E0, of <paramref name="scattering"/> towards the host
    /// direction of polar angle <paramref name="thetaRad"/> in [0, pi/2) from the upward normal and azimuth
    /// <paramref name="phiRad"/> (from x, the incidence plane being xz); E ~ (S_TE e_TE + S_TM e_TM) e^{ikr} / r with r
    /// measured from the lab origin.
    /// </summary>
    public static (Complex Te, Complex Tm) Amplitude(SubstrateScattering scattering, double thetaRad, double phiRad)
    {
        ArgumentNullException.ThrowIfNull(scattering);
        if (!(thetaRad >= 0 && thetaRad < Math.PI / 2))
            throw new ArgumentOutOfRangeException(nameof(thetaRad), thetaRad, "the host's far field: 0 <= theta < pi/2");
        var p = scattering.Problem;
        int lmax = scattering.Lmax;
        double k0 = 2 * Math.PI / p.VacuumWavelengthM, k = p.HostIndex * k0, h = p.CentreHeightM;
        double ct = Math.Cos(thetaRad), st = Math.Sin(thetaRad);
        var (rte, rtm) = p.Substrate.Reflection(p.HostIndex, k0, k * st);
        Complex direct = Complex.Exp(-I * k * h * ct), image = Complex.Exp(I * k * h * ct);
        var (bM, bN) = scattering.Scattered;
        Span<Complex> piUp = stackalloc Complex[lmax + 1], tauUp = stackalloc Complex[lmax + 1];
        Span<Complex> piDown = stackalloc Complex[lmax + 1], tauDown = stackalloc Complex[lmax + 1];
        Complex te = 0, tm = 0;
        for (int mAbs = 0; mAbs <= lmax; mAbs++)
        {
            bool any = false;
            for (int l = Math.Max(1, mAbs); l <= lmax && !any; l++)
                foreach (int m in new[] { mAbs, -mAbs })
                    any |= bM[VectorWaves.Index(l, m)] != Complex.Zero || bN[VectorWaves.Index(l, m)] != Complex.Zero;
            if (!any) continue; // e.g. normal incidence excites m = +-1 only
            AngularFunctions.Evaluate(mAbs, lmax, ct, st, piUp, tauUp);
            AngularFunctions.Evaluate(mAbs, lmax, -ct, st, piDown, tauDown);
            foreach (int m in mAbs == 0 ? [0] : (ReadOnlySpan<int>)[mAbs, -mAbs])
            {
                Complex eim = Complex.FromPolarCoordinates(1, m * phiRad);
                for (int l = Math.Max(1, mAbs); l <= lmax; l++)
                {
                    int i = VectorWaves.Index(l, m);
                    var (pu, tu) = VectorWaves.OfSignedOrder(m, piUp[l], tauUp[l]);
                    var (pd, td) = VectorWaves.OfSignedOrder(m, piDown[l], tauDown[l]);
                    var xu = VectorWaves.Components(0, l, pu, tu); var zu = VectorWaves.Components(1, l, pu, tu);
                    var xd = VectorWaves.Components(0, l, pd, td); var zd = VectorWaves.Components(1, l, pd, td);
                    Complex f = MinusIPow(l) * eim;
                    te += f * (bM[i] * (xu.Te * direct + rte * xd.Te * image) + bN[i] * (zu.Te * direct + rte * zd.Te * image));
                    tm += f * (bM[i] * (xu.Tm * direct + rtm * xd.Tm * image) + bN[i] * (zu.Tm * direct + rtm * zd.Tm * image));
                }
            }
        }
        Complex pre = -I / k;
        return (pre * te, pre * tm);
    }

    /// <summary>i^-l.</summary>
    static Complex MinusIPow(int l) => (l % 4) switch { 0 => 1, 1 => -I, 2 => -1, _ => I };
}
