"""Gowalla as the scale case: our epoch and full-sort evaluation against RecBole 1.2.1's, measured one after the other in one run.

    python scripts/gowalla_scale.py --path ../shared/data/gowalla --run benchmarks/gowalla/runs/lightgcn/-/seed0 \\
        --recbole RECBOLE_VENV/bin/python

Each measurement is its own process, started only after the previous one ended (so they never share the cores and
each peak memory is its own): one training epoch at batch 2048 of our lightgcn and of causalrec (no item text: Gowalla
has none) through `scripts/scale.py`; RecBole's LightGCN on the same split, batch, lr, L2 and one uniform negative
(`scripts/recbole_gowalla.py time`, which also evaluates all test users full-sort); and a process that only loads the
trained run `--run` and evaluates every test user full-sort (`causalrec.runs.evaluate_run`: loading, every view), with its
peak RSS; before that, in the same process, it loads the run and times the like-for-like part alone, the plain test
view's top-20 (what RecBole's evaluation computes), so that nothing it reads is warm from the full evaluation.
Prints each figure and the ratios the evidence issue sets targets on, and writes them as JSON with `--out`.
"""
import argparse, json, os, re, subprocess, sys, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL_ONLY = """
import json, resource, sys, time
from causalrec.runs import evaluate_run, load_run
from causalrec.metrics import evaluate
t = time.perf_counter(); learn = load_run(sys.argv[1]); load_s = time.perf_counter() - t
t = time.perf_counter(); top20 = evaluate(learn.score_fn('deconfounded'), learn.prep.split, 'test', ks=(20,), views=['test'], ips_eta=None)
s20 = time.perf_counter() - t                                   # first, on a cold run: the part RecBole's evaluation computes
del learn
t = time.perf_counter(); m = evaluate_run(sys.argv[1]); s = time.perf_counter() - t
print(json.dumps({'eval_s': round(s, 2), 'users': int(m['test']['users']), 'test_ndcg@20': m['test']['ndcg@20'],
                  'test_recall@20': m['test']['recall@20'], 'peak_rss_gib': round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20, 2),
                  'load_s': round(load_s, 2), 'test_top20_s': round(s20, 2), 'test_top20_ndcg@20': top20['test']['ndcg@20']}))
"""

def run(cmd, env=None) -> str:
    print('$', ' '.join(str(c) for c in cmd), flush=True)
    t = time.perf_counter()
    r = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, env={**os.environ, **(env or {})}, cwd=ROOT)
    if r.returncode: sys.exit(f'gowalla_scale.py: error: {cmd[1]} failed:\n{r.stderr[-2000:]}')
    print(f'  ({time.perf_counter() - t:.0f} s)', flush=True)
    return r.stdout

def our_epoch(path, model) -> float:
    out = run([sys.executable, 'scripts/scale.py', '--data', 'lightgcn-split', '--path', path, '--model', model, '--no-text', '--epochs', '1'])
    print('  ' + '\n  '.join(l for l in out.splitlines() if l.startswith(('epoch', 'memory'))))
    return float(re.search(r'median ([\d.]+) s', out).group(1))

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--path', required=True); ap.add_argument('--run', required=True, help='a trained run folder on this data')
    ap.add_argument('--recbole', required=True, help="python of RecBole's environment (see scripts/recbole_gowalla.py)")
    ap.add_argument('--out', type=Path)
    a = ap.parse_args()
    r = {'lightgcn_epoch_s': our_epoch(a.path, 'lightgcn'), 'causalrec_epoch_s': our_epoch(a.path, 'causalrec')}
    rb = json.loads(run([a.recbole, 'scripts/recbole_gowalla.py', 'time', '--epochs', '1'], {'TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD': '1'}).strip().splitlines()[-1])
    r.update({k: rb[k] for k in ('recbole_epoch_s', 'recbole_eval_s', 'recbole_test_users', 'recbole_peak_rss_gib')})
    ev = json.loads(run([sys.executable, '-c', EVAL_ONLY, a.run]).strip().splitlines()[-1])
    r.update({f'eval_only_{k}': v for k, v in ev.items()})
    r.update({'lightgcn_vs_recbole_epoch': round(r['lightgcn_epoch_s'] / r['recbole_epoch_s'], 2),
              'causalrec_vs_lightgcn_epoch': round(r['causalrec_epoch_s'] / r['lightgcn_epoch_s'], 2),
              'eval_vs_recbole': round(r['eval_only_eval_s'] / r['recbole_eval_s'], 2),
              'test_top20_vs_recbole': round(r['eval_only_test_top20_s'] / r['recbole_eval_s'], 2)})
    for k, v in r.items(): print(f'{k:32s} {v}')
    if a.out: a.out.parent.mkdir(parents=True, exist_ok=True); a.out.write_text(json.dumps(r, indent=1) + '\n')

if __name__ == '__main__': main()
