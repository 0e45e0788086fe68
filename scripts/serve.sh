#!/usr/bin/env bash
# Sets up what is missing (scripts/setup.sh), then serves the app on
# http://127.0.0.1:8080 with trunk, rebuilding on changes.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
bash scripts/setup.sh
exec trunk serve --release "$@"
