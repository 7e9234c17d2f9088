#!/usr/bin/env bash
# A UDP-blocked node works (issue #6/#4; docs/PROTOCOL.md "Datagrams over TCP", docs/SIP.md
# "UDP-blocked nodes"). Two namespaces with unique names:
#   P (public): super-node S (203.0.113.1) and the callee's node B (203.0.113.2, --role super),
#     reachable from A through the link 198.51.100.0/24;
#   A (198.51.100.2, default route via P): node A with --overlay-transport auto, behind a firewall
#     (its own iptables) that drops every UDP packet except on loopback: only TCP leaves.
# A must find its UDP blocked, move its overlay to TCP and join again (status: reachability
# UDP_BLOCKED, overlay.transport tcp), keep a TCP flow to a super-node, and publish its binding
# (a lookup from P finds it, with rendezvous contacts). Then CALLS calls (default 3) each way with
# sipp, signalling only (INVITE/200/ACK/BYE, the caller hangs up): A → bob at B, and B → alice at A.
# Needs root; installs iptables and sip-tester if missing. The trap stops every process and deletes
# the namespaces. Environment: CALLS.
set -euo pipefail
E2E_NAME=udp-blocked
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
calls="${CALLS:-3}"
sfx=$(( $$ % 100000 ))
P="pdn-ub-p-$sfx"; A="pdn-ub-a-$sfx"
ensure_package iptables iptables
ensure_package sipp sip-tester
ensure_package curl curl
pd="$(peerdial_cmd)"


for ns in "$P" "$A"; do ip netns add "$ns"; namespaces+=("$ns"); nsx "$ns" ip link set lo up; done
ip link add pa0 netns "$P" type veth peer name eth0 netns "$A"
nsx "$P" ip addr add 203.0.113.1/24 dev pa0
nsx "$P" ip addr add 203.0.113.2/24 dev pa0
nsx "$P" ip addr add 198.51.100.1/24 dev pa0
nsx "$P" ip link set pa0 up
nsx "$A" ip addr add 198.51.100.2/24 dev eth0
nsx "$A" ip link set eth0 up
nsx "$A" ip route add default via 198.51.100.1
# The firewall: no UDP in or out except on loopback (the phones' SIP and sipp stay on 127.0.0.1).
nsx "$A" iptables -A OUTPUT -p udp ! -o lo -j DROP
nsx "$A" iptables -A INPUT -p udp ! -i lo -j DROP

# start NS NAME ARGS...: a peerdial node in NS, its log in $work/NAME.log; sets $last_pid.
start() {
  local ns=$1 name=$2; shift 2
  # shellcheck disable=SC2086
  ip netns exec "$ns" $pd node "$@" --data "$work/$name" >"$work/$name.log" 2>&1 &
  last_pid=$!; pids+=($last_pid)
  wait_for "$work/$name.log" "SIP: phones on" 60 $last_pid
}

fail() {
  log "FAILED: $*"
  grep -hE "WARN|ERROR|TCP|blocked|rendezvous" "$work"/*.log | tail -40 >&2 || true
  exit 1
}

start "$P" s --listen 203.0.113.1:7000 --role super --sip 127.0.0.1:5061 --control 127.0.0.1:7071
pid_s=$last_pid
start "$P" b --listen 203.0.113.2:7000 --bootstrap 203.0.113.1:7000 --role super --sip 127.0.0.1:5062 --control 127.0.0.1:7072
pid_b=$last_pid
wait_for "$work/b.log" "joined the overlay" 30 $pid_b
t0=$(date +%s)
start "$A" a --listen 198.51.100.2:7000 --bootstrap 203.0.113.1:7000 --overlay-transport auto --sip 127.0.0.1:5060 \
  --control 127.0.0.1:7071
pid_a=$last_pid
wait_for "$work/a.log" "overlay over TCP now" 60 $pid_a
wait_for "$work/a.log" "rendezvous super-nodes now \[[0-9a-f]" 60 $pid_a
log "A moved to TCP and has a rendezvous $(( $(date +%s) - t0 )) s after its start: $(grep -o 'rendezvous super-nodes now .*' "$work/a.log" | tail -1)"

status=$(nsx "$A" curl -sf http://127.0.0.1:7071/status) || fail "no status from A"
echo "$status" >"$work/a-status.json"
echo "$status" | grep -q '"reachability":"UDP_BLOCKED"' || fail "A's reachability is not UDP_BLOCKED: $status"
echo "$status" | grep -q '"transport":"tcp"' || fail "A's overlay transport is not tcp: $status"
log "A's status: reachability UDP_BLOCKED, overlay transport tcp, $(echo "$status" | grep -o '"contacts":[0-9]*')"

# Phones: sipp UAS bob at B (P), sipp UAS alice at A.
(cd "$work" && exec ip netns exec "$P" sipp -sf "$root/e2e/sipp/uas.xml" -i 127.0.0.1 -p 5070 -nostdin -trace_err \
  -error_file "$work/uas-bob-errors.log" >"$work/uas-bob.out" 2>&1) &
pids+=($!)
(cd "$work" && exec ip netns exec "$A" sipp -sf "$root/e2e/sipp/uas.xml" -i 127.0.0.1 -p 5070 -nostdin -trace_err \
  -error_file "$work/uas-alice-errors.log" >"$work/uas-alice.out" 2>&1) &
pids+=($!)
register() { # NS NODE_SIP_PORT USER
  (cd "$work" && nsx "$1" sipp "127.0.0.1:$2" -sf "$root/e2e/sipp/register.xml" -i 127.0.0.1 -p 5071 -m 1 -nostdin \
    -key aor_user "$3" -key aor_domain example.org -key uas_port 5070 -key expires 3600 >"$work/reg-$3.out" 2>&1) \
    || fail "REGISTER of $3 failed: $(tail -5 "$work/reg-$3.out")"
}
register "$P" 5062 bob
register "$A" 5060 alice
wait_for "$work/a.log" "published binding\|publishing this device's binding" 10 $pid_a

# A's binding is in the DHT: a lookup from the public side finds alice, through a rendezvous.
found=""
for _ in $(seq 1 30); do
  found=$(nsx "$P" $pd lookup sip:alice@example.org --bootstrap 203.0.113.1:7000 --data "$work/lookup" 2>&1 || true)
  echo "$found" | grep -qi "rendezvous\|via" && break
  sleep 1
done
echo "$found" >"$work/lookup.out"
echo "$found" | grep -qi "rendezvous\|via" || fail "A's binding not found with a rendezvous contact: $found"
log "A's binding is published: $(echo "$found" | tr '\n' ' ' | cut -c1-300)"

call() { # NAME NS NODE_SIP_PORT USER
  local status=0 ok failed
  (cd "$work" && nsx "$2" sipp "127.0.0.1:$3" -sf "$root/e2e/sipp/uac.xml" -i 127.0.0.1 -p 5080 -m "$calls" -r 1 -d 200 \
    -nostdin -key aor_user "$4" -key aor_domain example.org -timeout 60s -trace_err -error_file "$work/uac-$1-errors.log" \
    >"$work/uac-$1.out" 2>&1) || status=$?
  ok=$(grep -E "Successful call" "$work/uac-$1.out" | tail -1 | awk '{print $NF}')
  failed=$(grep -E "Failed call" "$work/uac-$1.out" | tail -1 | awk '{print $NF}')
  log "$1: sipp exit status $status: successful calls ${ok:-?}, failed calls ${failed:-?} (of $calls)"
  if [ "$status" -ne 0 ] || [ "${ok:-0}" != "$calls" ] || [ "${failed:-1}" != "0" ]; then
    tail -30 "$work/uac-$1.out" >&2
    fail "$1"
  fi
}
call "A-to-B" "$A" 5060 bob
call "B-to-A" "$P" 5062 alice

# Nothing left A over UDP but loopback (the firewall counted what it dropped; A's overlay said tcp).
dropped=$(nsx "$A" iptables -L OUTPUT -v -x -n | awk '/DROP/ {print $1}')
log "A's firewall dropped $dropped outgoing UDP packets (its UDP attempts before and besides the move to TCP)"
kill "$pid_a" "$pid_b" "$pid_s" 2>/dev/null || true
log "ok"
