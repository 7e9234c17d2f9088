#!/usr/bin/env bash
# Rendezvous through NAT in network namespaces (docs/SIP.md "Rendezvous"), two cases:
#   cone:      the callee's node behind a port-restricted NAT (iptables MASQUERADE: the source port
#              is kept for every destination, inbound filtered by address and port)
#   symmetric: the same behind MASQUERADE --random-fully (a new port per destination)
# Per case, three namespaces with unique names:
#   P (the "public" segment 203.0.113.0/24): super-node S (203.0.113.1) and the caller's node A
#     (203.0.113.2, --role client, so S is the only super-node), a sipp UAC calling bob@example.org through A;
#   R: the NAT router (wan0 203.0.113.254, lan0 192.168.77.1);
#   C (192.168.77.2, default route via R): the callee's node B (--role client), a sipp UAS
#     registered as bob at B. P has no route to 192.168.77.0/24: only what B's NAT lets in arrives.
# B keeps flows to super-nodes and publishes them as its rendezvous; every call's INVITE must reach
# the UAS with the rendezvous's flow Record-Route (sip:<B's NodeId hex>@203.0.113.x:7001), and
# CALLS calls (default 20 at 5 calls/s) must all succeed: INVITE/200/ACK/BYE.
# Needs root; installs iptables and sip-tester if missing. The trap stops every process and deletes
# the namespaces. Environment: CALLS, RATE, CASES (default "cone symmetric").
set -euo pipefail
E2E_NAME=sip-nat
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
calls="${CALLS:-20}"
rate="${RATE:-5}"
sfx=$(( $$ % 100000 ))
ensure_package iptables iptables
ensure_package sipp sip-tester
pd="$(peerdial_cmd)"


# topology CASE MASQ_ARGS: creates P, R, C for CASE; sets $P $R $C.
topology() {
  P="pdn-p-$1-$sfx"; R="pdn-r-$1-$sfx"; C="pdn-c-$1-$sfx"
  local ns
  for ns in "$P" "$R" "$C"; do ip netns add "$ns"; namespaces+=("$ns"); nsx "$ns" ip link set lo up; done
  ip link add wan0 netns "$R" type veth peer name eth0 netns "$P"
  ip link add lan0 netns "$R" type veth peer name eth0 netns "$C"
  nsx "$P" ip addr add 203.0.113.1/24 dev eth0
  nsx "$P" ip addr add 203.0.113.2/24 dev eth0
  nsx "$P" ip link set eth0 up
  nsx "$R" ip addr add 203.0.113.254/24 dev wan0
  nsx "$R" ip addr add 192.168.77.1/24 dev lan0
  nsx "$R" ip link set wan0 up
  nsx "$R" ip link set lan0 up
  nsx "$R" sysctl -qw net.ipv4.ip_forward=1
  # shellcheck disable=SC2086
  nsx "$R" iptables -t nat -A POSTROUTING -o wan0 -j MASQUERADE $2
  nsx "$C" ip addr add 192.168.77.2/24 dev eth0
  nsx "$C" ip link set eth0 up
  nsx "$C" ip route add default via 192.168.77.1
}

# start NS NAME ARGS...: a peerdial node in NS, its log in $work/NAME.log; sets $last_pid.
start() {
  local ns=$1 name=$2; shift 2
  # shellcheck disable=SC2086
  ip netns exec "$ns" $pd node "$@" --data "$work/$name" >"$work/$name.log" 2>&1 &
  last_pid=$!; pids+=($last_pid)
  wait_for "$work/$name.log" "SIP: phones on" 60 $last_pid
}

run_case() {
  local case=$1 masq=$2 t0 t1
  log "== $case NAT (MASQUERADE $masq)"
  topology "$case" "$masq"
  local d="$work/$case"; mkdir -p "$d"
  start "$P" "$case/s" --listen 203.0.113.1:7000 --role super --sip 127.0.0.1:5061 --control 127.0.0.1:7071
  local pid_s=$last_pid
  # A is a DHT client (--role client) so that S is B's only candidate: every INVITE crosses S and B's NAT.
  start "$P" "$case/a" --listen 203.0.113.2:7000 --bootstrap 203.0.113.1:7000 --role client --sip 127.0.0.1:5062 \
    --control 127.0.0.1:7072
  local pid_a=$last_pid
  wait_for "$work/$case/a.log" "joined the overlay" 30 $pid_a
  t0=$(date +%s.%N)
  start "$C" "$case/b" --listen 192.168.77.2:7000 --bootstrap 203.0.113.1:7000 --role client --sip 127.0.0.1:5060 \
    --control 127.0.0.1:7071
  local pid_b=$last_pid
  wait_for "$work/$case/b.log" "rendezvous super-nodes now \[[0-9a-f]" 60 $pid_b
  t1=$(date +%s.%N)
  log "$case: B has a rendezvous $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b-a}') s after its start: $(grep -o 'rendezvous super-nodes now .*' "$work/$case/b.log" | tail -1)"

  (cd "$d" && exec ip netns exec "$C" sipp -sf "$root/e2e/sipp/uas.xml" -i 127.0.0.1 -p 5070 -nostdin -trace_msg \
    -message_file "$d/uas-msg.log" -trace_err -error_file "$d/uas-errors.log" >"$d/uas.out" 2>&1) &
  pids+=($!)
  if ! (cd "$d" && nsx "$C" sipp 127.0.0.1:5060 -sf "$root/e2e/sipp/register.xml" -i 127.0.0.1 -p 5071 -m 1 -nostdin \
        -key aor_user bob -key aor_domain example.org -key uas_port 5070 -key expires 3600 >"$d/reg.out" 2>&1); then
    log "$case: REGISTER failed"; cat "$d/reg.out" "$work/$case/b.log" >&2; return 1
  fi
  wait_for "$work/$case/b.log" "publishing this device's binding" 10 $pid_b

  log "$case: sipp UAC in the public segment calls bob through node A: $calls calls at $rate calls/s"
  local status=0 ok failed
  (cd "$d" && nsx "$P" sipp 127.0.0.1:5062 -sf "$root/e2e/sipp/uac.xml" -i 127.0.0.1 -p 5080 -m "$calls" -r "$rate" -d 200 \
    -nostdin -key aor_user bob -key aor_domain example.org -timeout 90s -trace_err -error_file "$d/uac-errors.log" \
    >"$d/uac.out" 2>&1) || status=$?
  ok=$(grep -E "Successful call" "$d/uac.out" | tail -1 | awk '{print $NF}')
  failed=$(grep -E "Failed call" "$d/uac.out" | tail -1 | awk '{print $NF}')
  log "$case: sipp exit status $status: successful calls ${ok:-?}, failed calls ${failed:-?} (of $calls)"
  local token_rr
  token_rr=$(grep -m1 -oE "Record-Route: .*sip:[0-9a-f]{40}@203\.0\.113\.1:7001;lr" "$d/uas-msg.log" || true)
  if [ "$status" -ne 0 ] || [ "${ok:-0}" != "$calls" ] || [ "${failed:-1}" != "0" ] || [ -z "$token_rr" ]; then
    log "$case: FAILED"; [ -n "$token_rr" ] || log "$case: no INVITE with the rendezvous flow's Record-Route reached the UAS"
    tail -30 "$d/uac.out" >&2
    [ -f "$d/uac-errors.log" ] && tail -20 "$d/uac-errors.log" >&2
    grep -E "WARN|ERROR|refused|flow" "$work/$case/s.log" "$work/$case/a.log" "$work/$case/b.log" | tail -30 >&2 || true
    return 1
  fi
  log "$case: ok: $ok/$calls calls reached bob behind the NAT through his rendezvous (${token_rr##*<})"
  kill "$pid_s" "$pid_a" "$pid_b" 2>/dev/null || true
}

for c in ${CASES:-cone symmetric}; do
  case "$c" in
    cone) run_case cone "" ;;
    symmetric) run_case symmetric "--random-fully" ;;
    *) log "unknown case $c"; exit 2 ;;
  esac
done
log "ok"
