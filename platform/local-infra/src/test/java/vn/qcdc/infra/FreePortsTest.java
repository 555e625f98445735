package vn.qcdc.infra;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * A suite asks for all its ports before anything listens on them: {@link FreePorts#find()} must never hand the same
 * port out twice. With random picks among ~22,000 ports, 2,000 picks repeat one about 90 times on average.
 */
class FreePortsTest {

    @Test
    void aPortIsHandedOutOnce() {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            int port = FreePorts.find();
            assertTrue(seen.add(port), "handed out twice: " + port);
        }
    }

    /**
     * Ports come from below the kernel's ephemeral range, which outgoing connections take from. On JDK 17,
     * {@code Files.readString} of the range's file in {@code /proc} (which reports a size of 0) read "3", so every
     * port came from the fallback, inside the range: a test-command run failed when the launcher found the port it
     * was given for inspection-service (40883) taken.
     */
    @Test
    void portsComeFromBelowTheEphemeralRange() throws IOException {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        if (!Files.exists(range)) {
            return; // not Linux: nothing to stay below
        }
        int low = Integer.parseInt(Files.readAllLines(range).get(0).trim().split("\\s+")[0]);
        for (int i = 0; i < 200; i++) {
            int port = FreePorts.find();
            assertTrue(port < low, port + " is in the ephemeral range, which starts at " + low);
        }
    }
}
