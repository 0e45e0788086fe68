# Sourced by the scripts: where the offline build tools live, on PATH.
# Tools are cached outside the clone, so a fresh clone on the same machine
# sets up in seconds.
export CREDIT_TOOLS="${CREDIT_TOOLS:-$HOME/.cache/credit-assistant/tools}"
export PATH="$HOME/.cargo/bin:$CREDIT_TOOLS/node_modules/.bin:$PATH"
