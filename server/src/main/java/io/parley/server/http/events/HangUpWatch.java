package io.parley.server.http.events;

import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.AbstractEndPoint;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * Notices that the client of a parked event poll hung up, so that the poll is released at once instead of
 * holding its slot and socket until its timeout (up to 1800 s).
 *
 * <p>Why this exists: while a request is being handled, Jetty does not read from its HTTP/1.1 connection, so
 * a client's FIN goes unseen. {@link #arm} registers a read interest on the connection's endpoint for the time
 * the poll is parked; the endpoint turns readable when the client closes. Then the connection is closed and
 * the {@code onGone} action runs (on a pool thread: this is a blocking callback).
 *
 * <p>The one danger: Jetty registers its own read interest once the answer is complete, and two interests on
 * one endpoint are an error. So {@link #disarm} must be called before the answer is written; it withdraws
 * the interest if it is ours. Ours is registered only when the endpoint has none ({@code tryFillInterested});
 * otherwise nothing is watched. A client that sends bytes while its poll is parked (HTTP pipelining, which
 * UCWA clients do not use) is treated as gone too: the byte read cannot be handed back to Jetty's parser.
 */
final class HangUpWatch implements Callback {
    private static final int IDLE = 0;
    private static final int REGISTERING = 1;
    private static final int WATCHING = 2;
    private static final int FIRED = 3;
    private static final int STOPPED = 4;
    private static final Exception STOP = new Exception("poll answered", null, false, false) { };
    private final AbstractEndPoint endPoint;
    private final AtomicInteger state = new AtomicInteger(IDLE);
    private volatile Runnable onGone;

    private HangUpWatch(AbstractEndPoint endPoint) {
        this.endPoint = endPoint;
    }

    /** A watch for this connection, or null when it cannot be watched (then nothing needs doing). */
    static HangUpWatch of(EndPoint endPoint) {
        return endPoint instanceof AbstractEndPoint e ? new HangUpWatch(e) : null;
    }

    /** Starts watching, once the poll is parked; does nothing if it was answered already ({@link #disarm}). */
    void arm(Runnable onGone) {
        this.onGone = onGone;
        if (state.compareAndSet(IDLE, REGISTERING)) {
            register();
        }
    }

    /** Stops watching; call before the answer is written (see the class comment). */
    void disarm() {
        if (state.getAndSet(STOPPED) == WATCHING) {
            withdraw();
        }
    }

    @Override
    public void succeeded() {
        int s = state.get();
        if ((s != WATCHING && s != REGISTERING) || !state.compareAndSet(s, FIRED)) {
            return;
        }
        int read;
        try {
            read = endPoint.fill(BufferUtil.allocate(1));
        } catch (java.io.IOException e) {
            read = -1;
        }
        if (read == 0) { // a spurious wake-up: watch on, unless disarmed meanwhile
            if (state.compareAndSet(FIRED, REGISTERING)) {
                register();
            }
            return;
        }
        endPoint.close();
        onGone.run();
    }

    private void register() {
        if (!endPoint.tryFillInterested(this)) {
            state.compareAndSet(REGISTERING, STOPPED); // someone else reads: watch nothing
        } else if (!state.compareAndSet(REGISTERING, WATCHING) && state.get() == STOPPED) {
            withdraw(); // disarmed while registering: ours is the interest (or it fired: then this does nothing)
        }
    }

    @Override
    public void failed(Throwable x) {
        int s = state.get();
        if (x != STOP && (s == WATCHING || s == REGISTERING) && state.compareAndSet(s, FIRED)) {
            endPoint.close(); // the endpoint closed or failed while the poll was parked
            onGone.run();
        }
    }

    private void withdraw() {
        endPoint.getFillInterest().onFail(STOP);
    }
}
