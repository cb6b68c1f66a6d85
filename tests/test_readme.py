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

def test_readme_results_are_the_committed_benchmark():
    "The README's results section is exactly what the committed results files give (no number typed by hand)."
    from causalrec.report import readme_results
    text = (ROOT/'README.md').read_text()
    shown = [d for d in sorted((ROOT/'results').iterdir()) if (d/'results.csv').exists() and f'](results/{d.name}/' in text]
    assert 'ml-latest-small' in [d.name for d in shown]
    for d in shown:
        assert readme_results(d, link=f'results/{d.name}') in text, f'{d.name}: rerun nbs/index.ipynb and python scripts/readme.py'
