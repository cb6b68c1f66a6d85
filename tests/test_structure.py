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

# ---- notebooks: small cells, and stored outputs that say nothing about the machine or the moment they ran on ----
import json
NBS = sorted((PKG.parent/'nbs').glob('*.ipynb')) + sorted((PKG.parent/'nbs'/'results').glob('*.ipynb'))
MAX_CELL = 40
BAD_OUTPUT = [(re.compile(r'(?<![\w.])/(?:work|tmp|home|root|__w|Users|private/var)/'), 'a machine path'),
              (re.compile(r'<ipython-input-|File "/'), 'a traceback'),
              (re.compile(r'\b\w*Warning\b: '), 'a warning')]
# a timing the notebook measured and printed; tables read from a results folder may quote the benchmark's recorded wall time
PRINTED_TIMING = [(re.compile(r'\b(?:took|elapsed|in|wall(?: time)?:?)\s+\d+(?:\.\d+)?\s?(?:ms|s|sec|secs|seconds|min)\b', re.I), 'a wall-clock timing'),
                  (re.compile(r'\b\d+(?:\.\d+)?\s?(?:ms|s|secs?)(?:/| per )(?:epoch|step|it)\b'), 'a wall-clock timing')]

def _text(out) -> str:
    if 'text' in out: return ''.join(out['text'])
    data = out.get('data', {})
    return ''.join(''.join(data[k]) for k in ('text/plain', 'text/markdown', 'text/html') if k in data)

def output_problems(nb: dict, name='nb') -> list[str]:
    "One line per stored output that would mislead a reader: stderr, a warning, a traceback, a machine path, a timing."
    found = []
    for i, c in enumerate(nb['cells']):
        for out in c.get('outputs', []):
            if out.get('name') == 'stderr': found.append(f'{name} cell {i}: output on stderr'); continue
            if out.get('output_type') == 'error': found.append(f'{name} cell {i}: an error'); continue
            t, rules = _text(out), BAD_OUTPUT + (PRINTED_TIMING if out.get('output_type') == 'stream' else [])
            found += [f'{name} cell {i}: {what} ({m[0]!r})' for rx, what in rules if (m := rx.search(t))]
    return found

def test_notebook_cells_are_small():
    long = [f'{p.name} cell {i}: {n} lines' for p in NBS for i, c in enumerate(json.loads(p.read_text())['cells'])
            if c['cell_type'] == 'code' and (n := len(''.join(c['source']).splitlines())) > MAX_CELL]
    assert not long, long

def test_stored_outputs_are_clean():
    found = [f for p in NBS for f in output_problems(json.loads(p.read_text()), p.name)]
    assert not found, found

def test_no_timing_in_notebook_cells():
    "Shown cells do not time themselves (a timing belongs in a script that prints it, or in a results file)."
    clock = re.compile(r'\btime\.(?:time|perf_counter|monotonic)\(|%%?time')
    found = [f'{p.name} cell {i}' for p in NBS for i, c in enumerate(json.loads(p.read_text())['cells'])
             if c['cell_type'] == 'code' and not re.search(r'^#\|\s*export', ''.join(c['source']), re.M) and clock.search(''.join(c['source']))]
    assert not found, found

def test_output_check_can_fail():
    "Each rule finds what it is for (so that the clean result above is not vacuous)."
    cell = lambda **o: {'cell_type': 'code', 'source': [], 'outputs': [o]}
    planted = [cell(name='stderr', output_type='stream', text=['UserWarning: x']),
               cell(name='stdout', output_type='stream', text=['saved to /tmp/abc/run']),
               cell(output_type='execute_result', data={'text/plain': ['  File "/root/x.py", line 3']}),
               cell(name='stdout', output_type='stream', text=['.../x.py:3: UserWarning: sparse']),
               cell(name='stdout', output_type='stream', text=['trained in 3.2 s']),
               cell(name='stdout', output_type='stream', text=['0.41 s/epoch']),
               cell(name='stdout', output_type='stream', text=['NDCG@20 0.1234, 5 seeds, results/gowalla'])]
    found = output_problems({'cells': planted})
    assert sorted({f.split(':')[0] for f in found}) == [f'nb cell {i}' for i in range(6)], found
