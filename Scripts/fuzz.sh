#!/usr/bin/env bash
# Builds one libFuzzer target (Fuzz/Targets/TARGET.swift compiled together with the
# library's sources under -sanitize=fuzzer,address) and runs it for SECONDS seconds on a
# seed corpus made from Fixtures/. Crashes land in .build-fuzz/artifacts/.
#
#   Scripts/fuzz.sh TARGET SECONDS [extra libFuzzer flags...]
#   Scripts/fuzz.sh --build-only TARGET
#   TARGET: FuzzReader | FuzzScript | FuzzConversion | FuzzAligner | FuzzFixes | FuzzPairs | FuzzUTF8 | FuzzYAML
set -euo pipefail
cd "$(dirname "$0")/.."

build_only=false
if [[ "${1:-}" == "--build-only" ]]; then build_only=true; shift; fi
target="${1:?usage: Scripts/fuzz.sh [--build-only] TARGET SECONDS [libFuzzer flags...]}"
seconds="${2:-60}"
shift $(( $# >= 2 ? 2 : $# ))
[[ -f "Fuzz/Targets/$target.swift" ]] || { echo "fuzz: no target Fuzz/Targets/$target.swift" >&2; exit 2; }

root="$PWD"
out="$root/.build-fuzz"
mkdir -p "$out/include" "$out/artifacts" "$out/corpus/$target"
# clang with libFuzzer comes with the Swift toolchain: use the one beside swiftc.
toolchain="$(dirname "$(readlink -f "$(command -v swiftc)")")"
export PATH="$toolchain:$PATH"

# The C targets (the shim over ICU, the thread starter, the UTF-8 test), instrumented, and a
# module map that lets Swift import them.
c_modules=(CICUShim CThreads CUTF8)
for module in "${c_modules[@]}"; do
  if [[ ! -f "$out/$module.o" || "Sources/$module/$module.c" -nt "$out/$module.o" ]]; then
    clang -c -O1 -g -fsanitize=address,fuzzer-no-link $(pkg-config --cflags icu-i18n) \
      -I "Sources/$module/include" "Sources/$module/$module.c" -o "$out/$module.o.$$"
    mv -f "$out/$module.o.$$" "$out/$module.o"
  fi
done
# Generated files are replaced only when their content changes, so that targets built at
# the same time (one per core) do not see each other's inputs change mid-build.
write_if_changed() {
  local target="$1" temporary
  temporary="$(mktemp "$target.XXXXXX")"
  cat >"$temporary"
  if cmp -s "$temporary" "$target"; then rm -f "$temporary"; else mv -f "$temporary" "$target"; fi
}
for module in "${c_modules[@]}"; do
  printf 'module %s {\n  header "%s"\n  export *\n}\n' "$module" "$root/Sources/$module/include/$module.h"
done | write_if_changed "$out/include/module.modulemap"
c_objects=("${c_modules[@]/#/$out/}")
c_objects=("${c_objects[@]/%/.o}")

# The library finds its data through PARALLELTEXT_RESOURCES (set below for the run): the
# sources' own Resources folder.
binary="$out/$target"
sources="$(find Sources/ParallelText -name '*.swift' | sort)"
newest=$(ls -t $sources "Fuzz/Targets/$target.swift" | head -1)
if [[ ! -x "$binary" || "$newest" -nt "$binary" ]]; then
  echo "fuzz: building $target"
  # shellcheck disable=SC2086
  swiftc -sanitize=fuzzer,address -use-ld=lld -parse-as-library -O -g -module-name "$target" -package-name ParallelText \
    -I "$out/include" $sources "Fuzz/Targets/$target.swift" "${c_objects[@]}" \
    $(pkg-config --libs icu-i18n) -licudata -o "$binary"
fi
$build_only && exit 0

# Seeds: every fixture whole, each of its blank-line separated blocks, and (for the
# conversion check) each pair of neighbouring blocks joined by a NUL byte.
seeds="$out/seeds/$target"
if [[ ! -d "$seeds" ]]; then
  mkdir -p "$seeds"
  python3 - "$target" "$seeds" <<'PY'
import pathlib, re, sys, hashlib
target, seeds = sys.argv[1], pathlib.Path(sys.argv[2])
def put(data: bytes):
    if data:
        (seeds / hashlib.sha1(data).hexdigest()).write_bytes(data)
if target == "FuzzYAML":
    # The configurations README shows, and a few written to reach the reader's corners.
    readme = pathlib.Path("README.md").read_text()
    for block in re.findall(r"```yaml\n(.*?)```", readme, re.S):
        put(block.encode())
    for text in ["standard: tw\r\nrules:\r\n  quote-style: {enabled: true, severity: 'warning'}\r\n",
                 "\ufeff---\ninclude:\n- \"a\\u00e9/**\"\n- 'b''c'\nexclude: [x, [y], {z: w}]  # c\n...\n",
                 "rules: [\n", "a: &x 1\nb: *x\n", "a: |\n  t\n", "a:\n\tb: c\n"]:
        put(text.encode())
for path in sorted(pathlib.Path("Fixtures/seeds").glob("*.txt")):
    data = path.read_bytes()
    blocks = [b.strip() for b in data.replace(b"\r\n", b"\n").split(b"\n\n") if b.strip()]
    if target == "FuzzConversion":
        for a, b in zip(blocks, blocks[1:]):
            put(a + b"\0" + b)
    else:
        put(data)
        for block in blocks:
            put(block)
for line in pathlib.Path("Fixtures/scripts/labels.tsv").read_text().splitlines()[1:]:
    put(line.split("\t")[-1].encode())
if target in ("FuzzConversion", "FuzzPairs"):
    # OpenCC's own cases, Simplified NUL Traditional (the file has trailing commas); for
    # the pair sets, as lines SIMPLIFIED<TAB>TRADITIONAL, one case a file and all in one.
    import json, re
    text = re.sub(r",(\s*[}\]])", r"\1", pathlib.Path("Fixtures/opencc/testcases.json").read_text())
    cases = [(case["input"], output) for case in json.loads(text)["cases"]
             for direction, output in case["expected"].items() if direction.startswith("s2")]
    separator = b"\0" if target == "FuzzConversion" else b"\t"
    for simplified, traditional in cases:
        put(simplified.encode() + separator + traditional.encode() + (b"\n" if target == "FuzzPairs" else b""))
    if target == "FuzzPairs":
        put(b"".join(s.encode() + b"\t" + t.encode() + b"\n" for s, t in cases))
PY
fi

echo "fuzz: running $target for $seconds s"
PARALLELTEXT_RESOURCES="$root/Sources/ParallelText/Resources" SWIFT_BACKTRACE=enable=no exec nice -n 10 "$binary" "$out/corpus/$target" "$seeds" \
  -max_total_time="$seconds" -max_len=16384 -timeout=20 -rss_limit_mb=3072 \
  -print_final_stats=1 -artifact_prefix="$out/artifacts/$target-" "$@"
