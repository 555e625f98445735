package vn.qcdc.backbone;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Runs a wake-up once the current transaction has committed (never on rollback, and once per transaction and key
 * however many times it is asked): how a writer tells a worker "there is work now" without the worker polling.
 */
public final class AfterCommit {

    private AfterCommit() {
    }

    public static void wake(TransactionSynchronizationRegistry tsr, Object key, Runnable wakeUp) {
        if (tsr.getResource(key) != null) {
            return;
        }
        tsr.putResource(key, Boolean.TRUE);
        tsr.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    wakeUp.run();
                }
            }
        });
    }
}
