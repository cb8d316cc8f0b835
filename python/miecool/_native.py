"""The C ABI of MieCool (src/Native/miecool.h) through ctypes: loading libmiecool.so, the signatures, and statuses turned
into exceptions (MIECOOL_BAD_INPUT -> ValueError, MIECOOL_FAILED -> RuntimeError, each with the library's message)."""

import ctypes
import os

ABI_VERSION = 1  # MIECOOL_ABI_VERSION of the miecool.h this module was written for
OK, FAILED, BAD_INPUT = 0, 1, 2

_here = os.path.dirname(os.path.abspath(__file__))
LIBRARY = os.path.join(_here, "libmiecool.so")

# The material pages (data/materials) of a source checkout, for miecool_cooling's database paths: the library finds them
# through MIECOOL_DATA, set before it starts (a user's own setting wins).
_checkout_data = os.path.normpath(os.path.join(_here, "..", "..", "data", "materials"))
if not os.environ.get("MIECOOL_DATA") and os.path.isdir(_checkout_data):
    os.environ["MIECOOL_DATA"] = _checkout_data

if not os.path.isfile(LIBRARY):
    raise ImportError(f"miecool: the native library {LIBRARY} is missing: build it with python/build.sh")
_lib = ctypes.CDLL(LIBRARY)

_int, _double = ctypes.c_int, ctypes.c_double
_pd, _pi = ctypes.POINTER(ctypes.c_double), ctypes.POINTER(ctypes.c_int)


def _declare(name, *argtypes):
    f = getattr(_lib, name)
    f.argtypes, f.restype = list(argtypes), _int
    return f


abi_version = _declare("miecool_abi_version")
last_error = _declare("miecool_last_error", ctypes.c_char_p, _int)
sphere = _declare("miecool_sphere", _int, _pd, _pd, _pd, _pd, _pd, _pd, _pd, _pd)
efficiencies = _declare("miecool_efficiencies", _int, _pd, _pd, _pd, _pd, _double, _pd, _pd, _pd, _pd, _pd, _pd)
term_count = _declare("miecool_term_count", _double)
emitter = _declare("miecool_emitter", _double, _double, _double, _double, _pd, _pd, _pd, _pd, _pd, _int, _pd, _pd, _pi)
cooling = _declare("miecool_cooling", ctypes.c_char_p, *([_double] * 8), *([_pd] * 9))

if abi_version() != ABI_VERSION:
    raise ImportError(f"miecool: {LIBRARY} has ABI version {abi_version()}, this package needs {ABI_VERSION}: "
                      "rebuild it with python/build.sh")


def message():
    """This thread's last error message of the library."""
    n = last_error(None, 0)
    buffer = ctypes.create_string_buffer(n + 1)
    last_error(buffer, n + 1)
    return buffer.value.decode("utf-8", "replace")


def check(status):
    """Raises for a non-zero status: ValueError for bad input, RuntimeError for a failed computation."""
    if status == OK:
        return
    if status == BAD_INPUT:
        raise ValueError(message())
    raise RuntimeError(message() or f"miecool: status {status}")


def pointer(array):
    """The data pointer of a C-contiguous float64 array."""
    return array.ctypes.data_as(_pd)
