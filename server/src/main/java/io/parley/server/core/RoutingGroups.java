package io.parley.server.core;

import io.parley.server.core.application.Application;
import io.parley.server.core.auth.User;
import io.parley.server.core.conversation.Conversation;
import io.parley.server.core.conversation.Invitation;
import io.parley.server.core.conversation.Message;
import io.parley.server.core.events.EventStore;
import io.parley.server.core.events.QueuedEvent;
import io.parley.server.core.presence.UserPresence;
import io.parley.server.core.routing.Envelope;
import io.parley.server.core.routing.GroupMap;
import io.parley.server.core.routing.PostOffice;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Every routing group of this server, and the way from a user to theirs. There is no lock over all of them: a
 * request takes its caller's group's lock only.
 */
public final class RoutingGroups {
    private final GroupMap map;
    private final RoutingGroup[] groups;

    /** Everything the store holds, read once at start-up and dealt out to the groups. */
    public record Stored(List<UserPresence> presence, List<Application> applications,
                         List<EventStore.QueueState> queues, List<QueuedEvent> events,
                         List<Conversation> conversations, List<Invitation> invitations, List<Envelope> mail) {}

    public RoutingGroups(GroupMap map, IntFunction<RoutingGroup> build) {
        this.map = map;
        this.groups = new RoutingGroup[map.groups()];
        for (int g = 0; g < groups.length; g++) {
            groups[g] = build.apply(g);
        }
    }

    public GroupMap map() {
        return map;
    }

    public RoutingGroup of(String address) {
        return groups[map.groupOf(address)];
    }

    public RoutingGroup of(User user) {
        return of(user.address());
    }

    public List<RoutingGroup> all() {
        return List.of(groups);
    }

    /**
     * Deals the stored state out to the groups (start-up, before any request): users' things by their address,
     * applications' things by their application's user. Then re-queues the mail no group had applied yet.
     */
    public void load(Stored stored, PostOffice postOffice) {
        int n = groups.length;
        Map<String, Integer> groupOfApp = new HashMap<>();
        List<List<Application>> apps = lists(n);
        for (Application a : stored.applications()) {
            int g = map.groupOf(a.userAddress());
            groupOfApp.put(a.id(), g);
            apps.get(g).add(a);
        }
        List<List<UserPresence>> presence = lists(n);
        stored.presence().forEach(p -> presence.get(map.groupOf(p.address())).add(p));
        List<List<EventStore.QueueState>> queues = lists(n);
        stored.queues().forEach(q -> add(queues, groupOfApp.get(q.appId()), q));
        List<List<QueuedEvent>> events = lists(n);
        stored.events().forEach(e -> add(events, groupOfApp.get(e.appId()), withSenderGroup(e, groupOfApp)));
        List<List<Conversation>> conversations = lists(n);
        long highestSerial = 0;
        for (Conversation c : stored.conversations()) {
            add(conversations, groupOfApp.get(c.appId()), c);
            for (Message m : c.messages().all()) {
                highestSerial = Math.max(highestSerial, m.serial());
            }
        }
        List<List<Invitation>> invitations = lists(n);
        stored.invitations().forEach(i -> add(invitations, groupOfApp.get(i.appId()), i));
        long[] lastMailSeq = new long[n];
        for (Envelope e : stored.mail()) {
            lastMailSeq[e.sourceGroup()] = Math.max(lastMailSeq[e.sourceGroup()], e.seq());
        }
        for (RoutingGroup group : groups) {
            int g = group.id();
            group.presences().load(presence.get(g));
            group.applications().load(apps.get(g));
            group.channels().load(queues.get(g), events.get(g));
            group.conversations().load(conversations.get(g), invitations.get(g), map.firstSerialAfter(highestSerial, g));
            group.messaging().load();
            group.registry().setPostOffice(postOffice, lastMailSeq[g]);
        }
        postOffice.post(stored.mail());
    }

    /**
     * Replaces every group's live state with what the store holds, after a commit failed (memory may then hold
     * changes the store refused). Runs holding every group's lock, so no change is in progress; parked polls
     * are answered with {@code reason} and their clients poll again, getting the same package or the next.
     */
    public void reload(Stored stored, PostOffice postOffice, RuntimeException reason) {
        lockedFrom(0, () -> {
            for (RoutingGroup g : groups) {
                g.channels().unload(reason);
                g.messaging().unload();
                g.conversations().unload();
                g.applications().unload();
                g.presences().unload();
            }
            postOffice.clear();
            load(stored, postOffice);
        });
    }

    private void lockedFrom(int group, Runnable action) {
        if (group == groups.length) {
            action.run();
        } else {
            groups[group].registry().exclusively(() -> lockedFrom(group + 1, action));
        }
    }

    /** Applies the mail re-queued by {@link #load} (once the server is otherwise ready). */
    public void deliverStoredMail(PostOffice postOffice) {
        List<Integer> all = new ArrayList<>();
        for (RoutingGroup g : groups) {
            all.add(g.id());
        }
        postOffice.drain(all);
    }

    /** A receipt stored before receipts named their group (-1) gets its sender application's group. */
    private static QueuedEvent withSenderGroup(QueuedEvent e, Map<String, Integer> groupOfApp) {
        var r = e.receipt();
        if (r == null || r.senderGroup() >= 0) {
            return e;
        }
        Integer g = groupOfApp.get(r.senderAppId());
        return new QueuedEvent(e.appId(), e.seq(), e.priority(), e.senderRel(), e.senderHref(), e.body(),
                e.appendedAtMillis(), g == null ? null
                        : new io.parley.server.core.events.Receipt(g, r.senderAppId(), r.senderConversationId(),
                                r.messageNumber()));
    }

    private static <T> List<List<T>> lists(int n) {
        List<List<T>> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new ArrayList<>());
        }
        return out;
    }

    /** Rows whose application is gone (left behind by an older version) belong to no group and are dropped. */
    private static <T> void add(List<List<T>> lists, Integer group, T item) {
        if (group != null) {
            lists.get(group).add(item);
        }
    }
}
