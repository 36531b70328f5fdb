#!/usr/bin/env bash
# make molecule: the distribution role's molecule scenarios (extensions/molecule/*) against the
# embedded simulator. No container engine: the default driver, localhost, a local connection.
#   scripts/molecule.sh                     every scenario
#   scripts/molecule.sh ucdn_cloudflare     one scenario
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
mkdir -p .tmp
port_file=$(mktemp)
"$VENV/bin/python" -m tests.simulator --port 0 --port-file "$port_file" >/dev/null &
sim_pid=$!
trap 'kill $sim_pid 2>/dev/null || true; rm -f "$port_file"' EXIT
for _ in $(seq 100); do [ -s "$port_file" ] && break; sleep 0.1; done
[ -s "$port_file" ] || { echo "molecule.sh: the simulator did not start" >&2; exit 1; }
export CDN_SIM_URL="http://127.0.0.1:$(cat "$port_file")"
# The simulator runs its clock 100x faster so deployment waits take seconds.
curl -sf -X POST -d '{"speed": 100}' "$CDN_SIM_URL/_sim/clock" >/dev/null

# The working tree must be what runs. Molecule's prerun (and ansible-lint's) installs a *copy* of
# the collection under ~/.ansible/collections or a cache directory, and a stale copy there would
# silently shadow this checkout. So: prerun is off in every molecule.yml, and the collections path
# is only .tmp/collections, where edgeops/cdn is a symlink to this checkout (make collection);
# the check below fails if Ansible would load edgeops.cdn from anywhere else.
export ANSIBLE_COLLECTIONS_PATH="$PWD/.tmp/collections"
export ANSIBLE_PYTHON_INTERPRETER="$PWD/$VENV/bin/python"
# molecule calls ansible-playbook and ansible-config from PATH.
export PATH="$PWD/$VENV/bin:$PATH"
export ANSIBLE_NOCOLOR=1 ANSIBLE_LOCALHOST_WARNING=0
resolved=$(ansible-doc -t role --json edgeops.cdn.distribution 2>/dev/null \
  | python -c 'import json, sys; print(next(iter(json.load(sys.stdin).values()))["path"])')
if [ "$(realpath "$resolved")" != "$(realpath "$PWD")" ]; then
  echo "molecule.sh: edgeops.cdn resolves to $resolved, not this checkout ($PWD)" >&2
  exit 1
fi

# Forget molecule's state from an interrupted run (it would skip create, which makes the certificate).
molecule reset --all >/dev/null 2>&1
if [ $# -gt 0 ]; then
  for scenario in "$@"; do molecule test -s "$scenario"; done
else
  # One after the other: verify counts the simulator's writes, which a parallel scenario would add to.
  molecule test --all
fi
