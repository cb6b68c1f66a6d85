"""Wall time of `causalrec train` with defaults on the embedded data, evaluation included (target: <= 180 s on 2 CPU cores).

Usage: python scripts/benchmark_train.py [--model causalrec] [--out DIR]
"""
import argparse, json, subprocess, sys, tempfile, time
from pathlib import Path

ap = argparse.ArgumentParser(); ap.add_argument('--model', default='causalrec'); ap.add_argument('--out')
a = ap.parse_args()
out = Path(a.out or tempfile.mkdtemp())/'run'
t0 = time.time()
subprocess.run([str(Path(sys.executable).parent/'causalrec'), 'train', '--model', a.model, '--out', str(out), '--quiet'], check=True)
wall = time.time() - t0
m = json.loads((out/'metrics.json').read_text())
print(f"{a.model}: wall {wall:.1f} s (target <= 180 s), best epoch {m['best_epoch']}/{m['epochs_run']}, "
      f"test ndcg@20 {m['test']['ndcg@20']:.4f}, test_balanced ndcg@20 {m['test_balanced']['ndcg@20']:.4f}")
