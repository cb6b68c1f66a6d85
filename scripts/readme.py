"""Write README.md from nbs/index.ipynb (nbdev_readme needs Quarto, which is not installable here).

Markdown cells are copied; code cells are shown as python blocks with their text outputs, except cells
flagged `#| hide` (left out) and `#| echo: false` (outputs only). Markdown outputs are copied as they are. `python scripts/readme.py --check` exits 1 if README.md is out of step.
"""
import json, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

def render(nb_path=ROOT/'nbs'/'index.ipynb') -> str:
    nb = json.loads(Path(nb_path).read_text())
    out = []
    for c in nb['cells']:
        src = ''.join(c['source']).strip('\n')
        if c['cell_type'] == 'markdown': out.append(src); continue
        lines = src.split('\n')
        if any(l.strip() in ('#| hide', '#|hide') for l in lines): continue
        echo = not any(l.replace(' ', '') == '#|echo:false' for l in lines)
        code = '\n'.join(l for l in lines if not l.startswith('#|')).strip('\n')
        if code and echo: out.append(f"```python\n{code}\n```")
        for o in c.get('outputs', []):
            data = o.get('data', {})
            if 'text/markdown' in data: out.append(''.join(data['text/markdown']).strip('\n'))
            elif (o.get('output_type') == 'stream' and o.get('name') == 'stdout') or 'text/plain' in data:
                txt = ''.join(o.get('text', data.get('text/plain', ''))).rstrip('\n')
                if txt: out.append('    ' + txt.replace('\n', '\n    '))
    return '\n\n'.join(out) + '\n'

if __name__ == '__main__':
    text = render()
    if '--check' in sys.argv:
        if (ROOT/'README.md').read_text() != text:
            sys.exit('README.md is out of step with nbs/index.ipynb: run python scripts/readme.py')
    else: (ROOT/'README.md').write_text(text)
