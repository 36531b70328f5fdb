#!/usr/bin/env bash
# make demo: start the simulator, provision a distribution on two CDN providers (UCDN and
# Leaseweb, DNS at CloudFlare) with the edgeops.cdn.distribution role, run it again to show
# nothing changes, tear everything down, stop the simulator.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
mkdir -p .tmp
port_file=$(mktemp)
"$VENV/bin/python" -m tests.simulator --port 0 --port-file "$port_file" >/dev/null &
sim_pid=$!
export DEMO_CERT_DIR="$PWD/.tmp/demo-certs"
trap 'kill $sim_pid 2>/dev/null || true; rm -rf "$port_file" "$DEMO_CERT_DIR"' EXIT
for _ in $(seq 100); do [ -s "$port_file" ] && break; sleep 0.1; done
export CDN_SIM_URL="http://127.0.0.1:$(cat "$port_file")"
# The simulator runs its clock 100x faster so deployment waits take seconds.
curl -s -X POST -d '{"speed": 100}' "$CDN_SIM_URL/_sim/clock" >/dev/null
# Throwaway certificates (a demo CA), generated now, never committed.
"$VENV/bin/python" -m scripts.demo_certs "$DEMO_CERT_DIR"
# Modules run with the venv's Python, which has requests and cryptography.
export ANSIBLE_COLLECTIONS_PATH="$PWD/.tmp/collections" ANSIBLE_PYTHON_INTERPRETER="$PWD/$VENV/bin/python"
export ANSIBLE_FORCE_COLOR=${ANSIBLE_FORCE_COLOR:-1} ANSIBLE_DISPLAY_SKIPPED_HOSTS=false
extra=()
if [ -n "${DEMO_PROVIDERS:-}" ]; then extra=(-e "{\"demo_providers\": $DEMO_PROVIDERS}"); fi
play() { "$VENV/bin/ansible-playbook" -i localhost, -c local playbooks/demo.yml "${extra[@]}" "$@"; }
summary() { sed -n '/TASK \[Summary\]/,/^$/p' "$1"; grep -E 'PLAY RECAP' -A1 "$1" | tail -1; }

echo "== 1. provision: origin, zone, certificate, deployment, DNS CNAMEs"
play > .tmp/demo-run1.log || { cat .tmp/demo-run1.log; exit 1; }
summary .tmp/demo-run1.log
echo "== 2. run again: nothing to change"
play > .tmp/demo-run2.log || { cat .tmp/demo-run2.log; exit 1; }
summary .tmp/demo-run2.log
grep -Eq 'changed=0 +unreachable=0 +failed=0' .tmp/demo-run2.log || { echo "second run changed something"; cat .tmp/demo-run2.log; exit 1; }
echo "== 3. tear down: DNS, certificate, zone, origin"
play -e demo_state=absent > .tmp/demo-run3.log || { cat .tmp/demo-run3.log; exit 1; }
summary .tmp/demo-run3.log
grep -Eq 'unreachable=0 +failed=0' .tmp/demo-run3.log
echo "== demo OK: provisioned, second run changed=0, torn down"
