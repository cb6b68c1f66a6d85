"""Our LightGCN against RecBole 1.2.1's after the same epochs on the same Gowalla split (batch 2048, lr 0.01, L2 1e-4,
one uniform negative, 64 dimensions, 3 layers): validation curves and test Recall@20 / NDCG@20, as ratios.

    /work/recbole-venv/bin/python scripts/recbole_gowalla.py curve --epochs 10 --eval-every 5 --out results/gowalla/recbole_curve10.json
    causalrec train --data lightgcn-split --path ../shared/data/gowalla --model lightgcn --epochs 10 --eval-every 5 \\
        --patience 40 --select valid/ndcg@20 --out benchmarks/gowalla-e10/lightgcn
    python scripts/gowalla_parity.py benchmarks/gowalla-e10/lightgcn results/gowalla/recbole_curve10.json --out results/gowalla/parity.json

Both pick the epoch by validation NDCG@20 and test those weights once. The target: ours within ±3 % of RecBole's.
"""
import argparse, json
from pathlib import Path
import pandas as pd

p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
p.add_argument('run', type=Path, help='our run folder (causalrec train)'); p.add_argument('recbole', type=Path, help="RecBole's curve JSON")
p.add_argument('--out', type=Path)
a = p.parse_args()
ours, rb = json.loads((a.run/'metrics.json').read_text()), json.loads(a.recbole.read_text())
h = pd.read_csv(a.run/'history.csv').dropna(subset=['valid/ndcg@20'])
cfg = json.loads((a.run/'config.json').read_text())
curve = [{'epoch': int(r.epoch), 'ours_valid_recall@20': r['valid/recall@20'], 'ours_valid_ndcg@20': r['valid/ndcg@20']} for _, r in h.iterrows()]
for row in curve:
    m = next((x for x in rb['curve'] if x['epoch'] == row['epoch']), None)
    if m: row.update({'recbole_valid_recall@20': m['valid_recall@20'], 'recbole_valid_ndcg@20': m['valid_ndcg@20']})
out = {'epochs': cfg.get('epochs'), 'ours_best_epoch': ours['best_epoch'], 'recbole_best_epoch': rb['best_epoch'],
       'ours_test_recall@20': ours['test']['recall@20'], 'ours_test_ndcg@20': ours['test']['ndcg@20'],
       'recbole_test_recall@20': rb['test_recall@20'], 'recbole_test_ndcg@20': rb['test_ndcg@20'], 'curve': curve}
out['test_recall@20_ratio'] = round(out['ours_test_recall@20'] / out['recbole_test_recall@20'], 4)
out['test_ndcg@20_ratio'] = round(out['ours_test_ndcg@20'] / out['recbole_test_ndcg@20'], 4)
out['within_3_percent'] = all(abs(out[k] - 1) <= 0.03 for k in ('test_recall@20_ratio', 'test_ndcg@20_ratio'))
print(pd.DataFrame(curve).round(4).to_string(index=False))
print({k: v for k, v in out.items() if k != 'curve'})
if a.out: a.out.write_text(json.dumps(out, indent=1) + '\n')
