#!/usr/bin/env python3
# The sensitivity and intensity tables of docs/reproduction-tonkaev2019.md: one `miecool run --coarse --json` per row,
# each a copy of cases/tonkaev2019_mapbi3_d530.toml with one line changed. Usage: scripts/sensitivity-tonkaev2019.py [OUTDIR]
import subprocess, json, sys, os, tempfile
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
out = sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp(prefix='miecool-sensitivity-')
os.makedirs(out, exist_ok=True)
base = open(os.path.join(root, 'cases', 'tonkaev2019_mapbi3_d530.toml')).read()
def run(name, edits, coarse=True):
    t = base
    for o, n in edits:
        assert o in t, (name, o)
        t = t.replace(o, n)
    p = os.path.join(out, f'{name}.toml'); open(p, 'w').write(t)
    args = [os.path.join(root, 'miecool'), 'run', p, '--out', os.path.join(out, f'out_{name}'), '--json', '--quiet'] + (['--coarse'] if coarse else [])
    r = subprocess.run(args, capture_output=True, text=True)
    if r.returncode != 0:
        print(f"{name}: exit {r.returncode}: {r.stderr.strip()[:300]}"); return
    d = json.loads(r.stdout)
    sc = d['self_consistent']
    T = d['T_particle_mean_K']
    print(f"{name}: T={T if T is None else round(T,2)} dT={d['dT_particle_mean_K']:.2f} eta_c={d['eta_c']:.4f} Qabs={d['Qabs']:.4g} P_abs={d['P_abs_W']:.3g} lin={d['linear_dT_particle_mean_K']:.1f} evals={sc['iterations']} conv={sc['converged']} p_e={d.get('p_e')} p_r_b={d.get('p_r_background')}")
I = 'intensity = "7e6 W/cm^2"'
cases = [
 ('baseline', []),
 ('linear', [('model = "self-consistent"', 'model = "linear"')]),
 ('gamma0', [('band_edge_shift = "0.30 meV/K"', 'band_edge_shift = "0 meV/K"')]),
 ('beta0', [('peak_shift = "0.35 meV/K"', 'peak_shift = "0 meV/K"')]),
 ('EUconst', [('urbach_static = "3.8 meV"', 'urbach_static = "15 meV"')]),
 ('urbach', [('model = "tabulated"\ndata_temperature = "293.15 K"', 'model = "urbach"\nalpha0 = "1.5e4 /cm"')]),
 ('reciprocity_urbach', [('model = "tabulated"\ndata_temperature = "293.15 K"', 'model = "urbach"\nalpha0 = "1.5e4 /cm"'), ('distribution = "uniform"', 'distribution = "uniform"\nline_shape = "reciprocity"')]),
 ('etaint0.95', [('internal_quantum_efficiency = 0.99', 'internal_quantum_efficiency = 0.95')]),
 ('alphab10', [('background_absorption_per_cm = 0', 'background_absorption_per_cm = 10')]),
 ('kapitza1e8', [('[thermal]\n', '[thermal]\ninterface_conductance = "1e8 W/(m^2 K)"\n')]),
 ('kapitza1e7', [('[thermal]\n', '[thermal]\ninterface_conductance = "1e7 W/(m^2 K)"\n')]),
 ('substrate_none', [('host_index = 1.0', 'host_index = 1.0\nsubstrate = "none"')]),
 ('kexp', [('[thermal.solver]', '[thermal.conductivity_exponent]\nparticle = -0.5\nsubstrate = 0.3\n\n[thermal.solver]')]),
]
for I2 in ['1e5', '1e6', '3e6', '1.4e7', '3e7']:
    cases.append((f'I{I2}', [(I, f'intensity = "{I2} W/cm^2"')]))
for n, e in cases: run(n, e)
