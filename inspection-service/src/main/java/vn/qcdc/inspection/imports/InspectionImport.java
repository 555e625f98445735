package vn.qcdc.inspection.imports;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.validation.Validator;

import org.hibernate.Session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.qcdc.api.access.Access;
import vn.qcdc.api.imports.ImportFile;
import vn.qcdc.api.imports.ImportHeaders;
import vn.qcdc.api.imports.ImportPass;
import vn.qcdc.api.imports.ImportStatus;
import vn.qcdc.api.imports.RowError;
import vn.qcdc.api.time.ClockProducer;
import vn.qcdc.backbone.outbox.Outbox;
import vn.qcdc.events.EventTypes;
import vn.qcdc.events.Topics;
import vn.qcdc.events.inspection.InspectionEvents;
import vn.qcdc.inspection.delegation.Delegation;
import vn.qcdc.inspection.delegation.DelegationService;
import vn.qcdc.inspection.imports.ImportRows.DelegationRow;
import vn.qcdc.inspection.imports.ImportRows.FindingRow;
import vn.qcdc.inspection.imports.ImportRows.Header;
import vn.qcdc.inspection.imports.ImportRows.RecommendationRow;
import vn.qcdc.inspection.inspection.Inspection;
import vn.qcdc.inspection.inspection.InspectionService;
import vn.qcdc.inspection.recommendation.Recommendation;
import vn.qcdc.inspection.search.SearchKeys;
import vn.qcdc.units.AdministrativeUnits;

/**
 * Imports a file of past inspections with their findings and recommendations: one pass over the file on disk, every
 * row checked and every error recorded, the valid rows written in chunks of {@value ImportPass#CHUNK} with their history and
 * their events in the outbox (see {@link #run} for what commits when). A row whose external id was imported before
 * updates that record instead of adding one.
 *
 * <p>
 * Past dates set off no alarm: the recommendations go out as {@code recommendation.issued} with their conclusion date,
 * and the notification service plans nothing for a due date already past when its plan starts.
 */
@ApplicationScoped
public class InspectionImport {

    @Inject
    EntityManager em;

    @Inject
    Access access;

    @Inject
    AdministrativeUnits units;

    @Inject
    DelegationService delegations;

    @Inject
    Validator validator;

    @Inject
    InspectionService inspectionService;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    ObjectMapper mapper;

    /** The columns of an inspection file. */
    static final ImportHeaders<InspectionColumn> HEADERS = ImportHeaders.of(InspectionColumn.class);

    /**
     * Runs the job to its end in one pass over the file ({@link ImportPass}: what commits when); the job's counts are
     * committed as it goes.
     */
    public void run(UUID jobId, Path file, ImportFile.Format format, String scope, boolean dryRun,
            boolean validRowsOnly) {
        LocalDate today = LocalDate.now(clock.withZone(ClockProducer.VIETNAM));
        Counts counts = new Counts();
        ImportRows rules = new ImportRows(access, units, delegations, validator, today, scope);
        Writer writer = new Writer(counts);
        ImportPass.run(em, mapper, jobId, file, format, HEADERS, dryRun, validRowsOnly,
                new ImportPass.Steps<InspectionColumn, Object>() {
                    @Override
                    public Object check(ImportFile.Row<InspectionColumn> row, List<RowError> errors) {
                        return rules.check(row, errors);
                    }

                    @Override
                    public void write(List<Object> rows) {
                        writer.write(rows);
                    }

                    @Override
                    public void record(ImportPass.Counts pass, ImportStatus status) {
                        update(jobId, pass, counts, status);
                    }

                    @Override
                    public void end() {
                        writer.closeDone();
                    }

                    @Override
                    public void rolledBack() {
                        counts.nothingWritten();
                    }
                });
    }

    /** What the job has written so far, by kind of record (one thread writes it). */
    static final class Counts {
        long delegationsCreated;
        long delegationsUpdated;
        long inspectionsCreated;
        long inspectionsUpdated;
        long recommendationsCreated;
        long recommendationsUpdated;
        long findingsCreated;
        long findingsUpdated;

        /** A whole-file import rolled back: what the chunks had written is gone. */
        void nothingWritten() {
            delegationsCreated = 0;
            delegationsUpdated = 0;
            inspectionsCreated = 0;
            inspectionsUpdated = 0;
            recommendationsCreated = 0;
            recommendationsUpdated = 0;
            findingsCreated = 0;
            findingsUpdated = 0;
        }
    }

    private void update(UUID jobId, ImportPass.Counts pass, Counts n, ImportStatus status) {
        ImportJob j = ImportJob.findById(jobId);
        j.progress(pass, status, OffsetDateTime.now(clock));
        j.delegationsCreated = n.delegationsCreated;
        j.delegationsUpdated = n.delegationsUpdated;
        j.inspectionsCreated = n.inspectionsCreated;
        j.inspectionsUpdated = n.inspectionsUpdated;
        j.recommendationsCreated = n.recommendationsCreated;
        j.recommendationsUpdated = n.recommendationsUpdated;
        j.findingsCreated = n.findingsCreated;
        j.findingsUpdated = n.findingsUpdated;
    }

    interface Work {
        void run(Connection c) throws SQLException;
    }

    private void jdbc(Work w) {
        em.unwrap(Session.class).doWork(w::run);
    }

    /** Writes chunks; remembers the inspections it wrote or found, and their next recommendation number. */
    private final class Writer {
        final Counts counts;
        final Map<String, UUID> inspections = new HashMap<>();
        final Map<UUID, Integer> nextSeq = new HashMap<>();
        final Set<String> updatedInspections = new HashSet<>();

        /** The inspections the file wrote to, closed at its end if every recommendation is verified or cancelled. */
        final Set<UUID> touched = new HashSet<>();

        Writer(Counts counts) {
            this.counts = counts;
        }

        /**
         * Closes the file's inspections whose recommendations are all verified or cancelled, as the last verification
         * does in live operation (at the file's end: an inspection's rows may span chunks).
         */
        void closeDone() {
            touched.forEach(inspectionService::closeIfDone);
        }

        /** Writes a chunk within the current transaction (the pass decides which). */
        void write(List<Object> rows) {
            history.clear();
            events.clear();
            OffsetDateTime now = OffsetDateTime.now(clock);
            String actor = access.actor();
            List<RecommendationRow> recs = new ArrayList<>();
            List<FindingRow> findings = new ArrayList<>();
            List<Object> inspectionRows = new ArrayList<>();
            for (Object o : rows) {
                if (o instanceof DelegationRow d) {
                    // through the delegation service, as the API writes them (the file's inspections follow)
                    boolean existed = Delegation.count("id", d.id()) > 0;
                    delegations.importDelegation(d.id(), d.externalId(), d.input());
                    if (existed) {
                        counts.delegationsUpdated++;
                    } else {
                        counts.delegationsCreated++;
                    }
                    continue;
                }
                inspectionRows.add(o);
                if (o instanceof RecommendationRow r) {
                    recs.add(r);
                } else if (o instanceof FindingRow f) {
                    findings.add(f);
                }
            }
            em.flush();
            inspections(inspectionRows, now, actor);
            // nothing managed is left to dirty-check on each of the chunk's native statements
            em.flush();
            em.clear();
            inspectionRows.forEach(o -> touched.add(inspections.get(header(o).externalId())));
            recommendations(recs, now, actor);
            findings(findings, now, actor);
            flushHistory();
            outbox.publishAll(events);
        }

        private Header header(Object o) {
            return o instanceof RecommendationRow r ? r.inspection() : ((FindingRow) o).inspection();
        }

        private void inspections(List<Object> rows, OffsetDateTime now, String actor) {
            Map<String, Header> wanted = new HashMap<>();
            for (Object o : rows) {
                Header h = header(o);
                if (!inspections.containsKey(h.externalId())) {
                    wanted.putIfAbsent(h.externalId(), h);
                }
            }
            if (wanted.isEmpty()) {
                return;
            }
            @SuppressWarnings("unchecked")
            List<Object[]> found = em.createNativeQuery("SELECT external_id, id FROM inspection"
                    + " WHERE external_id = ANY(?1)").setParameter(1, wanted.keySet().toArray(new String[0]))
                    .getResultList();
            for (Object[] f : found) {
                UUID id = (UUID) f[1];
                inspections.put((String) f[0], id);
                Header h = wanted.remove((String) f[0]);
                if (updatedInspections.add(h.externalId())) {
                    em.createNativeQuery("UPDATE inspection SET conclusion_date = ?2, conclusion_signer = ?3,"
                            + " conclusion_text = COALESCE(?4, conclusion_text), year_assessed = ?5, updated_at = ?6,"
                            + " updated_by = ?7, version = version + 1 WHERE id = ?1").setParameter(1, id)
                            .setParameter(2, h.conclusionDate()).setParameter(3, h.signer())
                            .setParameter(4, h.conclusionText()).setParameter(5, h.yearAssessed())
                            .setParameter(6, now).setParameter(7, actor).executeUpdate();
                    Integer max = (Integer) em.createNativeQuery("SELECT max(seq) FROM recommendation"
                            + " WHERE inspection_id = ?1").setParameter(1, id).getSingleResult();
                    nextSeq.put(id, max == null ? 1 : max + 1);
                    counts.inspectionsUpdated++;
                }
            }
            for (Header h : wanted.values()) {
                Inspection i = new Inspection();
                i.id = UUID.randomUUID();
                i.delegationId = h.delegation().id;
                i.unitCode = h.unit().code();
                i.unitName = h.unit().name();
                i.steeringUnitCode = h.delegation().committeeUnitCode;
                i.scheduledDate = h.scheduledDate();
                i.yearAssessed = h.yearAssessed();
                i.topics = h.delegation().topics;
                i.status = Inspection.Status.CONCLUDED.name();
                i.conclusionText = h.conclusionText() == null ? "" : h.conclusionText();
                i.conclusionSigner = h.signer();
                i.conclusionDate = h.conclusionDate();
                i.concludedAt = now;
                i.searchKey = SearchKeys.inspection(i, h.delegation());
                i.searchVersion = SearchKeys.VERSION;
                i.createdAt = now;
                i.createdBy = actor;
                i.updatedAt = now;
                i.updatedBy = actor;
                i.persist();
                em.flush();
                em.createNativeQuery("UPDATE inspection SET external_id = ?2 WHERE id = ?1").setParameter(1, i.id)
                        .setParameter(2, h.externalId()).executeUpdate();
                history(i.id, i.id, "INSPECTION", "IMPORTED", Map.of("externalId", h.externalId(), "conclusionDate",
                        h.conclusionDate().toString()), now, actor);
                events.add(new Outbox.Pending(Topics.INSPECTION, EventTypes.INSPECTION_SCHEDULED, i.id.toString(),
                        "inspection/" + i.id, new InspectionEvents.InspectionScheduled(i.id, i.delegationId,
                                i.unitCode, i.unitName, i.steeringUnitCode, i.scheduledDate, i.yearAssessed,
                                List.of(i.topics))));
                events.add(new Outbox.Pending(Topics.INSPECTION, EventTypes.INSPECTION_CONCLUDED, i.id.toString(),
                        "inspection/" + i.id, new InspectionEvents.InspectionConcluded(i.id, i.unitCode,
                                i.steeringUnitCode, i.conclusionDate, i.conclusionSigner, 0, false)));
                inspections.put(h.externalId(), i.id);
                nextSeq.put(i.id, 1);
                updatedInspections.add(h.externalId());
                counts.inspectionsCreated++;
            }
        }

        private void recommendations(List<RecommendationRow> rows, OffsetDateTime now, String actor) {
            if (rows.isEmpty()) {
                return;
            }
            Map<String, Object[]> existing = new HashMap<>();
            @SuppressWarnings("unchecked")
            List<Object[]> found = em.createNativeQuery("SELECT external_id, id, due_date, status FROM recommendation"
                    + " WHERE external_id = ANY(?1)")
                    .setParameter(1, rows.stream().map(RecommendationRow::externalId).toArray(String[]::new))
                    .getResultList();
            found.forEach(f -> existing.put((String) f[0], f));
            List<Object[]> inserts = new ArrayList<>();
            List<Object[]> updates = new ArrayList<>();
            for (RecommendationRow r : rows) {
                UUID inspectionId = inspections.get(r.inspection().externalId());
                Recommendation x = new Recommendation();
                x.content = r.content();
                x.unitName = r.inspection().unit().name();
                x.addressees = r.addressees();
                String searchKey = SearchKeys.recommendation(x, r.inspection().signer());
                String addressees = json(r.addressees());
                String[] types = r.addressees().stream().map(a -> a.bodyType().name()).distinct()
                        .toArray(String[]::new);
                OffsetDateTime completedAt = r.completionReportedOn() == null ? null : now;
                OffsetDateTime verifiedAt = r.verifiedOn() == null ? null : now;
                Object[] before = existing.get(r.externalId());
                if (before == null) {
                    UUID id = UUID.randomUUID();
                    int seq = nextSeq.merge(inspectionId, 1, Integer::sum) - 1;
                    inserts.add(new Object[]{id, inspectionId, seq, r.content(), searchKey,
                            r.inspection().unit().code(), r.inspection().unit().name(),
                            r.inspection().delegation().committeeUnitCode, r.inspection().yearAssessed(),
                            r.area().name(), r.priority().name(), r.dueDate(), r.originalDueDate(),
                            r.status().name(), addressees, types, r.progressPercent(), completedAt, verifiedAt,
                            r.completionReportedOn(), r.verifiedOn(), r.externalId()});
                    history(id, inspectionId, "RECOMMENDATION", "IMPORTED",
                            Map.of("externalId", r.externalId(), "dueDate", r.dueDate().toString()), now, actor);
                    events.add(new Outbox.Pending(Topics.INSPECTION, EventTypes.RECOMMENDATION_ISSUED, id.toString(),
                            "recommendation/" + id,
                            new InspectionEvents.RecommendationIssued(id, inspectionId,
                                    r.inspection().unit().code(), r.inspection().unit().name(),
                                    r.inspection().delegation().committeeUnitCode, r.content(), r.area().name(),
                                    r.priority().name(), r.dueDate(), r.addressees(),
                                    r.inspection().conclusionDate())));
                    statusEvents(id, r, null);
                    counts.recommendationsCreated++;
                } else {
                    UUID id = (UUID) before[1];
                    LocalDate previousDue = toLocalDate(before[2]);
                    Recommendation.Status previous = Recommendation.Status.valueOf((String) before[3]);
                    updates.add(new Object[]{r.content(), searchKey, r.area().name(), r.priority().name(),
                            r.dueDate(), r.originalDueDate(), r.status().name(), addressees, types,
                            r.progressPercent(), r.completionReportedOn(), r.verifiedOn(), now, actor, id});
                    if (!r.dueDate().equals(previousDue) && !previous.finished()) {
                        events.add(new Outbox.Pending(Topics.INSPECTION, EventTypes.RECOMMENDATION_DEADLINE_CHANGED,
                                id.toString(), "recommendation/" + id,
                                new InspectionEvents.RecommendationDeadlineChanged(id, r.inspection().unit().code(),
                                        previousDue, r.dueDate(), "import")));
                    }
                    if (previous != r.status()) {
                        statusEvents(id, r, previous);
                    }
                    history(id, inspectionId, "RECOMMENDATION", "REIMPORTED",
                            Map.of("externalId", r.externalId(), "dueDate", r.dueDate().toString(), "status",
                                    r.status().name()),
                            now, actor);
                    counts.recommendationsUpdated++;
                }
            }
            jdbc(c -> {
                if (!inserts.isEmpty()) {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO recommendation (id, inspection_id,"
                            + " seq, content, search_key, unit_code, unit_name, steering_unit_code, year_assessed,"
                            + " area, priority, due_date, original_due_date, status, addressees, addressee_types,"
                            + " progress_percent, completion_reported_at, verified_at, completion_reported_on,"
                            + " verified_on, external_id, search_version, created_at, created_by, updated_at,"
                            + " updated_by, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                            + " CAST(? AS jsonb), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)")) {
                        for (Object[] v : inserts) {
                            for (int k = 0; k < v.length; k++) {
                                if (v[k] instanceof String[] a) {
                                    ps.setArray(k + 1, c.createArrayOf("text", a));
                                } else {
                                    ps.setObject(k + 1, v[k]);
                                }
                            }
                            ps.setShort(23, SearchKeys.VERSION);
                            ps.setObject(24, now);
                            ps.setString(25, actor);
                            ps.setObject(26, now);
                            ps.setString(27, actor);
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                }
                if (!updates.isEmpty()) {
                    try (PreparedStatement ps = c.prepareStatement("UPDATE recommendation SET content = ?,"
                            + " search_key = ?, area = ?, priority = ?, due_date = ?, original_due_date = ?,"
                            + " status = ?, addressees = CAST(? AS jsonb), addressee_types = ?,"
                            + " progress_percent = ?, completion_reported_on = ?, verified_on = ?,"
                            + " updated_at = ?, updated_by = ?, version = version + 1 WHERE id = ?")) {
                        for (Object[] v : updates) {
                            for (int k = 0; k < v.length; k++) {
                                if (v[k] instanceof String[] a) {
                                    ps.setArray(k + 1, c.createArrayOf("text", a));
                                } else {
                                    ps.setObject(k + 1, v[k]);
                                }
                            }
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                }
            });
        }

        /** The events that take a plan from issued to the row's state (the notification service ends or pauses it). */
        private void statusEvents(UUID id, RecommendationRow r, Recommendation.Status previous) {
            String unit = r.inspection().unit().code();
            String subject = "recommendation/" + id;
            String actor = access.actor();
            switch (r.status()) {
                case COMPLETION_REPORTED -> events.add(new Outbox.Pending(Topics.INSPECTION,
                        EventTypes.RECOMMENDATION_COMPLETION_REPORTED, id.toString(), subject,
                        new InspectionEvents.RecommendationCompletionReported(id, unit, actor,
                                r.completionReportedOn())));
                case VERIFIED -> {
                    if (previous != Recommendation.Status.COMPLETION_REPORTED) {
                        events.add(new Outbox.Pending(Topics.INSPECTION, EventTypes.RECOMMENDATION_COMPLETION_REPORTED,
                                id.toString(), subject, new InspectionEvents.RecommendationCompletionReported(id,
                                        unit, actor, r.completionReportedOn())));
                    }
                    events.add(new Outbox.Pending(Topics.INSPECTION, EventTypes.RECOMMENDATION_VERIFIED, id.toString(),
                            subject,
                            new InspectionEvents.RecommendationVerified(id, unit, actor, r.verifiedOn())));
                }
                case CANCELLED -> events.add(new Outbox.Pending(Topics.INSPECTION, EventTypes.RECOMMENDATION_CANCELLED,
                        id.toString(), subject, new InspectionEvents.RecommendationCancelled(id, unit, "import")));
                default -> {
                    // ISSUED, IN_PROGRESS: the issued event is enough for the follow-up
                }
            }
        }

        private void findings(List<FindingRow> rows, OffsetDateTime now, String actor) {
            for (FindingRow f : rows) {
                UUID inspectionId = inspections.get(f.inspection().externalId());
                int n = em.createNativeQuery("UPDATE finding SET kind = ?2, area = ?3, text = ?4, updated_at = ?5,"
                        + " updated_by = ?6, version = version + 1 WHERE external_id = ?1")
                        .setParameter(1, f.externalId()).setParameter(2, f.kind().name())
                        .setParameter(3, f.area().name()).setParameter(4, f.text()).setParameter(5, now)
                        .setParameter(6, actor).executeUpdate();
                if (n > 0) {
                    counts.findingsUpdated++;
                    continue;
                }
                em.createNativeQuery("INSERT INTO finding (id, inspection_id, kind, area, text, created_at,"
                        + " created_by, updated_at, updated_by, version, external_id)"
                        + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?6, ?7, 0, ?8)").setParameter(1, UUID.randomUUID())
                        .setParameter(2, inspectionId).setParameter(3, f.kind().name())
                        .setParameter(4, f.area().name()).setParameter(5, f.text()).setParameter(6, now)
                        .setParameter(7, actor).setParameter(8, f.externalId()).executeUpdate();
                counts.findingsCreated++;
            }
        }

        /** Events of the chunk, written to the outbox in one batch at its end. */
        final List<Outbox.Pending> events = new ArrayList<>();

        /** History rows of the chunk, written in one batch at its end. */
        final List<Object[]> history = new ArrayList<>();

        private void history(UUID aggregate, UUID inspection, String type, String action, Map<String, ?> detail,
                OffsetDateTime now, String actor) {
            history.add(new Object[]{type, aggregate, inspection, now, actor, action, json(detail)});
        }

        private void flushHistory() {
            if (history.isEmpty()) {
                return;
            }
            jdbc(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO change_history (aggregate_type,"
                        + " aggregate_id, inspection_id, at, actor, action, detail)"
                        + " VALUES (?, ?, ?, ?, ?, ?, CAST(? AS jsonb))")) {
                    for (Object[] v : history) {
                        for (int k = 0; k < v.length; k++) {
                            ps.setObject(k + 1, v[k]);
                        }
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            });
            history.clear();
        }
    }

    private String json(Object o) {
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static LocalDate toLocalDate(Object o) {
        if (o instanceof LocalDate d) {
            return d;
        }
        if (o instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        return LocalDate.parse(String.valueOf(o));
    }

}
