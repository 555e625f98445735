package vn.qcdc.infra;

import java.util.Arrays;
import java.util.Optional;

/**
 * Entry point of the child broker JVM: runs {@code kafka.Kafka} and exits when the JVM that started it is gone.
 *
 * <p>
 * Why a wrapper: a shutdown hook in the parent stops the broker on a normal exit or Ctrl-C, but not when the parent
 * is killed with SIGKILL (a crashed test JVM, an IDE's stop button). Linux gives a Java process no portable "die with
 * your parent", so the child watches the parent's pid itself and shuts the broker down (gracefully, through Kafka's
 * own shutdown hook) when it disappears. No orphan brokers keep ports and log directories locked.
 *
 * <p>
 * Arguments: {@code <parent pid> <server.properties>}.
 */
public final class KafkaBrokerMain {

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: KafkaBrokerMain <parent-pid> <server.properties>");
            System.exit(2);
        }
        long parentPid = Long.parseLong(args[0]);
        Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
        if (parent.isEmpty() || !parent.get().isAlive()) {
            System.err.println("Parent process " + parentPid + " is gone; not starting the broker.");
            System.exit(1);
        }
        parent.get().onExit().thenRun(() -> {
            System.err.println("Parent process " + parentPid + " exited; shutting the broker down.");
            System.exit(0);
        });
        kafka.Kafka.main(Arrays.copyOfRange(args, 1, args.length));
    }
}
