#!/usr/bin/env bash
# Resident memory per TURN allocation, coturn's turnserver and `peerdial relay` side by side, on
# 127.0.0.1 only (docs/PERFORMANCE.md, "Relay vs coturn"). For each server: start it (the flags of
# e2e/relay-interop.sh), read its RSS when idle, open N allocations with turnutils_uclient (one client
# each, channels, one 100-byte message per second so they stay in use), count the relayed sockets it
# bound, read its RSS again, stop everything. Prints one line per server.
#
#   benchmarks/scripts/relay-memory.sh [N]      (default N=500; needs node/target/peerdial.jar or ./peerdial)
#
# Environment: RELAY_PORT (3478), PEER_PORT (3480), MIN_PORT/MAX_PORT (54000/55999), SETTLE_S (15).
# Installs coturn if missing (root). Every process it starts is stopped on exit (trap in e2e/lib.sh).
set -euo pipefail
E2E_NAME=relay-memory
source "$(dirname "${BASH_SOURCE[0]}")/../../e2e/lib.sh"
n="${1:-500}"
relay_port="${RELAY_PORT:-3478}"
peer_port="${PEER_PORT:-3480}"
min_port="${MIN_PORT:-54000}"
max_port="${MAX_PORT:-55999}"
settle="${SETTLE_S:-15}"

ensure_package turnutils_uclient coturn
ensure_package turnserver coturn

rss_kb() { ps -o rss= -p "$1" | tr -d ' '; }
# UDP sockets bound in the relayed port range: one per allocation
relayed_sockets() { ss -Huan "( sport >= :$min_port and sport <= :$max_port )" 2>/dev/null | grep -c "127.0.0.1" || true; }

measure() { # NAME SERVER_PID
  local name="$1" pid="$2" idle loaded count uclient
  sleep 3
  idle=$(rss_kb "$pid")
  turnutils_uclient -u test -w secret -e 127.0.0.1 -r "$peer_port" -p "$relay_port" -m "$n" -n 100000 -z 1000 -l 100 \
    -c -X 127.0.0.1 >"$work/uclient-$name.log" 2>&1 &
  uclient=$!
  pids+=("$uclient")
  sleep "$settle"
  count=$(relayed_sockets)
  loaded=$(rss_kb "$pid")
  kill "$uclient" 2>/dev/null || true
  wait "$uclient" 2>/dev/null || true
  echo "$name: allocations=$count rss_idle_kb=$idle rss_loaded_kb=$loaded per_allocation_bytes=$(( (loaded - idle) * 1024 / (count > 0 ? count : 1) ))"
}

turnutils_peer -L 127.0.0.1 -p "$peer_port" >"$work/peer.log" 2>&1 &
pids+=($!)

turnserver -n --listening-ip=127.0.0.1 --listening-port="$relay_port" --relay-ip=127.0.0.1 \
  --min-port="$min_port" --max-port="$max_port" --lt-cred-mech --user=test:secret --realm=test.local \
  --fingerprint --no-tls --no-dtls --no-cli --allow-loopback-peers --log-file=stdout >"$work/coturn.log" 2>&1 &
coturn=$!
pids+=("$coturn")
wait_for "$work/coturn.log" "IPv4. UDP listener opened" 10 "$coturn" || true
measure coturn "$coturn"
kill "$coturn"; wait "$coturn" 2>/dev/null || true
sleep 2 # the relayed ports are free again

$(peerdial_cmd) relay --listen "127.0.0.1:$relay_port" --relay-ip 127.0.0.1 --min-port "$min_port" --max-port "$max_port" \
  --user test:secret --realm test.local --allow-loopback-peers -q >"$work/peerdial.log" 2>&1 &
relay=$!
pids+=("$relay")
wait_for "$work/peerdial.log" "listening on" 300 "$relay"
measure peerdial "$relay"
