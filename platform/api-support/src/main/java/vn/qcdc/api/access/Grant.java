package vn.qcdc.api.access;

/**
 * One cell of the decision table: {@code role} may perform the operation when the caller's unit has {@code relation}
 * to the record. {@code enabledBy}, when not null, names a boolean configuration property that must be true for the
 * grant to count (off by default), e.g. portals writing reports for the bodies they serve.
 */
public record Grant(String role, Relation relation, String enabledBy) {

    public static Grant of(String role, Relation relation) {
        return new Grant(role, relation, null);
    }

    public static Grant when(String property, String role, Relation relation) {
        return new Grant(role, relation, property);
    }
}
