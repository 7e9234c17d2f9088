#!/usr/bin/env bash
# Interop of `peerdial relay` with coturn's TURN client tools (docs/RELAY.md), on 127.0.0.1 only.
#
#   e2e/relay-interop.sh           turnutils_uclient (channels) through peerdial relay over UDP, then over
#                                  TCP (-t): 0% loss required
#   e2e/relay-interop.sh --bench   the same heavier load against coturn's turnserver and peerdial relay,
#                                  one after the other; prints one line per server (docs/PERFORMANCE.md)
#
# Installs coturn if missing (root). Every process it starts is stopped on exit (trap).
# Environment: RELAY_PORT (default 3478), PEER_PORT (3480), MIN_PORT/MAX_PORT (51000/51999),
# LOAD (uclient -m/-n/-z options; default "-m 10 -n 200", bench "-m 100 -n 2000 -z 1").
set -euo pipefail
E2E_NAME=relay-interop
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
mode="${1:-check}"
relay_port="${RELAY_PORT:-3478}"
peer_port="${PEER_PORT:-3480}"
min_port="${MIN_PORT:-51000}"
max_port="${MAX_PORT:-51999}"

ensure_coturn() {
  ensure_package turnutils_uclient coturn
  ensure_package turnserver coturn
}

port_free() { ! (ss -Hlun "sport = :$1" 2>/dev/null | grep -q .); }

start_peer() {
  turnutils_peer -L 127.0.0.1 -p "$peer_port" >"$work/peer.log" 2>&1 &
  pids+=($!)
}

start_peerdial() {
  # Building on first use can take a minute: wait up to 300 s for the listening line.
  $(peerdial_cmd) relay --listen "127.0.0.1:$relay_port" --relay-ip 127.0.0.1 --min-port "$min_port" \
    --max-port "$max_port" --user test:secret --realm test.local --allow-loopback-peers -q \
    >"$work/server.log" 2>&1 &
  server_pid=$!
  pids+=("$server_pid")
  wait_for "$work/server.log" "listening on" 300 "$server_pid"
}

start_coturn() {
  turnserver -n --listening-ip=127.0.0.1 --listening-port="$relay_port" --relay-ip=127.0.0.1 \
    --min-port="$min_port" --max-port="$max_port" --lt-cred-mech --user=test:secret --realm=test.local \
    --fingerprint --no-tls --no-dtls --no-cli --allow-loopback-peers --log-file=stdout \
    >"$work/server.log" 2>&1 &
  server_pid=$!
  pids+=("$server_pid")
  sleep 1
  wait_for "$work/server.log" "Total General servers" 10 "$server_pid" || wait_for "$work/server.log" "IPv4. UDP listener opened" 10 "$server_pid"
}

stop_server() {
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
}

# run_load NAME LOAD [strict]: runs uclient, prints a summary line; with "strict", fails unless
# every message came back.
run_load() {
  local name="$1" load="$2" strict="${3:-}" out="$work/uclient-$1.log" rss
  local m n
  m=$(sed -n 's/.*-m \([0-9]*\).*/\1/p' <<<"$load"); n=$(sed -n 's/.*-n \([0-9]*\).*/\1/p' <<<"$load")
  local start end
  start=$(date +%s.%N)
  # shellcheck disable=SC2086
  timeout 300 turnutils_uclient -u test -w secret -e 127.0.0.1 -r "$peer_port" -p "$relay_port" $load -l 172 -c -X 127.0.0.1 >"$out" 2>&1 || {
    log "$name: turnutils_uclient failed"; tail -20 "$out" >&2; return 1; }
  end=$(date +%s.%N)
  rss=$(ps -o rss= -p "$server_pid" 2>/dev/null | tr -d ' ' || echo 0)
  local sent recv lost rtt ttime
  sent=$(sed -n 's/.*start_mclient: tot_send_msgs=\([0-9]*\), tot_recv_msgs=\([0-9]*\).*/\1/p' "$out" | tail -1)
  recv=$(sed -n 's/.*start_mclient: tot_send_msgs=\([0-9]*\), tot_recv_msgs=\([0-9]*\).*/\2/p' "$out" | tail -1)
  lost=$(sed -n 's/.*Total lost packets \([0-9]*\) (\([0-9.]*\)%).*/\2/p' "$out" | tail -1)
  rtt=$(sed -n 's/.*Average round trip delay \([0-9.]*\) ms.*/\1/p' "$out" | tail -1)
  ttime=$(sed -n 's/.*Total transmit time is \([0-9]*\).*/\1/p' "$out" | tail -1)
  local expected=$((m * n))
  echo "$name: sent=$sent received=$recv expected=$expected loss=${lost}% avg_rtt_ms=$rtt transmit_s=$ttime wall_s=$(echo "$end - $start" | bc) server_rss_kb=$rss"
  [ "$strict" != strict ] || { [ "$sent" = "$expected" ] && [ "$recv" = "$expected" ] && [ "$lost" = "0.000000" ]; } || {
    log "$name: loss or missing messages"; tail -5 "$out" >&2; return 1; }
}

ensure_coturn
port_free "$relay_port" || { log "UDP port $relay_port is in use (set RELAY_PORT)"; exit 1; }
port_free "$peer_port" || { log "UDP port $peer_port is in use (set PEER_PORT)"; exit 1; }
start_peer

case "$mode" in
  check)
    start_peerdial
    run_load peerdial-udp "${LOAD:--m 10 -n 200}" strict
    run_load peerdial-tcp "-t ${LOAD:--m 10 -n 200}" strict
    log "ok: turnutils_uclient through peerdial relay over UDP and TCP, 0% loss"
    ;;
  --bench)
    load="${LOAD:--m 100 -n 2000 -z 1}"
    start_coturn
    run_load coturn "$load"
    stop_server
    start_peerdial
    run_load peerdial "$load"
    stop_server
    ;;
  *)
    echo "usage: $0 [--bench]" >&2; exit 2 ;;
esac
