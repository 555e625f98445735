package vn.qcdc.backbone.probe;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import vn.qcdc.backbone.consumer.EventHandler;
import vn.qcdc.backbone.consumer.IncomingEvent;
import vn.qcdc.backbone.consumer.PoisonEventException;
import vn.qcdc.events.Topics;

/** Applies probe events by inserting a row per application: duplicates would be visible as extra rows. */
@ApplicationScoped
public class ProbeHandler implements EventHandler {

    record ProbeData(String probeId, String note) {
    }

    @Inject
    EntityManager em;

    @Override
    public String name() {
        return "probe-effects";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.PROBE.name());
    }

    @Override
    public void handle(IncomingEvent event) {
        ProbeData data = event.dataAs(ProbeData.class);
        if ("poison".equals(data.note())) {
            throw new PoisonEventException("a probe note of 'poison' can never be applied");
        }
        if ("always-fails".equals(data.note())) {
            throw new IllegalStateException("this probe always fails");
        }
        if (data.note() != null && data.note().startsWith("set:")) {
            // state, like a follow-up plan's due date: the last change applied wins
            em.createNativeQuery("INSERT INTO probe_state (probe_id, value) VALUES (?1, ?2) ON CONFLICT (probe_id)"
                    + " DO UPDATE SET value = EXCLUDED.value").setParameter(1, data.probeId())
                    .setParameter(2, data.note().substring(4)).executeUpdate();
        }
        em.createNativeQuery("INSERT INTO probe_effect (event_id, probe_id, note) VALUES (?1, ?2, ?3)")
                .setParameter(1, event.id()).setParameter(2, data.probeId()).setParameter(3, data.note())
                .executeUpdate();
    }
}
