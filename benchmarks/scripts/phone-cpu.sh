#!/usr/bin/env bash
# Softphone CPU per call (issue #5): CPU seconds (utime + stime from /proc/PID/stat) of `peerdial phone`
# processes in a call through two `peerdial node` processes on 127.0.0.1 (each phone on its own node,
# the nodes anchor the media and run ICE between them). The caller's cost of the call itself is
# alice(--duration D) - alice(--duration 1): the same JVM start, registration and setup, D - 1 seconds
# of media apart. Bob (auto-answer, recording) is one long process: his CPU during alice's call minus
# his idle rate over the same time.
# Usage: benchmarks/scripts/phone-cpu.sh [DURATION_S=20] [PLAY=tone:440]
# BOB=baresip: bob is a headless baresip that answers with opus/48000/2 only, so alice's peerdial
# phone (which offers PCMU first) sends and receives Opus; bob's figure is then baresip's.
# Needs node/target/peerdial.jar (mvn -B -q -pl node -am package -DskipTests).
set -euo pipefail
dur="${1:-20}"
play="${2:-tone:440}"
pd=(java -jar "$(dirname "$0")/../../node/target/peerdial.jar" -q)
w="$(mktemp -d)"
base=$((20000 + RANDOM % 20000))
pids=()
cleanup() { [ -n "${KEEP:-}" ] && tail -n 5 "$w"/*.log >&2; for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$w"; }
trap cleanup EXIT
tick=$(getconf CLK_TCK)
cpu() { awk -v t="$tick" '{ printf "%.2f", ($14 + $15) / t }' "/proc/$1/stat"; } # utime + stime, this process's threads

# overlay ports base, +2, +4 (each node's SIP node face is its overlay port + 1); phone faces +10, +11; control +20..22
"${pd[@]}" node --listen 127.0.0.1:$base --data "$w/boot" --sip 127.0.0.1:$((base + 12)) --control 127.0.0.1:$((base + 20)) \
    >"$w/boot.log" 2>&1 & pids+=($!)
sleep 3
"${pd[@]}" node --listen 127.0.0.1:$((base + 2)) --bootstrap 127.0.0.1:$base --sip 127.0.0.1:$((base + 10)) --data "$w/na" \
    --control 127.0.0.1:$((base + 21)) >"$w/na.log" 2>&1 & pids+=($!)
"${pd[@]}" node --listen 127.0.0.1:$((base + 4)) --bootstrap 127.0.0.1:$base --sip 127.0.0.1:$((base + 11)) --data "$w/nb" \
    --control 127.0.0.1:$((base + 22)) >"$w/nb.log" 2>&1 & pids+=($!)
sleep 10
if [ "${BOB:-}" = baresip ]; then
    mkdir -p "$w/bob"
    printf '%s\n' "sip_listen 127.0.0.1:$((base + 30))" "net_interface 127.0.0.1" "rtp_ports $((base + 40))-$((base + 49))" \
        "audio_player alsa,null" "audio_source ausine,440" "audio_alert alsa,null" "module_path /usr/lib/baresip/modules" \
        "module g711.so" "module opus.so" "module ausine.so" "module alsa.so" "module account.so" >"$w/bob/config"
    echo "<sip:bob@example.org>;outbound=\"sip:127.0.0.1:$((base + 11));lr\";regint=600;audio_codecs=opus/48000/2;answermode=auto" \
        >"$w/bob/accounts"
    : >"$w/bob/contacts"
    baresip -f "$w/bob" >"$w/bob.log" 2>&1 & bob=$!; pids+=($bob)
    ok="registered|200 OK"
else
    # bob reads commands on stdin (a FIFO this script holds open), so he stays for more than one call
    mkfifo "$w/bob.in"; exec 3<>"$w/bob.in"
    "${pd[@]}" phone --aor sip:bob@example.org --node 127.0.0.1:$((base + 11)) --auto-answer \
        --record "$w/bob.wav" <"$w/bob.in" >"$w/bob.log" 2>&1 & bob=$!; pids+=($bob)
    ok="^registered"
fi
for _ in $(seq 60); do grep -Eq "$ok" "$w/bob.log" && break; sleep 0.5; done
grep -Eq "$ok" "$w/bob.log" || { echo "bob did not register:" >&2; cat "$w/bob.log" >&2; exit 1; }

# alice: one call of D seconds, then one of 1 s (set-up, 1 s, hang-up), each a fresh process
alice() {
    local d="$1" b0 t0 p c
    b0=$(cpu $bob); t0=$(date +%s.%N)
    "${pd[@]}" phone --aor sip:alice@example.org --node 127.0.0.1:$((base + 10)) --call sip:bob@example.org \
        --duration "$d" --play "$play" </dev/null >"$w/alice-$d.log" 2>&1 & p=$!
    while [ -e /proc/$p/stat ]; do c=$(cpu $p 2>/dev/null || echo "$c"); sleep 0.2; done
    wait $p || { echo "alice --duration $d failed:" >&2; cat "$w/alice-$d.log" >&2; exit 1; }
    echo "$d $c $(echo "$(cpu $bob) - $b0" | bc) $(echo "$(date +%s.%N) - $t0" | bc)"
}
idle0=$(cpu $bob); sleep "$dur"; idle=$(echo "($(cpu $bob) - $idle0) / $dur" | bc -l)
read -r _ a_long bob_long wall_long < <(alice "$dur")
read -r _ a_short bob_short wall_short < <(alice 1)
printf 'load average at the end: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'alice --duration %s: %s CPU-s (process, wall %.1f s); --duration 1: %s CPU-s (wall %.1f s)\n' \
    "$dur" "$a_long" "$wall_long" "$a_short" "$wall_short"
printf 'alice, %s s more of media: %.2f CPU-s = %.1f %% of a core\n' "$((dur - 1))" \
    "$(echo "$a_long - $a_short" | bc)" "$(echo "100 * ($a_long - $a_short) / ($dur - 1)" | bc -l)"
printf 'bob (auto-answer, recording): idle %.3f CPU-s/s; while alice ran (%s s call, %.1f s wall) %s CPU-s, minus idle: %.2f CPU-s = %.1f %% of a core per call-second\n' \
    "$idle" "$dur" "$wall_long" "$bob_long" "$(echo "$bob_long - $idle * $wall_long" | bc -l)" \
    "$(echo "100 * ($bob_long - $idle * $wall_long) / $dur" | bc -l)"
