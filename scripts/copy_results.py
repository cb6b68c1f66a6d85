"""Copy a finished benchmark folder into `results/` for committing: its tables, report and figures (not the run folders),
plus `curves.csv`, the validation learning curve of every chosen run (config, seed, epoch, seconds and each
`valid*/ndcg@20` / `valid*/recall@20` column of its history.csv).

    python scripts/copy_results.py benchmarks/gowalla results/gowalla
"""
import shutil, sys
from pathlib import Path
import pandas as pd

def main(src: Path, dst: Path):
    from causalrec.runner import variant_folder
    if not (src/'report.md').exists(): sys.exit(f'copy_results.py: error: {src}: not a finished benchmark folder (no report.md)')
    dst.mkdir(parents=True, exist_ok=True)
    for f in src.iterdir():
        if f.is_file() and not f.name.endswith('.lock'): shutil.copy2(f, dst/f.name)
    ch, curves = pd.read_csv(src/'choices.csv', keep_default_na=False), []
    for r in ch.itertuples():
        h = src/'runs'/r.config/variant_folder(r.variant)/f'seed{r.seed}'/'history.csv'
        if not h.exists(): continue                                   # models without epochs (mostpop)
        h = pd.read_csv(h)
        keep = ['epoch', 'seconds'] + [c for c in h.columns if c.startswith('valid') and c.endswith(('/ndcg@20', '/recall@20'))]
        curves.append(h[keep].assign(config=r.config, seed=r.seed))
    if curves: pd.concat(curves)[['config', 'seed'] + keep].to_csv(dst/'curves.csv', index=False)
    print(f'{src} -> {dst}: ' + ', '.join(sorted(p.name for p in dst.iterdir())))

if __name__ == '__main__': main(Path(sys.argv[1]), Path(sys.argv[2]))
