package io.parley.server.core.conversation;

import java.time.Duration;

/**
 * The conversation timers: an unanswered invitation fails after {@code invitationTimeout}, an undelivered
 * message after {@code deliveryTimeout} (both about 30 s in UCWA), a typing mark lasts {@code typingTimeout},
 * and an ended conversation stays readable for {@code retention}.
 */
public record ConversationLimits(Duration invitationTimeout, Duration deliveryTimeout, Duration typingTimeout,
                                 Duration retention) {
    public static ConversationLimits defaults() {
        return new ConversationLimits(Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(10),
                Duration.ofMinutes(15));
    }
}
