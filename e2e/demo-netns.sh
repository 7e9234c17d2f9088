#!/usr/bin/env bash
# The README's first command where issue #5 says it must work: `peerdial demo` inside a fresh
# network namespace whose only interface is `lo` (ice4j offers no loopback candidates by itself; the
# node's loopback harvester must). Passes when the demo prints its `demo ok: ...` line with a
# host/host ICE pair, the tone and the digits, within 60 s. The namespace is deleted on exit.
set -euo pipefail
E2E_NAME=demo-netns
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ns="pd-demo-$$"
pd="$(peerdial_cmd)"
ip netns add "$ns"; namespaces+=("$ns")
ip netns exec "$ns" ip link set lo up
interfaces="$(ip netns exec "$ns" ip -o link show | awk -F': ' '{print $2}' | tr '\n' ' ')"
[ "$interfaces" = "lo " ] || { log "namespace has more than lo: $interfaces"; exit 1; }
out="$(timeout 60 ip netns exec "$ns" $pd demo 2>"$work/demo.err" || true)"
log "$out"
case "$out" in
  "demo ok: "*"ICE pair host/host"*"tone 440 Hz detected, DTMF 1234#") log "passed" ;;
  *) log "failed"; cat "$work/demo.err" >&2; exit 1 ;;
esac
