package vn.qcdc.api.labels;

/**
 * A reference to one label of {@link Labels} ({@code group}, {@code value}), to be shown in the caller's language: as
 * an argument of a problem message it is replaced by its words, so messages never show codes such as
 * {@code report-progress} or {@code ISSUED}.
 */
public record Label(String group, String value) {

    public static Label of(String group, String value) {
        return new Label(group, value);
    }

    @Override
    public String toString() {
        return value;
    }
}
