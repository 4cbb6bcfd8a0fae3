package io.parley.server.core.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class MessageLogTest {
    private static Message m(int number) {
        return new Message(number, number, true, "m" + number, false, Instant.EPOCH, null, Message.Status.Pending);
    }

    @Test
    void keepsABoundedWindowThroughManyAppendsAndForgets() {
        MessageLog log = new MessageLog();
        for (int n = 2; n < 10_002; n++) {
            log.add(m(n));
            if (log.size() > 1_000) {
                assertThat(log.removeFirst().number()).isEqualTo(n - 1_000);
            }
        }
        assertThat(log.size()).isEqualTo(1_000);
        assertThat(log.all().get(0).number()).isEqualTo(9_002);
        assertThat(log.all().get(999).number()).isEqualTo(10_001);
        assertThat(log.get(9_500).text()).isEqualTo("m9500");
        assertThat(log.get(9_001)).isNull();
        assertThat(log.get(10_002)).isNull();
    }

    @Test
    void findsMessagesAcrossGapsInTheNumbering() {
        MessageLog log = new MessageLog();
        for (int n : new int[] {2, 3, 7, 8, 20}) {
            log.add(m(n));
        }
        assertThat(log.get(7).number()).isEqualTo(7);
        assertThat(log.get(20).number()).isEqualTo(20);
        assertThat(log.get(5)).isNull();
        assertThat(log.all()).extracting(Message::number).containsExactly(2, 3, 7, 8, 20);
    }

    @Test
    void refusesOutOfOrderAppendsAndEmptiesCleanly() {
        MessageLog log = new MessageLog();
        log.add(m(5));
        assertThatThrownBy(() -> log.add(m(5))).isInstanceOf(IllegalArgumentException.class);
        assertThat(log.removeFirst().number()).isEqualTo(5);
        assertThat(log.removeFirst()).isNull();
        assertThat(log.get(5)).isNull();
        log.add(m(6));
        assertThat(log.all()).extracting(Message::number).containsExactly(6);
    }
}
