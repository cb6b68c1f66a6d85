"""Simulator check (see nbs/12e_simcheck): Spearman of the deconfounded score with the true relevance, and of S(u) with s_u.

    python scripts/simcheck.py --seeds 0-4 --out results/simulator                      # today's simulator: simcheck.csv
    python scripts/simcheck.py --world matched --strength 2 --conformity 2 --seeds 0-4 --out results/simulator
                                                                                        # the matched world: matched.csv
    python scripts/simcheck.py --world reference --strength 2 --conformity 2 --seeds 0-4 --out results/simulator
                                                                                        # references for S(u), no training: reference.csv

The matched world (`click_popularity='log'`) clicks with logit τ p_u·q_i + c s_u log z_i + b after exposure ∝ z_i^(κ s_u):
a per-user exponent on popularity that the log-linear form f + S(u) log P can represent. Its configurations: the
backbone, PD, and the log-linear form with one exponent, a free per-user exponent, and one anchored on the model-free
statistic, and one anchored on it and on the click count (`anchored-count`, also with its residual shrunk harder:
`anchored-count-reg0.1`, `-reg10`). Today's simulator runs its original configurations and the log-linear ones. Rows are appended to the CSV seed by seed
(a configuration already in the file for that world and seed is not run again; `--configs` picks some).
"""
import argparse, time, warnings
from pathlib import Path
import pandas as pd
from causalrec.simcheck import (simulator_check, simulated, CONFIGS, simcheck_table, item_choice_posterior, click_count,
                                truth_fitted_anchor, interval_popularity, _spearman)
from causalrec.suites import parse_seeds

LOGLINEAR = {'form': 'loglinear'}
MATCHED = {'lightgcn': dict(model='lightgcn'), 'pd': dict(model='pd'),
           'loglinear': dict(model='causalrec', model_args=LOGLINEAR),
           'anchored': dict(model='causalrec', model_args={**LOGLINEAR, 'susceptibility': 'anchored'}),
           'user': dict(model='causalrec', model_args={**LOGLINEAR, 'susceptibility': 'user'}),
           'anchored-count': dict(model='causalrec', model_args={**LOGLINEAR, 'susceptibility': 'anchored-count'})}
MATCHED.update({f'anchored-count-reg{r:g}': dict(model='causalrec', model_args={**LOGLINEAR, 'susceptibility': 'anchored-count', 's_reg': r})
                for r in (0.1, 10.0)})   # the residual δ_u shrunk harder (the default s_reg is 1e-3)
TODAY = {**CONFIGS, **{k: MATCHED[k] for k in ('loglinear', 'anchored', 'anchored-count', 'anchored-count-reg0.1', 'anchored-count-reg10')}}   # today's simulator: the original configurations and the log-linear forms

p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
p.add_argument('--seeds', default='0-4', help='simulated worlds (and training seeds), e.g. 0-4 or 0,2')
p.add_argument('--out', default='results/simulator', help='folder for simcheck.csv / matched.csv')
p.add_argument('--world', choices=('today', 'matched', 'reference'), default='today',
               help="today's simulator, the matched world, or references for S(u) on the matched world (no training)")
p.add_argument('--configs', default='', help=f"configurations to run, comma-separated (default: all of the world's; today's: {','.join(TODAY)}; matched: {','.join(MATCHED)})")
p.add_argument('--strength', type=float, help='κ of the matched world (default 2)'); p.add_argument('--conformity', type=float, help='c of the matched world (default 2)')
a = p.parse_args()
if a.world == 'today' and (a.strength is not None or a.conformity is not None): p.error("--strength and --conformity set the matched world's κ and c; today's simulator has its own")
a.strength, a.conformity = (2.0 if v is None else v for v in (a.strength, a.conformity))
seeds, t, out = parse_seeds(a.seeds), time.time(), Path(a.out)
out.mkdir(parents=True, exist_ok=True)
if a.world == 'reference':
    rows = []
    for s in seeds:
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            data, truth, prep, s_true = simulated(s, dict(strength=a.strength, conformity=a.conformity, click_popularity='log'))
        rows.append(dict(seed=s, strength=a.strength, conformity=a.conformity,
                         spearman_baseline_s=_spearman(interval_popularity(prep), s_true),
                         spearman_count_s=_spearman(click_count(prep), s_true),
                         spearman_item_choice_s=_spearman(item_choice_posterior(prep, truth, data), s_true),
                         spearman_exposure_choice_s=_spearman(item_choice_posterior(prep, truth, data, ('exposure',)), s_true),
                         spearman_fitted_anchor_s=_spearman(truth_fitted_anchor(prep, s_true), s_true)))
    f = out/'reference.csv'
    old = pd.read_csv(f) if f.exists() else pd.DataFrame(columns=['seed', 'strength', 'conformity'])
    old = old[~((old.strength == a.strength) & (old.conformity == a.conformity) & old.seed.isin(seeds))]
    df = pd.concat([old, pd.DataFrame(rows)], ignore_index=True).sort_values(['strength', 'conformity', 'seed'])
    tmp = out/'reference.csv.tmp'; df.to_csv(tmp, index=False); tmp.replace(f)
    print(pd.DataFrame(rows).round(3).to_string(index=False))
else:   # train: rows appended seed by seed, a (seed, config) already in the file is not run again
    today = a.world == 'today'
    known, f = (TODAY, out/'simcheck.csv') if today else (MATCHED, out/'matched.csv')
    world = {} if today else dict(strength=a.strength, conformity=a.conformity, click_popularity='log')
    done = pd.read_csv(f) if f.exists() else pd.DataFrame(columns=['seed', 'strength', 'conformity', 'config'])
    mine = (lambda d: d) if today else (lambda d: d[(d.strength == a.strength) & (d.conformity == a.conformity)])
    wanted = [c for c in (a.configs or ','.join(known)).split(',') if c]
    if unknown := sorted(set(wanted) - set(known)): p.error(f'--configs: unknown {unknown}; choose from {list(known)}')
    for s in seeds:
        here = mine(done)[mine(done).seed == s]
        todo = {c: known[c] for c in wanted if c not in set(here.config)}
        if not todo: continue
        df = simulator_check((s,), todo, sim=world)
        (df if today else df.assign(strength=a.strength, conformity=a.conformity)).to_csv(f, mode='a', header=not f.exists(), index=False)
        print(df[['config', 'spearman_f_relevance', 'spearman_S_s', 'spearman_baseline_s']].round(3).to_string(index=False), flush=True)
    print(simcheck_table(mine(pd.read_csv(f))).to_markdown(index=False))
print(f'{len(seeds)} seeds in {time.time() - t:.0f} s -> {out}')
