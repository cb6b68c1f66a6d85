"""Copy the notebooks into docs/nbs for Sphinx, adapting nbdev's show_doc markdown (written for Quarto) to MyST:
drop the leading horizontal rule (a docutils transition cannot open an output) and Quarto's link attributes."""
import json, re, sys
from pathlib import Path

src, dst = Path(sys.argv[1]), Path(sys.argv[2])
dst.mkdir(parents=True, exist_ok=True)
ATTR = re.compile(r'\)\{target="_blank"[^}]*\}')
for nb_path in sorted(src.glob('*.ipynb')):
    nb = json.loads(nb_path.read_text())
    for cell in nb['cells']:
        for out in cell.get('outputs', []):
            md = out.get('data', {}).get('text/markdown')
            if md is None: continue
            text = ''.join(md) if isinstance(md, list) else md
            text = re.sub(r'^\s*---\s*\n', '', text)
            out['data']['text/markdown'] = ATTR.sub(')', text)
    (dst/nb_path.name).write_text(json.dumps(nb, indent=1, ensure_ascii=False))
