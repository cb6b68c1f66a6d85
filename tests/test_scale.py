"scripts/scale.py at a tiny size: every stage is timed and printed; bad sizes give one error line and exit 2."
import subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

def run(*args):
    return subprocess.run([sys.executable, str(ROOT/'scripts'/'scale.py'), *args], capture_output=True, text=True, cwd=ROOT, timeout=300)

def test_scale_tiny():
    r = run('--users', '200', '--items', '120', '--interactions', '6000', '--model', 'lightgcn', '--batch-size', '512')
    assert r.returncode == 0, r.stderr
    for word in ('data ', 'prepare ', 'positives', 'intervals', 'graph', 'epoch ', 'evaluate ', 'memory '): assert word in r.stdout, r.stdout

def test_scale_bad_size():
    r = run('--users', '10', '--items', '10', '--interactions', '90')
    assert r.returncode == 2 and r.stderr.strip().count('\n') == 0 and 'scale.py: error: scale:' in r.stderr, r.stderr
