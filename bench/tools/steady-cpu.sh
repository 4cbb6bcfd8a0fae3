#!/usr/bin/env bash
# The server's CPU per 1,000 IMs over a steady window, for comparing builds on a noisy machine.
#
#   bench/tools/steady-cpu.sh JAR RATE [SERVER_JVM_FLAGS]
#
# Runs one 45 s throughput step at RATE msg/s (100 pairs) against a server started from JAR, and reads the
# server's CPU (and its store writer thread's) from /proc at 18 s and 38 s, so that set-up, sign-ins and JIT
# warm-up stay out of the figure. Run builds ABBA-interleaved (A B B A ...): this VM's speed drifts.
# Prints: jar, flags, writer and server ms of CPU per 1,000 IMs, then the step's own row (offered, delivered,
# backlog, max ms, server CPU s/1000 msg, server CPU %, disk KB/msg).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="$(realpath "$1")"; rate="$2"; flags="${3:-}"
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
"$root/bench/run" throughput --jar "$jar" --server-jvm "$flags" --pairs 100 --rates "$rate" --duration 45 >"$out" 2>&1 &
bench=$!
sleep 18
pid="$(pgrep -f -- "$jar serve" | head -1)"
writer="$(grep -l parley-store-wr /proc/"$pid"/task/*/comm | head -1 | xargs dirname)"
ticks() { awk '{print $14 + $15}' "$1/stat"; }
w0=$(ticks "$writer"); p0=$(ticks /proc/"$pid")
sleep 20
w1=$(ticks "$writer"); p1=$(ticks /proc/"$pid")
wait "$bench"
hz=$(getconf CLK_TCK)
ims=$(( rate * 20 ))
row="$(grep '^| [0-9]' "$out" | cut -d'|' -f2-4,10,15-17)"
echo "$jar ${flags:-(launcher flags)} writer_ms/1000IM=$(( (w1 - w0) * 1000 * 1000 / hz / ims )) server_ms/1000IM=$(( (p1 - p0) * 1000 * 1000 / hz / ims )) |$row"
