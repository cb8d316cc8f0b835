#!/usr/bin/python3
"""Runs cases A-F with convergence studies; writes results.json and results_tables.md."""
import json
import time
import numpy as np
import tmatrix_substrate as ts

CASES = {
    'A':    dict(lam=980., n_h=1.0, n_s=1.4507, m_p=2.31719 + 0.0133512j, radius=265., height=265., theta_deg=0, pol='TM'),
    'B_TE': dict(lam=980., n_h=1.0, n_s=1.4507, m_p=2.31719 + 0.0133512j, radius=265., height=265., theta_deg=45, pol='TE'),
    'B_TM': dict(lam=980., n_h=1.0, n_s=1.4507, m_p=2.31719 + 0.0133512j, radius=265., height=265., theta_deg=45, pol='TM'),
    'C':    dict(lam=800., n_h=1.0, n_s=1.5, m_p=2.0, radius=150., height=200., theta_deg=30, pol='TM'),
    'D':    dict(lam=520., n_h=1.0, n_s=4.22 + 0.05j, m_p=2.3 + 0.1j, radius=100., height=100., theta_deg=0, pol='TM'),
    'E_TE': dict(lam=800., n_h=1.0, n_s=1.5, m_p=2.0, radius=150., height=200., theta_deg=20, pol='TE', side='sub'),
    'E_TM': dict(lam=800., n_h=1.0, n_s=1.5, m_p=2.0, radius=150., height=200., theta_deg=20, pol='TM', side='sub'),
    'F':    dict(lam=800., n_h=1.0, n_s=3.5, m_p=1.5 + 0.1j, radius=10., height=10., theta_deg=0, pol='TM'),
}
LSEQ = {'A': [20, 30, 40, 50, 60], 'B_TE': [20, 30, 40, 50, 60], 'B_TM': [20, 30, 40, 50, 60],
        'C': [10, 15, 20, 25, 30], 'D': [40, 60, 80, 100, 120],
        'E_TE': [10, 15, 20, 25, 30], 'E_TM': [10, 15, 20, 25, 30], 'F': [5, 10, 20, 30, 40]}
KEYS = ['Qabs', 'Qsca_host', 'Qdown', 'Qdown_allowed', 'Qdown_forbidden', 'Qext', 'balance']


def run(c, **kw):
    P = ts.Problem(**c)
    t0 = time.time()
    o = P.solve(**kw)
    o['time'] = time.time() - t0
    return o


def main():
    allres = {}
    for name, c in CASES.items():
        print(f'=== case {name}', flush=True)
        Ls = LSEQ[name]
        seq = {}
        for L in Ls:
            o = run(c, L=L)
            seq[L] = o
            print(f'  L={L:3d} ' + ' '.join(f'{k}={o[k]:.12g}' for k in KEYS) +
                  f'  kmax={o["kmax_fac"]:.1f}k0 nodes={o["nodes"]} t={o["time"]:.1f}s', flush=True)
        Lb = Ls[-1]
        base = seq[Lb]
        var = {}
        var['dens x2'] = run(c, L=Lb, dens=120, tail_fac=2.0)
        var['kmax x1.3'] = run(c, L=Lb, kmax_fac=1.3 * base['kmax_fac'])
        var['delta 0.05 k0'] = run(c, L=Lb, delta_fac=0.05)
        var['delta 0.05 k0, dens x4'] = run(c, L=Lb, delta_fac=0.05, dens=240)
        var['delta 0.6 k0'] = run(c, L=Lb, delta_fac=0.6)
        var['nang x2'] = run(c, L=Lb, nang=800)
        for vn, o in var.items():
            print(f'  {vn:14s} ' + ' '.join(f'd{k}={o[k] - base[k]:.1e}' for k in KEYS[:-1]), flush=True)
        # Mie limit (n_s = n_h) with the same sphere and incidence
        cm = dict(c)
        cm['n_s'] = c['n_h']
        if cm.get('side', 'host') == 'sub':
            cm['side'] = 'host'
        om = run(cm, L=min(Lb, 40))
        x = 2 * np.pi / c['lam'] * c['n_h'] * c['radius']
        qe, qs, qa = ts.mie_efficiencies(c['m_p'] / c['n_h'], x, min(Lb, 40))
        mie = dict(Qext=qe, Qsca=qs, Qabs=qa,
                   dQabs=om['Qabs'] - qa, dQext=om['Qext'] - qe,
                   dQsca=om['Qsca_host'] + om['Qdown'] - qs)
        print('  Mie limit: ' + ' '.join(f'{k}={v:.3e}' for k, v in mie.items()), flush=True)
        allres[name] = dict(case={k: (str(v) if isinstance(v, complex) else v) for k, v in c.items()},
                            seq={L: {k: seq[L][k] for k in KEYS + ['kmax_fac', 'nodes', 'time']} for L in Ls},
                            base={k: base[k] for k in KEYS + ['kmax_fac', 'nodes']},
                            Qabs_tab=base['Qabs_tab'].tolist(),
                            var={vn: {k: o[k] for k in KEYS} for vn, o in var.items()},
                            mie=mie)
    # --- extras
    extra = {}
    # A without substrate
    cA = CASES['A']
    xA = 2 * np.pi / cA['lam'] * cA['radius']
    qeA, qsA, qaA = ts.mie_efficiencies(cA['m_p'], xA, 40)
    extra['A_nosub'] = dict(Qabs=qaA, Qsca=qsA, Qext=qeA, ratio=allres['A']['base']['Qabs'] / qaA)
    # F: quasi-static image dipole vs T-matrix
    cF = CASES['F']
    Qqs, Q0qs, info = ts.qs_image_dipole(cF['lam'], cF['n_h'], cF['n_s'], cF['m_p'], cF['radius'], cF['height'])
    xF = 2 * np.pi / cF['lam'] * cF['radius']
    qeF, qsF, qaF = ts.mie_efficiencies(cF['m_p'], xF, 40)
    oF1 = run(cF, L=1)
    extra['F_qs'] = dict(Q_qs=Qqs, Q0_qs=Q0qs, ratio_qs=Qqs / Q0qs, Qabs_T=allres['F']['base']['Qabs'],
                         Qabs_T_L1=oF1['Qabs'], Qabs_mie=qaF, ratio_T=allres['F']['base']['Qabs'] / qaF,
                         ratio_T_L1=oF1['Qabs'] / ts.mie_efficiencies(cF['m_p'], xF, 1)[2],
                         chi=str(info['chi']), beta=str(info['beta']), r=str(info['r']),
                         Eexc2=abs(info['Eexc']) ** 2, denom=str(info['denom']))
    # sensitivity of the energy balance to a deliberate 0.1 % error in W^R (case C)
    oS = run(CASES['C'], L=20, Wscale=1.001)
    extra['sensitivity_C_Wscale1.001'] = {k: oS[k] for k in KEYS}
    oS = run(CASES['C'], L=20, Wscale=-1.0)
    extra['sensitivity_C_Wscale-1'] = {k: oS[k] for k in KEYS}
    print(json.dumps(extra, indent=1))
    allres['extra'] = extra
    with open('results.json', 'w') as f:
        json.dump(allres, f, indent=1, default=float)


if __name__ == '__main__':
    main()
