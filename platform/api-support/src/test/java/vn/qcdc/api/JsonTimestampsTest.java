package vn.qcdc.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TimeZone;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The fast timestamp writer writes every timestamp in UTC, exactly as Jackson's own serializer writes it for a mapper
 * in UTC (Quarkus' settings otherwise: the Java time module, dates as text), for any offset, fraction and year.
 */
class JsonTimestampsTest {

    /** Jackson as Quarkus configures it, without our serializer (JsonWritingTest checks the service's mapper). */
    static ObjectMapper jacksons() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    static ObjectMapper ours() {
        ObjectMapper m = jacksons();
        new JsonTimestamps().customize(m);
        return m;
    }

    @Test
    void writesWhatJacksonWritesInUtc() throws Exception {
        ObjectMapper theirs = jacksons().setTimeZone(TimeZone.getTimeZone("UTC"));
        ObjectMapper ours = ours();
        List<OffsetDateTime> values = new ArrayList<>(List.of(
                OffsetDateTime.parse("2026-03-04T05:06:07.123456Z"),
                OffsetDateTime.parse("2026-04-05T06:07:08.654321+07:00"),
                OffsetDateTime.parse("2026-04-05T06:07:08-05:30:15"), // an offset with seconds
                OffsetDateTime.parse("2026-01-01T00:00:00Z"), // no fraction
                OffsetDateTime.parse("2026-01-01T00:00:00.100Z"), // trailing zeros
                OffsetDateTime.parse("2026-01-01T00:00:00.000000001Z"),
                OffsetDateTime.parse("2026-12-31T23:59:59.999999999-05:30"),
                OffsetDateTime.parse("0001-01-01T00:00:00Z"),
                OffsetDateTime.parse("9999-12-31T23:59:59.5Z"),
                OffsetDateTime.parse("+10000-01-01T00:00:00Z"), // beyond four digits: Jackson's own
                OffsetDateTime.parse("-0001-06-01T00:00:00Z")));
        SplittableRandom random = new SplittableRandom(11);
        for (int n = 0; n < 20_000; n++) {
            Instant at = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 253_000_000_000L),
                    switch (n % 4) {
                        case 0 -> 0;
                        case 1 -> random.nextInt(1000) * 1_000_000;
                        case 2 -> random.nextInt(1_000_000) * 1000;
                        default -> random.nextInt(1_000_000_000);
                    });
            int offset = n % 3 == 0 ? 0 : random.nextInt(-18 * 3600, 18 * 3600 + 1);
            values.add(
                    OffsetDateTime.ofInstant(at, ZoneOffset.ofTotalSeconds(n % 3 == 1 ? offset / 900 * 900 : offset)));
        }
        for (OffsetDateTime v : values) {
            assertEquals(theirs.writeValueAsString(v), ours.writeValueAsString(v), v.toString());
            assertEquals(theirs.writeValueAsString(Map.of("at", v)), ours.writeValueAsString(Map.of("at", v)));
        }
    }

    record Formatted(@JsonFormat(pattern = "dd/MM/yyyy HH:mm") OffsetDateTime at, OffsetDateTime plain) {
    }

    @Test
    void aPropertyWithItsOwnFormatKeepsIt() throws Exception {
        OffsetDateTime v = OffsetDateTime.parse("2026-04-05T06:07:08.654321+07:00");
        Formatted f = new Formatted(v, v);
        assertEquals("{\"at\":\"05/04/2026 06:07\",\"plain\":\"2026-04-04T23:07:08.654321Z\"}",
                ours().writeValueAsString(f));
    }

    @Test
    void aMapperWritingDatesAsNumbersOrInItsOwnZoneStillDoes() throws Exception {
        OffsetDateTime v = OffsetDateTime.parse("2026-04-05T06:07:08.654321+07:00");
        ObjectMapper theirs = jacksons().enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        ObjectMapper ours = ours().enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        assertEquals(theirs.writeValueAsString(v), ours.writeValueAsString(v));
        theirs = jacksons().setTimeZone(TimeZone.getTimeZone("UTC"));
        ours = ours().setTimeZone(TimeZone.getTimeZone("UTC"));
        assertEquals("\"2026-04-04T23:07:08.654321Z\"", theirs.writeValueAsString(v));
        assertEquals(theirs.writeValueAsString(v), ours.writeValueAsString(v));
        theirs = jacksons().setTimeZone(TimeZone.getTimeZone("Asia/Ho_Chi_Minh"));
        ours = ours().setTimeZone(TimeZone.getTimeZone("Asia/Ho_Chi_Minh"));
        assertEquals("\"2026-04-05T06:07:08.654321+07:00\"",
                ours.writeValueAsString(v.withOffsetSameInstant(ZoneOffset.UTC)));
        assertEquals(theirs.writeValueAsString(v), ours.writeValueAsString(v));
    }
}
