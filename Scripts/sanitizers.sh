#!/usr/bin/env bash
# Runs the test suite under each sanitizer, each in its own scratch path (.build-SANITIZER,
# git-ignored), and prints one line per sanitizer. The large-input tests are skipped
# (PTX_SKIP_LARGE=1): under a sanitizer they take minutes and gigabytes; set
# PTX_SKIP_LARGE= (empty) to run them anyway.
#
#   Scripts/sanitizers.sh [address] [thread] [undefined]     (default: all three)
set -uo pipefail
cd "$(dirname "$0")/.."
export PTX_SKIP_LARGE="${PTX_SKIP_LARGE-1}"
# Sanitizer reports must fail the run, not scroll by.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:halt_on_error=1}"
export TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"
status=0
for sanitizer in "${@:-address thread undefined}"; do
  for s in $sanitizer; do
    mkdir -p ".build-$s"
    log=".build-$s/sanitizer.log"
    start=$(date +%s)
    flags=(--sanitize="$s")
    if [[ "$s" == undefined ]]; then
      # swiftc has no -sanitize=undefined on Linux (Swift code traps on overflow and
      # out-of-bounds access by itself in debug builds): UBSan instruments the C shim over
      # ICU, and the link pulls in its runtime.
      flags=(-Xcc -fsanitize=undefined -Xcc -fno-sanitize-recover=undefined
        -Xswiftc -Xclang-linker -Xswiftc -fsanitize=undefined)
    fi
    if nice -n 10 swift test "${flags[@]}" --scratch-path ".build-$s" >"$log" 2>&1 \
      && ! grep -qE "ERROR: (AddressSanitizer|ThreadSanitizer)|WARNING: ThreadSanitizer|runtime error:" "$log"; then
      echo "sanitizers: $s clean ($(($(date +%s) - start)) s; $(grep -Eo 'Test run with [0-9]+ tests' "$log" | tail -1))"
    else
      echo "sanitizers: $s FAILED ($(($(date +%s) - start)) s), see $log"
      status=1
    fi
  done
done
exit $status
