package vn.qcdc.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds TCP ports on the loopback interface that nobody listens on.
 *
 * <p>
 * Tests run next to each other (and next to a developer's own PostgreSQL or Kafka), so fixed ports would collide;
 * a port is chosen at random and probed. It is chosen <em>below</em> the kernel's ephemeral range
 * ({@code net.ipv4.ip_local_port_range}): a port taken from that range can be handed, before the server binds it, to
 * one of the many outgoing connections a test makes (Kafka and JDBC clients), and the server then fails to start.
 * There is still a race between probing and binding, which is acceptable on a developer or CI machine.
 *
 * <p>
 * A port is handed out once per JVM: a suite asks for ten ports before starting anything, and nothing listens on the
 * first until the servers start, so a second probe of the same port finds it free. One e2e run gave model-registry
 * the same port for its API and its management interface, and the suite never became ready.
 */
public final class FreePorts {

    private FreePorts() {
    }

    private static final int LOWEST = 10_000;

    /** Every port {@link #find()} has handed out in this JVM. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /** A port that was free a moment ago, outside the range the kernel hands to outgoing connections. */
    public static int find() {
        int ephemeralLow = ephemeralRangeStart();
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        if (ephemeralLow - LOWEST > 1_000) {
            for (int attempt = 0; attempt < 50; attempt++) {
                int port = random.nextInt(LOWEST, ephemeralLow);
                if (isFree(port) && HANDED_OUT.add(port)) {
                    return port;
                }
            }
        }
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = ephemeral();
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("No free TCP port that was not handed out already");
    }

    private static int ephemeralRangeStart() {
        try {
            // Not Files.readString: a file of /proc reports a size of 0, and JDK 17's readString then read "3" of
            // "32768 60999" (every port came from the fallback below, inside the range). A line reader reads to the end.
            String range = java.nio.file.Files
                    .readAllLines(java.nio.file.Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim();
            int start = Integer.parseInt(range.split("\\s+")[0]);
            // A start below the privileged ports is no real range but a misread (as that "3" was): use the default.
            return start >= 1_024 ? start : 32_768;
        } catch (IOException | RuntimeException e) {
            return 32_768; // Linux's default
        }
    }

    private static int ephemeral() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free TCP port", e);
        }
    }

    /**
     * Whether {@code port} can be bound on localhost right now, so a launcher can say "port 9092 is taken" instead
     * of letting the server fail with a less obvious message.
     */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
