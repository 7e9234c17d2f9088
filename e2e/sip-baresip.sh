#!/usr/bin/env bash
# Two standard softphones through two peerdial nodes on 127.0.0.1 (docs/SIP.md):
#   baresip alice registers at node A, baresip bob (answermode=auto) at node B; alice dials
#   bob@example.org through her node (ctrl_tcp "dial"); the call must reach established state on
#   both phones (ctrl_tcp CALL_ESTABLISHED events) and RTP must flow both ways through the nodes'
#   media anchors (docs/MEDIA.md): tcpdump on lo counts UDP packets arriving at each phone's RTP
#   port range (at least MIN_RTP, default 50, each way), and none may go straight from phone to phone.
# A third node without phones is the bootstrap. Installs baresip and tcpdump if missing (root).
# Every process it starts is stopped on exit (trap). Environment: BASE_PORT (default 47300,
# uses BASE_PORT..BASE_PORT+47), MIN_RTP.
set -euo pipefail
E2E_NAME=sip-baresip
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
base="${BASE_PORT:-47300}"
min_rtp="${MIN_RTP:-50}"

ensure_package baresip baresip
ensure_package tcpdump tcpdump
pd="$(peerdial_cmd)"
overlay_s=$((base)); overlay_a=$((base + 2)); overlay_b=$((base + 4)) # each node's SIP node face: overlay port + 1
control_s=$((base + 6)); control_a=$((base + 7)); control_b=$((base + 8))
sip_a=$((base + 9)); sip_b=$((base + 10)); ctrl_alice=$((base + 11)); ctrl_bob=$((base + 12))
rtp_alice="$((base + 20))-$((base + 29))"; rtp_bob="$((base + 30))-$((base + 39))"

start_node() { # start_node NAME OVERLAY CONTROL SIP [BOOTSTRAP]
  local name=$1 args=(--listen 127.0.0.1:$2 --control 127.0.0.1:$3 --sip 127.0.0.1:$4 --data "$work/$1")
  [ -n "${5:-}" ] && args+=(--bootstrap 127.0.0.1:$5)
  $pd node "${args[@]}" >"$work/$name.log" 2>&1 &
  last_pid=$!; pids+=($last_pid)
  wait_for "$work/$name.log" "SIP: phones on" 60 $last_pid
}

log "starting a bootstrap node, node A (sip 127.0.0.1:$sip_a) and node B (sip 127.0.0.1:$sip_b)"
start_node s $overlay_s $control_s $((base + 13))
start_node a $overlay_a $control_a $sip_a $overlay_s; pid_a=$last_pid
start_node b $overlay_b $control_b $sip_b $overlay_s; pid_b=$last_pid
wait_for "$work/a.log" "joined the overlay" 30 $pid_a
wait_for "$work/b.log" "joined the overlay" 30 $pid_b

# phone NAME SIPPORT NODESIPPORT CTRLPORT RTPRANGE EXTRA: a headless baresip config in $work/NAME.
phone() {
  local dir="$work/$1"; mkdir -p "$dir"
  cat >"$dir/config" <<EOF
sip_listen 127.0.0.1:$2
net_interface 127.0.0.1
rtp_ports ${5%-*}-${5#*-}
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
ctrl_tcp_listen 127.0.0.1:$4
EOF
  echo "<sip:$1@example.org>;outbound=\"sip:127.0.0.1:$3;lr\";regint=600;audio_codecs=opus/48000/2$6" >"$dir/accounts"
  : >"$dir/contacts"
}
phone alice $((base + 40)) $sip_a $ctrl_alice "$rtp_alice" ""
phone bob $((base + 45)) $sip_b $ctrl_bob "$rtp_bob" ";answermode=auto"

log "capturing RTP on lo (alice ports $rtp_alice, bob ports $rtp_bob)"
tcpdump -i lo -n -l -q "udp and (portrange ${rtp_alice} or portrange ${rtp_bob})" >"$work/rtp.txt" 2>"$work/tcpdump.err" &
pids+=($!); pid_dump=$!
wait_for "$work/tcpdump.err" "listening on" 10 $pid_dump

# events NAME PORT: keeps a ctrl_tcp connection open and appends what baresip reports to $work/NAME.events.
events() {
  (exec 3<>"/dev/tcp/127.0.0.1/$2" && { [ -z "${3:-}" ] || printf '%s' "$3" >&3; } && exec cat <&3) >"$work/$1.events" 2>&1 &
  pids+=($!)
}

log "starting baresip bob (auto-answer) and alice; both register at their nodes"
baresip -s -f "$work/bob" -t 90 </dev/null >"$work/bob.out" 2>&1 &
pids+=($!); pid_bob=$!
baresip -s -f "$work/alice" -t 90 </dev/null >"$work/alice.out" 2>&1 &
pids+=($!); pid_alice=$!
wait_for "$work/bob.out" "200 OK" 20 $pid_bob
wait_for "$work/alice.out" "200 OK" 20 $pid_alice
wait_for "$work/b.log" "publishing this device's binding" 10 $pid_b
sleep 1 # the DHT write of bob's binding (its REGISTER's 200 waits for it, at most 5 s)

events bob $ctrl_bob
json='{"command":"dial","params":"sip:bob@example.org","token":"e2e"}'
events alice $ctrl_alice "${#json}:$json,"
t0=$(date +%s.%N)
log "alice dials bob@example.org through node A"
wait_for "$work/alice.events" "CALL_ESTABLISHED" 20 $pid_alice
t1=$(date +%s.%N)
wait_for "$work/bob.events" "CALL_ESTABLISHED" 10 $pid_bob
log "established on both phones $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b-a}') s after the dial"
sleep 3 # about 150 RTP packets each way at 20 ms
alice_ports="$(seq -s'|' ${rtp_alice%-*} ${rtp_alice#*-})"; bob_ports="$(seq -s'|' ${rtp_bob%-*} ${rtp_bob#*-})"
a_to_b=$(grep -cE "> 127\.0\.0\.1\.($bob_ports):" "$work/rtp.txt" || true)   # what bob receives (from node B's bridge)
b_to_a=$(grep -cE "> 127\.0\.0\.1\.($alice_ports):" "$work/rtp.txt" || true) # what alice receives (from node A's bridge)
direct=$(grep -cE "127\.0\.0\.1\.($alice_ports) > 127\.0\.0\.1\.($bob_ports):|127\.0\.0\.1\.($bob_ports) > 127\.0\.0\.1\.($alice_ports):" "$work/rtp.txt" || true)
log "RTP packets in 3 s: alice -> bob $a_to_b, bob -> alice $b_to_a (phone to phone directly: $direct)"

json='{"command":"hangup","token":"e2e2"}'
(exec 3<>"/dev/tcp/127.0.0.1/$ctrl_alice" && printf '%s' "${#json}:$json," >&3 && sleep 1) || true
wait_for "$work/bob.events" "CALL_CLOSED" 10 $pid_bob || { log "bob did not see the hang-up"; exit 1; }
if [ "$a_to_b" -lt "$min_rtp" ] || [ "$b_to_a" -lt "$min_rtp" ]; then
  log "FAILED: fewer than $min_rtp RTP packets one way"; tail -20 "$work/alice.out" "$work/bob.out" >&2; exit 1
fi
if [ "$direct" -ne 0 ]; then log "FAILED: $direct RTP packets went straight between the phones (not anchored)"; exit 1; fi
log "ok: call established through two nodes, RTP both ways through the nodes' anchors, BYE reached bob"
