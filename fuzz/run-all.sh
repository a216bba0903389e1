#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 60) at low priority and prints the executions.
# Needs `cargo install cargo-fuzz`; the stable toolchain builds it with RUSTC_BOOTSTRAP=1.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
seconds="${1:-60}"
./seed-corpus.sh
for target in yaml_front_end interpolation pipeline structured; do
  RUSTC_BOOTSTRAP=1 nice -n 19 cargo fuzz run -O -s none "$target" -- \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=65536 -print_final_stats=1 \
    > "logs/$target.log" 2>&1
  echo "$target exit=$? $(grep -E '^stat::number_of_executed_units' "logs/$target.log")"
done
