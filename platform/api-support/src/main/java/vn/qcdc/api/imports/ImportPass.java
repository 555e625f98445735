package vn.qcdc.api.imports;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * One pass over an import file, the same for every service: every row checked and every error recorded, the valid
 * rows written in chunks of {@value #CHUNK}, the job's counts committed as it goes so another request sees its
 * progress. A dry run only checks. With {@code validRowsOnly} each chunk of valid rows commits on its own. Otherwise
 * the whole file is one transaction: its chunks are written as they come, and the first error stops the writing and
 * rolls everything back, the rest of the file still being checked so that every error is reported.
 *
 * <p>
 * What a row is and how it is written is the service's ({@link Steps}); the job's row is too (each service keeps its
 * own {@code import_job} table with its own counts).
 */
public final class ImportPass {

    public static final int CHUNK = 1000;
    /** The pass over a large file runs in one transaction that outlives the default 60 s. */
    public static final int LONGEST = 3600;

    /** What the pass has done so far (one thread writes it). */
    public static final class Counts {
        public long read;
        public long invalid;
        public long written;
    }

    /** The service's part: its rows, how they are written, and its job's row. */
    public interface Steps<C extends Enum<C> & ImportColumn, R> {

        /** The row's record, or null with its errors added to {@code errors}. */
        R check(ImportFile.Row<C> row, List<RowError> errors);

        /** Writes valid rows within the current transaction (their history and events in the outbox). */
        void write(List<R> rows);

        /** Records the counts (and, when it is given, the final status) on the job, within the current transaction. */
        void record(Counts counts, ImportStatus status);

        /**
         * After the last chunk, within the writing transaction: what needs every row of the file (an inspection closed
         * once all its recommendations are verified). Not called for a dry run or a file rolled back.
         */
        default void end() {
        }

        /** A whole-file import was rolled back: what the chunks had written is gone, so are its counts. */
        void rolledBack();
    }

    private ImportPass() {
    }

    /** Runs the job to its end; returns its final status (recorded on the job). */
    public static <C extends Enum<C> & ImportColumn, R> ImportStatus run(EntityManager em, ObjectMapper mapper,
            UUID jobId, Path file, ImportFile.Format format, ImportHeaders<C> headers, boolean dryRun,
            boolean validRowsOnly, Steps<C, R> steps) {
        Counts counts = new Counts();
        boolean wholeFile = !dryRun && !validRowsOnly;
        List<RowError> pending = new ArrayList<>();
        List<R> chunk = new ArrayList<>(CHUNK);
        Runnable writeChunk = () -> {
            List<R> rows = List.copyOf(chunk);
            chunk.clear();
            (wholeFile ? QuarkusTransaction.joiningExisting() : QuarkusTransaction.requiringNew().timeout(300))
                    .run(() -> {
                        steps.write(rows);
                        counts.written += rows.size();
                        if (!wholeFile) {
                            // the chunk's counts commit with it
                            steps.record(counts, null);
                        }
                    });
        };
        Runnable pass = () -> {
            ImportFile.read(file, format, mapper, headers, row -> {
                counts.read++;
                List<RowError> errors = new ArrayList<>();
                R record = steps.check(row, errors);
                if (!errors.isEmpty() || record == null) {
                    counts.invalid++;
                    pending.addAll(errors);
                } else if (!dryRun && !(wholeFile && counts.invalid > 0)) {
                    chunk.add(record);
                }
                if (chunk.size() >= CHUNK) {
                    writeChunk.run();
                }
                if (pending.size() >= CHUNK || counts.read % 5000 == 0) {
                    ImportErrors.save(em, jobId, pending);
                    pending.clear();
                    QuarkusTransaction.requiringNew().run(() -> steps.record(counts, null));
                }
            });
            if (!chunk.isEmpty() && !(wholeFile && counts.invalid > 0)) {
                writeChunk.run();
            }
            if (wholeFile && counts.invalid > 0) {
                throw new RolledBack();
            }
            if (!dryRun) {
                (wholeFile ? QuarkusTransaction.joiningExisting() : QuarkusTransaction.requiringNew().timeout(300))
                        .run(steps::end);
            }
        };
        try {
            QuarkusTransaction.requiringNew().timeout(LONGEST).run(pass);
        } catch (RolledBack e) {
            // the whole file had errors: what its chunks wrote is rolled back
        } catch (RuntimeException e) {
            if (!(e.getCause() instanceof RolledBack)) {
                throw e;
            }
        }
        ImportErrors.save(em, jobId, pending);
        if (wholeFile && counts.invalid > 0) {
            counts.written = 0;
            steps.rolledBack();
        }
        ImportStatus status;
        if (dryRun || (wholeFile && counts.invalid > 0)) {
            status = counts.invalid == 0 ? ImportStatus.VALID : ImportStatus.INVALID;
        } else {
            status = ImportStatus.DONE;
        }
        QuarkusTransaction.requiringNew().run(() -> steps.record(counts, status));
        return status;
    }

    /** Ends the whole file's transaction by rolling it back (it had errors). */
    private static final class RolledBack extends RuntimeException {
        RolledBack() {
            super("the file has errors", null, false, false);
        }
    }
}
