#!/usr/bin/env bash
# End-to-end tests that need root, network namespaces or Debian packages (sipp, baresip, coturn).
# Runs every scenario script e2e/<name>.sh (each installs what it needs, stays on loopback or in
# namespaces it creates, and cleans up after itself), after building the launcher's jar once.
# Exit status: 0 if every scenario passed, 1 otherwise. Closing line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" -ne 0 ]; then
  echo "e2e/run.sh: needs root (network namespaces, apt-get); run it with sudo" >&2
  exit 1
fi

echo "== building node/target/peerdial.jar"
if ! mvn -B -q -DskipTests -pl node -am package; then
  echo "e2e/run.sh: build failed" >&2
  exit 1
fi

passed=0; failed=0; failures=()
for scenario in e2e/*-*.sh; do
  [ -e "$scenario" ] || continue
  name=$(basename "$scenario" .sh)
  echo "== e2e: $name"
  start=$(date +%s)
  if timeout 900 bash "$scenario"; then
    passed=$((passed + 1)); echo "-- $name: passed in $(( $(date +%s) - start )) s"
  else
    failed=$((failed + 1)); failures+=("$name"); echo "-- $name: FAILED after $(( $(date +%s) - start )) s"
  fi
done

[ ${#failures[@]} -eq 0 ] || echo "failed scenarios: ${failures[*]}"
echo "e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
