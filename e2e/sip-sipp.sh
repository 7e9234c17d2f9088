#!/usr/bin/env bash
# Two peerdial nodes on 127.0.0.1 and sipp as standard phones (docs/SIP.md):
#   sipp registers bob@example.org at node B (contact: a sipp UAS that answers as bob), then a
#   sipp UAC calls bob through node A: CALLS calls at RATE calls/s (default 100 at 10/s), each
#   INVITE/180/200/ACK/BYE through both nodes (Record-Route). 100 % successful calls required.
# Installs sip-tester if sipp is missing (root). Every process it starts is stopped on exit (trap).
# A third node without phones is the bootstrap, so the binding is held by a node that is neither caller nor callee.
# Environment: BASE_PORT (default 47100: uses BASE_PORT..BASE_PORT+10), CALLS, RATE.
set -euo pipefail
E2E_NAME=sip-sipp
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
base="${BASE_PORT:-47100}"
calls="${CALLS:-100}"
rate="${RATE:-10}"

ensure_package sipp sip-tester
pd="$(peerdial_cmd)"
overlay_a=$((base)); overlay_b=$((base + 1)); overlay_s=$((base + 9)); control_s=$((base + 10))
control_a=$((base + 2)); control_b=$((base + 3))
sip_a=$((base + 4)); sip_b=$((base + 5))
uas=$((base + 6)); uac=$((base + 7)); reg=$((base + 8))

log "starting a bootstrap node, node A (sip 127.0.0.1:$sip_a) and node B (sip 127.0.0.1:$sip_b)"
$pd node --listen 127.0.0.1:$overlay_s --control 127.0.0.1:$control_s --sip 127.0.0.1:0 --data "$work/s" >"$work/s.log" 2>&1 &
pids+=($!); pid_s=$!
wait_for "$work/s.log" "SIP: phones on" 60 $pid_s
$pd node --listen 127.0.0.1:$overlay_a --bootstrap 127.0.0.1:$overlay_s --control 127.0.0.1:$control_a --sip 127.0.0.1:$sip_a --data "$work/a" \
  >"$work/a.log" 2>&1 &
pids+=($!); pid_a=$!
wait_for "$work/a.log" "SIP: phones on" 60 $pid_a
wait_for "$work/a.log" "joined the overlay" 30 $pid_a
$pd node --listen 127.0.0.1:$overlay_b --bootstrap 127.0.0.1:$overlay_s --control 127.0.0.1:$control_b \
  --sip 127.0.0.1:$sip_b --data "$work/b" >"$work/b.log" 2>&1 &
pids+=($!); pid_b=$!
wait_for "$work/b.log" "SIP: phones on" 60 $pid_b
wait_for "$work/b.log" "joined the overlay" 30 $pid_b

log "sipp UAS answers as bob on 127.0.0.1:$uas"
sipp -sf "$root/e2e/sipp/uas.xml" -i 127.0.0.1 -p $uas -nostdin -trace_err -error_file "$work/uas-errors.log" \
  >"$work/uas.out" 2>&1 &
pids+=($!)

log "sipp registers bob@example.org at node B"
if ! sipp 127.0.0.1:$sip_b -sf "$root/e2e/sipp/register.xml" -i 127.0.0.1 -p $reg -m 1 -nostdin \
     -key aor_user bob -key aor_domain example.org -key uas_port $uas -key expires 3600 >"$work/reg.out" 2>&1; then
  log "REGISTER failed"; cat "$work/reg.out" "$work/b.log" >&2; exit 1
fi

log "sipp UAC calls bob through node A: $calls calls at $rate calls/s"
status=0
sipp 127.0.0.1:$sip_a -sf "$root/e2e/sipp/uac.xml" -i 127.0.0.1 -p $uac -m "$calls" -r "$rate" -d 200 -nostdin \
  -key aor_user bob -key aor_domain example.org -timeout 120s -trace_err -error_file "$work/uac-errors.log" \
  >"$work/uac.out" 2>&1 || status=$?

ok=$(grep -E "Successful call" "$work/uac.out" | tail -1 | awk '{print $NF}')
failed=$(grep -E "Failed call" "$work/uac.out" | tail -1 | awk '{print $NF}')
log "sipp exit status $status: successful calls ${ok:-?}, failed calls ${failed:-?} (of $calls)"
if [ "$status" -ne 0 ] || [ "${ok:-0}" != "$calls" ] || [ "${failed:-1}" != "0" ]; then
  log "FAILED"; tail -40 "$work/uac.out" >&2
  [ -f "$work/uac-errors.log" ] && tail -40 "$work/uac-errors.log" >&2
  grep -E "WARN|ERROR" "$work/a.log" "$work/b.log" | tail -20 >&2 || true
  exit 1
fi
log "ok: $ok/$calls calls through two nodes"
