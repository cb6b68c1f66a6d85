"The docs builder's API entries and links (docs/prepare_nbs.py) and the site checker (docs/check_site.py), on small inputs."
import ast, importlib.util, sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent/'docs'

def load(name):
    spec = importlib.util.spec_from_file_location(name, DOCS/f'{name}.py')
    mod = importlib.util.module_from_spec(spec); sys.modules[name] = mod; spec.loader.exec_module(mod)
    return mod

prep, check = load('prepare_nbs'), load('check_site')

def test_dataclass_fields_with_their_comments():
    args, ret, comments = prep.written_signature('causalrec.config', 'RunConfig')
    assert args.startswith("data: str = 'ml-latest-small', path: str | None = None")
    assert 'model_args: dict = dict()' in args and ret is None
    from dataclasses import fields
    from causalrec.config import RunConfig
    assert comments['epochs'] == 'most epochs to train' and set(comments) == {f.name for f in fields(RunConfig)}

def test_written_types_not_nonetype():
    args, ret, _ = prep.written_signature('causalrec.metrics', 'evaluate')
    assert 'NoneType' not in args and args.startswith('score_fn: Callable[[Tensor], Tensor], split: Split')

def test_patched_method_found_and_self_dropped():
    args, ret, _ = prep.written_signature('causalrec.learner', 'Learner.evaluate')
    assert args == "part='valid', mode=None, per_user=False" and ret == 'dict | tuple[dict, pd.DataFrame]'
    assert 'fit' in prep.methods_of('causalrec.learner', 'Learner')

def test_short_names_are_unique_and_methods_qualified():
    t = prep.api_targets({'lib.a.Learner', 'lib.a.Learner.evaluate', 'lib.b.evaluate', 'lib.c.f', 'lib.d.f'})
    assert t['Learner'] == 'lib.a.Learner' and t['Learner.evaluate'] == 'lib.a.Learner.evaluate'
    assert t['evaluate'] == 'lib.b.evaluate' and 'f' not in t and t['lib.c.f'] == 'lib.c.f'

def test_link_names_leaves_code_headings_and_unknown_names():
    t = {'Learner': 'lib.a.Learner', 'Learner.fit': 'lib.a.Learner.fit'}
    md = '## The `Learner`\n\nCall `Learner.fit()` on a `Learner`; `other` and `nn.LSTM`.\n\n```python\n`Learner`\n```\n'
    out = prep.link_names(md, t)
    assert '## The `Learner`' in out and '\n`Learner`\n```' in out
    assert '{py:obj}`Learner.fit() <lib.a.Learner.fit>`' in out and 'a {py:obj}`Learner <lib.a.Learner>`;' in out
    assert '`other`' in out and '[`nn.LSTM`](https://' in out
    entry = '````{py:function} g()\n:module: lib.a\n\nUses a `Learner`.\n````\n'   # API entries are not code
    assert '{py:obj}`Learner <lib.a.Learner>`' in prep.link_names(entry, t)

def test_check_site_sees_unlinked_names_outside_headings():
    p = check.Page(); p.feed('<h2><code class="docutils literal notranslate">A</code></h2><p><code class="docutils literal'
                             ' notranslate">B</code> <a href="#x"><code class="xref py docutils literal">C</code></a></p>')
    assert p.literals == ['B']

def test_check_site_knows_katex_environments():
    page = r'$A = \begin{psmallmatrix}1\end{psmallmatrix}$, $B = \left(\begin{smallmatrix}1\end{smallmatrix}\right)$'
    assert check.katex_problems(page) == [r'maths uses \begin{psmallmatrix}, which KaTeX does not render']
    assert check.katex_problems(page.replace('psmallmatrix', 'pmatrix')) == []

def test_fences_close_by_character_and_length():
    t = {'Learner': 'lib.a.Learner', 'train': 'lib.b.train'}
    md = '````{py:function} g()\n\n```python\n`Learner`\n```\n\nthen `Learner`.\n````\n~~~\n`Learner`\n```\n~~~\nafter `Learner`; the `train` part.\n'
    out = prep.link_names(md, t).splitlines()
    assert out[3] == '`Learner`' and out[6].startswith('then {py:obj}') and out[9] == '`Learner`'
    assert out[12].startswith('after {py:obj}') and out[12].endswith('the `train` part.')   # NOLINK: a word, not a link

def test_properties_are_properties():
    kinds = {m: any(ast.unparse(d) == 'property' for d in n.decorator_list) for m, (_, n) in prep.methods_of('causalrec.split', 'Split').items()}
    assert kinds['n_users'] and not kinds.get('__init__', False)
    entries = '\n'.join(prep.method_entries('causalrec.split', 'Split', {}, set(), set()))
    assert '{py:property} Split.n_users\n' in entries and 'Split.n_users()' not in entries
