# shellcheck shell=bash
# NAT topologies in network namespaces, shared by e2e/media-nat.sh, baresip-nat.sh, p2p-nat.sh,
# relay-nat.sh and relay-failover.sh (not a scenario itself: e2e/run.sh runs only e2e/*-*.sh).
# Source it after lib.sh, with $sfx set. Gives: topology CASE NAT1 NAT2 (sets $P, $C1, $C2; lib.sh's
# trap deletes the namespaces), start NS NAME ARGS (a node).
#   P, the "public" segment 203.0.113.0/24 (a bridge br0 holding 203.0.113.1 and .2);
#   routers R1/R2: wan 203.0.113.11/.12, lan 192.168.1.1/192.168.2.1, iptables MASQUERADE
#   [--random-fully], unsolicited inbound dropped; C1/C2: 192.168.1.2 / 192.168.2.2, default route via
#   their router. P has no route into the private networks: only what a NAT lets in arrives.

# router K MASQ_ARGS: namespaces RK (NAT) and CK (private host behind it) on the public bridge in $P.
router() {
  local k=$1 r="pdm-r$1-$tag" c="pdm-c$1-$tag" ns
  for ns in "$r" "$c"; do ip netns add "$ns"; namespaces+=("$ns"); nsx "$ns" ip link set lo up; done
  ip link add wan0 netns "$r" type veth peer name "up$k" netns "$P"
  nsx "$P" ip link set "up$k" master br0
  nsx "$P" ip link set "up$k" up
  ip link add lan0 netns "$r" type veth peer name eth0 netns "$c"
  nsx "$r" ip addr add "203.0.113.1$k/24" dev wan0
  nsx "$r" ip addr add "192.168.$k.1/24" dev lan0
  nsx "$r" ip link set wan0 up
  nsx "$r" ip link set lan0 up
  nsx "$r" sysctl -qw net.ipv4.ip_forward=1
  # shellcheck disable=SC2086
  nsx "$r" iptables -t nat -A POSTROUTING -o wan0 -j MASQUERADE $2
  # A home router's WAN firewall: unsolicited packets are dropped before conntrack confirms an entry for
  # them. Without it, a hole-punching check that arrives before our own outbound one leaves a conntrack
  # entry whose reply tuple then clashes with our mapping, and MASQUERADE picks another port (a cone NAT
  # turning symmetric for that peer).
  nsx "$r" iptables -A INPUT -i wan0 -m conntrack --ctstate NEW -j DROP
  nsx "$c" ip addr add "192.168.$k.2/24" dev eth0
  nsx "$c" ip link set eth0 up
  nsx "$c" ip route add default via "192.168.$k.1"
  eval "C$k=$c"
}

# address_restricted K: turns router K's filtering from address-and-port-dependent (conntrack) into
# address-dependent (RFC 4787 §5): a new inbound UDP flow from an address that the host behind it has
# sent to is forwarded to that host, on the same port (MASQUERADE keeps the source port when it is free).
address_restricted() {
  local r="pdm-r$1-$tag"
  nsx "$r" iptables -t mangle -A POSTROUTING -o wan0 -m recent --name contacted --rdest --set
  nsx "$r" iptables -t nat -A PREROUTING -i wan0 -p udp -m recent --name contacted --rcheck --rsource \
    -j DNAT --to-destination "192.168.$1.2"
}

# udp_blocked K: router K's firewall forwards no UDP at all, either way (a firewall that lets only TCP
# out); its NAT is as "cone" for TCP.
udp_blocked() {
  nsx "pdm-r$1-$tag" iptables -I FORWARD -p udp -j DROP
}

# topology CASE NAT1 NAT2: P with S; NAT1/NAT2 are "cone", "addr-cone", "symmetric", "udp-blocked" or
# "none" (no router).
topology() {
  tag="$1-$sfx"; P="pdm-p-$tag"
  ip netns add "$P"; namespaces+=("$P")
  nsx "$P" ip link set lo up
  nsx "$P" ip link add br0 type bridge
  nsx "$P" ip addr add 203.0.113.1/24 dev br0
  nsx "$P" ip addr add 203.0.113.2/24 dev br0
  nsx "$P" ip link set br0 up
  local k=1 nat
  for nat in "$2" "$3"; do
    case "$nat" in
      cone) router $k "" ;;
      addr-cone) router $k "" && address_restricted $k ;;
      symmetric) router $k "--random-fully" ;;
      udp-blocked) router $k "" && udp_blocked $k ;;
      none) ;;
    esac
    k=$((k + 1))
  done
}

# start NS NAME ARGS...: a peerdial node in NS, its log in $work/NAME.log; sets $last_pid.
start() {
  local ns=$1 name=$2; shift 2
  # shellcheck disable=SC2086
  ip netns exec "$ns" $pd ${VERBOSE:+-v} node "$@" --data "$work/$name" >"$work/$name.log" 2>&1 &
  last_pid=$!; pids+=($last_pid)
  wait_for "$work/$name.log" "SIP: phones on" 60 $last_pid
}

