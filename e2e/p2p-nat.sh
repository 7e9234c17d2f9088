#!/usr/bin/env bash
# The P2P API through real NATs in network namespaces (docs/P2P.md "End-to-end through NATs"): two
# examples.Chat endpoints (each a P2PServerSocket with its own embedded node, a DHT client behind its NAT)
# chat over a P2PSocket stream. Cases (CASES, default all):
#   cone-cone:            both NATs MASQUERADE (endpoint-independent mapping): ICE finds a direct pair
#                         (server-reflexive: STUN from the super-node); both sockets must report DIRECT;
#   symmetric-symmetric:  both NATs MASQUERADE --random-fully (a new port per destination, hole punching
#                         fails): both endpoints run with --relays and must report RELAYED (the super-node's
#                         TURN relay);
#   blocked-cone:         alice behind a router that forwards no UDP (only TCP leaves), bob behind a cone
#                         NAT: alice's embedded node finds its UDP blocked, runs its overlay and SIP over
#                         TCP and reaches the relay over TCP (TURN tap); both run with --relays and must
#                         report RELAYED.
# Topology per case (e2e/natlib.sh; names end in the case and $$): P, the public segment 203.0.113.0/24:
# super-node S 203.0.113.1:7000 (relay on: TURN on 3478) and D 203.0.113.2:7000, a second full DHT member
# with --relay off (S's relay advert and the endpoints' bindings need a node to be stored on, and DHT clients
# store nothing: see e2e/relay-nat.sh); routers R1/R2 and hosts C1 (192.168.1.2, alice) / C2 (192.168.2.2,
# bob). bob binds and waits; alice dials bob's self-certifying address. Each sends its lines, the chat ends
# when both inputs have ended. Passes when each side prints the other's lines and its path type is the
# case's. Builds the examples (offline) first. Environment: CASES, KEEP (keep the logs).
# Needs root; installs iptables if missing. The trap stops every process and deletes the namespaces.
set -euo pipefail
E2E_NAME=p2p-nat
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
sfx=$(( $$ % 100000 ))
source "$(dirname "${BASH_SOURCE[0]}")/natlib.sh"
ensure_package iptables iptables

log "building the examples (mvn -o package, tests skipped)"
(cd "$root" && mvn -B -q -o -DskipTests -pl examples -am package)
cp="$root/node/target/peerdial.jar:$(ls "$root"/examples/target/examples-*.jar | head -1)"
pd="java -jar $root/node/target/peerdial.jar"
chat="java -cp $cp io.peerdial.examples.Chat"

# run_case CASE NAT EXPECT [CHAT OPTIONS]: both sides behind a NAT of kind NAT (or alice's and bob's as
# NAT1/NAT2); EXPECT is DIRECT or RELAYED.
run_case() {
  local case=$1 nat=$2 expect=$3; shift 3
  local extra=("$@") d="$work/$case" ok=1
  log "== $case (endpoints behind $nat NAT(s), expecting a $expect path)"
  topology "$case" "${nat%/*}" "${nat#*/}"
  mkdir -p "$d"
  start "$P" "$case/s" --listen 203.0.113.1:7000 --role super --sip 127.0.0.1:5061 --control 127.0.0.1:7071 \
    --relay-min-port 50000 --relay-max-port 50999 || return 1
  wait_for "$work/$case/s.log" "relaying for others" 30 $last_pid || return 1
  start "$P" "$case/dm" --listen 203.0.113.2:7000 --bootstrap 203.0.113.1:7000 --role super --relay off \
    --sip 127.0.0.1:5062 --control 127.0.0.1:7072 || return 1

  # bob: binds, waits up to 90 s for alice, sends his lines once connected
  # shellcheck disable=SC2086
  printf 'hello from bob\nsecond line from bob\n' | timeout 150 ip netns exec "$C2" $chat --data "$d/bob" \
    --listen 192.168.2.2:7000 --bootstrap 203.0.113.1:7000 --role client --name bob --timeout 90 "${extra[@]}" \
    >"$d/bob.out" 2>"$d/bob.err" &
  local pid_bob=$!; pids+=($pid_bob)
  wait_for "$d/bob.out" "listening at sip:" 60 $pid_bob || return 1
  wait_for "$d/bob.err" "rendezvous super-nodes now \[[0-9a-f]" 60 $pid_bob || return 1
  if [ ${#extra[@]} -gt 0 ]; then wait_for "$d/bob.out" "relay ready" 60 $pid_bob || return 1; fi
  local aor_bob; aor_bob=$(grep -m1 -o "sip:bob@[^ ]*" "$d/bob.out")
  log "$case: bob is $aor_bob"

  # shellcheck disable=SC2086
  printf 'hello from alice\nsecond line from alice\n' | timeout 150 ip netns exec "$C1" $chat --data "$d/alice" \
    --listen 192.168.1.2:7000 --bootstrap 203.0.113.1:7000 --role client --name alice --timeout 60 "${extra[@]}" \
    --connect "$aor_bob" >"$d/alice.out" 2>"$d/alice.err" &
  local pid_alice=$!; pids+=($pid_alice)
  local status_a=0 status_b=0
  wait "$pid_alice" || status_a=$?
  wait "$pid_bob" || status_b=$?
  sed "s/^/$E2E_NAME: $case: alice: /" "$d/alice.out" >&2
  sed "s/^/$E2E_NAME: $case: bob: /" "$d/bob.out" >&2
  grep -q "^peer: hello from bob$" "$d/alice.out" && grep -q "^peer: second line from bob$" "$d/alice.out" \
    || { log "$case: alice did not get bob's lines"; ok=0; }
  grep -q "^peer: hello from alice$" "$d/bob.out" && grep -q "^peer: second line from alice$" "$d/bob.out" \
    || { log "$case: bob did not get alice's lines"; ok=0; }
  grep -q "^connected to .* path $expect " "$d/alice.out" || { log "$case: alice's path is not $expect"; ok=0; }
  grep -q "^connected to .* path $expect " "$d/bob.out" || { log "$case: bob's path is not $expect"; ok=0; }
  grep -q "^chat ended" "$d/alice.out" && grep -q "^chat ended" "$d/bob.out" || { log "$case: a chat did not end"; ok=0; }
  [ "$status_a" -eq 0 ] && [ "$status_b" -eq 0 ] || { log "$case: exit status alice $status_a, bob $status_b"; ok=0; }
  if [ "$ok" -ne 1 ]; then
    log "$case: FAILED"
    grep -hE "WARN|ERROR|ICE|relay|Exception" "$d/alice.err" "$d/bob.err" | tail -40 >&2 || true
    return 1
  fi
  results+=("$case: $(grep -m1 -o "path $expect .*" "$d/alice.out") (alice)")
  log "$case: ok: lines arrived both ways over a $expect path"
}

# stop_case: stops the case's processes (the next case uses the same addresses in other namespaces).
stop_case() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
}

results=()
failed=0
for c in ${CASES:-cone-cone symmetric-symmetric blocked-cone}; do
  case "$c" in
    cone-cone) run_case cone-cone cone DIRECT || failed=1; stop_case ;;
    symmetric-symmetric) run_case symmetric-symmetric symmetric RELAYED --relays || failed=1; stop_case ;;
    blocked-cone) run_case blocked-cone udp-blocked/cone RELAYED --relays || failed=1; stop_case ;;
    *) log "unknown case $c"; exit 2 ;;
  esac
done
for r in "${results[@]}"; do log "passed: $r"; done
[ "$failed" -eq 0 ] || { log "FAILED"; exit 1; }
log "ok"
