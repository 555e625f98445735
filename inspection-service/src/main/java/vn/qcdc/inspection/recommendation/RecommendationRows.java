package vn.qcdc.inspection.recommendation;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import vn.qcdc.backbone.Jdbc;
import vn.qcdc.inspection.inspection.Area;
import vn.qcdc.inspection.recommendation.Recommendation.Status;
import vn.qcdc.inspection.recommendation.RecommendationDto.RecommendationView;

/**
 * Reads and changes recommendations as the rows the API answers with: the list and GET by id read them, and every
 * transition (progress, completion, verification, rejection, deadline, cancellation) changes the columns it changes
 * and reads the row back in one {@code UPDATE … RETURNING}, either guarded by the statuses it starts from
 * ({@link #changeIfIn}) or on a row locked and checked first ({@link #lock}). One statement each with bind
 * parameters, each row copied column by column into the view the API answers with. Hibernate's row reading
 * (result-set mapping, an initializer per entity, an assembler and an extractor per column, then the entity copied
 * into the view) was ~40% of a list's CPU and the largest cost that pgbench running the same SQL does not pay; here
 * each column is one getter of the client's row ({@link Columns}).
 *
 * <p>
 * Two clients, one mapping of the columns:
 * <ul>
 * <li>the reads (the list, GET by id: {@link #read}, {@link #byId}) go through the reactive client on the request's
 * event-loop thread, outside any transaction (each is one statement);</li>
 * <li>the transitions ({@link #select}, {@link #lock}, {@link #change}, {@link #changeIfIn}) run through JDBC on the
 * transaction's connection, without Hibernate ({@link Jdbc}: no session is opened for them), beside the history,
 * outbox and idempotency rows of the same transaction.</li>
 * </ul>
 * Either client's failure reaches the error mapping with its SQLState or its type, so an outage is the same 503 as
 * anywhere else.
 *
 * <p>
 * A transition used to load the recommendation as a managed entity under the lock and let Hibernate find the changed
 * columns at flush: the locked load and the flush (dirty checking of 25 columns, the addressees' JSON snapshot, then
 * the version read back for the ETag) were ~30% of a progress report's CPU (JFR). No entity of a recommendation is
 * loaded in a transition's transaction, so no managed copy can overwrite or hide these writes.
 */
@ApplicationScoped
public class RecommendationRows {

    /**
     * The columns of a view (authorization reads it too), in the order {@link #read} reads them. Not the search key or
     * the addressee types, which only filter (the search key is a second copy of the content). The addressees come as
     * their JSON text, which both clients hand over as it is ({@link StoredAddressees} reads it); the reactive client
     * would otherwise build a tree of JSON objects from a {@code jsonb} column first.
     */
    public static final String COLUMNS = "r.id, r.inspection_id, r.seq, r.content, r.unit_code, r.unit_name,"
            + " r.steering_unit_code, r.year_assessed, r.area, r.priority, r.due_date, r.original_due_date, r.status,"
            + " r.addressees::text AS addressees, r.progress_percent, r.last_reason, r.completion_reported_at,"
            + " r.verified_at, r.completion_reported_on, r.verified_on, r.created_at, r.created_by, r.updated_at,"
            + " r.updated_by, r.version";

    /** Reads and locks one row until the transaction ends: the row a transition checks, then changes. */
    private static final String LOCK = "SELECT " + COLUMNS + " FROM recommendation r WHERE r.id = ? FOR UPDATE";

    /** A progress report: status, percent. */
    static final Transition PROGRESS = Transition.of("report-progress", "status = 'IN_PROGRESS', progress_percent = ?",
            Status.ISSUED, Status.IN_PROGRESS);
    /** A completion report: the day it was made, the moment it was recorded. */
    static final Transition COMPLETION = Transition.of("report-completion", "status = 'COMPLETION_REPORTED',"
            + " progress_percent = 100, completion_reported_at = ?, completion_reported_on = ?", Status.ISSUED,
            Status.IN_PROGRESS);
    /** Verification: the day, the moment, the note. */
    static final Transition VERIFY = Transition.of("verify",
            "status = 'VERIFIED', verified_on = ?, verified_at = ?, last_reason = ?", Status.COMPLETION_REPORTED);
    /** A rejected completion: back in progress with the reason, the completion forgotten. */
    static final Transition REJECT = Transition.of("reject", "status = 'IN_PROGRESS', last_reason = ?,"
            + " completion_reported_at = NULL, completion_reported_on = NULL", Status.COMPLETION_REPORTED);
    /** A new due date with its reason. */
    static final Transition DEADLINE = Transition.of("change-deadline", "due_date = ?, last_reason = ?",
            Status.ISSUED, Status.IN_PROGRESS, Status.COMPLETION_REPORTED);
    /** Cancellation with its reason. */
    static final Transition CANCEL = Transition.of("cancel", "status = 'CANCELLED', last_reason = ?", Status.ISSUED,
            Status.IN_PROGRESS, Status.COMPLETION_REPORTED);

    /**
     * A transition of a recommendation: the action (as a refusal names it), the statuses it may start from, and two
     * forms of its {@code UPDATE}, each of which sets its columns (their values bound first), then who changed the
     * row and when, a new version, and answers the row as it is now ({@link #COLUMNS}):
     * <ul>
     * <li>{@code sql}, for a row {@link #lock} has locked and checked;</li>
     * <li>{@code guarded}, which changes the row only if its status is one of {@code from}: the check and the change
     * in one statement ({@link #changeIfIn}).</li>
     * </ul>
     */
    record Transition(String action, Status[] from, String sql, String guarded) {

        static Transition of(String action, String columns, Status... from) {
            String update = "UPDATE recommendation r SET " + columns
                    + ", updated_at = ?, updated_by = ?, version = r.version + 1 WHERE r.id = ?";
            // The statuses are the enum's own names, written in: the statement is the same text every time.
            String guard = Arrays.stream(from).map(s -> "'" + s.name() + "'")
                    .collect(Collectors.joining(", ", " AND r.status IN (", ")"));
            return new Transition(action, from, update + " RETURNING " + COLUMNS,
                    update + guard + " RETURNING " + COLUMNS);
        }
    }

    /** A text array parameter ({@code = ANY(?)}), told apart from a single value. */
    record TextArray(String[] values) {
    }

    /**
     * How long a read may wait for its answer, the pool included, before the API answers 503: the server's
     * {@code statement_timeout} (15 s) and a second more.
     */
    static final Duration READ_DEADLINE = Duration.ofSeconds(16);

    @Inject
    Jdbc jdbc;

    @Inject
    Pool pool;

    /** The recommendation {@code id} as it is on {@code today} (overdue or not), or null. */
    Uni<RecommendationView> byId(UUID id, LocalDate today) {
        return read(BY_ID, List.of(id), today)
                .map(found -> found.isEmpty() ? null : found.get(0));
    }

    /** GET by id's statement, in the reactive client's own numbering of parameters. */
    private static final String BY_ID = numbered("SELECT " + COLUMNS + " FROM recommendation r WHERE r.id = ?");

    /**
     * The rows of {@code sql} (which selects {@link #COLUMNS}), its parameters {@code $1}, {@code $2}, … bound to
     * {@code params} in order, as they are on {@code today}: a read of the list or of one recommendation, on the
     * reactive client. The request
     * stays on its event-loop thread from the socket to the answer: no worker thread, no blocking connection (at
     * 10^6 rows, 16 clients: the list 0.36 → 0.52–0.54 of pgbench running its SQL, GET 0.33 → 0.42–0.47;
     * {@code bench/inspection/results-8635e87.md}). The statement is prepared once per
     * connection and kept; the connection's {@code plan_cache_mode} keeps every execution planned with its values.
     * Trouble (no server, a connection refused, reset or closed, a timeout, no answer within {@link #READ_DEADLINE})
     * is a 503, as for JDBC ({@code DatabaseTrouble}): an I/O failure of this client is one of its socket to
     * PostgreSQL, and is told so here (08006), where that is known.
     */
    Uni<List<RecommendationView>> read(String sql, List<Object> params, LocalDate today) {
        Tuple tuple = Tuple.tuple();
        for (Object p : params) {
            tuple.addValue(p instanceof TextArray a ? a.values() : p);
        }
        return pool.preparedQuery(sql).execute(tuple).map(rows -> {
            List<RecommendationView> views = new ArrayList<>(rows.size());
            for (Row row : rows) {
                views.add(read(row, today));
            }
            return views;
        }).onFailure(IOException.class).transform(e -> new SQLTransientConnectionException(
                // the client's socket to PostgreSQL: refused, reset by a server going down, ...
                "the connection to the database failed: " + e, "08006", e))
                .ifNoItem().after(READ_DEADLINE).failWith(() -> new SQLTransientConnectionException(
                        "no answer from the database within " + READ_DEADLINE.toSeconds() + " s", "08006"));
    }

    /**
     * {@code sql} with its {@code ?} numbered as PostgreSQL's own parameters ({@code $1}, {@code $2}, …), which
     * the reactive client takes (JDBC takes {@code ?}). The statements here have no {@code ?} of their own (no
     * literal, no JSON operator): every value is a parameter.
     */
    static String numbered(String sql) {
        StringBuilder out = new StringBuilder(sql.length() + 16);
        int n = 0;
        for (int i = 0; i < sql.length(); i++) {
            char ch = sql.charAt(i);
            if (ch == '?') {
                out.append('$').append(++n);
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }

    /**
     * Adds {@code value} to {@code params} and answers its place in the reactive client's numbering ({@code $n}),
     * for SQL built clause by clause.
     */
    static String bind(List<Object> params, Object value) {
        params.add(value);
        return "$" + params.size();
    }

    /**
     * The recommendation {@code id} as it is on {@code today}, locked until the transaction ends (concurrent changes
     * of it wait for this one), or null.
     */
    RecommendationView lock(UUID id, LocalDate today) {
        List<RecommendationView> found = select(LOCK, List.of(id), today);
        return found.isEmpty() ? null : found.get(0);
    }

    /**
     * Applies {@code t} to the row {@link #lock} has locked and checked: {@code values} are the transition's own, then
     * {@code at} and {@code actor} are written as when and by whom. Answers the row as it is now, with its new
     * version.
     */
    RecommendationView change(Transition t, UUID id, LocalDate today, OffsetDateTime at, String actor,
            Object... values) {
        RecommendationView changed = update(t.sql(), id, today, at, actor, values);
        if (changed == null) {
            // The row is locked by this transaction since lock(): it cannot have gone.
            throw new IllegalStateException("recommendation " + id + " was not changed");
        }
        return changed;
    }

    /**
     * Applies {@code t} to recommendation {@code id} if its status is one {@code t} starts from, in one statement: the
     * {@code UPDATE} waits for a concurrent change of the row to end, then checks the status of the row as that change
     * left it (PostgreSQL re-evaluates the condition on the newest version, under READ COMMITTED), and keeps the row
     * locked until the transaction ends. Answers the row as it is now, or null if no row was changed (there is none,
     * or it is in another status). What the caller then finds wrong with the row (its right to change it,
     * {@code If-Match}) must end the transaction with a rollback, which undoes the change.
     */
    RecommendationView changeIfIn(Transition t, UUID id, LocalDate today, OffsetDateTime at, String actor,
            Object... values) {
        return update(t.guarded(), id, today, at, actor, values);
    }

    private RecommendationView update(String sql, UUID id, LocalDate today, OffsetDateTime at, String actor,
            Object... values) {
        List<Object> params = new ArrayList<>(values.length + 3);
        params.addAll(Arrays.asList(values));
        params.add(at);
        params.add(actor);
        params.add(id);
        List<RecommendationView> changed = select(sql, params, today);
        if (changed.size() > 1) {
            throw new IllegalStateException("recommendation " + id + " changed " + changed.size() + " rows");
        }
        return changed.isEmpty() ? null : changed.get(0);
    }

    /**
     * The rows of {@code sql} (which selects {@link #COLUMNS}), its {@code ?} bound to {@code params} in order, as
     * they are on {@code today}.
     */
    List<RecommendationView> select(String sql, List<Object> params, LocalDate today) {
        // the JDBC helper binds a String[] as a text[]
        List<Object> values = params.stream().map(p -> p instanceof TextArray a ? (Object) a.values() : p).toList();
        return jdbc.list(sql, values, rs -> read(rs, today));
    }

    /**
     * One row's columns by their place in {@link #COLUMNS} (from 1), from either client: a transition's
     * {@code RETURNING} through JDBC, a read through the reactive client.
     */
    private interface Columns {
        UUID uuid(int i) throws SQLException;

        int integer(int i) throws SQLException;

        long bigint(int i) throws SQLException;

        String text(int i) throws SQLException;

        LocalDate date(int i) throws SQLException;

        OffsetDateTime time(int i) throws SQLException;
    }

    private record ResultSetColumns(ResultSet rs) implements Columns {
        public UUID uuid(int i) throws SQLException {
            return rs.getObject(i, UUID.class);
        }

        public int integer(int i) throws SQLException {
            return rs.getInt(i);
        }

        public long bigint(int i) throws SQLException {
            return rs.getLong(i);
        }

        public String text(int i) throws SQLException {
            return rs.getString(i);
        }

        public LocalDate date(int i) throws SQLException {
            return rs.getObject(i, LocalDate.class);
        }

        public OffsetDateTime time(int i) throws SQLException {
            return rs.getObject(i, OffsetDateTime.class);
        }
    }

    /** A reactive row: its columns count from 0. */
    private record RowColumns(Row row) implements Columns {
        public UUID uuid(int i) {
            return row.getUUID(i - 1);
        }

        public int integer(int i) {
            return row.getInteger(i - 1);
        }

        public long bigint(int i) {
            return row.getLong(i - 1);
        }

        public String text(int i) {
            return row.getString(i - 1);
        }

        public LocalDate date(int i) {
            return row.getLocalDate(i - 1);
        }

        public OffsetDateTime time(int i) {
            return row.getOffsetDateTime(i - 1);
        }
    }

    private static RecommendationView read(ResultSet rs, LocalDate today) throws SQLException {
        return read(new ResultSetColumns(rs), today);
    }

    private static RecommendationView read(Row row, LocalDate today) {
        try {
            return read(new RowColumns(row), today);
        } catch (SQLException e) {
            throw new IllegalStateException("a reactive row does not throw SQLException", e);
        }
    }

    private static RecommendationView read(Columns c, LocalDate today) throws SQLException {
        LocalDate dueDate = c.date(11);
        Recommendation.Status status = Recommendation.Status.valueOf(c.text(13));
        return new RecommendationView(
                c.uuid(1), // id
                c.uuid(2), // inspection_id
                c.integer(3), // seq
                c.text(4), // content
                c.text(5), // unit_code
                c.text(6), // unit_name
                c.text(7), // steering_unit_code
                c.integer(8), // year_assessed
                Area.valueOf(c.text(9)),
                Recommendation.Priority.valueOf(c.text(10)),
                dueDate,
                c.date(12), // original_due_date
                status,
                Recommendation.overdue(dueDate, status, today),
                StoredAddressees.read(c.text(14)),
                c.integer(15), // progress_percent
                c.text(16), // last_reason
                c.time(17), // completion_reported_at
                c.time(18), // verified_at
                c.bigint(25), // version
                c.time(21), // created_at
                c.text(22), // created_by
                c.time(23), // updated_at
                c.text(24), // updated_by
                c.date(19), // completion_reported_on
                c.date(20)); // verified_on
    }
}
