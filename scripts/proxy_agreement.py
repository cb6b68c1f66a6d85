"""Which offline proxy to trust: how well each biased test view orders the models the way a random-exposure test does.

    python scripts/proxy_agreement.py benchmarks/coat                     # a finished benchmark with a `test_random` view
    python scripts/proxy_agreement.py benchmarks/sim-log --out results/simulator-proxy/proxy.csv
    python scripts/proxy_agreement.py sim-as-coat DIR --seed 0            # write a matched-simulator log in Coat's layout

For every configuration the run chosen per seed (choices.csv) is read back from its per-user scores, seeds pooled per
user (as the paired intervals are). Each proxy view (plain, balanced, IPS test views, NDCG@20) and the target
(`test_random` NDCG@10, the full-ranking protocol; `test_random_rated` NDCG@10, the short-list protocol) give one mean
per model, computed as the evaluator reports it (balanced views: mean over users within a draw, then over draws).
Kendall's τ between a proxy's and the target's orderings comes with the 2.5 and 97.5 % quantiles of its bootstrap
(users resampled once per replicate, jointly for every view and model); a percentile interval of τ is pulled towards
0 by the noise the resampling adds, so read it as a spread, not a calibrated 95 % interval. τ is also given without
the two weak models (mostpop, mf), which otherwise dominate the ordering. `side` counts the models whose ratio to
the reference lies on the same side of 1 under the proxy as under the target (point estimates), and `contradicted`
those where both intervals exclude 1 on opposite sides. Nothing here chooses a model: it reads finished runs.

`sim-as-coat` writes the matched simulator (`click_popularity='log'`) as `train.ascii` (clicks as rating 5; a
(user, item) pair clicked more than once counts once) and `test.ascii` (16 items per user drawn uniformly, rated 5 if
the planted model clicks, 1 if not), so that `causalrec benchmark --data coat --path DIR` runs on it unchanged."""
import argparse, sys
from pathlib import Path
import numpy as np, pandas as pd
from scipy.stats import kendalltau

PROXIES = (('test', 'ndcg@20'), ('test_balanced', 'ndcg@20'), ('test_ips', 'ndcg@20'), ('test', 'recall@20'))
TARGETS = (('test_random', 'ndcg@10'), ('test_random_rated', 'ndcg@10'))

def pooled_scores(bench: Path) -> dict:
    "config -> every per-user score (view, metric, draw, user, value) of its chosen runs, averaged over seeds; each file read once."
    from causalrec.runner import variant_folder
    ch, out = pd.read_csv(bench/'choices.csv', keep_default_na=False), {}
    for c, g in ch.groupby('config', sort=False):
        pu = pd.concat([pd.read_csv(bench/'runs'/c/variant_folder(v)/f'seed{s}'/'per_user.csv.gz') for s, v in zip(g.seed, g.variant)])
        out[c] = pu.groupby(['view', 'metric', 'draw', 'user']).value.mean()
    return out

def view_scores(pooled: dict, view: str, metric: str) -> pd.DataFrame:
    "(draw, user) × configs: each user's score in `view`/`metric` per draw (seeds averaged)."
    return pd.DataFrame({c: pu.loc[view, metric] for c, pu in pooled.items()}).dropna()

def model_means(S: pd.DataFrame, weights: np.ndarray) -> np.ndarray:
    """[B, configs] the view's metric as the evaluator reports it (mean over users within a draw, then over draws), with
    users weighted by `weights` [B, n_users] (bootstrap counts: the same resample for every model and every view)."""
    out = 0
    draws = S.index.get_level_values('draw')
    for d in np.unique(draws):
        Sd = S[draws == d]
        w = weights[:, Sd.index.get_level_values('user')]                  # [B, users in draw d]
        out = out + (w @ Sd.to_numpy()) / w.sum(1, keepdims=True)
    return out / len(np.unique(draws))

def agreement(bench: Path, reference='lightgcn', n_boot=1000, seed=0, weak=('mostpop', 'mf')) -> pd.DataFrame:
    pooled = pooled_scores(bench)
    scores = {(v, m): view_scores(pooled, v, m) for v, m in PROXIES + TARGETS}
    configs = list(scores[TARGETS[0]].columns)
    scores = {k: S[configs] for k, S in scores.items()}
    n_users = 1 + max(int(S.index.get_level_values('user').max()) for S in scores.values())
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, n_users, (n_boot, n_users))                      # users resampled once, jointly for every view
    counts = np.zeros((n_boot, n_users)); np.add.at(counts, (np.arange(n_boot)[:, None], idx), 1)
    point = {k: model_means(S, np.ones((1, n_users)))[0] for k, S in scores.items()}
    boots = {k: model_means(S, counts) for k, S in scores.items()}
    ref, keep = configs.index(reference), [k for k, c in enumerate(configs) if c not in weak]
    def sides(b):  # per config: +1 interval above the reference, -1 below, 0 neither
        with np.errstate(invalid='ignore', divide='ignore'): r = b / b[:, [ref]]
        lo, hi = np.nanquantile(r, [0.025, 0.975], axis=0)
        return np.where(lo > 1, 1, np.where(hi < 1, -1, 0))
    tau = lambda a, b: kendalltau(a, b).statistic
    rows = []
    for tv, tm in TARGETS:
        t_mean, t_b = point[tv, tm], boots[tv, tm]
        for pv, pm in PROXIES:
            p_mean, p_b = point[pv, pm], boots[pv, pm]
            taus = np.array([tau(p_b[i], t_b[i]) for i in range(n_boot)])
            same = np.delete(np.sign(np.log(p_mean / p_mean[ref])) == np.sign(np.log(t_mean / t_mean[ref])), ref)
            rows.append({'target': f'{tv} {tm}', 'proxy': f'{pv} {pm}', 'models': len(configs),
                         'tau': round(tau(p_mean, t_mean), 3),
                         'tau_boot_lo': round(np.nanquantile(taus, 0.025), 3), 'tau_boot_hi': round(np.nanquantile(taus, 0.975), 3),
                         f'tau_without_{"_".join(weak)}': round(tau(p_mean[keep], t_mean[keep]), 3),
                         'side': f'{int(same.sum())}/{len(same)}', 'contradicted': int(((sides(p_b) * sides(t_b)) == -1).sum())})
    return pd.DataFrame(rows)

def sim_as_coat(out: Path, seed=0, per_user=16, **kw):
    from causalrec.simulate import simulate
    inter, truth = simulate(click_popularity='log', random_test=per_user, seed=seed, **kw)
    U, I = pd.Index(inter.user_ids), pd.Index(inter.item_ids)
    tr = np.zeros((len(U), len(I)), dtype=int)
    tr[U.get_indexer(inter.df.user), I.get_indexer(inter.df.item)] = 5
    rt, te = inter.meta['random_test'], np.zeros_like(tr)
    u, i = U.get_indexer(rt.user), I.get_indexer(rt.item)
    keep = (u >= 0) & (i >= 0)
    te[u[keep], i[keep]] = rt.rating.to_numpy()[keep]
    out.mkdir(parents=True, exist_ok=True)
    for name, m in (('train.ascii', tr), ('test.ascii', te)): np.savetxt(out/name, m, fmt='%d')
    (out/'README.md').write_text(f'Matched simulator (click_popularity=log, seed {seed}, {per_user} random items per user) in Coat\'s layout, '
                                 f'written by `python scripts/proxy_agreement.py sim-as-coat {out} --seed {seed}`.\n')
    print(f'{out}: {int((tr > 0).sum())} training pairs, {int((te > 0).sum())} random-exposure ratings ({int((te >= 4).sum())} positive)')

if __name__ == '__main__':
    if len(sys.argv) > 1 and sys.argv[1] == 'sim-as-coat':
        a = argparse.ArgumentParser(); a.add_argument('cmd'); a.add_argument('out', type=Path); a.add_argument('--seed', type=int, default=0)
        a = a.parse_args(); sim_as_coat(a.out, a.seed); sys.exit()
    a = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    a.add_argument('bench', type=Path); a.add_argument('--reference', default='lightgcn')
    a.add_argument('--n-boot', type=int, default=1000); a.add_argument('--out', type=Path)
    a = a.parse_args()
    t = agreement(a.bench, a.reference, a.n_boot)
    print(t.to_markdown(index=False))
    if a.out: a.out.parent.mkdir(parents=True, exist_ok=True); t.to_csv(a.out, index=False)
