#!/usr/bin/env bash
# Throughput benchmark: imr-lint against ripgrep over generated corpora of letters.
#
#   benches/bench.sh [--large] [--sizes "2000 20000"] [--threads N] [--no-shared]
#
# Builds the release binary, generates (once) corpora of 2,000 and 20,000 letters (and
# 100,000 with --large) with benches/gen_corpus.rs under $CARGO_TARGET_DIR (default
# target/), and measures in the same run, for each corpus:
#   - imr-lint wall time with `--format json -o /dev/null` and with human output to
#     /dev/null, letters/s and MB/s, peak RSS (GNU time);
#   - `rg -c -f benches/patterns.txt` over the same corpus (the phrase families the checks
#     look for), and the ratio imr-lint / rg.
# The tools take turns, round by round (json, human, rg; 5 rounds up to 20,000 letters, 3
# above), and each time is the median of its rounds: a shared machine's speed drifts by
# 20% or more within a minute, and taking turns spreads the drift over the tools alike.
# Each size is also measured on a corpus made by ../shared/bench/make_corpus.py (varied
# copies of the sample letters and of the annotated corpus letters, written independently
# of the rules) when that script is there, unless --no-shared.
# Then the wall time of one letter (hyperfine, else a loop of 200 runs).
# Then the HTML report of each corpus up to 20,000 letters: time to write, size, and the
# time to open, filter and show a letter in headless Chromium (when installed).
# Then a PDF corpus: the first --pdf N generated letters (default 1,000) set as PDFs by
# fixtures/pdf/make.sh (reportlab in a pinned virtual environment), through imr-lint
# (reading the PDFs, then linting) against poppler's `pdftotext` alone over the same files
# (one process per file, as many at once as there are cores), taking turns the same way.
# Prints markdown tables. Installs ripgrep, hyperfine, GNU time and poppler-utils (for
# pdftotext: the comparison only, imr-lint never runs it) with apt-get if missing.
# Not run by `cargo test` or CI.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
SIZES="2000 20000"
THREADS=""
PDF_N=1000
SHARED=$ROOT/../shared/bench/make_corpus.py
while [ $# -gt 0 ]; do
  case "$1" in
    --large) SIZES="$SIZES 100000" ;;
    --sizes) SIZES="$2"; shift ;;
    --pdf) PDF_N="$2"; shift ;;
    --threads|-j) THREADS="$2"; shift ;;
    --no-shared) SHARED="" ;;
    -h|--help) sed -n '2,28p' "$0"; exit 0 ;;
    *) echo "bench.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
  shift
done

need() { command -v "$1" >/dev/null 2>&1 || [ -x "$1" ]; }
now() { date +%s%N; }
missing=()
need rg || missing+=(ripgrep)
need hyperfine || missing+=(hyperfine)
need /usr/bin/time || missing+=(time)
need pdftotext || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || true
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null ||
    echo "bench.sh: could not install ${missing[*]}; continuing without" >&2
fi

echo "building release..." >&2
cargo build --release --quiet
BIN=$TARGET/release/imr-lint
JOBS=()
[ -n "$THREADS" ] && JOBS=(-j "$THREADS")

# Runs a command under GNU time; prints its peak RSS in KiB. The command's exit status is
# ignored (imr-lint exits 1 when it finds errors, rg 1 when nothing matches).
peak() {
  local out
  out=$(mktemp)
  /usr/bin/time -f "%M" -o "$out" "$@" >/dev/null 2>/dev/null || true
  tail -n 1 "$out"
  rm -f "$out"
}

# Runs a command once; prints its wall time in nanoseconds.
wall() {
  local start
  start=$(now)
  "$@" >/dev/null 2>/dev/null || true
  echo $(($(now) - start))
}

# The median of numbers (nanoseconds), in seconds.
median() {
  printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END {
    m = (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2); printf "%.3f", m / 1e9 }'
}

rows=()
corpora=()
for n in $SIZES; do
  corpora+=("generated:$n")
  [ -n "$SHARED" ] && [ -f "$SHARED" ] && corpora+=("shared:$n")
done
for spec in "${corpora[@]}"; do
  kind=${spec%%:*}
  n=${spec#*:}
  corpus=$TARGET/corpus-$kind-$n
  if [ ! -f "$corpus/.complete" ]; then
    echo "generating $n $kind letters in $corpus..." >&2
    rm -rf "$corpus"
    if [ "$kind" = shared ]; then
      python3 "$SHARED" "$corpus" "$n" >&2
    else
      cargo bench --quiet --bench gen_corpus -- "$n" "$corpus" >&2
    fi
    touch "$corpus/.complete"
  fi
  ROUNDS=$([ "$n" -le 20000 ] && echo 5 || echo 3)
  bytes=$(du -sb --exclude=.complete "$corpus" | cut -f1)
  mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
  # Warm the page cache so every tool reads from memory.
  find "$corpus" -name '*.txt' -exec cat {} + >/dev/null
  json=("$BIN" "${JOBS[@]}" --no-progress --format json -o /dev/null "$corpus")
  human=("$BIN" "${JOBS[@]}" --no-progress --color never "$corpus")
  grep=(rg "${JOBS[@]}" -c -f benches/patterns.txt "$corpus")
  json_kib=$(peak "${json[@]}")
  human_kib=$(peak "${human[@]}")
  json_t=() human_t=() rg_t=()
  for _ in $(seq "$ROUNDS"); do
    json_t+=("$(wall "${json[@]}")")
    human_t+=("$(wall "${human[@]}")")
    rg_t+=("$(wall "${grep[@]}")")
  done
  json_s=$(median "${json_t[@]}")
  human_s=$(median "${human_t[@]}")
  rg_s=$(median "${rg_t[@]}")
  rows+=("$(awk -v kind="$kind" -v n="$n" -v mb="$mb" -v j="$json_s" -v jk="$json_kib" -v h="$human_s" \
    -v hk="$human_kib" -v r="$rg_s" 'BEGIN {
      jr = (j > 0 ? n / j : 0); hr = (h > 0 ? n / h : 0); ratio = (r > 0 ? j / r : 0)
      printf "| %s %d | %s | %.2f | %.0f | %.1f | %.1f | %.2f | %.0f | %.1f | %.2f | %.1f× |", \
        kind, n, mb, j, jr, (j > 0 ? mb / j : 0), jk / 1024, h, hr, hk / 1024, r, ratio }')")
done

# The HTML report of each generated corpus up to 20,000 letters: the time to write it (median of 3)
# and its size; then, when Chromium is installed, the time to open it, filter the table
# and show a letter (tests/html_report.rs, `open_time`).
html_rows=()
html_open=()
for n in $SIZES; do
  [ "$n" -le 20000 ] || continue
  page=$TARGET/report-$n.html
  html=("$BIN" "${JOBS[@]}" --no-progress --format html -o "$page" "$TARGET/corpus-generated-$n")
  html_kib=$(peak "${html[@]}")
  html_t=()
  for _ in 1 2 3; do html_t+=("$(wall "${html[@]}")"); done
  html_rows+=("$(awk -v n="$n" -v s="$(median "${html_t[@]}")" -v b="$(stat -c %s "$page")" \
    -v k="$html_kib" 'BEGIN { printf "| %d | %s | %.1f | %.1f | %.1f |", n, s, b / 1e6, b / n / 1e3, k / 1024 }')")
  if command -v chromium >/dev/null 2>&1 || [ -n "${CHROMIUM:-}" ]; then
    html_open+=("$(IMR_LINT_OPEN_REPORT=$page cargo test --quiet --test html_report -- \
      --ignored --nocapture --exact open_time 2>/dev/null | grep '^html report')")
  fi
done

pdf_row=""
if [ "$PDF_N" -gt 0 ]; then
  texts=$TARGET/corpus-generated-$PDF_N
  if [ ! -f "$texts/.complete" ]; then
    echo "generating $PDF_N generated letters in $texts..." >&2
    rm -rf "$texts"
    cargo bench --quiet --bench gen_corpus -- "$PDF_N" "$texts" >&2
    touch "$texts/.complete"
  fi
  pdfs=$TARGET/corpus-pdf-$PDF_N
  if [ ! -f "$pdfs/.complete" ]; then
    echo "setting $PDF_N letters as PDFs in $pdfs..." >&2
    rm -rf "$pdfs"
    bash fixtures/pdf/make.sh --corpus "$texts" "$pdfs"
    touch "$pdfs/.complete"
  fi
  pdf_bytes=$(du -sb --exclude=.complete "$pdfs" | cut -f1)
  pdf_mb=$(awk -v b="$pdf_bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
  find "$pdfs" -name '*.pdf' -exec cat {} + >/dev/null
  lint_pdf=("$BIN" "${JOBS[@]}" --no-progress --format json -o /dev/null "$pdfs")
  cores=${THREADS:-$(nproc)}
  p2t=(sh -c 'find "$1" -name "*.pdf" -print0 |
    xargs -0 -P "$2" -n 20 sh -c "for f; do pdftotext -q \"\$f\" - || exit 255; done" _' _ "$pdfs" "$cores")
  pdf_kib=$(peak "${lint_pdf[@]}")
  lint_t=() p2t_t=()
  for _ in $(seq 5); do
    lint_t+=("$(wall "${lint_pdf[@]}")")
    p2t_t+=("$(wall "${p2t[@]}")")
  done
  lint_s=$(median "${lint_t[@]}")
  p2t_s=$(median "${p2t_t[@]}")
  pdf_row=$(awk -v n="$PDF_N" -v mb="$pdf_mb" -v l="$lint_s" -v k="$pdf_kib" -v p="$p2t_s" 'BEGIN {
    printf "| %d | %s | %.2f | %.0f | %.1f | %.2f | %.0f | %.2f× |", \
      n, mb, l, (l > 0 ? n / l : 0), k / 1024, p, (p > 0 ? n / p : 0), (l > 0 ? p / l : 0) }')
fi

letter=fixtures/letters/004_fcd2ca5e482aece7.txt
if need hyperfine; then
  single=$(hyperfine --warmup 10 --runs 200 -N -i --export-json /dev/stdout \
    "$BIN --no-progress --format json -o /dev/null $letter" 2>/dev/null |
    awk -F: '/"mean"/ { gsub(/[ ,]/, "", $2); printf "%.2f", $2 * 1000; exit }')
  how="hyperfine, 200 runs"
else
  start=$(date +%s%N)
  for _ in $(seq 200); do "$BIN" --no-progress --format json -o /dev/null "$letter" || true; done
  end=$(date +%s%N)
  single=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", (b - a) / 200 / 1e6 }')
  how="loop of 200 runs"
fi

echo
echo "imr-lint $("$BIN" --version | cut -d' ' -f2), $(nproc) cores${THREADS:+, -j $THREADS}, rg $(rg --version | head -1 | cut -d' ' -f2)"
echo
echo "| letters | MB | json s | letters/s | MB/s | json peak MiB | human s | human letters/s | human peak MiB | rg s | json / rg |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
echo
if [ -n "$pdf_row" ]; then
  echo "PDF letters: imr-lint (read and lint, --format json) against pdftotext $(pdftotext -v 2>&1 | head -1 | awk '{print $3}') alone"
  echo
  echo "| PDFs | MB | imr-lint s | letters/s | peak MiB | pdftotext s | letters/s | imr-lint speed-up |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
  echo "$pdf_row"
  echo
fi
echo "one letter ($letter, $how): ${single} ms"
echo
echo "| letters | html s | html MB | KB a letter | html peak MiB |"
echo "|---:|---:|---:|---:|---:|"
printf '%s\n' "${html_rows[@]}"
[ ${#html_open[@]} -eq 0 ] || { echo; printf '%s\n' "${html_open[@]}"; }
