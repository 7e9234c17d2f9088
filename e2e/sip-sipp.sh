#!/usr/bin/env bash
# Two peerdial nodes on 127.0.0.1 and sipp as standard phones (docs/SIP.md):
#   sipp registers bob@example.org at node B (contact: a sipp UAS that answers as bob), then a
#   sipp UAC calls bob through node A: CALLS calls at RATE calls/s (default 100 at 10/s), each
#   INVITE/180/200/ACK/BYE through both nodes (Record-Route). 100 % successful calls required.
# Installs sip-tester if sipp is missing (root). Every process it starts is stopped on exit (trap).
# A third node without phones is the bootstrap, so the binding is held by a node that is neither caller nor callee.
# Environment: BASE_PORT (default 47100: uses BASE_PORT..BASE_PORT+13), CALLS, RATE.
#
# --bench (not run by e2e/run.sh): the same three nodes, then for each rate in BENCH_RATES
# (default "100 300 500" calls/s), after an unreported warm-up of BENCH_WARMUP (default 1000) calls, a sipp UAC places rate × BENCH_SECONDS (default 10) calls held
# BENCH_HOLD_MS (default 20) ms (e2e/sipp/uac-bench.xml), and prints a table: successful and failed
# calls, the rate sipp achieved, call-setup time INVITE->180 (n: calls whose 180 came before the 200) and INVITE->200 (p50/p99/max from
# sipp's -trace_rtt, every call), and the CPU seconds node A, node B and the sipp UAC used.
set -euo pipefail
E2E_NAME=sip-sipp
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
base="${BASE_PORT:-47100}"
calls="${CALLS:-100}"
rate="${RATE:-10}"
bench=""
[ "${1:-}" = "--bench" ] && bench=1

ensure_package sipp sip-tester
pd="$(peerdial_cmd)"
# Each node's SIP node face is its overlay port + 1 (docs/SIP.md): overlay ports two apart.
overlay_a=$((base)); overlay_b=$((base + 2)); overlay_s=$((base + 11)); control_s=$((base + 13))
control_a=$((base + 4)); control_b=$((base + 5))
sip_a=$((base + 6)); sip_b=$((base + 7))
uas=$((base + 8)); uac=$((base + 9)); reg=$((base + 10))

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

# cpu_seconds PID: user+system CPU time the process used so far (/proc/PID/stat fields 14, 15).
cpu_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.2f", ($12 + $13) / hz }' "/proc/$1/stat"
}

# percentiles FILE RTD: "p50 p99 max" in ms of the response times measure RTD in sipp's rtt file.
percentiles() {
  awk -F';' -v rtd="$2" 'NR > 1 && $3 == rtd { print $2 }' "$1" | sort -g |
    awk '{ v[NR] = $1 } END { if (NR == 0) { print "- - -"; exit }
      i50 = int(NR * 0.50 + 0.999); i99 = int(NR * 0.99 + 0.999);
      printf "%.1f %.1f %.1f", v[i50], v[i99], v[NR] }'
}

if [ -n "$bench" ]; then
  seconds="${BENCH_SECONDS:-10}"; hold="${BENCH_HOLD_MS:-20}"; warmup="${BENCH_WARMUP:-1000}"
  log "bench: warm-up, $warmup calls at 100 calls/s (not reported: JIT compilation of both nodes)"
  (cd "$work" && sipp 127.0.0.1:$sip_a -sf "$root/e2e/sipp/uac-bench.xml" -i 127.0.0.1 -p $uac -m "$warmup" -r 100 -d "$hold" \
    -nostdin -key aor_user bob -key aor_domain example.org -timeout 120s >"$work/warmup.out" 2>&1) || log "warm-up: sipp exit status $?"
  sleep 3
  printf '%-8s %-7s %-6s %-6s %-9s %-27s %-22s %-18s\n' "rate/s" calls ok failed "got/s" "INVITE->180 n p50/p99/max" "INVITE->200 p50/p99/max" "CPU s A/B/sipp" >"$work/table"
  for r in ${BENCH_RATES:-100 300 500}; do
    n=$((r * seconds))
    log "bench: $n calls at $r calls/s (held $hold ms)"
    a0=$(cpu_seconds $pid_a); b0=$(cpu_seconds $pid_b)
    rm -f "$work"/bench/*; mkdir -p "$work/bench"
    start=$(date +%s.%N); st=0
    # sipp's own -timeout did not end runs that collapsed (700 calls/s here): SIGINT makes it stop and print its stats.
    (cd "$work/bench" && exec timeout -s INT -k 10 $((seconds * 3 + 45)) sipp 127.0.0.1:$sip_a -sf "$root/e2e/sipp/uac-bench.xml" -i 127.0.0.1 -p $uac -m "$n" -r "$r" \
      -d "$hold" -nostdin -key aor_user bob -key aor_domain example.org -timeout $((seconds * 3 + 30))s \
      -trace_rtt -rtt_freq 1 -trace_err -error_file "$work/bench/errors.log" >"$work/bench/uac.out" 2>&1) &
    sipp_pid=$!; pids+=($sipp_pid); sipp_cpu=0
    while kill -0 $sipp_pid 2>/dev/null; do # sipp is the child of timeout
      c=$(pgrep -P $sipp_pid -x sipp | head -1 || true)
      [ -n "$c" ] && sipp_cpu=$(cpu_seconds "$c" 2>/dev/null || echo $sipp_cpu); sleep 0.5
    done
    wait $sipp_pid || st=$?
    end=$(date +%s.%N)
    ok=$(grep -E "Successful call" "$work/bench/uac.out" | tail -1 | awk '{print $NF}')
    failed=$(grep -E "Failed call" "$work/bench/uac.out" | tail -1 | awk '{print $NF}')
    rtt=$(ls "$work"/bench/*_rtt.csv 2>/dev/null | head -1)
    n180=$(awk -F';' 'NR > 1 && $3 == 1' "$rtt" | wc -l)
    read -r s50 s99 smax <<<"$(percentiles "$rtt" 1)"; read -r o50 o99 omax <<<"$(percentiles "$rtt" 2)"
    got=$(awk -v n="${ok:-0}" -v a="$start" -v b="$end" 'BEGIN { printf "%.0f", n / (b - a) }')
    cpu="$(awk -v x="$(cpu_seconds $pid_a)" -v y="$a0" 'BEGIN{printf "%.1f", x-y}')/$(awk -v x="$(cpu_seconds $pid_b)" -v y="$b0" 'BEGIN{printf "%.1f", x-y}')/$sipp_cpu"
    printf '%-8s %-7s %-6s %-6s %-9s %-27s %-22s %-18s\n' "$r" "$n" "${ok:-?}" "${failed:-?}" "$got" "$n180 $s50/$s99/$smax" "$o50/$o99/$omax" "$cpu" >>"$work/table"
    [ "$st" -eq 0 ] || { log "sipp exit status $st at $r calls/s"; tail -5 "$work/bench/errors.log" >&2 2>/dev/null || true; }
    sleep 3 # let the UAS's time-wait and the nodes' transactions drain before the next rate
  done
  cat "$work/table"
  log "(got/s: successful calls / wall time of the sipp run, which includes the last calls' hold and BYE)"
  exit 0
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
