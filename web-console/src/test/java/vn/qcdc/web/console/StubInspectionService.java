package vn.qcdc.web.console;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A stand-in for inspection-service on a free port of the loopback interface: it answers the few calls of the
 * console's evidence routes with fixed answers and records every request, so that a test can check what the console
 * sent (the officer's token, the file's media type and name) without starting the suite.
 */
public class StubInspectionService implements QuarkusTestResourceLifecycleManager {

    static final UUID RECOMMENDATION = UUID.fromString("6a6d1d2e-0000-4000-8000-000000000001");
    static final UUID FILE = UUID.fromString("6a6d1d2e-0000-4000-8000-0000000000f1");
    static final String FILE_NAME = "Kế hoạch khắc phục.pdf";
    static final byte[] PDF = "%PDF-1.4\n% kế hoạch (minh họa)\n%%EOF\n".getBytes(StandardCharsets.UTF_8);
    static final String DISPOSITION = "attachment; filename=\"Ke hoach khac phuc.pdf\"; filename*=UTF-8''"
            + "K%E1%BA%BF%20ho%E1%BA%A1ch%20kh%E1%BA%AFc%20ph%E1%BB%A5c.pdf";

    /** A request as the stub received it. */
    public record Call(String method, String path, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name))
                    .map(h -> h.getValue().get(0)).findFirst().orElse(null);
        }
    }

    static final List<Call> CALLS = new CopyOnWriteArrayList<>();
    /** What the next report (progress or completion) answers: 200, or a refusal such as 412. */
    static volatile int reportStatus = 200;

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::answer);
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("qcdc.web.inspection-url", url, "qcdc.web.model-registry-url", url,
                "qcdc.web.notification-url", url, "qcdc.security.dev-keys-allowed", "true");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void answer(HttpExchange x) throws IOException {
        byte[] body = x.getRequestBody().readAllBytes();
        String path = x.getRequestURI().getPath();
        CALLS.add(new Call(x.getRequestMethod(), path, Map.copyOf(x.getRequestHeaders()), body));
        String rec = "/api/v1/recommendations/" + RECOMMENDATION;
        if (path.equals(rec + "/evidence/" + FILE + "/content")) {
            x.getResponseHeaders().add("Content-Type", "application/pdf");
            x.getResponseHeaders().add("Content-Disposition", DISPOSITION);
            send(x, 200, PDF);
        } else if (path.equals(rec + "/evidence/upload") && x.getRequestMethod().equals("POST")) {
            x.getResponseHeaders().add("Content-Type", "application/json");
            send(x, 201, ("{\"id\":\"" + FILE + "\",\"inspectionId\":\"" + UUID.randomUUID() + "\",\"title\":\"t\","
                    + "\"kind\":\"REPORT\",\"fileName\":\"" + FILE_NAME + "\",\"contentType\":\"application/pdf\","
                    + "\"sizeBytes\":" + PDF.length + "}").getBytes(StandardCharsets.UTF_8));
        } else if ((path.equals(rec + "/progress") || path.equals(rec + "/completion")) && reportStatus != 200) {
            problem(x, reportStatus);
        } else if (path.equals(rec + "/progress") || path.equals(rec + "/completion")) {
            x.getResponseHeaders().add("Content-Type", "application/json");
            send(x, 200, ("{\"id\":\"" + RECOMMENDATION + "\",\"status\":\"IN_PROGRESS\"}")
                    .getBytes(StandardCharsets.UTF_8));
        } else if (path.equals(rec) && x.getRequestMethod().equals("GET")) {
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.getResponseHeaders().add("ETag", "\"3\"");
            send(x, 200, ("{\"id\":\"" + RECOMMENDATION + "\",\"seq\":1,\"content\":\"Ban hành kế hoạch\","
                    + "\"unitName\":\"Phường Xuất Hóa\",\"status\":\"IN_PROGRESS\",\"progressPercent\":40}")
                    .getBytes(StandardCharsets.UTF_8));
        } else if (path.equals(rec + "/evidence") && x.getRequestMethod().equals("GET")) {
            x.getResponseHeaders().add("Content-Type", "application/json");
            send(x, 200, ("[{\"id\":\"" + FILE + "\",\"title\":\"Kế hoạch số 12/KH-UBND\",\"kind\":\"PLAN\","
                    + "\"fileName\":\"" + FILE_NAME + "\",\"contentType\":\"application/pdf\",\"sizeBytes\":15360,"
                    + "\"createdAt\":\"2020-12-10T02:30:00Z\",\"downloadUrl\":\"" + rec + "/evidence/" + FILE
                    + "/content\"}]").getBytes(StandardCharsets.UTF_8));
        } else if (path.equals(rec + "/reports") && x.getRequestMethod().equals("GET")) {
            x.getResponseHeaders().add("Content-Type", "application/json");
            send(x, 200, ("[{\"id\":\"" + UUID.randomUUID() + "\",\"kind\":\"PROGRESS\",\"text\":\"Đang làm\","
                    + "\"percent\":40,\"reportedAt\":\"2020-12-10T02:30:00Z\",\"evidence\":[{\"title\":"
                    + "\"Kế hoạch số 12/KH-UBND\",\"evidenceId\":\"" + FILE + "\"}]}]")
                    .getBytes(StandardCharsets.UTF_8));
        } else if (path.equals(rec + "/history") && x.getRequestMethod().equals("GET")) {
            x.getResponseHeaders().add("Content-Type", "application/json");
            send(x, 200, "[]".getBytes(StandardCharsets.UTF_8));
        } else {
            problem(x, 404);
        }
    }

    private static void problem(HttpExchange x, int status) throws IOException {
        x.getResponseHeaders().add("Content-Type", "application/problem+json");
        send(x, status, ("{\"type\":\"about:blank\",\"status\":" + status + ",\"title\":\"Refused " + status
                + "\",\"detail\":\"Từ chối (" + status + ")\"}").getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange x, int status, byte[] body) throws IOException {
        x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }
}
