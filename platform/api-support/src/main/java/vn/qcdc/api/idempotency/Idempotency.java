package vn.qcdc.api.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HexFormat;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.qcdc.api.problem.ProblemException;
import vn.qcdc.api.security.Caller;
import vn.qcdc.backbone.Jdbc;
import vn.qcdc.backbone.PlainWrites;

/**
 * The {@code Idempotency-Key} contract of every POST: the same key with the same body returns the first result without
 * doing anything again; the same key with a different body is refused (422). The key is recorded in the same
 * transaction as the effect, so a crash can never leave an effect without its key or a key without its effect.
 * The key is looked up first (a replay runs nothing) and written once, with its answer, as the request's last write;
 * concurrent requests with one key queue on that write, and the later ones are undone and replay the first's answer.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    @Inject
    Jdbc jdbc;

    @Inject
    ObjectMapper mapper;

    @Inject
    Caller caller;

    @Inject
    PlainWrites writes;

    @Inject
    TransactionSynchronizationRegistry tsr;

    /**
     * Runs {@code action} once per (caller, key). Must be called inside the transaction of the action's effect.
     *
     * @param key the header value, or null when the client sent none (then the action simply runs)
     * @param operation what is being done, e.g. {@code POST /api/v1/inspections}: a key is not reusable across them
     * @param request the request body (its JSON form is hashed)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Response execute(String key, String operation, Object request, Supplier<Response> action) {
        if (key == null) {
            return action.get();
        }
        if (key.isEmpty() || key.length() > 200 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw ProblemException.invalidField(HEADER, "idempotency-key-invalid");
        }
        String who = caller.subject();
        String hash = hash(operation, request);
        Response first = answered(who, key, operation, hash);
        if (first != null) {
            return first;
        }
        Response response = action.get();
        String body = serialise(response.getEntity());
        if (body != null) {
            // The answer goes out as the text just recorded: written once, and the same bytes as any replay of it.
            response = Response.fromResponse(response).entity(body)
                    .type(response.getMediaType() != null ? response.getMediaType() : MediaType.APPLICATION_JSON_TYPE)
                    .build();
        }
        // The key and its answer in one row, written once, last, with the request's other last writes (PlainWrites).
        // A request with the same key that got here first and has not committed makes this INSERT wait for it; once
        // it commits, this one writes nothing, and everything this request did is undone in favour of its answer.
        int inserted = writes.update("INSERT INTO idempotency_record (caller, idem_key, operation, request_hash,"
                + " status, location, etag, response_body) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                who, key, operation, hash, response.getStatus(),
                response.getLocation() == null ? null : response.getLocation().toString(),
                response.getHeaderString(HttpHeaders.ETAG), body);
        if (inserted == 1) {
            return response;
        }
        first = answered(who, key, operation, hash);
        tsr.setRollbackOnly();
        if (first == null) {
            // Recorded and already purged by the janitor in between: the key is as good as new, try again.
            throw new ProblemException(409, "idempotency-in-progress");
        }
        return first;
    }

    /**
     * The answer recorded for this caller's key, to send again; null when the key is new. A key recorded for another
     * operation or body is refused (422).
     */
    private Response answered(String who, String key, String operation, String hash) {
        Object[] row = jdbc.call(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT operation, request_hash, status, location, etag,"
                    + " response_body FROM idempotency_record WHERE caller = ? AND idem_key = ?")) {
                ps.setString(1, who);
                ps.setString(2, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next()
                            ? new Object[]{rs.getString(1), rs.getString(2), rs.getObject(3), rs.getString(4),
                                    rs.getString(5), rs.getString(6)}
                            : null;
                }
            }
        });
        if (row == null) {
            return null;
        }
        if (!operation.equals(row[0]) || !hash.equals(row[1])) {
            throw new ProblemException(422, "idempotency-key-reused");
        }
        if (row[2] == null) {
            // A key claimed before its answer was written: how keys were recorded before the answer joined the key's
            // row. No such row outlives the janitor's retention.
            throw new ProblemException(409, "idempotency-in-progress");
        }
        Response.ResponseBuilder r = Response.status(((Number) row[2]).intValue()).header(REPLAYED_HEADER, "true");
        if (row[3] != null) {
            r.header(HttpHeaders.LOCATION, row[3]);
        }
        if (row[4] != null) {
            r.header(HttpHeaders.ETAG, row[4]);
        }
        if (row[5] != null) {
            r.entity(row[5]).type(MediaType.APPLICATION_JSON_TYPE);
        }
        return r.build();
    }

    private String serialise(Object entity) {
        if (entity == null) {
            return null;
        }
        try {
            return entity instanceof String s ? s : mapper.writeValueAsString(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot record the response of an idempotent request", e);
        }
    }

    private String hash(String operation, Object request) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(operation.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(mapper.writeValueAsBytes(request));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
