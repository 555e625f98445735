package vn.qcdc.api.files;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.core.MediaType;

import vn.qcdc.api.problem.Problem;
import vn.qcdc.api.problem.ProblemException;

/**
 * The kinds of file accepted as a document (evidence of an inspection or of a report): PDF, images, office and
 * OpenDocument files, RTF, plain text and CSV, by media type and by file name extension. Anything else (HTML, SVG,
 * scripts, executables, archives) is refused when it arrives, with 415 {@code unsupported-file-type}: nobody needs it
 * as evidence, and a file that is never stored cannot be served to someone else's browser.
 */
public final class DocumentTypes {

    /** Extension → the media type a document with that extension is stored as. */
    static final Map<String, String> BY_EXTENSION = Map.ofEntries(Map.entry("pdf", "application/pdf"),
            Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("png", "image/png"),
            Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"), Map.entry("bmp", "image/bmp"),
            Map.entry("tif", "image/tiff"), Map.entry("tiff", "image/tiff"), Map.entry("heic", "image/heic"),
            Map.entry("heif", "image/heif"), Map.entry("doc", "application/msword"),
            Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Map.entry("xls", "application/vnd.ms-excel"),
            Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            Map.entry("ppt", "application/vnd.ms-powerpoint"),
            Map.entry("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
            Map.entry("odt", "application/vnd.oasis.opendocument.text"),
            Map.entry("ods", "application/vnd.oasis.opendocument.spreadsheet"),
            Map.entry("odp", "application/vnd.oasis.opendocument.presentation"), Map.entry("rtf", "application/rtf"),
            Map.entry("txt", "text/plain"), Map.entry("csv", "text/csv"));

    /** Other names clients give the same types (older browsers, Windows' registry). */
    static final Map<String, String> ALIASES = Map.of("image/jpg", "image/jpeg", "image/pjpeg", "image/jpeg",
            "image/x-png", "image/png", "application/x-pdf", "application/pdf", "text/rtf", "application/rtf",
            "application/csv", "text/csv", "text/x-csv", "text/csv");

    /** Types that say nothing about the content: the file name's extension decides. */
    static final Set<String> UNTYPED = Set.of(MediaType.APPLICATION_OCTET_STREAM, "binary/octet-stream",
            "application/x-download", "application/force-download");

    static final Set<String> ACCEPTED = Set.copyOf(BY_EXTENSION.values());

    private DocumentTypes() {
    }

    /**
     * The media type to store a document as. {@code declared} is the part's type as {@link Uploads#mediaType} read it
     * (lower case, without parameters; {@code application/octet-stream} when none was sent). A declared type that
     * says nothing is replaced by the one of the name's extension. 415 on field {@code field} when the type is not a
     * document's, or the name ends in an extension that is not one (so "báo cáo.pdf.exe" is refused whatever type
     * it claims, and no stored name can make a downloaded file run).
     */
    public static String check(String field, String declared, String fileName) {
        String extension = extension(fileName);
        if (extension != null && !BY_EXTENSION.containsKey(extension)) {
            throw refused(field);
        }
        String type = declared == null ? MediaType.APPLICATION_OCTET_STREAM : ALIASES.getOrDefault(declared, declared);
        if (UNTYPED.contains(type)) {
            if (extension == null) {
                throw refused(field);
            }
            return BY_EXTENSION.get(extension);
        }
        if (!ACCEPTED.contains(type)) {
            throw refused(field);
        }
        return type;
    }

    /**
     * The extension of a file name, lower case, or null when it has none: a name's last dot counts only when what
     * follows is 1-5 letters or digits with at least one letter, so "Biên bản 03.12.2020" has no extension.
     */
    static String extension(String fileName) {
        if (fileName == null) {
            return null;
        }
        int dot = fileName.lastIndexOf('.');
        if (dot < 0 || dot == fileName.length() - 1) {
            return null;
        }
        String ext = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return ext.matches("[a-z0-9]{1,5}") && ext.matches(".*[a-z].*") ? ext : null;
    }

    private static ProblemException refused(String field) {
        return new ProblemException(415, "unsupported-file-type",
                List.of(new Problem.FieldError(field, "unsupported-file-type")));
    }
}
