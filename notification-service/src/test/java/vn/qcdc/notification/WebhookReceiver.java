package vn.qcdc.notification;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server receiving webhooks on 127.0.0.1, as a provincial portal would: it verifies the Standard Webhooks
 * signature itself (its own HMAC code, not the service's) and answers with a status the test chooses, or hangs.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One received call. */
    public record Call(String path, String id, String timestamp, String signature, String body, boolean verified,
            int answered) {
    }

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<String> secrets;
    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicLong hangMillis = new AtomicLong(0);
    private final AtomicBoolean stallBody = new AtomicBoolean();

    public WebhookReceiver(List<String> secrets) {
        this.secrets = List.copyOf(secrets);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String ts = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String sig = exchange.getRequestHeaders().getFirst("webhook-signature");
            if (stallBody.get()) {
                // headers at once, then a body that never ends: only a deadline covering the body catches this
                calls.add(new Call(exchange.getRequestURI().getPath(), id, ts, sig, body, verify(id, ts, sig, body),
                        -2));
                exchange.sendResponseHeaders(200, 0);
                exchange.getResponseBody().write("{\"ok\":".getBytes(StandardCharsets.UTF_8));
                exchange.getResponseBody().flush();
                while (stallBody.get()) {
                    sleep(100);
                }
                exchange.close();
                return;
            }
            long hang = hangMillis.get();
            if (hang > 0) {
                sleep(hang);
            }
            int answer = status.get();
            calls.add(new Call(exchange.getRequestURI().getPath(), id, ts, sig, body, verify(id, ts, sig, body),
                    hang > 0 ? -1 : answer));
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public void answer(int httpStatus) {
        status.set(httpStatus);
    }

    public void hang(long millis) {
        hangMillis.set(millis);
    }

    /** Accept the call and answer 200 with a body that never finishes (until turned off or closed). */
    public void stallBody(boolean on) {
        stallBody.set(on);
    }

    public List<Call> calls() {
        return new ArrayList<>(calls);
    }

    public List<Call> callsContaining(String text) {
        return calls.stream().filter(c -> c.body().contains(text)).toList();
    }

    /** Every signature in the header that matches one of the receiver's secrets counts; at least one must. */
    boolean verify(String id, String ts, String header, String body) {
        if (id == null || ts == null || header == null) {
            return false;
        }
        for (String secret : secrets) {
            String expected = "v1," + hmac(secret, id + "." + ts + "." + body);
            for (String candidate : header.split(" ")) {
                if (MessageDigest.isEqual(candidate.getBytes(StandardCharsets.UTF_8),
                        expected.getBytes(StandardCharsets.UTF_8))) {
                    return true;
                }
            }
        }
        return false;
    }

    static String hmac(String secret, String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())),
                    "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stallBody.set(false);
        server.stop(0);
    }
}
