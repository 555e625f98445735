package vn.qcdc.notification.followup;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import vn.qcdc.backbone.AfterCommit;

/**
 * Turns the policy into planned steps of a plan. Re-planning removes the steps not yet run and plans the future ones
 * again; a step that already ran keeps its key, so planning twice (a redelivered event, a resume) never repeats it.
 */
@ApplicationScoped
public class FollowUpPlanner {

    @Inject
    FollowUpConfig config;

    @Inject
    WorkingCalendar calendar;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    TransactionSynchronizationRegistry tsr;

    @Inject
    FollowUpTick tick;

    /** A step to plan: its key within the deadline, its kind and when it is due. */
    public record PlannedStep(String key, FollowUpStep.Kind kind, ZonedDateTime dueAt) {
    }

    /** The key of the one overdue notice a plan sends for a deadline already past when it started. */
    public static final String AT_START = "/overdue-at-start";

    /**
     * The steps of a plan with this due date still to come at {@code now}. Reminders whose moment has passed are
     * not sent late (a plan created or resumed after them skips them); the overdue notice and the escalation, when
     * their moment has passed, are due at once.
     */
    public List<PlannedStep> steps(LocalDate due, ZonedDateTime now, boolean overdueAnnounced, boolean escalated) {
        return steps(due, now, overdueAnnounced, escalated, null);
    }

    /**
     * As {@link #steps(LocalDate, ZonedDateTime, boolean, boolean)} for a plan that started following on
     * {@code followFrom}: a deadline already past on that day is history, followed only as
     * {@link FollowUpConfig#overdueAtStart()} says (nothing, or one overdue notice now), never with reminders, overdue
     * reminders or an escalation for moments that were gone before the plan existed.
     */
    public List<PlannedStep> steps(LocalDate due, ZonedDateTime now, boolean overdueAnnounced, boolean escalated,
            LocalDate followFrom) {
        List<PlannedStep> out = new ArrayList<>();
        if (followFrom != null && due.isBefore(followFrom)) {
            if (config.overdueAtStart() == FollowUpConfig.OverdueAtStart.NOTICE_ONCE && !overdueAnnounced) {
                out.add(new PlannedStep(due + "/overdue", FollowUpStep.Kind.OVERDUE, now));
                out.add(new PlannedStep(due + AT_START, FollowUpStep.Kind.OVERDUE_REMINDER, now));
            }
            return out;
        }
        for (int days : config.remindDaysBefore()) {
            ZonedDateTime at = calendar.at(calendar.onOrBefore(due.minusDays(days)));
            if (!at.isBefore(now)) {
                out.add(new PlannedStep(due + "/before-" + days + "d", FollowUpStep.Kind.REMINDER, at));
            }
        }
        if (config.remindOnDueDate()) {
            ZonedDateTime at = calendar.at(calendar.onOrBefore(due));
            if (!at.isBefore(now)) {
                out.add(new PlannedStep(due + "/due", FollowUpStep.Kind.REMINDER, at));
            }
        }
        if (!overdueAnnounced) {
            ZonedDateTime at = calendar.at(calendar.onOrAfter(due.plusDays(1)));
            out.add(new PlannedStep(due + "/overdue", FollowUpStep.Kind.OVERDUE, latest(at, now)));
        }
        nextOverdueReminder(due, now).ifPresent(out::add);
        if (!escalated) {
            ZonedDateTime at = calendar.at(calendar.onOrAfter(due.plusDays(config.escalateAfterDays())));
            out.add(new PlannedStep(due + "/escalate", FollowUpStep.Kind.ESCALATION, latest(at, now)));
        }
        return out;
    }

    /** The first overdue reminder (due + k × interval, on a working day) whose moment is {@code from} or later. */
    public java.util.Optional<PlannedStep> nextOverdueReminder(LocalDate due, ZonedDateTime from) {
        int every = config.overdueEveryDays();
        if (every <= 0) {
            return java.util.Optional.empty();
        }
        for (int k = 1; k < 10_000; k++) {
            ZonedDateTime at = calendar.at(calendar.onOrAfter(due.plusDays((long) k * every)));
            if (!at.isBefore(from)) {
                return java.util.Optional.of(new PlannedStep(due + "/overdue-" + (k * every) + "d",
                        FollowUpStep.Kind.OVERDUE_REMINDER, at));
            }
        }
        return java.util.Optional.empty();
    }

    /** Drops the steps not yet run and plans the plan's future steps again. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void replan(FollowUpPlan plan) {
        em.createNativeQuery("DELETE FROM followup_step WHERE recommendation_id = ?1 AND status = 'PLANNED'")
                .setParameter(1, plan.recommendationId).executeUpdate();
        ZonedDateTime now = ZonedDateTime.now(clock).withZoneSameInstant(calendar.zone());
        LocalDate followFrom = plan.followFrom == null
                ? null
                : plan.followFrom.atZoneSameInstant(calendar.zone()).toLocalDate();
        for (PlannedStep s : steps(plan.dueDate, now, plan.overdueAnnounced, plan.escalatedTo != null, followFrom)) {
            insert(plan.recommendationId, s);
        }
    }

    /**
     * Plans one step unless a step with that key exists (then nothing happens). A step due already wakes the tick once
     * the transaction commits, so it goes out now rather than at the next scheduled tick.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void insert(UUID recommendationId, PlannedStep s) {
        if (!s.dueAt().isAfter(ZonedDateTime.now(clock))) {
            AfterCommit.wake(tsr, FollowUpTick.class, tick::wakeUp);
        }
        em.createNativeQuery("INSERT INTO followup_step (id, recommendation_id, step_key, kind, due_at, status)"
                + " VALUES (?1, ?2, ?3, ?4, ?5, 'PLANNED') ON CONFLICT (recommendation_id, step_key) DO NOTHING")
                .setParameter(1, UUID.randomUUID()).setParameter(2, recommendationId).setParameter(3, s.key())
                .setParameter(4, s.kind().name()).setParameter(5, s.dueAt().toOffsetDateTime()).executeUpdate();
    }

    /** Ends a plan: what has not run is cancelled (kept, so the plan shows what would have come). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void cancelPlanned(UUID recommendationId) {
        em.createNativeQuery("UPDATE followup_step SET status = 'CANCELLED', done_at = ?2"
                + " WHERE recommendation_id = ?1 AND status = 'PLANNED'").setParameter(1, recommendationId)
                .setParameter(2, OffsetDateTime.now(clock)).executeUpdate();
    }

    private static ZonedDateTime latest(ZonedDateTime a, ZonedDateTime b) {
        return a.isAfter(b) ? a : b;
    }
}
