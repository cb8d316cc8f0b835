/* miecool.h: the C ABI of MieCool.Optics (src/Native, compiled by NativeAOT into libmiecool.so by python/build.sh).
 *
 * Conventions (MieCool's, stated once in src/Optics/RefractiveIndex.cs): SI units; complex index m = n + ik with k >= 0
 * absorbing, time factor exp(-i w t) (Bohren & Huffman 1983; miepython and MIEV0 use n - ik: conjugate their m);
 * size parameter x = 2 pi n_env r / lambda0 = pi d n_env / lambda0 with lambda0 the vacuum wavelength, and the index in
 * the Mie series relative to the host, m / n_env. Efficiencies are cross sections over pi r^2.
 *
 * Every function returns a status: MIECOOL_OK, MIECOOL_BAD_INPUT (the message names the argument, its value and what is
 * valid) or MIECOOL_FAILED; after a non-zero status miecool_last_error gives the message (per thread) and the outputs
 * are not to be used. No exception or signal crosses this boundary. Output pointers may be NULL (not written); input
 * arrays may not. Arrays are of `count` doubles. The functions are thread-safe. */
#ifndef MIECOOL_H
#define MIECOOL_H

#ifdef __cplusplus
extern "C" {
#endif

#define MIECOOL_ABI_VERSION 1
#define MIECOOL_OK 0
#define MIECOOL_FAILED 1
#define MIECOOL_BAD_INPUT 2

/* MIECOOL_ABI_VERSION of the loaded library. */
int miecool_abi_version(void);

/* Copies this thread's last error message (UTF-8, NUL-terminated, cut to capacity bytes) into buffer; returns its full
 * length in bytes, 0 after a success. buffer may be NULL to ask for the length. */
int miecool_last_error(char *buffer, int capacity);

/* Homogeneous spheres by size parameter: sphere i has x[i] in (0, 1e5] and relative index m_re[i] + i m_im[i]
 * (m_re > 0, m_im >= 0). Writes Qext, Qsca, Qabs = Qext - Qsca, Qback (B&H eq. 4.82) and g = <cos theta>. */
int miecool_sphere(int count, const double *x, const double *m_re, const double *m_im,
                   double *qext, double *qsca, double *qabs, double *qback, double *g);

/* Homogeneous spheres of diameter d_m[i] (m) and index m_re[i] + i m_im[i] in a host of real index n_env > 0 at the
 * vacuum wavelength lambda0_m[i] (m), as miepython's efficiencies(m, d, lambda0, n_env) with m conjugated:
 * x = pi d n_env / lambda0, m_rel = m / n_env. Writes x and the efficiencies as miecool_sphere. */
int miecool_efficiencies(int count, const double *m_re, const double *m_im, const double *d_m, const double *lambda0_m,
                         double n_env, double *x, double *qext, double *qsca, double *qabs, double *qback, double *g);

/* Mie orders (Wiscombe's x + 4 x^(1/3) + 2) at size parameter x, the length miecool_emitter's per-order arrays need;
 * 0 for x outside (0, 1e5]. */
int miecool_term_count(double x);

/* Dipoles filling a sphere of size parameter x in (0, 1e4] (in the host, at the emission wavelength) and relative index
 * m_re + i m_im, in a host of real index host_index (for the bulk normalisation only): the far-field radiative rate F
 * (Purcell factor, Chew 1987/1988) relative to the dipole in the host, averaged over orientation and volume (f_avg), at
 * the centre (f_center), relative to the bulk sphere material (f_avg_bulk = f_avg / Re m), for radial and tangential
 * dipoles. Per order n = 1..*orders the electric and magnetic parts of f_avg go to electric[n-1], magnetic[n-1] (at
 * most capacity of each; they sum to f_avg); *orders is miecool_term_count(x). As `miecool emitter --json`. */
int miecool_emitter(double x, double m_re, double m_im, double host_index,
                    double *f_avg, double *f_center, double *f_avg_bulk, double *f_avg_radial, double *f_avg_tangential,
                    int capacity, double *electric, double *magnetic, int *orders);

/* The laser-cooling model of one sphere in a homogeneous host (Sheik-Bahae & Epstein 2007), as `miecool cooling`:
 * material is a UTF-8 spec ("2.5+0.01i", a refractiveindex.info .yml page, or a database path such as
 * "other/perovskite/CH3NH3PbI3/nk/Phillips", found through MIECOOL_DATA or a data/materials folder above the program),
 * whose k is the sub-gap absorption; a Gaussian emission line (peak, FWHM in m); particle at 300 K. Lengths in m,
 * intensity in W/m^2, alpha_b (background absorption that only heats) in 1/m. Writes Qabs and Cabs (m^2) at the pump,
 * eta_abs, F_bulk averaged over the emission, eta_ext, lambda_f (m), eta_c = eta_ext eta_abs lambda_p / lambda_f - 1,
 * P_abs = Cabs I (W) and P_heat = -eta_c P_abs (W, negative cools). */
int miecool_cooling(const char *material, double diameter_m, double host_index, double pump_wavelength_m,
                    double intensity_w_per_m2, double eta_int, double emission_peak_m, double emission_fwhm_m,
                    double background_absorption_per_m,
                    double *qabs, double *cabs_m2, double *eta_abs, double *f_bulk_avg, double *eta_ext, double *lambda_f_m,
                    double *eta_c, double *p_abs_w, double *p_heat_w);

#ifdef __cplusplus
}
#endif

#endif /* MIECOOL_H */
