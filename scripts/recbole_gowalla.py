"""RecBole 1.2.1's LightGCN on causalrec's own split of a LightGCN-style data set (Gowalla here): the same training, validation
and test pairs, the same batch, learning rate, L2 weight and one uniform negative per positive, for two measurements:

1. `export` (causalrec's environment) writes the prepared split (view seed 0: validation carved from the training pairs
   at random per user, the published test; cold rows dropped, exactly the pairs causalrec's evaluator scores) as RecBole
   benchmark files `WORK/NAME/NAME.{train,valid,test}.inter`.
2. `time` (RecBole's environment: `pip install torch==2.13.0 recbole==1.2.1 "numpy<2" "scipy<1.12" "setuptools<80"
   "pandas<2.2"`; it does not import causalrec) times `--epochs` training epochs and one full-sort evaluation of every
   test user (1,024 users per batch, as causalrec), and prints one JSON line.
3. `curve` (RecBole's environment) trains `--epochs` epochs, evaluates validation Recall@20 / NDCG@20 every
   `--eval-every` epochs, and tests the best-validation weights once; writes `--out` (JSON).

Usage:
    python scripts/recbole_gowalla.py export --path ../shared/data/gowalla
    /work/recbole-venv/bin/python scripts/recbole_gowalla.py time --epochs 2
    /work/recbole-venv/bin/python scripts/recbole_gowalla.py curve --epochs 40 --eval-every 5 --out results/gowalla/recbole_curve.json
"""
import argparse, json, resource, sys, time
from pathlib import Path

def export(work: Path, name: str, path: str):
    from causalrec.loaders import load_data
    from causalrec.prep import prepare
    sp = prepare(load_data('lightgcn-split', path), text=False).split
    (work/name).mkdir(parents=True, exist_ok=True)
    for part, df in (('train', sp.train), ('valid', sp.views['valid']), ('test', sp.views['test'])):
        with open(work/name/f'{name}.{part}.inter', 'w') as f:
            f.write('user_id:token\titem_id:token\n')
            f.writelines(f'{u}\t{i}\n' for u, i in zip(df.user.values, df.item.values))
        print(f'{part}: {len(df)} rows, {df.user.nunique()} users, {df.item.nunique()} items')

def setup(work: Path, name: str, a):
    "RecBole's config, data loaders, LightGCN and trainer for our split, with causalrec's settings."
    import logging
    from recbole.config import Config
    from recbole.data import create_dataset, data_preparation
    from recbole.model.general_recommender import LightGCN
    from recbole.trainer import Trainer
    from recbole.utils import init_seed
    n_items = sum(1 for _ in open(work/name/f'{name}.train.inter'))   # an upper bound on the items: 1,024 users per eval batch
    cfg = dict(data_path=str(work), benchmark_filename=['train', 'valid', 'test'], load_col={'inter': ['user_id', 'item_id']},
               USER_ID_FIELD='user_id', ITEM_ID_FIELD='item_id', seed=a.seed, reproducibility=True, use_gpu=False,
               embedding_size=64, n_layers=3, reg_weight=a.reg, learning_rate=a.lr, train_batch_size=a.batch_size, epochs=a.epochs,
               train_neg_sample_args={'distribution': 'uniform', 'sample_num': 1}, eval_args={'group_by': 'user', 'order': 'RO', 'mode': 'full'},
               metrics=['Recall', 'NDCG'], topk=[20], valid_metric='NDCG@20', eval_batch_size=1024 * min(n_items, 50_000),
               show_progress=False, checkpoint_dir=str(work/'saved'), log_wandb=False)
    config = Config(model='LightGCN', dataset=name, config_dict=cfg)
    init_seed(config['seed'], config['reproducibility'])
    logging.getLogger().setLevel(logging.WARNING)
    train, valid, test = data_preparation(config, create_dataset(config))
    config['eval_batch_size'] = 1024 * train.dataset.item_num
    model = LightGCN(config, train.dataset)
    return train, valid, test, model, Trainer(config, model)

def timing(work: Path, name: str, a):
    train, valid, test, model, trainer = setup(work, name, a)
    times = []
    for e in range(a.epochs):
        t = time.perf_counter(); trainer._train_epoch(train, e, show_progress=False); times.append(time.perf_counter() - t)
    test.config['eval_batch_size'] = 1024 * train.dataset.item_num
    t = time.perf_counter(); res = trainer.evaluate(test, load_best_model=False, show_progress=False); ev = time.perf_counter() - t
    print(json.dumps({'recbole_epoch_s': sorted(times)[len(times) // 2], 'recbole_epochs_s': [round(x, 2) for x in times],
                      'recbole_eval_s': round(ev, 2), 'recbole_test_users': int(len(test.uid_list)), 'recbole_test': dict(res),
                      'recbole_peak_rss_gib': round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20, 2)}))

def curve(work: Path, name: str, a):
    train, valid, test, model, trainer = setup(work, name, a)
    rows, best, best_state, t0 = [], -1.0, None, time.perf_counter()
    for e in range(a.epochs):
        trainer._train_epoch(train, e, show_progress=False)
        if (e + 1) % a.eval_every == 0 or e + 1 == a.epochs:
            r = dict(trainer._valid_epoch(valid, show_progress=False)[1])
            rows.append({'epoch': e + 1, 'valid_recall@20': r['recall@20'], 'valid_ndcg@20': r['ndcg@20'], 'seconds': round(time.perf_counter() - t0, 1)})
            print(rows[-1], flush=True)
            if r['ndcg@20'] > best: best, best_state = r['ndcg@20'], {k: v.clone() for k, v in model.state_dict().items()}
    model.load_state_dict(best_state)
    res = dict(trainer.evaluate(test, load_best_model=False, show_progress=False))
    out = {'settings': vars(a), 'curve': rows, 'best_epoch': max(rows, key=lambda r: r['valid_ndcg@20'])['epoch'],
           'test_recall@20': res['recall@20'], 'test_ndcg@20': res['ndcg@20']}
    Path(a.out).parent.mkdir(parents=True, exist_ok=True); Path(a.out).write_text(json.dumps(out, indent=1))
    print(json.dumps({k: v for k, v in out.items() if k != 'curve'}))

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('step', choices=['export', 'time', 'curve'])
    p.add_argument('--path', default='../shared/data/gowalla', help='the LightGCN-style data folder (export)')
    p.add_argument('--work', default='benchmarks/recbole', help='folder of the benchmark files and RecBole checkpoints')
    p.add_argument('--name', default='gowalla-cr', help='RecBole data set name of the exported split')
    p.add_argument('--epochs', type=int, default=2); p.add_argument('--eval-every', type=int, default=5)
    p.add_argument('--lr', type=float, default=0.01); p.add_argument('--reg', type=float, default=1e-4)
    p.add_argument('--batch-size', type=int, default=2048); p.add_argument('--seed', type=int, default=0)
    p.add_argument('--out', default='results/gowalla/recbole_curve.json')
    a = p.parse_args()
    work = Path(a.work).resolve()
    {'export': lambda: export(work, a.name, a.path), 'time': lambda: timing(work, a.name, a), 'curve': lambda: curve(work, a.name, a)}[a.step]()
    sys.exit(0)
