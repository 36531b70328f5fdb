#!/usr/bin/env bash
# The collection's HTML docs site, offline: antsibull-docs writes the RST for the
# collection on the collections path (.tmp/collections, see `make collection`),
# Sphinx renders it into .tmp/docs-site. Any Sphinx warning fails the build.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
repo=$PWD
case "$VENV" in /*) ;; *) VENV="$repo/$VENV" ;; esac
export PATH="$VENV/bin:$PATH"
export ANSIBLE_COLLECTIONS_PATH="$repo/.tmp/collections"
src=$repo/.tmp/docs-site-src
out=$repo/.tmp/docs-site
rm -rf "$src" "$out"
# antsibull-docs refuses a destination that others can write to.
mkdir -p "$src/rst"
chmod 700 "$src" "$src/rst"
antsibull-docs sphinx-init --use-current --fail-on-error --lenient --dest-dir "$src" \
  --project edgeops.cdn --copyright 'edgeops.cdn maintainers' \
  --title 'edgeops.cdn collection' --html-short-title 'edgeops.cdn' edgeops.cdn >/dev/null
# No network here: no intersphinx inventories. The few labels that the generated pages
# take from the Ansible docs get a local page linking to them instead.
cat >> "$src/conf.py" <<'PY'

# Added by scripts/docs_site.sh: offline build.
intersphinx_mapping = {}
PY
antsibull-docs --config-file "$src/antsibull-docs.cfg" collection --cleanup everything \
  --fail-on-error --use-current --dest-dir "$src/rst" edgeops.cdn >/dev/null
cat > "$src/rst/ansible-docs-links.rst" <<'RST'
:orphan:

Ansible documentation
=====================

These pages are part of the Ansible documentation, which this offline build does not include.

.. _common_return_values:

Return values common to all modules
-----------------------------------

https://docs.ansible.com/ansible/latest/reference_appendices/common_return_values.html

.. _ansible_configuration_settings:

Ansible configuration settings
------------------------------

https://docs.ansible.com/ansible/latest/reference_appendices/config.html
RST
sphinx-build -q -W --keep-going -b html -c "$src" "$src/rst" "$out"
echo "docs site: $out/index.html"
