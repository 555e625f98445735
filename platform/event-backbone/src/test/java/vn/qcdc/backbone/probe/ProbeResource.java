package vn.qcdc.backbone.probe;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import vn.qcdc.backbone.outbox.Outbox;
import vn.qcdc.events.EventTypes;
import vn.qcdc.events.Topics;

@Path("/probe")
public class ProbeResource {

    @Inject
    Outbox outbox;

    /** Sets a value on the probe aggregate {@code key}: one event per change, keyed by the aggregate. */
    @POST
    @Path("{key}/set")
    @Transactional
    public Map<String, String> set(@PathParam("key") String key, @QueryParam("value") String value) {
        UUID eventId = outbox.publish(Topics.PROBE, EventTypes.PROBE_RECORDED, key, "probe/" + key,
                Map.of("probeId", key, "note", "set:" + value));
        return Map.of("eventId", eventId.toString());
    }

    /** Creates a probe and announces it; with {@code fail=true} the transaction fails after the outbox write. */
    @POST
    @Transactional
    public Map<String, String> create(@QueryParam("note") String note, @QueryParam("fail") boolean fail) {
        Probe p = new Probe();
        p.id = UUID.randomUUID();
        p.note = note;
        p.persist();
        UUID eventId = outbox.publish(Topics.PROBE, EventTypes.PROBE_RECORDED, p.id.toString(), "probe/" + p.id,
                Map.of("probeId", p.id.toString(), "note", note));
        if (fail) {
            throw new IllegalStateException("failing after the outbox write, on purpose");
        }
        return Map.of("id", p.id.toString(), "eventId", eventId.toString());
    }
}
