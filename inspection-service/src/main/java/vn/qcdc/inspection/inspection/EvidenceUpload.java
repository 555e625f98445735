package vn.qcdc.inspection.inspection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.LocalDate;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import vn.qcdc.api.files.DocumentTypes;
import vn.qcdc.api.files.Uploads;
import vn.qcdc.api.input.TextRules;
import vn.qcdc.api.problem.ProblemException;

/**
 * An uploaded document (multipart: file, title, kind, referenceNumber, documentDate), checked once for every place
 * that takes one: the committee's evidence of an inspection and the addressees' evidence of their reports. Nothing
 * is stored before all checks pass.
 */
public record EvidenceUpload(String title, Evidence.Kind kind, String referenceNumber, LocalDate documentDate,
        String fileName, String contentType, byte[] content, Request request) {

    /** The multipart form of an upload, as the OpenAPI document describes it (the resources read its parts). */
    @Schema(name = "EvidenceUploadForm", requiredProperties = {"file", "title", "kind"})
    public record Form(
            @Schema(type = SchemaType.STRING, format = "binary", description = "Tệp (file): the document, at most 10 MB:"
                    + " PDF, an image (JPEG, PNG, GIF, WebP, BMP, TIFF, HEIC), Word, Excel, PowerPoint, OpenDocument, RTF,"
                    + " plain text or CSV, by its part's media type (or, for application/octet-stream, by its name's"
                    + " extension); its file name (at most 255 characters, no control characters) and media type are"
                    + " kept") String file,
            @Schema(maxLength = 300, description = "Tiêu đề (title): what the document is") String title,
            @Schema(description = "Loại tài liệu (kind): what kind of document it is") Evidence.Kind kind,
            @Schema(maxLength = 100, description = "Số, ký hiệu văn bản (reference number): the document's number, if it has"
                    + " one") String referenceNumber,
            @Schema(format = "date", description = "Ngày văn bản (document date): the date the document was issued") LocalDate documentDate) {
    }

    /** The metadata part of an upload, also what an Idempotency-Key is checked against (with the file's hash). */
    public record Request(String title, String kind, String referenceNumber, String documentDate, String fileName,
            String sha256) {
    }

    /**
     * Reads and checks the parts of an upload: 400/413 problems for a missing, empty or too large file, bad fields;
     * 415 for a file that is not a document ({@link DocumentTypes}).
     */
    public static EvidenceUpload read(FileUpload file, String title, String kind, String referenceNumber,
            String documentDate) {
        if (file == null) {
            throw ProblemException.invalidField("file", "file-missing");
        }
        if (file.size() > InspectionService.MAX_UPLOAD_BYTES) {
            throw new ProblemException(413, "payload-too-large");
        }
        // An empty file is a slip of the hand (nothing chosen, or a file not yet written): nobody can verify it.
        if (file.size() == 0) {
            throw ProblemException.invalidField("file", "file-empty");
        }
        TextRules.require("title", title);
        TextRules.require("referenceNumber", referenceNumber);
        TextRules.require("kind", kind);
        TextRules.require("documentDate", documentDate);
        if (title == null || title.isBlank() || title.length() > 300) {
            throw ProblemException.invalidField("title", "text-required", 300);
        }
        if (referenceNumber != null && referenceNumber.length() > 100) {
            throw ProblemException.invalidField("referenceNumber", "text-required", 100);
        }
        Evidence.Kind k = InspectionService.parseEnum(Evidence.Kind.class, "kind", kind == null ? "" : kind);
        LocalDate date = InspectionService.parseDate("documentDate", documentDate);
        byte[] content;
        try {
            content = Files.readAllBytes(file.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String fileName = Uploads.fileName("file", file, "file");
        // Only documents (PDF, images, office files, text): 415 for anything else, e.g. a page or a program.
        String contentType = DocumentTypes.check("file", Uploads.mediaType("file", file), fileName);
        Request request = new Request(title, k.name(), referenceNumber, documentDate, fileName,
                InspectionService.sha256(content));
        return new EvidenceUpload(title, k, referenceNumber, date, fileName, contentType, content, request);
    }
}
