"""CG + ICC(0) (and other PETSc preconditioners) on a system written by `timed solver-export`, for comparison with
MieCool's own CG (`timed solver FILE`). Benchmark only, not a test dependency (Debian: apt-get install python3-petsc4py;
PETSC_DIR=/usr/lib/petscdir/petsc3.18/x86_64-linux-gnu-real when /usr/lib/petsc is missing).
Usage: python3 bench/petsc_cg.py FILE [--pc icc,gamg] [--order natural,rcm] [--tol 1e-10] [--reps 3]
Prints iterations, solve time and time per iteration (median of the repeats), and the true relative residual."""
import sys, time, argparse
import numpy as np
import petsc4py
petsc4py.init([])
from petsc4py import PETSc

ap = argparse.ArgumentParser()
ap.add_argument("file")
ap.add_argument("--pc", default="icc")
ap.add_argument("--order", default="natural,rcm")
ap.add_argument("--tol", type=float, default=1e-10)
ap.add_argument("--reps", type=int, default=3)
ap.add_argument("--kernels", action="store_true", help="fastest of 60 ICC(0) applications and products (natural order)")
a = ap.parse_args()

with open(a.file, "rb") as f:
    n, nnz = np.fromfile(f, np.int32, 2)
    rp = np.fromfile(f, np.int32, n + 1)
    ci = np.fromfile(f, np.int32, nnz)
    v = np.fromfile(f, np.float64, nnz)
    b = np.fromfile(f, np.float64, n)
A = PETSc.Mat().createAIJ(size=(n, n), csr=(rp, ci, v))
A.setOption(PETSc.Mat.Option.SYMMETRIC, True)
A.assemble()
bv = PETSc.Vec().createWithArray(b)
print(f"{a.file}: {n} unknowns, {nnz} nonzeros")
if a.kernels:
    ksp = PETSc.KSP().create(); ksp.setOperators(A); ksp.setType("cg"); ksp.getPC().setType("icc"); ksp.setUp()
    pc, z = ksp.getPC(), bv.duplicate()
    best, spmv = 1e9, 1e9
    for r in range(60):
        t0 = time.perf_counter(); pc.apply(bv, z); t1 = time.perf_counter(); A.mult(bv, z); t2 = time.perf_counter()
        best, spmv = min(best, t1 - t0), min(spmv, t2 - t1)
    print(f"petsc icc: apply {1e3 * best:.2f} ms, spmv {1e3 * spmv:.2f} ms (fastest of 60)")
    sys.exit(0)
for pc in a.pc.split(","):
    for order in (a.order.split(",") if pc == "icc" else ["natural"]):
        its, times, setups = [], [], []
        for r in range(a.reps):
            ksp = PETSc.KSP().create()
            ksp.setOperators(A)
            ksp.setType("cg")
            ksp.getPC().setType(pc)
            if pc == "icc":
                ksp.getPC().setFactorOrdering(order)
            # |r| <= tol |b| on the unpreconditioned residual, from x = 0: the stopping rule of MieCool's CG
            ksp.setNormType(PETSc.KSP.NormType.UNPRECONDITIONED)
            ksp.setTolerances(rtol=a.tol, atol=0, max_it=20000)
            ksp.setInitialGuessNonzero(False)
            x = bv.duplicate()
            t0 = time.perf_counter()
            ksp.setUp()
            t1 = time.perf_counter()
            ksp.solve(bv, x)
            t2 = time.perf_counter()
            its.append(ksp.getIterationNumber()); setups.append(t1 - t0); times.append(t2 - t1)
        rv = bv.duplicate(); A.mult(x, rv); rv.aypx(-1, bv)
        k = len(times) // 2
        t = sorted(times)[k]; s = sorted(setups)[k]
        print(f"petsc cg+{pc:5s} {order:8s} setup {1e3 * s:7.1f} ms {its[0]:5d} it  solve {1e3 * t:8.1f} ms "
              f"{1e3 * t / max(1, its[0]):6.2f} ms/it  true residual {rv.norm() / bv.norm():.2e} ({ksp.getConvergedReason()})")
