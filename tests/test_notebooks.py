"Run every notebook through nbdev's runner, one pytest test per notebook (cells flagged `slow`/`notest` skipped)."
from pathlib import Path
import pytest
from nbdev import test as nbtest  # imported as a module so pytest does not collect nbdev's `test_nb`

NBS = Path(__file__).parent.parent/'nbs'
NOTEBOOKS = sorted(p for p in NBS.rglob('*.ipynb') if not p.name.startswith('_') and '.ipynb_checkpoints' not in str(p))

@pytest.mark.parametrize('nb', NOTEBOOKS, ids=[str(p.relative_to(NBS)) for p in NOTEBOOKS])
def test_notebook(nb):
    ok, secs = nbtest.test_nb(nb, skip_flags=['notest', 'slow'])
    assert ok, f"{nb.name} failed (see the traceback above)"
