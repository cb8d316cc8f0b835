"""Tests of the Python package miecool over the C ABI (libmiecool.so): its numbers against the command line's
(`./miecool mie|emitter|cooling ... --json`, the same C# code run by the .NET runtime), against literature rows of
tests/refdata (Bohren & Huffman's BHMIE example, Wiscombe's MIEV0 cases), against identities, and its errors.

Run by test.sh after python/build.sh:  PYTHONPATH=python /usr/bin/python3 python/tests/test_miecool.py
(prints one closing line "python: N passed, N failed, N skipped"; exits 1 on any failure)."""

import csv
import ctypes
import json
import os
import subprocess
import sys
import tempfile
import unittest

import numpy as np

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "python"))
import miecool  # noqa: E402
from miecool import _native  # noqa: E402


def cli(*args):
    """The JSON that `./miecool ARGS --json` prints."""
    run = subprocess.run([os.path.join(ROOT, "miecool"), *args, "--json"], capture_output=True, text=True, check=False)
    if run.returncode != 0:
        raise AssertionError(f"./miecool {' '.join(args)} exited {run.returncode}: {run.stderr}")
    return json.loads(run.stdout)


def index(m):
    """m = n + ik as the command line writes it."""
    return f"{m.real!r}+{m.imag!r}i"


def refdata(name):
    with open(os.path.join(ROOT, "tests", "refdata", "mie", name), newline="") as f:
        rows = list(csv.DictReader(f))
    if not rows:
        raise AssertionError(f"tests/refdata/mie/{name} has no rows")
    return rows


class AgainstTheCommandLine(unittest.TestCase):
    def test_efficiencies_mx_is_miecool_mie(self):
        x = [0.1, 0.5, 3.0, 25.0, 1e3, 1e4]
        for m in [2.6 + 0.01j, 1.33 + 0j, 10 + 10j, 0.75 + 0j]:
            got = miecool.efficiencies_mx(m, x)
            want = cli("mie", "--x", ",".join(repr(v) for v in x), "--m", index(m))
            for key in ["Qext", "Qsca", "Qabs", "Qback", "g"]:
                np.testing.assert_allclose(getattr(got, key), [o[key] for o in want], rtol=1e-12, atol=1e-15,
                                           err_msg=f"{key} at m = {m}")
            np.testing.assert_array_equal(got.x, [o["x"] for o in want])

    def test_efficiencies_in_a_host_are_miecool_mie_at_x_and_the_relative_index(self):
        # miepython's convention: x = pi d n_env / lambda0 and m / n_env (computed here, not by the library)
        m, d, n_env = 2.3 + 0.013j, 530e-9, 1.33
        lambda0 = np.array([500e-9, 775e-9, 980e-9])
        got = miecool.efficiencies(m, d, lambda0, n_env=n_env)
        x = np.pi * d * n_env / lambda0
        want = cli("mie", "--x", ",".join(repr(float(v)) for v in x), "--m", index(m / n_env))
        np.testing.assert_allclose(got.x, x, rtol=1e-15)
        for key in ["Qext", "Qsca", "Qabs", "Qback", "g"]:
            np.testing.assert_allclose(getattr(got, key), [o[key] for o in want], rtol=1e-12, err_msg=key)

    def test_emitter_is_miecool_emitter(self):
        for x, m, host in [(3.0, 2.6 + 0.0001j, 1.5), (0.4, 1.8 + 0.05j, 1.0), (12.0, 2.3 + 0.013j, 1.33)]:
            got = miecool.emitter(x, m, host_index=host)
            want = cli("emitter", "--x", repr(x), "--m", index(m), "--host-index", repr(host))
            for key in ["F_avg", "F_center", "F_avg_bulk", "F_avg_radial", "F_avg_tangential"]:
                self.assertAlmostEqual(getattr(got, key) / want[key], 1, delta=1e-12, msg=f"{key} at x = {x}")
            for kind, parts in [("electric", got.electric), ("magnetic", got.magnetic)]:
                orders = sorted((o["n"], o["F"]) for o in want["orders"] if o["type"] == kind)
                self.assertEqual(len(parts), len(orders))
                np.testing.assert_allclose(parts, [f for _, f in orders], rtol=1e-12, atol=1e-300, err_msg=kind)
            # the orders' parts add up to the average (DipoleInSphere)
            self.assertAlmostEqual((got.electric.sum() + got.magnetic.sum()) / got.F_avg, 1, delta=1e-12)

    def cooling_pair(self, material, spec, host=1.0, background_per_cm=0.0):
        got = miecool.cooling(material, 530e-9, 980e-9, 7e10, 0.99, 775e-9, 40e-9, host_index=host,
                              background_absorption_per_m=background_per_cm * 100)
        want = cli("cooling", "--material", spec, "--diameter", "530nm", "--pump", "980nm", "--intensity", "7e6W/cm2",
                   "--eta-int", "0.99", "--emission", "gaussian:775nm:40nm", "--host", repr(host),
                   "--background-absorption", f"{background_per_cm!r}/cm")
        pairs = [("Qabs", "Qabs", 1), ("Cabs_m2", "Cabs_nm2", 1e-18), ("eta_abs", "eta_abs", 1),
                 ("F_bulk_avg", "F_bulk_avg", 1), ("eta_ext", "eta_ext", 1), ("lambda_f_m", "lambda_f_nm", 1e-9),
                 ("eta_c", "eta_c", 1), ("P_abs_W", "P_abs_W", 1), ("P_heat_W", "P_heat_W", 1)]
        for ours, theirs, scale in pairs:
            self.assertAlmostEqual(getattr(got, ours) / (want[theirs] * scale), 1, delta=1e-9, msg=ours)
        return got

    def test_cooling_of_a_constant_index_in_a_host_is_miecool_cooling(self):
        got = self.cooling_pair(2.3 + 0.013j, "2.3+0.013i", host=1.33, background_per_cm=10.0)
        self.assertLess(got.eta_abs, 1)  # the background absorption only heats

    def test_cooling_of_the_readme_case_is_miecool_cooling(self):
        # README's worked example: MAPbI3 (Phillips 2015 page) 530 nm in air at 980 nm, eta_c 0.22652, P_heat -6.497e-4 W
        got = self.cooling_pair("other/perovskite/CH3NH3PbI3/nk/Phillips", "other/perovskite/CH3NH3PbI3/nk/Phillips")
        self.assertAlmostEqual(got.eta_c, 0.22652, delta=5e-6)
        self.assertAlmostEqual(got.P_heat_W, -6.497e-4, delta=5e-8)


class AgainstTheLiterature(unittest.TestCase):
    def test_bohren_huffman_bhmie_example_by_diameter_and_wavelength(self):
        # B&H (1983) appendix A: m = 1.55, r = 0.525 um, lambda = 0.6328 um in vacuum
        rows = [r for r in refdata("bohren_huffman_bhmie.csv") if r["case"] == "BHMIE m=1.55 r=0.525um lambda=0.6328um"
                and r["quantity"] in ("Qext", "Qsca", "Qback", "g")]
        self.assertEqual(len(rows), 4)
        got = miecool.efficiencies(1.55, 2 * 0.525e-6, 0.6328e-6)
        self.assertAlmostEqual(float(got.x), float(rows[0]["x"]), delta=1e-12)
        for r in rows:
            self.assertAlmostEqual(float(getattr(got, r["quantity"])), float(r["value"]), delta=float(r["tolerance"]),
                                   msg=f"{r['quantity']} ({r['source']})")

    def test_wiscombe_miev0_efficiencies_in_one_call(self):
        rows = [r for r in refdata("wiscombe_miev0.csv") if r["quantity"] in ("Qext", "Qsca", "g")
                and float(r["m_real"]) > 0]   # m_real 0 marks MIEV0's perfect conductor, not an index
        self.assertGreater(len(rows), 40)
        # MIEV0 writes m = n - ik: its k is our Im m (the efficiencies do not depend on the sign convention otherwise)
        m = np.array([complex(float(r["m_real"]), float(r["m_imag"])) for r in rows])
        got = miecool.efficiencies_mx(m, np.array([float(r["x"]) for r in rows]))
        for i, r in enumerate(rows):
            self.assertAlmostEqual(getattr(got, r["quantity"])[i], float(r["value"]), delta=float(r["tolerance"]),
                                   msg=f"{r['case']} x = {r['x']} m = {m[i]}: {r['quantity']}")


class Identities(unittest.TestCase):
    def test_broadcast_shapes_and_energy_balance(self):
        m = np.array([[1.5 + 0.1j], [2.6 + 0.01j]])          # (2, 1)
        lambda0 = np.array([400e-9, 600e-9, 800e-9])         # (3,)
        r = miecool.efficiencies(m, 300e-9, lambda0)
        for key in ["Qext", "Qsca", "Qabs", "Qback", "g", "x"]:
            self.assertEqual(getattr(r, key).shape, (2, 3), key)
        np.testing.assert_allclose(r.Qext, r.Qsca + r.Qabs, rtol=1e-14)
        self.assertTrue(np.all(r.Qabs > 0))
        one = miecool.efficiencies(2.6 + 0.01j, 300e-9, 600e-9)
        self.assertEqual(one.Qext.shape, ())
        self.assertEqual(float(one.Qext), r.Qext[1, 1])

    def test_real_index_absorbs_nothing(self):
        r = miecool.efficiencies(1.5, 1e-6, np.linspace(300e-9, 1500e-9, 50))
        self.assertLess(np.max(np.abs(r.Qabs)), 1e-12)

    def test_rayleigh_limit(self):
        # B&H eq. 5.8: Qsca = 8/3 x^4 |(m^2 - 1)/(m^2 + 2)|^2 for x << 1
        m, x = 1.5 + 0.0j, 1e-3
        r = miecool.efficiencies_mx(m, x)
        rayleigh = 8 / 3 * x**4 * abs((m * m - 1) / (m * m + 2)) ** 2
        self.assertAlmostEqual(float(r.Qsca) / rayleigh, 1, delta=1e-5)

    def test_host_scales_as_miepython_does(self):
        # in a host n_env the sphere sees lambda0 / n_env and m / n_env: the same as vacuum with those
        a = miecool.efficiencies(2.0 + 0.1j, 400e-9, 700e-9, n_env=1.33)
        b = miecool.efficiencies((2.0 + 0.1j) / 1.33, 400e-9, 700e-9 / 1.33, n_env=1.0)
        for key in ["Qext", "Qsca", "Qback", "g"]:
            self.assertAlmostEqual(float(getattr(a, key)), float(getattr(b, key)), delta=1e-12, msg=key)

    def test_empty_input_gives_empty_arrays(self):
        r = miecool.efficiencies(1.5, 1e-7, np.array([]))
        self.assertEqual(r.Qext.shape, (0,))


class BadInput(unittest.TestCase):
    def raises(self, call, *words):
        with self.assertRaises(ValueError) as e:
            call()
        for w in words:
            self.assertIn(w, str(e.exception))
        return str(e.exception)

    def test_negative_diameter(self):
        self.raises(lambda: miecool.efficiencies(1.5, -1e-7, 500e-9), "d:", "> 0")

    def test_negative_k_names_the_convention(self):
        self.raises(lambda: miecool.efficiencies(1.5 - 0.01j, 1e-7, 500e-9), "m:", "k < 0", "n + ik")
        self.raises(lambda: miecool.efficiencies_mx([1.5, 1.5 - 0.01j], [1.0, 2.0]), "m[1]", "k < 0")
        self.raises(lambda: miecool.cooling(2.3 - 0.01j, 530e-9, 980e-9, 7e10, 0.99, 775e-9, 40e-9), "material", "k < 0")

    def test_shapes_that_do_not_broadcast(self):
        self.raises(lambda: miecool.efficiencies([1.5, 1.6, 1.7], 1e-7, [400e-9, 500e-9]),
                    "do not broadcast", "m of shape (3,)", "lambda0 of shape (2,)")

    def test_the_bad_element_of_an_array_is_named(self):
        self.raises(lambda: miecool.efficiencies(1.5, 1e-7, [400e-9, np.nan, 500e-9]), "lambda0[1]")
        self.raises(lambda: miecool.efficiencies_mx(1.5, [1.0, 2e5]), "x[1]", "<= 100000", "200000")

    def test_not_numbers(self):
        self.raises(lambda: miecool.efficiencies("glass", 1e-7, 500e-9), "m must be a complex number")
        self.raises(lambda: miecool.efficiencies(1.5, 1e-7, 500e-9, n_env=[1.0, 1.33]), "n_env must be one number")
        self.raises(lambda: miecool.efficiencies(1.5, 1e-7, 500e-9, n_env=1.33 + 0.1j), "n_env must be real")
        self.raises(lambda: miecool.emitter([1.0, 2.0], 1.5), "x must be one number")

    def test_emitter_and_cooling_ranges(self):
        self.raises(lambda: miecool.emitter(2e4, 1.5), "x:", "<= 10000", "20000")
        self.raises(lambda: miecool.emitter(1.0, 1.5, host_index=0), "host_index")
        self.raises(lambda: miecool.cooling(2.3 + 0.01j, 530e-9, 980e-9, 7e10, 1.5, 775e-9, 40e-9),
                    "internal_quantum_efficiency", "[0, 1]")
        self.raises(lambda: miecool.cooling("no/such/page", 530e-9, 980e-9, 7e10, 0.9, 775e-9, 40e-9), "unknown material")
        self.raises(lambda: miecool.cooling("other/perovskite/CH3NH3PbI3/nk/Phillips", 530e-9, 5e-6, 7e10, 0.9, 775e-9,
                                            40e-9), "pump_wavelength", "outside the data")

    def test_null_pointers_are_a_status_not_a_crash(self):
        out = np.empty(1)
        status = _native.sphere(1, None, None, None, _native.pointer(out), None, None, None, None)
        self.assertEqual(status, _native.BAD_INPUT)
        self.assertIn("x: is NULL", _native.message())
        self.assertEqual(_native.sphere(-1, None, None, None, None, None, None, None, None), _native.BAD_INPUT)
        self.assertIn("count", _native.message())
        # a success clears the message
        x, m = np.array([1.0]), np.array([1.5])
        zero = np.array([0.0])
        self.assertEqual(_native.sphere(1, _native.pointer(x), _native.pointer(m), _native.pointer(zero), *([None] * 5)), 0)
        self.assertEqual(_native.last_error(None, 0), 0)

    def test_a_message_cut_to_a_small_buffer_stays_terminated(self):
        self.assertEqual(_native.sphere(-1, *([None] * 8)), _native.BAD_INPUT)
        full = _native.last_error(None, 0)
        buffer = ctypes.create_string_buffer(b"\xff" * 8)
        self.assertEqual(_native.last_error(buffer, 8), full)
        self.assertEqual(buffer.raw[7], 0)
        self.assertEqual(len(buffer.value), 7)


class TheReadme(unittest.TestCase):
    def test_the_example_prints_what_it_says(self):
        # python/README.md's python block runs and prints the numbers its comments show
        with open(os.path.join(ROOT, "python", "README.md")) as f:
            text = f.read()
        block = text.split("```python\n", 1)[1].split("```", 1)[0]
        run = subprocess.run([sys.executable, "-c", block], capture_output=True, text=True, check=False,
                             env={**os.environ, "PYTHONPATH": os.path.join(ROOT, "python")})
        self.assertEqual(run.returncode, 0, run.stderr)
        printed = run.stdout.splitlines()
        shown = [line.split("# ", 1)[1].split(" (", 1)[0] for line in block.splitlines() if line.startswith("print(")]
        self.assertEqual(len(shown), 3)
        self.assertEqual(printed, shown)


class TheCHeader(unittest.TestCase):
    def test_a_c_program_links_against_miecool_h(self):
        # miecool.h declares what the library exports: gcc compiles and links a caller, whose numbers are the CLI's
        program = r"""
            #include <stdio.h>
            #include "miecool.h"
            int main(void) {
                double x = 3.0, re = 2.6, im = 0.01, qext, qsca, qabs, qback, g, neg = -1.0;
                char message[512];
                if (miecool_abi_version() != MIECOOL_ABI_VERSION) return 3;
                if (miecool_sphere(1, &x, &re, &im, &qext, &qsca, &qabs, &qback, &g) != MIECOOL_OK) return 4;
                printf("%.17g %.17g %.17g %.17g %.17g\n", qext, qsca, qabs, qback, g);
                if (miecool_sphere(1, &neg, &re, &im, &qext, 0, 0, 0, 0) != MIECOOL_BAD_INPUT) return 5;
                miecool_last_error(message, sizeof message);
                printf("%s\n", message);
                return 0;
            }
            """
        with tempfile.TemporaryDirectory() as tmp:
            source, exe = os.path.join(tmp, "caller.c"), os.path.join(tmp, "caller")
            with open(source, "w") as f:
                f.write(program)
            libdir = os.path.dirname(_native.LIBRARY)
            subprocess.run(["gcc", "-std=c99", "-Wall", "-Werror", "-I", os.path.join(ROOT, "src", "Native"), source,
                            "-o", exe, os.path.join(libdir, "libmiecool.so"), f"-Wl,-rpath,{libdir}"], check=True)
            run = subprocess.run([exe], capture_output=True, text=True, check=True)
        numbers, message = run.stdout.splitlines()
        want = cli("mie", "--x", "3", "--m", "2.6+0.01i")[0]
        np.testing.assert_allclose([float(v) for v in numbers.split()],
                                   [want[k] for k in ["Qext", "Qsca", "Qabs", "Qback", "g"]], rtol=1e-12)
        self.assertIn("x: must be finite, > 0", message)


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=1).result
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    skipped = len(result.skipped)
    print(f"python: {result.testsRun - failed - skipped} passed, {failed} failed, {skipped} skipped")
    sys.exit(0 if result.wasSuccessful() and result.testsRun > 0 else 1)
