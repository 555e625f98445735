package vn.qcdc.events;

import java.util.List;

/**
 * Kafka topics of the suite: one per producing service's aggregate family. Topics are created explicitly
 * (never by broker auto-create) with the partition count given here; the record key is the aggregate id, so
 * one aggregate's events stay in order on one partition.
 */
public final class Topics {

    /** Inspections, their conclusions and recommendations (inspection-service). */
    public static final Topic INSPECTION = new Topic("qcdc.inspection.events.v1", 6);
    /** "Dân vận khéo" models (model-registry-service). */
    public static final Topic MODEL = new Topic("qcdc.model.events.v1", 6);
    /** Follow-up and delivery outcomes (notification-service). */
    public static final Topic NOTIFICATION = new Topic("qcdc.notification.events.v1", 3);
    /** Backbone self-test events, used by the test suite and the health of the pipeline. */
    public static final Topic PROBE = new Topic("qcdc.probe.events.v1", 1);

    public static final List<Topic> ALL = List.of(INSPECTION, MODEL, NOTIFICATION, PROBE);

    private Topics() {
    }

    /** Name of the dead-letter topic of a consuming service: poison messages land there with their reason. */
    public static String deadLetterOf(String consumerGroup) {
        return "qcdc.dlq." + consumerGroup;
    }

    public record Topic(String name, int partitions) {
    }
}
