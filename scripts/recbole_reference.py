"""The backbone reference: RecBole 1.2.1's LightGCN and BPR-MF on causalrec's own split, over several seeds.

Issue #10 compares our backbones with RecBole run once (its default seed 2020) on our default split. One seed of
RecBole against five of ours mixes seed noise into the gap, so this script gives RecBole the same treatment:

1. `export` (in causalrec's environment) writes the prepared split of the embedded data (view seed 0, the split every
   benchmark uses; cold valid/test rows already dropped, exactly the positives our evaluator scores) as RecBole
   benchmark files `WORK/ml/ml.{train,valid,test}.inter` (`--work`, default `benchmarks/recbole`, ignored by git).
2. `run` (in an environment with `pip install recbole==1.2.1 "numpy<2"`; it does not import causalrec) trains each
   model with the issue's settings (dim 64, 3 layers, batch 2048, reg 1e-4 for LightGCN, none for BPR, full ranking,
   early stopping on valid NDCG@20 after `--stopping-step` evaluations without a gain: RecBole's default 10, or 30 as
   our `suites/backbone.json`) for each seed, writes the rows into `--csv` (default `results/backbone/recbole.csv`) (model, lr, stopping step, seed, valid
   and test NDCG@20, test Recall@20; a rerun replaces its own rows) and prints mean ± std.

Usage:
    python scripts/recbole_reference.py export
    /path/to/recbole-env/bin/python scripts/recbole_reference.py run --seeds 2020,0,1,2,3
    /path/to/recbole-env/bin/python scripts/recbole_reference.py run --seeds 2020,0,1,2,3 --stopping-step 30
(RecBole 1.2.1 wants scipy < 1.12, setuptools < 80 and, with torch >= 2.6, TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD=1 for its checkpoints.)
"""
import argparse, csv, os, statistics, sys
from pathlib import Path

RUNS = {'LightGCN': dict(learning_rate=0.01, n_layers=3, reg_weight=1e-4),
        'BPR': dict(learning_rate=0.001)}

def export(d: Path):
    from causalrec.loaders import load_data
    from causalrec.prep import prepare
    prep = prepare(load_data(), text=False)                     # view seed 0: the split of every benchmark
    sp = prep.split
    (d/'ml').mkdir(parents=True, exist_ok=True)
    for part, df in (('train', sp.train), ('valid', sp.views['valid']), ('test', sp.views['test'])):
        with open(d/'ml'/f'ml.{part}.inter', 'w') as f:
            f.write('user_id:token\titem_id:token\n')
            f.writelines(f'{u}\t{i}\n' for u, i in zip(df.user.values, df.item.values))
        print(f'{part}: {len(df)} rows, {df.user.nunique()} users, {df.item.nunique()} items')

def run(d: Path, models, seeds, stopping_step=10, out: Path = Path('results/backbone/recbole.csv')):
    from recbole.quick_start import run_recbole
    os.chdir(d)                                                 # RecBole writes log/ and saved/ into the working folder
    rows = []
    for model in models:
        for seed in seeds:
            cfg = dict(data_path='.', benchmark_filename=['train', 'valid', 'test'], load_col={'inter': ['user_id', 'item_id']},
                       USER_ID_FIELD='user_id', ITEM_ID_FIELD='item_id', seed=seed, reproducibility=True, use_gpu=False,
                       embedding_size=64, train_batch_size=2048, epochs=300, stopping_step=stopping_step,
                       eval_args={'group_by': 'user', 'order': 'RO', 'mode': 'full'},
                       metrics=['Recall', 'NDCG'], topk=[20], valid_metric='NDCG@20', eval_batch_size=4096,
                       show_progress=False, checkpoint_dir='saved', **RUNS[model])
            r = run_recbole(model=model, dataset='ml', config_dict=cfg, saved=True)
            row = dict(model=model, lr=RUNS[model]['learning_rate'], stopping_step=stopping_step, seed=seed,
                       valid_ndcg=r['best_valid_result']['ndcg@20'], test_ndcg=r['test_result']['ndcg@20'],
                       test_recall=r['test_result']['recall@20'])
            rows.append(row); print(row, flush=True)
    key = lambda r: (r['model'], str(r['stopping_step']), str(r['seed']))
    done = {key(r) for r in rows}                              # a rerun replaces its rows instead of repeating them
    old = [r for r in csv.DictReader(open(out))] if out.exists() else []
    with open(out, 'w', newline='') as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0])); w.writeheader()
        w.writerows([r for r in old if key(r) not in done] + rows)
    for model in models:
        v = [r['test_ndcg'] for r in rows if r['model'] == model]
        print(f'{model}: test NDCG@20 {statistics.mean(v):.4f} ± {statistics.stdev(v) if len(v) > 1 else 0:.4f} over seeds {seeds}, stopping step {stopping_step}')

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('step', choices=['export', 'run'])
    p.add_argument('--work', default='benchmarks/recbole', help="folder of the benchmark files and RecBole's logs and checkpoints")
    p.add_argument('--csv', default='results/backbone/recbole.csv', help='the table the rows are added to')
    p.add_argument('--models', default='LightGCN,BPR')
    p.add_argument('--seeds', default='2020,0,1,2,3', help='comma-separated RecBole seeds')
    p.add_argument('--stopping-step', type=int, default=10, help="evaluations without a gain before stopping (RecBole's default 10)")
    a = p.parse_args()
    d, out = Path(a.work).resolve(), Path(a.csv).resolve()
    if a.step == 'export': export(d)
    else:
        models = a.models.split(',')
        if bad := set(models) - set(RUNS): sys.exit(f'recbole_reference: error: unknown model(s) {sorted(bad)}; use {list(RUNS)}')
        run(d, models, [int(s) for s in a.seeds.split(',')], a.stopping_step, out)
