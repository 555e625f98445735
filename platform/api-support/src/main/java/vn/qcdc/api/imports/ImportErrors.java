package vn.qcdc.api.imports;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.Response;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.hibernate.Session;

import io.quarkus.narayana.jta.QuarkusTransaction;

import vn.qcdc.api.files.Downloads;
import vn.qcdc.api.problem.Messages;

/**
 * The errors of an import job's rows, kept in the service's {@code import_error} table (one line per error: row,
 * column, message key with its arguments, value) and worded in the reader's language when read: the job's view shows
 * the first of them, the error file ({@code errors.csv}) all.
 */
public final class ImportErrors {

    /** What an error says about a row, in the caller's language. */
    public record ImportErrorView(long row, String column, String message, String value) {
    }

    private ImportErrors() {
    }

    /** Adds {@code errors} to the job's, in a transaction of their own (they stay whatever the file's outcome). */
    public static void save(EntityManager em, UUID jobId, List<RowError> errors) {
        if (errors.isEmpty()) {
            return;
        }
        List<RowError> copy = List.copyOf(errors);
        QuarkusTransaction.requiringNew().run(() -> em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO import_error (job_id, row_no, seq,"
                    + " column_name, code, args, value) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                Map<Long, Integer> seq = new HashMap<>();
                for (RowError e : copy) {
                    ps.setObject(1, jobId);
                    ps.setLong(2, e.row());
                    // a row's errors are always saved together, so numbering them within the batch is enough
                    ps.setInt(3, seq.merge(e.row(), 1, Integer::sum));
                    ps.setString(4, e.column());
                    ps.setString(5, e.code());
                    ps.setArray(6, c.createArrayOf("text", e.args().toArray()));
                    ps.setString(7, e.value() == null ? null : e.value().replace("\u0000", ""));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }));
    }

    public static long count(EntityManager em, UUID jobId) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM import_error WHERE job_id = ?1")
                .setParameter(1, jobId).getSingleResult()).longValue();
    }

    /** The job's first {@code limit} errors, by row, in the caller's language. */
    public static List<ImportErrorView> views(EntityManager em, Messages messages, UUID jobId, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT row_no, column_name, code, args, value FROM import_error"
                + " WHERE job_id = ?1 ORDER BY row_no, seq LIMIT ?2").setParameter(1, jobId).setParameter(2, limit)
                .getResultList();
        return rows.stream().map(r -> new ImportErrorView(((Number) r[0]).longValue(), (String) r[1],
                messages.get((String) r[2], (Object[]) args(r[3])), (String) r[4])).toList();
    }

    /**
     * Every error of the job as a CSV download (row, column, message in the caller's language, value), UTF-8 with a
     * byte-order mark so spreadsheets read Vietnamese.
     */
    public static Response.ResponseBuilder csv(EntityManager em, Messages messages, UUID jobId) {
        StringWriter out = new StringWriter();
        out.write('\uFEFF');
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT)) {
            csv.printRecord(messages.get("import-error-file-row"), messages.get("import-error-file-column"),
                    messages.get("import-error-file-message"), messages.get("import-error-file-value"));
            for (ImportErrorView e : views(em, messages, jobId, Integer.MAX_VALUE)) {
                csv.printRecord(e.row(), e.column() == null ? "" : e.column(), neutralised(e.message()),
                        e.value() == null ? "" : neutralised(e.value()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Downloads.attachment(out.toString().getBytes(StandardCharsets.UTF_8), "text/csv; charset=UTF-8",
                "import-errors-" + jobId + ".csv");
    }

    private static String[] args(Object o) {
        if (o instanceof String[] s) {
            return s;
        }
        if (o instanceof Object[] a) {
            return Arrays.stream(a).map(String::valueOf).toArray(String[]::new);
        }
        return new String[0];
    }

    /** OWASP: a cell a spreadsheet would run as a formula is shown as text. */
    public static String neutralised(String text) {
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }
}
