#!/usr/bin/env python3
"""Which slow IMs coincide with another thread's CPU bursts (a kernel thread such as kdamond, say).

  bench/tools/stall-overlap.py record PID SECONDS > bursts.txt
      Polls /proc/PID/schedstat every millisecond and prints each burst of CPU time as
      "start_ms end_ms" on the monotonic clock (the clock of the latency workload's --trace).
  bench/tools/stall-overlap.py compare TRACE.csv bursts.txt [SLOW_MS]
      Splits the traced IMs sent while recording into those whose send-to-delivery span overlaps a
      burst and the rest, and prints the latency percentiles of each (SLOW_MS, default 5, sets what
      counts as slow in the summary line).

Diagnosis only (run by hand, see docs/benchmarks.md): the headline figures are always all IMs.
"""
import csv
import sys
import time


def record(pid, seconds):
    path = f"/proc/{pid}/schedstat"

    def cpu_ns():
        return int(open(path).read().split()[0])

    start = time.monotonic()
    prev, prev_t, burst = cpu_ns(), start, None
    while time.monotonic() - start < seconds:
        time.sleep(0.001)
        now, ns = time.monotonic(), cpu_ns()
        if ns > prev:
            if burst is None:
                burst = [prev_t * 1000, now * 1000]
            burst[1] = now * 1000
        elif burst is not None and now * 1000 - burst[1] > 3:
            print(f"{burst[0]:.1f} {burst[1]:.1f}", flush=True)
            burst = None
        prev, prev_t = ns, now


def percentiles(values):
    values = sorted(values)
    if not values:
        return "none"
    pick = lambda p: values[min(len(values) - 1, int(len(values) * p))] / 1000
    return (f"n={len(values)} p50 {pick(.5):.2f} p90 {pick(.9):.2f} p99 {pick(.99):.2f} "
            f"p99.9 {pick(.999):.2f} max {values[-1] / 1000:.2f} ms")


def compare(trace, bursts_file, slow_ms=5.0):
    bursts = [tuple(map(float, line.split())) for line in open(bursts_file) if line.strip()]
    if not bursts:
        sys.exit("no bursts recorded")
    first, last = bursts[0][0], bursts[-1][1]
    rows = [r for r in csv.DictReader(open(trace))
            if int(r["delivered_us"]) >= 0 and first <= float(r["sent_ms"]) <= last]

    def overlaps(r):
        sent = float(r["sent_ms"])
        done = sent + int(r["delivered_us"]) / 1000
        return any(a <= done and b >= sent for a, b in bursts)

    hit = [int(r["delivered_us"]) for r in rows if overlaps(r)]
    clear = [int(r["delivered_us"]) for r in rows if not overlaps(r)]
    busy = sum(b - a for a, b in bursts) / (last - first)
    slow = lambda v: sum(1 for x in v if x > slow_ms * 1000)
    print(f"bursts: {len(bursts)}, busy {busy:.1%} of {((last - first) / 1000):.1f} s")
    print(f"all IMs:                 {percentiles(hit + clear)}")
    print(f"overlapping a burst:     {percentiles(hit)}")
    print(f"not overlapping a burst: {percentiles(clear)}")
    print(f"slow (> {slow_ms:g} ms): {slow(hit) + slow(clear)}, of which {slow(hit)} overlap a burst")


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "record":
        record(sys.argv[2], float(sys.argv[3]))
    elif len(sys.argv) >= 4 and sys.argv[1] == "compare":
        compare(sys.argv[2], sys.argv[3], float(sys.argv[4]) if len(sys.argv) > 4 else 5.0)
    else:
        sys.exit(__doc__)
