package vn.qcdc.web.console;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;

import vn.qcdc.client.inspection.ApiException;
import vn.qcdc.client.inspection.ApiResponse;
import vn.qcdc.client.inspection.model.BodyType;
import vn.qcdc.client.inspection.model.CompletionInput;
import vn.qcdc.client.inspection.model.EvidenceKind;
import vn.qcdc.client.inspection.model.EvidenceView;
import vn.qcdc.client.inspection.model.Figures;
import vn.qcdc.client.inspection.model.ProgressInput;
import vn.qcdc.client.inspection.model.RecommendationStatus;
import vn.qcdc.client.inspection.model.RecommendationView;
import vn.qcdc.client.inspection.model.ReportEvidenceInput;
import vn.qcdc.client.inspection.model.Statistics;
import vn.qcdc.client.inspection.model.VerifyInput;
import vn.qcdc.client.models.model.ModelStatistics;
import vn.qcdc.client.notification.model.PlanView;
import vn.qcdc.infra.DevTokens;
import vn.qcdc.web.backend.Backend;
import vn.qcdc.web.i18n.Dates;
import vn.qcdc.web.i18n.Labels;
import vn.qcdc.web.i18n.Lang;
import vn.qcdc.web.i18n.Texts;

/**
 * The officers' console: sign-in, the steering dashboard of a unit and year (from the services' statistics
 * endpoints, never by fetching lists), the drill-down from a chart to a list and to one recommendation with its
 * history and follow-up plan, and the verification of a reported completion. Every call carries the officer's own
 * token: the services decide what they may see and do.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class ConsolePages {

    static final Pattern UNIT = Pattern.compile("[0-9]{2,5}");
    /** What inspection-service takes for one evidence file (a larger one is answered here, in the officer's words). */
    static final long MAX_EVIDENCE_BYTES = 10L * 1024 * 1024;
    static final Set<String> ROLES = Set.of("steering", "unit-officer", "org-officer", "viewer");
    static final Pattern ORG = Pattern.compile("[A-Z_]{2,60}");

    @Inject
    Backend backend;

    @Inject
    Session session;

    @Inject
    Labels labels;

    @Location("console/sign-in.html")
    Template signInPage;

    @Location("console/dashboard.html")
    Template dashboardPage;

    @Location("console/list.html")
    Template listPage;

    @Location("console/recommendation.html")
    Template recommendationPage;

    @Location("console/inbox.html")
    Template inboxPage;

    @Location("console/queue.html")
    Template queuePage;

    // --- sign-in ---

    @GET
    @Path("sign-in")
    public Response signInForm(@Context HttpHeaders headers) {
        Lang lang = ConsoleChrome.lang(headers);
        if (session.oidc()) {
            return Response.seeOther(URI.create("/console")).build(); // the provider's login starts there
        }
        if (!session.devSignIn()) {
            return ConsoleChrome.message(404, lang, "console.devsignin.off.title", "console.devsignin.off.text");
        }
        return Response.ok(form(lang, null, "steering", "", "")).build();
    }

    private TemplateInstance form(Lang lang, String error, String role, String unit, String org) {
        return ConsoleChrome.page(signInPage, lang, null, Texts.get(lang, "console.signin.title"), 0)
                .data("error", error).data("role", role).data("unit", unit).data("org", org)
                .data("orgTypes", List.of("FATHERLAND_FRONT", "WOMENS_UNION", "YOUTH_UNION", "FARMERS_ASSOCIATION",
                        "VETERANS_ASSOCIATION", "TRADE_UNION").stream()
                        .map(o -> new ConsoleViews.Bar(labels.word("BodyType", o, lang), o, 0, null)).toList());
    }

    @POST
    @Path("sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@FormParam("role") String role, @FormParam("unit") String unit,
            @FormParam("org") String org, @Context HttpHeaders headers) {
        Lang lang = ConsoleChrome.lang(headers);
        if (!session.devSignIn()) {
            return ConsoleChrome.message(404, lang, "console.devsignin.off.title", "console.devsignin.off.text");
        }
        if (!ConsoleChrome.sameOrigin(headers)) {
            return ConsoleChrome.message(403, lang, "console.origin.title", "console.origin.text");
        }
        String r = role == null ? "" : role.strip();
        String u = unit == null ? "" : unit.strip();
        String o = org == null || org.isBlank() ? null : org.strip();
        String error = null;
        if (!ROLES.contains(r)) {
            error = "console.signin.error.role";
        } else if (!UNIT.matcher(u).matches()) {
            error = "console.signin.error.unit";
        } else if ("org-officer".equals(r) && (o == null || !ORG.matcher(o).matches())) {
            error = "console.signin.error.org";
        }
        if (error != null) {
            return Response.status(400).entity(form(lang, Texts.get(lang, error), r, u.length() > 20 ? "" : u,
                    o == null || o.length() > 60 ? "" : o)).build();
        }
        DevTokens.TokenSpec spec = DevTokens.TokenSpec.of(r, u, "org-officer".equals(r) ? o : null);
        String token = DevTokens.token(spec);
        return Response.seeOther(URI.create("/console"))
                .cookie(new NewCookie.Builder(Session.COOKIE).value(token).path("/").httpOnly(true)
                        .sameSite(NewCookie.SameSite.STRICT).maxAge((int) spec.ttl().toSeconds()).build())
                .build();
    }

    @POST
    @Path("sign-out")
    public Response signOut(@Context HttpHeaders headers) {
        return Response.seeOther(URI.create("/"))
                .cookie(new NewCookie.Builder(Session.COOKIE).value("").path("/").httpOnly(true)
                        .sameSite(NewCookie.SameSite.STRICT).maxAge(0).build())
                .build();
    }

    // --- dashboard ---

    @GET
    public Response dashboard(@QueryParam("unit") String unit, @QueryParam("year") String year,
            @Context HttpHeaders headers) throws Exception {
        Lang lang = ConsoleChrome.lang(headers);
        Officer me = session.officer(headers);
        if (me == null) {
            return Response.seeOther(URI.create("/console/sign-in")).build();
        }
        Filter f = Filter.of(unit, year, me);
        if (f.error != null) {
            return ConsoleChrome.badInput(lang, f.error);
        }
        Map<String, ConsoleViews.Chart> charts = charts(f, me, lang);
        return Response.ok(ConsoleChrome.page(dashboardPage, lang, me, Texts.get(lang, "console.dashboard.title"),
                unread(me, lang))
                .data("unit", f.unit).data("year", f.year == null ? "" : f.year.toString())
                .data("unitName", f.unitName).data("charts", charts.values())
                .data("rate", f.rate).data("total", f.total).data("overdue", f.overdue)).build();
    }

    @GET
    @Path("dashboard.csv")
    @Produces("text/csv")
    public Response csv(@QueryParam("unit") String unit, @QueryParam("year") String year,
            @QueryParam("chart") String chart, @Context HttpHeaders headers) throws Exception {
        Lang lang = ConsoleChrome.lang(headers);
        Officer me = session.officer(headers);
        if (me == null) {
            return Response.seeOther(URI.create("/console/sign-in")).build();
        }
        Filter f = Filter.of(unit, year, me);
        if (f.error != null) {
            return ConsoleChrome.badInput(lang, f.error);
        }
        ConsoleViews.Chart c = charts(f, me, lang).get(chart == null ? "" : chart);
        if (c == null) {
            return ConsoleChrome.badInput(lang, "console.error.chart");
        }
        StringBuilder out = new StringBuilder("\uFEFF"); // a BOM: spreadsheets then read the UTF-8 words right
        out.append(Csv.row(List.of(Texts.get(lang, "console.csv.label"), c.valueHeader())));
        for (ConsoleViews.Bar b : c.bars()) {
            out.append(Csv.row(List.of(b.label(), b.shown())));
        }
        String name = "qcdc-" + c.id() + "-" + f.unit + (f.year == null ? "" : "-" + f.year) + ".csv";
        return Response.ok(out.toString(), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header("Cache-Control", "no-store").build();
    }

    private Map<String, ConsoleViews.Chart> charts(Filter f, Officer me, Lang lang) throws Exception {
        Statistics s = backend.statistics().getRecommendationStatistics(f.unit, f.year, me.headers(lang.code));
        ModelStatistics m;
        try {
            m = backend.modelStatistics().getModelStatistics(f.unit, f.year, me.headers(lang.code));
        } catch (vn.qcdc.client.models.ApiException e) {
            m = null;
        }
        Figures t = s.getTotal();
        f.unitName = t.getUnitName();
        f.total = t.getRecommendations() == null ? 0 : t.getRecommendations();
        f.overdue = t.getOverdue() == null ? 0 : t.getOverdue();
        f.rate = percent(t.getOnTimeCompletionRate());
        String q = "unit=" + f.unit + (f.year == null ? "" : "&year=" + f.year);
        Map<String, ConsoleViews.Chart> charts = new LinkedHashMap<>();
        List<ConsoleViews.Bar> status = new ArrayList<>();
        t.getByStatus().forEach((k, v) -> status.add(new ConsoleViews.Bar(labels.word("RecommendationStatus", k, lang),
                String.valueOf(v), v, "/console/recommendations?" + q + "&status=" + k)));
        add(charts, "status", lang, status, q, "console.chart.count");
        List<ConsoleViews.Bar> bodies = new ArrayList<>();
        if (t.getByAddressee() != null) {
            t.getByAddressee().forEach((k, v) -> bodies.add(new ConsoleViews.Bar(labels.word("BodyType", k, lang),
                    String.valueOf(v), v, "/console/recommendations?" + q + "&addressee=" + k)));
        }
        add(charts, "addressee", lang, bodies, q, "console.chart.count");
        List<ConsoleViews.Bar> overdue = new ArrayList<>();
        List<ConsoleViews.Bar> onTime = new ArrayList<>();
        for (Figures c : s.getChildren()) {
            String cq = "unit=" + c.getUnitCode() + (f.year == null ? "" : "&year=" + f.year);
            long o = c.getOverdue() == null ? 0 : c.getOverdue();
            if (c.getRecommendations() != null && c.getRecommendations() > 0) {
                overdue.add(new ConsoleViews.Bar(c.getUnitName(), String.valueOf(o), o,
                        "/console/recommendations?" + cq + "&overdue=true"));
                String p = percent(c.getOnTimeCompletionRate());
                onTime.add(new ConsoleViews.Bar(c.getUnitName(), p == null ? "–" : p + " %",
                        p == null ? 0 : Double.parseDouble(p), "/console?" + cq));
            }
        }
        add(charts, "overdue", lang, overdue, q, "console.chart.overdue");
        add(charts, "ontime", lang, onTime, q, "console.chart.rate");
        if (m != null) {
            add(charts, "models-field", lang, modelBars(m.getByField(), "ModelField", lang), q,
                    "console.chart.models");
            add(charts, "models-org", lang, modelBars(m.getByOrgType(), "BodyType", lang), q,
                    "console.chart.models");
            add(charts, "models-status", lang, modelBars(m.getByStatus(), "ModelStatus", lang), q,
                    "console.chart.models");
        }
        return charts;
    }

    private List<ConsoleViews.Bar> modelBars(Map<String, Long> counts, String group, Lang lang) {
        List<ConsoleViews.Bar> bars = new ArrayList<>();
        if (counts != null) {
            counts.forEach((k, v) -> bars.add(new ConsoleViews.Bar(labels.word(group, k, lang), String.valueOf(v), v,
                    null)));
        }
        return bars;
    }

    private static void add(Map<String, ConsoleViews.Chart> charts, String id, Lang lang,
            List<ConsoleViews.Bar> bars, String q, String valueHeader) {
        charts.put(id, new ConsoleViews.Chart(id, Texts.get(lang, "console.chart." + id), Texts.get(lang, valueHeader),
                bars, "/console/dashboard.csv?" + q + "&chart=" + id, null));
    }

    private static String percent(BigDecimal rate) {
        return rate == null
                ? null
                : rate.multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_UP).toPlainString();
    }

    private long unread(Officer me, Lang lang) {
        try {
            Long n = backend.inbox().listInbox(null, 1, true, me.headers(lang.code)).getUnreadCount();
            return n == null ? 0 : n;
        } catch (Exception e) {
            return 0; // the inbox is an extra of the page; the rest still shows
        }
    }

    // --- drill-down ---

    @GET
    @Path("recommendations")
    public Response list(@QueryParam("unit") String unit, @QueryParam("year") String year,
            @QueryParam("status") String status, @QueryParam("addressee") String addressee,
            @QueryParam("overdue") String overdue, @QueryParam("cursor") String cursor, @Context HttpHeaders headers)
            throws Exception {
        Lang lang = ConsoleChrome.lang(headers);
        Officer me = session.officer(headers);
        if (me == null) {
            return Response.seeOther(URI.create("/console/sign-in")).build();
        }
        Filter f = Filter.of(unit, year, me);
        if (f.error != null) {
            return ConsoleChrome.badInput(lang, f.error);
        }
        RecommendationStatus st = null;
        BodyType body = null;
        try {
            st = status == null || status.isBlank() ? null : RecommendationStatus.fromValue(status);
            body = addressee == null || addressee.isBlank() ? null : BodyType.fromValue(addressee);
        } catch (IllegalArgumentException e) {
            return ConsoleChrome.badInput(lang, "console.error.filter");
        }
        if (cursor != null && cursor.length() > 500) {
            return ConsoleChrome.badInput(lang, "console.error.filter");
        }
        Boolean late = "true".equals(overdue) ? Boolean.TRUE : null;
        var page = backend.recommendations().listRecommendations(body, cursor, null, null, null, 50, late, null,
                null, st, f.unit, f.year, me.headers(lang.code));
        List<ConsoleViews.RecommendationRow> rows = page.getItems().stream().map(r -> row(r, lang)).toList();
        List<String> filters = new ArrayList<>();
        if (st != null) {
            filters.add(labels.word("RecommendationStatus", st.getValue(), lang));
        }
        if (body != null) {
            filters.add(labels.word("BodyType", body.getValue(), lang));
        }
        if (late != null) {
            filters.add(Texts.get(lang, "status.overdue"));
        }
        String next = page.getNextCursor() == null
                ? null
                : "/console/recommendations?unit=" + f.unit + (f.year == null ? "" : "&year=" + f.year)
                        + (st == null ? "" : "&status=" + st.getValue())
                        + (body == null ? "" : "&addressee=" + body.getValue()) + (late == null ? "" : "&overdue=true")
                        + "&cursor=" + URLEncoder.encode(page.getNextCursor(), StandardCharsets.UTF_8);
        return Response.ok(ConsoleChrome.page(listPage, lang, me, Texts.get(lang, "console.list.title"),
                unread(me, lang)).data("rows", rows).data("filters", String.join(", ", filters))
                .data("unit", f.unit).data("year", f.year == null ? "" : f.year.toString()).data("next", next))
                .build();
    }

    private ConsoleViews.RecommendationRow row(RecommendationView r, Lang lang) {
        String status = r.getStatus() == null ? "" : r.getStatus().getValue();
        return new ConsoleViews.RecommendationRow(r.getId().toString(), r.getSeq() == null ? 0 : r.getSeq(),
                r.getContent(), r.getUnitName(), r.getAddressees() == null
                        ? ""
                        : String.join("; ", r.getAddressees().stream()
                                .map(a -> labels.word("BodyType", a.getBodyType(), lang)).toList()),
                Dates.day(r.getDueDate()), Dates.iso(r.getDueDate()),
                labels.word("RecommendationStatus", status, lang), status, Boolean.TRUE.equals(r.getOverdue()));
    }

    @GET
    @Path("recommendations/{id}")
    public Response recommendation(@PathParam("id") String id, @QueryParam("done") String done,
            @Context HttpHeaders headers) throws Exception {
        Lang lang = ConsoleChrome.lang(headers);
        Officer me = session.officer(headers);
        if (me == null) {
            return Response.seeOther(URI.create("/console/sign-in")).build();
        }
        UUID uuid = ConsoleChrome.uuid(id);
        if (uuid == null) {
            return ConsoleChrome.message(404, lang, "error.notfound.title", "error.notfound.text");
        }
        return Response.ok(detail(uuid, me, lang, null, "verified".equals(done))
                .data("reported", "reported".equals(done))).build();
    }

    private TemplateInstance detail(UUID id, Officer me, Lang lang, String error, boolean verified)
            throws ApiException {
        ApiResponse<RecommendationView> got = backend.recommendations().getRecommendationWithHttpInfo(id,
                me.headers(lang.code));
        RecommendationView r = got.getData();
        String etag = got.getHeaders().getOrDefault("etag", got.getHeaders().getOrDefault("ETag", List.of("")))
                .get(0);
        var history = backend.recommendations().getRecommendationHistory(id, me.headers(lang.code)).stream()
                .map(h -> new ConsoleViews.HistoryRow(Dates.dayTime(h.getAt()), h.getActor(),
                        historyWord(h.getAction(), lang)))
                .toList();
        // The files the reports name, each downloaded through this console with the officer's token.
        Map<UUID, String> fileHrefs = new LinkedHashMap<>();
        List<ConsoleViews.EvidenceFile> files = new ArrayList<>();
        for (EvidenceView e : backend.recommendations().listRecommendationEvidence(id, me.headers(lang.code))) {
            String href = "/console/recommendations/" + id + "/evidence/" + e.getId();
            fileHrefs.put(e.getId(), href);
            files.add(new ConsoleViews.EvidenceFile(e.getFileName() == null ? e.getTitle() : e.getFileName(),
                    e.getTitle(), size(e.getSizeBytes(), lang), Dates.dayTime(e.getCreatedAt()), href));
        }
        var reports = backend.recommendations().listRecommendationReports(id, me.headers(lang.code)).stream()
                .map(p -> new ConsoleViews.ReportRow(Dates.dayTime(p.getReportedAt()),
                        labels.word("ProgressReportKind", p.getKind(), lang), p.getText(),
                        p.getPercent() == null ? 0 : p.getPercent(), p.getReportedBy(),
                        p.getEvidence() == null
                                ? List.of()
                                : p.getEvidence().stream().map(e -> new ConsoleViews.EvidenceRef(e.getTitle(),
                                        e.getEvidenceId() == null ? null : fileHrefs.get(e.getEvidenceId())))
                                        .toList()))
                .toList();
        List<ConsoleViews.StepRow> steps = List.of();
        String planStatus = null;
        try {
            PlanView plan = backend.followUps().getFollowUpPlan(id, me.headers(lang.code));
            planStatus = labels.word("FollowUpPlanStatus", plan.getStatus(), lang);
            steps = plan.getSteps() == null
                    ? List.of()
                    : plan.getSteps().stream().map(s -> new ConsoleViews.StepRow(s.getStep(),
                            labels.word("FollowUpStepKind", s.getKind(), lang), Dates.dayTime(s.getDueAt()),
                            labels.word("FollowUpStepStatus", s.getStatus(), lang), Dates.dayTime(s.getDoneAt())))
                            .toList();
        } catch (vn.qcdc.client.notification.ApiException e) {
            planStatus = null; // no plan (yet) or not visible to this officer: the page says so
        }
        return ConsoleChrome.page(recommendationPage, lang, me, Texts.get(lang, "console.recommendation.title") + " "
                + r.getSeq(), unread(me, lang))
                .data("r", row(r, lang)).data("unitName", r.getUnitName())
                .data("progress", r.getProgressPercent() == null ? 0 : r.getProgressPercent())
                .data("history", history).data("reports", reports).data("files", files).data("steps", steps)
                .data("planStatus", planStatus)
                .data("etag", etag)
                .data("canVerify", me.steering() && r.getStatus() == RecommendationStatus.COMPLETION_REPORTED)
                .data("canReport", me.reporter() && r.getStatus() != RecommendationStatus.VERIFIED
                        && r.getStatus() != RecommendationStatus.CANCELLED
                        && r.getStatus() != RecommendationStatus.COMPLETION_REPORTED)
                .data("error", error).data("verified", verified).data("reported", false);
    }

    /** A file size as people read it: bytes, KB or MB (1024-based, one decimal, the reader's decimal mark). */
    static String size(Long bytes, Lang lang) {
        if (bytes == null) {
            return "";
        }
        java.text.NumberFormat f = java.text.NumberFormat.getNumberInstance(java.util.Locale.forLanguageTag(lang.code));
        f.setMaximumFractionDigits(1);
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return f.format(bytes / 1024.0) + " KB";
        }
        return f.format(bytes / (1024.0 * 1024)) + " MB";
    }

    /**
     * An evidence file of a recommendation, fetched from inspection-service with the officer's own token (so the
     * service decides who may read it) and passed on as the service sent it: an attachment under its original name
     * ({@code Content-Disposition} with the UTF-8 {@code filename*}), its stored (passive) media type, not stored by
     * the browser ({@code X-Content-Type-Options: nosniff} is on every answer of the console). The page links here,
     * never to a service's address.
     */
    @GET
    @Path("recommendations/{id}/evidence/{evidenceId}")
    @Produces(MediaType.WILDCARD)
    public Response evidenceFile(@PathParam("id") String id, @PathParam("evidenceId") String evidenceId,
            @Context HttpHeaders headers) throws Exception {
        Lang lang = ConsoleChrome.lang(headers);
        Officer me = session.officer(headers);
        if (me == null) {
            return Response.seeOther(URI.create("/console/sign-in")).build();
        }
        UUID recommendation = ConsoleChrome.uuid(id);
        UUID file = ConsoleChrome.uuid(evidenceId);
        if (recommendation == null || file == null) {
            return ConsoleChrome.message(404, lang, "error.notfound.title", "error.notfound.text");
        }
        ApiResponse<java.io.File> got;
        try {
            got = backend.recommendations().downloadRecommendationEvidenceWithHttpInfo(file, recommendation,
                    me.headers(lang.code));
        } catch (ApiException e) {
            if (e.getCode() == 403 || e.getCode() == 404) {
                return ConsoleChrome.message(404, lang, "error.notfound.title", "error.notfound.text");
            }
            throw e;
        }
        java.nio.file.Path body = got.getData().toPath();
        StreamingOutput out = sink -> {
            try {
                Files.copy(body, sink);
            } finally {
                // The generated client keeps each download in a temporary directory of its own.
                Files.deleteIfExists(body);
                Files.deleteIfExists(body.getParent());
            }
        };
        String disposition = header(got.getHeaders(), "Content-Disposition");
        String type = header(got.getHeaders(), "Content-Type");
        return Response.ok(out, type == null ? MediaType.APPLICATION_OCTET_STREAM : type)
                .header("Content-Disposition", disposition == null ? "attachment" : disposition)
                .header("Content-Length", Files.size(body)).header("Cache-Control", "no-store").build();
    }

    /** A header of a service's answer, whatever the case of its name. */
    static String header(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            if (h.getKey() != null && h.getKey().equalsIgnoreCase(name) && !h.getValue().isEmpty()) {
                return h.getValue().get(0);
            }
        }
        return null;
    }

    /**
     * The words of a history entry: its action is a past-tense code (PROGRESS_REPORTED) whose words the label source
     * keeps under the action that causes it ({@code RecommendationAction}), or under the status it leads to.
     */
    private String historyWord(String action, Lang lang) {
        if ("EVIDENCE_UPLOADED".equals(action) || "EVIDENCE_PURGED".equals(action)) {
            return Texts.get(lang, "console.history." + action.toLowerCase(java.util.Locale.ROOT));
        }
        String key = switch (action == null ? "" : action) {
            case "PROGRESS_REPORTED" -> "report-progress";
            case "COMPLETION_REPORTED" -> "report-completion";
            case "VERIFIED" -> "verify";
            case "REJECTED" -> "reject";
            case "DEADLINE_CHANGED" -> "change-deadline";
            case "CANCELLED" -> "cancel";
            default -> null;
        };
        return key == null
                ? labels.word("RecommendationStatus", action, lang)
                : labels.word("RecommendationAction", key, lang);
    }

    @POST
    @Path("recommendations/{id}/verify")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response verify(@PathParam("id") String id, @FormParam("etag") String etag, @FormParam("note") String note,
            @Context HttpHeaders headers) throws Exception {
        Post p = post(id, headers);
        if (p.answer() != null) {
            return p.answer();
        }
        try {
            backend.recommendations().verifyRecommendation(p.id(), new VerifyInput().note(
                    note == null || note.isBlank() ? null : note), UUID.randomUUID().toString(), etag,
                    p.me().headers(p.lang().code));
        } catch (ApiException e) {
            return refused(e, p);
        }
        return Response.seeOther(URI.create("/console/recommendations/" + p.id() + "?done=verified")).build();
    }

    /** A form post about a recommendation, checked: who sends it and which one; or the answer that refuses it. */
    private record Post(Lang lang, Officer me, UUID id, Response answer) {
    }

    /** Signed in (else to the sign-in page), sent from this site's own page (else 403), a recommendation id (else 404). */
    private Post post(String id, HttpHeaders headers) {
        Lang lang = ConsoleChrome.lang(headers);
        Officer me = session.officer(headers);
        if (me == null) {
            return new Post(lang, null, null, Response.seeOther(URI.create("/console/sign-in")).build());
        }
        if (!ConsoleChrome.sameOrigin(headers)) {
            return new Post(lang, me, null,
                    ConsoleChrome.message(403, lang, "console.origin.title", "console.origin.text"));
        }
        UUID uuid = ConsoleChrome.uuid(id);
        if (uuid == null) {
            return new Post(lang, me, null,
                    ConsoleChrome.message(404, lang, "error.notfound.title", "error.notfound.text"));
        }
        return new Post(lang, me, uuid, null);
    }

    /**
     * A service's refusal (a rule, a stale ETag, a file it does not take) is the recommendation's page with the
     * service's own words, in the officer's language, above the form; an expired session or a failing service is an
     * error page.
     */
    private Response refused(ApiException e, Post p) throws ApiException {
        if (e.getCode() == 401 || e.getCode() >= 500) {
            throw e;
        }
        return Response.status(e.getCode()).entity(detail(p.id(), p.me(), p.lang(), ConsoleChrome.problem(e), false))
                .build();
    }

    // --- the inspected side's queue ---

    /**
     * What is addressed to the officer's unit (and, for a mass-organisation officer, to their organisation) and not
     * yet verified or cancelled, the earliest due first.
     */
    @GET
    @Path("queue")
    public Response queue(@Context HttpHeaders headers) throws Exception {
        Lang lang = ConsoleChrome.lang(headers);
        Officer me = session.officer(headers);
        if (me == null) {
            return Response.seeOther(URI.create("/console/sign-in")).build();
        }
        BodyType body = null;
        if (me.orgType() != null) {
            try {
                body = BodyType.fromValue(me.orgType());
            } catch (IllegalArgumentException e) {
                body = null;
            }
        }
        var page = backend.recommendations().listRecommendations(body, null, null, null, null, 100, null, null,
                "dueDate", null, me.unitCode(), null, me.headers(lang.code));
        List<ConsoleViews.RecommendationRow> rows = page.getItems().stream()
                .filter(r -> r.getStatus() != RecommendationStatus.VERIFIED
                        && r.getStatus() != RecommendationStatus.CANCELLED)
                .map(r -> row(r, lang)).toList();
        return Response.ok(ConsoleChrome.page(queuePage, lang, me, Texts.get(lang, "console.queue.title"),
                unread(me, lang)).data("rows", rows)).build();
    }

    @POST
    @Path("recommendations/{id}/report")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response report(@PathParam("id") String id, @FormParam("etag") String etag, @FormParam("kind") String kind,
            @FormParam("text") String text, @FormParam("percent") String percent,
            @FormParam("evidenceTitle") String evidenceTitle, @FormParam("evidenceUri") String evidenceUri,
            @Context HttpHeaders headers) throws Exception {
        return report(id, etag, kind, text, percent, evidenceTitle, evidenceUri, null, headers);
    }

    /**
     * The report form as the page sends it (multipart, so that it can carry an evidence file without any script):
     * the file is uploaded to the recommendation with the officer's own token, then named in the report by its id.
     */
    @POST
    @Path("recommendations/{id}/report")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response reportWithFile(@PathParam("id") String id, @RestForm("etag") String etag,
            @RestForm("kind") String kind, @RestForm("text") String text, @RestForm("percent") String percent,
            @RestForm("evidenceTitle") String evidenceTitle, @RestForm("evidenceUri") String evidenceUri,
            @RestForm("evidenceFile") FileUpload evidenceFile, @Context HttpHeaders headers) throws Exception {
        // A browser sends an empty, nameless part when no file was chosen: that is no file.
        FileUpload file = evidenceFile == null
                || (evidenceFile.size() == 0 && (evidenceFile.fileName() == null || evidenceFile.fileName().isBlank()))
                        ? null
                        : evidenceFile;
        return report(id, etag, kind, text, percent, evidenceTitle, evidenceUri, file, headers);
    }

    private Response report(String id, String etag, String kind, String text, String percent, String evidenceTitle,
            String evidenceUri, FileUpload file, HttpHeaders headers) throws Exception {
        Post p = post(id, headers);
        if (p.answer() != null) {
            return p.answer();
        }
        boolean completion = "COMPLETION".equals(kind);
        String error = null;
        Integer pct = null;
        String t = text == null ? "" : text.strip();
        String title = evidenceTitle == null ? "" : evidenceTitle.strip();
        String uri = evidenceUri == null ? "" : evidenceUri.strip();
        if (!completion && !"PROGRESS".equals(kind)) {
            error = "console.report.error.kind";
        } else if (t.isEmpty()) {
            error = "console.report.error.text";
        } else if (completion && file == null && (title.isEmpty() || uri.isEmpty())) {
            error = "console.report.error.evidence";
        } else if (file != null && file.size() > MAX_EVIDENCE_BYTES) {
            error = "console.report.error.file.size";
        } else if (!uri.isEmpty() && !uri.matches("https?://\\S+")) {
            error = "console.report.error.uri";
        } else if (!completion) {
            try {
                pct = Integer.parseInt(percent == null ? "" : percent.strip());
            } catch (NumberFormatException e) {
                pct = -1;
            }
            if (pct < 0 || pct > 100) {
                error = "console.report.error.percent";
            }
        }
        if (error != null) {
            return Response.status(400).entity(detail(p.id(), p.me(), p.lang(), Texts.get(p.lang(), error), false))
                    .build();
        }
        List<ReportEvidenceInput> evidence = new ArrayList<>();
        try {
            if (file != null) {
                evidence.add(uploaded(p.id(), file, title, p.me(), p.lang()));
            }
            if (!uri.isEmpty()) {
                evidence.add(new ReportEvidenceInput().title(title.isEmpty() ? uri : title).uri(uri));
            }
            // If the service refuses the report now, the file just uploaded is named by nothing: inspection-service
            // deletes such files after a grace period (ReportEvidencePurge), so nothing is left behind here.
            sendReport(p, completion, t, pct, evidence, etag);
        } catch (ApiException e) {
            return refused(e, p);
        }
        return Response.seeOther(URI.create("/console/recommendations/" + p.id() + "?done=reported")).build();
    }

    /**
     * Sends the officer's report of the recommendation: completion (then verified by the steering side) or progress
     * with its percent, with its evidence, a fresh Idempotency-Key and the page's ETag as If-Match.
     */
    private void sendReport(Post p, boolean completion, String text, Integer percent,
            List<ReportEvidenceInput> evidence, String etag) throws ApiException {
        String key = UUID.randomUUID().toString();
        Map<String, String> headers = p.me().headers(p.lang().code);
        if (completion) {
            backend.recommendations().reportCompletion(p.id(), new CompletionInput().text(text).evidence(evidence), key,
                    etag, headers);
        } else {
            backend.recommendations().reportProgress(p.id(), new ProgressInput().text(text).percent(percent)
                    .evidence(evidence), key, etag, headers);
        }
    }

    /**
     * Uploads the officer's evidence file to the recommendation (the service checks it: type, size, who may) and
     * returns the report's reference to it, titled so that the report shows the file by its name.
     */
    private ReportEvidenceInput uploaded(UUID recommendation, FileUpload file, String title, Officer me, Lang lang)
            throws ApiException, IOException {
        String name = evidenceFileName(file.fileName());
        // The generated client sends a file under its own name: a private directory holds a copy named as uploaded.
        java.nio.file.Path dir = Files.createTempDirectory("evidence");
        java.nio.file.Path copy = dir.resolve(name);
        try {
            Files.copy(file.uploadedFile(), copy);
            EvidenceView stored = backend.recommendations().uploadReportEvidence(recommendation, copy.toFile(),
                    title.isEmpty() ? name : title, EvidenceKind.REPORT, UUID.randomUUID().toString(), null, null,
                    me.headers(lang.code));
            String shown = title.isEmpty() ? stored.getFileName() : title + " (" + stored.getFileName() + ")";
            return new ReportEvidenceInput().title(shown).evidenceId(stored.getId());
        } finally {
            Files.deleteIfExists(copy);
            Files.deleteIfExists(dir);
        }
    }

    /** The last segment of a browser's file name, without what cannot stand in a file name here. */
    static String evidenceFileName(String sent) {
        String name = sent == null ? "" : sent.substring(Math.max(sent.lastIndexOf('/'), sent.lastIndexOf('\\')) + 1);
        name = name.replaceAll("[\\p{Cntrl}:*?\"<>|]", "_").strip();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            return "evidence";
        }
        return name.length() > 200 ? name.substring(name.length() - 200) : name;
    }

    @GET
    @Path("inbox")
    public Response inbox(@QueryParam("cursor") String cursor, @Context HttpHeaders headers) throws Exception {
        Lang lang = ConsoleChrome.lang(headers);
        Officer me = session.officer(headers);
        if (me == null) {
            return Response.seeOther(URI.create("/console/sign-in")).build();
        }
        if (cursor != null && cursor.length() > 500) {
            return ConsoleChrome.badInput(lang, "console.error.filter");
        }
        var page = backend.inbox().listInbox(cursor, 50, null, me.headers(lang.code));
        var rows = page.getItems().stream().map(e -> new ConsoleViews.InboxRow(e.getId().toString(), e.getTitle(),
                e.getBody(), Dates.dayTime(e.getCreatedAt()), e.getReadAt() == null,
                e.getRecommendationId() == null ? null : e.getRecommendationId().toString())).toList();
        long unread = page.getUnreadCount() == null ? 0 : page.getUnreadCount();
        return Response.ok(ConsoleChrome.page(inboxPage, lang, me, Texts.get(lang, "console.inbox.title"), unread)
                .data("rows", rows).data("next", page.getNextCursor() == null
                        ? null
                        : "/console/inbox?cursor=" + URLEncoder.encode(page.getNextCursor(), StandardCharsets.UTF_8)))
                .build();
    }

    /** The unit and year of a page, checked; the officer's own unit when none is asked for. */
    static final class Filter {
        String unit;
        Integer year;
        String error;
        String unitName;
        long total;
        long overdue;
        String rate;

        static Filter of(String unit, String year, Officer me) {
            Filter f = new Filter();
            f.unit = unit == null || unit.isBlank() ? me.unitCode() : unit.strip();
            if (f.unit == null || !UNIT.matcher(f.unit).matches()) {
                f.error = "console.error.unit";
                return f;
            }
            if (year != null && !year.isBlank()) {
                try {
                    f.year = Integer.parseInt(year.strip());
                } catch (NumberFormatException e) {
                    f.error = "console.error.year";
                    return f;
                }
                if (f.year < 2000 || f.year > 2100) {
                    f.error = "console.error.year";
                }
            }
            return f;
        }
    }

}
