package io.parley.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * P sender/receiver pairs in open conversations, with the per-pair bookkeeping that proves delivery:
 * every IM carries {@code pair:seq:sendNanos}; the receiver records latency (send-call start to the moment
 * its event channel read the message) and sequence gaps, duplicates and reordering.
 */
final class Pairs {
    final List<SimUser> senders = new ArrayList<>();
    final List<SimUser> receivers = new ArrayList<>();
    final List<String> sendHrefs = new ArrayList<>();
    private final List<PairLedger> ledgers = new ArrayList<>();
    private volatile ConcurrentHistogram latency = new ConcurrentHistogram(3_600_000_000L, 3);
    final AtomicLong sendFailures = new AtomicLong();
    private volatile boolean closed;
    /** With {@link #trace}: per IM, {send start, answer, delivery} in System.nanoTime(), keyed by pair and sequence. */
    private volatile ConcurrentHashMap<Long, long[]> traced;

    /** What one receiver has seen of its sender's sequence. */
    static final class PairLedger {
        final AtomicLong sent = new AtomicLong();
        /** Sends offered and not yet answered: a pair sends in order, one at a time, like a real client. */
        final AtomicInteger backlog = new AtomicInteger();
        /** IMs offered and not started yet. */
        final AtomicInteger offered = new AtomicInteger();
        /** A POST of this pair is out (touched on the loop thread only). */
        boolean sending;
        private final BitSet seen = new BitSet();
        private long received;
        private long duplicates;
        private long outOfOrder;
        private int maxSeq = -1;

        synchronized void receive(int seq) {
            if (seen.get(seq)) {
                duplicates++;
                return;
            }
            seen.set(seq);
            received++;
            if (seq < maxSeq) {
                outOfOrder++;
            }
            maxSeq = Math.max(maxSeq, seq);
        }

        synchronized long received() {
            return received;
        }

        synchronized long duplicates() {
            return duplicates;
        }

        synchronized long outOfOrder() {
            return outOfOrder;
        }
    }

    static Pairs connect(ServerUnderTest server, Bench.Http http, int count, String password) throws Exception {
        server.createUsers("s", count, password);
        server.createUsers("r", count, password);
        Pairs pairs = new Pairs(http.loop);
        for (int i = 0; i < count; i++) {
            SimUser r = new SimUser(http, server.baseUrl(), "r" + i + "@bench.test").signIn(password, "bench-r", true);
            SimUser s = new SimUser(http, server.baseUrl(), "s" + i + "@bench.test").signIn(password, "bench-s", false);
            PairLedger ledger = new PairLedger();
            int pair = i;
            r.onText((text, readAt) -> pairs.received(pair, text, readAt));
            r.startPolling(1800);
            s.startPolling(1800);
            pairs.receivers.add(r);
            pairs.senders.add(s);
            pairs.ledgers.add(ledger);
        }
        List<CompletableFuture<String>> connected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            connected.add(pairs.senders.get(i).invite(pairs.receivers.get(i).address()));
        }
        for (CompletableFuture<String> c : connected) {
            pairs.sendHrefs.add(c.get(60, TimeUnit.SECONDS));
        }
        return pairs;
    }

    private final HttpLoop loop;

    private Pairs(HttpLoop loop) {
        this.loop = loop;
    }

    int size() {
        return senders.size();
    }

    /**
     * Offers the next IM of a pair. A pair sends in order and one at a time (the next POST goes out when
     * the previous one was answered), as a real client does; the latency clock starts when the POST starts.
     */
    void send(int pair) {
        PairLedger ledger = ledgers.get(pair);
        ledger.backlog.incrementAndGet();
        ledger.offered.incrementAndGet();
    }

    /** After a round of {@link #send} calls: every idle pair with an offer starts its POST (one loop wake-up). */
    void flushOffers() {
        loop.execute(() -> {
            for (int pair = 0; pair < ledgers.size(); pair++) {
                PairLedger ledger = ledgers.get(pair);
                if (!ledger.sending && ledger.offered.get() > 0) {
                    sendNext(pair);
                }
            }
        });
    }

    /** On the loop thread: the pair's next POST; its answer starts the one after, if offered by then. */
    private void sendNext(int pair) {
        if (closed) {
            return;
        }
        PairLedger ledger = ledgers.get(pair);
        ledger.offered.decrementAndGet();
        ledger.sending = true;
        long seq = ledger.sent.getAndIncrement();
        long start = System.nanoTime();
        long[] trace = traceOf(pair, seq);
        if (trace != null) {
            trace[0] = start;
        }
        senders.get(pair).sendAsync(sendHrefs.get(pair), pair + ":" + seq + ":" + start, status -> {
            if (trace != null) {
                trace[1] = System.nanoTime();
            }
            if (status != 201) {
                sendFailures.incrementAndGet();
            }
            ledger.backlog.decrementAndGet();
            ledger.sending = false;
            if (ledger.offered.get() > 0) {
                sendNext(pair);
            }
        });
    }

    /** IMs offered but not sent yet because their pair was still waiting for an answer. */
    long backlog() {
        return ledgers.stream().mapToLong(l -> l.backlog.get()).sum();
    }

    private void received(int pair, String text, long readAt) {
        String[] parts = text.split(":");
        if (parts.length != 3 || Integer.parseInt(parts[0]) != pair) {
            return;
        }
        ledgers.get(pair).receive(Integer.parseInt(parts[1]));
        long[] trace = traceOf(pair, Long.parseLong(parts[1]));
        if (trace != null) {
            trace[2] = readAt;
        }
        latency.recordValue(Math.max(0, (readAt - Long.parseLong(parts[2])) / 1000));
    }

    private long[] traceOf(int pair, long seq) {
        var map = traced;
        return map == null ? null : map.computeIfAbsent(((long) pair << 32) | seq, k -> new long[3]);
    }

    /** From now on, every IM's send start, answer and delivery times are kept for {@link #writeTrace}. */
    void trace() {
        traced = new ConcurrentHashMap<>();
    }

    /**
     * Writes the traced IMs as CSV, one per line in send order: pair, sequence, send start (ms on the
     * monotonic clock, as {@code System.nanoTime()} and Linux's CLOCK_MONOTONIC give it, so that other tools'
     * timestamps line up), then the answer and the delivery (µs after the send started; -1 if never).
     */
    void writeTrace(Path file) throws IOException {
        var map = traced;
        List<long[]> rows = new ArrayList<>();
        map.forEach((key, t) -> rows.add(new long[] {key >>> 32, key & 0xffffffffL, t[0], t[1], t[2]}));
        rows.removeIf(r -> r[2] == 0); // sent before tracing began, delivered after: no send time
        rows.sort(Comparator.comparingLong(r -> r[2]));
        StringBuilder out = new StringBuilder("pair,seq,sent_ms,answered_us,delivered_us\n");
        for (long[] r : rows) {
            out.append(r[0]).append(',').append(r[1]).append(',')
                    .append(String.format(Locale.ROOT, "%.3f", r[2] / 1e6)).append(',')
                    .append(r[3] == 0 ? -1 : (r[3] - r[2]) / 1000).append(',')
                    .append(r[4] == 0 ? -1 : (r[4] - r[2]) / 1000).append('\n');
        }
        Files.writeString(file, out);
    }

    /** Starts a new measurement window; returns the latencies (µs) of the one that ended. */
    Histogram resetLatency() {
        ConcurrentHistogram done = latency;
        latency = new ConcurrentHistogram(3_600_000_000L, 3);
        return done;
    }

    long sent() {
        return ledgers.stream().mapToLong(l -> l.sent.get()).sum();
    }

    long received() {
        return ledgers.stream().mapToLong(PairLedger::received).sum();
    }

    long duplicates() {
        return ledgers.stream().mapToLong(PairLedger::duplicates).sum();
    }

    long outOfOrder() {
        return ledgers.stream().mapToLong(PairLedger::outOfOrder).sum();
    }

    /** Waits until everything sent so far arrived, or the time is up. */
    void drain(long maxMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + maxMillis;
        while (System.currentTimeMillis() < deadline && (received() + sendFailures.get() < sent() || backlog() > 0)) {
            Thread.sleep(20);
        }
    }

    void close() {
        closed = true;
        senders.forEach(SimUser::stopPolling);
        receivers.forEach(SimUser::stopPolling);
    }
}
