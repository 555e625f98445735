package vn.qcdc.api.imports;

import java.util.List;

/**
 * A column of a service's import file, implemented by that service's enum of columns: the name used in reports and the
 * error file, and the Vietnamese headers that also name it (see {@link ImportHeaders} for how headers match).
 */
public interface ImportColumn {

    /** The English name ({@code due_date}); also the JSON-lines key. */
    String key();

    /** The Vietnamese headers, with diacritics as a person writes them ({@code Thời hạn}). */
    List<String> vietnamese();
}
