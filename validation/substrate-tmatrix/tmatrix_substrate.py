#!/usr/bin/python3
"""
Independent T-matrix reference implementation: one sphere in a host half-space
(z > 0, real index n_h) above / on a planar substrate (z < 0, index n_s, may be
complex).  Time factor exp(-i w t); absorbing index n + i k (k >= 0).

Formalism after Egel & Lemmer, JQSRT 138, 117 (2014) and Egel et al., JQSRT 273,
107846 (2021) (SMUTHI), but all transformations derived here from the
angular-spectrum (Weyl) representation and verified numerically in
test_transforms.py.  See results.md for the derivation summary.

Conventions (all derived in results.md)
---------------------------------------
Scalar spherical harmonics  Y_lm = pbar_lm(cos t) e^{i m phi},
  pbar_lm = sqrt((2l+1)/(4 pi) (l-m)!/(l+m)!) P_l^m   (Condon-Shortley phase),
  pibar_lm = m pbar_lm / sin t,   taubar_lm = d pbar_lm / d t.
Vector harmonic    X_lm = L Y_lm / sqrt(l(l+1)),  L = -i r x grad
                        = e^{im phi}/sqrt(l(l+1)) [ -pibar theta_hat - i taubar phi_hat ]
VSWFs              M_lm = z_l(kr) X_lm,  N_lm = curl M_lm / k
                        = i sqrt(l(l+1)) z_l/(kr) Y_lm r_hat + [(kr z_l)'/(kr)] r_hat x X_lm
   (z_l = j_l : regular, nu=1;  z_l = h_l^(1): outgoing, nu=3).
   tau = 0 : M ("magnetic", TE-like, Mie b_n);  tau = 1 : N ("electric", Mie a_n).
Plane-wave polarisation basis for wave vector k = k (sin b cos a, sin b sin a, cos b):
   TE (j=0): e_TE = phi_hat = (-sin a, cos a, 0)
   TM (j=1): e_TM = theta_hat = (cos b cos a, cos b sin a, -sin b)
   (for complex b, cos b = +-k_z/k and sin b = kappa/k continue analytically).
Outgoing VSWF, angular spectrum (z > 0: upper sign, z < 0: lower sign):
   Psi3_{tau l m}(r) = int_0^inf dkappa int_0^2pi dalpha  kappa/(2 pi k k_z) i^{-l} e^{i m alpha}
                      sum_j g_{tau l m j}(b_+-) e_j(b_+-,alpha) exp(i k_+- . r)
   g_{M,TE} = -i taubar/s_l, g_{M,TM} = -pibar/s_l, g_{N,TE} = -i pibar/s_l, g_{N,TM} = -taubar/s_l,
   s_l = sqrt(l(l+1)).
Plane wave  sum_j c_j e_j exp(i k.r)  =  sum a_{tau l m} Psi1_{tau l m}(r),
   a_{tau l m} = e^{-i m alpha} sum_j A_{tau l m j}(b) c_j,   A = 4 pi i^l sigma_j g,
   sigma_TE = -1, sigma_TM = +1.
Sphere T-matrix: t_M = -b_n, t_N = -a_n (Bohren & Huffman).
"""
import numpy as np
from numpy.polynomial.legendre import leggauss
from scipy.special import spherical_jn, spherical_yn

FOURPI = 4.0 * np.pi


# ----------------------------------------------------------------------------
# angular functions
# ----------------------------------------------------------------------------
def _leg_pos(x, s, L, m, S=None):
    """normalised pbar_lm and q_lm = pbar_lm / s for fixed m >= 0, l = 0..L.
    x = cos(beta), s = sin(beta) (independent complex arrays, x^2 + s^2 = 1).
    If S (array, > 0) is given the returned functions are divided by S^l (overflow guard)."""
    x = np.asarray(x, complex)
    s = np.asarray(s, complex)
    S = np.ones(x.shape) if S is None else np.broadcast_to(S, x.shape)
    xs, ss = x / S, s / S
    p = np.zeros(x.shape + (L + 1,), complex)
    q = np.zeros(x.shape + (L + 1,), complex)
    if m > L:
        return p, q
    pmm = np.full(x.shape, 1.0 / np.sqrt(FOURPI), complex)
    qmm = np.zeros(x.shape, complex)
    for kk in range(1, m + 1):
        fac = -np.sqrt((2 * kk + 1) / (2.0 * kk))
        if kk == m:
            qmm = fac * pmm / S
        pmm = fac * ss * pmm
    p[..., m] = pmm
    q[..., m] = qmm
    if m + 1 <= L:
        p[..., m + 1] = np.sqrt(2 * m + 3) * xs * pmm
        q[..., m + 1] = np.sqrt(2 * m + 3) * xs * qmm
    S2 = S * S
    for l in range(m + 2, L + 1):
        a = np.sqrt((4.0 * l * l - 1) / (l * l - m * m))
        b = np.sqrt(((l - 1.0) ** 2 - m * m) / (4.0 * (l - 1) ** 2 - 1))
        p[..., l] = a * (xs * p[..., l - 1] - b / S2 * p[..., l - 2])
        q[..., l] = a * (xs * q[..., l - 1] - b / S2 * q[..., l - 2])
    return p, q


def legendre_m(x, s, L, m, S=None):
    """pbar, pibar, taubar for order m (any sign), l = 0..L; arrays x.shape+(L+1,).
    With S given, all three are divided by S^l."""
    x = np.asarray(x, complex)
    s = np.asarray(s, complex)
    Sa = np.ones(x.shape) if S is None else np.broadcast_to(S, x.shape)
    mm = abs(m)
    p, q = _leg_pos(x, s, L, mm, S)
    pi = mm * q
    tau = np.zeros_like(p)
    if mm == 0:
        p1, _ = _leg_pos(x, s, L, 1, S)
        for l in range(1, L + 1):
            tau[..., l] = np.sqrt(l * (l + 1.0)) * p1[..., l]
    else:
        for l in range(mm, L + 1):
            tau[..., l] = l * x * q[..., l]
            if l - 1 >= mm:
                tau[..., l] -= np.sqrt((2 * l + 1.0) * (l - mm) * (l + mm) / (2 * l - 1.0)) * q[..., l - 1] / Sa
    if m < 0:
        sg = (-1.0) ** mm
        p, pi, tau = sg * p, -sg * pi, sg * tau
    return p, pi, tau


def lrange(L, m):
    return np.arange(max(1, abs(m)), L + 1)


def gfun(x, s, L, m, S=None):
    """g_{tau l m j}(beta): array x.shape + (2 [tau], nl, 2 [j])  (divided by S^l if S given)"""
    p, pi, tau = legendre_m(x, s, L, m, S)
    ls = lrange(L, m)
    sl = np.sqrt(ls * (ls + 1.0))
    pi = pi[..., ls] / sl
    tau = tau[..., ls] / sl
    g = np.empty(np.shape(x) + (2, len(ls), 2), complex)
    g[..., 0, :, 0] = -1j * tau
    g[..., 0, :, 1] = -pi
    g[..., 1, :, 0] = -1j * pi
    g[..., 1, :, 1] = -tau
    return g


def afun(x, s, L, m, S=None):
    """A_{tau l m j}(beta) = 4 pi i^l sigma_j g_{tau l m j}; x.shape + (2, nl, 2)"""
    ls = lrange(L, m)
    g = gfun(x, s, L, m, S)
    il = (1j) ** ls
    sig = np.array([-1.0, 1.0])
    return FOURPI * g * il[:, None] * sig


def ilm(L, m):
    return (1j) ** (-lrange(L, m).astype(float))


# ----------------------------------------------------------------------------
# VSWF evaluation (used in tests and for field checks)
# ----------------------------------------------------------------------------
def sph_h1(l, z, derivative=False):
    return spherical_jn(l, z, derivative) + 1j * spherical_yn(l, z, derivative)


def vswf(nu, k, L, m, r):
    """M and N (Cartesian) at points r (npts,3) for l in lrange(L,m): (npts, 2, nl, 3)"""
    r = np.atleast_2d(np.asarray(r, float))
    rr = np.linalg.norm(r, axis=1)
    th = np.arccos(np.clip(r[:, 2] / rr, -1, 1))
    ph = np.arctan2(r[:, 1], r[:, 0])
    ct, st = np.cos(th), np.sin(th)
    p, pi, tau = legendre_m(ct, st, L, m)
    ls = lrange(L, m)
    sl = np.sqrt(ls * (ls + 1.0))
    rho = k * rr
    z = np.empty((len(rr), len(ls)), complex)
    dz = np.empty_like(z)
    for i, l in enumerate(ls):
        if nu == 1:
            z[:, i] = spherical_jn(l, rho)
            dz[:, i] = spherical_jn(l, rho, True)
        else:
            z[:, i] = sph_h1(l, rho)
            dz[:, i] = sph_h1(l, rho, True)
    rz = z + rho[:, None] * dz  # (rho z)'
    rhat = np.stack([st * np.cos(ph), st * np.sin(ph), ct], -1)
    that = np.stack([ct * np.cos(ph), ct * np.sin(ph), -st], -1)
    phat = np.stack([-np.sin(ph), np.cos(ph), 0 * ph], -1)
    e = np.exp(1j * m * ph)[:, None]
    P, PI, TAU = p[:, ls], pi[:, ls] / sl, tau[:, ls] / sl
    X = e[..., None] * (-PI[..., None] * that[:, None, :] - 1j * TAU[..., None] * phat[:, None, :])
    RX = e[..., None] * (-PI[..., None] * phat[:, None, :] + 1j * TAU[..., None] * that[:, None, :])
    M = z[..., None] * X
    N = (1j * sl * (z / rho[:, None]) * e * P)[..., None] * rhat[:, None, :] + (rz / rho[:, None])[..., None] * RX
    return np.stack([M, N], axis=1)


def pol_vectors(x, s, alpha):
    """e_TE, e_TM for cos b = x, sin b = s, azimuth alpha: arrays shape+(3,)"""
    ca, sa = np.cos(alpha), np.sin(alpha)
    eTE = np.stack(np.broadcast_arrays(-sa + 0j, ca + 0j, 0 * x), -1)
    eTM = np.stack(np.broadcast_arrays(x * ca, x * sa, -s), -1)
    return eTE, eTM


# ----------------------------------------------------------------------------
# Mie coefficients
# ----------------------------------------------------------------------------
def mie_ab(mrel, x, L):
    """Bohren & Huffman a_n, b_n, n = 1..L (psi/xi form, BH eq. 4.53), via scipy spherical Bessel."""
    n = np.arange(1, L + 1)
    mx = mrel * x
    jx, djx = spherical_jn(n, x), spherical_jn(n, x, True)
    hx, dhx = sph_h1(n, x), sph_h1(n, x, True)
    jm, djm = spherical_jn(n, mx), spherical_jn(n, mx, True)
    psi_x, dpsi_x = x * jx, jx + x * djx
    xi_x, dxi_x = x * hx, hx + x * dhx
    psi_m, dpsi_m = mx * jm, jm + mx * djm
    a = (mrel * psi_m * dpsi_x - psi_x * dpsi_m) / (mrel * psi_m * dxi_x - xi_x * dpsi_m)
    b = (psi_m * dpsi_x - mrel * psi_x * dpsi_m) / (psi_m * dxi_x - mrel * xi_x * dpsi_m)
    return a, b


def mie_ab_mpmath(mrel, x, L, dps=40):
    """independent high-precision check of a_n, b_n (mpmath Bessel functions)."""
    import mpmath as mp
    mp.mp.dps = dps
    mr = mp.mpc(mrel.real, mrel.imag)
    xx = mp.mpf(x)
    out_a, out_b = [], []

    def psi(n, z):
        return mp.sqrt(mp.pi * z / 2) * mp.besselj(n + 0.5, z)

    def chi(n, z):
        return -mp.sqrt(mp.pi * z / 2) * mp.bessely(n + 0.5, z)

    for n in range(1, L + 1):
        p = lambda z: psi(n, z)
        px, pmx = p(xx), p(mr * xx)
        dpx = mp.diff(p, xx)
        dpmx = mp.diff(lambda z: psi(n, z), mr * xx)
        xi = lambda z: psi(n, z) - 1j * chi(n, z)
        xix = xi(xx)
        dxix = mp.diff(xi, xx)
        a = (mr * pmx * dpx - px * dpmx) / (mr * pmx * dxix - xix * dpmx)
        b = (pmx * dpx - mr * px * dpmx) / (pmx * dxix - mr * xix * dpmx)
        out_a.append(complex(a))
        out_b.append(complex(b))
    return np.array(out_a), np.array(out_b)


def mie_ab_mp(mrel, x, L, dps=30):
    """production Mie coefficients (BH eq. 4.53) with mpmath Riccati-Bessel functions,
    psi_n(z) = z j_n(z), xi_n = z h_n^(1)(z), derivative f_n' = f_{n-1} - n f_n / z."""
    import mpmath as mp
    mp.mp.dps = dps
    mr = mp.mpc(mrel.real, mrel.imag)
    xx = mp.mpf(x)
    z = mr * xx

    def psi(n, zz):
        return mp.sqrt(mp.pi * zz / 2) * mp.besselj(n + mp.mpf(1) / 2, zz)

    def xi(n, zz):
        return mp.sqrt(mp.pi * zz / 2) * (mp.besselj(n + mp.mpf(1) / 2, zz) + 1j * mp.bessely(n + mp.mpf(1) / 2, zz))

    a, b = [], []
    px0, pz0, xx0 = psi(0, xx), psi(0, z), xi(0, xx)
    for n in range(1, L + 1):
        px, pz, xn = psi(n, xx), psi(n, z), xi(n, xx)
        dpx, dpz, dxn = px0 - n * px / xx, pz0 - n * pz / z, xx0 - n * xn / xx
        a.append(complex((mr * pz * dpx - px * dpz) / (mr * pz * dxn - xn * dpz)))
        b.append(complex((pz * dpx - mr * px * dpz) / (pz * dxn - mr * xn * dpz)))
        px0, pz0, xx0 = px, pz, xn
    return np.array(a), np.array(b)


def mie_t_scaled(mrel, x, L, dps=30):
    """t_M = -b_n, t_N = -a_n in a form that does not under/overflow at high order:
    phase t/|t|, sqrt|t|, and (-Re t - |t|^2)/|t| (absorption factor)."""
    import mpmath as mp
    mp.mp.dps = dps
    mr = mp.mpc(mrel.real, mrel.imag)
    xx = mp.mpf(x)
    z = mr * xx
    half = mp.mpf(1) / 2
    psi = lambda n, zz: mp.sqrt(mp.pi * zz / 2) * mp.besselj(n + half, zz)
    xi = lambda n, zz: mp.sqrt(mp.pi * zz / 2) * (mp.besselj(n + half, zz) + 1j * mp.bessely(n + half, zz))
    out = {key: np.zeros(L, complex if key[:2] in ('ph', 't') or key[0] == 't' else float) for key in ('phM', 'phN', 'scM', 'scN', 'afM', 'afN', 'tM', 'tN')}
    px0, pz0, xx0 = psi(0, xx), psi(0, z), xi(0, xx)
    for n in range(1, L + 1):
        px, pz, xn = psi(n, xx), psi(n, z), xi(n, xx)
        dpx, dpz, dxn = px0 - n * px / xx, pz0 - n * pz / z, xx0 - n * xn / xx
        an = (mr * pz * dpx - px * dpz) / (mr * pz * dxn - xn * dpz)
        bn = (pz * dpx - mr * px * dpz) / (pz * dxn - mr * xn * dpz)
        for key, t in (('M', -bn), ('N', -an)):
            at = abs(t)
            out['ph' + key][n - 1] = complex(t / at)
            out['sc' + key][n - 1] = float(mp.sqrt(at))
            out['af' + key][n - 1] = float((-mp.re(t) - at ** 2) / at)
            out['t' + key][n - 1] = complex(t)
        px0, pz0, xx0 = px, pz, xn
    return out


def mie_efficiencies(mrel, x, L):
    a, b = mie_ab_mp(mrel, x, L)
    n = np.arange(1, L + 1)
    qext = 2 / x ** 2 * np.sum((2 * n + 1) * (a + b).real)
    qsca = 2 / x ** 2 * np.sum((2 * n + 1) * (abs(a) ** 2 + abs(b) ** 2))
    return qext, qsca, qext - qsca


# ----------------------------------------------------------------------------
# layer response (single interface)
# ----------------------------------------------------------------------------
def kz_of(k, kappa):
    kz = np.sqrt(np.asarray(k * k - kappa * kappa, complex))
    return np.where(kz.imag < 0, -kz, kz)


def ksz_from_kz(ks, k, kz):
    """k_sz = sqrt(k_s^2 - kappa^2) computed as sqrt((k_s^2 - k^2) + k_z^2): no cancellation
    near grazing (kappa -> k) when k_z is known analytically."""
    v = np.sqrt(np.asarray(ks * ks - k * k + kz * kz, complex))
    return np.where(v.imag < 0, -v, v)


def fresnel(kf, kt, kfz, ktz):
    """r, t for a wave in medium f incident on medium t, in the (phi_hat, theta_hat)
    basis of the respective wave vectors; returns arrays [..., 2] (TE, TM)."""
    rTE = (kfz - ktz) / (kfz + ktz)
    tTE = 2 * kfz / (kfz + ktz)
    den = kt * kt * kfz + kf * kf * ktz
    rTM = (kt * kt * kfz - kf * kf * ktz) / den
    tTM = 2 * kf * kt * kfz / den
    return np.stack([rTE, rTM], -1), np.stack([tTE, tTM], -1)


_GL = {}


def _leggauss(n):
    if n not in _GL:
        _GL[n] = leggauss(n)
    return _GL[n]


def gl_segment(z0, z1, n):
    t, w = _leggauss(n)
    zz = 0.5 * (z0 + z1) + 0.5 * (z1 - z0) * t
    return zz, 0.5 * (z1 - z0) * w


def polyline_rule(points, dens, k0, nmin=16, npan=32):
    """composite Gauss-Legendre along a polyline: each segment split into panels of
    npan points so that there are ~dens points per k0 of path length (>= nmin per segment)."""
    nodes, wts = [], []
    for z0, z1 in zip(points[:-1], points[1:]):
        n = max(nmin, int(np.ceil(dens * abs(z1 - z0) / k0)))
        npanel = max(1, int(np.ceil(n / npan)))
        per = max(int(np.ceil(n / npanel)), 8)
        edges = z0 + (z1 - z0) * np.linspace(0, 1, npanel + 1)
        for a_, b_ in zip(edges[:-1], edges[1:]):
            zz, ww = gl_segment(a_, b_, per)
            nodes.append(zz)
            wts.append(ww)
    return np.concatenate(nodes), np.concatenate(wts)


def tail_rule(ka, kb, h, tail_fac=1.0, npan=32):
    """Gauss-Legendre panels on the real tail [ka, kb] of a Sommerfeld integral whose
    integrand ~ (smooth function of kappa varying on scale kappa) x exp(-2 kappa h) kappa^n:
    panel width = min(0.5 kappa, 4/(2h)) / tail_fac, npan points each."""
    edges = [ka]
    while edges[-1] < kb:
        e = edges[-1]
        edges.append(min(kb, e + min(0.5 * e, 2.0 / h) / tail_fac))
    nodes, wts = [], []
    for a_, b_ in zip(edges[:-1], edges[1:]):
        zz, ww = gl_segment(a_, b_, npan)
        nodes.append(zz)
        wts.append(ww)
    return np.concatenate(nodes), np.concatenate(wts)


# ----------------------------------------------------------------------------
# the problem
# ----------------------------------------------------------------------------
class Problem:
    def __init__(self, lam, n_h, n_s, m_p, radius, height, theta_deg=0.0, pol='TM',
                 side='host', alpha_deg=0.0):
        self.lam, self.n_h, self.n_s, self.m_p = lam, n_h, complex(n_s), complex(m_p)
        self.a, self.h = radius, height
        self.k0 = 2 * np.pi / lam
        self.k = self.k0 * n_h           # host (real)
        self.ks = self.k0 * self.n_s     # substrate (complex allowed)
        self.theta = np.deg2rad(theta_deg)
        self.alpha = np.deg2rad(alpha_deg)
        self.pol = pol
        self.side = side
        self.kinc = self.k if side == 'host' else self.ks.real  # irradiance medium
        if side == 'sub':
            assert abs(self.ks.imag) < 1e-14, 'substrate incidence requires lossless substrate'

    # ------------------------------------------------------------------ initial field
    def init_field(self):
        """returns dict with in-plane kappa, alpha and the plane-wave amplitudes (TE,TM):
        'up_host' (upward wave in host, amplitude at origin), 'down_host' (incident downward
        in host), 'down_sub' (downward in substrate), 'up_sub' (incident upward in sub)."""
        k, ks, th = self.k, self.ks, self.theta
        if self.side == 'host':
            kap = k * np.sin(th)
            # polarisation of the incident wave in the internal theta_hat basis:
            # TM physical vector p = (cos th, 0, sin th) = -theta_hat(k_inc)  (alpha = 0)
            c = np.array([1.0 + 0j, 0j]) if self.pol == 'TE' else np.array([0j, -1.0 + 0j])
        else:
            kap = ks.real * np.sin(th)
            # upward incidence in substrate: TM p = (cos th, 0, -sin th) = theta_hat(k_inc)
            c = np.array([1.0 + 0j, 0j]) if self.pol == 'TE' else np.array([0j, 1.0 + 0j])
        if self.side == 'host':
            kz = k * np.cos(th) + 0j
            ksz = ksz_from_kz(ks, k, kz)
        else:
            ksz = ks * np.cos(th) + 0j
            kz = ksz_from_kz(k, ks, ksz)
        d = dict(kappa=kap, alpha=self.alpha, kz=kz, ksz=ksz)
        if self.side == 'host':
            r, t = fresnel(k, ks, kz, ksz)
            d['down_host'] = c
            d['up_host'] = r * c
            d['down_sub'] = t * c
            d['up_sub'] = np.zeros(2, complex)
        else:
            r, t = fresnel(ks, k, ksz, kz)
            d['up_sub'] = c
            d['down_sub'] = r * c
            d['up_host'] = t * c
            d['down_host'] = np.zeros(2, complex)
        return d

    def a_init(self, L, m, d):
        k, h = self.k, self.h
        kap, al, kz = d['kappa'], d['alpha'], d['kz']
        s = kap / k
        x = kz / k
        a = np.zeros((2, len(lrange(L, m))), complex)
        em = np.exp(-1j * m * al)
        if np.any(d['down_host'] != 0):
            A = afun(np.array(-x), np.array(s), L, m)
            a += em * np.exp(-1j * kz * h) * np.einsum('tlj,j->tl', A, d['down_host'])
        if np.any(d['up_host'] != 0):
            A = afun(np.array(x), np.array(s), L, m)
            a += em * np.exp(1j * kz * h) * np.einsum('tlj,j->tl', A, d['up_host'])
        return a

    # ------------------------------------------------------------------ coupling
    def contour(self, kmax_fac, dens, delta_fac, tail_fac=1.0):
        """Sommerfeld contour 0 -> -i delta -> kc - i delta -> kc -> kc+2k0 -> kappa_max,
        kc = max(k, Re k_s) + 0.5 k0: passes below the branch points k, k_s.
        dens = GL points per k0 on the first four legs; the real tail uses tail_rule."""
        k0 = self.k0
        kr = max(self.k, self.ks.real)
        kc = kr + 0.5 * k0
        dl = delta_fac * k0
        n1, w1 = polyline_rule([0.0, -1j * dl, kc - 1j * dl, kc, kc + 2 * k0], dens, k0)
        n2, w2 = tail_rule(kc + 2 * k0, max(kmax_fac * k0, kc + 3 * k0), self.h, tail_fac)
        return np.concatenate([n1, n2]), np.concatenate([w1, w2])

    def default_kmax(self, L, drop=40.0):
        """kappa_max / k0 such that the envelope s^{2L} exp(-2 h k0 s) of the evanescent
        integrand has dropped by exp(-drop) from its maximum (s = kappa/k0)."""
        c = 2 * self.h * self.k0
        s0 = max(2 * L / c, 1.0)
        f = lambda s: 2 * L * np.log(s / s0) - c * (s - s0) + drop
        lo, hi = s0, s0 + 10
        while f(hi) > 0:
            hi *= 2
        for _ in range(100):
            mid = 0.5 * (lo + hi)
            lo, hi = (mid, hi) if f(mid) > 0 else (lo, mid)
        return max(hi, 2 * max(self.n_h, self.n_s.real) + 2)

    def WR(self, L, m, rule, Lout=None, sc_row=None, sc_col=None, chunk=2000):
        """reflection coupling matrix (2 nl' x 2 nl): a_refl = W b  (rows up to Lout).
        With sc_row / sc_col the scaled matrix diag(sc_row) W diag(sc_col) is returned;
        the scaling and exp(i k_z h) are applied to each factor before multiplying so that
        nothing overflows at high multipole order."""
        Lout = L if Lout is None else Lout
        kap_all, w_all = rule
        k, ks, h = self.k, self.ks, self.h
        nr, nc = 2 * len(lrange(Lout, m)), 2 * len(lrange(L, m))
        sc_row = np.ones(nr) if sc_row is None else sc_row
        sc_col = np.ones(nc) if sc_col is None else sc_col
        W = np.zeros((nr, nc), complex)
        for i0 in range(0, len(kap_all), chunk):
            kap, w = kap_all[i0:i0 + chunk], w_all[i0:i0 + chunk]
            kz = kz_of(k, kap)
            ksz = kz_of(ks, kap)
            r, _ = fresnel(k, ks, kz, ksz)          # (N,2)
            if getattr(self, 'r_override', None) is not None:   # test hook (PEC mirror)
                r = np.broadcast_to(np.asarray(self.r_override, complex), r.shape)
            s = kap / k
            # overflow guard: angular functions are computed divided by S^l, S = max(1,|s|,|x|);
            # S^l, exp(i k_z h) and the balancing factors are recombined in log form.
            S = np.maximum(1.0, np.maximum(abs(s), abs(kz / k)))
            lnS = np.log(S)
            lc, lr = lrange(L, m), lrange(Lout, m)
            fc = np.exp(lc[None, :] * lnS[:, None] + 1j * kz[:, None] * h)       # (N,nl)
            fr = np.exp(lr[None, :] * lnS[:, None] + 1j * kz[:, None] * h)       # (N,nl')
            gm = gfun(-kz / k, s, L, m, S) * ilm(L, m)[:, None]                   # (N,2,nl,2) incl i^-l
            gm = gm * (fc[:, None, :, None] * sc_col.reshape(2, -1)[None, :, :, None])
            Ap = afun(kz / k, s, Lout, m, S)                                       # (N,2,nl',2)
            Ap = Ap * (fr[:, None, :, None] * sc_row.reshape(2, -1)[None, :, :, None])
            fac = w * kap / (k * kz)                                               # (N,)
            X = (fac[:, None] * r)[:, None, None, :] * Ap
            N_, P_, Q_ = len(kap), nr, nc
            X = X.reshape(N_, P_, 2).transpose(1, 0, 2).reshape(P_, 2 * N_)
            G = gm.reshape(N_, Q_, 2).transpose(0, 2, 1).reshape(2 * N_, Q_)
            W += X @ G
        return W

    # ------------------------------------------------------------------ solve
    def solve(self, L, kmax_fac=None, dens=60, delta_fac=0.2, nang=400, nsub=None, ms=None,
              coupling=True, tail_fac=1.0, Wscale=1.0):
        """Wscale != 1 only for the sensitivity test of the energy balance."""
        k = self.k
        if kmax_fac is None:
            kmax_fac = self.default_kmax(L)
        self.kmax_fac = kmax_fac
        tl = mie_t_scaled(self.m_p / self.n_h, k * self.a, L)
        d = self.init_field()
        if ms is None:
            ms = [-1, 1] if d['kappa'] == 0 else list(range(-L, L + 1))
        rule = self.contour(kmax_fac, dens, delta_fac, tail_fac)
        self.tail_fac = tail_fac
        self.nodes = len(rule[0])
        res = dict(L=L, ms=ms, b={}, at_s={}, absfac={}, ainit={})
        for m in ms:
            ls = lrange(L, m)
            ph = np.concatenate([tl['phM'][ls - 1], tl['phN'][ls - 1]])     # t/|t|
            sc = np.concatenate([tl['scM'][ls - 1], tl['scN'][ls - 1]])     # sqrt|t|
            af = np.concatenate([tl['afM'][ls - 1], tl['afN'][ls - 1]])     # (-Re t-|t|^2)/|t|
            ai = self.a_init(L, m, d).reshape(-1)
            # balanced unknowns: b = S y, S = diag(sqrt|t|);  Wt = S W S
            #   (I - diag(t/|t|) Wt) y = (t/|t|) S a_init ,   S a_tot = S a_init + Wt y
            if coupling:
                Wt = Wscale * self.WR(L, m, rule, sc_row=sc, sc_col=sc)
                y = np.linalg.solve(np.eye(len(sc)) - ph[:, None] * Wt, ph * sc * ai)
                ats = sc * ai + Wt @ y
            else:
                y = ph * sc * ai
                ats = sc * ai
            res['b'][m] = sc * y
            res['at_s'][m], res['absfac'][m], res['ainit'][m] = ats, af, ai
        self.res = res
        self.d = d
        out = self.powers(L, nang=nang, nsub=nsub, kmax_fac=kmax_fac)
        out['kmax_fac'] = kmax_fac
        out['nodes'] = self.nodes
        return out

    # ------------------------------------------------------------------ spectra
    def Fup(self, L, kap, kz):
        """upward host far-field amplitudes F_{j,m}(kappa): dict m -> (N,2)"""
        k, h = self.k, self.h
        ksz = ksz_from_kz(self.ks, k, kz)
        r, _ = fresnel(k, self.ks, kz, ksz)
        s = kap / k
        out = {}
        for m, b in self.res['b'].items():
            il = ilm(L, m)[:, None]
            gp = gfun(kz / k, s, L, m) * il
            gm = gfun(-kz / k, s, L, m) * il
            bb = b.reshape(2, -1)
            out[m] = np.einsum('tl,ntlj->nj', bb, gp) + r * np.exp(2j * kz * h)[:, None] * \
                np.einsum('tl,ntlj->nj', bb, gm)
        return out

    def Gdown(self, L, kap, kz):
        """amplitudes of the downward host spectrum at z = 0 (incl. exp(i k_z h)):
        G_{j,m}(kappa) e^{i k_z h}, dict m -> (N,2); overflow-guarded like WR."""
        k, h = self.k, self.h
        s = kap / k
        S = np.maximum(1.0, np.maximum(abs(s), abs(kz / k)))
        lnS = np.log(S)
        out = {}
        for m, b in self.res['b'].items():
            ls = lrange(L, m)
            f = np.exp(ls[None, :] * lnS[:, None] + 1j * kz[:, None] * h)   # (N,nl)
            gm = gfun(-kz / k, s, L, m, S) * ilm(L, m)[:, None] * f[:, None, :, None]
            out[m] = np.einsum('tl,ntlj->nj', b.reshape(2, -1), gm)
        return out

    def sub_weights(self, kap, kz, ksz):
        """t_tilde = t/k_z (TE,TM) and flux weights w_j"""
        k, ks = self.k, self.ks
        tt = np.stack([2 / (kz + ksz), 2 * k * ks / (ks * ks * kz + k * k * ksz)], -1)
        w = np.stack([ksz.real, (ksz * np.conj(ks) / ks).real], -1)
        return tt, w

    def sub_rule(self, n, kmax_fac):
        """real-axis quadrature for the downward flux: kappa, k_z, k_sz (computed without
        cancellation), weights for d kappa.  Substitutions remove the sqrt behaviour at
        kappa = k and kappa = k_s."""
        k, ks, k0 = self.k, self.ks, self.k0
        K, KZ, KSZ, WT = [], [], [], []
        # [0,k]: kappa = k sin b
        b, wb = gl_segment(0.0, np.pi / 2, n)
        kz = k * np.cos(b) + 0j
        K.append(k * np.sin(b)); KZ.append(kz); KSZ.append(ksz_from_kz(ks, k, kz))
        WT.append(k * np.cos(b) * wb)
        ksr = ks.real
        if ksr > k * (1 + 1e-12):
            # [k, Re k_s]: kappa^2 = k^2 + D^2 sin^2 u
            D = np.sqrt(ksr ** 2 - k ** 2)
            u, wu = gl_segment(0.0, np.pi / 2, n)
            kap = np.sqrt(k ** 2 + D ** 2 * np.sin(u) ** 2)
            kz = 1j * D * np.sin(u)
            if ks.imag == 0:
                ksz = D * np.cos(u) + 0j
            else:
                ksz = ksz_from_kz(ks, k, kz)
            K.append(kap); KZ.append(kz); KSZ.append(ksz)
            WT.append(D ** 2 * np.sin(u) * np.cos(u) / kap * wu)
        if abs(ks.imag) > 0:
            # absorbing substrate: all kappa > Re k_s carry flux into the substrate
            kk, ww = polyline_rule([ksr, ksr + 0.5 * k0, ksr + 2 * k0],
                                   dens=max(20, n / 4), k0=k0, nmin=n // 2)
            kt, wt = tail_rule(ksr + 2 * k0, kmax_fac * k0, self.h, getattr(self, 'tail_fac', 1.0))
            kk, ww = np.concatenate([kk, kt]).real, np.concatenate([ww, wt]).real
            kz = 1j * np.sqrt(kk ** 2 - k ** 2)
            K.append(kk); KZ.append(kz); KSZ.append(ksz_from_kz(ks, k, kz)); WT.append(ww.real)
        return tuple(np.concatenate(v) for v in (K, KZ, KSZ, WT))

    def powers(self, L, nang=400, nsub=None, kmax_fac=None):
        k, ks, h, a = self.k, self.ks, self.h, self.a
        nsub = nsub or nang
        geo = np.pi * a * a
        norm = 1.0 / (k * self.kinc)            # C = norm * (...) for |E0| = 1
        # ---- absorption by the sphere, multipole-resolved
        nl_tab = np.zeros((2, L + 1))
        for m in self.res['b']:
            af = self.res['absfac'][m].reshape(2, -1)
            ats = self.res['at_s'][m].reshape(2, -1)
            ls = lrange(L, m)
            nl_tab[:, ls] += abs(ats) ** 2 * af          # = |a_tot|^2 (-Re t - |t|^2)
        Qabs_tab = norm * nl_tab / geo
        Qabs = Qabs_tab.sum()
        # ---- upward scattered power in host
        b_, wb = gl_segment(0.0, np.pi / 2, nang)
        kap = k * np.sin(b_)
        kz = k * np.cos(b_)
        F = self.Fup(L, kap, kz)
        Psca_up = sum(2 * np.pi * np.sum(wb * np.sin(b_) * np.sum(abs(Fm) ** 2, -1)) for Fm in F.values())
        Qsca_host = norm * Psca_up / geo
        # ---- downward flux at z = 0- of the scattered field
        kap, kz, ksz, wk = self.sub_rule(nsub, kmax_fac)
        tt, w = self.sub_weights(kap, kz, ksz)
        G = self.Gdown(L, kap, kz)
        Pdown = 0.0
        Pdown_allowed = 0.0   # part with kappa < k_host ("allowed" light)
        for Gm in G.values():
            integ = kap * np.sum(abs(tt * Gm) ** 2 * w, -1)
            Pdown += 2 * np.pi * np.sum(wk * integ)
            Pdown_allowed += 2 * np.pi * np.sum((wk * integ)[kap < k])
        Qdown = norm * Pdown / (k * geo)
        Qdown_allowed = norm * Pdown_allowed / (k * geo)
        # ---- optical theorem
        d = self.d
        kap0, al0, kz0, ksz0 = d['kappa'], d['alpha'], d['kz'], d['ksz']
        cu, cd = d['up_host'], d['down_sub']
        kap0a, kz0a = np.array([kap0]), np.array([kz0])
        Fu = self.Fup(L, kap0a, kz0a)
        Gd = self.Gdown(L, kap0a, kz0a)
        tt0, w0 = self.sub_weights(kap0a, kz0a, np.array([ksz0]))
        Fsum = sum(Fu[m][0] * np.exp(1j * m * al0) for m in Fu)
        Gsum = sum(Gd[m][0] * np.exp(1j * m * al0) for m in Gd)
        ext = -4 * np.pi * (np.sum(np.conj(cu) * Fsum * np.exp(-1j * kz0 * h)).real +
                            np.sum(w0[0] * (np.conj(cd) * tt0[0] * Gsum).real))
        Qext = norm * ext / geo
        out = dict(Qabs=Qabs, Qsca_host=Qsca_host, Qdown=Qdown, Qext=Qext,
                   Qdown_allowed=Qdown_allowed, Qdown_forbidden=Qdown - Qdown_allowed,
                   Qabs_tab=Qabs_tab,
                   balance=Qext - Qabs - Qsca_host - Qdown)
        return out


def qs_image_dipole(lam, n_h, n_s, m_p, radius, height):
    """quasi-static estimate (normal incidence): Clausius-Mossotti sphere at height h,
    image factor beta, exciting field = incident + reflected at centre."""
    k = 2 * np.pi / lam * n_h
    eh, es, ep = n_h ** 2, complex(n_s) ** 2, complex(m_p) ** 2
    chi = (ep - eh) / (ep + 2 * eh)
    beta = (es - eh) / (es + eh)
    r = (n_h - complex(n_s)) / (n_h + complex(n_s))
    E = np.exp(-1j * k * height) + r * np.exp(1j * k * height)
    denom = 1 - chi * beta * radius ** 3 / (8 * height ** 3)
    Q = 4 * k * radius * chi.imag * abs(E) ** 2 / abs(denom) ** 2
    Q0 = 4 * k * radius * chi.imag
    return Q, Q0, dict(chi=chi, beta=beta, r=r, Eexc=E, denom=denom)


if __name__ == '__main__':
    # quick run of all cases at the base settings used in results.md
    from run_cases import CASES, LSEQ
    for name, c in CASES.items():
        o = Problem(**c).solve(LSEQ[name][-1])
        print(f'{name:5s} Qabs={o["Qabs"]:.12g} Qsca_host={o["Qsca_host"]:.12g} '
              f'Qsca_sub={o["Qdown"]:.12g} (kappa<k: {o["Qdown_allowed"]:.12g}) '
              f'Qext={o["Qext"]:.12g} balance={o["balance"]:.1e}')
