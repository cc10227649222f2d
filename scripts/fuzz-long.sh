#!/usr/bin/env bash
# Bad input, the long run: tests/fuzz.rs with many more cases per property (CI runs 256).
#   scripts/fuzz-long.sh          10000 cases per property
#   scripts/fuzz-long.sh 100000   more
# A failure is shrunk to a minimal input and saved in tests/fuzz.proptest-regressions, which
# every later run (CI's too) tries first: commit it with the fix.
set -euo pipefail
cd "$(dirname "$0")/.."
PROPTEST_CASES="${1:-10000}" cargo test --test fuzz -- --nocapture
