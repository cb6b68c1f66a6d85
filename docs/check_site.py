"""Check the built docs site; exit 1 with one line per problem. Usage: python check_site.py _build/html   (build.sh runs it)

* no page shows nbdev plumbing in its code: a `#| export`, `#| hide` or `#| default_exp` line, a `show_doc(` call;
* every name in a library module's `__all__` (read from `causalrec/*.py` with `ast`, nothing imported) has an element
  with its id (`module.name`) on the page of the notebook whose `#| default_exp` is that module, is listed in
  `genindex.html` and is a searchable object in `searchindex.js`;
* `genindex.html` lists entries at all;
* no page shows a path of the machine that ran the notebooks (`/work/`, `/root/`, `/home/`, `/tmp/ipykernel`);
* every page `objects.inv` points to exists;
* every `[source]` link starts with the repository URL (`git_url` in settings.ini);
* no page shows `<ipython-input` (a warning's origin in a stored output) or a KaTeX error, or uses a maths environment
  KaTeX does not have (`psmallmatrix`);
* every image has alt text;
* no page shows `NoneType` (a signature must show the types written in the source), no inline code in prose that is
  an exported name (`Learner`) is left without a link to its entry (headings, and the few names in `NOLINK` that prose
  uses as words, are not linked), and no cross-reference resolves to nothing;
* every notebook (and Results page) is a page of the site.
"""
import ast, configparser, json, re, sys, zlib
from prepare_nbs import NOLINK
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_cfg = configparser.ConfigParser(); _cfg.read(ROOT/'settings.ini')
LIB_PATH = _cfg['DEFAULT'].get('lib_path', 'causalrec'); LIB_NAME = _cfg['DEFAULT'].get('lib_name', LIB_PATH)
NBS = ROOT/_cfg['DEFAULT'].get('nbs_path', 'nbs')
GIT_URL = _cfg['DEFAULT'].get('git_url', '').rstrip('/')
PLUMBING = re.compile(r'^\s*#\s*\|\s*(export|hide|default_exp)\b|\bshow_doc\(', re.M)
KATEX_ENVS = {'matrix', 'pmatrix', 'bmatrix', 'Bmatrix', 'vmatrix', 'Vmatrix', 'smallmatrix', 'array', 'darray', 'cases',
              'dcases', 'rcases', 'aligned', 'alignedat', 'gathered', 'split', 'equation', 'equation*', 'align', 'align*',
              'gather', 'gather*', 'alignat', 'alignat*', 'CD', 'subarray'}   # what KaTeX renders (it prints the rest raw)
BEGIN = re.compile(r'\\begin\{([^}]*)\}')
def katex_problems(text: str) -> list:
    "One line per maths environment in `text` that KaTeX does not render (it would print the LaTeX raw)."
    return [f'maths uses \\begin{{{env}}}, which KaTeX does not render' for env in sorted(set(BEGIN.findall(text)) - KATEX_ENVS)]

ABS_PATH = re.compile(r'(?<![\w.~-])/(?:work|root|home)/|/tmp/ipykernel')

class Page(HTMLParser):
    "Collects the ids of a page, its visible text and the text of its code blocks (<pre>)."
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids, self.text, self.code, self._pre, self._skip = set(), [], [], 0, 0
        self.source_links, self.images_without_alt, self._a = [], [], None
        self.literals, self._lit, self._h = [], None, 0       # inline code outside links and headings: [text]
        self.unresolved = 0
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get('id'): self.ids.add(a['id'])
        if tag == 'a': self._a = a.get('href', '')
        if tag == 'img' and not (a.get('alt') or '').strip(): self.images_without_alt.append(a.get('src', ''))
        if tag == 'pre': self._pre += 1; self.code.append('')
        if tag in ('script', 'style'): self._skip += 1
        cls = a.get('class') or ''
        if tag in ('h1', 'h2', 'h3', 'h4', 'h5', 'h6'): self._h += 1
        if tag == 'code' and 'literal' in cls and 'xref' not in cls and self._a is None and not (self._pre or self._h): self._lit = ''
    def handle_endtag(self, tag):
        if tag == 'code' and self._lit is not None: self.literals.append(self._lit); self._lit = None
        if tag in ('h1', 'h2', 'h3', 'h4', 'h5', 'h6') and self._h: self._h -= 1
        if tag == 'pre' and self._pre: self._pre -= 1
        if tag == 'a': self._a = None
        if tag in ('script', 'style') and self._skip: self._skip -= 1
    def handle_data(self, data):
        if self._skip: return
        self.text.append(data)
        if self._a is not None and data.strip() == '[source]': self.source_links.append(self._a)
        if self._pre: self.code[-1] += data
        if self._lit is not None: self._lit += data

def parse(path: Path) -> Page:
    p = Page(); p.feed(path.read_text(encoding='utf-8')); return p

def exported() -> dict:
    "{module: [names in __all__]} of the library, read from the source."
    out = {}
    for f in sorted((ROOT/LIB_PATH).rglob('*.py')):
        for node in ast.parse(f.read_text()).body:
            if isinstance(node, ast.Assign) and any(getattr(t, 'id', None) == '__all__' for t in node.targets):
                mod = '.'.join((LIB_NAME, *f.relative_to(ROOT/LIB_PATH).with_suffix('').parts))
                out[mod] = list(ast.literal_eval(node.value))
    return out

def module_pages() -> dict:
    "{module: page path relative to the site} from each notebook's `#| default_exp`."
    out = {}
    for nb_path in sorted(NBS.rglob('*.ipynb')):
        rel = nb_path.relative_to(NBS)
        if any(part.startswith(('_', '.')) for part in rel.parts): continue
        for cell in json.loads(nb_path.read_text())['cells']:
            m = re.search(r'^\s*#\s*\|\s*default_exp\s+(\S+)', ''.join(cell['source']), re.M)
            if cell['cell_type'] == 'code' and m:
                out[f'{LIB_NAME}.{m.group(1)}'] = Path('nbs')/rel.with_suffix('.html'); break
    return out

def inventory_pages(site: Path) -> set:
    "Pages (without anchors) that objects.inv points to."
    raw = (site/'objects.inv').read_bytes()
    body = zlib.decompress(raw.split(b'\n', 4)[4]).decode()
    pages = set()
    for line in body.splitlines():
        m = re.match(r'(.+?)\s+(\S+:\S+)\s+(-?\d+)\s+(\S+)\s+(.*)$', line)
        if m: pages.add(m.group(4).replace('$', m.group(1)).split('#')[0])
    return pages

def main(site: Path) -> int:
    problems = []
    pages = {p.relative_to(site): parse(p) for p in sorted(site.rglob('*.html')) if '_static' not in p.parts}
    names = {n for ns in exported().values() for n in ns}
    for rel, page in pages.items():
        for block in page.code:
            for m in PLUMBING.finditer(block): problems.append(f'{rel}: nbdev plumbing in code: {m.group(0).strip()!r}')
        text = ''.join(page.text)
        for m in set(ABS_PATH.findall(text)): problems.append(f'{rel}: shows an absolute path {m!r}')
        if '<ipython-input' in text: problems.append(f'{rel}: shows <ipython-input (a warning in a stored output)')
        problems += [f'{rel}: {p}' for p in katex_problems(text)]
        if 'ParseError: KaTeX' in text or 'katex-error' in (site/rel).read_text(encoding='utf-8'): problems.append(f'{rel}: a KaTeX error')
        for href in page.source_links:
            if not href.startswith(GIT_URL + '/'): problems.append(f'{rel}: [source] link {href!r} is not under {GIT_URL}')
        for src in page.images_without_alt: problems.append(f'{rel}: image without alt text: {src}')
        if 'NoneType' in text: problems.append(f'{rel}: shows NoneType (a signature without its written type)')
        if page.unresolved: problems.append(f'{rel}: {page.unresolved} cross-reference(s) that resolve to nothing')
        for lit in sorted({x for x in page.literals if x.removesuffix('()') in names - NOLINK}):
            problems.append(f'{rel}: `{lit}` is an API name shown without a link to its entry')
    for nb in sorted(NBS.rglob('*.ipynb')):
        rel = nb.relative_to(NBS).with_suffix('.html')
        if '.ipynb_checkpoints' not in nb.parts and not nb.name.startswith('_') and Path('nbs')/rel not in pages:
            problems.append(f'nbs/{rel}: notebook {nb.relative_to(ROOT)} is not a page of the site')
    genindex = pages.get(Path('genindex.html'))
    gen_text = ' '.join(genindex.text) if genindex else ''
    gen_entries = len(re.findall(r'<li><a href=', (site/'genindex.html').read_text())) if genindex else 0
    if not gen_entries: problems.append('genindex.html lists no entries')
    search = (site/'searchindex.js').read_text() if (site/'searchindex.js').exists() else ''
    mod_pages = module_pages()
    for mod, names in exported().items():
        page_rel = mod_pages.get(mod)
        if page_rel is None or page_rel not in pages:
            problems.append(f'{mod}: no notebook page has `#| default_exp {mod.split(".", 1)[-1]}`'); continue
        ids = pages[page_rel].ids
        for name in names:
            if f'{mod}.{name}' not in ids and name not in ids: problems.append(f'{page_rel}: no anchor for {mod}.{name}')
            if not re.search(r'\b' + re.escape(name) + r'\b', gen_text): problems.append(f'genindex.html: no entry for {name}')
            if f'"{mod}.{name}"' not in search and f'"{name}"' not in search: problems.append(f'searchindex.js: {mod}.{name} is not a search object')
    for page in sorted(inventory_pages(site)):
        if page and not (site/page).exists(): problems.append(f'objects.inv points to a missing page: {page}')
    for p in problems: print('check_site:', p)
    print(f'check_site: {len(pages)} pages, {gen_entries} index entries, {sum(map(len, exported().values()))} exported names, '
          f'{len(problems)} problem(s)')
    return 1 if problems else 0

if __name__ == '__main__': sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else '_build/html')))
