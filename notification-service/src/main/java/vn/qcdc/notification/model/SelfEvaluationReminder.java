package vn.qcdc.notification.model;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import vn.qcdc.api.AnyOf;
import vn.qcdc.events.BodyType;
import vn.qcdc.notification.contact.Contact;
import vn.qcdc.notification.delivery.Delivery;
import vn.qcdc.notification.delivery.DeliveryPlanner;
import vn.qcdc.notification.delivery.DeliveryPlanner.Notification;
import vn.qcdc.notification.followup.FollowUpConfig;

/**
 * The yearly reminder to organisations (mass organisations and the Fatherland Front) to self-evaluate their
 * "Dân vận khéo" models before the year-end review. The year's row in {@code yearly_reminder} is claimed once,
 * whichever replica's tick gets there first.
 */
@ApplicationScoped
public class SelfEvaluationReminder {

    @Inject
    ModelNotificationConfig config;

    @Inject
    FollowUpConfig followUp;

    @Inject
    Clock clock;

    @Inject
    EntityManager em;

    @Inject
    DeliveryPlanner deliveries;

    @Transactional(Transactional.TxType.MANDATORY)
    public int runIfDue() {
        LocalDateTime now = LocalDateTime.now(clock);
        LocalDate day = config.selfEvaluationReminder().atYear(now.getYear());
        if (now.isBefore(day.atTime(followUp.reminderTime()))) {
            return 0;
        }
        int claimed = em.createNativeQuery("INSERT INTO yearly_reminder (year, created_at) VALUES (?1, ?2)"
                + " ON CONFLICT DO NOTHING").setParameter(1, now.getYear()).setParameter(2, OffsetDateTime.now(clock))
                .executeUpdate();
        if (claimed == 0) {
            return 0;
        }
        int created = 0;
        List<String> organisations = Arrays.stream(BodyType.values()).filter(BodyType::isMassOrganisation)
                .map(Enum::name).toList();
        for (Contact c : Contact.<Contact>list(AnyOf.condition("bodyType", 1), AnyOf.texts(organisations))) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("year", now.getYear());
            payload.put("unitCode", c.unitCode);
            payload.put("bodyType", c.bodyType);
            created += deliveries.plan(new Notification("self-evaluation/" + now.getYear(),
                    Delivery.Kind.SELF_EVALUATION, null, null, c.unitCode, payload,
                    new Object[]{String.valueOf(now.getYear()), c.name}), c);
        }
        return created;
    }
}
