#!/bin/sh
# The `expand` benchmark: the derives' expansion of a generated file, in
# process (src/expand_bench.rs), timed and counted in instructions under
# callgrind — which repeat exactly on a shared machine.
#
#   attio-macros/expand-bench.sh [CRATE_DIR | CHECK_RATIO_CASE [CASE]]
#
# CRATE_DIR holds src/lib.rs and attio-schema.json; a name that is not a
# directory is a case of check_ratio (`fixture`, `synthetic-200`), whose
# generated crate is used. The default is `synthetic-200`, written by
# `CHECK_RATIO_DERIVES=200 cargo bench -p attio-codegen --bench
# check_ratio` (run that first), case "1000x50, 200 derives".
# Prints `bench-result:` lines: snapshot load and expansion in ms and in
# Minstr (millions of instructions). Needs valgrind.
set -eu
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-target}
dir=${1:-synthetic-200}
[ -d "$dir" ] || dir=$target/check-ratio/$dir/generated
case=${2:-1000x50, 200 derives}
[ -f "$dir/src/lib.rs" ] && [ -f "$dir/attio-schema.json" ] || {
    echo "expand-bench: no src/lib.rs and attio-schema.json in $dir; run check_ratio first (cargo xtask bench --only check_ratio; CHECK_RATIO_DERIVES=200 for synthetic-200)" >&2
    exit 1
}
build=$("${CARGO:-cargo}" test -p attio-macros --lib --no-run 2>&1) ||
    { printf '%s\n' "$build" >&2; exit 1; }
exe=$(printf '%s\n' "$build" | sed -n 's/.*Executable unittests src\/lib.rs (\(.*\))$/\1/p')
[ -x "$exe" ] || { echo "expand-bench: cannot find the test binary of attio-macros" >&2; exit 1; }

export ATTIO_EXPAND_BENCH="$dir" ATTIO_EXPAND_CASE="$case"
# A proc macro's test binary links the standard library dynamically.
export LD_LIBRARY_PATH="$(rustc --print target-libdir)${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
"$exe" --ignored --exact expand_bench::expand_a_generated_file --nocapture

out=$(mktemp "$target/expand-bench.callgrind.XXXXXX")
valgrind --tool=callgrind --callgrind-out-file="$out" \
    --toggle-collect='*expand_bench::measured_load*' \
    --toggle-collect='*expand_bench::measured_expansion*' \
    "$exe" --ignored --exact expand_bench::expand_a_generated_file >/dev/null 2>&1
# The case escaped as a JSON string, passed through the environment (awk's
# -v would undo the escapes; and gawk reserves the name `case`).
LABEL=$(printf '%s' "$case" | sed 's/[\\"]/\\&/g')
export LABEL
callgrind_annotate --inclusive=yes "$out" | awk '
    function result(metric, ir) {
        gsub(",", "", ir)
        printf "bench-result: {\"bench\":\"expand\",\"case\":\"%s\",\"metric\":\"%s\",\"value\":%.1f,\"unit\":\"Minstr\"}\n", ENVIRON["LABEL"], metric, ir / 1e6
    }
    /expand_bench::measured_load/ && !load { result("snapshot load", $1); load = 1 }
    /expand_bench::measured_expansion/ && !expansion { result("expansion", $1); expansion = 1 }'
rm -f "$out"
