"""Execute notebooks and store their outputs (what the docs site renders), the way `nbdev_test` runs them.

    python scripts/run_notebooks.py                       # every notebook in nbs/
    python scripts/run_notebooks.py nbs/07_plain.ipynb    # some

Cells flagged `#| slow` or `#| notest` are not run and keep the outputs they have (the benchmark and study cells, whose
results live in results/). Each notebook runs in its own process with nbs/ as the working directory, like nbdev's runner;
afterwards run `nbdev_clean`. A notebook that fails is left unchanged and named, with its traceback, and the exit code is 1.
"""
import re, subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIP = {'slow', 'notest'}

def run_one(path: Path) -> bool:
    "Execute one notebook in this process and write its outputs back; False (and the traceback on stderr) if a cell fails."
    from execnb.nbio import read_nb, write_nb
    from execnb.shell import CaptureShell
    from fastcore.xtras import working_directory
    nb = read_nb(path)                                       # the raw notebook: its `#|` lines are written back unchanged
    flag = re.compile(r'^\s*#\s*\|\s*(\w+)', re.M)
    flagged = lambda c: c.cell_type == 'code' and bool(SKIP & set(flag.findall(c.source)))
    for c in nb.cells:                                       # execnb keeps a cell's old outputs when it now prints nothing
        if c.cell_type == 'code' and not flagged(c): c.outputs = []
    shell = CaptureShell(path)
    try:
        with working_directory(path.parent): shell.run_all(nb, exc_stop=True, preproc=flagged)
    except Exception:
        sys.stderr.write(f'{path}: failed\n{shell.prettytb(fname=path) if hasattr(shell, "_cell_idx") else ""}\n')
        return False
    write_nb(nb, path)
    return True

if __name__ == '__main__':
    if sys.argv[1:2] == ['--one']: sys.exit(0 if run_one(Path(sys.argv[2])) else 1)
    paths = [Path(p) for p in sys.argv[1:]] or sorted((ROOT/'nbs').glob('*.ipynb')) + sorted((ROOT/'nbs'/'results').glob('*.ipynb'))
    bad = [p for p in paths if subprocess.run([sys.executable, __file__, '--one', str(p.resolve())]).returncode]
    print(f'{len(paths) - len(bad)} of {len(paths)} notebooks executed' + (f'; failed: {", ".join(p.name for p in bad)}' if bad else ''))
    sys.exit(1 if bad else 0)
