package vn.qcdc.backbone.consumer;

/** An event that can never be applied (malformed, invalid content): it is dead-lettered with this message. */
public class PoisonEventException extends RuntimeException {
    public PoisonEventException(String message) {
        super(message);
    }

    public PoisonEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
