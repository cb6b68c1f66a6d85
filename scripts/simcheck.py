"Simulator check (see nbs/12e_simcheck): Spearman of the deconfounded score with the true relevance, and of S(u) with s_u."
import argparse, time
from pathlib import Path
from causalrec.simcheck import simulator_check, simcheck_table
from causalrec.suites import parse_seeds

p = argparse.ArgumentParser(description=__doc__)
p.add_argument('--seeds', default='0-4', help='simulated worlds (and training seeds), e.g. 0-4 or 0,2')
p.add_argument('--out', default='results/simulator', help='folder for simcheck.csv')
a = p.parse_args()
seeds = parse_seeds(a.seeds)
t = time.time()
df = simulator_check(seeds, progress=True)
out = Path(a.out); out.mkdir(parents=True, exist_ok=True)
tmp = out/'simcheck.csv.tmp'; df.to_csv(tmp, index=False); tmp.replace(out/'simcheck.csv')
print(simcheck_table(df).to_markdown(index=False))
print(f'{len(seeds)} seeds in {time.time() - t:.0f} s -> {out}/simcheck.csv')
