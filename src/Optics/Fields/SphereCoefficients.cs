using System.Numerics;
using MieCool.Optics.Mie;

namespace MieCool.Optics.Fields;

/// <summary>
/// The expansion coefficients of a homogeneous sphere under a plane wave, in Bohren &amp; Huffman's (1983)
/// normalisation (section 4.4, Eqs. 4.52-4.53, 4.56; convention m = n + ik, exp(-i w t)): scattered a_n, b_n and
/// internal c_n, d_n for n = 1..NMax, stored at index n - 1. They are produced by <c>MieSolver</c>; this
/// record only carries them to the field and emitter code, which never recompute them.
/// </summary>
/// <param name="X">Size parameter in the host, x = 2 pi n_host a / lambda0.</param>
/// <param name="M">Index of the sphere relative to the host.</param>
/// <param name="A">Scattered electric coefficients a_n (B&amp;H eq. 4.53), n = 1..NMax at index n - 1.</param>
/// <param name="B">Scattered magnetic coefficients b_n (B&amp;H eq. 4.53).</param>
/// <param name="C">Internal magnetic (TE) coefficients c_n, multiplying M_o1n^(1) (B&amp;H eq. 4.52).</param>
/// <param name="D">Internal electric (TM) coefficients d_n, multiplying -i N_e1n^(1) (B&amp;H eq. 4.52).</param>
public sealed record SphereCoefficients(double X, Complex M, Complex[] A, Complex[] B, Complex[] C, Complex[] D)
{
    /// <summary>Number of terms of the series: the length of each coefficient array.</summary>
    public int NMax => A.Length;

    /// <summary>The coefficients of a homogeneous-sphere <see cref="MieResult"/>.</summary>
    public static SphereCoefficients From(MieResult r)
    {
        if (r.LayerCount != 1 || r.IsPerfectConductor)
            throw new ArgumentException("field and emitter expansions here are for a homogeneous dielectric sphere");
        int n = r.NMax;
        var c = new Complex[n]; var d = new Complex[n];
        for (int i = 1; i <= n; i++) { c[i - 1] = r.c(i); d[i - 1] = r.d(i); }
        return new SphereCoefficients(r.X, r.RelativeIndex, r.A.ToArray(), r.B.ToArray(), c, d);
    }

    /// <summary>Solves the homogeneous sphere with <see cref="MieSolver"/> (nmax: Wiscombe's count unless given).</summary>
    public static SphereCoefficients Sphere(double x, Complex m, int? nmax = null) => From(MieSolver.Sphere(x, m, nmax));
}
