#!/usr/bin/env bash
# SIP benchmarks beyond e2e/sip-sipp.sh --bench (issue #4; results in docs/PERFORMANCE.md, "SIP: calls
# forwarded and setup time"). Not an e2e scenario: the name has no '-', so e2e/run.sh (CI) never runs it.
#
#   bash e2e/bench_sip.sh overlay20   20 `peerdial node` processes on loopback (node 0 is the bootstrap),
#                                     sipp UAS registered as bob at node 19, sipp UAC calling through
#                                     node 1: every INVITE makes node 1 look bob up in the DHT.
#                                     BENCH_SUBNET=same puts every node on 127.0.0.1 (each routing table
#                                     then keeps at most 10 contacts, 2 per bucket: OverlayConfig's
#                                     per-/24 limits); default "distinct": node i on 127.0.i.1.
#   bash e2e/bench_sip.sh supernode   a super-node S (--role super), the caller's node A and the callee's
#                                     node B both --role client: B keeps its flow to S and its binding
#                                     names S, so every call goes A -> S -> B over B's flow, and S
#                                     verifies A's signature and signs what it forwards.
#
# For each rate in BENCH_RATES, after BENCH_WARMUP (default 1000) unreported calls at 100 calls/s,
# sipp places rate x BENCH_SECONDS (default 10) calls held BENCH_HOLD_MS (default 20) ms
# (e2e/sipp/uac-bench.xml) and a table row gives successful/failed calls, calls/s achieved,
# INVITE->180 and INVITE->200 p50/p99/max (sipp -trace_rtt, every call), CPU seconds of the nodes on
# the path and of sipp, of it the nodes' JIT compiler threads, CPU ms per successful call without them,
# and (overlay20) the caller's "SIP lookups" log lines (latency, DHT rounds).
# BENCH_SDP=off: scenarios without any SDP (e2e/sipp/uac-bench-nosdp.xml, uas-nosdp.xml), so no node
# anchors media (no ICE agent per call): the SIP forwarding alone.
# Environment: BASE_PORT (default 48000), BENCH_RATES, BENCH_SECONDS, BENCH_HOLD_MS, BENCH_WARMUP, BENCH_JAR (default node/target/peerdial.jar),
# BENCH_JAVA (JVM options of the nodes not on the call path, default "-Xmx96m -XX:+UseSerialGC -XX:TieredStopAtLevel=1").
set -euo pipefail
mode="${1:-}"
case "$mode" in overlay20|supernode) ;; *) echo "usage: $0 overlay20|supernode" >&2; exit 2 ;; esac
E2E_NAME="bench_sip-$mode"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
base="${BASE_PORT:-48000}"
ensure_package sipp sip-tester
jar="${BENCH_JAR:-$root/node/target/peerdial.jar}"
[ -f "$jar" ] || { log "build first: mvn -B -q -DskipTests -pl node -am package"; exit 1; }
quiet_java="${BENCH_JAVA:--Xmx96m -XX:+UseSerialGC -XX:TieredStopAtLevel=1}"
uac_xml="$root/e2e/sipp/uac-bench.xml"; uas_xml="$root/e2e/sipp/uas.xml"
if [ "${BENCH_SDP:-on}" = off ]; then uac_xml="$root/e2e/sipp/uac-bench-nosdp.xml"; uas_xml="$root/e2e/sipp/uas-nosdp.xml"; fi
uas=$((base + 90)); uac=$((base + 91)); reg=$((base + 92)); sip_a=$((base + 93)); sip_b=$((base + 94))

# node NAME JAVAOPTS ARGS...: starts a node logging to $work/NAME.log; sets $last_pid.
node() {
  local name="$1" opts="$2"; shift 2
  # shellcheck disable=SC2086
  java $opts -jar "$jar" node --data "$work/$name" "$@" >"$work/$name.log" 2>&1 &
  last_pid=$!; pids+=($last_pid)
}

cpu_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.2f", ($12 + $13) / hz }' "/proc/$1/stat"
}

# jit_seconds PID: CPU seconds of the JVM's JIT compiler threads (C1/C2), a one-time cost that a
# short run after a short warm-up still pays; subtracted to give the steady per-call cost.
jit_seconds() {
  local t sum=0
  for t in /proc/$1/task/*; do
    grep -q "CompilerThre" "$t/comm" 2>/dev/null || continue
    sum=$((sum + $(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "$t/stat" 2>/dev/null || echo 0)))
  done
  awk -v t="$sum" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", t / hz }'
}

percentiles() {
  awk -F';' -v rtd="$2" 'NR > 1 && $3 == rtd { print $2 }' "$1" | sort -g |
    awk '{ v[NR] = $1 } END { if (NR == 0) { print "- - -"; exit }
      i50 = int(NR * 0.50 + 0.999); i99 = int(NR * 0.99 + 0.999);
      printf "%.1f %.1f %.1f", v[i50], v[i99], v[NR] }'
}

if [ "$mode" = overlay20 ]; then
  count=20
  host() { if [ "${BENCH_SUBNET:-distinct}" = same ]; then echo 127.0.0.1; else echo "127.0.$(($1 + 1)).1"; fi; }
  log "starting $count nodes (subnets: ${BENCH_SUBNET:-distinct})"
  node n0 "$quiet_java" --listen "$(host 0):$base" --control 127.0.0.1:$((base + 50)) --sip 127.0.0.1:0
  node_pids=($last_pid)
  wait_for "$work/n0.log" "SIP: phones on" 90 "$last_pid"
  for ((i = 1; i < count; i++)); do
    sip=127.0.0.1:0; opts="$quiet_java"
    [ $i -eq 1 ] && { sip=127.0.0.1:$sip_a; opts=""; }
    [ $i -eq $((count - 1)) ] && { sip=127.0.0.1:$sip_b; opts=""; }
    node "n$i" "$opts" --listen "$(host $i):$((base + 2 * i))" --bootstrap "$(host 0):$base" \
      --control 127.0.0.1:$((base + 50 + i)) --sip "$sip"
    node_pids+=($last_pid)
  done
  for ((i = 1; i < count; i++)); do wait_for "$work/n$i.log" "joined the overlay" 180 "${node_pids[$i]}"; done
  sleep 5 # a few refreshes: the late joiners get into the early ones' tables
  for ((i = 0; i < count; i++)); do
    printf '%s ' "$(curl -s "http://127.0.0.1:$((base + 50 + i))/metrics" | awk '$1 == "peerdial_overlay_contacts" { print $2 }')"
  done >"$work/contacts"
  log "routing table sizes: $(cat "$work/contacts")"
  pid_a=${node_pids[1]}; pid_b=${node_pids[$((count - 1))]}; pid_s=""; a_log="$work/n1.log"
  callee_sip=$sip_b
else
  log "starting super-node S and client nodes A, B"
  node s "" --listen 127.0.0.1:$base --control 127.0.0.1:$((base + 50)) --sip 127.0.0.1:0 --role super
  pid_s=$last_pid; wait_for "$work/s.log" "SIP: phones on" 90 $pid_s
  node a "" --listen 127.0.0.1:$((base + 2)) --bootstrap 127.0.0.1:$base --control 127.0.0.1:$((base + 51)) \
    --sip 127.0.0.1:$sip_a --role client
  pid_a=$last_pid
  node b "" --listen 127.0.0.1:$((base + 4)) --bootstrap 127.0.0.1:$base --control 127.0.0.1:$((base + 52)) \
    --sip 127.0.0.1:$sip_b --role client
  pid_b=$last_pid
  wait_for "$work/a.log" "joined the overlay" 120 $pid_a
  wait_for "$work/b.log" "rendezvous super-nodes now \[[0-9a-f]" 120 $pid_b
  a_log="$work/a.log"; callee_sip=$sip_b
fi

log "sipp UAS answers as bob on 127.0.0.1:$uas; registering bob at 127.0.0.1:$callee_sip"
sipp -sf "$uas_xml" -i 127.0.0.1 -p $uas -nostdin -trace_err -error_file "$work/uas-errors.log" >"$work/uas.out" 2>&1 &
pids+=($!)
if ! sipp 127.0.0.1:$callee_sip -sf "$root/e2e/sipp/register.xml" -i 127.0.0.1 -p $reg -m 1 -nostdin \
     -key aor_user bob -key aor_domain example.org -key uas_port $uas -key expires 3600 >"$work/reg.out" 2>&1; then
  log "REGISTER failed"; cat "$work/reg.out" >&2; exit 1
fi
if [ "$mode" = supernode ]; then
  # The binding must name S only (B's own node face is never in it).
  java -jar "$jar" lookup sip:bob@example.org --bootstrap 127.0.0.1:$base --data "$work/lookup" >"$work/binding.json" 2>"$work/lookup.err" || true
  log "bob's binding: $(tr -d '\n' <"$work/binding.json" | head -c 400)"
fi

seconds="${BENCH_SECONDS:-10}"; hold="${BENCH_HOLD_MS:-20}"; warmup="${BENCH_WARMUP:-1000}"
log "scenarios: $(basename "$uac_xml") / $(basename "$uas_xml")"
log "warm-up: $warmup calls at 100 calls/s (not reported)"
# (under timeout: a sipp UAC was seen hanging past its own -timeout with a few calls left open)
(cd "$work" && exec timeout -s INT -k 10 $((warmup / 100 + 150)) sipp 127.0.0.1:$sip_a -sf "$uac_xml" -i 127.0.0.1 -p $uac -m "$warmup" -r 100 -d "$hold" \
  -nostdin -key aor_user bob -key aor_domain example.org -timeout 120s >"$work/warmup.out" 2>&1) || log "warm-up: sipp exit status $?"
log "warm-up: $(grep -E "Successful call" "$work/warmup.out" | tail -1 | awk '{print $NF}') successful"
sleep 3
printf '%-8s %-7s %-6s %-6s %-6s %-27s %-22s %-22s %-18s %s\n' "rate/s" calls ok failed "got/s" "INVITE->180 n p50/p99/max" "INVITE->200 p50/p99/max" \
  "CPU s A/${pid_s:+S/}B/sipp" "of it JIT A/${pid_s:+S/}B" "ms/call w/o JIT A/${pid_s:+S/}B" >"$work/table"
for r in ${BENCH_RATES:-100 200 300}; do
  n=$((r * seconds))
  log "$n calls at $r calls/s (held $hold ms); load average $(cut -d' ' -f1-3 /proc/loadavg)"
  a0=$(cpu_seconds $pid_a); b0=$(cpu_seconds $pid_b); s0=0; [ -n "$pid_s" ] && s0=$(cpu_seconds $pid_s)
  ja0=$(jit_seconds $pid_a); jb0=$(jit_seconds $pid_b); js0=0; [ -n "$pid_s" ] && js0=$(jit_seconds $pid_s)
  rm -rf "$work/bench"; mkdir -p "$work/bench"
  lines_before=$(wc -l <"$a_log")
  start=$(date +%s.%N); st=0
  (cd "$work/bench" && exec timeout -s INT -k 10 $((seconds * 3 + 45)) sipp 127.0.0.1:$sip_a -sf "$uac_xml" \
    -i 127.0.0.1 -p $uac -m "$n" -r "$r" -d "$hold" -nostdin -key aor_user bob -key aor_domain example.org \
    -timeout $((seconds * 3 + 30))s -trace_rtt -rtt_freq 1 -trace_err -error_file "$work/bench/errors.log" >"$work/bench/uac.out" 2>&1) &
  sipp_pid=$!; pids+=($sipp_pid); sipp_cpu=0
  while kill -0 $sipp_pid 2>/dev/null; do
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
  d() { awk -v x="$(cpu_seconds "$1")" -v y="$2" 'BEGIN{printf "%.1f", x-y}'; }
  cpu="$(d $pid_a "$a0")/${pid_s:+$(d $pid_s "$s0")/}$(d $pid_b "$b0")/$sipp_cpu"
  dj() { awk -v x="$(jit_seconds "$1")" -v y="$2" 'BEGIN{printf "%.1f", x-y}'; }
  jit="$(dj $pid_a "$ja0")/${pid_s:+$(dj $pid_s "$js0")/}$(dj $pid_b "$jb0")"
  # CPU ms per successful call without the JIT threads
  per() { awk -v c="$(cpu_seconds "$1")" -v c0="$2" -v j="$(jit_seconds "$1")" -v j0="$3" -v n="${ok:-0}" \
    'BEGIN { if (n > 0) printf "%.2f", 1000 * ((c - c0) - (j - j0)) / n; else printf "-" }'; }
  percall="$(per $pid_a "$a0" "$ja0")/${pid_s:+$(per $pid_s "$s0" "$js0")/}$(per $pid_b "$b0" "$jb0")"
  printf '%-8s %-7s %-6s %-6s %-6s %-27s %-22s %-22s %-18s %s\n' "$r" "$n" "${ok:-?}" "${failed:-?}" "$got" "$n180 $s50/$s99/$smax" \
    "$o50/$o99/$omax" "$cpu" "$jit" "$percall" >>"$work/table"
  [ "$st" -eq 0 ] || { log "sipp exit status $st at $r calls/s"; grep -oE "SIP/2.0 [0-9]+ [A-Za-z ]+" "$work/bench/errors.log" 2>/dev/null | sort | uniq -c >&2 || true; }
  sleep 12 # drain; the caller's lookup summary (every 10 s) of the last calls lands before the grep
  tail -n +$((lines_before + 1)) "$a_log" | grep -o "SIP lookups.*" | sed "s/^/  $r calls\/s: /" >>"$work/table" || true
done
cat "$work/table"
log "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
