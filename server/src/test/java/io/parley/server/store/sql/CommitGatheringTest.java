package io.parley.server.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CommitGatheringTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void aNewWriterCommitsAtOnce() {
        assertThat(new CommitGathering(0).gatherNanos(1)).isZero();
    }

    @Test
    void aBurstAtLightLoadIsNotDelayed() {
        CommitGathering g = new CommitGathering(0);
        g.committing(20, 1 * MS); // twenty requests at once
        g.committing(30, 50 * MS);
        g.committing(1, 101 * MS); // 51 batches in 101 ms: about 500 a second
        assertThat(g.gatherNanos(1)).isZero();
    }

    @Test
    void gathersWhileBatchesArriveFasterThanTheBusyRate() {
        CommitGathering g = new CommitGathering(0);
        for (int ms = 1; ms <= 100; ms++) {
            g.committing(6, ms * MS); // 6,000 batches a second
        }
        assertThat(g.gatherNanos(1)).isEqualTo(CommitGathering.GATHER_NANOS);
    }

    @Test
    void stopsGatheringOnceTheLoadFalls() {
        CommitGathering g = new CommitGathering(0);
        for (int ms = 1; ms <= 100; ms++) {
            g.committing(6, ms * MS);
        }
        g.committing(1, 100 * MS + 2 * MS);
        g.committing(1, 1_000 * MS); // the next window: idle for most of a second
        assertThat(g.gatherNanos(1)).isZero();
    }

    @Test
    void doesNotGatherWhenEnoughAreAlreadyWaiting() {
        CommitGathering g = new CommitGathering(0);
        for (int ms = 1; ms <= 100; ms++) {
            g.committing(60, ms * MS);
        }
        assertThat(g.gatherNanos(CommitGathering.ENOUGH_BATCHES - 1)).isPositive();
        assertThat(g.gatherNanos(CommitGathering.ENOUGH_BATCHES)).isZero();
    }

    @Test
    void theDecisionWaitsForAFullWindow() {
        CommitGathering g = new CommitGathering(0);
        g.committing(1_000, 10 * MS); // busy so far, but the window is not over
        assertThat(g.gatherNanos(1)).isZero();
        g.committing(1, 100 * MS);
        assertThat(g.gatherNanos(1)).isPositive();
    }
}
