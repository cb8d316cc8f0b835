#!/usr/bin/env python3
"""Independent 40-digit reference for the core-shell Mie tests (CoreShellReferenceTests.cs).

Direct solution of the interface conditions with mpmath Bessel functions (no recurrences, no logarithmic
derivatives): TE potential u = alpha psi_n + beta chi_n in each region with u/m and u' continuous, TM potential
v with v and v'/m continuous (Bohren & Huffman 1983 section 8.1; m = n + ik, exp(-i w t)); psi_n(z) =
sqrt(pi z/2) J_{n+1/2}(z), chi_n(z) = -sqrt(pi z/2) Y_{n+1/2}(z), xi_n = psi_n - i chi_n.
Run: python3 coreshell_mpmath.py
"""
from mpmath import mp, mpf, mpc, sqrt, pi, besselj, bessely, matrix, lu_solve, re

mp.dps = 40


def psi(n, z):
    return sqrt(pi * z / 2) * besselj(n + mpf(1) / 2, z)


def chi(n, z):
    return -sqrt(pi * z / 2) * bessely(n + mpf(1) / 2, z)


def d(f, n, z):
    return f(n - 1, z) - n / z * f(n, z)


def coefficients(xc, mc, xs, ms, nmax):
    a, b = [], []
    for n in range(1, nmax + 1):
        out = []
        for te in (True, False):
            # unknowns: core alpha, shell beta (psi), gamma (chi), host s (scattered, times xi)
            z1c, z1s, z2s = mc * xc, ms * xc, ms * xs
            xi = lambda z: psi(n, z) - 1j * chi(n, z)
            dxi = lambda z: d(psi, n, z) - 1j * d(chi, n, z)
            A = matrix(4, 4)
            rhs = matrix(4, 1)
            if te:   # u/m and u' continuous
                A[0, 0] = psi(n, z1c) / mc; A[0, 1] = -psi(n, z1s) / ms; A[0, 2] = -chi(n, z1s) / ms
                A[1, 0] = d(psi, n, z1c);   A[1, 1] = -d(psi, n, z1s);   A[1, 2] = -d(chi, n, z1s)
                A[2, 1] = psi(n, z2s) / ms; A[2, 2] = chi(n, z2s) / ms;  A[2, 3] = xi(xs)
                A[3, 1] = d(psi, n, z2s);   A[3, 2] = d(chi, n, z2s);    A[3, 3] = dxi(xs)
            else:    # v and v'/m continuous
                A[0, 0] = psi(n, z1c);           A[0, 1] = -psi(n, z1s);           A[0, 2] = -chi(n, z1s)
                A[1, 0] = d(psi, n, z1c) / mc;   A[1, 1] = -d(psi, n, z1s) / ms;   A[1, 2] = -d(chi, n, z1s) / ms
                A[2, 1] = psi(n, z2s);           A[2, 2] = chi(n, z2s);            A[2, 3] = xi(xs)
                A[3, 1] = d(psi, n, z2s) / ms;   A[3, 2] = d(chi, n, z2s) / ms;    A[3, 3] = dxi(xs)
            # host potential psi(x) - s xi(x): s enters with +xi in the rows above, so rhs = psi terms
            rhs[2] = psi(n, xs)
            rhs[3] = d(psi, n, xs)
            sol = lu_solve(A, rhs)
            out.append(sol[3])
        b.append(out[0]); a.append(out[1])
    return a, b


def efficiencies(x, a, b):
    ext = sum((2 * n + 1) * re(a[n - 1] + b[n - 1]) for n in range(1, len(a) + 1))
    sca = sum((2 * n + 1) * (abs(a[n - 1]) ** 2 + abs(b[n - 1]) ** 2) for n in range(1, len(a) + 1))
    return 2 * ext / x ** 2, 2 * sca / x ** 2


if __name__ == "__main__":
    cases = [
        (mpf("1.0"), mpc("1.5", "0.1"), mpf("2.0"), mpc("2.6", "0.01")),
        (mpf("5.0"), mpc("1.33", "0"), mpf("6.0"), mpc("1.59", "0.66")),
        (mpf("0.5"), mpc("1.45", "0"), mpf("0.6"), mpc("0.2", "3.4")),
        (mpf("30"), mpc("1.5", "0"), mpf("40"), mpc("2.0", "0.1")),
    ]
    for xc, mc, xs, ms in cases:
        nmax = int(xs + 4 * xs ** (mpf(1) / 3) + 2)
        a, b = coefficients(xc, mc, xs, ms, nmax)
        qext, qsca = efficiencies(xs, a, b)
        print(f'[InlineData({float(xc)!r}, {float(mc.real)!r}, {float(mc.imag)!r}, {float(xs)!r}, {float(ms.real)!r}, {float(ms.imag)!r}, '
              f'{float(qext)!r}, {float(qsca)!r}, {float(a[0].real)!r}, {float(a[0].imag)!r}, {float(b[0].real)!r}, {float(b[0].imag)!r})]')
