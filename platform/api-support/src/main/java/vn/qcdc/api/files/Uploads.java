package vn.qcdc.api.files;

import java.text.Normalizer;

import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.multipart.FileUpload;

import vn.qcdc.api.input.RequestInputRules;
import vn.qcdc.api.input.TextRules;
import vn.qcdc.api.problem.ProblemException;

/**
 * What an uploaded file may be called and claim to be, checked when it arrives so that nothing stored can break the
 * download later (a control character in a stored name or type made the download hang; a type without a slash made
 * it fail).
 */
public final class Uploads {

    public static final int MAX_FILE_NAME = 255;

    private Uploads() {
    }

    /**
     * The file name of {@code file} (its last path segment, NFC), or {@code fallback} when the client sent none; 400
     * on field {@code field} if it holds a control character or is longer than {@value #MAX_FILE_NAME} characters.
     */
    public static String fileName(String field, FileUpload file, String fallback) {
        String name = file.fileName();
        if (name == null || name.isBlank()) {
            return fallback;
        }
        if (TextRules.hasAnyControl(name)) {
            throw ProblemException.invalidField(field, "file-name-invalid");
        }
        // Browsers of some systems send a full path ("C:\\fakepath\\report.pdf"): keep the name only.
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).strip();
        name = Normalizer.normalize(name, Normalizer.Form.NFC);
        if (name.isEmpty()) {
            return fallback;
        }
        if (name.length() > MAX_FILE_NAME) {
            throw ProblemException.invalidField(field, "file-name-invalid");
        }
        return name;
    }

    /**
     * The media type the client declared for {@code file}, lower case ({@code application/octet-stream} when none);
     * 400 on field {@code field} when it is not a valid {@code type/subtype}.
     */
    public static String mediaType(String field, FileUpload file) {
        String type = file.contentType();
        if (type == null || type.isBlank()) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
        if (type.length() > 255 || !RequestInputRules.isMediaType(type)) {
            throw ProblemException.invalidField(field, "media-type-invalid");
        }
        return RequestInputRules.essence(type);
    }
}
