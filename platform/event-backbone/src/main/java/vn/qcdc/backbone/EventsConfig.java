package vn.qcdc.backbone;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of the event backbone ({@code qcdc.events.*}). */
@ConfigMapping(prefix = "qcdc.events")
public interface EventsConfig {

    /** Kafka bootstrap servers; defaults to Quarkus' {@code kafka.bootstrap.servers}. */
    @WithDefault("${kafka.bootstrap.servers:localhost:9092}")
    String bootstrapServers();

    /** CloudEvents {@code source} of the events this service publishes, e.g. {@code /qcdc/inspection-service}. */
    @WithDefault("/qcdc/${quarkus.application.name:service}")
    String source();

    /** Consumer group of this service (all its replicas share it, so each event is handled once per service). */
    @WithDefault("${quarkus.application.name:service}")
    String consumerGroup();

    /** Replication factor of the topics this service creates (1 on one machine, 3 on a cluster). */
    @WithDefault("1")
    short replicationFactor();

    /** Whether this service starts its relay and consumers (tests of single pieces may turn them off). */
    @WithDefault("true")
    boolean enabled();

    Relay relay();

    Consumer consumer();

    interface Relay {
        /** How often the relay looks for unsent events when nothing woke it up. */
        @WithDefault("1s")
        Duration pollInterval();

        /**
         * How long the relay waits, once a commit has woken it, for the commits right behind it to join the same pass.
         * Under load a pass per commit would publish one or two events at a time, each pass a transaction of four
         * statements and a round trip to the broker: ~11% of the service's CPU during a run of progress reports
         * (JFR, issue 11), plus the database's and the broker's share. An event reaches the broker this much later at
         * most; when a pass is full (a backlog), the next one starts at once.
         */
        @WithDefault("20ms")
        Duration linger();

        /**
         * Rows one relay pass (one transaction) publishes at most; it reads, sends and takes them out of the outbox in
         * chunks of 250, two in flight.
         */
        @WithDefault("1000")
        int batchSize();

        /** How long to wait for the broker to acknowledge a batch before trying again later. */
        @WithDefault("30s")
        Duration sendTimeout();

        /**
         * How long sent events stay in the outbox (for audit and replay) before they are deleted; the consumers' record
         * of processed event ids is kept as long, which bounds how late a redelivery can still be recognised.
         */
        @WithDefault("7d")
        Duration retention();

        /**
         * Passes in which the broker refused a row for a reason other than an outage (too large, invalid) before the row
         * is parked, so that it stops holding up the rows behind it.
         */
        @WithDefault("5")
        int maxAttempts();
    }

    interface Consumer {
        /** Attempts at an event that keeps failing for a reason other than an outage, before it is dead-lettered. */
        @WithDefault("5")
        int maxAttempts();

        @WithDefault("200ms")
        Duration initialBackoff();

        @WithDefault("30s")
        Duration maxBackoff();
    }
}
