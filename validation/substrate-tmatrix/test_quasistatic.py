#!/usr/bin/python3
"""Quasi-static checks for case F (sphere touching a high-index substrate).

1. dipole image estimate (as asked): Clausius-Mossotti sphere, image factor
   beta = (eps_s - eps_h)/(eps_s + eps_h), horizontal dipole, image field beta p/(4 pi eps (2h)^3),
   exciting field = incident + reflected at the centre.
2. an independent electrostatic *multipolar* image solution (all orders l, m = 1):
   outside the sphere phi = sum_l [A_l r^l + B_l a^{2l+1} r^{-l-1}] P_l^1(cos t) cos(phi),
   B_l = -alpha_l A_l, alpha_l = l(eps_p - eps_h)/(l eps_p + (l+1) eps_h);
   the image of the multipole l' is -beta (-1)^{l'+1} times the same multipole at the mirror
   point; its regular expansion about the sphere centre is obtained by numerical projection.
   Absorbed power ~ Im(eps_p) sum_l |C_l|^2 l a^{2l+1} 2 pi l(l+1)/(2l+1),  C_l = A_l (1 - alpha_l).
The ratio Qabs(substrate)/Qabs(isolated sphere) of the full T-matrix must tend, as the
sphere shrinks (a/h fixed), to (2) and the lmax = 1 T-matrix to (1).
"""
import numpy as np
from scipy.special import lpmv
import tmatrix_substrate as ts


def static_multipole_ratio(eps_p, eps_h, eps_s, a, h, Lq=40, nq=400):
    beta = (eps_s - eps_h) / (eps_s + eps_h)
    ls = np.arange(1, Lq + 1)
    alpha = ls * (eps_p - eps_h) / (ls * eps_p + (ls + 1) * eps_h)
    x, w = np.polynomial.legendre.leggauss(nq)          # cos(theta) on the sphere r = a
    th = np.arccos(x)
    zc = a * x + 2 * h                                   # z relative to image point
    rc = a * np.sin(th)
    rp = np.sqrt(rc ** 2 + zc ** 2)
    cp = zc / rp
    G = np.zeros((Lq, Lq))
    for j, lp in enumerate(ls):
        img = -beta * (-1.0) ** (lp + 1) * a ** (2 * lp + 1) * rp ** (-lp - 1) * lpmv(1, lp, cp)
        for i, l in enumerate(ls):
            norm = a ** l * 2 * l * (l + 1) / (2 * l + 1)
            G[i, j] = np.sum(w * img * lpmv(1, l, x)) / norm
    A0 = np.zeros(Lq, complex)
    A0[0] = 1.0
    A = np.linalg.solve(np.eye(Lq) + G * alpha[None, :], A0)
    C = A * (1 - alpha)
    P = np.sum(abs(C) ** 2 * ls * a ** (2 * ls + 1) * 2 * np.pi * ls * (ls + 1) / (2 * ls + 1))
    C1 = 1 - alpha[0]
    P0 = abs(C1) ** 2 * a ** 3 * 4 * np.pi / 3
    return P / P0, G


if __name__ == '__main__':
    lam, n_h, n_s, m_p = 800., 1.0, 3.5, 1.5 + 0.1j
    eps_p, eps_h, eps_s = m_p ** 2, n_h ** 2, n_s ** 2
    # dipole-only static solution must equal the image-dipole formula
    r1, G = static_multipole_ratio(eps_p, eps_h, eps_s, 1.0, 1.0, Lq=1)
    chi = (eps_p - eps_h) / (eps_p + 2 * eps_h)
    beta = (eps_s - eps_h) / (eps_s + eps_h)
    print('static l=1 ratio', r1, ' 1/|1-chi beta/8|^2 =', 1 / abs(1 - chi * beta / 8) ** 2)
    for Lq in (5, 10, 20, 40):
        print(f'static multipolar ratio Lq={Lq}:', static_multipole_ratio(eps_p, eps_h, eps_s, 1.0, 1.0, Lq=Lq)[0])
    rstat = static_multipole_ratio(eps_p, eps_h, eps_s, 1.0, 1.0, Lq=60)[0]
    rr = (n_h - n_s) / (n_h + n_s)
    print(f'\n{"d (nm)":>8s} {"x":>10s} {"Q_T(L=40)":>14s} {"Q_T(L=1)":>14s} {"Q_qsdip":>14s} '
          f'{"Q_T/Q_Mie":>12s} {"static-mult":>12s} {"Q_T1/Q_Mie1":>12s} {"qs-dipole":>12s}')
    rows = []
    for d in (20.0, 6.0, 2.0, 0.6, 0.2):
        a = d / 2
        x = 2 * np.pi / lam * a
        P = ts.Problem(lam, n_h, n_s, m_p, a, a, 0.0, 'TM')
        oT = P.solve(40)
        P1 = ts.Problem(lam, n_h, n_s, m_p, a, a, 0.0, 'TM')
        o1 = P1.solve(1)
        qmie = ts.mie_efficiencies(m_p, x, 40)[2]
        qmie1 = ts.mie_efficiencies(m_p, x, 1)[2]
        Qqs, Q0qs, info = ts.qs_image_dipole(lam, n_h, n_s, m_p, a, a)
        Eexc2 = abs(info['Eexc']) ** 2
        rows.append((d, x, oT['Qabs'], o1['Qabs'], Qqs, oT['Qabs'] / qmie / Eexc2, rstat,
                     o1['Qabs'] / qmie1 / Eexc2, Qqs / Q0qs / Eexc2))
        print(f'{d:8.2f} {x:10.3e} {oT["Qabs"]:14.8e} {o1["Qabs"]:14.8e} {Qqs:14.8e} '
              f'{rows[-1][5]:12.8f} {rstat:12.8f} {rows[-1][7]:12.8f} {rows[-1][8]:12.8f}', flush=True)
    print('\n(ratios divided by |E_exc|^2 = |e^{-ikh} + r e^{ikh}|^2, the incident+reflected field at the centre)')
