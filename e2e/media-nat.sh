#!/usr/bin/env bash
# Media through real NATs in network namespaces (docs/MEDIA.md "End-to-end through NATs"): a call
# between two softphones, each attached to its own node (phone on 127.0.0.1 in the node's namespace;
# the node anchors the phone's RTP and runs ICE toward the other node). Cases (CASES, default all):
#   cone-cone:        caller's node behind NAT 1, callee's behind NAT 2, both MASQUERADE (endpoint-
#                     independent mapping, address-and-port-dependent filtering): the pair must be
#                     server-reflexive: SRFLX/SRFLX at A, SRFLX or HOST (its base)/SRFLX at B
#   symmetric-cone:   NAT 1 is MASQUERADE --random-fully (a new port per destination), NAT 2 an
#                     address-restricted cone: the pair must be peer-reflexive (PRFLX local at A,
#                     PRFLX remote at B: the port B sees is not the srflx one A learned from STUN)
#   public-symmetric: the caller's node on the public segment, the callee's behind a symmetric NAT:
#                     the pair must be direct, with the public node's host candidate on both nodes' pair
#   blocked-cone:     the caller's node behind a firewall that forwards no UDP (only TCP leaves), the
#                     callee's behind a cone NAT: node A must find its UDP blocked, run its overlay over
#                     TCP, and reach the super-node's TURN relay over TCP (docs/MEDIA.md "TURN tap"):
#                     the pair must be RELAY at A (RELAY remote at B), and A's node must say TURN over TCP;
#                     D (203.0.113.2, a full DHT member that does not relay) stores S's relay advert
# Topology per case (namespace names end in the case and $$): P, the "public" segment
# 203.0.113.0/24 (a bridge): super-node S 203.0.113.1:7000, bootstrap of every node and the STUN
# server (every node answers STUN Binding on its overlay port), and in public-* cases the caller's
# node at 203.0.113.2; routers R1/R2 (wan 203.0.113.11/.12, lan 192.168.1.1/192.168.2.1, iptables
# MASQUERADE [--random-fully], unsolicited inbound dropped); C1/C2 (192.168.1.2 / 192.168.2.2,
# default route via their router). P has no route into the private networks (e2e/natlib.sh).
# Per call: alice (caller) plays 440 Hz, bob (auto-answer) 660 Hz, each records what it hears for
# about DURATION s (default 4); `peerdial tone` must find 440 Hz in bob's recording and 660 Hz in
# alice's; both nodes must log the selected ICE pair, of the type the case asks for.
# Environment: CASES, DURATION, VERBOSE (debug logs from the nodes), KEEP (keep the logs).
# Needs root; installs iptables if missing. The trap stops every process and deletes the namespaces.
set -euo pipefail
E2E_NAME=media-nat
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
duration="${DURATION:-4}"
sfx=$(( $$ % 100000 ))
source "$(dirname "${BASH_SOURCE[0]}")/natlib.sh"
ensure_package iptables iptables
pd="$(peerdial_cmd)"

# pair_of LOG: the "LOCAL/REMOTE" candidate types of the call's selected ICE pair in a node's log.
pair_of() { grep -m1 -oE "ICE pair [A-Z]+/[A-Z]+" "$1" | awk '{print $3}'; }

# run_case CASE NAT1 NAT2 EXPECT: EXPECT is srflx, prflx, host or relay-tcp (see the header).
run_case() {
  local case=$1 expect=$4 t0 t1
  log "== $case (caller's side: $2, callee's side: $3)"
  topology "$case" "$2" "$3"
  local d="$work/$case"; mkdir -p "$d"
  local ns_a ns_b addr_a
  if [ "$2" = none ]; then ns_a=$P; addr_a=203.0.113.2; else ns_a=$C1; addr_a=192.168.1.2; fi
  ns_b=$C2
  start "$P" "$case/s" --listen 203.0.113.1:7000 --role super --sip 127.0.0.1:5061 --control 127.0.0.1:7071 || return 1
  if [ "$expect" = relay-tcp ]; then # S's relay advert needs a full DHT member other than S to be stored on
    start "$P" "$case/d" --listen 203.0.113.2:7000 --bootstrap 203.0.113.1:7000 --role super --relay off \
      --sip 127.0.0.1:5062 --control 127.0.0.1:7074 || return 1
  fi
  start "$ns_a" "$case/a" --listen $addr_a:7000 --bootstrap 203.0.113.1:7000 --role client --sip 127.0.0.1:5060 \
    --control 127.0.0.1:7072 || return 1
  local pid_a=$last_pid
  start "$ns_b" "$case/b" --listen 192.168.2.2:7000 --bootstrap 203.0.113.1:7000 --role client --sip 127.0.0.1:5060 \
    --control 127.0.0.1:7073 || return 1
  local pid_b=$last_pid
  wait_for "$work/$case/a.log" "joined the overlay" 30 $pid_a || return 1
  if [ "$2" = udp-blocked ]; then # found out by itself: no answers over UDP, then the overlay over TCP
    wait_for "$work/$case/a.log" "overlay over TCP now" 60 $pid_a || return 1
    wait_for "$work/$case/a.log" "relay credentials (first choice)" 60 $pid_a || return 1
    log "$case: A: $(grep -m1 -oE "UDP is blocked: .*" "$work/$case/a.log" || echo "no TURN-over-TCP line")"
  fi
  wait_for "$work/$case/b.log" "rendezvous super-nodes now \[[0-9a-f]" 60 $pid_b || return 1

  # bob: auto-answer, stdin closed: waits up to 60 s for a call and ends with it
  # shellcheck disable=SC2086
  timeout 90 ip netns exec "$ns_b" $pd phone --aor sip:bob@example.org --node 127.0.0.1:5060 --auto-answer \
    --play tone:660 --record "$d/bob.wav" --duration 60 </dev/null >"$d/bob.out" 2>"$d/bob.err" &
  local pid_bob=$!; pids+=($pid_bob)
  wait_for "$d/bob.out" "registered sip:bob@example.org 200" 30 $pid_bob || return 1
  wait_for "$work/$case/b.log" "publishing this device's binding" 10 $pid_b || return 1

  log "$case: alice (node A, $addr_a) calls bob (node B, 192.168.2.2 behind NAT 2) for $duration s"
  local status=0
  # shellcheck disable=SC2086
  timeout 90 ip netns exec "$ns_a" $pd phone --aor sip:alice@example.org --node 127.0.0.1:5060 \
    --call sip:bob@example.org --answer-timeout 30 --play tone:440 --record "$d/alice.wav" --duration "$duration" \
    </dev/null >"$d/alice.out" 2>"$d/alice.err" &
  local pid_alice=$!; pids+=($pid_alice)
  local setup=?
  if wait_for "$d/alice.out" "call 1 calling" 30 $pid_alice && t0=$(date +%s.%N) \
      && wait_for "$d/alice.out" "call 1 established" 40 $pid_alice; then
    t1=$(date +%s.%N); setup=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b-a}')
    log "$case: established ${setup} s after the INVITE"
  fi
  wait "$pid_alice" || status=$?
  local i
  for ((i = 0; i < 150 && $(kill -0 "$pid_bob" 2>/dev/null && echo 1 || echo 0); i++)); do sleep 0.1; done
  cat "$d/alice.out" "$d/bob.out" | grep -E "media rtp|ended" | sed "s/^/$E2E_NAME: $case: /" >&2 || true

  local pa pb ice_a ice_b tone_b tone_a ok=1
  pa=$(pair_of "$work/$case/a.log" || true); pb=$(pair_of "$work/$case/b.log" || true)
  ice_a=$(grep -m1 -oE "ICE (pair .*|failed.*)" "$work/$case/a.log" || echo "no ICE outcome")
  ice_b=$(grep -m1 -oE "ICE (pair .*|failed.*)" "$work/$case/b.log" || echo "no ICE outcome")
  log "$case: node A: $ice_a"
  log "$case: node B: $ice_b"
  tone_b=$($pd -q tone "$d/bob.wav" --hz 440 2>&1) || ok=0
  log "$case: bob heard: $tone_b"
  tone_a=$($pd -q tone "$d/alice.wav" --hz 660 2>&1) || ok=0
  log "$case: alice heard: $tone_a"
  [ "$status" -eq 0 ] || { log "$case: alice's phone exited with $status"; ok=0; }
  case "$expect" in
    # each node sends to the other's NAT mapping learned from STUN: the remote end is srflx on both
    # nodes, A's (controlling: its valid pair's local end is the check's mapped address) too; B, the
    # controlled side, may name its srflx candidate's base (HOST), as ice4j reports nominated pairs
    srflx) [[ "$pa" == SRFLX/SRFLX && "$pb" =~ ^(SRFLX|HOST)/SRFLX$ ]] || ok=0 ;;
    # the symmetric NAT's port toward B is learned from the checks only: B's remote and A's local are prflx
    prflx) [[ "$pa" == PRFLX/* && "$pb" == */PRFLX ]] || ok=0 ;;
    # direct: the public node's host candidate is the pair's A end on both nodes
    host) [[ "$pa" == HOST/* && "$pb" == */HOST ]] || ok=0 ;;
    # only the relay reached over TCP carries A's media: A's local end and B's remote end are RELAY
    relay-tcp) [[ "$pa" == RELAY/* && "$pb" == */RELAY ]] && grep -q "relay candidates through TURN over TCP" \
      "$work/$case/a.log" || ok=0 ;;
  esac
  if [ "$ok" -ne 1 ]; then
    log "$case: FAILED (expected a $expect pair; A: ${pa:-none}, B: ${pb:-none})"
    tail -n 5 "$d/alice.out" "$d/alice.err" "$d/bob.out" "$d/bob.err" >&2 || true
    grep -hE "WARN|ERROR|ICE|call " "$work/$case/a.log" "$work/$case/b.log" | tail -30 >&2 || true
    return 1
  fi
  log "$case: ok: $expect pair (A ${pa}, B ${pb}), 440 Hz at bob, 660 Hz at alice"
  results+=("$case: pair A $pa, B $pb; ICE checks $(grep -m1 -oE "ICE pair .* in [0-9]+ ms" "$work/$case/a.log" \
    | awk '{print $(NF-1)}') ms at A; call set up in $setup s; bob: ${tone_b%% of *}, alice: ${tone_a%% of *}")
}

# stop_case: stops the case's processes (the next case uses the same ports in other namespaces).
stop_case() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
}

results=()
failed=0
for c in ${CASES:-cone-cone symmetric-cone public-symmetric blocked-cone}; do
  case "$c" in
    cone-cone) run_case cone-cone cone cone srflx || failed=1; stop_case ;;
    symmetric-cone) run_case symmetric-cone symmetric addr-cone prflx || failed=1; stop_case ;;
    public-symmetric) run_case public-symmetric none symmetric host || failed=1; stop_case ;;
    blocked-cone) run_case blocked-cone udp-blocked cone relay-tcp || failed=1; stop_case ;;
    *) log "unknown case $c"; exit 2 ;;
  esac
done
for r in "${results[@]}"; do log "passed: $r"; done
[ "$failed" -eq 0 ] || { log "FAILED"; exit 1; }
log "ok"
