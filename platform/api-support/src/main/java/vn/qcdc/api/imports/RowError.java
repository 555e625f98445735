package vn.qcdc.api.imports;

import java.util.List;

/**
 * One error of a row of an import file: its row number, the column (null for the row as a whole), a message key with
 * its arguments (worded in the reader's language when read) and the value refused.
 */
public record RowError(long row, String column, String code, List<String> args, String value) {
}
