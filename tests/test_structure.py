"""The shape of the code: no module branches on a model's name or reads a model's own setting outside that model's module
and the registry; no module imports one exported from a later notebook; no hand-written module over 350 lines."""
import ast, re
from pathlib import Path
from causalrec.registry import models, model_settings
from causalrec.config import RUN_SETTINGS

PKG = Path(__file__).resolve().parent.parent/'causalrec'
MODULES = sorted(p for p in PKG.rglob('*.py') if p.name not in ('_modidx.py',))
CORE = [p for p in MODULES if 'models' not in p.relative_to(PKG).parts and p.name != 'registry.py']

def _notebook(p: Path) -> str | None:
    m = re.search(r'File to edit: (?:\.\./)+nbs/(\S+?)\.ipynb', p.read_text()[:500])
    return m[1] if m else None

def _module(p: Path) -> str: return '.'.join(('causalrec',) + p.relative_to(PKG).with_suffix('').parts)

def test_no_branch_on_a_model_name():
    "No comparison (==, !=, in) with a registered model's name outside the models' own modules and the registry."
    names, found = set(models()), []
    for p in CORE:
        for node in ast.walk(ast.parse(p.read_text())):
            if isinstance(node, ast.Compare):
                consts = [n.value for n in [node.left, *node.comparators] for n in ast.walk(n) if isinstance(n, ast.Constant)]
                found += [f'{p.name}:{node.lineno} {c!r}' for c in consts if c in names]
    assert not found, found

def test_no_model_setting_read_outside_its_model():
    "No subscript or .get() of a model's own setting (e.g. cfg.model_args['gamma']) outside the models and the registry."
    own = {k for n in models() for k in model_settings(n)} - set(RUN_SETTINGS)
    found = []
    for p in CORE:
        for node in ast.walk(ast.parse(p.read_text())):
            key = (node.slice if isinstance(node, ast.Subscript) else
                   node.args[0] if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == 'get' and node.args else None)
            if isinstance(key, ast.Constant) and key.value in own: found.append(f'{p.name}:{node.lineno} {key.value!r}')
    assert not found, found

def test_no_import_from_a_later_notebook():
    "Each module imports only modules exported from notebooks that come earlier in the story (numbers give the order)."
    order = {_module(p): _notebook(p) for p in MODULES if _notebook(p)}
    bad = []
    for p in MODULES:
        me = _notebook(p)
        if not me: continue
        for node in ast.walk(ast.parse(p.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith('causalrec'):
                dep = order.get(node.module)
                if dep and dep > me: bad.append(f'{me} imports {node.module} ({dep})')
    assert not bad, bad

def test_modules_are_small():
    long = {p.name: n for p in MODULES if (n := len(p.read_text().splitlines())) > 350}
    assert not long, long

def test_the_checks_can_fail(tmp_path):
    "The name check finds a planted branch (so that the tests above are not vacuous)."
    src = "def f(cfg):\n    if cfg.model == 'causalrec': return 1\n"
    node = next(n for n in ast.walk(ast.parse(src)) if isinstance(n, ast.Compare))
    assert any(isinstance(n, ast.Constant) and n.value in models() for n in ast.walk(node))
