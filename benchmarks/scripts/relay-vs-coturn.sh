#!/usr/bin/env bash
# Relay vs coturn (issue #6, docs/PERFORMANCE.md "Relay vs coturn"): the same open-loop TURN load
# (io.peerdial.benchmarks.TurnLoad: CLIENTS allocations, one channel each, ChannelData at a fixed total
# rate to an echo peer, two relayed datagrams per message) against coturn's turnserver and against
# `peerdial relay`, both running at once on 127.0.0.1 (coturn on 43478, peerdial on 43479, separate relay
# port ranges), the rates interleaved (coturn, peerdial, direct baseline at each rate) so that both see
# the same machine. One line per run: loss, received/s, round trip p50/p99/p99.9 (µs), the server's CPU
# time over the measured 10 s and µs of server CPU per relayed datagram; each server's RSS idle and at
# the end (allocations of earlier runs still live: they expire after 10 minutes).
# Usage: benchmarks/scripts/relay-vs-coturn.sh   (env: RATES="10000 20000 40000 60000", CLIENTS=100,
#        DURATION=10, SIZE=172, PIN=1). Needs root or coturn installed; builds the jars it needs if missing.
# PIN=1 (default on a machine with 2+ CPUs) runs both servers on CPU 1 and the load generator on CPU 0
# (taskset), so that each server gets the same one core whatever its thread count, and the generator
# does not take CPU from the server it measures (unpinned, a one-thread server gets a smaller share of
# the 2 cores than a many-thread one). PIN=0 leaves placement to the scheduler.
# Traffic stays on 127.0.0.1; every process it starts is stopped on exit.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
rates="${RATES:-10000 20000 40000 60000}"
clients="${CLIENTS:-100}"
duration="${DURATION:-10}"
size="${SIZE:-172}"
w="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$w"; }
trap cleanup EXIT INT TERM

command -v turnserver >/dev/null || { apt-get install -y -qq coturn >/dev/null; }
[ -f "$root/node/target/peerdial.jar" ] && [ -f "$root/benchmarks/target/benchmarks.jar" ] || \
  (cd "$root" && mvn -B -q -pl benchmarks -am package -DskipTests)
rss() { awk '/VmRSS/ { print $2 }' "/proc/$1/status"; } # kB
server_pin=(); load_pin=()
if [ "${PIN:-1}" = 1 ] && [ "$(nproc)" -ge 2 ]; then server_pin=(taskset -c 1); load_pin=(taskset -c 0); fi

"${server_pin[@]}" turnserver -n --listening-ip=127.0.0.1 --listening-port=${COTURN_PORT:-43478} --relay-ip=127.0.0.1 --min-port=52000 \
  --max-port=53999 --lt-cred-mech --user=test:secret --realm=test.local --fingerprint --no-tls --no-dtls \
  --no-cli --allow-loopback-peers --log-file=stdout --simple-log >"$w/coturn.log" 2>&1 &
coturn=$!; pids+=($coturn)
"${server_pin[@]}" java -jar "$root/node/target/peerdial.jar" relay --listen 127.0.0.1:${PEERDIAL_PORT:-43479} --relay-ip 127.0.0.1 --min-port 54000 \
  --max-port 55999 --user test:secret --realm test.local --allow-loopback-peers -q >"$w/peerdial.log" 2>&1 &
peerdial=$!; pids+=($peerdial)
for i in $(seq 1 100); do grep -q "listening on" "$w/peerdial.log" && break; sleep 0.2; done
sleep 1
echo "${server_pin[*]:+servers on CPU 1, load on CPU 0; }coturn $(turnserver --version 2>/dev/null | head -1) pid $coturn rss $(rss $coturn) kB; peerdial relay pid $peerdial rss $(rss $peerdial) kB (idle)"

load() { # load NAME PORT PID RATE [direct]
  "${load_pin[@]}" java -Xmx1g -cp "$root/benchmarks/target/benchmarks.jar" io.peerdial.benchmarks.TurnLoad server=127.0.0.1:$2 \
    clients="$clients" rate="$4" duration="$duration" size="$size" pid="$3" direct="${5:-0}" | sed "s/^/$1 /"
}
for rate in $rates; do
  load coturn ${COTURN_PORT:-43478} "$coturn" "$rate"
  load peerdial ${PEERDIAL_PORT:-43479} "$peerdial" "$rate"
  load baseline ${COTURN_PORT:-43478} 0 "$rate" 1
done
echo "after the runs: coturn rss $(rss $coturn) kB, peerdial relay rss $(rss $peerdial) kB"
