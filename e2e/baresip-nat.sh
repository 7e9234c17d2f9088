#!/usr/bin/env bash
# Two standard softphones (baresip) through two peerdial nodes behind different NATs (docs/MEDIA.md
# "End-to-end through NATs"; topology in e2e/natlib.sh): node A and baresip alice in C1 behind NAT 1,
# node B and baresip bob (answermode=auto) in C2 behind NAT 2, both NATs MASQUERADE (port-restricted
# cone); the super-node S on the public segment is the bootstrap, STUN server and rendezvous. Each
# phone registers at its node on 127.0.0.1; alice dials bob@example.org (ctrl_tcp "dial"). Passes
# when the call is established on both phones, both nodes log a selected ICE pair, and tcpdump on each
# namespace's lo counts at least MIN_RTP (default 50) RTP packets arriving at that phone's RTP ports
# from its node's anchor in 3 s. Needs root; installs baresip, tcpdump, iptables if missing. The trap
# stops every process and deletes the namespaces.
set -euo pipefail
E2E_NAME=baresip-nat
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
sfx=$(( $$ % 100000 ))
source "$(dirname "${BASH_SOURCE[0]}")/natlib.sh"
min_rtp="${MIN_RTP:-50}"
ensure_package iptables iptables
ensure_package baresip baresip
ensure_package tcpdump tcpdump
pd="$(peerdial_cmd)"
rtp=10000-10009 # each phone's RTP ports (in its own namespace)

topology bn cone cone
start "$P" s --listen 203.0.113.1:7000 --role super --sip 127.0.0.1:5061 --control 127.0.0.1:7071
start "$C1" a --listen 192.168.1.2:7000 --bootstrap 203.0.113.1:7000 --role client --sip 127.0.0.1:5060 --control 127.0.0.1:7072
pid_a=$last_pid
start "$C2" b --listen 192.168.2.2:7000 --bootstrap 203.0.113.1:7000 --role client --sip 127.0.0.1:5060 --control 127.0.0.1:7073
pid_b=$last_pid
wait_for "$work/a.log" "rendezvous super-nodes now \[[0-9a-f]" 60 $pid_a
wait_for "$work/b.log" "rendezvous super-nodes now \[[0-9a-f]" 60 $pid_b

# phone NAME EXTRA: a headless baresip config in $work/NAME (SIP 127.0.0.1:5070, ctrl_tcp 127.0.0.1:4444).
phone() {
  local dir="$work/$1"; mkdir -p "$dir"
  cat >"$dir/config" <<CONF
sip_listen 127.0.0.1:5070
net_interface 127.0.0.1
rtp_ports ${rtp}
audio_player alsa,null
audio_source ausine,440
audio_alert alsa,null
module_path /usr/lib/baresip/modules
module g711.so
module opus.so
module ausine.so
module alsa.so
module account.so
module menu.so
module ctrl_tcp.so
ctrl_tcp_listen 127.0.0.1:4444
CONF
  echo "<sip:$1@example.org>;outbound=\"sip:127.0.0.1:5060;lr\";regint=600;audio_codecs=opus/48000/2$2" >"$dir/accounts"
  : >"$dir/contacts"
}
phone alice ""
phone bob ";answermode=auto"

for side in "alice $C1" "bob $C2"; do
  set -- $side
  nsx "$2" tcpdump -i lo -n -l -q "udp and portrange $rtp" >"$work/$1.rtp" 2>"$work/$1.tcpdump" &
  pids+=($!)
  wait_for "$work/$1.tcpdump" "listening on" 10 $!
done

log "starting baresip bob (auto-answer, behind NAT 2) and alice (behind NAT 1)"
nsx "$C2" baresip -s -f "$work/bob" -t 90 </dev/null >"$work/bob.out" 2>&1 &
pids+=($!); pid_bob=$!
nsx "$C1" baresip -s -f "$work/alice" -t 90 </dev/null >"$work/alice.out" 2>&1 &
pids+=($!); pid_alice=$!
wait_for "$work/bob.out" "200 OK" 20 $pid_bob
wait_for "$work/alice.out" "200 OK" 20 $pid_alice
wait_for "$work/b.log" "publishing this device's binding" 10 $pid_b
sleep 1 # the DHT write of bob's binding

# events NAME NS [SEND]: keeps a ctrl_tcp connection open in NS; appends what baresip reports to $work/NAME.events.
events() {
  nsx "$2" bash -c 'exec 3<>/dev/tcp/127.0.0.1/4444 && { [ -z "$1" ] || printf "%s" "$1" >&3; } && exec cat <&3' _ "${3:-}" \
    >"$work/$1.events" 2>&1 &
  pids+=($!)
}
events bob "$C2"
json='{"command":"dial","params":"sip:bob@example.org","token":"e2e"}'
t0=$(date +%s.%N)
events alice "$C1" "${#json}:$json,"
log "alice dials bob@example.org through node A"
wait_for "$work/alice.events" "CALL_ESTABLISHED" 40 $pid_alice
t1=$(date +%s.%N)
wait_for "$work/bob.events" "CALL_ESTABLISHED" 10 $pid_bob
log "established on both phones $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b-a}') s after the dial"
wait_for "$work/a.log" "ICE \(pair\|failed\)" 15 $pid_a
wait_for "$work/b.log" "ICE \(pair\|failed\)" 15 $pid_b
: >"$work/alice.rtp"; : >"$work/bob.rtp" # count from now on: media on the selected pair only
sleep 3 # about 150 RTP packets each way at 20 ms
ports="$(seq -s'|' ${rtp%-*} ${rtp#*-})"
to_bob=$(grep -cE "> 127\.0\.0\.1\.($ports):" "$work/bob.rtp" || true)
to_alice=$(grep -cE "> 127\.0\.0\.1\.($ports):" "$work/alice.rtp" || true)
ice_a=$(grep -m1 -oE "ICE (pair|failed).*" "$work/a.log"); ice_b=$(grep -m1 -oE "ICE (pair|failed).*" "$work/b.log")
log "node A: $ice_a"
log "node B: $ice_b"
log "RTP packets arriving in 3 s: at bob $to_bob, at alice $to_alice"

json='{"command":"hangup","token":"e2e2"}'
nsx "$C1" bash -c 'exec 3<>/dev/tcp/127.0.0.1/4444 && printf "%s" "$1" >&3 && sleep 1' _ "${#json}:$json," || true
wait_for "$work/bob.events" "CALL_CLOSED" 10 $pid_bob || { log "bob did not see the hang-up"; exit 1; }
case "$ice_a $ice_b" in *failed*) log "FAILED: ICE failed"; exit 1 ;; esac
if [ "$to_bob" -lt "$min_rtp" ] || [ "$to_alice" -lt "$min_rtp" ]; then
  log "FAILED: fewer than $min_rtp RTP packets one way"; tail -20 "$work/alice.out" "$work/bob.out" >&2; exit 1
fi
log "ok: baresip alice (NAT 1) and bob (NAT 2) in a call through their nodes (node A: ${ice_a%% /*}), RTP both ways, BYE reached bob"
