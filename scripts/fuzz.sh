#!/usr/bin/env bash
# Builds a libFuzzer target (exposition or selector parser, or the regex engine) with ASan and runs it.
#
#   scripts/fuzz.sh [exposition|selector|regex] [seconds] [extra libFuzzer flags…]
#
# Sources are compiled straight with swiftc (no SwiftPM): SteadyModel as a module, then (for the exposition
# target) SteadyExposition, then the fuzzer file. Output goes to Fuzz/.build/. New corpus units go to
# Fuzz/.build/corpus-<target>/ (the checked-in seeds in Fuzz/corpus/<target>/ are only read); crashes are written
# to Fuzz/.build/artifacts/. Set FUZZ_LOCK=/path/to/lockfile to hold that lock (flock) while compiling.
set -euo pipefail

target="${1:-exposition}"
seconds="${2:-60}"
shift $(( $# > 2 ? 2 : $# ))

case "$target" in
exposition | selector | regex) ;;
*)
    echo "usage: $0 [exposition|selector|regex] [seconds] [libFuzzer flags…]" >&2
    exit 2
    ;;
esac

root="$(cd "$(dirname "$0")/.." && pwd)"
build="$root/Fuzz/.build"
mkdir -p "$build/artifacts" "$build/corpus-$target"

common=(
    -swift-version 6
    -enable-upcoming-feature ExistentialAny
    -enable-upcoming-feature MemberImportVisibility
    -enable-upcoming-feature InternalImportsByDefault
    -sanitize=fuzzer,address
    -enable-testing
    -O -g
    -parse-as-library
)

locked() {
    if [[ -n "${FUZZ_LOCK:-}" ]]; then flock "$FUZZ_LOCK" "$@"; else "$@"; fi
}

build_module() {
    local name="$1"
    shift
    # An object file plus a .swiftmodule per module; `-sanitize=fuzzer` adds coverage instrumentation.
    locked swiftc "${common[@]}" -module-name "$name" -I "$build" \
        -emit-module -emit-module-path "$build/$name.swiftmodule" \
        -c -wmo -o "$build/$name.o" "$@"
}

build_module SteadyModel $(find "$root/Sources/SteadyModel" -name '*.swift' | sort)
objects=("$build/SteadyModel.o")
if [[ "$target" == exposition ]]; then
    build_module SteadyExposition $(find "$root/Sources/SteadyExposition" -name '*.swift' | sort)
    objects+=("$build/SteadyExposition.o")
    fuzzer="$root/Fuzz/ExpositionFuzzer.swift"
    dictionary=(-dict="$root/Fuzz/exposition.dict")
elif [[ "$target" == regex ]]; then
    fuzzer="$root/Fuzz/RegexFuzzer.swift"
    dictionary=(-dict="$root/Fuzz/regex.dict")
else
    fuzzer="$root/Fuzz/SelectorFuzzer.swift"
    dictionary=(-dict="$root/Fuzz/selector.dict")
fi

binary="$build/$target-fuzzer"
locked swiftc "${common[@]}" -module-name "${target^}Fuzzer" -I "$build" "$fuzzer" "${objects[@]}" -o "$binary"

# The Swift backtracer reads memory ASan reports as overflows; libFuzzer prints its own stack.
export SWIFT_BACKTRACE="${SWIFT_BACKTRACE:-enable=no}"
# Known leaks outside Steady's code (see the file).
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$root/Fuzz/lsan.supp}"
echo "Running $binary for $seconds s"
exec "$binary" "$build/corpus-$target" "$root/Fuzz/corpus/$target" \
    "${dictionary[@]}" -max_total_time="$seconds" -artifact_prefix="$build/artifacts/$target-" \
    -print_final_stats=1 -timeout=10 -rss_limit_mb=4096 "$@"
