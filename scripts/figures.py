"""Redraw the figures of committed results folders from their CSVs (the same functions `causalrec benchmark` calls).

    python scripts/figures.py results/*/        # trade-off.png, popularity.png, quintiles.png (and frontier.png with a grid)
"""
import sys
from pathlib import Path
import pandas as pd
from causalrec.figures import figures, frontier

for d in map(Path, sys.argv[1:]):
    if not (d/'results.csv').exists(): continue
    made = figures(pd.read_csv(d/'results.csv'), d)
    if (d/'grid.csv').exists() and (f := frontier(pd.read_csv(d/'grid.csv'), d)): made.append(f)
    print(d, ' '.join(p.name for p in made))
