"""Simulator check (see nbs/12e_simcheck): Spearman of the deconfounded score with the true relevance, and of S(u) with s_u.

    python scripts/simcheck.py --seeds 0-4 --out results/simulator                      # today's simulator: simcheck.csv
    python scripts/simcheck.py --world matched --strength 2 --conformity 2 --seeds 0-4 --out results/simulator
                                                                                        # the matched world: matched.csv
    python scripts/simcheck.py --world reference --strength 2 --conformity 2 --seeds 0-4 --out results/simulator
                                                                                        # references for S(u), no training: reference.csv

The matched world (`click_popularity='log'`) clicks with logit τ p_u·q_i + c s_u log z_i + b after exposure ∝ z_i^(κ s_u):
a per-user exponent on popularity that the log-linear form f + S(u) log P can represent. Its configurations: the
backbone, PD, and the log-linear form with one exponent, a free per-user exponent, and one anchored on the model-free
statistic, and one anchored on it and on the click count (`anchored-count`). Rows are appended to the CSV seed by seed
(a configuration already in the file for that world and seed is not run again; `--configs` picks some).
"""
import argparse, time, warnings
from pathlib import Path
import pandas as pd, torch
from causalrec.simcheck import simulator_check, simcheck_table, item_choice_posterior, click_count, interval_popularity, SIM, _spearman
from causalrec.simulate import simulate
from causalrec.prep import prepare
from causalrec.suites import parse_seeds

LOGLINEAR = {'form': 'loglinear'}
MATCHED = {'lightgcn': dict(model='lightgcn'), 'pd': dict(model='pd'),
           'loglinear': dict(model='causalrec', model_args=LOGLINEAR),
           'anchored': dict(model='causalrec', model_args={**LOGLINEAR, 'susceptibility': 'anchored'}),
           'user': dict(model='causalrec', model_args={**LOGLINEAR, 'susceptibility': 'user'}),
           'anchored-count': dict(model='causalrec', model_args={**LOGLINEAR, 'susceptibility': 'anchored-count'})}

p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
p.add_argument('--seeds', default='0-4', help='simulated worlds (and training seeds), e.g. 0-4 or 0,2')
p.add_argument('--out', default='results/simulator', help='folder for simcheck.csv / matched.csv')
p.add_argument('--world', choices=('today', 'matched', 'reference'), default='today',
               help="today's simulator, the matched world, or references for S(u) on the matched world (no training)")
p.add_argument('--configs', default=','.join(MATCHED), help='matched-world configurations to run (comma-separated; default: all)')
p.add_argument('--strength', type=float, default=2.0, help='κ of the matched world'); p.add_argument('--conformity', type=float, default=2.0, help='c of the matched world')
a = p.parse_args()
seeds, t, out = parse_seeds(a.seeds), time.time(), Path(a.out)
out.mkdir(parents=True, exist_ok=True)
if a.world == 'today':
    df = simulator_check(seeds, progress=True)
    tmp = out/'simcheck.csv.tmp'; df.to_csv(tmp, index=False); tmp.replace(out/'simcheck.csv')
    print(simcheck_table(df).to_markdown(index=False))
elif a.world == 'reference':
    rows = []
    for s in seeds:
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            data, truth = simulate(**{**SIM, 'strength': a.strength, 'conformity': a.conformity}, click_popularity='log', seed=s)
            prep = prepare(data, text=False, seed=s)
        s_true = truth.s[torch.as_tensor(prep.split.data.user_ids)].numpy()
        rows.append(dict(seed=s, strength=a.strength, conformity=a.conformity,
                         spearman_baseline_s=_spearman(interval_popularity(prep), s_true),
                         spearman_count_s=_spearman(click_count(prep), s_true),
                         spearman_item_choice_s=_spearman(item_choice_posterior(prep, truth, data), s_true),
                         spearman_exposure_choice_s=_spearman(item_choice_posterior(prep, truth, data, ('exposure',)), s_true)))
    f = out/'reference.csv'
    old = pd.read_csv(f) if f.exists() else pd.DataFrame(columns=['seed', 'strength', 'conformity'])
    old = old[~((old.strength == a.strength) & (old.conformity == a.conformity) & old.seed.isin(seeds))]
    df = pd.concat([old, pd.DataFrame(rows)], ignore_index=True).sort_values(['strength', 'conformity', 'seed'])
    tmp = out/'reference.csv.tmp'; df.to_csv(tmp, index=False); tmp.replace(f)
    print(pd.DataFrame(rows).round(3).to_string(index=False))
else:
    f = out/'matched.csv'
    done = pd.read_csv(f) if f.exists() else pd.DataFrame(columns=['seed', 'strength', 'conformity', 'config'])
    wanted = [c for c in a.configs.split(',') if c]
    if unknown := sorted(set(wanted) - set(MATCHED)): p.error(f'--configs: unknown {unknown}; choose from {list(MATCHED)}')
    for s in seeds:
        here = done[(done.seed == s) & (done.strength == a.strength) & (done.conformity == a.conformity)]
        todo = {c: MATCHED[c] for c in wanted if c not in set(here.config)}
        if not todo: continue
        df = simulator_check((s,), todo, sim=dict(strength=a.strength, conformity=a.conformity, click_popularity='log'))
        df.assign(strength=a.strength, conformity=a.conformity).to_csv(f, mode='a', header=not f.exists(), index=False)
        print(df[['config', 'spearman_f_relevance', 'spearman_S_s', 'spearman_baseline_s']].round(3).to_string(index=False), flush=True)
    df = pd.read_csv(f)
    print(simcheck_table(df[(df.strength == a.strength) & (df.conformity == a.conformity)]).to_markdown(index=False))
print(f'{len(seeds)} seeds in {time.time() - t:.0f} s -> {out}')
