#!/usr/bin/env bash
# galaxy-importer, offline, on the tarball that `ansible-galaxy collection build` makes.
# The importer logs lint findings as WARNING lines and still exits 0, so any WARNING
# or ERROR line fails this check.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
repo=$PWD
case "$VENV" in /*) ;; *) VENV="$repo/$VENV" ;; esac
export PATH="$VENV/bin:$PATH"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Build from the files git knows (tracked, or untracked and not ignored), so tool caches
# in the checkout never end up in the tarball.
src=$work/src
mkdir -p "$src"
git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do
  [ -e "$f" ] || continue
  mkdir -p "$src/$(dirname "$f")"
  cp -p "$f" "$src/$f"
done
ansible-galaxy collection build --force --output-path "$work" "$src" >/dev/null
tarball=$(ls "$work"/edgeops-cdn-*.tar.gz)
# What users run, not the development harness: no scripts/ or reports/ in the artifact.
tar -tzf "$tarball" > "$work/contents.txt"
if grep -E '^(scripts|reports)/' "$work/contents.txt" >/dev/null; then
  echo "the collection tarball holds scripts/ or reports/ (galaxy.yml build_ignore)" >&2
  exit 1
fi
for needed in plugins/modules/cdn_zone.py roles/distribution/tasks/main.yml playbooks/provision.yml \
    meta/runtime.yml README.md CHANGELOG.md COPYING docs/awx.md; do
  grep -qx "$needed" "$work/contents.txt" || { echo "the collection tarball lacks $needed" >&2; exit 1; }
done
echo "tarball: $(basename "$tarball"), $(du -k "$tarball" | cut -f1) KiB, $(wc -l < "$work/contents.txt") entries"
# importer_result.json is written to the working directory: keep it out of the checkout.
cd "$work"
GALAXY_IMPORTER_CONFIG="$repo/docs/galaxy-importer.cfg" ANSIBLE_LOCAL_TEMP="$work/.ansible-tmp" \
  python -m galaxy_importer.main "$tarball" > "$work/importer.log" 2>&1 || status=$?
cat "$work/importer.log"
if [ "${status:-0}" -ne 0 ]; then
  echo "galaxy-importer failed (exit ${status})" >&2
  exit 1
fi
if grep -E '^(WARNING|ERROR)' "$work/importer.log" >/dev/null; then
  echo "galaxy-importer reported warnings or errors (above)" >&2
  exit 1
fi
echo "galaxy-importer: no warnings, no errors"
