#!/usr/bin/env bash
# The release build, into dist/: first the self-check's own entry
# (self-check.html: the self-check alone, for prospects and embeds; issue
# 16) into target/selfcheck-dist, then the app, whose post-build step
# (scripts/postbuild.mjs) takes the self-check's files in and hardens both
# pages. `trunk build --release` alone builds the app, with the self-check
# entry of the last build.sh if there is one.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
trunk build --release=true --dist target/selfcheck-dist self-check.html
trunk build --release
