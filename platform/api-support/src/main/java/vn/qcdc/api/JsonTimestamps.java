package vn.qcdc.api;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.ContextualSerializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.ser.OffsetDateTimeSerializer;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Writes every {@link OffsetDateTime} of the API in UTC ({@code 2026-03-04T05:06:07.123456Z}), as Jackson's own
 * serializer writes it for a mapper in UTC (ISO-8601; no fraction when it is zero, trailing zeros of the fraction
 * dropped), with a few character writes instead of a general {@link DateTimeFormatter}.
 *
 * <p>
 * UTC, because that is how the database hands every stored time back: a time the service has just stamped (in
 * Vietnam's zone, {@code +07:00}) used to be answered in that zone by the write and in UTC by every later read.
 * Clients (and people) now see one form for one instant. The web console shows times in Vietnam's time.
 *
 * <p>
 * Speed: a page of 50 recommendations carries 100-200 timestamps, and formatting them was ~9% of the service's CPU
 * for a list (issue 11). Years outside 0000-9999 go to Jackson's own serializer (in UTC too); so do a mapper set to
 * write dates as numbers or in a time zone of its own, and a property with a {@code @JsonFormat}, which keep what
 * they ask for. {@code JsonTimestampsTest} compares both on many values.
 */
@Singleton
public class JsonTimestamps implements ObjectMapperCustomizer {

    /** Applied last: after the modules Quarkus registers (its Java time module would otherwise win). */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("qcdc-timestamps").addSerializer(OffsetDateTime.class,
                new Serializer()));
    }

    public static final class Serializer extends StdSerializer<OffsetDateTime> implements ContextualSerializer {

        Serializer() {
            super(OffsetDateTime.class);
        }

        /** A property with a {@code @JsonFormat} of its own (none has one today) gets Jackson's serializer. */
        @Override
        public JsonSerializer<?> createContextual(SerializerProvider provider, BeanProperty property)
                throws JsonMappingException {
            JsonFormat.Value format = findFormatOverrides(provider, property, handledType());
            if (format != null && (format.hasPattern() || format.hasShape() || format.hasTimeZone()
                    || format.hasLocale() || format.hasLenient())) {
                return OffsetDateTimeSerializer.INSTANCE.createContextual(provider, property);
            }
            return this;
        }

        @Override
        public void serialize(OffsetDateTime value, JsonGenerator gen, SerializerProvider provider)
                throws IOException {
            if (provider.isEnabled(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    || (provider.getConfig().hasExplicitTimeZone()
                            && provider.isEnabled(SerializationFeature.WRITE_DATES_WITH_CONTEXT_TIME_ZONE))) {
                // a mapper with settings of its own: Jackson's serializer, as they ask
                OffsetDateTimeSerializer.INSTANCE.serialize(value, gen, provider);
                return;
            }
            OffsetDateTime utc = value.withOffsetSameInstant(ZoneOffset.UTC); // itself when already in UTC
            char[] text = new char[40];
            int length = format(utc, text);
            if (length < 0) {
                // a year of more than four digits
                OffsetDateTimeSerializer.INSTANCE.serialize(utc, gen, provider);
            } else {
                gen.writeString(text, 0, length);
            }
        }
    }

    /**
     * {@code value} as ISO-8601 with its own offset into {@code out} (40 chars), as
     * {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} writes it; its length, or -1 for a year beyond 0-9999.
     */
    static int format(OffsetDateTime value, char[] out) {
        int year = value.getYear();
        if (year < 0 || year > 9999) {
            return -1;
        }
        int i = digits(year, 4, out, 0);
        out[i++] = '-';
        i = digits(value.getMonthValue(), 2, out, i);
        out[i++] = '-';
        i = digits(value.getDayOfMonth(), 2, out, i);
        out[i++] = 'T';
        i = digits(value.getHour(), 2, out, i);
        out[i++] = ':';
        i = digits(value.getMinute(), 2, out, i);
        out[i++] = ':';
        i = digits(value.getSecond(), 2, out, i);
        int nano = value.getNano();
        if (nano > 0) {
            out[i++] = '.';
            int width = 9;
            while (nano % 10 == 0) {
                nano /= 10;
                width--;
            }
            i = digits(nano, width, out, i);
        }
        // "Z", "+07:00" or "-05:30:15": what the ISO formatter writes for an offset
        String offset = value.getOffset().getId();
        offset.getChars(0, offset.length(), out, i);
        return i + offset.length();
    }

    /** {@code value} as {@code width} decimal digits, zero-padded, at {@code at}; the index after them. */
    private static int digits(int value, int width, char[] out, int at) {
        for (int k = at + width - 1; k >= at; k--) {
            out[k] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }
}
