"Sphinx configuration: the docs site is built from the notebooks (stored outputs) with myst-nb, maths by a vendored KaTeX."
import configparser
from pathlib import Path

cfg = configparser.ConfigParser(); cfg.read(Path(__file__).parent.parent/'settings.ini')
project = 'causalrec'
author = cfg['DEFAULT']['author']
release = cfg['DEFAULT']['version']
copyright = '2026 onwards, ' + author

extensions = ['myst_nb', 'sphinxcontrib.katex']
myst_enable_extensions = ['dollarmath', 'amsmath']
nb_execution_mode = 'off'             # notebooks carry their outputs; CI proves they run (pytest)
nb_remove_code_source = False
nb_render_markdown_format = 'myst'
exclude_patterns = ['_build', 'nbs/_*', 'nbs/.ipynb_checkpoints']
html_theme = 'furo'
html_title = 'causalrec'
html_static_path = ['_static']
# KaTeX: the extension ships katex.min.js and the auto-renderer; the CSS and fonts come from the npm tarball
# that build.sh unpacks into _static/katex, so no page loads anything from a CDN.
katex_css_path = 'katex/katex.min.css'
katex_prerender = False
suppress_warnings = ['mystnb.unknown_mime_type', 'misc.highlighting_failure', 'myst.header']
