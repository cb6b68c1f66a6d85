"""Where the time goes at MovieLens-20M size: preparation stage by stage, one training epoch, one full evaluation.

Builds a synthetic log (power-law item popularity, heavy-tailed user activity, timestamps, half-star ratings,
1-3 genres per item; seeded, vectorised) or simulates one with `causalrec.simulate.simulate`, or reads a data set
by name, then prints the wall time of each `prepare` stage (see `causalrec.prep.STAGES`), the median time of
`--epochs` training epochs of `--model`, one full evaluation (full-sort top-20 of every validation user) and the
peak memory (process RSS on CPU; `torch.cuda.max_memory_allocated` on CUDA).

Usage:
    python scripts/scale.py --scale 0.05                                   # 5% of ML-20M, CPU
    python scripts/scale.py --users 138000 --items 26700 --interactions 17700000 --device cuda
    python scripts/scale.py --data ml-latest-small --model lightgcn --epochs 5
    python scripts/scale.py --data movielens --path ~/ml-20m --no-train
"""
import argparse, resource, statistics, sys, time, warnings
import numpy as np, pandas as pd, torch
from causalrec.data import DataError, InputError, Interactions, ITEM_COLUMNS
from causalrec.loaders import DATASETS, load_data
from causalrec.prep import STAGES, prepare
from causalrec.config import RunConfig, check_device
from causalrec.learner import Learner

ML20M = dict(users=138_000, items=26_700, interactions=17_700_000)
GENRES = np.array(['Action', 'Adventure', 'Animation', 'Children', 'Comedy', 'Crime', 'Documentary', 'Drama', 'Fantasy',
                   'Film-Noir', 'Horror', 'Musical', 'Mystery', 'Romance', 'Sci-Fi', 'Thriller', 'War', 'Western'])

def synthetic_log(n_users, n_items, n_interactions, seed=0, zipf=1.0, years=20) -> Interactions:
    "About `n_interactions` distinct (user, item) ratings: item i drawn with weight 1/(i+1)^zipf, user activity Pareto(1.5)."
    if min(n_users, n_items, n_interactions) < 1: raise DataError('scale', 'users, items and interactions must be >= 1')
    if n_interactions > 0.5 * n_users * n_items: raise DataError('scale', 'more than half of all (user, item) pairs: lower --interactions')
    rng = np.random.default_rng(seed)
    w = 1.0 / np.arange(1, n_items + 1) ** zipf
    act = rng.pareto(1.5, n_users) + 1.0
    keys = np.empty(0, 'int64')
    while len(keys) < n_interactions:                       # draw, drop repeated pairs, top up
        m = int((n_interactions - len(keys)) * 1.3) + 1000
        u = np.searchsorted(np.cumsum(act) / act.sum(), rng.random(m))
        i = np.minimum(np.searchsorted(np.cumsum(w) / w.sum(), rng.random(m)), n_items - 1)
        keys = np.sort(np.r_[keys, np.minimum(u, n_users - 1) * n_items + i])
        keys = keys[np.r_[True, keys[1:] != keys[:-1]]]     # unique by sorting (numpy 2.4's hashing np.unique is ~50x slower here)
    keys = rng.permutation(keys)[:n_interactions]
    u, i = keys // n_items, keys % n_items
    t = 1_000_000_000 + rng.integers(0, years * 365 * 86400, len(keys))
    r = np.minimum(5.0, np.maximum(0.5, np.round(rng.normal(3.6, 1.0, len(keys)) * 2) / 2))
    users, uc = np.unique(u, return_inverse=True)
    items, ic = np.unique(i, return_inverse=True)
    df = pd.DataFrame({'user': uc.astype('int64'), 'item': ic.astype('int64'), 'rating': r, 'timestamp': t.astype('int64')})
    k = rng.integers(1, 4, len(items))
    genres = ['|'.join(rng.choice(GENRES, j, replace=False)) for j in k]
    meta = pd.DataFrame({'title': [f'Movie {j}' for j in items], 'year': rng.integers(1930, 2015, len(items)).astype(float),
                         'genres': genres, 'overview': '', 'popularity': np.nan})[ITEM_COLUMNS]
    return Interactions(df, users, items, meta, name=f'synthetic-{n_users}x{n_items}')

def peak_memory(device) -> str:
    if torch.device(device).type == 'cuda': return f'{torch.cuda.max_memory_allocated(device) / 2**30:.2f} GiB CUDA (max allocated)'
    return f'{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20:.2f} GiB RSS (peak)'

def sync(device):
    if torch.device(device).type == 'cuda': torch.cuda.synchronize(device)

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--data', default='synthetic', choices=('synthetic', 'simulate') + DATASETS)
    ap.add_argument('--path', help='folder or file of a named data set')
    ap.add_argument('--scale', type=float, default=None, help='fraction of ML-20M size (138k users, 26.7k items, 17.7M interactions)')
    ap.add_argument('--users', type=int); ap.add_argument('--items', type=int); ap.add_argument('--interactions', type=int)
    ap.add_argument('--seed', type=int, default=0)
    ap.add_argument('--model', default='causalrec', choices=('causalrec', 'lightgcn'))
    ap.add_argument('--batch-size', type=int, default=2048)
    ap.add_argument('--epochs', type=int, default=1, help='training epochs to time (the median is printed)')
    ap.add_argument('--max-steps', type=int, default=None, help='time only this many batches of an epoch and scale up')
    ap.add_argument('--device', default='cpu')
    ap.add_argument('--no-text', action='store_true'); ap.add_argument('--no-train', action='store_true')
    a = ap.parse_args(argv)
    try:
        check_device(a.device)
        s = 1.0 if a.scale is None else a.scale
        size = {k: getattr(a, k) or max(1, round(v * s)) for k, v in ML20M.items()}
        t0 = time.perf_counter()
        if a.data == 'synthetic': data = synthetic_log(size['users'], size['items'], size['interactions'], a.seed)
        elif a.data == 'simulate':
            from causalrec.simulate import simulate
            data = simulate(size['users'], size['items'], size['interactions'], seed=a.seed)[0]
        else: data = load_data(a.data, a.path)
        print(f'data     {data}: built/read in {time.perf_counter() - t0:.1f} s', flush=True)
        tm = {}
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            prep = prepare(data, seed=a.seed, text=not a.no_text and a.model == 'causalrec', device=a.device, timings=tm)
        sync(a.device)
        print(f"prepare  {sum(tm.values()):.1f} s: " + ', '.join(f'{k} {tm[k]:.2f}' for k in STAGES), flush=True)
        print(f'         {prep.split}; longest history {int(prep.lengths.max())} intervals', flush=True)
        if not a.no_train:
            cfg = RunConfig(model=a.model, batch_size=a.batch_size, device=a.device, seed=a.seed, model_args={'text': False} if a.no_text and a.model == 'causalrec' else {})
            learn = Learner(cfg, prep)
            n_steps = -(-len(prep.train_users) // a.batch_size)
            if a.max_steps: learn.prep = _truncated(prep, a.max_steps * a.batch_size)
            times = []
            for _ in range(a.epochs):
                sync(a.device); t = time.perf_counter(); learn._epoch(); sync(a.device)
                times.append((time.perf_counter() - t) * (n_steps / min(n_steps, a.max_steps) if a.max_steps else 1))
            learn.prep = prep
            est = f' (scaled up from {a.max_steps} of {n_steps} steps)' if a.max_steps and a.max_steps < n_steps else ''
            print(f"epoch    {a.model}, batch {a.batch_size}, {a.device}: median {statistics.median(times):.2f} s over {len(times)} "
                  f"epoch(s){est} [{', '.join(f'{x:.2f}' for x in times)}]", flush=True)
            t = time.perf_counter(); m = learn.evaluate('valid'); sync(a.device)
            n_users = len(np.unique(np.concatenate([d.user.values for k, d in prep.split.views.items() if k.startswith('valid')])))
            print(f"evaluate full-sort top-20 of {n_users} validation users: {time.perf_counter() - t:.2f} s "
                  f"(valid ndcg@20 {m['valid']['ndcg@20']:.4f})", flush=True)
        print(f'memory   {peak_memory(a.device)}')
    except InputError as e:
        print(f'scale.py: error: {e}', file=sys.stderr); return 2
    return 0

def _truncated(prep, n):
    "A shallow copy of `prep` whose training tensors keep their first `n` rows (to time part of an epoch)."
    import dataclasses
    return dataclasses.replace(prep, train_users=prep.train_users[:n], train_items=prep.train_items[:n],
                               train_stage=prep.train_stage[:n], pop_pos=prep.pop_pos[:n])

if __name__ == '__main__': sys.exit(main())
