package vn.qcdc.api.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.qcdc.api.problem.ProblemException;
import vn.qcdc.api.security.Caller;
import vn.qcdc.backbone.PlainWrites;

/**
 * The {@code Idempotency-Key} contract of every POST: the same key with the same body returns the first result without
 * doing anything again; the same key with a different body is refused (422). The key is recorded in the same
 * transaction as the effect, so a crash can never leave an effect without its key or a key without its effect;
 * concurrent requests with one key queue on the key's row and the later ones replay the first one's answer.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Inject
    Caller caller;

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
        // Both statements touch only idempotency_record, which no entity maps: plain JDBC (PlainWrites); the
        // session's pending changes are not flushed first (they are written once, at commit).
        int inserted = PlainWrites.update(em, "INSERT INTO idempotency_record (caller, idem_key, operation,"
                + " request_hash) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", who, key, operation, hash);
        if (inserted == 0) {
            return replay(who, key, operation, hash);
        }
        Response response = action.get();
        String body = serialise(response.getEntity());
        if (body != null) {
            // The answer goes out as the text just recorded: written once, and the same bytes as any replay of it.
            response = Response.fromResponse(response).entity(body)
                    .type(response.getMediaType() != null ? response.getMediaType() : MediaType.APPLICATION_JSON_TYPE)
                    .build();
        }
        PlainWrites.update(em, "UPDATE idempotency_record SET status = ?, location = ?, etag = ?, response_body = ?"
                + " WHERE caller = ? AND idem_key = ?", response.getStatus(),
                response.getLocation() == null ? null : response.getLocation().toString(),
                response.getHeaderString(HttpHeaders.ETAG), body, who, key);
        return response;
    }

    private Response replay(String who, String key, String operation, String hash) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT operation, request_hash, status, location, etag,"
                + " response_body FROM idempotency_record WHERE caller = ?1 AND idem_key = ?2")
                .setParameter(1, who).setParameter(2, key).getResultList();
        if (rows.isEmpty()) {
            throw new ProblemException(409, "idempotency-in-progress");
        }
        Object[] row = rows.get(0);
        if (!operation.equals(row[0]) || !hash.equals(row[1])) {
            throw new ProblemException(422, "idempotency-key-reused");
        }
        if (row[2] == null) {
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
