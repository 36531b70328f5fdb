#!/usr/bin/env bash
# make demo: start the simulator, provision zones twice, show the second run changes nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
port_file=$(mktemp)
"$VENV/bin/python" -m tests.simulator --port 0 --port-file "$port_file" >/dev/null &
sim_pid=$!
trap 'kill $sim_pid 2>/dev/null || true; rm -f "$port_file"' EXIT
for _ in $(seq 100); do [ -s "$port_file" ] && break; sleep 0.1; done
export CDN_SIM_URL="http://127.0.0.1:$(cat "$port_file")"
# The simulator runs its clock 100x faster so deployment waits take seconds.
curl -s -X POST -d '{"speed": 100}' "$CDN_SIM_URL/_sim/clock" >/dev/null
# Modules run with the venv's Python, which has requests.
export ANSIBLE_COLLECTIONS_PATH="$PWD/.tmp/collections" ANSIBLE_PYTHON_INTERPRETER="$PWD/$VENV/bin/python" ANSIBLE_FORCE_COLOR=${ANSIBLE_FORCE_COLOR:-1}
extra=()
if [ -n "${DEMO_PROVIDERS:-}" ]; then extra=(-e "{\"cdn_demo_providers\": $DEMO_PROVIDERS}"); fi
echo "== first run: provisions"
"$VENV/bin/ansible-playbook" -i localhost, -c local playbooks/zones.yml "${extra[@]}"
echo "== second run: nothing to change"
"$VENV/bin/ansible-playbook" -i localhost, -c local playbooks/zones.yml "${extra[@]}" | tee .tmp/demo-second-run.log
grep -Eq 'changed=0 +unreachable=0 +failed=0' .tmp/demo-second-run.log
echo "== demo OK: the second run reported changed=0 failed=0"
