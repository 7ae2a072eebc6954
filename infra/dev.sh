#!/usr/bin/env bash
# The project's local stack, in one script (the README's two commands call it).
#
#   infra/dev.sh serve   set up, start local AWS (5000), the local JWT issuer (9100) and
#                        the local OAuth provider (9200), and serve every function
#                        through `cargo lambda watch` on 127.0.0.1:9000
#   infra/dev.sh test    set up, start local AWS, run every test (what .ci/run calls)
#   infra/dev.sh up      set up and start local AWS, issuer and provider, then return
#   infra/dev.sh down    stop what `up` started
#   infra/dev.sh bench   release builds of every function, then their cold starts
#                        (init, first response, RSS, zipped size) against a
#                        hello-world floor: infra/bench.py; then the upkeep's fan-out
#                        over 10,000 due connections and the token service's latency,
#                        then the simulation (not part of `test`)
#   infra/dev.sh simulate  a month of upkeep for a million connections through the
#                        domain policy on a virtual clock; prints the README's capacity
#                        figures and draws infra/upkeep-simulation/upkeep-month.svg (no AWS needed)
#   infra/dev.sh sam-build  `sam build` of every function for Lambda (arm64, release,
#                        one cargo invocation through the Makefile; not part of `test`)
#
# Set-up installs what is missing into the project (.venv from infra/requirements.txt)
# and never into the system; running it again only checks.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
RUN_DIR="$ROOT/.local"
MOTO_PORT="${MOTO_PORT:-5000}"
ISSUER_PORT="${ISSUER_PORT:-9100}"
PROVIDER_PORT="${PROVIDER_PORT:-9200}"
WATCH_PORT="${WATCH_PORT:-9000}"
# Every function behind cargo lambda watch, which itself logs at warn: at info it prints
# each function's whole environment on every start. The functions log at the env file's
# RUST_LOG.
WATCH=(env RUST_LOG=warn cargo lambda watch -A 127.0.0.1 -P "$WATCH_PORT" --env-file "$ROOT/infra/local.env")
export SAM_CLI_TELEMETRY=0
mkdir -p "$RUN_DIR"

# Each line says how long the command has run, so a slow step shows in CI's output.
log() { printf '[dev %ss] %s\n' "$SECONDS" "$*" >&2; }
die() { printf '[dev] error: %s\n' "$*" >&2; exit 1; }

# A virtualenv at $1 holding exactly the pins of requirements file $2 (reinstalled
# only when that file changes); $3 says what it is for.
ensure_venv() {
  local venv="$1" requirements="$2" what="$3"
  if [[ ! -x "$venv/bin/python" ]]; then
    log "creating the virtualenv ${venv#"$ROOT"/} ($what)"
    python3 -m venv "$venv"
  fi
  if ! cmp -s "$requirements" "$venv/.requirements"; then
    log "installing pinned $what into ${venv#"$ROOT"/}"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements"
    cp "$requirements" "$venv/.requirements"
  fi
}

ensure_tools() {
  command -v cargo >/dev/null || die "cargo is missing: install Rust with rustup first"
  command -v python3 >/dev/null || die "python3 (3.9 or newer) is missing"
  ensure_venv "$VENV" "$ROOT/infra/requirements.txt" "tools (moto server, cargo-lambda, pyjwt)"
  export PATH="$VENV/bin:$PATH"
}

# SAM CLI and cfn-lint pin versions moto's server conflicts with: their own venv.
ensure_deploy_tools() {
  ensure_venv "$ROOT/.venv-deploy" "$ROOT/infra/requirements-deploy.txt" "deploy tools (SAM CLI, cfn-lint)"
  export PATH="$PATH:$ROOT/.venv-deploy/bin"
}

answers() { # url: true once anything answers HTTP there
  [[ "$(curl -s -o /dev/null -w '%{http_code}' "$1" 2>/dev/null)" != "000" ]]
}

wait_for() { # url, name
  for _ in $(seq 1 300); do
    if answers "$1"; then return 0; fi
    sleep 0.2
  done
  die "$2 did not start; see $RUN_DIR/$2.log"
}

start_background() { # name, url to probe, command...
  local name="$1" url="$2"; shift 2
  if answers "$url"; then
    log "$name already answers at $url"
    return 0
  fi
  log "starting $name"
  # Own process group, so `down` also stops what it spawns.
  setsid nohup "$@" >"$RUN_DIR/$name.log" 2>&1 &
  echo $! >"$RUN_DIR/$name.pid"
  wait_for "$url" "$name"
}

local_env() {
  set -a
  # shellcheck disable=SC1091
  source "$ROOT/infra/local.env"
  set +a
  export AWS_ENDPOINT_URL="http://127.0.0.1:$MOTO_PORT"
}

up() {
  ensure_tools
  local_env
  MOTO_PORT="$MOTO_PORT" start_background moto "http://127.0.0.1:$MOTO_PORT/moto-api/" \
    "$VENV/bin/python" "$ROOT/infra/local_aws.py" -H 127.0.0.1 -p "$MOTO_PORT"
  "$VENV/bin/python" "$ROOT/infra/local.py" bootstrap
  start_background issuer "http://127.0.0.1:$ISSUER_PORT/jwks.json" \
    "$VENV/bin/python" -m http.server "$ISSUER_PORT" --bind 127.0.0.1 \
    --directory "$ROOT/infra/local-issuer/public"
  (cd "$ROOT" && cargo build --quiet -p local-oauth-provider)
  start_background provider "http://127.0.0.1:$PROVIDER_PORT/" \
    "${CARGO_TARGET_DIR:-$ROOT/target}/debug/local-oauth-provider" "$PROVIDER_PORT"
}

down() {
  for name in watch provider issuer moto; do
    if [[ -f "$RUN_DIR/$name.pid" ]]; then
      kill -- "-$(cat "$RUN_DIR/$name.pid")" 2>/dev/null || true
      rm -f "$RUN_DIR/$name.pid"
      log "stopped $name"
    fi
  done
}

serve() {
  up
  log "serving every function on http://127.0.0.1:$WATCH_PORT (routes: Cargo.toml router)"
  cd "$ROOT"
  exec "${WATCH[@]}"
}

reset_local_aws() {
  # Tests scan what they wrote; a table full of earlier runs only slows them down.
  curl -fsS -X POST "http://127.0.0.1:$MOTO_PORT/moto-api/reset" >/dev/null
  "$VENV/bin/python" "$ROOT/infra/local.py" bootstrap
}

run_tests() {
  up
  ensure_deploy_tools
  reset_local_aws
  cd "$ROOT"
  log "building the workspace and its tests"
  cargo build --workspace --all-targets --locked
  log "running unit and integration tests against local AWS at $AWS_ENDPOINT_URL"
  export OBSERVED_AWS_ACTIONS="$RUN_DIR/observed-aws-actions.txt"
  export OBSERVED_ROUND_TRIPS="$RUN_DIR/observed-round-trips.txt"
  rm -f "$OBSERVED_AWS_ACTIONS" "$OBSERVED_ROUND_TRIPS"
  cargo test --workspace --locked --no-fail-fast
  "$VENV/bin/python" "$ROOT/infra/check_round_trips.py"
  log "checking template.yaml: cfn-lint, sam validate --lint, crates, environment, IAM"
  "$ROOT/.venv-deploy/bin/python" "$ROOT/infra/check_template.py"
  log "smoke-testing every route through cargo lambda watch (README command 1)"
  # No reloading while tests run: a file written meanwhile (the README's screenshots, an
  # edit) would restart functions under requests in flight.
  start_background watch "http://127.0.0.1:$WATCH_PORT/" "${WATCH[@]}" --ignore-changes
  "$VENV/bin/python" "$ROOT/infra/smoke.py" "$WATCH_PORT"
  log "browser tests of the pages in headless Chromium (screenshots in tests/artifacts/e2e)"
  ensure_browser
  CHROMIUM="$(command -v chromium)" PAGES_BASE_URL="http://127.0.0.1:$WATCH_PORT" node "$ROOT/tests/e2e/run.mjs"
}

# Debian's Chromium and playwright-core (no browser download) for the page tests.
ensure_browser() {
  if ! command -v chromium >/dev/null; then
    log "installing Debian's chromium for the browser tests"
    local sudo=""
    [[ "$(id -u)" -ne 0 ]] && sudo="sudo"
    $sudo apt-get install -y -qq chromium >/dev/null 2>&1 \
      || { $sudo apt-get update -qq >/dev/null && $sudo apt-get install -y -qq chromium >/dev/null; } \
      || die "could not install chromium (apt-get install chromium)"
  fi
  command -v node >/dev/null || die "node (20 or newer) is missing: the browser tests need it"
  if [[ ! -d "$ROOT/tests/e2e/node_modules/playwright-core" || ! -d "$ROOT/tests/e2e/node_modules/@axe-core/playwright" ]]; then
    log "installing playwright-core for the browser tests"
    (cd "$ROOT/tests/e2e" && npm ci --no-audit --no-fund --silent)
  fi
}

sam_build() {
  ensure_tools
  ensure_deploy_tools
  cd "$ROOT"
  log "sam build: a release build of every function with cargo-lambda"
  time sam build --template template.yaml --build-dir "$RUN_DIR/sam-build"
}

bench() {
  up
  cd "$ROOT"
  "$VENV/bin/python" "$ROOT/infra/bench.py" "$@"
  log "connection upkeep: the fan-out over 10,000 due connections and the token service's latency (tests/api/benchmarks.rs)"
  cargo test --release --locked -p api-tests --test api -- \
    --ignored --nocapture --test-threads 1 benchmark_
  simulate
}

simulate() {
  cd "$ROOT"
  log "a month of upkeep for a million connections (infra/upkeep-simulation)"
  cargo run --release --locked -p upkeep-simulation --bin simulate-upkeep -- \
    --chart "$ROOT/infra/upkeep-simulation/upkeep-month.svg" "$@"
}

case "${1:-}" in
  serve) serve ;;
  bench) trap down EXIT; shift; bench "$@" ;;
  simulate) shift; simulate "$@" ;;
  test) trap down EXIT; run_tests ;;
  up) up ;;
  down) down ;;
  sam-build) sam_build ;;
  *) sed -n '2,22p' "$0"; exit 2 ;;
esac
