package vn.qcdc.notification.followup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import vn.qcdc.api.time.ClockProducer;

/**
 * The plan of a deadline that was already past when following started (a 2021 conclusion with 2022 due dates
 * entered in 2026): by default nothing is planned; with {@code notice-once}, one overdue notice now and nothing after.
 * A deadline still ahead is planned as usual.
 */
class HistoryPlanTest {

    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 11, 27, 10, 0, 0, 0, ClockProducer.VIETNAM);
    private static final LocalDate TODAY = NOW.toLocalDate();

    private static FollowUpPlanner planner(FollowUpConfig.OverdueAtStart policy) {
        FollowUpConfig config = new FollowUpPlannerCalendarTest.TestConfig() {
            @Override
            public OverdueAtStart overdueAtStart() {
                return policy;
            }
        };
        FollowUpPlanner p = new FollowUpPlanner();
        p.config = config;
        p.calendar = new WorkingCalendar(config);
        return p;
    }

    @Test
    void aDeadlinePastBeforeThePlanStartedIsNotFollowedByDefault() {
        List<FollowUpPlanner.PlannedStep> steps = planner(FollowUpConfig.OverdueAtStart.SILENT)
                .steps(LocalDate.of(2022, 3, 31), NOW, false, false, TODAY);
        assertEquals(List.of(), steps);
    }

    @Test
    void noticeOncePlansOneOverdueNoticeNowAndNoEscalation() {
        List<FollowUpPlanner.PlannedStep> steps = planner(FollowUpConfig.OverdueAtStart.NOTICE_ONCE)
                .steps(LocalDate.of(2022, 3, 31), NOW, false, false, TODAY);
        assertEquals(2, steps.size(), steps.toString());
        assertEquals(FollowUpStep.Kind.OVERDUE, steps.get(0).kind());
        assertEquals(FollowUpStep.Kind.OVERDUE_REMINDER, steps.get(1).kind());
        assertEquals("2022-03-31" + FollowUpPlanner.AT_START, steps.get(1).key());
        assertTrue(steps.stream().allMatch(s -> s.dueAt().equals(NOW)), steps.toString());
        // once announced (a re-plan after the notice), nothing more
        assertEquals(List.of(), planner(FollowUpConfig.OverdueAtStart.NOTICE_ONCE)
                .steps(LocalDate.of(2022, 3, 31), NOW, true, false, TODAY));
    }

    @Test
    void aDeadlineStillAheadIsFollowedAsUsual() {
        LocalDate due = TODAY.plusDays(20);
        List<FollowUpPlanner.PlannedStep> steps = planner(FollowUpConfig.OverdueAtStart.SILENT).steps(due, NOW,
                false, false, TODAY);
        assertTrue(steps.stream().anyMatch(s -> s.kind() == FollowUpStep.Kind.REMINDER), steps.toString());
        assertTrue(steps.stream().anyMatch(s -> s.kind() == FollowUpStep.Kind.ESCALATION), steps.toString());
        assertTrue(steps.stream().allMatch(s -> s.dueAt().isAfter(NOW)), steps.toString());
    }
}
