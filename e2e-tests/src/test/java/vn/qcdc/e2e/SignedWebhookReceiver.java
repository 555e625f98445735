package vn.qcdc.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;

/**
 * A provincial portal's webhook endpoint on 127.0.0.1: verifies the Standard Webhooks signature with its own HMAC
 * code (not the service's) and records every call.
 */
final class SignedWebhookReceiver implements AutoCloseable {

    record Call(String id, String timestamp, String body, boolean verified) {
    }

    private final HttpServer server;
    private final byte[] key;
    final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger hangNext = new AtomicInteger();
    private volatile long hangMillis;
    private final AtomicInteger inFlight = new AtomicInteger();

    SignedWebhookReceiver(String secret) throws IOException {
        this.key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            inFlight.incrementAndGet();
            if (hangNext.getAndDecrement() > 0) {
                sleep(hangMillis); // a slow portal: the sender is caught mid-send
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String ts = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String sig = exchange.getRequestHeaders().getFirst("webhook-signature");
            calls.add(new Call(id, ts, new String(body, StandardCharsets.UTF_8), verify(id, ts, body, sig)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            inFlight.decrementAndGet();
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    /** The next {@code n} calls hang for {@code millis} before they are answered. */
    void hangNext(int n, long millis) {
        hangMillis = millis;
        hangNext.set(n);
    }

    int inFlight() {
        return inFlight.get();
    }

    long distinctIds() {
        return calls.stream().map(Call::id).distinct().count();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private boolean verify(String id, String ts, byte[] body, String header) {
        if (id == null || ts == null || header == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + ts + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = mac.doFinal(body);
            for (String candidate : header.split(" ")) {
                if (candidate.startsWith("v1,") && MessageDigest.isEqual(expected,
                        Base64.getDecoder().decode(candidate.substring(3)))) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
