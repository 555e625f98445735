package vn.qcdc.api.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The problem body as the OpenAPI documents describe it: {@code incident} only on an unexpected error. */
class ProblemTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aClientThatWentAwayIsNotAnIncident() {
        assertTrue(InputProblemMappers
                .clientGone(new java.io.IOException(new java.nio.channels.ClosedChannelException())));
        assertTrue(InputProblemMappers.clientGone(new java.io.IOException(
                new java.io.IOException(new io.vertx.core.http.HttpClosedException("Connection was closed")))));
        assertFalse(InputProblemMappers.clientGone(new java.io.IOException("disk full")));
    }

    /** A row written at commit fails inside the transaction manager: the driver's error comes suppressed. */
    @Test
    void aUniqueViolationIsFoundAsCauseOrSuppressed() {
        java.sql.SQLException unique = new java.sql.SQLException("duplicate key", "23505");
        assertTrue(InputProblemMappers.isUniqueViolation(new RuntimeException(unique)));
        RuntimeException atCommit = new RuntimeException("rolled back");
        atCommit.addSuppressed(new IllegalStateException(unique));
        assertTrue(InputProblemMappers.isUniqueViolation(new RuntimeException(atCommit)));
        assertFalse(InputProblemMappers
                .isUniqueViolation(new RuntimeException(new java.sql.SQLException("no", "23503"))));
    }

    @Test
    void anUnexpectedErrorCarriesItsIncidentId() {
        Problem p = new Problem(URI.create(Problem.TYPE_BASE + "internal"), "Lỗi", 500, "Mã sự cố 42", "/api/v1/x",
                "internal", null).withIncident("42");
        JsonNode body = json.valueToTree(p);
        assertEquals("42", body.path("incident").asText());
        assertEquals("internal", body.path("code").asText());
    }

    @Test
    void otherProblemsHaveNoIncidentField() {
        JsonNode body = json.valueToTree(new Problem(URI.create(Problem.TYPE_BASE + "not-found"), "Không tìm thấy",
                404, "x", "/api/v1/x", "not-found", null));
        assertFalse(body.has("incident"));
        assertFalse(body.has("errors"));
    }
}
