#!/usr/bin/env bash
# Build the docs site into docs/_build/html: notebooks (with their stored outputs) rendered by Sphinx + myst-nb,
# maths by KaTeX from the npm registry (no CDN), then checked by check_site.py. Usage: bash docs/build.sh   (inside the project's virtualenv)
set -euo pipefail
cd "$(dirname "$0")"
KATEX_VERSION=0.16.22
if [ ! -f _static/katex/katex.min.css ]; then
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack "katex@$KATEX_VERSION" --silent >/dev/null && tar xzf katex-*.tgz)
  mkdir -p _static/katex
  cp "$tmp/package/dist/katex.min.css" _static/katex/ && cp -r "$tmp/package/dist/fonts" _static/katex/
  rm -rf "$tmp"
fi
rm -rf nbs
python prepare_nbs.py ../nbs nbs
# figures: the index links to results/<data>/*.png (beside it: nbs/results/), the Results pages to ../../results/<data>/*.png
# (from nbs/results/: docs/results/); copy them to both
rm -rf results
for d in ../results/*/; do
  [ -d "$d" ] || continue
  for dst in "nbs/results/$(basename "$d")" "results/$(basename "$d")"; do mkdir -p "$dst" && cp "$d"*.png "$dst/" 2>/dev/null || true; done
done
rm -rf _build/html
python -m sphinx -q -b html -W --keep-going . _build/html
# The site must show no nbdev plumbing or machine paths, and every exported name must be an indexed, searchable entry.
python check_site.py _build/html
echo "docs built: $(pwd)/_build/html/index.html"
