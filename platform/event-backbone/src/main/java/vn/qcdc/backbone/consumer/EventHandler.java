package vn.qcdc.backbone.consumer;

import java.util.Set;

/**
 * Applies events of other services to this one. Implementations are CDI beans; the backbone delivers each event at
 * least once and calls {@link #handle} inside a transaction that also records the event as processed, so a
 * redelivered event is skipped and the effect happens once.
 */
public interface EventHandler {

    /** A stable name: processed events are recorded under it (renaming it would re-apply old events). */
    String name();

    /** Topics this handler reads. */
    Set<String> topics();

    /** Whether this handler wants events of this CloudEvents type (others are acknowledged and skipped). */
    default boolean accepts(String type) {
        return true;
    }

    /**
     * Applies the event. Throw {@link PoisonEventException} when the event can never be applied (invalid content):
     * it goes to the dead-letter topic. Any other exception is retried; a database outage is retried until the
     * database is back.
     */
    void handle(IncomingEvent event) throws Exception;
}
