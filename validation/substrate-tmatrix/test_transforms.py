#!/usr/bin/python3
"""Numerical verification of every transformation used in tmatrix_substrate.py."""
import numpy as np
from scipy.special import sph_harm
import tmatrix_substrate as ts

rng = np.random.default_rng(1)
ok = True


def report(name, err, tol):
    global ok
    flag = 'PASS' if err < tol else 'FAIL'
    ok &= err < tol
    print(f'{flag}  {name:70s} max rel err = {err:.2e}')


# 1. normalised Legendre functions vs scipy sph_harm; pi, tau vs definitions
L = 12
th = rng.uniform(0.05, np.pi - 0.05, 7)
ph = rng.uniform(0, 2 * np.pi, 7)
err = 0
err_pi = 0
err_tau = 0
for m in range(-L, L + 1):
    p, pi, tau = ts.legendre_m(np.cos(th), np.sin(th), L, m)
    for l in range(abs(m), L + 1):
        Y = sph_harm(m, l, ph, th)
        err = max(err, np.max(abs(p[:, l] * np.exp(1j * m * ph) - Y)))
        err_pi = max(err_pi, np.max(abs(pi[:, l] * np.sin(th) - m * p[:, l])))
        dth = 1e-5
        pp, _, _ = ts.legendre_m(np.cos(th + dth), np.sin(th + dth), L, m)
        pm, _, _ = ts.legendre_m(np.cos(th - dth), np.sin(th - dth), L, m)
        err_tau = max(err_tau, np.max(abs((pp[:, l] - pm[:, l]) / (2 * dth) - tau[:, l])))
report('pbar_lm e^{im phi} == scipy sph_harm (l<=12, all m)', err, 1e-12)
report('pibar = m pbar / sin', err_pi, 1e-12)
report('taubar = d pbar / d theta (central difference)', err_tau, 1e-7)
# complex argument: identity x^2+s^2=1, check tau against complex-step derivative
b0 = 0.7 - 0.9j
p, pi, tau = ts.legendre_m(np.array([np.cos(b0)]), np.array([np.sin(b0)]), L, 3)
dd = 1e-6
pp, _, _ = ts.legendre_m(np.array([np.cos(b0 + dd)]), np.array([np.sin(b0 + dd)]), L, 3)
pm, _, _ = ts.legendre_m(np.array([np.cos(b0 - dd)]), np.array([np.sin(b0 - dd)]), L, 3)
report('taubar at complex beta (analytic continuation)',
       np.max(abs((pp - pm) / (2 * dd) - tau)) / np.max(abs(tau)), 1e-8)

# 2. VSWF: curl M = k N, curl N = k M (finite differences), orthonormality of X
k = 1.3
L = 5


def curl(f, r, h=1e-5):
    J = np.zeros(f(r).shape + (3,), complex)
    for i in range(3):
        e = np.zeros(3); e[i] = h
        J[..., i] = (f(r + e) - f(r - e)) / (2 * h)
    # J[..., comp, deriv]
    c = np.stack([J[..., 2, 1] - J[..., 1, 2], J[..., 0, 2] - J[..., 2, 0], J[..., 1, 0] - J[..., 0, 1]], -1)
    return c


r0 = np.array([[0.7, -0.4, 1.1]])
for nu in (1, 3):
    e1 = e2 = 0
    for m in range(-L, L + 1):
        f = lambda r: ts.vswf(nu, k, L, m, r)
        V = f(r0)
        C = curl(f, r0[0])
        e1 = max(e1, np.max(abs(C[:, 0] - k * V[:, 1])) / np.max(abs(V)))
        e2 = max(e2, np.max(abs(C[:, 1] - k * V[:, 0])) / np.max(abs(V)))
    report(f'nu={nu}: curl M = k N', e1, 1e-8)
    report(f'nu={nu}: curl N = k M', e2, 1e-8)

# orthonormality of X_lm on the unit sphere (Gauss x trapezoid)
xg, wg = np.polynomial.legendre.leggauss(40)
phg = np.linspace(0, 2 * np.pi, 80, endpoint=False)
TH, PH = np.meshgrid(np.arccos(xg), phg, indexing='ij')
W = np.outer(wg, np.full(80, 2 * np.pi / 80)).ravel()
pts = np.stack([np.sin(TH) * np.cos(PH), np.sin(TH) * np.sin(PH), np.cos(TH)], -1).reshape(-1, 3)
# M at kr where j_l is nonzero; divide out radial function -> X
from scipy.special import spherical_jn
kr = 2.1
G = {}
for m in range(-3, 4):
    V = ts.vswf(1, kr, 3, m, pts)
    ls = ts.lrange(3, m)
    X = V[:, 0] / spherical_jn(ls, kr)[None, :, None]
    for i, l in enumerate(ls):
        G[(l, m)] = X[:, i]
keys = list(G)
gram = np.array([[np.sum(W[:, None] * np.conj(G[a]) * G[b]) for b in keys] for a in keys])
report('X_lm orthonormal on unit sphere', np.max(abs(gram - np.eye(len(keys)))), 1e-12)

# 3. plane wave expansion in regular VSWFs (propagating and evanescent directions)
k = 2.0
Lx = 40
pts = rng.normal(size=(6, 3)) * 0.9
for label, kap, kzsign in [('propagating, down', 1.3, -1), ('propagating, up', 0.4, 1),
                           ('normal incidence', 0.0, -1), ('evanescent, up', 2.9, 1),
                           ('evanescent, down', 3.6, -1)]:
    alpha = 0.77
    kz = ts.kz_of(k, kap) * kzsign
    x, s = kz / k, kap / k
    c = np.array([0.3 - 0.8j, 1.1 + 0.2j])
    eTE, eTM = ts.pol_vectors(np.array(x), np.array(s), alpha)
    kv = np.array([kap * np.cos(alpha), kap * np.sin(alpha), kz])
    Edir = (c[0] * eTE + c[1] * eTM)[None, :] * np.exp(1j * pts @ kv)[:, None]
    Eexp = np.zeros_like(Edir)
    for m in range(-Lx, Lx + 1):
        A = ts.afun(np.array(x), np.array(s), Lx, m)
        a = np.exp(-1j * m * alpha) * np.einsum('tlj,j->tl', A, c)
        V = ts.vswf(1, k, Lx, m, pts)
        Eexp += np.einsum('tl,ptlc->pc', a, V)
    report(f'plane wave -> regular VSWF expansion ({label})',
           np.max(abs(Eexp - Edir)) / np.max(abs(Edir)), 1e-10)

# 4. angular spectrum of outgoing VSWFs vs direct evaluation, above and below
k = 2.0
L = 4
for label, pt in [('above (z>0)', np.array([0.35, -0.25, 0.9])), ('below (z<0)', np.array([-0.3, 0.2, -1.1]))]:
    sgn = 1 if pt[2] > 0 else -1
    kk, ww = ts.polyline_rule([0, -0.3j, k + 0.6 - 0.3j, k + 0.6, 40.0], 120, 1.0)
    na = 96
    al = np.arange(na) * 2 * np.pi / na
    KA, AL = np.meshgrid(kk, al, indexing='ij')
    kz = ts.kz_of(k, KA)
    x, s = sgn * kz / k, KA / k
    eTE, eTM = ts.pol_vectors(x, s, AL)
    ph = np.exp(1j * (KA * np.cos(AL) * pt[0] + KA * np.sin(AL) * pt[1] + sgn * kz * pt[2]))
    pref = (ww[:, None] * (2 * np.pi / na)) * KA / (2 * np.pi * k * kz) * ph
    err = 0
    for m in range(-L, L + 1):
        g = ts.gfun(x, s, L, m) * ts.ilm(L, m)[:, None]        # (nk,na,2,nl,2)
        E = np.einsum('ka,katlj,kajc->tlc', pref * np.exp(1j * m * AL), g, np.stack([eTE, eTM], 2))
        V = ts.vswf(3, k, L, m, pt[None, :])[0]
        err = max(err, np.max(abs(E - V)) / np.max(abs(V)))
    report(f'angular spectrum of outgoing M,N ({label}), l<=4', err, 1e-9)

# 5. Mie coefficients: scipy vs mpmath
for mrel, x in [(2.31719 + 0.0133512j, np.pi * 530 / 980), (2.0, np.pi * 300 / 800),
                (2.3 + 0.1j, np.pi * 200 / 520), (1.5 + 0.1j, np.pi * 20 / 800)]:
    a, b = ts.mie_ab_mp(mrel, x, 25)
    am, bm = ts.mie_ab_mpmath(mrel, x, 25, dps=50)
    e = max(np.max(abs(a - am) / abs(am)), np.max(abs(b - bm) / abs(bm)))
    report(f'Mie a_n,b_n: mpmath recurrence vs mpmath numeric diff, m={mrel}, x={x:.4f}', e, 1e-13)
    a2, b2 = ts.mie_ab(mrel, x, 10)
    e = max(np.max(abs(a2 - am[:10]) / abs(am[:10])), np.max(abs(b2 - bm[:10]) / abs(bm[:10])))
    report(f'   (info) scipy-double Mie vs mpmath, n<=10', e, 1e-9)

# 6. reflection coupling W^R: reflected field at test points vs direct 2D Sommerfeld integral
P = ts.Problem(lam=6.0, n_h=1.0, n_s=1.7 + 0.2j, m_p=2.0, radius=0.5, height=0.6)
L = 5
rule = P.contour(kmax_fac=40.0, dens=80, delta_fac=0.2)
k, h = P.k, P.h
pts = np.array([[0.2, -0.1, 0.3], [-0.3, 0.2, -0.1], [0.1, 0.25, 0.0]])  # relative to sphere centre
kk, ww = rule
na = 128
al = np.arange(na) * 2 * np.pi / na
KA, AL = np.meshgrid(kk, al, indexing='ij')
kz = ts.kz_of(k, KA)
ksz = ts.kz_of(P.ks, KA)
r, _ = ts.fresnel(k, P.ks, kz, ksz)
eTE, eTM = ts.pol_vectors(kz / k, KA / k, AL)
err = 0
for m in range(-L, L + 1):
    nl = len(ts.lrange(L, m))
    bvec = rng.normal(size=2 * nl) + 1j * rng.normal(size=2 * nl)
    Lo = 30
    W = P.WR(L, m, rule, Lout=Lo)
    aR = (W @ bvec).reshape(2, -1)
    V = ts.vswf(1, k, Lo, m, pts)
    Eexp = np.einsum('tl,ptlc->pc', aR, V)
    gm = ts.gfun(-kz / k, KA / k, L, m) * ts.ilm(L, m)[:, None]
    Gj = np.einsum('tl,katlj->kaj', bvec.reshape(2, nl), gm) * np.exp(1j * m * AL)[..., None]
    amp = (ww[:, None] * (2 * np.pi / na)) * KA / (2 * np.pi * k * kz) * np.exp(2j * kz * h)
    Ed = np.zeros((len(pts), 3), complex)
    for ip, pt in enumerate(pts):
        ph = np.exp(1j * (KA * np.cos(AL) * pt[0] + KA * np.sin(AL) * pt[1] + kz * pt[2]))
        Ed[ip] = np.einsum('ka,kaj,kajc->c', amp * ph, Gj * r, np.stack([eTE, eTM], 2))
    err = max(err, np.max(abs(Ed - Eexp)) / np.max(abs(Ed)))
report('W^R b expansion == direct Sommerfeld reflected field (absorbing substrate)', err, 1e-8)

# 6b. independent check of W^R against image theory: perfectly conducting mirror
#     (r_TE = -1, r_TM = +1 in the (phi_hat, theta_hat) basis). Reflected field must equal
#     E_img(x,y,z) = (-E_x, -E_y, +E_z)[E_s](x,y,-z), evaluated directly from outgoing VSWFs.
P = ts.Problem(lam=6.0, n_h=1.0, n_s=1.5, m_p=2.0, radius=0.5, height=0.7)
P.r_override = (-1.0, 1.0)
L, Lo = 4, 40
rule = P.contour(kmax_fac=60.0, dens=80, delta_fac=0.2)
k, h = P.k, P.h
pts = np.array([[0.2, -0.1, 0.3], [-0.3, 0.2, -0.2], [0.35, 0.25, 0.1]])   # relative to centre
glob = pts + np.array([0, 0, h])
img_pts = glob * np.array([1, 1, -1]) - np.array([0, 0, h])             # mirrored, rel. to centre
err = 0
for m in range(-L, L + 1):
    nl = len(ts.lrange(L, m))
    bvec = rng.normal(size=2 * nl) + 1j * rng.normal(size=2 * nl)
    aR = (P.WR(L, m, rule, Lout=Lo) @ bvec).reshape(2, -1)
    Eexp = np.einsum('tl,ptlc->pc', aR, ts.vswf(1, k, Lo, m, pts))
    Es = np.einsum('tl,ptlc->pc', bvec.reshape(2, nl), ts.vswf(3, k, L, m, img_pts))
    Eimg = Es * np.array([-1, -1, 1])
    err = max(err, np.max(abs(Eexp - Eimg)) / np.max(abs(Eimg)))
report('W^R with PEC mirror == image multipole field (image theory)', err, 1e-8)

# 7. Fresnel: continuity of tangential E and H at z=0 for complex substrate, both polarisations
k1, k2 = 1.0, 1.7 + 0.3j
for kap in (0.3, 1.4, 2.5):
    k1z, k2z = ts.kz_of(k1, kap), ts.kz_of(k2, kap)
    for sidef in ('host', 'sub'):
        if sidef == 'host':
            kf, kt, kfz, ktz, sf, st = k1, k2, k1z, k2z, -1, -1
        else:
            kf, kt, kfz, ktz, sf, st = k2, k1, k2z, k1z, 1, 1
        rr, tt = ts.fresnel(kf, kt, kfz, ktz)
        e = 0
        for j in range(2):
            def fields(kmed, kzs, amp):
                eTE, eTM = ts.pol_vectors(kzs / kmed, kap / kmed, 0.0)
                ev = eTE if j == 0 else eTM
                kv = np.array([kap, 0, kzs])
                return amp * ev, amp * np.cross(kv, ev)   # E, omega mu0 H
            Ei, Hi = fields(kf, sf * kfz, 1.0)
            Er, Hr = fields(kf, -sf * kfz, rr[j])
            Et, Ht = fields(kt, st * ktz, tt[j])
            e = max(e, np.max(abs((Ei + Er - Et)[:2])), np.max(abs((Hi + Hr - Ht)[:2])))
        report(f'Fresnel continuity (from {sidef}, kappa={kap})', e, 1e-13)

print('ALL PASSED' if ok else 'SOME FAILED')
