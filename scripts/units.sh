#!/usr/bin/env bash
# ansible-test units (local mode, Python 3.11) on tests/unit, on the same temp-dir copy
# of the collection that scripts/sanity.sh makes.
set -euo pipefail
cd "$(dirname "$0")/.."
ANSIBLE_TEST_COMMAND=units exec scripts/sanity.sh "$@"
