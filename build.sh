#!/usr/bin/env bash
# CostInsights: ./build.sh run   runs the app with its demo data on http://127.0.0.1:5080
#               ./build.sh test  installs what the tests need, starts PostgreSQL, runs every test
set -euo pipefail
cd "$(dirname "$0")"

usage() {
  echo "usage: ./build.sh run | test" >&2
  exit 2
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# Debian packages the tests need, installed only when missing.
install_test_dependencies() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  compgen -G "/usr/lib/postgresql/*/bin/initdb" > /dev/null || missing+=(postgresql)
  # The global forecasting model's LightGBM needs the GNU OpenMP runtime.
  compgen -G "/usr/lib/*/libgomp.so.1" > /dev/null || missing+=(libgomp1)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing ${missing[*]} from Debian..."
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" > /dev/null
  fi
}

# A throwaway PostgreSQL on 127.0.0.1, stopped when the script ends.
start_postgres() {
  local bin port dir
  bin=$(dirname "$(compgen -G "/usr/lib/postgresql/*/bin/initdb" | sort -V | tail -n 1)")
  port=${COSTINSIGHTS_PG_PORT:-55439}
  dir=$(mktemp -d /tmp/costinsights-pg.XXXXXX)
  chmod 755 "$dir"
  local run=()
  if [ "$(id -u)" = 0 ]; then
    chown postgres "$dir"
    run=(su postgres -s /bin/sh -c)
  else
    run=(sh -c)
  fi
  "${run[@]}" "$bin/initdb -D $dir/data -U postgres --auth=trust -E UTF8 > $dir/initdb.log 2>&1"
  "${run[@]}" "$bin/pg_ctl -D $dir/data -o '-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=300 -c fsync=off' -l $dir/server.log -w start > /dev/null"
  PG_STOP=("${run[@]}" "$bin/pg_ctl -D $dir/data -m fast stop > /dev/null")
  trap 'stop_postgres' EXIT
  export COSTINSIGHTS_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Include Error Detail=true"
  echo "PostgreSQL is running on 127.0.0.1:$port"
}

stop_postgres() {
  "${PG_STOP[@]}" || true
}

# The sum of the counts after "<label>:" in the xUnit runners' summaries.
# Lines of C# and Razor over 160 characters, as file:line; the data inside multi-line raw string
# literals (a JSON Lines or CSV record of a test) is left as it is.
long_lines() {
  git ls-files '*.cs' '*.razor' | xargs awk '
    FNR == 1 { raw = 0 }
    { quotes = gsub(/"""/, "&") }
    length > 160 && !raw { print FILENAME ":" FNR ": " length " characters" }
    quotes % 2 == 1 { raw = !raw }'
}

sum_of() {
  grep -Eo "$1: +[0-9]+" "$2" | awk '{ total += $2 } END { print total + 0 }'
}

run_tests() {
  install_test_dependencies
  start_postgres
  dotnet build CostInsights.sln -c Debug -nologo -clp:ErrorsOnly
  local log status=0 project name missing=0
  log=$(mktemp)
  set +e
  # Each test project is an xUnit v3 executable, run by its own runner one after another: no test
  # host in between whose messages a busy machine could lose while a long test keeps both cores.
  for project in tests/*/*.Tests.csproj; do
    name=$(basename "$project" .csproj)
    echo "== $name"
    dotnet "tests/$name/bin/Debug/net10.0/$name.dll" -noColor -noLogo 2>&1 | tee "$log.one"
    [ "${PIPESTATUS[0]}" = 0 ] || status=1
    if ! grep -Eq "Total: [0-9]+, Errors: [0-9]+, Failed: [0-9]+" "$log.one"; then
      echo "$name: the runner ended without its summary"
      missing=$((missing + 1))
    fi
    cat "$log.one" >> "$log"
  done
  rm -f "$log.one"
  # The code's layout is part of the build: whatever dotnet format would change fails the run.
  local style=0
  if ! dotnet format CostInsights.sln --verify-no-changes --no-restore; then
    echo "Code style: dotnet format would change the files above (run: dotnet format CostInsights.sln)"
    style=1
    status=1
  fi
  local long
  long=$(long_lines)
  if [ -n "$long" ]; then
    echo "$long"
    echo "Code style: the lines above are longer than 160 characters"
    style=1
    status=1
  fi
  set -e
  # Add the runners' summaries up into the one line CI reads.
  local total errors failed skipped notrun passed
  total=$(sum_of 'Total' "$log")
  errors=$(sum_of 'Errors' "$log")
  failed=$(sum_of 'Failed' "$log")
  skipped=$(sum_of 'Skipped' "$log")
  notrun=$(sum_of 'Not Run' "$log")
  # The failed tests again, each with the first lines of its message, next to the summary where a reader of the run's last
  # lines sees them.
  if grep -q '\[FAIL\]' "$log"; then
    echo "Failed tests:"
    awk '/\[FAIL\]/ { shown = 5; print; next } /Stack Trace:/ { shown = 0 } shown > 0 { print; shown-- }' "$log"
  fi
  rm -f "$log"
  passed=$(( total - errors - failed - skipped - notrun ))
  failed=$(( failed + errors + notrun + missing + style ))
  if [ "${failed}" = 0 ] && [ "$status" != 0 ]; then
    failed=1
  fi
  echo "${passed} passed, ${failed} failed, ${skipped} skipped"
  return "$status"
}

case "${1:-}" in
  run)
    shift
    # Without it the forecasts still run, without the global LightGBM model.
    compgen -G "/usr/lib/*/libgomp.so.1" > /dev/null || echo "Note: libgomp1 is not installed (apt-get install libgomp1): forecasts will leave out the global LightGBM model."
    echo "Starting CostInsights with demo data on http://127.0.0.1:5080 (the first start generates 24 months of usage)."
    exec dotnet run --project src/CostInsights.Web --launch-profile CostInsights -- "$@"
    ;;
  test)
    run_tests
    ;;
  *)
    usage
    ;;
esac
