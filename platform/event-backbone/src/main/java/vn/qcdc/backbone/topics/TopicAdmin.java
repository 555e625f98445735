package vn.qcdc.backbone.topics;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

import vn.qcdc.backbone.EventsConfig;
import vn.qcdc.backbone.KafkaClients;
import vn.qcdc.events.Topics;

/**
 * Creates the suite's topics with their known partition counts (brokers run with auto-create off), and this
 * service's dead-letter topic. Runs in the background and retries while the broker is away, so a service starts
 * and serves its API even when Kafka is not there yet.
 */
@ApplicationScoped
public class TopicAdmin {

    private static final Logger LOG = Logger.getLogger(TopicAdmin.class);

    @Inject
    KafkaClients kafka;

    @Inject
    EventsConfig config;

    private final CountDownLatch ready = new CountDownLatch(1);
    private volatile boolean stopping;

    void start(@Observes StartupEvent ev) {
        if (!config.enabled()) {
            ready.countDown();
            return;
        }
        Thread t = new Thread(this::ensureLoop, "topic-admin");
        t.setDaemon(true);
        t.start();
    }

    void stop(@Observes ShutdownEvent ev) {
        stopping = true;
    }

    public List<NewTopic> wanted() {
        List<NewTopic> topics = new ArrayList<>();
        for (Topics.Topic t : Topics.ALL) {
            topics.add(new NewTopic(t.name(), t.partitions(), config.replicationFactor()));
        }
        topics.add(new NewTopic(Topics.deadLetterOf(config.consumerGroup()), 1, config.replicationFactor()));
        return topics;
    }

    /** Waits until the topics exist (the consumers subscribe after this). */
    public boolean awaitReady(long timeout, TimeUnit unit) throws InterruptedException {
        return ready.await(timeout, unit);
    }

    private void ensureLoop() {
        long backoff = 1_000;
        while (!stopping) {
            try {
                ensure();
                ready.countDown();
                return;
            } catch (Exception e) {
                LOG.warnf("Cannot create Kafka topics yet (retrying in %d ms): %s", backoff, e.getMessage());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = Math.min(backoff * 2, 15_000);
            }
        }
    }

    void ensure() throws InterruptedException, ExecutionException {
        Set<String> existing = kafka.admin().listTopics().names().get();
        List<NewTopic> missing = wanted().stream().filter(t -> !existing.contains(t.name())).toList();
        if (missing.isEmpty()) {
            return;
        }
        try {
            kafka.admin().createTopics(missing).all().get();
            LOG.infof("Created Kafka topics %s", missing.stream().map(NewTopic::name).toList());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e; // another replica creating them at the same time is fine
            }
        }
    }
}
