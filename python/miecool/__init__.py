"""MieCool's optics from Python: Lorenz-Mie efficiencies of spheres, the radiative rate of emitters inside a sphere, and
the laser-cooling model of one sphere, computed by MieCool's C# code (src/Optics) through its C ABI (libmiecool.so,
built by python/build.sh).

Conventions (MieCool's, src/Optics/RefractiveIndex.cs): SI units (metres); complex index m = n + ik with k >= 0 absorbing
and time factor exp(-i w t) (Bohren & Huffman 1983) -- miepython writes n - ik, so conjugate its m; size parameter
x = 2 pi n_env r / lambda0 = pi d n_env / lambda0 with lambda0 the vacuum wavelength, and the index relative to the host,
m / n_env, as miepython's efficiencies(m, d, lambda0, n_env) does.

    >>> import miecool
    >>> r = miecool.efficiencies(1.5 + 0.01j, 500e-9, [400e-9, 600e-9])
    >>> r.Qext, r.Qsca, r.Qabs, r.Qback, r.g          # numpy arrays, one value per wavelength

Bad input (a negative diameter, k < 0, shapes that do not broadcast) raises ValueError with a message naming it.
"""

import ctypes
from dataclasses import dataclass

import numpy as np

from . import _native

__all__ = ["efficiencies", "efficiencies_mx", "emitter", "cooling", "Efficiencies", "Emission", "Cooling"]
__version__ = "0.1.0"


@dataclass(frozen=True)
class Efficiencies:
    """Mie efficiencies (cross sections over pi r^2), numpy arrays of the broadcast shape of the inputs (0-d for numbers).

    Qext, Qsca, Qabs = Qext - Qsca, Qback (radar backscattering, B&H eq. 4.82), g = <cos theta>; x is the size parameter
    each was computed at."""
    Qext: np.ndarray
    Qsca: np.ndarray
    Qabs: np.ndarray
    Qback: np.ndarray
    g: np.ndarray
    x: np.ndarray


@dataclass(frozen=True)
class Emission:
    """Far-field radiative rate F (Purcell factor) of dipoles filling a sphere, relative to the dipole in the host.

    F_avg averages over orientation and volume, F_center is the centre value, F_avg_bulk = F_avg / Re m is relative to
    the bulk sphere material, F_avg_radial / F_avg_tangential are radial and tangential dipoles; electric[n-1] and
    magnetic[n-1] are order n's parts of F_avg (ED, MD, EQ, MQ, ...), which sum to F_avg."""
    F_avg: float
    F_center: float
    F_avg_bulk: float
    F_avg_radial: float
    F_avg_tangential: float
    electric: np.ndarray
    magnetic: np.ndarray


@dataclass(frozen=True)
class Cooling:
    """The laser-cooling model of one sphere (Sheik-Bahae & Epstein 2007), SI units named in the fields.

    eta_c = eta_ext eta_abs lambda_p / lambda_f - 1 (> 0 cools); P_heat_W = -eta_c P_abs_W (negative: the particle
    loses heat)."""
    Qabs: float
    Cabs_m2: float
    eta_abs: float
    F_bulk_avg: float
    eta_ext: float
    lambda_f_m: float
    eta_c: float
    P_abs_W: float
    P_heat_W: float


def _real(value, name):
    try:
        a = np.asarray(value)
        if np.iscomplexobj(a):
            raise ValueError(f"{name} must be real (got a complex value)")
        return np.asarray(a, dtype=np.float64)
    except (TypeError, ValueError) as e:
        if str(e).startswith(name):
            raise
        raise ValueError(f"{name} must be a number or an array of numbers (got {value!r})") from None


def _complex(value, name):
    try:
        return np.asarray(value, dtype=np.complex128)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a complex number or an array of them (got {value!r})") from None


def _number(value, name):
    a = _real(value, name)
    if a.ndim != 0:
        raise ValueError(f"{name} must be one number (got an array of shape {a.shape})")
    return float(a)


def _broadcast(named):
    """The arrays of (name, array) pairs broadcast to one shape, flattened C-contiguous, and that shape."""
    try:
        shape = np.broadcast_shapes(*(a.shape for _, a in named))
    except ValueError:
        shapes = ", ".join(f"{n} of shape {a.shape}" for n, a in named)
        raise ValueError(f"the shapes do not broadcast to one: {shapes}") from None
    size = int(np.prod(shape, dtype=np.int64))
    if size > np.iinfo(np.int32).max:
        raise ValueError(f"too many spheres at once: {size} (at most {np.iinfo(np.int32).max})")
    return [np.ascontiguousarray(np.broadcast_to(a, shape).ravel()) for _, a in named], shape, size


def _outputs(size):
    return [np.empty(size, dtype=np.float64) for _ in range(6)]


def _result(outs, shape):
    x, qext, qsca, qabs, qback, g = (o.reshape(shape) for o in outs)
    return Efficiencies(Qext=qext, Qsca=qsca, Qabs=qabs, Qback=qback, g=g, x=x)


def efficiencies(m, d, lambda0, n_env=1.0):
    """Mie efficiencies of homogeneous spheres, as miepython's efficiencies(m, d, lambda0, n_env) but with m = n + ik.

    m: complex index of the sphere (k >= 0 absorbs), a number or an array; d: diameter, m; lambda0: vacuum wavelength,
    m, a number or an array; n_env: real index of the host. m, d and lambda0 broadcast together (numpy rules); the
    series runs at x = pi d n_env / lambda0 with the relative index m / n_env. Returns an Efficiencies of that shape."""
    mm, dd, ll = _complex(m, "m"), _real(d, "d"), _real(lambda0, "lambda0")
    host = _number(n_env, "n_env")
    (mm, dd, ll), shape, size = _broadcast([("m", mm), ("d", dd), ("lambda0", ll)])
    re, im = np.ascontiguousarray(mm.real), np.ascontiguousarray(mm.imag)
    outs = _outputs(size)
    p = _native.pointer
    _native.check(_native.efficiencies(size, p(re), p(im), p(dd), p(ll), host, *(p(o) for o in outs)))
    return _result(outs, shape)


def efficiencies_mx(m, x):
    """Mie efficiencies by size parameter x = 2 pi n_env r / lambda0 and relative index m = n + ik (k >= 0), which
    broadcast together; as `miecool mie --x X --m M`. Returns an Efficiencies of the broadcast shape."""
    mm, xx = _complex(m, "m"), _real(x, "x")
    (mm, xx), shape, size = _broadcast([("m", mm), ("x", xx)])
    re, im = np.ascontiguousarray(mm.real), np.ascontiguousarray(mm.imag)
    outs = _outputs(size)
    outs[0] = xx.copy()
    p = _native.pointer
    _native.check(_native.sphere(size, p(xx), p(re), p(im), *(p(o) for o in outs[1:])))
    return _result(outs, shape)


def emitter(x, m, host_index=1.0):
    """Radiative rate of dipoles inside a sphere of size parameter x (in the host, at the emission wavelength) and
    relative index m = n + ik, as `miecool emitter --x X --m M --host-index N` (host_index enters F_avg_bulk only)."""
    xx, mm = _number(x, "x"), _complex(m, "m")
    if mm.ndim != 0:
        raise ValueError(f"m must be one complex number (got an array of shape {mm.shape})")
    mm = complex(mm)
    capacity = max(_native.term_count(xx), 1)
    electric, magnetic = np.zeros(capacity), np.zeros(capacity)
    f = [ctypes.c_double() for _ in range(5)]
    orders = ctypes.c_int()
    _native.check(_native.emitter(xx, mm.real, mm.imag, _number(host_index, "host_index"), *(ctypes.byref(v) for v in f),
                                  capacity, _native.pointer(electric), _native.pointer(magnetic), ctypes.byref(orders)))
    if orders.value > capacity:
        raise RuntimeError(f"miecool: the library reported {orders.value} orders for {capacity} places")
    n = orders.value
    return Emission(*(v.value for v in f), electric=electric[:n].copy(), magnetic=magnetic[:n].copy())


def cooling(material, diameter_m, pump_wavelength_m, intensity_w_per_m2, eta_int, emission_peak_m, emission_fwhm_m,
            host_index=1.0, background_absorption_per_m=0.0):
    """The laser-cooling model of one sphere in a homogeneous host at 300 K, as `miecool cooling` with a Gaussian
    emission line and the material's k as the sub-gap absorption.

    material: a complex index n + ik (k >= 0), or a spec string as `miecool cooling --material` takes it (a database
    path such as "other/perovskite/CH3NH3PbI3/nk/Phillips", a .yml page, "2.5+0.01i"). SI units: lengths in m, the
    intensity in W/m^2, the background absorption coefficient (which only heats) in 1/m. Returns a Cooling."""
    if isinstance(material, str):
        spec = material
    else:
        mm = _complex(material, "material")
        if mm.ndim != 0:
            raise ValueError(f"material must be one complex index or a spec string (got an array of shape {mm.shape})")
        mm = complex(mm)
        if mm.imag < 0:
            raise ValueError(f"material: k < 0 in {mm}: MieCool's convention is m = n + ik with k >= 0 absorbing "
                             "(exp(-i w t)); conjugate an n - ik index (miepython's)")
        spec = f"{mm.real!r}+{mm.imag!r}i"
    numbers = [_number(v, n) for v, n in [(diameter_m, "diameter_m"), (host_index, "host_index"),
                                          (pump_wavelength_m, "pump_wavelength_m"),
                                          (intensity_w_per_m2, "intensity_w_per_m2"), (eta_int, "eta_int"),
                                          (emission_peak_m, "emission_peak_m"), (emission_fwhm_m, "emission_fwhm_m"),
                                          (background_absorption_per_m, "background_absorption_per_m")]]
    out = [ctypes.c_double() for _ in range(9)]
    _native.check(_native.cooling(spec.encode("utf-8"), *numbers, *(ctypes.byref(v) for v in out)))
    return Cooling(*(v.value for v in out))
