package io.parley.bench;

import java.util.concurrent.locks.LockSupport;

/**
 * Offers a fixed total rate of IMs, spread round-robin over the pairs, for a fixed time. It counts what
 * should have gone out by now from the start time, so a late tick catches up instead of drifting.
 */
final class Pacer {
    private Pacer() {}

    static long run(Pairs pairs, double perSecond, long millis) {
        long start = System.nanoTime();
        long end = start + millis * 1_000_000L;
        long sent = 0;
        int next = 0;
        while (true) {
            long now = System.nanoTime();
            if (now >= end) {
                return sent;
            }
            long due = (long) ((now - start) / 1e9 * perSecond);
            if (sent < due) {
                while (sent < due) {
                    pairs.send(next);
                    next = (next + 1) % pairs.size();
                    sent++;
                }
                pairs.flushOffers();
            }
            LockSupport.parkNanos(200_000);
        }
    }
}
