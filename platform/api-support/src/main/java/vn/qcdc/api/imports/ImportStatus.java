package vn.qcdc.api.imports;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where an import job stands. */
@Schema(name = "ImportJobStatus")
public enum ImportStatus {
    /** Being read or written. */
    RUNNING,
    /** A dry run found no error: the file can be imported as it is. */
    VALID,
    /** Errors were found and nothing was written (a dry run, or the whole file required valid). */
    INVALID,
    /** Written: every row, or the valid rows with the others in the error file. */
    DONE,
    /** Stopped by something other than the file (the database); what was written stays, re-import completes it. */
    FAILED
}
