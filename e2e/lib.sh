# shellcheck shell=bash
# Shared by the e2e scenarios (not a scenario itself: e2e/run.sh runs only e2e/*-*.sh).
# A scenario sets E2E_NAME, then sources this file, which gives it:
#   $root (the repository), $work (a fresh temporary directory), pids (processes to stop),
#   log MSG, ensure_package COMMAND PACKAGE, peerdial_cmd, wait_for FILE PATTERN SECONDS PID,
#   nsx NS CMD... (runs CMD in network namespace NS), namespaces (a scenario adds each namespace it
#   makes), and a trap that stops every process in pids, deletes every namespace in namespaces and
#   removes $work (kept when KEEP is set).
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d "/tmp/${E2E_NAME}.XXXXXX")"
pids=()
namespaces=()

log() { echo "${E2E_NAME}: $*" >&2; }

cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ -n "${KEEP:-}" ] || rm -rf "$work"
}
delete_namespaces() {
  local ns
  for ns in "${namespaces[@]}"; do ip netns delete "$ns" 2>/dev/null || true; done
}
trap 'cleanup; delete_namespaces' EXIT INT TERM

# nsx NS CMD...: runs CMD inside network namespace NS.
nsx() { local ns=$1; shift; ip netns exec "$ns" "$@"; }

# ensure_package COMMAND PACKAGE: installs the Debian package when COMMAND is missing (root).
ensure_package() {
  command -v "$1" >/dev/null && return
  log "installing $2"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null 2>&1; then
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
  fi
}

# The jar e2e/run.sh built, else the launcher (which builds on first use).
peerdial_cmd() {
  if [ -f "$root/node/target/peerdial.jar" ]; then echo "java -jar $root/node/target/peerdial.jar"; else echo "$root/peerdial"; fi
}

# wait_for FILE PATTERN SECONDS PID: until PATTERN shows in FILE; fails if PID dies or time runs out.
wait_for() {
  local i
  for ((i = 0; i < $3 * 10; i++)); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    kill -0 "$4" 2>/dev/null || { log "process $4 died:"; cat "$1" >&2; return 1; }
    sleep 0.1
  done
  log "timed out waiting for '$2' in $1"; cat "$1" >&2; return 1
}
