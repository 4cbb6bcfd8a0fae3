package io.parley.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.parley.server.store.sql.GroupCommitter;
import java.util.function.Supplier;

/**
 * What an operator watches, served at {@code GET /metrics} in Prometheus format: IMs sent, invitations
 * started, event-channel answers, store commits against batches (how well group commit groups),
 * live applications and parked polls, and the JVM (memory, GC pauses, threads, CPU).
 */
public final class ServerMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter messagesSent;
    private final Counter invitationsStarted;
    private final Counter eventAnswers;
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public ServerMetrics(GroupCommitter committer, Supplier<Number> applications, Supplier<Number> parkedPolls) {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        messagesSent = Counter.builder("parley.messages.sent").description("IMs accepted by sendMessage").register(registry);
        invitationsStarted = Counter.builder("parley.invitations.started").description("startMessaging and addMessaging")
                .register(registry);
        eventAnswers = Counter.builder("parley.events.answers").description("event-channel answers sent").register(registry);
        FunctionCounter.builder("parley.store.commits", committer, GroupCommitter::commits)
                .description("SQLite transactions committed").register(registry);
        FunctionCounter.builder("parley.store.batches", committer, GroupCommitter::batches)
                .description("changes committed (many per transaction under load)").register(registry);
        Gauge.builder("parley.applications", () -> applications.get()).description("active applications").register(registry);
        Gauge.builder("parley.events.parked", () -> parkedPolls.get()).description("event-channel polls waiting")
                .register(registry);
    }

    public void messageSent() {
        messagesSent.increment();
    }

    public void invitationStarted() {
        invitationsStarted.increment();
    }

    public void eventAnswer() {
        eventAnswers.increment();
    }

    public String scrape() {
        return registry.scrape();
    }

    public void close() {
        gc.close();
        registry.close();
    }
}
