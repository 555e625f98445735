package vn.qcdc.inspection.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.OffsetDateTime;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.quarkus.test.junit.QuarkusTest;

import vn.qcdc.api.JsonTimestamps;

/**
 * The service's JSON (the REST layer's mapper) writes timestamps with the platform's fast writer, registered after
 * Quarkus' own Java time module (which would otherwise win). That it writes what Jackson writes is
 * {@code JsonTimestampsTest}'s.
 */
@QuarkusTest
class JsonWritingTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void timestampsGoThroughTheFastWriter() throws Exception {
        assertInstanceOf(JsonTimestamps.Serializer.class,
                mapper.getSerializerProviderInstance().findValueSerializer(OffsetDateTime.class));
    }

    /**
     * The settings under which the fast writer takes over from Jackson's own (JsonTimestampsTest's mapper has them):
     * dates as text, no time zone of the mapper's; every timestamp written in UTC.
     */
    @Test
    void theMapperWritesDatesAsTextInUtc() throws Exception {
        SerializationConfig config = mapper.getSerializationConfig();
        assertFalse(config.isEnabled(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS));
        assertFalse(config.hasExplicitTimeZone());
        assertEquals("\"2026-04-04T23:07:08.65Z\"",
                mapper.writeValueAsString(OffsetDateTime.parse("2026-04-05T06:07:08.650+07:00")));
    }
}
