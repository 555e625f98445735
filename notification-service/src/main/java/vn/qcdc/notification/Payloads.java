package vn.qcdc.notification;

import java.io.IOException;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.qcdc.backbone.consumer.IncomingEvent;
import vn.qcdc.backbone.consumer.PoisonEventException;

/**
 * Reads event data tolerantly. The contracts allow producers to add fields within a version, but the application's
 * mapper refuses unknown properties (right for REST input, wrong for events): a newer producer must not turn every
 * event into poison here. (Candidate for the platform's {@code IncomingEvent.dataAs}.)
 */
public final class Payloads {

    private static volatile ObjectMapper tolerant;

    private Payloads() {
    }

    public static <T> T read(IncomingEvent event, Class<T> type) {
        ObjectMapper m = tolerant;
        if (m == null) {
            m = event.mapper().copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
            tolerant = m;
        }
        try {
            return m.readValue(event.data(), type);
        } catch (IOException e) {
            throw new PoisonEventException("Data of " + event.type() + " does not match " + type.getSimpleName()
                    + ": " + e.getMessage(), e);
        }
    }
}
