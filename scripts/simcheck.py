"""Simulator check (see nbs/12e_simcheck): Spearman of the deconfounded score with the true relevance, and of S(u) with s_u.

    python scripts/simcheck.py --seeds 0-4 --out results/simulator                      # today's simulator: simcheck.csv
    python scripts/simcheck.py --world matched --strength 2 --conformity 2 --seeds 0-4 --out results/simulator
                                                                                        # the matched world: matched.csv

The matched world (`click_popularity='log'`) clicks with logit τ p_u·q_i + c s_u log z_i + b after exposure ∝ z_i^(κ s_u):
a per-user exponent on popularity that the log-linear form f + S(u) log P can represent. Its configurations: the
backbone, PD, and the log-linear form with one exponent, a free per-user exponent, and one anchored on the model-free
statistic. Rows are appended to the CSV seed by seed (a world already in the file is not run again).
"""
import argparse, time
from pathlib import Path
import pandas as pd
from causalrec.simcheck import simulator_check, simcheck_table
from causalrec.suites import parse_seeds

LOGLINEAR = {'form': 'loglinear'}
MATCHED = {'lightgcn': dict(model='lightgcn'), 'pd': dict(model='pd'),
           'loglinear': dict(model='causalrec', model_args=LOGLINEAR),
           'anchored': dict(model='causalrec', model_args={**LOGLINEAR, 'susceptibility': 'anchored'}),
           'user': dict(model='causalrec', model_args={**LOGLINEAR, 'susceptibility': 'user'})}

p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
p.add_argument('--seeds', default='0-4', help='simulated worlds (and training seeds), e.g. 0-4 or 0,2')
p.add_argument('--out', default='results/simulator', help='folder for simcheck.csv / matched.csv')
p.add_argument('--world', choices=('today', 'matched'), default='today')
p.add_argument('--strength', type=float, default=2.0, help='κ of the matched world'); p.add_argument('--conformity', type=float, default=2.0, help='c of the matched world')
a = p.parse_args()
seeds, t, out = parse_seeds(a.seeds), time.time(), Path(a.out)
out.mkdir(parents=True, exist_ok=True)
if a.world == 'today':
    df = simulator_check(seeds, progress=True)
    tmp = out/'simcheck.csv.tmp'; df.to_csv(tmp, index=False); tmp.replace(out/'simcheck.csv')
    print(simcheck_table(df).to_markdown(index=False))
else:
    f = out/'matched.csv'
    done = pd.read_csv(f) if f.exists() else pd.DataFrame(columns=['seed', 'strength', 'conformity'])
    for s in seeds:
        if ((done.seed == s) & (done.strength == a.strength) & (done.conformity == a.conformity)).any(): continue
        df = simulator_check((s,), MATCHED, sim=dict(strength=a.strength, conformity=a.conformity, click_popularity='log'))
        df.assign(strength=a.strength, conformity=a.conformity).to_csv(f, mode='a', header=not f.exists(), index=False)
        print(df[['config', 'spearman_f_relevance', 'spearman_S_s', 'spearman_baseline_s']].round(3).to_string(index=False), flush=True)
    df = pd.read_csv(f)
    print(simcheck_table(df[(df.strength == a.strength) & (df.conformity == a.conformity)]).to_markdown(index=False))
print(f'{len(seeds)} seeds in {time.time() - t:.0f} s -> {out}')
