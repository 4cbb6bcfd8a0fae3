package io.parley.server.core.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The package bookkeeping of one event channel, without HTTP or a store. */
class EventQueueTest {
    private final EventQueue queue = EventQueue.fresh("app", new ChannelSettings(180, 5, 15));

    private void append(Priority priority, String body, long at) {
        queue.append(new RenderedEvent(priority, "conversation", "/c", body), null, at);
    }

    @Test
    void firstPackageIsOneAndAnEmptyPackageStillAdvances() {
        assertThat(queue.isNext(1)).isTrue();
        EventPackage empty = queue.build(100);
        assertThat(empty.number()).isEqualTo(1);
        assertThat(empty.events()).isEmpty();
        assertThat(queue.isRetained(1)).isTrue();
        assertThat(queue.isNext(2)).isTrue();
    }

    @Test
    void retainedPackageIsTheSameUntilAcknowledged() {
        append(Priority.HIGH, "{\"a\":1}", 0);
        append(Priority.HIGH, "{\"a\":2}", 0);
        EventPackage one = queue.build(100);
        append(Priority.HIGH, "{\"a\":3}", 0); // arrives after the package was cut
        assertThat(queue.retainedPackage().events()).extracting(QueuedEvent::body).containsExactly("{\"a\":1}", "{\"a\":2}");
        assertThat(queue.retainedPackage().events()).isEqualTo(one.events());
        queue.acknowledgeRetained();
        assertThat(queue.isRetained(1)).isFalse();
        assertThat(queue.firstUnacknowledged()).isEqualTo(2);
        assertThat(queue.build(100).events()).extracting(QueuedEvent::body).containsExactly("{\"a\":3}");
    }

    @Test
    void highPriorityIsDueAtOnceMediumAfterItsDelay() {
        append(Priority.MEDIUM, "{}", 1_000);
        assertThat(queue.releaseAtMillis()).isEqualTo(6_000);
        append(Priority.HIGH, "{}", 2_000);
        assertThat(queue.releaseAtMillis()).isEqualTo(2_000);
    }

    @Test
    void packagesAreCappedAndKeepOrder() {
        for (int i = 0; i < 5; i++) {
            append(Priority.HIGH, "{\"n\":" + i + "}", 0);
        }
        assertThat(queue.build(3).events()).extracting(QueuedEvent::seq).containsExactly(1L, 2L, 3L);
        queue.acknowledgeRetained();
        assertThat(queue.build(3).events()).extracting(QueuedEvent::seq).containsExactly(4L, 5L);
    }
}
