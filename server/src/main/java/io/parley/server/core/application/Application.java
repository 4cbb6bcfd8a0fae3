package io.parley.server.core.application;

import java.time.Instant;
import java.util.List;

/**
 * One signed-in client instance of a user (a device, a bot process): the UCWA {@code application}.
 * It owns an event channel and the conversations seen through it.
 *
 * <p>Mutable, guarded by the registry lock; persisted through {@link ApplicationStore} after each change.
 */
public final class Application {
    public enum State { ACTIVE, EXPIRED }

    private final String id;
    private final String userAddress;
    private final String endpointId;
    private final String userAgent;
    private final String culture;
    private final Instant createdAt;
    private State state = State.ACTIVE;
    private Instant expiredAt;
    private boolean available;
    private List<String> modalities = List.of();
    private List<String> messageFormats = List.of("Plain");
    private Instant lastActivityAt;
    private boolean polledOnce;
    // Transient: when the last events request started or ended; a parked poll keeps the application alive.
    private Instant lastPollAt;

    public Application(String id, String userAddress, String endpointId, String userAgent, String culture,
                       Instant createdAt) {
        this.id = id;
        this.userAddress = userAddress;
        this.endpointId = endpointId;
        this.userAgent = userAgent;
        this.culture = culture;
        this.createdAt = createdAt;
        this.lastActivityAt = createdAt;
    }

    public String id() { return id; }
    public String userAddress() { return userAddress; }
    public String endpointId() { return endpointId; }
    public String userAgent() { return userAgent; }
    public String culture() { return culture; }
    public Instant createdAt() { return createdAt; }
    public State state() { return state; }
    public Instant expiredAt() { return expiredAt; }
    public boolean isActive() { return state == State.ACTIVE; }
    public boolean isAvailable() { return available; }
    public List<String> modalities() { return modalities; }
    public List<String> messageFormats() { return messageFormats; }
    public Instant lastActivityAt() { return lastActivityAt; }
    public boolean hasPolled() { return polledOnce; }
    public Instant lastPollAt() { return lastPollAt; }

    public boolean acceptsMessaging() {
        return isActive() && available && modalities.stream().anyMatch(m -> m.equalsIgnoreCase("Messaging"));
    }

    public boolean supportsHtml() {
        return messageFormats.stream().anyMatch(f -> f.equalsIgnoreCase("Html"));
    }

    void expire(Instant at) {
        state = State.EXPIRED;
        expiredAt = at;
        available = false;
    }

    void makeAvailable(List<String> modalities, List<String> formats, Instant at) {
        this.available = true;
        this.modalities = List.copyOf(modalities);
        this.messageFormats = List.copyOf(formats);
        this.lastActivityAt = at;
    }

    void reportActivity(Instant at) {
        this.lastActivityAt = at;
    }

    void pollSeen(Instant at) {
        this.polledOnce = true;
        this.lastPollAt = at;
    }

    /** Restores the persisted fields (store load only). */
    public void restore(State state, Instant expiredAt, boolean available, List<String> modalities,
                        List<String> formats, Instant lastActivityAt, boolean polledOnce) {
        this.state = state;
        this.expiredAt = expiredAt;
        this.available = available;
        this.modalities = List.copyOf(modalities);
        this.messageFormats = List.copyOf(formats);
        this.lastActivityAt = lastActivityAt;
        this.polledOnce = polledOnce;
    }
}
