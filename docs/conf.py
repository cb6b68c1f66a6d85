"Sphinx configuration: the docs site is built from the notebooks (stored outputs) with myst-nb, maths by a vendored KaTeX."
import configparser, json
from pathlib import Path

cfg = configparser.ConfigParser(); cfg.read(Path(__file__).parent.parent/'settings.ini')
project = 'causalrec'
author = cfg['DEFAULT']['author']
release = cfg['DEFAULT']['version']
copyright = '2026 onwards, ' + author

extensions = ['myst_nb', 'sphinxcontrib.katex', 'sphinx.ext.linkcode', 'sphinx_copybutton']
copybutton_exclude = '.linenos, .gp, .go'   # copy the code, not prompts or line numbers
copybutton_selector = 'div.cell_input pre, div.highlight-bash pre, div.highlight-python pre'   # code cells and command blocks, not outputs
myst_enable_extensions = ['dollarmath', 'amsmath', 'fieldlist']   # fieldlist: :param: fields in the API entries
nb_execution_mode = 'off'             # notebooks carry their outputs; CI proves they run (pytest)
nb_remove_code_source = False
nb_render_markdown_format = 'myst'
exclude_patterns = ['_build', 'nbs/_*', 'nbs/.ipynb_checkpoints']
html_theme = 'furo'
html_title = 'causalrec'
html_static_path = ['_static']
html_css_files = ['api.css']
# API entries are py: objects made by prepare_nbs.py from show_doc's output; long signatures go one argument a line.
python_maximum_signature_line_length = 68
add_module_names = False              # `bpr_loss`, not `causalrec.losses.bpr_loss`, in headings and the contents
toc_object_entries_show_parents = 'hide'

_sources = Path(__file__).parent/'nbs'/'_sources.json'   # object -> GitHub line, written by prepare_nbs.py
_links = json.loads(_sources.read_text()) if _sources.exists() else {}
def linkcode_resolve(domain, info):
    "The [source] link of an API entry: the line show_doc linked to."
    if domain != 'py': return None
    return _links.get(f"{info.get('module')}.{info.get('fullname')}")
# KaTeX: the extension ships katex.min.js and the auto-renderer; the CSS and fonts come from the npm tarball
# that build.sh unpacks into _static/katex, so no page loads anything from a CDN.
katex_css_path = 'katex/katex.min.css'
katex_prerender = False
suppress_warnings = ['mystnb.unknown_mime_type', 'misc.highlighting_failure', 'myst.header']
