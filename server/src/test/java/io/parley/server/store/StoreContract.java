package io.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.protocol.UcwaError;
import io.parley.server.core.application.Application;
import io.parley.server.core.auth.Token;
import io.parley.server.core.auth.User;
import io.parley.server.core.conversation.Conversation;
import io.parley.server.core.conversation.Invitation;
import io.parley.server.core.conversation.Message;
import io.parley.server.core.events.ChannelSettings;
import io.parley.server.core.events.EventQueue;
import io.parley.server.core.events.EventStore;
import io.parley.server.core.events.Priority;
import io.parley.server.core.events.QueuedEvent;
import io.parley.server.core.events.Receipt;
import io.parley.server.core.presence.UserPresence;
import io.parley.server.core.routing.Envelope;
import io.parley.server.core.routing.Mail;
import io.parley.server.core.store.WriteBatch;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every store engine must do, whatever it is: each test writes through the store contracts the core uses,
 * closes the store, opens it again and reads back exactly what was written. Runs once per engine
 * ({@link SqliteStoreContractTest}, {@link PostgresStoreContractTest}).
 */
abstract class StoreContract {
    private static final Instant T0 = Instant.parse("2026-12-03T10:15:30.123Z");
    private StoreSettings settings;
    private Store store;

    /** A new, empty store of the engine under test. */
    protected abstract StoreSettings newStore();

    @BeforeEach
    void open() {
        settings = newStore();
        store = Store.open(settings, true);
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** Closes the store and opens it again, so every read comes from what was committed. */
    private void reopen() {
        store.close();
        store = Store.open(settings, true);
    }

    private void commit(Consumer<WriteBatch> writes) {
        WriteBatch batch = new WriteBatch();
        writes.accept(batch);
        store.committer().submit(batch).join();
    }

    @Test
    void usersAreSavedFoundSearchedAndRemovedWithTheirTokens() {
        assertThat(store.users().save(new User("alice@example.com", "Alice Archer", "hash-a"))).isTrue();
        assertThat(store.users().save(new User("bob@example.com", "Bob Baker", "hash-b"))).isTrue();
        assertThat(store.users().save(new User("alice@example.com", "Alice A. Archer", "hash-a2"))).isFalse();
        store.tokens().save(new Token("t-bob", "bob@example.com", T0.plusSeconds(60)));
        reopen();

        assertThat(store.users().find("alice@example.com"))
                .contains(new User("alice@example.com", "Alice A. Archer", "hash-a2"));
        assertThat(store.users().all()).extracting(User::address).containsExactly("alice@example.com", "bob@example.com");
        assertThat(store.users().search("BAKER", 10)).extracting(User::address).containsExactly("bob@example.com");
        assertThat(store.users().search("example", 1)).extracting(User::address).containsExactly("alice@example.com");
        assertThat(store.users().search("100%_", 10)).isEmpty(); // LIKE wildcards in the text match only themselves

        assertThat(store.users().remove("bob@example.com")).isTrue();
        assertThat(store.users().remove("bob@example.com")).isFalse();
        reopen();
        assertThat(store.users().find("bob@example.com")).isEmpty();
        assertThat(store.tokens().find("t-bob")).isEmpty();
    }

    @Test
    void tokensAreFoundByHashAndExpiredOnesDeleted() {
        store.tokens().save(new Token("old", "alice@example.com", T0));
        store.tokens().save(new Token("new", "alice@example.com", T0.plusSeconds(3600)));
        store.tokens().deleteExpired(T0);
        reopen();
        assertThat(store.tokens().find("old")).isEmpty();
        assertThat(store.tokens().find("new")).contains(new Token("new", "alice@example.com", T0.plusSeconds(3600)));
    }

    @Test
    void applicationsAreSavedWholeAndDeleted() {
        Application a = new Application("100000000001", "alice@example.com", "ep-1", "curl/8", "en-US", T0);
        Application b = new Application("100000000002", "alice@example.com", "ep-2", "bot", "fr-FR", T0);
        commit(batch -> {
            store.applications().save(batch, a);
            store.applications().save(batch, b);
        });
        a.restore(Application.State.EXPIRED, T0.plusSeconds(300), true, List.of("Messaging"), List.of("Plain", "Html"),
                T0.plusSeconds(5), true);
        commit(batch -> {
            store.applications().save(batch, a);
            store.applications().delete(batch, b.id());
        });
        reopen();

        List<Application> loaded = store.applications().loadAll();
        assertThat(loaded).hasSize(1);
        Application back = loaded.get(0);
        assertThat(back).usingRecursiveComparison().ignoringFields("lastPollAt").isEqualTo(a);
    }

    @Test
    void presenceIsUpsertedPerUser() {
        commit(batch -> store.presence().save(batch, UserPresence.automatic("alice@example.com")));
        commit(batch -> store.presence().save(batch, UserPresence.automatic("alice@example.com").withPreferred("Busy")
                .withNote("In a meeting, ünïcödé ✓").withLocation("Room 4")));
        reopen();
        assertThat(store.presence().loadAll()).containsExactly(
                new UserPresence("alice@example.com", "Busy", "In a meeting, ünïcödé ✓", "Room 4"));
    }

    @Test
    void eventQueuesKeepTheirEventsInOrderUntilTrimmed() {
        ChannelSettings settings = new ChannelSettings(180, 5, 15);
        commit(batch -> {
            store.events().saveQueue(batch, new EventStore.QueueState("app-b", 0, 1, null, settings));
            store.events().saveQueue(batch, new EventStore.QueueState("app-a", 0, 1, null, settings));
            for (int seq = 1; seq <= 5; seq++) {
                store.events().append(batch, event("app-a", seq, seq == 3 ? new Receipt(5, "app-b", "conv-b", 7) : null));
            }
            store.events().append(batch, event("app-b", 1, null));
        });
        commit(batch -> {
            store.events().saveQueue(batch, new EventStore.QueueState("app-a", 4, 3, new EventQueue.Retained(2, 3, 4),
                    new ChannelSettings(900, 1, 2)));
            store.events().trim(batch, "app-a", 2);
        });
        reopen();

        assertThat(store.events().loadQueues()).containsExactlyInAnyOrder(
                new EventStore.QueueState("app-a", 4, 3, new EventQueue.Retained(2, 3, 4), new ChannelSettings(900, 1, 2)),
                new EventStore.QueueState("app-b", 0, 1, null, settings));
        assertThat(store.events().loadEvents()).containsExactly(event("app-a", 3, new Receipt(5, "app-b", "conv-b", 7)),
                event("app-a", 4, null), event("app-a", 5, null), event("app-b", 1, null));

        commit(batch -> store.events().deleteQueue(batch, "app-a"));
        reopen();
        assertThat(store.events().loadQueues()).extracting(EventStore.QueueState::appId).containsExactly("app-b");
        assertThat(store.events().loadEvents()).extracting(QueuedEvent::appId).containsExactly("app-b");
    }

    private static QueuedEvent event(String app, long seq, Receipt receipt) {
        return new QueuedEvent(app, seq, seq % 2 == 0 ? Priority.MEDIUM : Priority.HIGH, "communication",
                "/ucwa/oauth/v1/applications/" + app + "/communication",
                "{\"link\":{\"rel\":\"message\"},\"type\":\"completed\",\"n\":" + seq + "}", T0.toEpochMilli() + seq,
                receipt);
    }

    @Test
    void conversationsKeepTheirMessagesAndInvitations() {
        Conversation c = new Conversation("conv-1", "app-a", "alice@example.com", "bob@example.com", "thread-1",
                "Hello", "Urgent", Conversation.State.Connecting, T0);
        c.restore(Conversation.State.Connected, Conversation.MessagingState.Connected, List.of("Plain", "Html"), "app-b",
                "conv-2", "inv-1", true, 0, null, List.of());
        Message first = new Message(10, 1, true, "Hi <b>Bob</b> — ünïcödé", true, T0.plusMillis(1), "op-1",
                Message.Status.Pending);
        Message second = new Message(11, 2, false, "Hi Alice", false, T0.plusMillis(2), null, Message.Status.Succeeded);
        Invitation out = new Invitation("inv-1", "app-a", "conv-1", true, "alice@example.com", "bob@example.com", "Hello",
                "Urgent", "op-0", "thread-1", "first", false, null, T0, T0.plusSeconds(30));
        Invitation ring = new Invitation("inv-2", "app-b", "conv-2", false, "alice@example.com", "bob@example.com",
                null, "Normal", null, "thread-1", null, false, "inv-1", T0, T0.plusSeconds(30));
        ring.restore(Invitation.State.Failed, UcwaError.of(io.parley.protocol.ErrorCode.Timeout, "Missed", "Too late."));
        commit(batch -> {
            store.conversations().save(batch, c);
            store.conversations().saveMessage(batch, c, first);
            store.conversations().saveMessage(batch, c, second);
            store.conversations().saveInvitation(batch, out);
            store.conversations().saveInvitation(batch, ring);
        });
        // A message's status is the one thing that changes after it is saved.
        commit(batch -> store.conversations().saveMessage(batch, c, new Message(10, 1, true, "Hi <b>Bob</b> — ünïcödé",
                true, T0.plusMillis(1), "op-1", Message.Status.Succeeded)));
        reopen();

        List<Conversation> loaded = store.conversations().loadConversations();
        assertThat(loaded).hasSize(1);
        Conversation back = loaded.get(0);
        assertThat(back).usingRecursiveComparison().ignoringFields("messages").isEqualTo(withLastMessage(c, 2));
        assertThat(back.messages().all()).usingRecursiveFieldByFieldElementComparator().containsExactly(
                new Message(10, 1, true, "Hi <b>Bob</b> — ünïcödé", true, T0.plusMillis(1), "op-1",
                        Message.Status.Succeeded), second);
        assertThat(store.conversations().loadInvitations()).usingRecursiveFieldByFieldElementComparator()
                .containsExactlyInAnyOrder(out, ring);

        commit(batch -> {
            store.conversations().deleteMessage(batch, back, back.messages().all().get(0));
            store.conversations().deleteInvitation(batch, "inv-2");
        });
        reopen();
        assertThat(store.conversations().loadConversations().get(0).messages().all()).extracting(Message::serial)
                .containsExactly(11L);
        assertThat(store.conversations().loadInvitations()).extracting(Invitation::id).containsExactly("inv-1");

        Conversation again = store.conversations().loadConversations().get(0);
        commit(batch -> store.conversations().delete(batch, again));
        reopen();
        assertThat(store.conversations().loadConversations()).isEmpty();
    }

    private static Conversation withLastMessage(Conversation c, int last) {
        Conversation copy = new Conversation(c.id(), c.appId(), c.localAddress(), c.remoteAddress(), c.threadId(),
                c.subject(), c.importance(), c.state(), c.createdAt());
        copy.restore(c.state(), c.messaging(), c.negotiatedFormats(), c.peerAppId(), c.peerConversationId(),
                c.invitationId(), c.isRemoteJoined(), last, c.endedAt(), List.of());
        return copy;
    }

    @Test
    void aFailedBatchStopsTheStoreUntilResumedAndWhatCameBeforeItIsKept() {
        List<CompletableFuture<Void>> results = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int n = i;
            WriteBatch batch = new WriteBatch();
            Application app = new Application("app-" + n, "alice@example.com", "ep-" + n, "ua", "en-US", T0);
            store.applications().save(batch, app);
            // Batch 25 holds a row the events table refuses: its (app_id, seq) is taken by batch 24's event.
            store.events().append(batch, event(n == 25 ? "app-24" : "app-" + n, 1, null));
            results.add(store.committer().submit(batch));
        }
        int stored = 0;
        for (int i = 0; i < results.size(); i++) {
            if (i < 25) {
                results.get(i).join();
                stored++;
            } else {
                // The bad batch, and every batch after it that was waiting: refused, never stored after it.
                assertThatThrownBy(results.get(i)::join).hasCauseInstanceOf(io.parley.server.core.UcwaException.class)
                        .hasMessageContaining("Repeat the same request");
            }
        }
        assertThat(store.committer().isAvailable()).isFalse();
        assertThatThrownBy(() -> commit(batch -> store.presence().save(batch, UserPresence.automatic("x@example.com"))))
                .hasMessageContaining("Repeat the same request");

        store.committer().resume();
        commit(batch -> store.presence().save(batch, UserPresence.automatic("carol@example.com")));
        reopen();
        assertThat(store.applications().loadAll()).hasSize(stored).extracting(Application::id).doesNotContain("app-25");
        assertThat(store.events().loadEvents()).hasSize(stored);
        assertThat(store.presence().loadAll()).extracting(UserPresence::address).containsExactly("carol@example.com");
    }

    @Test
    void inboxKeepsMailInSendingOrderUntilTheReceiverDeletesIt() {
        Envelope ring = new Envelope(3, 1, 7, new Mail.Ring("out-1", "app-a", "conv-a", "alice@example.com",
                "bob@example.com", "Hi ✓", "High", "thread", null, false, T0.toEpochMilli(), List.of("Plain", "Html")),
                T0.toEpochMilli());
        Envelope deliver = new Envelope(3, 2, 7, new Mail.Deliver("conv-b", "<b>ünï</b>", true, "app-a", "conv-a", 4),
                T0.toEpochMilli());
        Envelope other = new Envelope(1, 9, 3, new Mail.PeerLeft("conv-a"), T0.toEpochMilli());
        commit(batch -> {
            store.inbox().insert(batch, ring);
            store.inbox().insert(batch, deliver);
            store.inbox().insert(batch, other);
        });
        reopen();
        assertThat(store.inbox().loadAll()).containsExactly(other, ring, deliver);
        commit(batch -> store.inbox().delete(batch, ring));
        reopen();
        assertThat(store.inbox().loadAll()).containsExactly(other, deliver);
    }

    @Test
    void timesKeepTheirMilliseconds() {
        Instant odd = T0.plus(999, ChronoUnit.MILLIS);
        Application a = new Application("100000000003", "alice@example.com", "ep", "ua", "en-US", odd);
        commit(batch -> store.applications().save(batch, a));
        reopen();
        assertThat(store.applications().loadAll().get(0).createdAt()).isEqualTo(odd);
    }

    @Test
    void aSecondServerIsRefusedWhileToolsMayStillWork() {
        assertThatThrownBy(() -> Store.open(settings, true)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Another Parley server").hasMessageContaining("pid " + ProcessHandle.current().pid());
        try (Store tool = Store.open(settings, false)) {
            tool.users().save(new User("carol@example.com", "Carol", "hash-c"));
        }
        assertThat(store.users().find("carol@example.com")).isPresent();
        assertThat(store.isHealthy()).isTrue();
    }
}
