"README.md is generated from nbs/index.ipynb and must stay in step with it and with the committed benchmark; its first two commands are the ones CI runs."
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location('readme', ROOT/'scripts'/'readme.py')
readme = importlib.util.module_from_spec(spec); spec.loader.exec_module(readme)

def test_readme_in_step_with_index():
    assert (ROOT/'README.md').read_text() == readme.render(), 'run: python scripts/readme.py'

def test_readme_starts_with_the_two_commands():
    text = (ROOT/'README.md').read_text()
    blocks = [b.split('```', 1)[0] for b in text.split('```bash\n')[1:3]]
    assert len(blocks) == 2
    assert 'pip install torch==2.13.0' in blocks[0] and 'causalrec ' in blocks[0]
    assert 'pytest' in blocks[1]
    assert text.index('```bash') < 1500, 'the two commands must be among the first lines'

def test_readme_results_are_the_committed_benchmarks():
    "The README's results table is exactly what the committed results folders give (no number typed by hand), and the README stays short."
    from causalrec.report import front_page_table
    text = (ROOT/'README.md').read_text()
    assert front_page_table(ROOT) in text, 'rerun nbs/index.ipynb and python scripts/readme.py'
    assert len(text.splitlines()) <= 150, f'README.md has {len(text.splitlines())} lines (at most 150)'
