#!/usr/bin/env bash
# A call between two phones whose nodes are each behind a symmetric NAT (MASQUERADE --random-fully:
# a new port per destination, so hole punching cannot work) connects through the super-node's TURN
# relay (docs/MEDIA.md "Relay candidates", docs/RELAY.md). Topology from e2e/natlib.sh ("symmetric"
# routers on both sides, names end in "relay-" and $$):
#   P: the "public" segment, super-node S on 203.0.113.1 (--role super: relays at once, TURN on 3478)
#      and D on 203.0.113.2 (a full DHT member that does not relay: S's advert and bob's binding need a
#      node to be stored on, and clients store nothing); direct paths are tried and fail only at the NATs;
#   R1 (wan 203.0.113.11) and C1 (192.168.1.2): caller's node A (--role client) and the bundled phone
#       alice (--play tone:440 --record);
#   R2 (wan 203.0.113.12) and C2 (192.168.2.2): callee's node B (--role client) and the phone bob
#       (--auto-answer --play tone:440 --record).
# Public addresses are documentation ranges (TEST-NET-2/3), which the relay's peer policy treats as
# public: no --allow-private/loopback option is needed. Passes when both nodes report an ICE pair with
# a relay candidate, both phones' calls are established, and each recording holds the 440 Hz tone.
# Needs root; installs iptables if missing. The trap stops every process and deletes the namespaces.
set -euo pipefail
E2E_NAME=relay-nat
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
sfx=$(( $$ % 100000 ))
source "$(dirname "${BASH_SOURCE[0]}")/natlib.sh"

ensure_package iptables iptables
command -v python3 >/dev/null || ensure_package python3 python3
pd="$(peerdial_cmd)"
topology relay symmetric symmetric

log "super-node S (TURN relay) on 203.0.113.1; nodes A and B each behind a symmetric NAT"
start "$P" s --listen 203.0.113.1:7000 --role super --sip 127.0.0.1:5061 --control 127.0.0.1:7071 \
  --relay-min-port 50000 --relay-max-port 50999
wait_for "$work/s.log" "relaying for others" 30 $last_pid
start "$P" d --listen 203.0.113.2:7000 --bootstrap 203.0.113.1:7000 --role super --relay off --sip 127.0.0.1:5062 \
  --control 127.0.0.1:7072
start "$C1" a --listen 192.168.1.2:7000 --bootstrap 203.0.113.1:7000 --role client --sip 127.0.0.1:5060 --control 127.0.0.1:7071
pid_a=$last_pid
start "$C2" b --listen 192.168.2.2:7000 --bootstrap 203.0.113.1:7000 --role client --sip 127.0.0.1:5060 --control 127.0.0.1:7071
pid_b=$last_pid
wait_for "$work/a.log" "relay credentials (first choice)" 60 $pid_a
wait_for "$work/b.log" "relay credentials (first choice)" 60 $pid_b
wait_for "$work/b.log" "rendezvous super-nodes now \[[0-9a-f]" 60 $pid_b
log "A: $(grep -o 'relay credentials (first choice).*' "$work/a.log" | head -1)"

nsx "$C2" timeout 90 $pd phone --aor sip:bob@example.org --node 127.0.0.1:5060 --auto-answer --duration 60 \
  --play tone:440 --record "$work/bob.wav" </dev/null >"$work/bob.out" 2>&1 &
pid_bob=$!; pids+=($pid_bob)
wait_for "$work/bob.out" "registered sip:bob@example.org 200" 30 $pid_bob
wait_for "$work/b.log" "publishing this device's binding" 20 $pid_b

log "alice (behind NAT 1) calls bob (behind NAT 2) for 6 s"
status=0
nsx "$C1" timeout 90 $pd phone --aor sip:alice@example.org --node 127.0.0.1:5060 --call sip:bob@example.org --duration 6 \
  --answer-timeout 30 --play tone:440 --record "$work/alice.wav" </dev/null >"$work/alice.out" 2>&1 || status=$?
for i in $(seq 1 100); do grep -q "media rtp:" "$work/bob.out" && break; sleep 0.1; done
cat "$work/alice.out" | sed 's/^/  alice: /' >&2
grep -E "call|media" "$work/bob.out" | sed 's/^/  bob: /' >&2 || true
pair_a=$(grep -o "ICE pair .*" "$work/a.log" | tail -1 || true)
pair_b=$(grep -o "ICE pair .*" "$work/b.log" | tail -1 || true)
log "A: ${pair_a:-no ICE pair}"
log "B: ${pair_b:-no ICE pair}"

# tone FILE: prints the share of the recording's energy at 440 Hz (Goertzel over 20 ms blocks)
tone() {
  python3 - "$1" <<'PY'
import math, struct, sys, wave
w = wave.open(sys.argv[1]); rate = w.getframerate(); n = w.getnframes()
data = struct.unpack("<%dh" % (n * w.getnchannels()), w.readframes(n))[::w.getnchannels()]
block = rate // 50; hit = 0; voiced = 0
k = 2 * math.cos(2 * math.pi * 440 / rate)
for s in range(0, len(data) - block, block):
    x = data[s:s + block]; energy = sum(v * v for v in x)
    if energy < block * 100 ** 2: continue  # silence (before the answer, concealment)
    voiced += 1; s1 = s2 = 0.0
    for v in x: s1, s2 = v + k * s1 - s2, s1
    power = (s1 * s1 + s2 * s2 - k * s1 * s2) * 2 / block
    if power / energy > 0.5: hit += 1
print("%d %d" % (hit, voiced))
PY
}
ok=1
[ "$status" -eq 0 ] || { log "alice's phone exited with $status"; ok=0; }
for side in a b; do
  p=$([ $side = a ] && echo "$pair_a" || echo "$pair_b")
  echo "$p" | grep -q "RELAY" || { log "node $side: the selected ICE pair has no relay candidate"; ok=0; }
done
for who in alice bob; do
  if [ -s "$work/$who.wav" ]; then
    read -r hit voiced < <(tone "$work/$who.wav")
    log "$who's recording: $hit of $voiced voiced 20 ms blocks are the 440 Hz tone"
    [ "$hit" -ge 100 ] || { log "$who: tone not received"; ok=0; }
  else
    log "$who: no recording"; ok=0
  fi
done
if [ $ok -ne 1 ]; then
  grep -E "WARN|ERROR|ICE|relay" "$work/s.log" "$work/a.log" "$work/b.log" | tail -40 >&2 || true
  exit 1
fi
log "ok: relayed call through the super-node, tone heard both ways"
