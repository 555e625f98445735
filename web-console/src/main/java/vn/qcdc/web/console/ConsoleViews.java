package vn.qcdc.web.console;

import java.util.List;

import io.quarkus.qute.TemplateData;

/** What the console's pages show, already in words and local dates. */
public final class ConsoleViews {

    private ConsoleViews() {
    }

    /** One bar of a chart: its label, its number (as shown and as drawn) and where a click on it leads. */
    @TemplateData
    public record Bar(String label, String shown, double value, String href) {
    }

    /**
     * A chart of the dashboard: drawn by chart.js from its table (the table is the page; the drawing is an extra
     * for browsers with JavaScript), with a CSV download of the same numbers.
     */
    @TemplateData
    public record Chart(String id, String title, String valueHeader, List<Bar> bars, String csvHref, String note) {
    }

    @TemplateData
    public record RecommendationRow(String id, int seq, String content, String unitName, String addressees,
            String due, String dueIso, String status, String statusCode, boolean overdue) {
    }

    @TemplateData
    public record HistoryRow(String at, String actor, String action) {
    }

    @TemplateData
    public record ReportRow(String at, String kind, String text, int percent, String by, List<EvidenceRef> evidence) {
    }

    /** A document a report names: its title, and where the console serves its file (null for a link or no file). */
    @TemplateData
    public record EvidenceRef(String title, String href) {
    }

    /** An evidence file the addressees sent, downloaded through the console (never from a service's address). */
    @TemplateData
    public record EvidenceFile(String name, String title, String size, String at, String href) {
    }

    @TemplateData
    public record StepRow(String step, String kind, String due, String status, String done) {
    }

    @TemplateData
    public record InboxRow(String id, String title, String body, String at, boolean unread, String recommendationId) {
    }
}
