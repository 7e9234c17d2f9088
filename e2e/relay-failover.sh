#!/usr/bin/env bash
# Relay failover mid-call (issue #6, docs/MEDIA.md "Relay failover"): as e2e/relay-nat.sh (nodes A and B
# each behind a symmetric NAT, phones alice and bob playing a 440 Hz tone and recording), but with two
# relay super-nodes, S1 on 203.0.113.1 and S2 on 203.0.113.4 (D on 203.0.113.2 stores without relaying; topology from
# e2e/natlib.sh, "symmetric" routers on both sides).
# Once the call runs through a relay, the super-node carrying it is killed (SIGKILL: it just goes
# silent). The node whose selected pair is RELAY notices (nothing from the other node for 1 s while its
# phone sends), restarts ICE through the other relay and asks the other node with a signed MESSAGE
# (application/x-peerdial-ice+sdp). Passes when the nodes log a new RELAY pair through the surviving
# relay, and both recordings hold the tone after the kill with no silence longer than 3 s inside the call.
# Needs root; installs iptables if missing. The trap stops every process and deletes the namespaces.
set -euo pipefail
E2E_NAME=relay-failover
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
sfx=$(( $$ % 100000 ))
source "$(dirname "${BASH_SOURCE[0]}")/natlib.sh"

ensure_package iptables iptables
command -v python3 >/dev/null || ensure_package python3 python3
pd="$(peerdial_cmd)"
topology relay symmetric symmetric
nsx "$P" ip addr add 203.0.113.4/24 dev br0


log "super-nodes S1 and S2 (TURN relays) on 203.0.113.1 and .4; nodes A and B each behind a symmetric NAT"
start "$P" s1 --listen 203.0.113.1:7000 --role super --sip 127.0.0.1:5061 --control 127.0.0.1:7071 \
  --relay-min-port 50000 --relay-max-port 50999
pid_s1=$last_pid
wait_for "$work/s1.log" "relaying for others" 30 $pid_s1
start "$P" s2 --listen 203.0.113.4:7000 --bootstrap 203.0.113.1:7000 --role super --sip 127.0.0.1:5063 \
  --control 127.0.0.1:7073 --relay-min-port 51000 --relay-max-port 51999
pid_s2=$last_pid
wait_for "$work/s2.log" "relaying for others" 30 $pid_s2
start "$P" d --listen 203.0.113.2:7000 --bootstrap 203.0.113.1:7000 --role super --relay off --sip 127.0.0.1:5062 \
  --control 127.0.0.1:7072
start "$C1" a --listen 192.168.1.2:7000 --bootstrap 203.0.113.1:7000 --bootstrap 203.0.113.2:7000 --role client --sip 127.0.0.1:5060 --control 127.0.0.1:7071
pid_a=$last_pid
start "$C2" b --listen 192.168.2.2:7000 --bootstrap 203.0.113.1:7000 --bootstrap 203.0.113.2:7000 --role client --sip 127.0.0.1:5060 --control 127.0.0.1:7071
pid_b=$last_pid
for n in a b; do
  p=$([ $n = a ] && echo $pid_a || echo $pid_b)
  wait_for "$work/$n.log" "relay credentials (first choice)" 60 $p
  wait_for "$work/$n.log" "relay credentials (second choice)" 150 $p
done
wait_for "$work/b.log" "rendezvous super-nodes now \[[0-9a-f]" 60 $pid_b
log "A: $(grep -o 'relay credentials (first choice).*' "$work/a.log" | head -1)"
log "B: $(grep -o 'relay credentials (first choice).*' "$work/b.log" | head -1)"

nsx "$C2" timeout 120 $pd phone --aor sip:bob@example.org --node 127.0.0.1:5060 --auto-answer --duration 45 \
  --play tone:440 --record "$work/bob.wav" </dev/null >"$work/bob.out" 2>&1 &
pid_bob=$!; pids+=($pid_bob)
wait_for "$work/bob.out" "registered sip:bob@example.org 200" 30 $pid_bob
wait_for "$work/b.log" "publishing this device's binding" 20 $pid_b

log "alice (behind NAT 1) calls bob (behind NAT 2) for 16 s; the relay carrying the call is killed mid-call"
nsx "$C1" timeout 120 $pd phone --aor sip:alice@example.org --node 127.0.0.1:5060 --call sip:bob@example.org --duration 16 \
  --answer-timeout 30 --play tone:440 --record "$work/alice.wav" </dev/null >"$work/alice.out" 2>&1 &
pid_alice=$!; pids+=($pid_alice)
relay_ip=""
for i in $(seq 1 300); do
  relay_ip=$(grep -ho "ICE pair RELAY/[A-Z]* /[0-9.]*" "$work/a.log" "$work/b.log" 2>/dev/null | head -1 | sed 's#.* /##' || true)
  [ -n "$relay_ip" ] && break
  sleep 0.1
done
[ -n "$relay_ip" ] || { log "no relayed ICE pair within 30 s"; grep -E "ICE|relay" "$work/a.log" "$work/b.log" | tail -30 >&2; exit 1; }
case "$relay_ip" in
  203.0.113.1) victim=s1; pid_victim=$pid_s1; survivor=203.0.113.4 ;;
  203.0.113.4) victim=s2; pid_victim=$pid_s2; survivor=203.0.113.1 ;;
  *) log "relay address $relay_ip is neither super-node"; exit 1 ;;
esac
log "call relayed by $victim ($relay_ip); killing it in 4 s"
sleep 4
kill -9 "$pid_victim"
killed_at=$(date +%s.%N)
status=0
wait "$pid_alice" || status=$?
# bob's phone writes its recording when its call ends: at alice's BYE, or (when the BYE is lost: it follows
# the call's Record-Route, through the dead super-node if that was bob's rendezvous) when its 45 s are up
wait "$pid_bob" || true
sed 's/^/  alice: /' "$work/alice.out" >&2
grep -E "call|media" "$work/bob.out" | sed 's/^/  bob: /' >&2 || true
grep -hE "relay failover|ICE restart|ICE pair|restart request" "$work/a.log" "$work/b.log" | sed 's/^/  node: /' >&2 || true

# gaps FILE: "hit voiced longest_gap_ms hit_after_gap" — 440 Hz share per 20 ms block (Goertzel, as
# relay-nat.sh), the longest run of silent blocks between the first and last voiced block (the gap the
# kill made), and the tone blocks after that gap (the call lasts 16 s, the kill is ~4 s in).
gaps() {
  python3 - "$1" <<'PY'
import math, struct, sys, wave
w = wave.open(sys.argv[1]); rate = w.getframerate(); n = w.getnframes()
data = struct.unpack("<%dh" % (n * w.getnchannels()), w.readframes(n))[::w.getnchannels()]
block = rate // 50
k = 2 * math.cos(2 * math.pi * 440 / rate)
flags = []
for s in range(0, len(data) - block, block):
    x = data[s:s + block]; energy = sum(v * v for v in x)
    if energy < block * 100 ** 2:
        flags.append(0); continue
    s1 = s2 = 0.0
    for v in x: s1, s2 = v + k * s1 - s2, s1
    power = (s1 * s1 + s2 * s2 - k * s1 * s2) * 2 / block
    flags.append(2 if power / energy > 0.5 else 1)
voiced = [i for i, f in enumerate(flags) if f]
longest = run = 0; end = 0
if voiced:
    for i in range(voiced[0], voiced[-1] + 1):
        run = run + 1 if flags[i] == 0 else 0
        if run > longest: longest, end = run, i
print("%d %d %d %d" % (flags.count(2), len(voiced), longest * 20, flags[end + 1:].count(2)))
PY
}
ok=1
[ "$status" -eq 0 ] || { log "alice's phone exited with $status"; ok=0; }
after=$(grep -h "ICE pair RELAY/" "$work/a.log" "$work/b.log" | grep -o "ICE pair RELAY/[A-Z]* /$survivor[^ ]*" | head -1 || true)
if [ -n "$after" ]; then log "after the kill: $after (through the surviving relay $survivor)"; else log "no RELAY pair through $survivor after the kill"; ok=0; fi
grep -hq "relay failover" "$work/a.log" "$work/b.log" || { log "no node detected the relay failure"; ok=0; }
for who in alice bob; do
  if [ -s "$work/$who.wav" ]; then
    read -r hit voiced gap tail < <(gaps "$work/$who.wav")
    log "$who's recording: $hit of $voiced voiced 20 ms blocks are the 440 Hz tone; longest silence inside the call $gap ms; tone blocks after that silence: $tail"
    [ "$hit" -ge 300 ] || { log "$who: tone not received"; ok=0; }
    [ "$gap" -lt 3000 ] || { log "$who: media gap of $gap ms (>= 3 s)"; ok=0; }
    [ "$tail" -ge 200 ] || { log "$who: the tone did not continue after the relay died"; ok=0; }
  else
    log "$who: no recording"; ok=0
  fi
done
if [ $ok -ne 1 ]; then
  grep -E "WARN|ERROR|ICE|relay|restart" "$work/a.log" "$work/b.log" | tail -60 >&2 || true
  exit 1
fi
log "ok: $victim killed mid-call, ICE restarted through $survivor, tone continued both ways with a gap under 3 s"
