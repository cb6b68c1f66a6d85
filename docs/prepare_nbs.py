"""Copy the notebooks into docs/nbs for Sphinx and render them the way nbdev's own site would.

Usage: python prepare_nbs.py ../nbs nbs      (build.sh runs it; works for any notebook under nbs/)

* nbdev plumbing: `#| hide` / `#| include: false` cells are dropped (source and outputs), `#|` directive lines
  are stripped from the code shown, cells left empty are dropped, and `show_doc(...)` calls show only their output
  (`#| echo: false` and `#| output: false` are honoured too).
* API entries: each show_doc markdown output (written for Quarto) becomes a Sphinx object, a `py:function`,
  `py:class`, `py:exception` or `py:method` directive with `:module:` from the source link (or the notebook's
  `#| default_exp`), so it has an anchor, a page-contents and index entry and is found by search. Docments comments
  become `:param:`/`:returns:` fields; docstrings are escaped (`<mode>` is text, not HTML), the inherited
  "Call self as a function." is dropped and indented docstring lines (a `Shapes:` block) stay a list.
  A name in the module's `__all__` with no show_doc (a constant, say) gets an entry built from the module's source,
  placed after the cell that defines it. Each page with a `default_exp` gets a `py:module` directive under its
  title, so the module index is real. Source links go to `_sources.json` for `sphinx.ext.linkcode`.
* Stored outputs are scrubbed of the paths of the machine that ran them: the checkout prefix of a file in the
  library becomes relative (`causalrec/data.py:482`), ipykernel's temporary cell files are dropped.
* In a markdown table whose first column is `notebook`, a notebook name becomes a link to its page.
* `_toc.md`: the toctrees of every notebook copied (index.md includes it), so new notebooks appear without edits.
"""
import ast, configparser, io, json, re, sys, tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_cfg = configparser.ConfigParser(); _cfg.read(ROOT/'settings.ini')
LIB_PATH = _cfg['DEFAULT'].get('lib_path', 'causalrec')
LIB_NAME = _cfg['DEFAULT'].get('lib_name', LIB_PATH)
GIT_URL = _cfg['DEFAULT'].get('git_url', '').rstrip('/')
BRANCH = _cfg['DEFAULT'].get('branch', 'main')

# ---------------------------------------------------------------- cells: nbdev directives
DIRECTIVE = re.compile(r'^\s*#\s*\|\s*([\w-]+)\s*:?\s*(.*?)\s*$')

def directives(src: str):
    "(directives {name: value}, source without the `#|` lines)."
    flags, kept = {}, []
    for line in src.splitlines():
        m = DIRECTIVE.match(line)
        if m: flags[m.group(1).lower()] = m.group(2).lower()
        else: kept.append(line)
    return flags, '\n'.join(kept).strip('\n')

def drop_show_doc(code: str) -> str:
    "`code` without its top-level `show_doc(...)` statements (whole lines)."
    try: tree = ast.parse(code)
    except SyntaxError: return code                       # magics and the like: leave as they are
    lines, drop = code.splitlines(), set()
    for st in tree.body:
        if (isinstance(st, ast.Expr) and isinstance(st.value, ast.Call) and isinstance(st.value.func, ast.Name)
                and st.value.func.id == 'show_doc'):
            drop.update(range(st.lineno - 1, st.end_lineno))
    return '\n'.join(l for i, l in enumerate(lines) if i not in drop).strip('\n')

def default_exp(nb) -> str | None:
    for cell in nb['cells']:
        if cell['cell_type'] != 'code': continue
        flags, _ = directives(''.join(cell['source']))
        if 'default_exp' in flags: return flags['default_exp'].split()[0]
    return None

# ---------------------------------------------------------------- outputs: machine paths
LIB_FILE = re.compile(r'(?<![\w.~:/-])(?:/[^/\s\'"():<>]+)+?/(' + re.escape(LIB_PATH) + r'/[\w./-]+\.py)')
SITE = re.compile(r'(?<![\w.~:/-])(?:/[^/\s\'"():<>]+)+?/site-packages/')
IPYKERNEL_WARN = re.compile(r'^/tmp/ipykernel_\d+/\d+\.py:\d+: ', re.M)
IPYKERNEL = re.compile(r'/tmp/ipykernel_\d+/\d+\.py')

def scrub(text: str) -> str:
    "Paths of the machine that ran the notebook -> relative ones; ipykernel's temporary cell files dropped."
    text = LIB_FILE.sub(r'\1', text)
    text = SITE.sub('site-packages/', text)
    text = IPYKERNEL_WARN.sub('', text)
    return IPYKERNEL.sub('<notebook cell>', text)

def scrub_output(out):
    for key in ('text', 'traceback', 'evalue'):
        if key in out: out[key] = _map(out[key], scrub)
    for mime, v in out.get('data', {}).items():
        if mime.startswith('text/') or mime.endswith(('json', 'javascript', 'svg+xml')): out['data'][mime] = _map(v, scrub)

def _map(v, f):
    if isinstance(v, list): return [f(x) for x in v]
    return f(v) if isinstance(v, str) else v

# ---------------------------------------------------------------- API entries
def escape_md(text: str) -> str:
    "Escape `<`, `>` (raw HTML in MyST) outside code spans."
    parts = re.split(r'(`+[^`]*`+)', text)
    return ''.join(p if i % 2 else p.replace('<', r'\<').replace('>', r'\>') for i, p in enumerate(parts))

def docstring_md(doc: str) -> str:
    "show_doc's docstring markdown -> MyST: no italics wrapper, no inherited text, indented lines kept as a list."
    doc = doc.strip()
    m = re.match(r'^\*(.+?)\*(\n\n|\Z)', doc, re.S)
    if m: doc = m.group(1) + m.group(2) + doc[m.end():]
    doc = re.sub(r'^\s*Call self as a function\.\s*$', '', doc, flags=re.M)
    out, in_block = [], False
    for line in doc.splitlines():
        if line[:1] in (' ', '\t') and line.strip() and out and (in_block or out[-1].rstrip().endswith(':')):
            item = line.strip()
            if not in_block: out.append('')               # a list can follow the "Shapes:" line
            out.append(item if re.match(r'^[-*+] ', item) else '- ' + item)
            in_block = True
        else:
            if in_block and line.strip(): out.append('')
            out.append(line); in_block = False
    return escape_md('\n'.join(out).strip())

def signature(code: str):
    "(kind, name, arguments, return annotation, {argument or 'return': docments comment}) from show_doc's code block."
    code = re.sub(r'=<(\w+)>', r'=\1()', code.strip())          # a dataclass field's `=<factory>` -> `=factory()`
    src = code + '\n    pass'
    fn = ast.parse(src).body[0]
    if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return 'def', fn.name, ast.unparse(fn.args), ast.unparse(fn.returns) if fn.returns else None, arg_comments(fn, comment_rows(src))
    return 'class', fn.name, '', None, {}

def comment_rows(src: str) -> dict:
    "{line number: comment text} of a piece of Python source."
    return {t.start[0]: t.string.lstrip('#').strip()
            for t in tokenize.generate_tokens(io.StringIO(src).readline) if t.type == tokenize.COMMENT}

def arg_comments(fn, rows: dict) -> dict:
    "{argument or 'return': the comment on its line} for a def's header (a comment belongs to the last argument on its line)."
    a = fn.args
    args = [*a.posonlyargs, *a.args, *([a.vararg] if a.vararg else []), *a.kwonlyargs, *([a.kwarg] if a.kwarg else [])]
    out = {}
    for row in range(fn.lineno, fn.body[0].lineno):                # the header only (a one-line def's comment is its body's)
        if row not in rows: continue
        on_row = [x for x in args if x.lineno == row]
        if on_row: out[max(on_row, key=lambda x: x.col_offset).arg] = rows[row]
        elif fn.returns is not None and fn.returns.lineno == row: out['return'] = rows[row]
    return out

def param_fields(comments: dict) -> list:
    "`:param:` / `:returns:` lines of an API entry from {argument or 'return': comment}."
    fields = [f':param {a}: {escape_md(c)}' for a, c in comments.items() if a != 'return']
    return fields + ([f':returns: {escape_md(comments["return"])}'] if 'return' in comments else [])

_src_cache = {}
def module_source(module: str) -> tuple:
    "(ast tree, {line: comment}) of a library module, each read and parsed once (nothing imported)."
    if module not in _src_cache:
        path = module_path(module)
        src = path.read_text() if path and path.exists() else ''
        _src_cache[module] = ast.parse(src), comment_rows(src)
    return _src_cache[module]

_mod_cache = {}
def module_defs(module: str | None) -> dict:
    "{name: ast node} of a library module's top level."
    if not module: return {}
    if module not in _mod_cache:
        defs = {}
        for node in module_source(module)[0].body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)): defs[node.name] = node
            elif isinstance(node, (ast.Assign, ast.AnnAssign)):
                for t in (node.targets if isinstance(node, ast.Assign) else [node.target]):
                    if isinstance(t, ast.Name): defs[t.id] = node
        _mod_cache[module] = defs
    return _mod_cache[module]

def module_path(module: str | None):
    if not module: return None
    rel = module.split('.', 1)[1] if module.startswith(LIB_NAME + '.') else module
    return ROOT/LIB_PATH/(rel.replace('.', '/') + '.py')

def source_url(module: str, line: int) -> str:
    "The repository URL of a line of a library module."
    return f'{GIT_URL}/blob/{BRANCH}/{LIB_PATH}/{module_path(module).relative_to(ROOT/LIB_PATH).as_posix()}#L{line}'

def library_modules() -> list:
    return sorted(LIB_NAME + '.' + p.relative_to(ROOT/LIB_PATH).with_suffix('').as_posix().replace('/', '.')
                  for p in (ROOT/LIB_PATH).rglob('*.py') if not p.name.startswith('_'))

def _is_patch(fn) -> bool:
    "`fn` is `@patch`ed onto a class (named by its first argument's annotation)."
    if not any(ast.unparse(d).split('(')[0] in ('patch', 'fastcore.basics.patch') for d in fn.decorator_list): return False
    first = (fn.args.posonlyargs + fn.args.args)[:1]
    return bool(first) and first[0].annotation is not None

_patched = None
def patched_methods() -> dict:
    "{class name: {method: (defining module, ast node)}} of every `@patch`ed function in the library (one pass)."
    global _patched
    if _patched is None:
        _patched = {}
        for m in library_modules():
            for n in module_source(m)[0].body:
                if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and _is_patch(n):
                    _patched.setdefault(ast.unparse((n.args.posonlyargs + n.args.args)[0].annotation), {})[n.name] = (m, n)
    return _patched

def methods_of(module: str, cls: str) -> dict:
    "{method name: (defining module, ast node)}: the class body's own defs, then `@patch`ed ones from any library module."
    node, out = module_defs(module).get(cls), {}
    if isinstance(node, ast.ClassDef):
        for n in node.body:
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)): out[n.name] = (module, n)
    return {**out, **patched_methods().get(cls, {})}

def _is_dataclass(node) -> bool:
    return any(ast.unparse(d).split('(')[0].endswith('dataclass') for d in node.decorator_list)

def written_signature(module: str | None, name: str):
    "(arguments, return annotation, {argument: comment}) as written in the library's source (types as written, not"
    " `NoneType`; a dataclass's fields with the comments beside them), or None when the source has no such object."
    if not module: return None
    cls, _, meth = name.partition('.')
    if meth:
        found = methods_of(module, cls).get(meth)
        if not found: return None
        src_mod, node = found
    else: src_mod, node = module, module_defs(module).get(name)
    rows = module_source(src_mod)[1]
    if isinstance(node, ast.ClassDef) and _is_dataclass(node):
        parts, comments = [], {}
        for st in node.body:
            if not (isinstance(st, ast.AnnAssign) and isinstance(st.target, ast.Name)): continue
            default = st.value
            if isinstance(default, ast.Call) and ast.unparse(default.func).endswith('field'):
                kw = {k.arg: k.value for k in default.keywords}
                default = ast.Call(kw['default_factory'], [], []) if 'default_factory' in kw else kw.get('default')
            parts.append(f'{st.target.id}: {ast.unparse(st.annotation)}' + (f' = {ast.unparse(default)}' if default is not None else ''))
            if st.end_lineno in rows: comments[st.target.id] = rows[st.end_lineno]
        return ', '.join(parts), None, comments
    if isinstance(node, ast.ClassDef):
        node = next((n for n in node.body if isinstance(n, ast.FunctionDef) and n.name == '__init__'), None)
        if node is None: return '', None, {}                 # the base class's constructor: no arguments of its own to show
        meth = '__init__'
    if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)): return None
    comments = arg_comments(node, rows)
    a = ast.parse(ast.unparse(node)).body[0].args                      # a copy whose first argument can be dropped
    bound = meth and not any(ast.unparse(d) == 'staticmethod' for d in node.decorator_list)
    if bound and (a.posonlyargs or a.args):
        (a.posonlyargs if a.posonlyargs else a.args).pop(0)
        comments.pop((node.args.posonlyargs + node.args.args)[0].arg, None)
    return ast.unparse(a), ast.unparse(node.returns) if node.returns else None, comments

def module_all(module: str) -> list:
    node = module_defs(module).get('__all__')
    try: return list(ast.literal_eval(node.value)) if node is not None else []
    except ValueError: return []

def object_kind(module, name, sig_kind):
    node = module_defs(module).get(name.split('.')[0])
    if '.' in name: return 'method'
    if isinstance(node, ast.ClassDef):
        bases = [ast.unparse(b) for b in node.bases]
        return 'exception' if any(b.endswith(('Error', 'Exception', 'Warning')) for b in bases) else 'class'
    if isinstance(node, (ast.Assign, ast.AnnAssign)): return 'data'
    if node is None and sig_kind == 'class': return 'class'
    return 'function'

def directive(kind, module, name, args, ret, doc, fields=(), extra=()):
    head = f'{name}({args})' if kind not in ('data', 'property') else name
    if ret and kind in ('function', 'method'): head += f' -> {ret}'
    opts = ([f':module: {module}'] if module else []) + list(extra)
    body = '\n'.join(opts) + '\n\n' + (doc + '\n\n' if doc else '') + '\n'.join(fields)
    return f'````{{py:{kind}}} {head}\n{body.rstrip()}\n````\n'

QUARTO_ATTR = re.compile(r'\)\{target="_blank"[^}]*\}')
SRC_LINK = re.compile(r'^\[source\]\(([^)]*)\)(\{[^}\n]*\})?[ \t]*$', re.M)
HEADER = re.compile(r'^#{2,6}[ \t]+(\S+)[ \t]*$', re.M)
CODE = re.compile(r'^```python\n(.*?)\n```[ \t]*$', re.M | re.S)

def api_entry(md: str, page_module: str | None, links: dict, seen: set):
    "show_doc markdown -> (MyST directive, module, name), or None when it is not in show_doc's shape."
    link, head, code = SRC_LINK.search(md), HEADER.search(md), CODE.search(md)
    if not (head and code) or code.start() < head.end(): return None
    name = head.group(1).strip('`\\')
    url = link.group(1) if link else None
    module = page_module
    if url:
        tail = url.split('#')[0].rsplit(f'/{LIB_PATH}/', 1)          # .../blob/main/causalrec/losses.py#L15
        if len(tail) == 2 and tail[1].endswith('.py'): module = LIB_NAME + '.' + tail[1][:-3].replace('/', '.')
    try: sig_kind, _, args, ret, comments = signature(code.group(1))
    except (SyntaxError, IndexError, tokenize.TokenError): return None
    kind = object_kind(module, name, sig_kind)
    if kind == 'data': kind = 'function'                  # show_doc of a callable instance
    written = written_signature(module, name)
    if written:                                           # the source's own types and comments over show_doc's guesses
        args, ret, src_comments = written
        comments = {**comments, **src_comments}
    doc = docstring_md(md[code.end():])
    fields = param_fields(comments)
    key = f'{module}.{name}' if module else name
    extra = [':no-index:'] if key in seen else []
    seen.add(key)
    if url and not extra: links[key] = url
    return directive(kind, module, name, args, ret, doc, fields, extra), module, name

def source_entry(module: str, name: str, links: dict) -> str | None:
    "An entry for an exported name show_doc does not show, built from the module's source."
    node = module_defs(module).get(name)
    if node is None: return None
    kind = object_kind(module, name, None)
    doc, args, ret, extra, fields = '', '', None, [], []
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        args, ret, comments = written_signature(module, name) or ('', None, {})
        fields = param_fields(comments)
    else:
        value = ast.unparse(node.value) if node.value is not None else ''
        if value and len(value) <= 120: extra.append(f':value: {value}')
        if isinstance(node, ast.AnnAssign): extra.append(f':type: {ast.unparse(node.annotation)}')
    if not isinstance(node, (ast.Assign, ast.AnnAssign)):
        ds = ast.get_docstring(node)
        if ds: doc = docstring_md('*' + ds.split('\n\n')[0] + '*' + ('\n\n' + ds.split('\n\n', 1)[1] if '\n\n' in ds else ''))
    if GIT_URL: links[f'{module}.{name}'] = source_url(module, node.lineno)
    return directive(kind, module, name, args, ret, doc, fields, extra)

def method_entries(module: str, cls: str, links: dict, seen: set, shown: set) -> list:
    "Entries for the public methods of `cls` (its own and `@patch`ed ones) that no notebook show_docs."
    out = []
    for meth, (src_mod, node) in methods_of(module, cls).items():
        key = f'{module}.{cls}.{meth}'
        if meth.startswith('_') or key in seen or f'{cls}.{meth}' in shown: continue
        args, ret, comments = written_signature(module, f'{cls}.{meth}')
        prop = any(ast.unparse(d).split('.')[-1] in ('property', 'cached_property') for d in node.decorator_list)
        ds = ast.get_docstring(node) or ''
        doc = docstring_md('*' + ds.split('\n\n')[0] + '*' + ('\n\n' + ds.split('\n\n', 1)[1] if '\n\n' in ds else '')) if ds else ''
        fields = param_fields(comments)
        if GIT_URL: links[key] = source_url(src_mod, node.lineno)
        seen.add(key)
        if prop: out.append(directive('property', module, f'{cls}.{meth}', '', None, doc, (), [f':type: {ret}'] if ret else []))
        else: out.append(directive('method', module, f'{cls}.{meth}', args, ret, doc, fields))
    return out

def defined_names(code: str) -> set:
    try: tree = ast.parse(code)
    except SyntaxError: return set()
    names = set()
    for st in tree.body:
        if isinstance(st, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)): names.add(st.name)
        elif isinstance(st, ast.Assign): names.update(t.id for t in st.targets if isinstance(t, ast.Name))
        elif isinstance(st, ast.AnnAssign) and isinstance(st.target, ast.Name): names.add(st.target.id)
    return names

_ids = iter(range(10**9))
def md_cell(text): return {'cell_type': 'markdown', 'id': f'docs-{next(_ids)}', 'metadata': {}, 'source': text}

# ---------------------------------------------------------------- markdown: index table links
def link_notebook_table(text: str, stems: set) -> str:
    "In a table whose first header is `notebook`, link each first-column notebook name to its page."
    out, in_table = [], False
    for line in text.splitlines():
        cells = line.split('|')
        if line.lstrip().startswith('|') and len(cells) > 2:
            first = cells[1].strip()
            if first.lower() == 'notebook': in_table = True
            elif in_table and first.strip('`') in stems:
                cells[1] = f' {{doc}}`{first.strip("`")} <{first.strip("`")}>` '
                line = '|'.join(cells)
        else: in_table = False
        out.append(line)
    return '\n'.join(out)

# ---------------------------------------------------------------- one notebook
def prepare(nb, rel_stems: set, links: dict, seen: set, shown_all: set = frozenset()):
    module = default_exp(nb)
    mod = f'{LIB_NAME}.{module}' if module else None
    cells, titled = [], False
    shown = {n for c in nb['cells'] if c['cell_type'] == 'code'               # names this notebook show_docs
             for n in re.findall(r'show_doc\(\s*([\w.]+)', ''.join(c['source']))}
    for cell in nb['cells']:
        src = ''.join(cell['source'])
        if cell['cell_type'] == 'markdown':
            cell['source'] = link_notebook_table(src, rel_stems)
            cells.append(cell)
            if mod and not titled and re.match(r'^\s*# ', src):
                cells.append(md_cell(f'```{{py:module}} {mod}\n:no-contents-entry:\n```\n')); titled = True
            continue
        if cell['cell_type'] != 'code': cells.append(cell); continue
        flags, code = directives(src)
        if 'hide' in flags or flags.get('include') == 'false': continue
        code = drop_show_doc(code)
        outs = cell.get('outputs', [])
        if flags.get('output') == 'false' or 'hide_output' in flags: outs = []
        new_outs = []
        for out in outs:
            scrub_output(out)
            md = out.get('data', {}).get('text/markdown')
            if md is not None:
                text = ''.join(md) if isinstance(md, list) else md
                entry = api_entry(text, mod, links, seen)
                if entry:
                    text = entry[0]
                    if object_kind(entry[1], entry[2], None) in ('class', 'exception'):
                        text += '\n' + '\n'.join(method_entries(entry[1], entry[2], links, seen, shown_all))
                    out['data'] = {'text/markdown': text}
                else:                                      # not show_doc's shape: only adapt Quarto's markdown
                    out['data']['text/markdown'] = QUARTO_ATTR.sub(')', re.sub(r'^\s*---\s*\n', '', text))
            new_outs.append(out)
        cell['outputs'] = new_outs
        if not code.strip() and not new_outs: continue
        tags = cell.setdefault('metadata', {}).setdefault('tags', [])
        if not code.strip() or flags.get('echo') == 'false' or 'hide_input' in flags:
            tags.append('remove-input')                    # (myst-nb skips a cell whose source is empty)
            code = '# (source hidden)'
        cell['source'] = code
        cells.append(cell)
        if mod and ('export' in flags or 'exports' in flags):    # exported names show_doc does not show
            for name in sorted(defined_names(code) & set(module_all(mod)), key=code.find):
                if name in shown or f'{mod}.{name}' in seen: continue
                entry = source_entry(mod, name, links)
                if entry:
                    seen.add(f'{mod}.{name}')
                    if object_kind(mod, name, None) in ('class', 'exception'):
                        entry += '\n' + '\n'.join(method_entries(mod, name, links, seen, shown_all))
                    cells.append(md_cell(entry))
    nb['cells'] = cells
    nb['metadata'].pop('widgets', None)
    return nb

# ---------------------------------------------------------------- markdown: backticked names -> links
EXTERNAL = {   # plain links (no inventories can be fetched offline); names as the prose writes them
    'LGConv': 'https://pytorch-geometric.readthedocs.io/en/latest/generated/torch_geometric.nn.conv.LGConv.html',
    'torch_geometric.metrics': 'https://pytorch-geometric.readthedocs.io/en/latest/modules/metrics.html',
    'nn.LSTM': 'https://docs.pytorch.org/docs/stable/generated/torch.nn.LSTM.html',
    'torch.Generator': 'https://docs.pytorch.org/docs/stable/generated/torch.Generator.html',
    'torch.distributed': 'https://docs.pytorch.org/docs/stable/distributed.html',
    'np.unique': 'https://numpy.org/doc/stable/reference/generated/numpy.unique.html',
    'np.add.reduceat': 'https://numpy.org/doc/stable/reference/generated/numpy.ufunc.reduceat.html',
    'pd.DataFrame': 'https://pandas.pydata.org/docs/reference/api/pandas.DataFrame.html',
}
NOLINK = {'train', 'forecast'}   # exported names that prose mostly uses as words (a split part, an inference mode): never linked
BACKTICKED = re.compile(r'(?<![`\[\w])`([A-Za-z_][\w.]*)(\(\))?`(?![`\]])')
FENCE = re.compile(r'^\s*(`{3,}|~{3,})(.*)$')

def api_targets(seen: set) -> dict:
    "{name as prose writes it: entry}: the full name, and the short one where unique (`Learner`; a method only as"
    " `Learner.fit`, so that `evaluate` means the function, not every class's method of that name)."
    short = {}
    for key in seen:
        parent, _, last = key.rpartition('.')
        name = f'{parent.rpartition(".")[2]}.{last}' if parent in seen else last
        short.setdefault(name, set()).add(key)
    return {**{k: next(iter(v)) for k, v in short.items() if len(v) == 1}, **{k: k for k in seen}}

def link_names(text: str, targets: dict) -> str:
    "Backticked API names in markdown -> links to their entries (`{py:obj}`), known outside names -> plain links;"
    " code blocks, headings and display maths are left as they are (directives such as API entries are not code)."
    out, stack = [], []                                   # open fences: (kind, fence characters)
    for line in text.splitlines():
        m = FENCE.match(line)
        if m:
            fence, info = m.group(1), m.group(2).strip()
            top = stack[-1][1] if stack else ''
            if stack and not info and fence[0] == top[0] and len(fence) >= len(top): stack.pop()   # closes the innermost
            elif not stack or stack[-1][0] == 'directive':
                stack.append(('directive' if info.startswith('{') else 'code', fence))
            out.append(line); continue
        if any(k == 'code' for k, _ in stack) or line.lstrip().startswith(('#', '$$')): out.append(line); continue
        def sub(m):
            name, call = m.group(1), m.group(2) or ''
            if name in targets and name not in NOLINK: return f'{{py:obj}}`{name}{call} <{targets[name]}>`'
            if name in EXTERNAL: return f'[`{name}{call}`]({EXTERNAL[name]})'
            return m.group(0)
        out.append(BACKTICKED.sub(sub, line))
    return '\n'.join(out) + ('\n' if text.endswith('\n') else '')

def toc(rels) -> str:
    "Toctrees for every copied notebook: the top level in order, then one per folder (index.md includes this)."
    groups = {}
    for rel in rels:
        if rel == 'index': continue
        groups.setdefault(rel.rsplit('/', 1)[0] if '/' in rel else '', []).append(rel)
    out = []
    for folder in sorted(groups, key=lambda f: (f != '', f)):
        caption = 'The method, notebook by notebook' if not folder else folder.replace('_', ' ').capitalize()
        out.append(f'```{{toctree}}\n:maxdepth: 1\n:hidden:\n:caption: {caption}\n\n' + '\n'.join(f'nbs/{r}' for r in groups[folder]) + '\n```\n')
    return '\n'.join(out)

def main(src: Path, dst: Path):
    dst.mkdir(parents=True, exist_ok=True)
    paths = sorted(p for p in src.rglob('*.ipynb')
                   if not any(part.startswith(('_', '.')) for part in p.relative_to(src).parts))
    rels = [p.relative_to(src).with_suffix('').as_posix() for p in paths]
    links, seen = {}, set()
    shown_all = {n for p in paths for c in json.loads(p.read_text())['cells'] if c['cell_type'] == 'code'
                 for n in re.findall(r'show_doc\(\s*([\w.]+)', ''.join(c['source']))}
    prepared = []
    for p, rel in zip(paths, rels):
        folder = lambda r: r.rsplit('/', 1)[0] if '/' in r else ''
        stems = {r.rsplit('/', 1)[-1] for r in rels if folder(r) == folder(rel)}   # pages a table here can link
        prepared.append((p, prepare(json.loads(p.read_text()), stems, links, seen, shown_all)))
    targets = api_targets({k for k in seen if k.startswith(LIB_NAME + '.')})
    for p, nb in prepared:
        if p.relative_to(src).as_posix() == 'index.ipynb':    # the README's notebook: the site's landing page is the 'causalrec' page
            first = next(c for c in nb['cells'] if c['cell_type'] == 'markdown')
            first['source'] = re.sub(r'^# .*$', '# The front page (README)', ''.join(first['source']), count=1, flags=re.M)
        for cell in nb['cells']:
            if cell['cell_type'] == 'markdown':
                cell['source'] = link_names(''.join(cell['source']), targets)
            for o in cell.get('outputs', []):                # API entries shown by show_doc
                md = o.get('data', {}).get('text/markdown')
                if isinstance(md, str) and md.startswith('````{py:'): o['data']['text/markdown'] = link_names(md, targets)
        out = dst/p.relative_to(src); out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(nb, indent=1, ensure_ascii=False))
    (dst/'_toc.md').write_text(toc(rels))
    (dst/'_sources.json').write_text(json.dumps(links, indent=1))

if __name__ == '__main__': main(Path(sys.argv[1]), Path(sys.argv[2]))
