"""Reproduction check: train every model once (seed 0, the package defaults, the embedded data) through the command line and
record a digest of its test metrics and weights, so that two versions of the code can be compared bit for bit.

    python scripts/repro_check.py --out /tmp/repro-new                 # train and write /tmp/repro-new/summary.json
    python scripts/repro_check.py --compare /tmp/repro-old /tmp/repro-new
    PYTHONPATH=/path/to/other/checkout python scripts/repro_check.py --out /tmp/repro-old   # the same with other code

Only the command line is used (its flags are the stable interface across versions): a change of code that keeps every
digest equal changes no committed result. Each run uses one thread, as every benchmark job does (`--jobs 2` on 2 cores):
with several threads torch's CPU reductions may add in a different order from run to run, which moves weights by an ulp."""
import argparse, hashlib, json, os, subprocess, sys
from pathlib import Path

ADDITIVE = ['--model-arg', 'form=additive', '--model-arg', 'susceptibility=lstm', '--learn-popularity', '--gamma', '1', '--bias-weight', '0.1']
CONFIGS = {'mostpop': ['--model', 'mostpop'], 'mf': ['--model', 'mf'], 'lightgcn': ['--model', 'lightgcn'],
           'causalrec': ['--model', 'causalrec'], 'causalrec-lstm': ['--model', 'causalrec', '--model-arg', 'susceptibility=lstm'],
           'causalrec-additive': ['--model', 'causalrec'] + ADDITIVE,
           'ips': ['--model', 'ips'], 'pd': ['--model', 'pd'], 'pda': ['--model', 'pda'], 'macr': ['--model', 'macr'],
           'dice': ['--model', 'dice'], 'softmax': ['--model', 'softmax'],
           'softmax-in-batch': ['--model', 'softmax', '--model-arg', 'in_batch=true'], 'bc': ['--model', 'bc']}

def digest(run: Path) -> dict:
    "sha256 of the metrics (every view, without the wall time) and of the selected weights, tensor by tensor in key order."
    import torch
    m = json.loads((run/'metrics.json').read_text())
    m = {k: v for k, v in m.items() if isinstance(v, dict)}
    st = torch.load(run/'model.pt', map_location='cpu', weights_only=True)['state_dict']
    h = hashlib.sha256()
    for k in sorted(st): h.update(st[k].detach().contiguous().numpy().tobytes())
    return {'metrics': hashlib.sha256(json.dumps(m, sort_keys=True).encode()).hexdigest()[:16], 'weights': h.hexdigest()[:16],
            'test_ndcg@20': m['test']['ndcg@20'], 'best_epoch': json.loads((run/'metrics.json').read_text())['best_epoch']}

def run_all(out: Path, names, extra):
    out.mkdir(parents=True, exist_ok=True)
    summary = {}
    for name in names:
        run = out/name
        if not (run/'metrics.json').exists():
            cmd = [sys.executable, '-m', 'causalrec', 'train', *CONFIGS[name], *extra, '--quiet', '--out', str(run)]
            env = {**os.environ, 'OMP_NUM_THREADS': '1', 'MKL_NUM_THREADS': '1'}   # one thread: CPU reductions in a fixed order
            r = subprocess.run(cmd, capture_output=True, text=True, env=env)
            if r.returncode: sys.exit(f'{name}: {r.stderr.strip().splitlines()[-1:]}')
        summary[name] = digest(run)
        print(name, summary[name], flush=True)
    (out/'summary.json').write_text(json.dumps(summary, indent=1))

def compare(a: Path, b: Path) -> int:
    A, B = (json.loads((p/'summary.json').read_text()) for p in (a, b))
    bad = 0
    for k in A:
        same = k in B and all(A[k][f] == B[k][f] for f in ('metrics', 'weights'))
        bad += not same
        print(f"{k:20s} {'identical' if same else 'DIFFERENT'}  test NDCG@20 {A[k]['test_ndcg@20']:.6f} -> {B.get(k, {}).get('test_ndcg@20', float('nan')):.6f}")
    print(f'{len(A) - bad} of {len(A)} runs bit-identical (metrics and weights)')
    return int(bad > 0)

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--out', type=Path); ap.add_argument('--compare', nargs=2, type=Path)
    ap.add_argument('--models', default=','.join(CONFIGS)); ap.add_argument('--epochs', type=int)
    a = ap.parse_args()
    if a.compare: sys.exit(compare(*a.compare))
    run_all(a.out, a.models.split(','), ['--epochs', str(a.epochs)] if a.epochs else [])
