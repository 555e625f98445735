package vn.qcdc.notification.digest;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

import vn.qcdc.api.problem.Messages;
import vn.qcdc.events.inspection.InspectionEvents.Addressee;
import vn.qcdc.notification.contact.Contact;
import vn.qcdc.notification.contact.ContactService;
import vn.qcdc.notification.delivery.Delivery;
import vn.qcdc.notification.delivery.DeliveryPlanner;
import vn.qcdc.notification.delivery.DeliveryPlanner.Notification;
import vn.qcdc.notification.delivery.Notices;
import vn.qcdc.notification.followup.FollowUpPlan;
import vn.qcdc.notification.followup.WorkingCalendar;

/**
 * Sends the daily and weekly digests (bản tin nhắc việc): at the digest hour of a working day, to every contact that
 * chose one, the recommendations addressed to it that are new since its last digest, due within
 * {@code qcdc.digest.due-within-days}, or overdue, by email and inbox, in the contact's language.
 * <p>
 * Exactly once per (contact, period) across replicas: the {@code digest_run} row of the period is inserted in the
 * transaction that plans the digest's deliveries. A replica that tries the same contact at the same moment blocks on
 * that key until the first one commits, then inserts nothing and sends nothing; if the first one rolls back, the
 * second one sends. The deliveries themselves are unique per source ({@code digest/<contact>/<period>}), so the
 * delivery worker's leases make each email and inbox entry go out once, as for reminders.
 */
@ApplicationScoped
public class DigestSender {

    private static final Logger LOG = Logger.getLogger(DigestSender.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    DigestConfig config;

    @Inject
    WorkingCalendar calendar;

    @Inject
    ContactService contacts;

    @Inject
    DeliveryPlanner deliveries;

    /** A contact whose digest of a period has not gone out yet, and since when its items count as new. */
    record Pending(UUID contactId, DigestFrequency frequency, String periodKey, OffsetDateTime since) {
    }

    /** In the order a digest lists them. */
    enum Section {
        OVERDUE, NEW, DUE
    }

    record Item(Section section, UUID recommendationId, String content, String unitCode, String unitName,
            LocalDate dueDate, long daysOverdue) {
    }

    @Scheduled(every = "${qcdc.digest.interval:60s}", delayed = "3s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "digest")
    void scheduled() {
        try {
            run();
        } catch (RuntimeException e) {
            LOG.warnf("Digest run stopped: %s", e.toString());
        }
    }

    /**
     * Sends the digests due now that no replica has sent yet; returns how many this call sent (a digest with
     * nothing in it is claimed for its period but not sent). Safe to call concurrently from any replica.
     */
    public int run() {
        ZonedDateTime now = ZonedDateTime.now(clock).withZoneSameInstant(calendar.zone());
        Map<DigestFrequency, String> periods = periods(now);
        if (periods.isEmpty()) {
            return 0;
        }
        List<Pending> pending = QuarkusTransaction.requiringNew().call(() -> pending(periods, now));
        if (pending.isEmpty()) {
            return 0;
        }
        Map<UUID, List<Item>> items = QuarkusTransaction.requiringNew().timeout(300)
                .call(() -> collect(pending, now));
        int sent = 0;
        for (Pending p : pending) {
            try {
                List<Item> mine = items.getOrDefault(p.contactId(), List.of());
                if (QuarkusTransaction.requiringNew().timeout(30).call(() -> send(p, mine, now.toOffsetDateTime()))) {
                    sent++;
                }
            } catch (RuntimeException e) {
                // not claimed (the claim rolled back with it): tried again at the next run
                LOG.warnf("Digest %s of contact %s failed and is tried again: %s", p.periodKey(), p.contactId(),
                        e.toString());
            }
        }
        return sent;
    }

    /**
     * The periods whose digests go out at {@code now}: none before the digest hour or on a day off; the day's on every
     * working day; the week's on the first working day of the (ISO) week.
     */
    Map<DigestFrequency, String> periods(ZonedDateTime now) {
        LocalDate today = now.toLocalDate();
        Map<DigestFrequency, String> out = new LinkedHashMap<>();
        if (!calendar.isWorkingDay(today) || now.toLocalTime().isBefore(config.time())) {
            return out;
        }
        out.put(DigestFrequency.DAILY, "daily/" + today);
        boolean firstOfWeek = true;
        for (LocalDate d = today.with(DayOfWeek.MONDAY); d.isBefore(today); d = d.plusDays(1)) {
            firstOfWeek &= !calendar.isWorkingDay(d);
        }
        if (firstOfWeek) {
            out.put(DigestFrequency.WEEKLY, String.format(Locale.ROOT, "weekly/%d-W%02d",
                    today.get(IsoFields.WEEK_BASED_YEAR), today.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
        }
        return out;
    }

    List<Pending> pending(Map<DigestFrequency, String> periods, ZonedDateTime now) {
        List<Pending> out = new ArrayList<>();
        for (Map.Entry<DigestFrequency, String> period : periods.entrySet()) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("SELECT c.id,"
                    + " (SELECT max(r.sent_at) FROM digest_run r WHERE r.contact_id = c.id) FROM contact c"
                    + " WHERE c.digest = ?1 AND NOT EXISTS (SELECT 1 FROM digest_run r"
                    + " WHERE r.contact_id = c.id AND r.period_key = ?2) ORDER BY c.id")
                    .setParameter(1, period.getKey().name()).setParameter(2, period.getValue()).getResultList();
            for (Object[] row : rows) {
                OffsetDateTime last = time(row[1]);
                out.add(new Pending((UUID) row[0], period.getKey(), period.getValue(),
                        last != null ? last : previousPeriod(period.getKey(), now)));
            }
        }
        return out;
    }

    /** Where a contact's first digest starts counting new items: the previous digest moment it would have had. */
    private OffsetDateTime previousPeriod(DigestFrequency f, ZonedDateTime now) {
        LocalDate start = f == DigestFrequency.WEEKLY
                ? now.toLocalDate().minusWeeks(1)
                : calendar.onOrBefore(now.toLocalDate().minusDays(1));
        return start.atTime(config.time()).atZone(calendar.zone()).toOffsetDateTime();
    }

    private static OffsetDateTime time(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof OffsetDateTime t) {
            return t;
        }
        if (o instanceof Instant i) {
            return i.atOffset(java.time.ZoneOffset.UTC);
        }
        if (o instanceof java.sql.Timestamp t) {
            return t.toInstant().atOffset(java.time.ZoneOffset.UTC);
        }
        throw new IllegalStateException("unexpected timestamp type " + o.getClass());
    }

    /**
     * The items of every pending contact: active plans that are due soon, overdue or new, each addressee resolved to
     * the contact that receives it as the reminders resolve it ({@link ContactService#recipientOf}). A plan appears
     * once per contact: overdue (most urgent, even if new), else new, else due.
     */
    Map<UUID, List<Item>> collect(List<Pending> pending, ZonedDateTime now) {
        LocalDate today = now.toLocalDate();
        Map<UUID, Pending> byContact = new HashMap<>();
        OffsetDateTime earliest = now.toOffsetDateTime();
        for (Pending p : pending) {
            byContact.put(p.contactId(), p);
            if (p.since().isBefore(earliest)) {
                earliest = p.since();
            }
        }
        List<FollowUpPlan> plans = FollowUpPlan.<FollowUpPlan>find(
                "status = ?1 and (dueDate <= ?2 or createdAt > ?3) order by dueDate, recommendationId",
                FollowUpPlan.Status.ACTIVE.name(), today.plusDays(config.dueWithinDays()), earliest).list();
        Map<String, Optional<UUID>> recipients = new HashMap<>();
        Map<UUID, List<Item>> out = new HashMap<>();
        OffsetDateTime at = now.toOffsetDateTime();
        for (FollowUpPlan plan : plans) {
            Set<UUID> seen = new HashSet<>();
            for (Addressee a : plan.addressees) {
                if (a.bodyType() == null) {
                    continue;
                }
                String unit = a.unitCode() != null ? a.unitCode() : plan.unitCode;
                Optional<UUID> to = recipients.computeIfAbsent(a.bodyType() + "@" + unit,
                        k -> contacts.recipientOf(a.bodyType(), unit).map(c -> c.id));
                if (to.isEmpty() || !byContact.containsKey(to.get()) || !seen.add(to.get())) {
                    continue;
                }
                Pending p = byContact.get(to.get());
                Section section;
                if (plan.dueDate.isBefore(today)) {
                    section = Section.OVERDUE;
                } else if (plan.createdAt.isAfter(p.since()) && !plan.createdAt.isAfter(at)) {
                    section = Section.NEW;
                } else if (!plan.dueDate.isAfter(today.plusDays(config.dueWithinDays()))) {
                    section = Section.DUE;
                } else {
                    continue;
                }
                out.computeIfAbsent(to.get(), k -> new ArrayList<>()).add(new Item(section, plan.recommendationId,
                        plan.content, plan.unitCode, plan.unitName, plan.dueDate,
                        Math.max(0, ChronoUnit.DAYS.between(plan.dueDate, today))));
            }
        }
        return out;
    }

    /** Claims the contact's period and plans its digest, in one transaction; true if a digest was sent now. */
    boolean send(Pending p, List<Item> items, OffsetDateTime now) {
        Contact c = Contact.findById(p.contactId());
        if (c == null || !p.frequency().name().equals(c.digest)) {
            return false; // removed or changed its choice meanwhile
        }
        int claimed = em.createNativeQuery("INSERT INTO digest_run (contact_id, period_key, frequency, sent_at, items)"
                + " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (contact_id, period_key) DO NOTHING")
                .setParameter(1, c.id).setParameter(2, p.periodKey()).setParameter(3, p.frequency().name())
                .setParameter(4, now).setParameter(5, items.size()).executeUpdate();
        if (claimed == 0) {
            return false;
        }
        LOG.infof("Digest %s of contact %s: %d items", p.periodKey(), c.id, items.size());
        if (items.isEmpty()) {
            return false;
        }
        List<Item> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparing(Item::section).thenComparing(Item::dueDate));
        Notices.Text text = render(c, p, sorted, now.atZoneSameInstant(calendar.zone()).toLocalDate());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("digest", p.frequency().name());
        payload.put("period", p.periodKey());
        List<Map<String, Object>> list = new ArrayList<>();
        for (Item i : sorted) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("section", i.section().name());
            m.put("recommendationId", i.recommendationId().toString());
            m.put("content", i.content());
            m.put("unitCode", i.unitCode());
            m.put("dueDate", i.dueDate().toString());
            m.put("daysOverdue", i.daysOverdue());
            list.add(m);
        }
        payload.put("items", list);
        // Kind REMINDER: the released contract's DeliveryKind cannot gain a value without a new major version (a new
        // response enum value breaks strict clients); the source digest/… and the step (the period) tell it apart.
        deliveries.plan(new Notification(DigestPolicy.SOURCE_PREFIX + c.id + "/" + p.periodKey(),
                Delivery.Kind.REMINDER, null, p.periodKey(), c.unitCode, payload, new Object[0], text), c);
        return true;
    }

    Notices.Text render(Contact c, Pending p, List<Item> items, LocalDate today) {
        Locale locale = "en".equals(c.language) ? Locale.ENGLISH : Messages.VIETNAMESE;
        Map<Section, List<Item>> bySection = new LinkedHashMap<>();
        for (Section s : Section.values()) {
            bySection.put(s, new ArrayList<>());
        }
        items.forEach(i -> bySection.get(i.section()).add(i));
        String subject = Messages.format(locale, "digest.subject." + p.frequency().name(), DAY.format(today),
                bySection.get(Section.NEW).size(), bySection.get(Section.DUE).size(),
                bySection.get(Section.OVERDUE).size());
        StringBuilder body = new StringBuilder(Messages.format(locale, "digest.greeting", c.name, DAY.format(today)));
        for (Map.Entry<Section, List<Item>> s : bySection.entrySet()) {
            if (s.getValue().isEmpty()) {
                continue;
            }
            body.append("\n\n").append(Messages.format(locale, "digest.section." + s.getKey().name(),
                    s.getValue().size(), config.dueWithinDays()));
            for (Item i : s.getValue()) {
                String unit = i.unitName() != null ? i.unitName() : i.unitCode();
                body.append('\n').append(i.section() == Section.OVERDUE
                        ? Messages.format(locale, "digest.item.overdue", i.content(), unit, DAY.format(i.dueDate()),
                                i.daysOverdue())
                        : Messages.format(locale, "digest.item", i.content(), unit, DAY.format(i.dueDate())));
            }
        }
        body.append("\n\n").append(Messages.format(locale, "digest.closing"));
        return new Notices.Text(subject, body.toString());
    }
}
