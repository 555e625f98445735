package vn.qcdc.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Walks every operation of a running service's own OpenAPI document ({@code /q/openapi?format=json}) and sends each a
 * corpus of hostile input: NUL and control characters in text, query and path parameters, duplicate JSON keys, wrong
 * JSON types, dates far outside any plausible range, no or the wrong Content-Type, chunked bodies over the JSON limit,
 * malformed multipart bodies and uploads whose file name or part type is unusable, control characters in headers, and
 * requests the HTTP layer itself refuses (too long a request line, too large headers, an invalid header).
 *
 * <p>
 * Each answer must be a 4xx (or a 2xx where the input is merely unusual, such as a valid non-ASCII file name),
 * {@code application/problem+json} with a {@code type} under the suite's problem base (never the {@code internal}
 * type), arrive within {@link #CASE_TIMEOUT}, and the service must answer a plain request right after it within one
 * second. An upload that is accepted is downloaded again, which must also answer in time with a valid header set.
 *
 * <p>
 * Bodies are built from the document's own schemas (required and optional properties, enums, formats); a service may
 * give a real example body and real ids ({@link #body}, {@link #pathValue}) so that cases reach its database rather
 * than stopping at a 404 or at validation. Plain {@link HttpClient} for ordinary requests, a raw socket where the
 * client would refuse to send what the case needs (control characters in headers, broken framing).
 */
public final class BadInputWalker {

    public static final String PROBLEM_TYPE_BASE = "https://qcdc.gov.vn/problems/";
    static final Duration CASE_TIMEOUT = Duration.ofSeconds(5);
    static final Duration PROBE_LIMIT = Duration.ofSeconds(1);
    static final String NUL = "\u0000";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBE_PATH = "/api/v1/units/06";

    private final URI base;
    private final Supplier<String> token;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final List<String[]> pathValues = new ArrayList<>();
    private final Map<String, String> bodies = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> forms = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private final List<String> networkLayerRefusals = new ArrayList<>();
    private JsonNode doc;
    private int operations;
    private int cases;
    private int serverErrors;

    private BadInputWalker(URI base, Supplier<String> token) {
        this.base = base;
        this.token = token;
    }

    /** A walker for the service at {@code base} (e.g. {@code http://localhost:PORT}), calling as {@code token}. */
    public static BadInputWalker of(URI base, Supplier<String> token) {
        return new BadInputWalker(base, token);
    }

    /**
     * Uses {@code value} for the path parameter {@code name} of every operation whose path starts with
     * {@code pathPrefix} (the longest prefix wins); unlisted parameters get a random UUID.
     */
    public BadInputWalker pathValue(String pathPrefix, String name, String value) {
        pathValues.add(new String[]{pathPrefix, name, value});
        return this;
    }

    /** A valid JSON body for {@code "METHOD /path/template"}, used instead of one built from the schema. */
    public BadInputWalker body(String operation, String json) {
        bodies.put(operation, json);
        return this;
    }

    /** A valid value of the multipart text field {@code name} of {@code "METHOD /path/template"}. */
    public BadInputWalker formField(String operation, String name, String value) {
        forms.computeIfAbsent(operation, k -> new LinkedHashMap<>()).put(name, value);
        return this;
    }

    /** What one run found: counts and every failing case. */
    public record Result(int operations, int cases, int serverErrors, List<String> failures,
            List<String> networkLayerRefusals) {
        @Override
        public String toString() {
            String shown = failures.isEmpty()
                    ? ""
                    : ":\n  " + String.join("\n  ", failures.subList(0, Math.min(60, failures.size())));
            return operations + " operations, " + cases + " cases, " + serverErrors + " answered 5xx, "
                    + failures.size() + " failures" + shown + "\n" + networkLayerRefusals.size()
                    + " malformed HTTP messages refused with an empty 4xx by the network layer, before any"
                    + " application code: " + networkLayerRefusals;
        }
    }

    public Result run() {
        doc = get("/q/openapi?format=json");
        // Operations that end a record's life (cancel, reject, withdraw, delete) go last, so that the cases of every
        // other operation still reach a live record rather than stopping at a 409.
        List<String[]> order = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> p = it.next();
            if (!p.getKey().startsWith("/api/")) {
                continue;
            }
            for (Iterator<String> ops = p.getValue().fieldNames(); ops.hasNext();) {
                String method = ops.next().toUpperCase();
                if (List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    order.add(new String[]{method, p.getKey()});
                }
            }
        }
        order.sort(java.util.Comparator.comparing(o -> ends(o[0], o[1])));
        for (String[] o : order) {
            JsonNode pathItem = doc.path("paths").path(o[1]);
            operations++;
            walk(o[0], o[1], pathItem.path(o[0].toLowerCase()), pathItem);
        }
        httpLayer();
        return new Result(operations, cases, serverErrors, List.copyOf(failures), List.copyOf(networkLayerRefusals));
    }

    private static boolean ends(String method, String template) {
        return method.equals("DELETE") || template.matches(".*/(cancel|reject|rejection|withdrawal)$");
    }

    // ---------------------------------------------------------------------------------------------------- corpus

    private void walk(String method, String template, JsonNode op, JsonNode pathItem) {
        List<JsonNode> params = new ArrayList<>();
        pathItem.path("parameters").forEach(params::add);
        op.path("parameters").forEach(params::add);
        Map<String, String> pathParams = new LinkedHashMap<>();
        List<JsonNode> query = new ArrayList<>();
        for (JsonNode param : params) {
            JsonNode resolved = resolve(param);
            String in = resolved.path("in").asText();
            if (in.equals("path")) {
                pathParams.put(resolved.path("name").asText(), pathValueFor(template, resolved.path("name").asText()));
            } else if (in.equals("query")) {
                query.add(resolved);
            }
        }
        String path = expand(template, pathParams);
        String name = method + " " + template;

        // Path parameters: NUL and a control character in each.
        for (String p : pathParams.keySet()) {
            Map<String, String> bad = new LinkedHashMap<>(pathParams);
            bad.put(p, "a" + NUL + "b");
            send(name + " path " + p + " NUL", method, expand(template, bad), null, null);
        }
        // Query parameters: NUL, a control character, a huge date, the wrong type.
        for (JsonNode q : query) {
            String qn = q.path("name").asText();
            JsonNode schema = resolve(q.path("schema"));
            send(name + " ?" + qn + "=NUL", method, path + "?" + qn + "=" + enc("x" + NUL + "y"), null, null);
            send(name + " ?" + qn + "=CTRL", method, path + "?" + qn + "=" + enc("x\u0001\u001b[2J"), null, null);
            if (schema.path("format").asText().startsWith("date")) {
                send(name + " ?" + qn + "=+99999", method, path + "?" + qn + "=" + enc("+99999-01-01"), null, null);
            }
            if (schema.path("type").asText().equals("integer")) {
                send(name + " ?" + qn + "=huge", method, path + "?" + qn + "=99999999999999999999", null, null);
            }
        }
        JsonNode content = op.path("requestBody").path("content");
        if (content.has("application/json")) {
            jsonBodyCases(name, method, path, content.path("application/json").path("schema"));
        } else if (content.has("multipart/form-data")) {
            multipartCases(name, method, path, content.path("multipart/form-data").path("schema"));
        }
        if (method.equals("POST")) {
            raw(name + " Idempotency-Key with a control character", method, path,
                    List.of("Idempotency-Key: ab\u0001cd", "Content-Type: application/json"), "{}".getBytes(), true);
        }
    }

    private void jsonBodyCases(String name, String method, String path, JsonNode schemaRef) {
        String given = bodies.get(name);
        JsonNode valid;
        try {
            valid = given != null ? JSON.readTree(given) : example(schemaRef, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!(valid instanceof ObjectNode object)) {
            return;
        }
        String json = valid.toString();
        // Every string field: with a NUL; every field: a value of the wrong JSON type; every date: +99999.
        for (String field : stringPaths(object, "")) {
            send(name + " body." + field + " NUL", method, path, "application/json",
                    withValue(object, field, JsonNodeFactory.instance.textNode("a" + NUL + "b")).toString());
        }
        List<String> fields = new ArrayList<>();
        object.fieldNames().forEachRemaining(fields::add);
        for (String field : fields) {
            JsonNode current = object.get(field);
            JsonNode wrong = current.isObject() || current.isArray()
                    ? JsonNodeFactory.instance.numberNode(7)
                    : JsonNodeFactory.instance.objectNode().put("x", 1);
            send(name + " body." + field + " wrong type", method, path, "application/json",
                    withValue(object, field, wrong).toString());
            if (current.isTextual() && current.asText().matches("\\d{4}-\\d{2}-\\d{2}.*")) {
                send(name + " body." + field + " +99999-01-01", method, path, "application/json",
                        withValue(object, field, JsonNodeFactory.instance.textNode("+99999-01-01")).toString());
            }
            if (current.isNumber()) {
                send(name + " body." + field + " fraction", method, path, "application/json",
                        withValue(object, field, JsonNodeFactory.instance.numberNode(99.9)).toString());
            }
        }
        if (!fields.isEmpty()) {
            String first = fields.get(0);
            String dup = "{\"" + first + "\":" + object.get(first) + "," + json.substring(1);
            send(name + " duplicate key " + first, method, path, "application/json", dup);
        }
        send(name + " no Content-Type", method, path, null, json);
        send(name + " text/plain", method, path, "text/plain", json);
        send(name + " Content-Type without a slash", method, path, "json", json);
        byte[] big = ("{\"" + (fields.isEmpty() ? "x" : fields.get(0)) + "\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        chunked(name + " chunked 2 MB JSON", method, path, "application/json", big);
    }

    private void multipartCases(String name, String method, String path, JsonNode schemaRef) {
        JsonNode schema = resolve(schemaRef);
        Map<String, String> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!f.getKey().equals("file")) {
                fields.put(f.getKey(), sample(f.getKey(), resolve(f.getValue())).asText());
            }
        }
        fields.putAll(forms.getOrDefault(name, Map.of()));
        String b = "----walker" + UUID.randomUUID().toString().replace("-", "");
        String ok = multipart(b, fields, "report.pdf", "application/pdf", "%PDF-1.4 test");
        String mt = "multipart/form-data; boundary=" + b;
        send(name + " multipart without closing boundary", method, path, mt,
                ok.substring(0, ok.lastIndexOf("--" + b)));
        send(name + " multipart with another boundary", method, path, "multipart/form-data; boundary=nope", ok);
        send(name + " multipart without boundary", method, path, "multipart/form-data", ok);
        send(name + " multipart garbage", method, path, mt, "\u0000\u0001garbage--" + b + "\r\nContent-Disposition");
        send(name + " multipart part without headers", method, path, mt, "--" + b + "\r\n\r\nx\r\n--" + b + "--\r\n");
        upload(name + " file name with a control character", method, path, b,
                multipart(b, fields, "bad\u0001name\u001b.pdf", "application/pdf", "x"));
        upload(name + " file name with CR LF", method, path, b,
                multipart(b, fields, "a\r\nX-Injected: 1.pdf", "application/pdf", "x"));
        upload(name + " file name with NUL", method, path, b, multipart(b, fields, "a\u0000.pdf", "application/pdf",
                "x"));
        upload(name + " part type without a slash", method, path, b, multipart(b, fields, "a.pdf", "pdf", "x"));
        upload(name + " part type with a control character", method, path, b,
                multipart(b, fields, "a.pdf", "application/pdf\u0001", "x"));
        upload(name + " non-ASCII file name", method, path, b,
                multipart(b, fields, "Báo cáo kết quả.pdf", "application/pdf", "x"));
        upload(name + " text/html upload", method, path, b,
                multipart(b, fields, "page.html", "text/html", "<script>alert(1)</script>"));
        for (String f : fields.keySet()) {
            Map<String, String> bad = new LinkedHashMap<>(fields);
            bad.put(f, "a" + NUL + "b");
            upload(name + " form field " + f + " NUL", method, path, b,
                    multipart(b, bad, "a.pdf", "application/pdf", "x"));
        }
        byte[] huge = new byte[12 * 1024 * 1024];
        chunked(name + " chunked 12 MB multipart", method, path, mt, huge);
    }

    /** Requests the HTTP layer refuses before any route runs. */
    private void httpLayer() {
        raw("request line of 20,000 characters", "GET", PROBE_PATH + "?x=" + "a".repeat(20_000), List.of(), null);
        raw("header of 40,000 characters", "GET", PROBE_PATH, List.of("X-Big: " + "a".repeat(40_000)), null);
        raw("request target that is not a path", "GET", "nowhere", List.of(), null, true);
        raw("Host header that is not a host", "GET", PROBE_PATH, List.of("Host: a b%n%s"), null);
        raw("header name with a space", "GET", PROBE_PATH, List.of("Bad Header: 1"), null, true);
        raw("header value with a control character", "GET", PROBE_PATH, List.of("X-Test: a\u0001b"), null, true);
        raw("header value with NUL", "GET", PROBE_PATH, List.of("X-Test: a\u0000b"), null, true);
        raw("Content-Length not a number", "POST", "/api/v1/units", List.of("Content-Length: abc",
                "Content-Type: application/json"), "{}".getBytes(), true);
    }

    // ------------------------------------------------------------------------------------------------ requests

    private void send(String what, String method, String path, String contentType, String body) {
        HttpRequest.Builder r = HttpRequest.newBuilder(base.resolve(path)).timeout(CASE_TIMEOUT)
                .header("Authorization", "Bearer " + token.get()).header("Accept-Language", "en");
        if (contentType != null) {
            r.header("Content-Type", contentType);
        }
        r.method(method, body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        exchange(what, r.build(), false);
    }

    private void upload(String what, String method, String path, String boundary, String body) {
        HttpRequest r = HttpRequest.newBuilder(base.resolve(path)).timeout(CASE_TIMEOUT)
                .header("Authorization", "Bearer " + token.get()).header("Accept-Language", "en")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        HttpResponse<String> answer = exchange(what, r, true);
        if (answer != null && answer.statusCode() / 100 == 2) {
            answer.headers().firstValue("Location").ifPresent(location -> {
                // inspection-service serves the bytes under .../content, model-registry at the evidence's own URI
                String download = path.endsWith("/upload") ? location + "/content" : location;
                HttpRequest get = HttpRequest.newBuilder(base.resolve(download)).timeout(CASE_TIMEOUT)
                        .header("Authorization", "Bearer " + token.get()).GET().build();
                HttpResponse<String> got = exchange(what + " → download", get, true);
                if (got != null && got.statusCode() == 200) {
                    String type = got.headers().firstValue("Content-Type").orElse("");
                    if (type.startsWith("text/html")) {
                        fail(what + " → download", "served back as " + type);
                    }
                    if (!got.headers().firstValue("X-Content-Type-Options").orElse("").equals("nosniff")) {
                        fail(what + " → download", "no X-Content-Type-Options: nosniff");
                    }
                }
            });
        }
    }

    private void chunked(String what, String method, String path, String contentType, byte[] body) {
        HttpRequest r = HttpRequest.newBuilder(base.resolve(path)).timeout(CASE_TIMEOUT.multipliedBy(2))
                .header("Authorization", "Bearer " + token.get()).header("Accept-Language", "en")
                .header("Content-Type", contentType)
                // an InputStream publisher has no length: the client sends Transfer-Encoding: chunked
                .method(method, HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                        body)))
                .build();
        exchange(what, r, false);
    }

    private HttpResponse<String> exchange(String what, HttpRequest request, boolean success2xxAllowed) {
        cases++;
        HttpResponse<String> answer;
        try {
            answer = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            fail(what, "no answer within " + request.timeout().orElse(CASE_TIMEOUT).toSeconds() + " s");
            probe(what);
            return null;
        } catch (IOException e) {
            // The server closed the connection: acceptable only if it had answered; Java's client reports a reset
            // after a complete answer as a response, so this is a connection dropped without any answer.
            fail(what, "no answer (" + e + ")");
            probe(what);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        check(what, answer.statusCode(), answer.headers().firstValue("Content-Type").orElse(null), answer.body(),
                success2xxAllowed);
        probe(what);
        return answer;
    }

    /** A request written byte for byte: what {@link HttpClient} would refuse to send. */
    private void raw(String what, String method, String target, List<String> headers, byte[] body) {
        raw(what, method, target, headers, body, false);
    }

    /**
     * {@code malformedMessage}: the request is not valid HTTP (a control character or space where RFC 9110 allows
     * none, a Content-Length that is not a number, a request target that is not a path). The network layer (Netty,
     * inside Vert.x) or Quarkus' HTTP server refuses such a message with an empty 4xx before any route or filter
     * runs, and Quarkus offers no hook on that answer (Vert.x's {@code HttpServer.invalidRequestHandler} is not
     * exposed), so an empty 4xx is recorded apart rather than as a failure; anything else (no answer, a 5xx, a 2xx,
     * a slow service afterwards) still fails.
     */
    private void raw(String what, String method, String target, List<String> headers, byte[] body,
            boolean malformedMessage) {
        cases++;
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout((int) CASE_TIMEOUT.toMillis());
            OutputStream out = s.getOutputStream();
            boolean ownHost = headers.stream().anyMatch(h -> h.regionMatches(true, 0, "Host:", 0, 5));
            StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\n"
                    + (ownHost ? "" : "Host: " + base.getHost() + "\r\n") + "Authorization: Bearer " + token.get()
                    + "\r\nAccept-Language: en\r\nConnection: close\r\n");
            headers.forEach(h -> head.append(h).append("\r\n"));
            if (body != null && headers.stream().noneMatch(h -> h.startsWith("Content-Length"))) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            byte[] answer = readAll(s.getInputStream());
            String text = new String(answer, StandardCharsets.ISO_8859_1);
            if (text.isEmpty()) {
                fail(what, "connection closed without an answer");
            } else {
                int status = Integer.parseInt(text.substring(9, 12));
                int split = text.indexOf("\r\n\r\n");
                String head2 = split < 0 ? text : text.substring(0, split);
                String type = head2.lines().filter(l -> l.regionMatches(true, 0, "content-type:", 0, 13))
                        .map(l -> l.substring(13).trim()).findFirst().orElse(null);
                String payload = split < 0 ? "" : text.substring(split + 4);
                if (head2.toLowerCase().contains("transfer-encoding: chunked")) {
                    payload = dechunk(payload);
                }
                if (malformedMessage && status >= 400 && status < 500 && type == null && payload.isEmpty()) {
                    networkLayerRefusals.add(what);
                } else {
                    check(what, status, type, new String(payload.getBytes(StandardCharsets.ISO_8859_1),
                            StandardCharsets.UTF_8), false);
                }
            }
        } catch (java.net.SocketTimeoutException e) {
            fail(what, "no answer within " + CASE_TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            fail(what, "no answer (" + e + ")");
        }
        probe(what);
    }

    private void check(String what, int status, String type, String body, boolean success2xxAllowed) {
        if (status >= 500) {
            serverErrors++;
        }
        if (status / 100 == 2 && success2xxAllowed) {
            return;
        }
        if (status < 400 || status >= 500) {
            fail(what, status + " " + type + " " + abbreviate(body));
            return;
        }
        if (type == null || !type.startsWith("application/problem+json")) {
            fail(what, status + " with Content-Type " + type + " " + abbreviate(body));
            return;
        }
        try {
            JsonNode problem = JSON.readTree(body);
            String t = problem.path("type").asText("");
            if (!t.startsWith(PROBLEM_TYPE_BASE) || t.endsWith("/internal")) {
                fail(what, status + " problem type " + t);
            }
            if (problem.path("status").asInt() != status) {
                fail(what, status + " but the problem says " + problem.path("status"));
            }
        } catch (IOException e) {
            fail(what, status + " problem+json that is not JSON: " + abbreviate(body));
        }
    }

    /** The service still answers a plain request quickly after the case. */
    private void probe(String after) {
        long start = System.nanoTime();
        HttpRequest r = HttpRequest.newBuilder(base.resolve(PROBE_PATH)).timeout(PROBE_LIMIT)
                .header("Authorization", "Bearer " + token.get()).GET().build();
        try {
            HttpResponse<Void> answer = http.send(r, HttpResponse.BodyHandlers.discarding());
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (answer.statusCode() != 200 || took.compareTo(PROBE_LIMIT) > 0) {
                fail(after, "then the service answered " + answer.statusCode() + " in " + took.toMillis() + " ms");
            }
        } catch (IOException e) {
            fail(after, "then the service did not answer within " + PROBE_LIMIT.toMillis() + " ms: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void fail(String what, String why) {
        failures.add(what + ": " + why);
    }

    // -------------------------------------------------------------------------------------------------- schema

    private JsonNode resolve(JsonNode node) {
        int guard = 0;
        while (node.has("$ref") && guard++ < 20) {
            String ref = node.path("$ref").asText();
            node = doc.at(ref.substring(1));
        }
        if (node.has("allOf") && node.path("allOf").size() == 1) {
            return resolve(node.path("allOf").get(0));
        }
        return node;
    }

    /** A plausible value of {@code schema}: every property, enums' first value, formats honoured. */
    private JsonNode example(JsonNode schemaRef, int depth) {
        JsonNode schema = resolve(schemaRef);
        JsonNodeFactory f = JsonNodeFactory.instance;
        String type = schema.path("type").isArray()
                ? schema.path("type").get(0).asText()
                : schema.path("type").asText();
        if (schema.has("properties") || type.equals("object")) {
            ObjectNode o = f.objectNode();
            if (depth > 4) {
                return o;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> p = it.next();
                JsonNode ps = resolve(p.getValue());
                o.set(p.getKey(), ps.has("properties") || ps.path("type").asText().equals("array")
                        || ps.path("type").asText().equals("object") ? example(ps, depth + 1) : sample(p.getKey(), ps));
            }
            return o;
        }
        if (type.equals("array")) {
            ArrayNode a = f.arrayNode();
            a.add(example(schema.path("items"), depth + 1));
            return a;
        }
        return sample("", schema);
    }

    private static JsonNode sample(String name, JsonNode schema) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (schema.has("enum")) {
            return schema.path("enum").get(0);
        }
        String type = schema.path("type").isArray()
                ? schema.path("type").get(0).asText()
                : schema.path("type").asText();
        String format = schema.path("format").asText();
        switch (type) {
            case "integer" :
                return f.numberNode(name.toLowerCase().contains("year") ? 2020 : 1);
            case "number" :
                return f.numberNode(1);
            case "boolean" :
                return f.booleanNode(true);
            default :
                break;
        }
        return switch (format) {
            case "date" -> f.textNode("2020-12-03");
            case "date-time" -> f.textNode("2020-12-03T08:00:00+07:00");
            case "uuid" -> f.textNode(UUID.randomUUID().toString());
            case "uri", "url" -> f.textNode("https://example.org/a");
            case "email" -> f.textNode("a@example.org");
            default -> f.textNode(name.toLowerCase().contains("unit") ? "06" : "Xuất Hóa");
        };
    }

    /** Dotted paths of every string value in {@code node} (array items as {@code [0]}). */
    private static List<String> stringPaths(JsonNode node, String prefix) {
        List<String> out = new ArrayList<>();
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> out.addAll(stringPaths(e.getValue(),
                    prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey())));
        } else if (node.isArray()) {
            IntStream.range(0, Math.min(1, node.size()))
                    .forEach(i -> out.addAll(stringPaths(node.get(i), prefix + "[" + i + "]")));
        } else if (node.isTextual()) {
            out.add(prefix);
        }
        return out;
    }

    private static JsonNode withValue(ObjectNode root, String path, JsonNode value) {
        JsonNode copy = root.deepCopy();
        JsonNode parent = copy;
        String[] parts = path.split("\\.|(?=\\[)");
        for (int i = 0; i < parts.length - 1; i++) {
            parent = step(parent, parts[i]);
        }
        String last = parts[parts.length - 1];
        if (last.startsWith("[")) {
            ((ArrayNode) parent).set(Integer.parseInt(last.substring(1, last.length() - 1)), value);
        } else {
            ((ObjectNode) parent).set(last, value);
        }
        return copy;
    }

    private static JsonNode step(JsonNode node, String part) {
        return part.startsWith("[")
                ? node.get(Integer.parseInt(part.substring(1, part.length() - 1)))
                : node.get(part);
    }

    // ----------------------------------------------------------------------------------------------- utilities

    private String pathValueFor(String template, String name) {
        String best = null;
        int bestLength = -1;
        for (String[] rule : pathValues) {
            if (template.startsWith(rule[0]) && rule[1].equals(name) && rule[0].length() > bestLength) {
                best = rule[2];
                bestLength = rule[0].length();
            }
        }
        return best != null ? best : UUID.randomUUID().toString();
    }

    private static String expand(String template, Map<String, String> values) {
        String out = template;
        for (Map.Entry<String, String> e : values.entrySet()) {
            out = out.replace("{" + e.getKey() + "}", enc(e.getValue()).replace("+", "%20"));
        }
        return out;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String multipart(String boundary, Map<String, String> fields, String fileName, String type,
            String content) {
        StringBuilder sb = new StringBuilder();
        fields.forEach((k, v) -> sb.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(k).append("\"\r\n\r\n").append(v)
                .append("\r\n"));
        sb.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"file\"; filename=\"").append(fileName)
                .append("\"\r\nContent-Type: ").append(type).append("\r\n\r\n").append(content).append("\r\n");
        sb.append("--").append(boundary).append("--\r\n");
        return sb.toString();
    }

    private JsonNode get(String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + r.statusCode());
            }
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        try {
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
            }
        } catch (java.net.SocketException e) {
            // a reset after the answer: keep what arrived
        }
        return out.toByteArray();
    }

    private static String dechunk(String s) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            int eol = s.indexOf("\r\n", i);
            if (eol < 0) {
                break;
            }
            int size = Integer.parseInt(s.substring(i, eol).trim().split(";")[0], 16);
            if (size == 0) {
                break;
            }
            out.append(s, eol + 2, Math.min(s.length(), eol + 2 + size));
            i = eol + 2 + size + 2;
        }
        return out.toString();
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        s = s.replaceAll("\\s+", " ");
        return s.length() > 160 ? s.substring(0, 160) + "…" : s;
    }
}
