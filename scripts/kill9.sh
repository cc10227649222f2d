#!/usr/bin/env bash
# Crash safety, the long run: 200 writers killed with SIGKILL at random moments during saves
# and imports, the file checked after each (CI runs 20). Debug build, like the tests.
#   scripts/kill9.sh            200 kills
#   scripts/kill9.sh 1000       more
#   SGZ_KILL9_SEED=N scripts/kill9.sh   repeat a run (the seed is printed)
set -euo pipefail
cd "$(dirname "$0")/.."
SGZ_KILL9_ITERS="${1:-200}" cargo test --test crash -- --nocapture
