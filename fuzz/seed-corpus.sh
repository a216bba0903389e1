#!/usr/bin/env bash
# Seeds every fuzz target's corpus from the project's testdata (valid and invalid cases).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
for target in yaml_front_end interpolation pipeline; do
  mkdir -p "corpus/$target"
  i=0
  for f in ../testdata/*/compose.yaml ../testdata/invalid/*/compose.yaml ../testdata/*/*.env ../testdata/*/.env; do
    [[ -f "$f" ]] || continue
    # Seeds over 64 KiB slow every run down; the limits cases have their own tests.
    [[ $(stat -c %s "$f") -le 65536 ]] || continue
    cp "$f" "corpus/$target/seed-$i"
    i=$((i + 1))
  done
done
mkdir -p corpus/structured
