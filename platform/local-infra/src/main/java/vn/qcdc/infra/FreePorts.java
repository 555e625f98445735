package vn.qcdc.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Finds TCP ports on the loopback interface that nobody listens on.
 *
 * <p>
 * Tests run next to each other (and next to a developer's own PostgreSQL or Kafka), so fixed ports would collide;
 * asking the kernel for an ephemeral port avoids that. There is an unavoidable race between closing the probe socket
 * and the server binding the port, which is acceptable on a developer or CI machine.
 */
public final class FreePorts {

    private FreePorts() {
    }

    /** A port that was free a moment ago. */
    public static int find() {
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
