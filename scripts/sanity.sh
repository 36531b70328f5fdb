#!/usr/bin/env bash
# ansible-test sanity on a copy of the collection (ansible-test resolves real paths,
# so a symlink will not do), with the pip bootstrap stand-in these offline machines need.
# ANSIBLE_TEST_COMMAND=units runs `ansible-test units` the same way (scripts/units.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
repo=$PWD
case "$VENV" in /*) ;; *) VENV="$repo/$VENV" ;; esac
export PATH="$VENV/bin:$PATH"
cache=~/.ansible/test/cache
mkdir -p "$cache"
if [ ! -f "$cache/get_pip_24_2.py" ]; then
  cat > "$cache/get_pip_24_2.py" <<'PY'
# Offline stand-in for get-pip.py: bootstrap pip from ensurepip, then install the pins asked for.
import subprocess
import sys

args = [a for a in sys.argv[1:] if a not in ('--no-setuptools', '--no-wheel')]
subprocess.check_call([sys.executable, '-m', 'ensurepip', '--upgrade', '--default-pip'])
if args:
    subprocess.check_call([sys.executable, '-m', 'pip', 'install'] + args)
PY
fi
top=$(mktemp -d)
trap 'rm -rf "$top"' EXIT
tree=$top/ansible_collections/edgeops/cdn
mkdir -p "$tree"
git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do
  [ -e "$f" ] || continue
  mkdir -p "$tree/$(dirname "$f")"
  cp -p "$f" "$tree/$f"
done
cd "$tree"
git init -q . && git add -A >/dev/null
"$VENV/bin/ansible-test" "${ANSIBLE_TEST_COMMAND:-sanity}" --local --python 3.11 "$@"
