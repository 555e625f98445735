package vn.qcdc.notification.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import vn.qcdc.backbone.consumer.EventHandler;
import vn.qcdc.backbone.consumer.IncomingEvent;
import vn.qcdc.backbone.consumer.PoisonEventException;
import vn.qcdc.events.BodyType;
import vn.qcdc.events.EventTypes;
import vn.qcdc.events.Topics;
import vn.qcdc.events.model.ModelEvents;
import vn.qcdc.events.model.ModelEvents.ModelSnapshot;
import vn.qcdc.notification.Payloads;
import vn.qcdc.notification.contact.ContactService;
import vn.qcdc.notification.delivery.Delivery;
import vn.qcdc.notification.delivery.DeliveryPlanner;
import vn.qcdc.notification.delivery.DeliveryPlanner.Notification;

/**
 * Tells people about "Dân vận khéo" models (mô hình Dân vận khéo): the steering committee of the model's unit when a
 * model is proposed for recognition, the organisation when it is recognised or not. The deliveries' source is the
 * event id, so a redelivered event cannot notify twice even past the processed-event log.
 */
@ApplicationScoped
public class ModelEventHandler implements EventHandler {

    private static final Logger LOG = Logger.getLogger(ModelEventHandler.class);
    public static final String PROPOSED = "PROPOSED";

    @Inject
    ContactService contacts;

    @Inject
    DeliveryPlanner deliveries;

    @Override
    public String name() {
        return "notification-model";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.MODEL.name());
    }

    @Override
    public boolean accepts(String type) {
        return EventTypes.MODEL_STATUS_CHANGED.equals(type) || EventTypes.MODEL_RECOGNISED.equals(type)
                || EventTypes.MODEL_NOT_RECOGNISED.equals(type);
    }

    @Override
    public void handle(IncomingEvent event) {
        switch (event.type()) {
            case EventTypes.MODEL_STATUS_CHANGED -> {
                var e = Payloads.read(event, ModelEvents.ModelStatusChanged.class);
                ModelSnapshot m = valid(e.model());
                if (PROPOSED.equals(e.to())) {
                    notify(event, Delivery.Kind.MODEL_PROPOSED, BodyType.STEERING_COMMITTEE, m, null);
                }
            }
            case EventTypes.MODEL_RECOGNISED -> {
                var e = Payloads.read(event, ModelEvents.ModelRecognised.class);
                ModelSnapshot m = valid(e.model());
                notify(event, Delivery.Kind.MODEL_RECOGNISED, m.orgType(), m,
                        e.decisionNumber() == null ? "" : e.decisionNumber());
            }
            case EventTypes.MODEL_NOT_RECOGNISED -> {
                var e = Payloads.read(event, ModelEvents.ModelNotRecognised.class);
                ModelSnapshot m = valid(e.model());
                notify(event, Delivery.Kind.MODEL_NOT_RECOGNISED, m.orgType(), m,
                        e.reason() == null ? "" : e.reason());
            }
            default -> {
                // not accepted
            }
        }
    }

    private void notify(IncomingEvent event, Delivery.Kind kind, BodyType to, ModelSnapshot m, String detail) {
        if (to == null) {
            LOG.warnf("Model %s has no organisation type; %s notifies nobody", m.modelId(), kind);
            return;
        }
        var contact = contacts.recipientOf(to, m.unitCode());
        if (contact.isEmpty()) {
            LOG.warnf("No contact for %s at %s; %s of model %s notifies nobody", to, m.unitCode(), kind, m.modelId());
            return;
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("modelId", m.modelId().toString());
        payload.put("name", m.name());
        payload.put("unitCode", m.unitCode());
        payload.put("orgType", m.orgType() == null ? null : m.orgType().name());
        payload.put("year", m.year());
        payload.put("status", m.status());
        payload.put("detail", detail);
        deliveries.plan(new Notification("event/" + event.source() + "/" + event.id(), kind, null, null,
                m.unitCode(), payload, new Object[]{m.name(), String.valueOf(m.year()), detail == null ? "" : detail}),
                contact.get());
    }

    private static ModelSnapshot valid(ModelSnapshot m) {
        if (m == null || m.modelId() == null || m.unitCode() == null || m.name() == null) {
            throw new PoisonEventException("model event without a model snapshot (id, unit, name)");
        }
        return m;
    }
}
