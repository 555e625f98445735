package vn.qcdc.api.imports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.qcdc.api.problem.ProblemException;

/**
 * Reads an import file row by row from disk, never whole: CSV as a spreadsheet exports it (UTF-8, with or without a
 * byte-order mark, comma, semicolon or tab separated, quoted cells may hold line breaks) or JSON lines (one object per
 * line, keys as the CSV headers). Row numbers are those a person sees: the CSV header is row 1, the first data row
 * row 2; a JSON line's number is its line.
 */
public final class ImportFile {

    @Schema(name = "ImportFormat")
    public enum Format {
        CSV, JSONL
    }

    /**
     * A data row: its number and its non-empty cells by column. {@code problem} is set for a line that is no row,
     * {@code problemValue} then says what was wrong (an unknown JSON key).
     */
    public record Row<C extends Enum<C>>(long number, Map<C, String> values, String problem, String problemValue) {
        public String get(C c) {
            return values.get(c);
        }
    }

    private ImportFile() {
    }

    /**
     * The format of an upload: {@code format} if given ({@code csv}, {@code jsonl}), else from the file's name or
     * content type (CSV unless they say JSON lines).
     */
    public static Format format(String format, String fileName, String contentType) {
        if (format != null) {
            return switch (format.toLowerCase(Locale.ROOT)) {
                case "csv" -> Format.CSV;
                case "jsonl", "ndjson", "json-lines" -> Format.JSONL;
                default -> throw ProblemException.invalidField("format", "unknown-value", "csv, jsonl");
            };
        }
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        return name.endsWith(".jsonl") || name.endsWith(".ndjson") || type.contains("ndjson")
                || type.contains("jsonl") ? Format.JSONL : Format.CSV;
    }

    /**
     * Calls {@code each} for every row. A header that names no known column, or a file that is not UTF-8, is a 400
     * for the whole file (nothing can be said about its rows).
     */
    public static <C extends Enum<C> & ImportColumn> void read(Path file, Format format, ObjectMapper mapper,
            ImportHeaders<C> headers, Consumer<Row<C>> each) {
        try (BufferedReader in = reader(file)) {
            if (format == Format.CSV) {
                csv(in, headers, each);
            } else {
                jsonLines(in, mapper, headers, each);
            }
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw ProblemException.invalidField("file", "import-not-utf8");
            }
            throw e;
        } catch (CharacterCodingException e) {
            throw ProblemException.invalidField("file", "import-not-utf8");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedReader reader(Path file) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder), 1 << 16);
        r.mark(1);
        if (r.read() != '\uFEFF') {
            r.reset();
        }
        return r;
    }

    private static <C extends Enum<C> & ImportColumn> void csv(BufferedReader in, ImportHeaders<C> headers,
            Consumer<Row<C>> each) throws IOException {
        in.mark(1 << 16);
        String first = in.readLine();
        in.reset();
        if (first == null) {
            throw ProblemException.invalidField("file", "import-empty");
        }
        char delimiter = delimiter(first);
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).setAllowMissingColumnNames(true).get();
        try (CSVParser parser = CSVParser.builder().setReader(in).setFormat(format).get()) {
            List<C> columns = new ArrayList<>();
            List<String> unknown = new ArrayList<>();
            for (String h : parser.getHeaderNames()) {
                var c = headers.column(h);
                if (c.isEmpty() && !h.isBlank()) {
                    unknown.add(h);
                }
                columns.add(c.orElse(null));
            }
            if (!unknown.isEmpty()) {
                throw ProblemException.invalidField("file", "import-unknown-columns", String.join(", ", unknown));
            }
            for (CSVRecord rec : parser) {
                Map<C, String> values = new EnumMap<>(headers.type());
                for (int k = 0; k < rec.size() && k < columns.size(); k++) {
                    String v = rec.get(k);
                    if (columns.get(k) != null && v != null && !v.isBlank()) {
                        values.put(columns.get(k), v.strip());
                    }
                }
                if (!values.isEmpty()) {
                    // the record's first line, counting the header as line 1 (a quoted cell may span lines)
                    each.accept(new Row<>(rec.getRecordNumber() + 1, values,
                            rec.size() > columns.size() ? "import-too-many-cells" : null, null));
                }
            }
        } catch (IllegalStateException | IllegalArgumentException | UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException cce) {
                throw cce;
            }
            throw ProblemException.invalidField("file", "import-malformed-csv", String.valueOf(e.getMessage()));
        }
    }

    /** The separator of the header line: a spreadsheet set to a Vietnamese or European locale writes semicolons. */
    static char delimiter(String header) {
        long commas = header.chars().filter(c -> c == ',').count();
        long semicolons = header.chars().filter(c -> c == ';').count();
        long tabs = header.chars().filter(c -> c == '\t').count();
        if (tabs > commas && tabs > semicolons) {
            return '\t';
        }
        return semicolons > commas ? ';' : ',';
    }

    private static <C extends Enum<C> & ImportColumn> void jsonLines(BufferedReader in, ObjectMapper mapper,
            ImportHeaders<C> headers, Consumer<Row<C>> each) throws IOException {
        String line;
        long number = 0;
        while ((line = in.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            Map<C, String> values = new EnumMap<>(headers.type());
            JsonNode node;
            try {
                node = mapper.readTree(line);
            } catch (IOException e) {
                each.accept(new Row<>(number, values, "import-invalid-json", null));
                continue;
            }
            if (node == null || !node.isObject()) {
                each.accept(new Row<>(number, values, "import-invalid-json", null));
                continue;
            }
            String problem = null;
            String problemValue = null;
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                var field = it.next();
                var c = headers.column(field.getKey());
                if (c.isEmpty()) {
                    problem = "import-unknown-field";
                    problemValue = field.getKey();
                    values.clear();
                    break;
                }
                JsonNode v = field.getValue();
                String text;
                if (v.isNull()) {
                    continue;
                } else if (v.isArray()) {
                    List<String> parts = new ArrayList<>();
                    v.forEach(x -> parts.add(x.asText()));
                    text = String.join(";", parts);
                } else if (v.isValueNode()) {
                    text = v.asText();
                } else {
                    text = v.toString();
                }
                if (!text.isBlank()) {
                    values.put(c.get(), text.strip());
                }
            }
            each.accept(new Row<>(number, values, problem, problemValue));
        }
    }
}
