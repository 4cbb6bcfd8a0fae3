package io.parley.server.http.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which sends the fast path takes (the rest go to the Javalin route), and how it reads the correlation id. */
class SendMessageFastPathTest {
    private static final String BASE = "/ucwa/oauth/v1/applications/";

    @Test
    void takesOnlyTheExactSpellingOfAConversationsMessages() {
        assertThat(SendMessageFastPath.target(BASE + "12/communication/conversations/c-1/messaging/messages"))
                .containsExactly("12", "c-1");
        for (String other : new String[] {"/UCWA/oauth/v1/applications/12/communication/conversations/c-1/messaging/messages",
                BASE + "12/communication/conversations/c-1/messaging/messages/3",
                BASE + "12/communication/conversations/c-1/messaging/messages/",
                BASE + "12/communication/conversations//messaging/messages",
                BASE + "/communication/conversations/c-1/messaging/messages",
                BASE + "12/communication/conversations/c%2D1/messaging/messages",
                BASE + "12/communication/conversations/a/b/messaging/messages",
                BASE + "12/communication/messaging/messages", BASE + "12/messaging/messages", null}) {
            assertThat(SendMessageFastPath.target(other)).as(other).isNull();
        }
    }

    @Test
    void readsTheFirstCorrelationIdInAnySpelling() {
        assertThat(SendMessageFastPath.OperationId.of(null).value()).isNull();
        assertThat(SendMessageFastPath.OperationId.of("x=1").value()).isNull();
        assertThat(SendMessageFastPath.OperationId.of("OperationContext=a%20b&operationId=c").value()).isEqualTo("a b");
        assertThat(SendMessageFastPath.OperationId.of("operationid=&x=2").value()).isEmpty();
        // Queries the Javalin route should read.
        assertThat(SendMessageFastPath.OperationId.of("operationId")).isNull();
        assertThat(SendMessageFastPath.OperationId.of("operationId=%zz")).isNull();
    }
}
