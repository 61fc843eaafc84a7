#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Re-creates the recorded scamper samples in this directory (see README.md). Run as root on a
# machine with Debian's scamper (20211212) and iproute2. Everything probed lives in a network
# namespace this script creates, or on loopback; a blackhole route keeps the benchmarking range
# 198.18.0.0/15 from ever leaving the machine. Everything is removed on exit.
set -euo pipefail
cd "$(dirname "$0")"
NS_HOST=vigil-cap-host     # holds 198.18.1.1-20 on lo; cut and silenced during the capture
NS_ROUTER=vigil-cap-rtr    # forwards nowhere: answers 198.18.4.0/24 with ICMP unreachable

cleanup() {
  # Delete the veths explicitly: a deleted namespace takes its end of a veth down only later.
  ip link del vcap-h0 2>/dev/null || true
  ip link del vcap-r0 2>/dev/null || true
  ip route del 198.18.1.0/24 2>/dev/null || true
  ip route del 198.18.4.0/24 2>/dev/null || true
  ip netns del "$NS_HOST" 2>/dev/null || true
  ip netns del "$NS_ROUTER" 2>/dev/null || true
  ip route del blackhole 198.18.0.0/15 metric 9999 2>/dev/null || true
}
trap cleanup EXIT
cleanup
ip route add blackhole 198.18.0.0/15 metric 9999

ip netns add "$NS_HOST"
ip link add vcap-h0 type veth peer name vcap-h1 netns "$NS_HOST"
ip addr add 198.19.254.1/30 dev vcap-h0 && ip link set vcap-h0 up
ip -n "$NS_HOST" addr add 198.19.254.2/30 dev vcap-h1
ip -n "$NS_HOST" link set vcap-h1 up && ip -n "$NS_HOST" link set lo up
for i in $(seq 1 20); do ip -n "$NS_HOST" addr add "198.18.1.$i/32" dev lo; done
ip route add 198.18.1.0/24 via 198.19.254.2 dev vcap-h0

ip netns add "$NS_ROUTER"
ip link add vcap-r0 type veth peer name vcap-r1 netns "$NS_ROUTER"
ip addr add 198.19.254.5/30 dev vcap-r0 && ip link set vcap-r0 up
ip -n "$NS_ROUTER" addr add 198.19.254.6/30 dev vcap-r1 && ip -n "$NS_ROUTER" link set vcap-r1 up
ip -n "$NS_ROUTER" route add unreachable 198.18.4.0/24
ip netns exec "$NS_ROUTER" sh -c 'echo 1 > /proc/sys/net/ipv4/ip_forward'
ip route add 198.18.4.0/24 via 198.19.254.6 dev vcap-r0

# The commands go to scamper through a FIFO so nothing else can reach its stdin.
fifo=$(mktemp -u) && mkfifo "$fifo"
scamper -O cmdfile -O json -p 100 -o ping-netns.json -f "$fifo" 2>ping-netns.stderr &
scamper_pid=$!
exec 3>"$fifo"
say() { printf '%s\n' "$1" >&3; }
say 'ping -c 1 -o 1 -W 1 -U 1 198.18.1.1'    # echo reply from the probed address
say 'ping -c 3 -W 1 -U 2 198.18.1.2'         # three probes, three replies
say 'ping -c 1 -o 1 -W 1 -U 3 198.18.1.200'  # no host there: nothing heard
say 'ping -c 1 -o 1 -W 1 -U 4 198.18.4.9'    # ICMP unreachable from the router, not a reply
say 'ping -c 1 -o 1 -W 1 -U 5 198.18.9.9'    # blackholed in the root namespace: no record at all
sleep 2
ip -n "$NS_HOST" link set vcap-h1 down       # the cut: namespace side down
say 'ping -c 1 -o 1 -W 1 -U 6 198.18.1.3'
sleep 2
ip -n "$NS_HOST" link set vcap-h1 up
ip netns exec "$NS_HOST" sh -c 'echo 1 > /proc/sys/net/ipv4/icmp_echo_ignore_all'
sleep 1
say 'ping -c 1 -o 1 -W 1 -U 7 198.18.1.4'    # hosts silenced
sleep 2
ip netns exec "$NS_HOST" sh -c 'echo 0 > /proc/sys/net/ipv4/icmp_echo_ignore_all'
say 'ping -c 1 -o 1 -W 1 -U 8 198.18.1.4'    # answering again
sleep 2
exec 3>&-
wait "$scamper_pid"
rm -f "$fifo"

# Three phases ten seconds apart, each pinging 198.18.1.1-20 and 198.18.4.1-20 once: all up; the
# namespace cut (namespace side down); up again. RecordedEngineTest replays it through the prober.
fifo=$(mktemp -u) && mkfifo "$fifo"
scamper -O cmdfile -O json -p 100 -o ping-rounds.json -f "$fifo" 2>/dev/null &
scamper_pid=$!
exec 3>"$fifo"
phase() {
  for i in $(seq 1 20); do
    say "ping -c 1 -o 1 -W 1 -U $((100 * $1 + i)) 198.18.1.$i"
    say "ping -c 1 -o 1 -W 1 -U $((100 * $1 + 50 + i)) 198.18.4.$i"
  done
}
phase 1
sleep 10
ip -n "$NS_HOST" link set vcap-h1 down
phase 2
sleep 10
ip -n "$NS_HOST" link set vcap-h1 up
sleep 1
phase 3
sleep 2
exec 3>&-
wait "$scamper_pid"
rm -f "$fifo"

# The same probes on loopback, written as warts and converted with sc_warts2json.
printf 'ping -c 1 -o 1 -W 1 -U 11 127.0.0.1\nping -c 2 -W 1 -U 12 127.0.0.2\n' \
  | scamper -O cmdfile -O warts -p 100 -o ping-loopback.warts -f -
sc_warts2json ping-loopback.warts >ping-loopback.warts.json
printf 'ping -c 1 -o 1 -W 1 -U 11 127.0.0.1\nping -c 2 -W 1 -U 12 127.0.0.2\n' \
  | scamper -O cmdfile -O json -p 100 -o ping-loopback.json -f -
