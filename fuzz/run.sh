#!/usr/bin/env bash
# Runs every fuzz target for N minutes each, one after the other, each in
# one process on one core (libFuzzer's default, no -jobs):
# `fuzz/run.sh 2`, or `fuzz/run.sh 10 webhook` for one target.
# Not part of CI. Needs cargo-fuzz (`cargo install cargo-fuzz`).
#
# The toolchain here is stable: RUSTC_BOOTSTRAP=1 lets cargo fuzz pass its
# `-Z` flags. No sanitizer (`-s none`): the code under test is safe Rust,
# and without ASan an execution is about twice as fast; debug assertions
# are on (`-a`), so arithmetic overflow is a crash too.
#
# Each target's working corpus is fuzz/corpus/<target> (not committed),
# seeded from the committed fuzz/seeds/<target>; a crash is written to
# fuzz/artifacts/<target>/ and the run stops there. The last line of each
# target's log (fuzz/logs/<target>.log) has libFuzzer's figures: `#N` the
# executions, `cov:` the edges covered, `ft:` the features.
set -euo pipefail

minutes="${1:?usage: fuzz/run.sh MINUTES [TARGET...]}"
shift
cd "$(dirname "$0")"
export RUSTC_BOOTSTRAP=1
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(cargo fuzz list)
fi
mkdir -p logs
cargo fuzz build -s none -a
for target in "${targets[@]}"; do
    mkdir -p "corpus/$target"
    echo "== $target: $minutes min"
    cargo fuzz run -s none -a "$target" "corpus/$target" "seeds/$target" -- \
        -max_total_time=$((minutes * 60)) -print_final_stats=1 \
        2>&1 | tee "logs/$target.log" | grep -E '^#[0-9]+ +DONE|^Done|SUMMARY|panicked|stat::' || true
done
